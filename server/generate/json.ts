import * as path from 'path';
import { Construct, FrameworkKind, Side } from '../frameworks/types';
import { ActorDecl, Declaration, MethodDecl, QuestionDecl, ServiceDecl, StudyDecl, ToolDecl, TouchpointDecl } from '../model/ast';
import { keysOf } from '../model/keys';
import { computeCoverage, constructTargets, CoverageStatus, journey, methodSides, questionsByTouchpoint, sideOfActor, targets, touchpointSides, touchpointsOf } from '../model/analysis';
import { FrameworkSelection, ReferenceProblemRule, StudyModel } from '../model/model';
import { EnumOf, METHOD_KINDS, ROLES } from '../model/schema';
import { EMPTY_RANGE, Range } from '../common/range';
import { buildCodebook, CodebookCode, CodeFamily } from '../model/codebook';

/** The published schema this export follows (`schemas/study.schema.json`). */
export const STUDY_SCHEMA_ID = 'https://studyspec.dev/schemas/study.schema.json';

/** Where a declaration is written: `file` relative to the study's folder (forward slashes), `line` 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
}

export type Channel = EnumOf<'touchpoint', 'channel'>;
export type Role = (typeof ROLES)[number];
export type MethodKind = (typeof METHOD_KINDS)[number];
export type Perspective = EnumOf<'question', 'perspective'>;
export type Design = EnumOf<'study', 'design'>;
export type MethodMode = EnumOf<'method', 'mode'>;
export type Recording = EnumOf<'method', 'recording'>;
export type DataLevel = EnumOf<'method', 'data'>;
export type Classification = EnumOf<'ethics', 'classification'>;
export type Consent = EnumOf<'ethics', 'consent'>;

export interface StudyInfoJson {
  name: string;
  label: string | null;
  summary: string | null;
  design: Design | null;
  setting: string | null;
  duration: string | null;
  version: string | null;
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

export interface ActorJson {
  name: string;
  label: string | null;
  role: Role | null;
  side: Side | null;
  vulnerable: boolean;
  description: string | null;
  location: SourceLocation;
}

export interface ToolJson {
  name: string;
  label: string | null;
  description: string | null;
  platform: string | null;
  codesigned: boolean | null;
  location: SourceLocation;
}

export interface TouchpointJson {
  name: string;
  label: string | null;
  /** 1-based position in the whole journey */
  step: number;
  stage: string | null;
  channel: Channel | null;
  via: string[];
  actors: string[];
  /** the sides that meet here; with no actors listed, both */
  sides: Side[];
  coproduction: string[];
  backstage: boolean;
  /** questions about this touchpoint, directly or through its service */
  questions: string[];
  location: SourceLocation;
}

export interface ServiceJson {
  name: string;
  label: string | null;
  description: string | null;
  provider: string | null;
  touchpoints: TouchpointJson[];
  location: SourceLocation;
}

export interface ConstructRefJson {
  path: string;
  name: string;
  framework: string;
}

export interface QuestionJson {
  name: string;
  label: string | null;
  /** touchpoints and services as the question names them */
  about: string[];
  /** every touchpoint the question is about, services expanded, in journey order */
  touchpoints: string[];
  perspective: Perspective | null;
  constructs: ConstructRefJson[];
  methods: string[];
  probes: string[];
  location: SourceLocation;
}

export interface SampleJson {
  min: number;
  max: number;
}

export interface MethodJson {
  name: string;
  label: string | null;
  kind: MethodKind | null;
  participants: string[];
  sides: Side[];
  sample: SampleJson | null;
  mode: MethodMode | null;
  recording: Recording | null;
  source: string | null;
  instrument: string | null;
  data: DataLevel | null;
  location: SourceLocation;
}

export interface ExclusionJson {
  path: string;
  /** what the path names; 'unresolved' when it names nothing */
  target: 'framework' | 'construct' | 'unresolved';
  reason: string;
  location: SourceLocation;
}

export interface EthicsJson {
  classification: Classification | null;
  consent: Consent | null;
  lawful_basis: string | null;
  retention: string | null;
  withdrawal: string | null;
  distress_protocol: string | null;
  capacity: string | null;
  record_access: string | null;
  incentives: string | null;
  public_involvement: string | null;
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
  coverage: CoverageJson[];
  /** the codebook's codes (frameworks, then the touchpoints), each before its children, and its sets */
  codebook: { codes: CodeJson[]; sets: CodeSetJson[] };
  /** references that name nothing (or the wrong kind of thing); they are left out above */
  unresolved: UnresolvedJson[];
}

function names(declarations: { name: { text: string } }[]): string[] {
  return declarations.map((d) => d.name.text);
}

