/**
 * The study's coding frame, for qualitative analysis: the codes a team codes transcripts with,
 * derived from what the study selects (frameworks, less exclusions), the questions that ask about
 * each construct, the participant groups asked, and the touchpoints in journey order. The
 * generators (codebook.qdc/csv/md/html/docx, chart.xlsx) render this one model.
 *
 * Codes nest framework → domain → construct → sub-construct. A framework, a grouping node and an
 * ancestor the study does not select itself organise codes but cannot be coded. Each code's GUID
 * is a UUID version 5 (RFC 4122 §4.3, SHA-1) of what it stands for ("construct:npt.coherence",
 * "touchpoint:plan_together"), so re-exporting after an edit keeps every code's GUID and a QDA
 * project can merge the new codebook; renaming a construct's id gives it a new one.
 */
import * as crypto from 'crypto';
import { Construct, Framework, isSelfOrAncestor } from '../frameworks/types';
import { constructTargets, questionsByTouchpoint, recruitingMethods, touchpointsOf } from './analysis';
import { MethodDecl, QuestionDecl, ServiceDecl, TouchpointDecl } from './ast';
import { guideQuestions } from './guidePlan';
import { keysOf } from './keys';
import { StudyModel } from './model';

export type CodeFamily = 'framework' | 'construct' | 'journey' | 'service' | 'touchpoint';

export interface CodebookCode {
  guid: string;
  /** what the GUID is derived from: "framework:npt", "construct:npt.coherence", "touchpoint:plan_together" */
  key: string;
  name: string;
  family: CodeFamily;
  codable: boolean;
  /** #RRGGBB, one per framework; the journey's codes share one */
  color: string;
  framework?: Framework;
  construct?: Construct;
  touchpoint?: TouchpointDecl;
  service?: ServiceDecl;
  definition?: string;
  useWhen?: string;
  notWhen?: string;
  /** the questions that ask about it (for a construct: naming it, anything below it or above it), in file order */
  questions: QuestionDecl[];
  /** the participant groups (recruiting methods) those questions are put to, in file order */
  groups: MethodDecl[];
  children: CodebookCode[];
}

export interface CodebookSet {
  guid: string;
  name: string;
  description: string;
  question?: QuestionDecl;
  group?: MethodDecl;
  members: CodebookCode[];
}

export interface Codebook {
  /** one root code per framework, in the order of `frameworks:` */
  frameworks: CodebookCode[];
  /** the touchpoints in journey order, under their services; undefined without touchpoints */
  journey?: CodebookCode;
  /** one set per research question, then one per participant group */
  sets: CodebookSet[];
  /** the participant groups: methods that recruit people, in file order */
  groups: MethodDecl[];
}

/** RFC 4122's namespace for URLs; the codebook's namespace is the version 5 UUID of its URL in it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
export const CODEBOOK_NAMESPACE = uuidV5(URL_NAMESPACE, 'https://studyspec.dev/codebook');

/** A name-based UUID, version 5 (SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  const hash = crypto
    .createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const codeGuid = (key: string): string => uuidV5(CODEBOOK_NAMESPACE, key);

/** Okabe–Ito colours, told apart with the common colour-vision deficiencies (yellow left out: too pale on white). */
const FRAMEWORK_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
export const JOURNEY_COLOUR = '#999999';

/** The largest number of people a method plans to recruit: `sample: 12..16` gives 16; undefined when it gives none. */
export function sampleMaximum(method: MethodDecl): number | undefined {
  return keysOf(method).sample?.max;
}

/** What the study selects of each framework, less its exclusions. */
interface Frame {
  framework: Framework;
  /** selected constructs (the selection's own, whose subtrees count); empty with `whole` */
  selected: Construct[];
  whole: boolean;
}

function frames(model: StudyModel): Frame[] {
  const result: Frame[] = [];
  for (const selection of model.selections) {
    const framework = selection.construct?.framework ?? selection.framework;
    if (!framework) continue;
    const whole = !selection.construct && !selection.ref?.segments[1];
    if (!whole && !selection.construct) continue;
    let frame = result.find((f) => f.framework === framework);
    if (!frame) result.push((frame = { framework, selected: [], whole: false }));
    if (whole) frame.whole = true;
    else if (selection.construct) frame.selected.push(selection.construct);
  }
  return result;
}

