import * as path from 'path';
import { Construct, FrameworkKind, Side } from '../frameworks/types';
import { ActorDecl, Declaration, MethodDecl, QuestionDecl, ServiceDecl, StudyDecl, ToolDecl, TouchpointDecl } from '../model/ast';
import { keysOf } from '../model/keys';
import { computeCoverage, constructTargets, CoverageStatus, journey, methodSides, questionsByTouchpoint, sideOfActor, touchpointSides, touchpointsOf } from '../model/analysis';
import { FrameworkSelection, ReferenceProblemRule, StudyModel } from '../model/model';
import { ConsentType, GUIDED_METHODS, METHOD_KINDS, ROLES } from '../model/schema';
import { EMPTY_RANGE, Range } from '../common/range';
import { buildCodebook, Codebook, CodebookCode, CodeFamily } from '../model/codebook';
import { consentOf, identifiabilityOf, Identifiability, incentiveOf, participantGroups, recruits } from '../model/fieldwork';
import { buildChart } from './chart';
import { itemStatus, standardsFor } from './checklist';
import { consentId } from './consent';
import { guideId } from './guides';
import { declaredKeysJson, KeysJson, SampleJson } from './jsonKeys';
import { pisId } from './pis';

/** The published schema this export follows (`schemas/study.schema.json`). */
export const STUDY_SCHEMA_ID = 'https://studyspec.dev/schemas/study.schema.json';

/** Where a declaration is written: `file` relative to the study's folder (forward slashes), `line` 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
}

export type Role = (typeof ROLES)[number];
export type MethodKind = (typeof METHOD_KINDS)[number];

/** The study block: every declared key but `frameworks` (the top-level list). */
export interface StudyInfoJson extends KeysJson<'study', 'frameworks'> {
  name: string;
  label: string | null;
  location: SourceLocation;
}

export interface FrameworkJsonEntry {
  id: string;
  name: string;
  kind: FrameworkKind;
  citation: string;
  version: string | null;
  url: string | null;
  /** what `frameworks:` selects: the framework id, or the dotted path of one part of it */
  selected: string;
  /** the selected part's name, or null when the whole framework is selected */
  part: string | null;
  builtin: boolean;
  /** a user's framework file, relative to the study's folder; null for a built-in */
  file: string | null;
  location: SourceLocation;
}

export interface ActorJson extends KeysJson<'actor', 'vulnerable'> {
  name: string;
  label: string | null;
  role: Role | null;
  side: Side | null;
  vulnerable: boolean;
  location: SourceLocation;
}

export interface ToolJson extends KeysJson<'tool'> {
  name: string;
  label: string | null;
  location: SourceLocation;
}

export interface TouchpointJson extends KeysJson<'touchpoint', 'backstage'> {
  name: string;
  label: string | null;
  /** 1-based position in the whole journey */
  step: number;
  backstage: boolean;
  /** the sides that meet here; with no actors listed, both */
  sides: Side[];
  /** questions about this touchpoint, directly or through its service */
  questions: string[];
  location: SourceLocation;
}

export interface ServiceJson extends KeysJson<'service'> {
  name: string;
  label: string | null;
  touchpoints: TouchpointJson[];
  location: SourceLocation;
}

export interface ConstructRefJson {
  path: string;
  name: string;
  framework: string;
}

export interface QuestionJson extends KeysJson<'question', 'constructs'> {
  name: string;
  label: string | null;
  constructs: ConstructRefJson[];
  /** every touchpoint the question is about, services expanded, in journey order */
  touchpoints: string[];
  location: SourceLocation;
}

export type { SampleJson };

/** Where a method's value comes from: its own key, or the ethics block's. */
export type Source = 'method' | 'ethics';

/** What applies to a method once the ethics block's answers and the recording are taken into account. */
export interface EffectiveJson {
  /** its own `consent`, else `ethics.consent` when it recruits participants */
  consent: { type: ConsentType; from: Source } | null;
  /** `data:`, else identifiable when it records audio or video */
  identifiability: { level: Identifiability; from: 'data' | 'recording' } | null;
  /** its own `incentive`, else `ethics.incentives`; null when it recruits no one */
  incentive: { text: string; from: Source } | null;
}

export interface MethodJson extends KeysJson<'method'> {
  name: string;
  label: string | null;
  kind: MethodKind | null;
  sides: Side[];
  effective: EffectiveJson;
  /** the file stem of its interview guide (`guide-<method>`); null when it gets none */
  guide: string | null;
  location: SourceLocation;
}

export interface ExclusionJson {
  path: string;
  /** what the path names; 'unresolved' when it names nothing */
  target: 'framework' | 'construct' | 'unresolved';
  reason: string;
  location: SourceLocation;
}