function sides(set: Set<Side>): Side[] {
  return (['service_user', 'staff'] as const).filter((side) => set.has(side));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Exports the resolved model; never throws on a partial or broken study. */
export function exportStudyJson(model: StudyModel): StudyJson {
  const folder = path.dirname(model.root.path);
  const relative = (file: string): string => path.relative(folder, file).split(path.sep).join('/') || path.basename(file);
  const at = (file: string, range: Range): SourceLocation => ({ file: relative(file), line: range.start.line + 1 });
  const locate = (decl: Declaration | StudyDecl): SourceLocation => at(decl.file, decl.name.text ? decl.name.range : decl.keywordRange);
  const label = (decl: { label?: { text: string } }): string | null => decl.label?.text ?? null;

  const study = model.study;
  const order = journey(model);
  const byTouchpoint = questionsByTouchpoint(model);

  const touchpointJson = (tp: TouchpointDecl): TouchpointJson => {
    const keys = keysOf(tp);
    return {
      name: tp.name.text,
      label: label(tp),
      step: order.indexOf(tp) + 1,
      stage: keys.stage ?? null,
      channel: keys.channel ?? null,
      via: names(targets(model, keys.via, 'tool')),
      actors: names(targets(model, keys.actors, 'actor')),
      sides: sides(touchpointSides(model, tp)),
      coproduction: unique(constructTargets(model, keys.coproduction).map((c) => c.path)),
      backstage: keys.backstage ?? false,
      questions: names(byTouchpoint.get(tp) ?? []),
      location: locate(tp),
    };
  };

  const serviceJson = (service: ServiceDecl): ServiceJson => ({
    name: service.name.text,
    label: label(service),
    description: keysOf(service).description ?? null,
    provider: keysOf(service).provider ?? null,
    touchpoints: service.touchpoints.map(touchpointJson),
    location: locate(service),
  });

  const actorJson = (actor: ActorDecl): ActorJson => ({
    name: actor.name.text,
    label: label(actor),
    role: actor.role && (ROLES as readonly string[]).includes(actor.role.text) ? (actor.role.text as Role) : null,
    side: sideOfActor(actor) ?? null,
    vulnerable: keysOf(actor).vulnerable ?? false,
    description: keysOf(actor).description ?? null,
    location: locate(actor),
  });

  const toolJson = (tool: ToolDecl): ToolJson => ({
    name: tool.name.text,
    label: label(tool),
    description: keysOf(tool).description ?? null,
    platform: keysOf(tool).platform ?? null,
    codesigned: keysOf(tool).codesigned ?? null,
    location: locate(tool),
  });

  const constructJson = (c: Construct): ConstructRefJson => ({ path: c.path, name: c.name, framework: c.framework.id });

  const questionJson = (question: QuestionDecl): QuestionJson => {
    const keys = keysOf(question);
    const about = [...targets(model, keys.about, 'touchpoint'), ...targets(model, keys.about, 'service')];
    const position = (d: Declaration): number => keys.about.findIndex((v) => model.referenceByValue.get(v)?.declaration === d);
    about.sort((a, b) => position(a) - position(b));
    const touchpoints = touchpointsOf(model, question).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const seen = new Set<Construct>();
    return {
      name: question.name.text,
      label: label(question),
      about: unique(names(about)),
      touchpoints: names(touchpoints),
      perspective: keys.perspective ?? null,
      constructs: constructTargets(model, keys.constructs)
        .filter((c) => !seen.has(c) && seen.add(c))
        .map(constructJson),
      methods: names(targets(model, keys.methods, 'method')),
      probes: [...keys.probes],
      location: locate(question),
    };
  };

  const methodJson = (method: MethodDecl): MethodJson => {
    const keys = keysOf(method);
    const sample = keys.sample;
    const kind = method.methodKind?.text;
    return {
      name: method.name.text,
      label: label(method),
      kind: kind !== undefined && (METHOD_KINDS as readonly string[]).includes(kind) ? (kind as MethodKind) : null,
      participants: names(targets(model, keys.participants, 'actor')),
      sides: sides(methodSides(model, method)),
      sample: sample ? { min: sample.min, max: sample.max } : null,
      mode: keys.mode ?? null,
      recording: keys.recording ?? null,
      source: keys.source ?? null,
      instrument: keys.instrument ?? null,
      data: keys.data ?? null,
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
  const ethicsKeys = ethicsDecl && keysOf(ethicsDecl);
  const ethics: EthicsJson | null =
    ethicsDecl && ethicsKeys
      ? {
          classification: ethicsKeys.classification ?? null,
          consent: ethicsKeys.consent ?? null,
          lawful_basis: ethicsKeys.lawful_basis ?? null,
          retention: ethicsKeys.retention ?? null,
          withdrawal: ethicsKeys.withdrawal ?? null,
          distress_protocol: ethicsKeys.distress_protocol ?? null,
          capacity: ethicsKeys.capacity ?? null,
          record_access: ethicsKeys.record_access ?? null,
          incentives: ethicsKeys.incentives ?? null,
          public_involvement: ethicsKeys.public_involvement ?? null,
          location: at(ethicsDecl.file, ethicsDecl.keywordRange),
        }
      : null;

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
    study: study
      ? {
          name: study.name.text,
          label: label(study),
          summary: keysOf(study).summary ?? null,
          design: keysOf(study).design ?? null,
          setting: keysOf(study).setting ?? null,
          duration: keysOf(study).duration ?? null,
          version: keysOf(study).version ?? null,
          location: locate(study),
        }
      : null,
    files: model.files.map((file) => relative(file.path)),
    frameworks: model.selections.flatMap(frameworkJson),
    actors: model.actors.map(actorJson),
    tools: model.tools.map(toolJson),
    services: model.services.map(serviceJson),
    questions: model.questions.map(questionJson),
    methods: model.methods.map(methodJson),
    exclusions,
    ethics,
    coverage,
    codebook: codebookJson(model),
    unresolved,
  };
}

function codebookJson(model: StudyModel): StudyJson['codebook'] {
  const book = buildCodebook(model);
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