function exclusions(model: StudyModel): { framework?: Framework; construct?: Construct }[] {
  const result: { framework?: Framework; construct?: Construct }[] = [];
  for (const exclude of model.excludes) {
    const site = exclude.ref ? model.referenceByValue.get(exclude.ref) : undefined;
    if (site && !site.problem && (site.construct || site.framework)) result.push({ framework: site.framework, construct: site.construct });
  }
  return result;
}

interface Context {
  model: StudyModel;
  groups: MethodDecl[];
  asked: Map<MethodDecl, Map<QuestionDecl, unknown>>;
  /** the other way round: the groups each question is put to, in the groups' order */
  askedOf: Map<QuestionDecl, MethodDecl[]>;
  /** each group's place in `groups` */
  order: Map<MethodDecl, number>;
  named: Map<QuestionDecl, Construct[]>;
}

function groupsAsked(ctx: Context, questions: QuestionDecl[]): MethodDecl[] {
  const asking = new Set(questions.flatMap((q) => ctx.askedOf.get(q) ?? []));
  // askedOf lists each question's groups in the groups' order; several questions' are merged back into it
  return questions.length === 1
    ? [...asking]
    : ctx.groups.length <= asking.size * 8
      ? ctx.groups.filter((g) => asking.has(g))
      : [...asking].sort((a, b) => (ctx.order.get(a) ?? 0) - (ctx.order.get(b) ?? 0));
}

function constructCode(ctx: Context, construct: Construct, codable: boolean, color: string, children: CodebookCode[]): CodebookCode {
  // a question about a domain asks about what is below it too, and one about a sub-construct about its domain
  const questions = ctx.model.questions.filter((q) => (ctx.named.get(q) ?? []).some((named) => isSelfOrAncestor(construct, named) || isSelfOrAncestor(named, construct)));
  return {
    guid: codeGuid(`construct:${construct.path}`),
    key: `construct:${construct.path}`,
    name: construct.name,
    family: 'construct',
    codable: codable && !construct.group,
    color,
    framework: construct.framework,
    construct,
    definition: construct.definition,
    useWhen: construct.coding?.use_when,
    notWhen: construct.coding?.not_when,
    questions,
    groups: groupsAsked(ctx, questions),
    children,
  };
}

function frameworkCode(ctx: Context, frame: Frame, color: string, excluded: { framework?: Framework; construct?: Construct }[]): CodebookCode | undefined {
  const { framework } = frame;
  if (excluded.some((e) => !e.construct && e.framework === framework)) return undefined;
  const isExcluded = (c: Construct): boolean => excluded.some((e) => e.construct && isSelfOrAncestor(e.construct, c));
  const isSelected = (c: Construct): boolean => frame.whole || frame.selected.some((s) => isSelfOrAncestor(s, c));
  const holdsSelected = (c: Construct): boolean => frame.selected.some((s) => isSelfOrAncestor(c, s));
  const walk = (constructs: Construct[]): CodebookCode[] =>
    constructs.filter((c) => !isExcluded(c) && (isSelected(c) || holdsSelected(c))).map((c) => constructCode(ctx, c, isSelected(c), color, walk(c.children)));
  const children = walk(framework.constructs);
  if (children.length === 0) return undefined;
  return {
    guid: codeGuid(`framework:${framework.id}`),
    key: `framework:${framework.id}`,
    name: framework.name,
    family: 'framework',
    codable: false,
    color,
    framework,
    definition: framework.citation,
    questions: [],
    groups: [],
    children,
  };
}

function touchpointCode(ctx: Context, touchpoint: TouchpointDecl, number: string): CodebookCode {
  const questions = questionsByTouchpoint(ctx.model).get(touchpoint) ?? [];
  const label = touchpoint.label?.text ?? touchpoint.name.text;
  return {
    guid: codeGuid(`touchpoint:${touchpoint.name.text}`),
    key: `touchpoint:${touchpoint.name.text}`,
    name: `${number} ${label}`,
    family: 'touchpoint',
    codable: true,
    color: JOURNEY_COLOUR,
    touchpoint,
    definition: `A passage about this step of the service: ${label}.`,
    questions,
    groups: groupsAsked(ctx, questions),
    children: [],
  };
}