export interface EthicsJson extends KeysJson<'ethics'> {
  location: SourceLocation;
}

export interface CoverageJson {
  path: string;
  name: string;
  framework: string;
  /** what `frameworks:` selected that asks for this construct */
  selected: string;
  status: CoverageStatus;
  questions: string[];
  exclusion: { path: string; reason: string } | null;
}

/** One code of the codebook (server/model/codebook.ts), flattened: its parent by GUID. */
export interface CodeJson {
  guid: string;
  name: string;
  family: CodeFamily;
  /** the construct's dotted path, the touchpoint's or service's name, the framework's id; null for the journey's root */
  ref: string | null;
  /** the parent code's GUID; null for a root */
  parent: string | null;
  codable: boolean;
  color: string;
  questions: string[];
  groups: string[];
}

export interface CodeSetJson {
  guid: string;
  name: string;
  /** the research question or participant group (method) it is for */
  question: string | null;
  group: string | null;
  members: string[];
}

export interface UnresolvedJson {
  /** the reference or framework path as written */
  reference: string;
  /** the property key it is written under, or "exclude" */
  property: string;
  rule: ReferenceProblemRule | 'invalid-framework';
  message: string;
  location: SourceLocation;
}

/** One participant group: the actors of one side who take part in the same methods; one information sheet and consent form each. */
export interface ParticipantGroupJson {
  id: string;
  side: Side | null;
  actors: string[];
  methods: string[];
  /** the file stems of its information sheet and consent form */
  information_sheet: string;
  consent_form: string;
}

export type ChecklistStatus = 'addressed' | 'partly' | 'not_addressed' | 'after_fieldwork' | 'by_hand';

export interface ChecklistItemJson {
  item: string;
  topic: string;
  asks: string;
  status: ChecklistStatus;
  /** the protocol sections that answer it, or what to do */
  where: string;
  /** the keys still to give, e.g. `study.aims`, `method.analysis` */
  missing: string[];
}

export interface ChecklistStandardJson {
  standard: 'stari' | 'srqr' | 'spirit';
  name: string;
  citation: string;
  items: ChecklistItemJson[];
}

/** One sheet of the charting matrix: a participant group (method) with a row per planned participant. */
export interface ChartSheetJson {
  method: string;
  sheet: string;
  rows: number;
}

/** The whole resolved model of a study, as `schemas/study.schema.json` describes it. */
export interface StudyJson {
  $schema: string;
  /** null for a fragment (a file without a study) */
  study: StudyInfoJson | null;
  /** the root file and the files it imports, relative to the study's folder */
  files: string[];
  frameworks: FrameworkJsonEntry[];
  actors: ActorJson[];
  tools: ToolJson[];
  /** services in file order, each with its touchpoints in journey order */
  services: ServiceJson[];
  questions: QuestionJson[];
  methods: MethodJson[];
  exclusions: ExclusionJson[];
  ethics: EthicsJson | null;
  /** who gets an information sheet and a consent form */
  participant_groups: ParticipantGroupJson[];
  coverage: CoverageJson[];
  /** the codebook's codes (frameworks, then the touchpoints), each before its children, and its sets */
  codebook: { codes: CodeJson[]; sets: CodeSetJson[] };
  /** the sheets of the charting matrix (chart.xlsx) */
  chart: { sheets: ChartSheetJson[] };
  /** the reporting standards the study reports against, each item with where the protocol answers it */
  checklist: ChecklistStandardJson[];
  /** references that name nothing (or the wrong kind of thing); they are left out above */
  unresolved: UnresolvedJson[];
}

function names(declarations: { name: { text: string } }[]): string[] {
  return declarations.map((d) => d.name.text);
}

function sides(set: Set<Side>): Side[] {
  return (['service_user', 'staff'] as const).filter((side) => set.has(side));
}

/** Exports the resolved model; never throws on a partial or broken study. */
export function exportStudyJson(model: StudyModel): StudyJson {
  const folder = path.dirname(model.root.path);
  const relative = (file: string): string => path.relative(folder, file).split(path.sep).join('/') || path.basename(file);
  const at = (file: string, range: Range): SourceLocation => ({ file: relative(file), line: range.start.line + 1 });
  const locate = (decl: Declaration | StudyDecl): SourceLocation => at(decl.file, decl.name.text ? decl.name.range : decl.keywordRange);
  const label = (decl: { label?: { text: string } }): string | null => decl.label?.text ?? null;

  const study = model.study;
  const book = buildCodebook(model);
  const order = journey(model);
  // each touchpoint's place in the journey, looked up per touchpoint (indexOf made the export quadratic)
  const stepIndex = new Map<TouchpointDecl, number>();
  order.forEach((tp, i) => stepIndex.has(tp) || stepIndex.set(tp, i));
  const indexInJourney = (tp: TouchpointDecl): number => stepIndex.get(tp) ?? -1;
  const byTouchpoint = questionsByTouchpoint(model);

  const touchpointJson = (tp: TouchpointDecl): TouchpointJson => ({
    name: tp.name.text,
    label: label(tp),
    step: indexInJourney(tp) + 1,
    ...declaredKeysJson(model, tp, { backstage: keysOf(tp).backstage ?? false }),
    sides: sides(touchpointSides(model, tp)),
    questions: names(byTouchpoint.get(tp) ?? []),
    location: locate(tp),
  });

  const serviceJson = (service: ServiceDecl): ServiceJson => ({
    name: service.name.text,
    label: label(service),
    ...declaredKeysJson(model, service),
    touchpoints: service.touchpoints.map(touchpointJson),
    location: locate(service),
  });

  const actorJson = (actor: ActorDecl): ActorJson => ({
    name: actor.name.text,
    label: label(actor),
    role: actor.role && (ROLES as readonly string[]).includes(actor.role.text) ? (actor.role.text as Role) : null,
    side: sideOfActor(actor) ?? null,
    ...declaredKeysJson(model, actor, { vulnerable: keysOf(actor).vulnerable ?? false }),
    location: locate(actor),
  });

  const toolJson = (tool: ToolDecl): ToolJson => ({ name: tool.name.text, label: label(tool), ...declaredKeysJson(model, tool), location: locate(tool) });

  const constructJson = (c: Construct): ConstructRefJson => ({ path: c.path, name: c.name, framework: c.framework.id });

  const questionJson = (question: QuestionDecl): QuestionJson => {
    const keys = keysOf(question);
    const touchpoints = touchpointsOf(model, question).sort((a, b) => indexInJourney(a) - indexInJourney(b));
    const seen = new Set<Construct>();
    const constructs = constructTargets(model, keys.constructs)
      .filter((c) => !seen.has(c) && seen.add(c))
      .map(constructJson);
    return {
      name: question.name.text,
      label: label(question),
      ...declaredKeysJson(model, question, { constructs }),
      touchpoints: names(touchpoints),
      location: locate(question),
    };
  };

  const methodJson = (method: MethodDecl): MethodJson => {
    const kind = method.methodKind?.text;
    // a method that recruits no one takes no consent and pays no one, unless it says so itself (as the protocol prints it)
    const recruiting = recruits(method);
    const consent = consentOf(model, method);
    const identifiability = identifiabilityOf(method);
    const incentive = recruiting ? incentiveOf(model, method) : undefined;
    return {
      name: method.name.text,
      label: label(method),
      kind: kind !== undefined && (METHOD_KINDS as readonly string[]).includes(kind) ? (kind as MethodKind) : null,
      ...declaredKeysJson(model, method),
      sides: sides(methodSides(model, method)),
      effective: {
        consent: consent && (recruiting || consent.fromMethod) ? { type: consent.type, from: consent.fromMethod ? 'method' : 'ethics' } : null,
        identifiability: identifiability ? { level: identifiability.level, from: identifiability.stated ? 'data' : 'recording' } : null,
        incentive: incentive ? { text: incentive.text, from: incentive.fromMethod ? 'method' : 'ethics' } : null,
      },
      guide: kind !== undefined && GUIDED_METHODS.includes(kind) ? guideId(method) : null,
      location: locate(method),
    };
  };

  const frameworkJson = (selection: FrameworkSelection): FrameworkJsonEntry[] => {
    const framework = selection.framework;
    if (!framework) return [];
    const partPath = selection.ref && selection.ref.segments.length > 1 ? selection.ref.path : undefined;
    if (partPath !== undefined && !selection.construct) return [];
    const value = selection.ref ?? selection.pathValue;
    return [
      {
        id: framework.id,
        name: framework.name,
        kind: framework.kind,
        citation: framework.citation,
        version: framework.version ?? null,
        url: framework.url ?? null,
        selected: selection.construct?.path ?? framework.id,
        part: selection.construct?.name ?? null,
        builtin: framework.builtin,
        file: framework.builtin ? null : relative(framework.file),
        location: at(selection.file, value?.range ?? EMPTY_RANGE),
      },
    ];
  };

  const exclusions: ExclusionJson[] = model.excludes.map((exclude) => {
    const site = exclude.ref ? model.referenceByValue.get(exclude.ref) : undefined;
    const target: ExclusionJson['target'] = !site || site.problem ? 'unresolved' : site.construct ? 'construct' : site.framework ? 'framework' : 'unresolved';
    return { path: exclude.ref?.path ?? '', target, reason: exclude.rationale?.text ?? '', location: at(exclude.file, exclude.ref?.range ?? exclude.keywordRange) };
  });

  const ethicsDecl = model.ethics;
  const ethics: EthicsJson | null = ethicsDecl ? { ...declaredKeysJson(model, ethicsDecl), location: at(ethicsDecl.file, ethicsDecl.keywordRange) } : null;

  const groups: ParticipantGroupJson[] = participantGroups(model).map((group) => ({
    id: group.id,
    side: group.side ?? null,
    actors: names(group.actors),
    methods: names(group.methods),
    information_sheet: pisId(group),
    consent_form: consentId(group),
  }));

  const coverage: CoverageJson[] = computeCoverage(model).map((target) => ({
    path: target.construct.path,
    name: target.construct.name,
    framework: target.construct.framework.id,
    selected: target.selection.construct?.path ?? target.construct.framework.id,
    status: target.status,
    questions: names(target.questions),
    exclusion: target.exclusion ? { path: target.exclusion.ref?.path ?? '', reason: target.exclusion.rationale?.text ?? '' } : null,
  }));

  const unresolved: UnresolvedJson[] = [];
  for (const site of model.references) {
    if (!site.problem) continue;
    unresolved.push({ reference: site.value.path, property: site.key, rule: site.problem.rule, message: site.problem.message, location: at(site.file, site.value.range) });
  }
  for (const selection of model.selections) {
    const load = selection.load;
    if (!selection.pathValue || !load || load.status === 'ok') continue;
    unresolved.push({
      reference: selection.pathValue.text,
      property: 'frameworks',
      rule: load.status === 'missing' ? 'unknown-framework' : 'invalid-framework',
      message: load.status === 'missing' ? `Cannot read the framework file '${selection.pathValue.text}'` : `The framework file '${selection.pathValue.text}' is not a valid framework`,
      location: at(selection.file, selection.pathValue.range),
    });
  }
  unresolved.sort((a, b) => (a.location.file === b.location.file ? a.location.line - b.location.line : a.location.file < b.location.file ? -1 : 1));

  return {
    $schema: STUDY_SCHEMA_ID,
    study: study ? { name: study.name.text, label: label(study), ...declaredKeysJson(model, study), location: locate(study) } : null,
    files: model.files.map((file) => relative(file.path)),
    frameworks: model.selections.flatMap(frameworkJson),
    actors: model.actors.map(actorJson),
    tools: model.tools.map(toolJson),
    services: model.services.map(serviceJson),
    questions: model.questions.map(questionJson),
    methods: model.methods.map(methodJson),
    exclusions,
    ethics,
    participant_groups: groups,
    coverage,
    codebook: codebookJson(book),
    chart: { sheets: buildChart(book).sheets.map((sheet) => ({ method: sheet.group.name.text, sheet: sheet.name, rows: sheet.participants.length })) },
    checklist: checklistJson(model),
    unresolved,
  };
}