function journeyCode(ctx: Context): CodebookCode | undefined {
  let n = 0;
  // the questions about each service's touchpoints, in file order
  const byService = new Map<ServiceDecl, QuestionDecl[]>();
  for (const q of ctx.model.questions)
    for (const service of new Set(touchpointsOf(ctx.model, q).map((tp) => tp.service))) {
      if (!service) continue;
      const list = byService.get(service);
      if (list) list.push(q);
      else byService.set(service, [q]);
    }
  const services = ctx.model.services
    .filter((s) => s.touchpoints.length > 0)
    .map((service): CodebookCode => {
      const label = service.label?.text ?? service.name.text;
      const children = service.touchpoints.map((tp) => touchpointCode(ctx, tp, `T${++n}`));
      const questions = byService.get(service) ?? [];
      return {
        guid: codeGuid(`service:${service.name.text}`),
        key: `service:${service.name.text}`,
        name: label,
        family: 'service',
        codable: false,
        color: JOURNEY_COLOUR,
        service,
        definition: `The steps of ${label}, in journey order.`,
        questions,
        groups: groupsAsked(ctx, questions),
        children,
      };
    });
  if (services.length === 0) return undefined;
  return {
    guid: codeGuid('journey'),
    key: 'journey',
    name: 'Touchpoints (the service journey)',
    family: 'journey',
    codable: false,
    color: JOURNEY_COLOUR,
    definition: 'The steps of the service in journey order, to index passages by the step they are about.',
    questions: [],
    groups: [],
    children: services,
  };
}

export function* walkCodes(codes: readonly CodebookCode[]): Generator<CodebookCode> {
  for (const code of codes) {
    yield code;
    yield* walkCodes(code.children);
  }
}

const built = new WeakMap<StudyModel, Codebook>();

/** The codebook of a model, built once however many documents ask for it (the codebook, the chart, the JSON). */
export function buildCodebook(model: StudyModel): Codebook {
  let book = built.get(model);
  if (!book) built.set(model, (book = codebookOf(model)));
  return book;
}

function codebookOf(model: StudyModel): Codebook {
  const groups = recruitingMethods(model);
  const asked = new Map(groups.map((g) => [g, guideQuestions(model, g)]));
  const askedOf = new Map<QuestionDecl, MethodDecl[]>();
  for (const [group, questions] of asked)
    for (const q of questions.keys()) {
      const list = askedOf.get(q);
      if (list) list.push(group);
      else askedOf.set(q, [group]);
    }
  const ctx: Context = {
    model,
    groups,
    asked,
    askedOf,
    order: new Map(groups.map((g, i) => [g, i])),
    named: new Map(model.questions.map((q) => [q, constructTargets(model, keysOf(q).constructs)])),
  };
  const excluded = exclusions(model);
  const frameworks = frames(model).flatMap((frame, i) => frameworkCode(ctx, frame, FRAMEWORK_COLOURS[i % FRAMEWORK_COLOURS.length], excluded) ?? []);
  const journey = journeyCode(ctx);
  const all = [...walkCodes(frameworks), ...(journey ? walkCodes([journey]) : [])];
  const byConstruct = new Map(all.flatMap((c) => (c.construct && c.codable ? [[c.construct, c] as const] : [])));
  const byTouchpoint = new Map(all.flatMap((c) => (c.touchpoint ? [[c.touchpoint, c] as const] : [])));
  const sets: CodebookSet[] = model.questions.map((question, i) => ({
    guid: codeGuid(`set:question:${question.name.text}`),
    name: `Q${i + 1} ${question.label?.text ?? question.name.text}`,
    description: `The constructs research question ${question.name.text} asks about.`,
    question,
    members: unique((ctx.named.get(question) ?? []).flatMap((c) => byConstruct.get(c) ?? [])),
  }));
  for (const group of groups) {
    const questions = [...(ctx.asked.get(group)?.keys() ?? [])];
    const constructs = questions.flatMap((q) => (ctx.named.get(q) ?? []).flatMap((c) => byConstruct.get(c) ?? []));
    const steps = questions.flatMap((q) => touchpointsOf(model, q).flatMap((tp) => byTouchpoint.get(tp) ?? []));
    sets.push({
      guid: codeGuid(`set:group:${group.name.text}`),
      name: group.label?.text ?? group.name.text,
      description: `The constructs and touchpoints the questions put to ${group.name.text} ask about.`,
      group,
      members: unique([...constructs, ...steps]),
    });
  }
  return { frameworks, journey, sets, groups };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