function codebookJson(book: Codebook): StudyJson['codebook'] {
  const codes: CodeJson[] = [];
  const add = (entry: CodebookCode, parent: string | null): void => {
    const ref = entry.construct?.path ?? entry.touchpoint?.name.text ?? entry.service?.name.text ?? (entry.family === 'framework' ? (entry.framework?.id ?? null) : null);
    codes.push({
      guid: entry.guid,
      name: entry.name,
      family: entry.family,
      ref,
      parent,
      codable: entry.codable,
      color: entry.color,
      questions: entry.questions.map((q) => q.name.text),
      groups: entry.groups.map((g) => g.name.text),
    });
    for (const child of entry.children) add(child, entry.guid);
  };
  for (const root of [...book.frameworks, ...(book.journey ? [book.journey] : [])]) add(root, null);
  const sets = book.sets.map((set) => ({ guid: set.guid, name: set.name, question: set.question?.name.text ?? null, group: set.group?.name.text ?? null, members: set.members.map((m) => m.guid) }));
  return { codes, sets };
}

const STATUS_IDS: Record<ReturnType<typeof itemStatus>['status'], ChecklistStatus> = {
  addressed: 'addressed',
  partly: 'partly',
  'not addressed': 'not_addressed',
  'after fieldwork': 'after_fieldwork',
  'by hand': 'by_hand',
};

function checklistJson(model: StudyModel): ChecklistStandardJson[] {
  return standardsFor(model).map((standard) => ({
    standard: standard.id,
    name: standard.name,
    citation: standard.citation,
    items: standard.items.map((item) => {
      const status = itemStatus(model, item);
      return { item: item.item, topic: item.topic, asks: item.asks, status: STATUS_IDS[status.status], where: status.where, missing: [...status.missing] };
    }),
  }));
}
