/**
 * The plan of an interview or focus-group guide, worked out once for the generator and for the
 * rules that check guides (`participant-question-missing`, `guide-too-long`): which questions
 * the method's participants are asked, at which steps of the journey, in whose words, with
 * which prompts, and how the time is spent.
 *
 * - A question is asked of the sides its perspective names that the participants hold.
 * - Its steps are the touchpoints it is about (a service stands for its touchpoints) that the
 *   participants take part in: one of them is among the touchpoint's `actors`, or it lists
 *   none. A backstage touchpoint is never a service user's step unless a service user or carer
 *   is among its actors. When the participants take part in none of its steps, they are asked
 *   what they know of them; when the steps are all out of service users' sight, service users
 *   are not asked at all.
 * - Prompts come from each construct for the side, never from another side's; a construct with
 *   no prompts at all borrows its nearest ancestor's. Prompts about devices and connections
 *   (`digital_inclusion.access`) are left out where the tool at every step is held by staff.
 * - Near-duplicate prompts in one guide are merged (see `promptSimilarity`).
 * - Core: each section's opening question and the first prompt of each construct. The rest
 *   (and the question's own probes) are asked if time allows.
 */
import { Range } from '../common/range';
import { Construct, Side } from '../frameworks/types';
import { BOTH_SIDES, constructTargets, journey, methodParticipants, perspectiveSides, sideOfActor, targets, touchpointActors } from './analysis';
import { ActorDecl, MethodDecl, QuestionDecl, ServiceDecl, ToolDecl, TouchpointDecl } from './ast';
import { keepWithView, keptWithView, keysOf, trimmed, trimmedList } from './keys';
import { draftFromService, draftFromTouchpoint } from './draftQuestion';
import { StudyModel } from './model';
import { GUIDED_METHODS } from './schema';

/**
 * The pace a guide assumes, in minutes, answers included. An opening question takes longer
 * than a prompt, which an interviewer uses only when the answer has not already covered it.
 * Several people answer in a focus group, so its sections take half as long again.
 */
export const PACE = {
  openingQuestion: 4,
  prompt: 1,
  focusGroupFactor: 1.5,
  introduction: { interview: 4, focus_group: 6 },
  warmUp: { interview: 2, focus_group: 4 },
  closing: { interview: 3, focus_group: 4 },
} as const;

/** Prompts at least this similar (`promptSimilarity`) are one prompt in a guide. */
export const NEAR_DUPLICATE = 0.6;

/** Words that carry no meaning of their own in a prompt; pronouns are kept (who is asked matters). */
const FUNCTION_WORDS = new Set(
  'a an the to of in on at by for from with and or but if any so as is are was were be been being do does did has have had it its this that these those what which how when where who whom why there here into about than then such like'.split(
    ' ',
  ),
);

/** Content words per prompt text: the same catalogue prompts recur in every guide and every comparison. */
const contentWordCache = new Map<string, Set<string>>();
const CONTENT_WORD_CACHE_LIMIT = 10_000;

function contentWords(prompt: string): Set<string> {
  let result = contentWordCache.get(prompt);
  if (!result) {
    const words = prompt.toLowerCase().match(/[a-z']+/g) ?? [];
    result = new Set(words.filter((w) => !FUNCTION_WORDS.has(w)).map((w) => w.replace(/'s$/, '').replace(/(ing|ed|s)$/, '')));
    if (contentWordCache.size >= CONTENT_WORD_CACHE_LIMIT) contentWordCache.clear();
    contentWordCache.set(prompt, result);
  }
  return result;
}

/**
 * How alike two prompts are: the Jaccard index of their content words (lower-cased, function
 * words dropped, -s/-ed/-ing endings stripped), from 0 (no word shared) to 1 (the same words).
 * "How did you come to be involved in using the tool?" and "How did you come to start using
 * the tool?" share 4 of 6 words: 0.67.
 */
export function promptSimilarity(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface PlannedPrompt {
  text: string;
  /** the constructs it serves (more than one when near-duplicates were merged) */
  constructs: Construct[];
  core: boolean;
}

export interface Opening {
  side: Side;
  text: string;
  /** built from the touchpoint or service: no `ask_<side>` was given */
  drafted: boolean;
}

export type SectionKind = 'steps' | 'service' | 'absent';

export interface GuideSection {
  question: QuestionDecl;
  /** 'steps': asked at the steps the participants take part in; 'service': about a whole service; 'absent': the participants take part in none of its steps */
  kind: SectionKind;
  sides: Side[];
  /** the steps to ask about, in journey order (for 'absent', the steps they do not take part in) */
  steps: TouchpointDecl[];
  /** the service the guide places it under */
  service?: ServiceDecl;
  /** the tool the prompts name: the tool of the first step that runs through one */
  tool?: ToolDecl;
  openings: Opening[];
  prompts: Map<Side, PlannedPrompt[]>;
  probes: Map<Side, string[]>;
  /** minutes the core items need, and the rest */
  coreMinutes: number;
  ifTimeMinutes: number;
  /** the time budget, when the method has a duration */
  minutes?: number;
}

export interface GuidePlan {
  method: MethodDecl;
  participants: ActorDecl[];
  sides: Side[];
  focusGroup: boolean;
  sections: GuideSection[];
  /** questions that name this method but cannot be put to its participants */
  leftOut: { question: QuestionDecl; reason: string }[];
  /** the method's duration in minutes, and where it is written */
  duration?: number;
  durationRange?: Range;
  introductionMinutes: number;
  warmUpMinutes: number;
  closingMinutes: number;
  /** minutes the introduction, warm-up, closing and every core item need together */
  coreMinutes: number;
}

/** The methods a guide is written for, in file order. */
export function guidedMethods(model: StudyModel): MethodDecl[] {
  return model.methods.filter((m) => m.methodKind && GUIDED_METHODS.includes(m.methodKind.text));
}

/** The sides a method's participants hold, service users first; empty when none are named. */
function sidesOf(actors: readonly ActorDecl[]): Side[] {
  const sides = new Set(actors.map(sideOfActor));
  return BOTH_SIDES.filter((s) => sides.has(s));
}

const questionsByMethod = new WeakMap<StudyModel, Map<MethodDecl, QuestionDecl[]>>();

/** For each method, in study order, the questions that name it or name no method: built once per model, so planning every guide stays linear. */
function questionsOf(model: StudyModel, method: MethodDecl): QuestionDecl[] {
  let index = questionsByMethod.get(model);
  if (!index) {
    index = new Map(model.methods.map((m) => [m, []]));
    for (const question of model.questions) {
      const methods = targets(model, keysOf(question).methods, 'method');
      for (const m of methods.length > 0 ? methods : model.methods) index.get(m)?.push(question);
    }
    questionsByMethod.set(model, index);
  }
  return index.get(method) ?? [];
}

const journeyOrders = new WeakMap<StudyModel, Map<TouchpointDecl, number>>();

function journeyOrder(model: StudyModel): Map<TouchpointDecl, number> {
  let order = journeyOrders.get(model);
  if (!order) {
    journeyOrders.set(model, (order = new Map()));
    let index = 0;
    for (const tp of journey(model)) order.set(tp, index++);
  }
  return order;
}

const serviceOrders = new WeakMap<StudyModel, Map<ServiceDecl, number>>();

function serviceOrder(model: StudyModel): Map<ServiceDecl, number> {
  let order = serviceOrders.get(model);
  if (!order) serviceOrders.set(model, (order = new Map(model.services.map((s, i) => [s, i]))));
  return order;
}

/** The questions of a method's guide, each with the sides it is put to (lists that may be shared: do not change them). */
export function guideQuestions(model: StudyModel, method: MethodDecl): Map<QuestionDecl, readonly Side[]> {
  const sides = sidesOf(methodParticipants(model, method));
  const result = new Map<QuestionDecl, readonly Side[]>();
  for (const question of questionsOf(model, method)) {
    const keys = keysOf(question);
    const perspective = keys.$property.perspective ? perspectiveSides(question) : sides;
    // the participants mostly hold every side the question asks: then it is asked of them all
    const asked = sides.length > 0 && !perspective.every((s) => sides.includes(s)) ? perspective.filter((s) => sides.includes(s)) : perspective;
    if (asked.length > 0) result.set(question, asked);
  }
  return result;
}

/**
 * The prompts a question's constructs give for one side: each construct's own for that side. A
 * construct with no prompts for either side (a user's framework may give them only higher up)
 * borrows its nearest ancestor's; one that has prompts only for the other side gives none.
 */
export function promptsFor(model: StudyModel, question: QuestionDecl, side: Side): { prompt: string; construct: Construct }[] {
  const result: { prompt: string; construct: Construct }[] = [];
  for (const construct of constructTargets(model, keysOf(question).constructs)) {
    let source: Construct | undefined = construct;
    while (source && source.prompts.staff.length === 0 && source.prompts.service_user.length === 0) source = source.parent;
    for (const prompt of source?.prompts[side] ?? []) if (!result.some((r) => r.prompt === prompt)) result.push({ prompt, construct });
  }
  return result;
}

/** Whether the question's refs in `about` include a whole service. */
function aboutServices(model: StudyModel, question: QuestionDecl): ServiceDecl[] {
  return targets(model, keysOf(question).about, 'service');
}

/** The touchpoints a question is about, in journey order. */
function stepsOf(model: StudyModel, question: QuestionDecl, services: ServiceDecl[], order: Map<TouchpointDecl, number>): TouchpointDecl[] {
  const direct = targets(model, keysOf(question).about, 'touchpoint');
  if (services.length === 0 && inJourneyOrderAlready(direct, order)) return direct;
  const all = new Set([...direct, ...services.flatMap((s) => s.touchpoints)]);
  return [...all].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** Whether steps are each later in the journey than the one before (so none is repeated). */
function inJourneyOrderAlready(steps: TouchpointDecl[], order: Map<TouchpointDecl, number>): boolean {
  for (let i = 1; i < steps.length; i++) if ((order.get(steps[i - 1]) ?? 0) >= (order.get(steps[i]) ?? 0)) return false;
  return true;
}

/** Whether any of `people` takes part in a touchpoint from `side` (see the module comment). */
export function takesPart(model: StudyModel, touchpoint: TouchpointDecl, people: readonly ActorDecl[], side: Side): boolean {
  const keys = keysOf(touchpoint);
  if (!keys.$property.actors) return !(keys.backstage === true && side === 'service_user');
  const actors = touchpointActors(model, touchpoint);
  return people.length === 0 ? actors.some((a) => sideOfActor(a) === side) : actors.some((a) => people.includes(a));
}

/** What a platform says about the device: one the service holds (a tablet, a kiosk), or the user's own (a browser, a phone). */
const SERVICE_DEVICE = /\b(tablets?|ipads?|laptops?|kiosks?|handhelds?|workstations?)\b/i;
const OWN_DEVICE = /\b(browser|web|website|online|sms|text|smartphones?|phones?|own|home|app store)\b/i;

/**
 * Whether the tool at a touchpoint is held by staff: staff are among its actors, they meet the
 * service user in the same place (not by video, where each side has its own screen), and every
 * tool it runs through is on a device the service provides (its platform names a tablet,
 * laptop or kiosk, and no browser or phone of the user's).
 */
export function toolHeldByStaff(model: StudyModel, touchpoint: TouchpointDecl): boolean {
  const keys = keysOf(touchpoint);
  const tools = targets(model, keys.via, 'tool');
  if (tools.length === 0 || keys.channel === 'video') return false;
  if (!touchpointActors(model, touchpoint).some((a) => sideOfActor(a) === 'staff')) return false;
  return tools.every((tool) => {
    const platform = keysOf(tool).platform ?? '';
    return SERVICE_DEVICE.test(platform) && !OWN_DEVICE.test(platform);
  });
}

/** The tools a step runs through, and whether staff hold them (`toolHeldByStaff`), worked out once per step and model. */
const stepTools = new WeakMap<StudyModel, Map<TouchpointDecl, { tools: ToolDecl[]; heldByStaff: boolean }>>();

function toolsAtStep(model: StudyModel, touchpoint: TouchpointDecl): { tools: ToolDecl[]; heldByStaff: boolean } {
  let known = stepTools.get(model);
  if (!known) stepTools.set(model, (known = new Map()));
  let found = known.get(touchpoint);
  if (!found) {
    const tools = targets(model, keysOf(touchpoint).via, 'tool');
    known.set(touchpoint, (found = { tools, heldByStaff: tools.length > 0 && toolHeldByStaff(model, touchpoint) }));
  }
  return found;
}

/** Constructs about devices and connections, whose prompts make no sense where staff hold the device. */
function aboutDevices(construct: Construct): boolean {
  return construct.path === 'digital_inclusion.access' || construct.path.startsWith('digital_inclusion.access.');
}

/** The question's own wording for a side (`ask_staff`, `ask_service_user`). */
export function askedWording(question: QuestionDecl, side: Side): string | undefined {
  const keys = keysOf(question);
  return trimmed(side === 'staff' ? keys.ask_staff : keys.ask_service_user);
}

function durationOf(method: MethodDecl): { minutes: number; range: Range } | undefined {
  const view = keysOf(method);
  const range = view.$property.duration?.values[0]?.range;
  return view.duration !== undefined && view.duration > 0 && range ? { minutes: view.duration, range } : undefined;
}

/** The participants of a method on one side (all of them when it names none on either). */
function peopleOn(participants: readonly ActorDecl[], side: Side): ActorDecl[] {
  return participants.filter((a) => sideOfActor(a) === side);
}

/** A step's drafted opening, with the step's actors and the participants it was drafted for. */
interface StepDraft {
  actors: readonly ActorDecl[];
  people: readonly ActorDecl[];
  text: string;
}

const STEP_DRAFTS = Symbol('stepDrafts');
const STEP_DRAFTS_KEPT = 4;

const sameActors = (a: readonly ActorDecl[], b: readonly ActorDecl[]): boolean => a.length === b.length && a.every((actor, i) => actor === b[i]);

/**
 * The drafted opening about a step for `people`. The last few are kept with the step, for the
 * actors and participants they were drafted for: the editor re-checks the same steps on every edit.
 */
function stepDraft(model: StudyModel, step: TouchpointDecl, people: readonly ActorDecl[]): string {
  const actors = touchpointActors(model, step);
  const kept = keptWithView<StepDraft[]>(step, STEP_DRAFTS);
  if (kept) for (const draft of kept) if (sameActors(draft.actors, actors) && sameActors(draft.people, people)) return draft.text;
  const text = draftFromTouchpoint(step.label?.text.trim() || step.name.text.replace(/_+/g, ' '), actors, people);
  if (!kept) keepWithView<StepDraft[]>(step, STEP_DRAFTS, [{ actors, people, text }]);
  else {
    if (kept.length >= STEP_DRAFTS_KEPT) kept.shift();
    kept.push({ actors, people, text });
  }
  return text;
}

/** The drafted opening question of a section for one side. */
function draftOpening(model: StudyModel, kind: SectionKind, wholeService: boolean, steps: TouchpointDecl[], service: ServiceDecl | undefined, people: ActorDecl[]): string {
  const step = steps[0];
  if ((wholeService || !step) && service) return draftFromService(service.label?.text.trim() || service.name.text.replace(/_+/g, ' '));
  if (!step) return draftFromService('the service');
  const draft = stepDraft(model, step, people);
  // people who take no part in the step are asked what they know of it
  return kind === 'absent' ? draft.replace(/^Can you (talk me through|tell me about)/, 'What do you know of') : draft;
}

/** Splits `total` whole minutes over weights, largest remainders first, so the parts add up. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]++;
    left--;
  }
  return result;
}

/**
 * Time budgets: each section gets what its core items need, then the time left over goes to
 * the sections with prompts to ask if time allows, in proportion to them (and beyond that in
 * proportion to the core). When even the core does not fit, the time is shared in proportion
 * to the core.
 */
function budget(sections: GuideSection[], minutes: number): void {
  const core = sections.map((s) => s.coreMinutes);
  const needed = core.reduce((a, b) => a + b, 0);
  if (needed >= minutes) {
    apportion(minutes, core).forEach((m, i) => (sections[i].minutes = m));
    return;
  }
  const wanted = sections.map((s) => s.ifTimeMinutes);
  const spare = minutes - needed;
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  const extra = spare <= wantedTotal ? apportion(spare, wanted) : wanted.map((w, i) => w + apportion(spare - wantedTotal, core)[i]);
  sections.forEach((s, i) => (s.minutes = s.coreMinutes + extra[i]));
}

/** The prompts a guide has asked of one side so far, in order, and for each text looked up the first of them it is a near-duplicate of. */
interface AskedPrompts {
  list: { text: string; prompt: PlannedPrompt }[];
  firstSimilar: Map<string, { text: string; prompt: PlannedPrompt }>;
}

/**
 * The first prompt asked so far that `text` is a near-duplicate of. The list only grows at its
 * end, so once found the first match stays the first, and a text asked anew matches itself.
 */
function earlierPrompt(asked: AskedPrompts, text: string): { text: string; prompt: PlannedPrompt } | undefined {
  const known = asked.firstSimilar.get(text);
  if (known) return known;
  const found = asked.list.find((a) => promptSimilarity(a.text, text) >= NEAR_DUPLICATE);
  if (found) asked.firstSimilar.set(text, found);
  return found;
}

/** A section before its tool, prompts and time: what the openings and the order of sections need. */
export type SectionOutline = Omit<GuideSection, 'tool' | 'prompts' | 'probes' | 'coreMinutes' | 'ifTimeMinutes' | 'minutes'>;

/** The tool a section's prompts name (the first step's that runs through one), and whether staff hold the tool at every step with one. */
function sectionTool(model: StudyModel, steps: TouchpointDecl[]): { tool?: ToolDecl; staffHeld: boolean } {
  let tool: ToolDecl | undefined;
  let staffHeld = true;
  for (const tp of steps) {
    const at = toolsAtStep(model, tp);
    if (at.tools.length === 0) continue;
    tool ??= at.tools[0];
    staffHeld &&= at.heldByStaff;
  }
  return { tool, staffHeld: staffHeld && tool !== undefined };
}

/** The outline of a method's guide: its sections in question order, and the questions left out. */
export interface GuideOutline {
  method: MethodDecl;
  participants: ActorDecl[];
  sides: Side[];
  focusGroup: boolean;
  sections: SectionOutline[];
  leftOut: GuidePlan['leftOut'];
}

/** The steps of `all` that `people` take part in from `side`; `all` itself when they take part in every one (as they mostly do). */
function stepsTakenBy(model: StudyModel, all: TouchpointDecl[], people: readonly ActorDecl[], side: Side): TouchpointDecl[] {
  let i = 0;
  while (i < all.length && takesPart(model, all[i], people, side)) i++;
  if (i === all.length) return all;
  const mine = all.slice(0, i);
  for (i++; i < all.length; i++) if (takesPart(model, all[i], people, side)) mine.push(all[i]);
  return mine;
}

/** The first step of `all` that `people` take part in from `side`, as a list of it alone (or none). */
function firstStepTakenBy(model: StudyModel, all: TouchpointDecl[], people: readonly ActorDecl[], side: Side): TouchpointDecl[] {
  return firstOf(all.find((step) => takesPart(model, step, people, side)));
}

const firstOf = (step: TouchpointDecl | undefined): TouchpointDecl[] => (step ? [step] : []);

/** Of the first steps each side takes part in (lists of one or none), the earliest in the journey, alone. */
function earliestStep(firsts: TouchpointDecl[][], order: Map<TouchpointDecl, number>): TouchpointDecl[] {
  let earliest: TouchpointDecl[] = [];
  for (const first of firsts) if (first.length > 0 && (earliest.length === 0 || (order.get(first[0]) ?? 0) < (order.get(earliest[0]) ?? 0))) earliest = first;
  return earliest;
}

/** The steps any side takes part in (`mine`: each side's, in the order of `all`), in the order of `all`. */
function stepsTaken(all: TouchpointDecl[], mine: TouchpointDecl[][]): TouchpointDecl[] {
  const whole = mine.find((steps) => steps.length === all.length);
  if (mine.length === 1 || whole) return whole ?? mine[0];
  const taken = new Set(mine.flat());
  return all.filter((tp) => taken.has(tp));
}

/**
 * The outline of a method's guide. With `firstStepsOnly`, each section's steps, and the steps
 * each side takes part in, are cut to their first: all that the openings and the order of
 * sections read, found without going through every step of a long run.
 */
function outlineGuide(model: StudyModel, method: MethodDecl, firstStepsOnly = false): GuideOutline {
  const participants = [...methodParticipants(model, method)];
  const sides = sidesOf(participants);
  const focusGroup = method.methodKind?.text === 'focus_group';
  const order = journeyOrder(model);
  const sections: SectionOutline[] = [];
  const leftOut: GuidePlan['leftOut'] = [];
  const peopleBySide: Record<Side, ActorDecl[]> = { service_user: peopleOn(participants, 'service_user'), staff: peopleOn(participants, 'staff') };

  for (const [question, questionSides] of guideQuestions(model, method)) {
    const services = aboutServices(model, question);
    const all = stepsOf(model, question, services, order);
    const sectionSides: Side[] = [];
    // the steps each of sectionSides takes part in
    const stepsBySide: TouchpointDecl[][] = [];
    for (const side of questionSides) {
      const mine = (firstStepsOnly ? firstStepTakenBy : stepsTakenBy)(model, all, peopleBySide[side], side);
      // service users are not asked about steps that are all out of their sight
      if (side === 'service_user' && mine.length === 0 && all.length > 0 && all.every((tp) => keysOf(tp).backstage === true)) continue;
      stepsBySide.push(mine);
      sectionSides.push(side);
    }
    if (sectionSides.length === 0) {
      leftOut.push({ question, reason: 'it asks service users about steps out of their sight (backstage), which they cannot speak to' });
      continue;
    }
    const steps = firstStepsOnly ? earliestStep(stepsBySide, order) : stepsTaken(all, stepsBySide);
    const kind: SectionKind = steps.length === 0 && all.length > 0 ? 'absent' : services.length > 0 ? 'service' : 'steps';
    // steps they are asked about without taking part: never one out of service users' sight, unless staff are asked too
    const visible = (tp: TouchpointDecl) => sectionSides.includes('staff') || keysOf(tp).backstage !== true || takesPart(model, tp, peopleBySide.service_user, 'service_user');
    const shown = kind !== 'absent' ? steps : firstStepsOnly ? firstOf(all.find(visible)) : all.filter(visible);
    const service = (kind === 'service' ? services[0] : undefined) ?? shown[0]?.service ?? services[0];

    const openings: Opening[] = sectionSides.map((side, i) => {
      const own = askedWording(question, side);
      return own
        ? { side, text: own, drafted: false }
        : { side, text: draftOpening(model, kind, services.length > 0, stepsBySide[i].length ? stepsBySide[i] : shown, service, peopleBySide[side]), drafted: true };
    });
    sections.push({ question, kind, sides: sectionSides, steps: shown, service, openings });
  }
  return { method, participants, sides, focusGroup, sections, leftOut };
}

/** Sections in journey order: by service, the sections at steps by their first step, then those about the service as a whole. */
function inJourneyOrder<S extends Pick<GuideSection, 'service' | 'kind' | 'steps'>>(model: StudyModel, sections: S[]): S[] {
  if (sections.length < 2) return sections;
  const serviceIndex = serviceOrder(model);
  const order = journeyOrder(model);
  // each section's rank worked out once, not in every comparison
  const ranked = sections.map((s, position) => ({
    section: s,
    service: s.service ? (serviceIndex.get(s.service) ?? model.services.length) : model.services.length + 1,
    kind: s.kind === 'steps' ? 0 : s.kind === 'service' ? 1 : 2,
    step: s.kind === 'steps' ? (order.get(s.steps[0]) ?? 0) : 0,
    position,
  }));
  ranked.sort((x, y) => x.service - y.service || x.kind - y.kind || x.step - y.step || x.position - y.position);
  ranked.forEach((r, i) => (sections[i] = r.section));
  return sections;
}

/** The plan of one method's guide. */
export function planGuide(model: StudyModel, method: MethodDecl): GuidePlan {
  const { participants, sides, focusGroup, sections: outlines, leftOut } = outlineGuide(model, method);
  const style = focusGroup ? 'focus_group' : 'interview';
  const sections: GuideSection[] = [];
  const asked = new Map<Side, AskedPrompts>(BOTH_SIDES.map((s) => [s, { list: [], firstSimilar: new Map() }]));
  const factor = focusGroup ? PACE.focusGroupFactor : 1;

  // prompts in question order: a near-duplicate is merged into the first section that asked it
  for (const outline of outlines) {
    const { question, sides: sectionSides } = outline;
    const { tool, staffHeld } = sectionTool(model, outline.steps);
    const prompts = new Map<Side, PlannedPrompt[]>();
    const probes = new Map<Side, string[]>();
    for (const side of sectionSides) {
      const list: PlannedPrompt[] = [];
      for (const { prompt, construct } of promptsFor(model, question, side)) {
        if (staffHeld && aboutDevices(construct)) continue;
        const earlier = earlierPrompt(asked.get(side)!, prompt);
        if (earlier) {
          // merged: asked once; in this section it also serves this construct
          if (list.includes(earlier.prompt) && !earlier.prompt.constructs.includes(construct)) earlier.prompt.constructs.push(construct);
          continue;
        }
        const planned: PlannedPrompt = { text: prompt, constructs: [construct], core: false };
        list.push(planned);
        asked.get(side)!.list.push({ text: prompt, prompt: planned });
      }
      const served = new Set<Construct>();
      for (const p of list) {
        if (p.constructs.some((c) => !served.has(c))) p.core = true;
        for (const c of p.constructs) served.add(c);
      }
      prompts.set(side, list);
      const sideProbes = [...trimmedList(keysOf(question).probes), ...trimmedList(keysOf(question)[`probes_${side}`])];
      probes.set(
        side,
        sideProbes.filter((p, i) => sideProbes.indexOf(p) === i),
      );
    }
    const count = (pick: (p: PlannedPrompt) => boolean) => sectionSides.reduce((n, s) => n + (prompts.get(s) ?? []).filter(pick).length, 0);
    const probeCount = sectionSides.reduce((n, s) => n + (probes.get(s)?.length ?? 0), 0);
    const coreMinutes = Math.ceil((sectionSides.length * PACE.openingQuestion + count((p) => p.core) * PACE.prompt) * factor);
    const ifTimeMinutes = Math.ceil((count((p) => !p.core) + probeCount) * PACE.prompt * factor);
    const { kind, steps, service, openings } = outline;
    sections.push({ question, kind, sides: sectionSides, steps, service, tool, openings, prompts, probes, coreMinutes, ifTimeMinutes });
  }
  inJourneyOrder(model, sections);

  const introductionMinutes = PACE.introduction[style];
  const warmUpMinutes = PACE.warmUp[style];
  const closingMinutes = PACE.closing[style];
  const fixed = introductionMinutes + warmUpMinutes + closingMinutes;
  const duration = durationOf(method);
  if (duration !== undefined) budget(sections, Math.max(0, duration.minutes - fixed));
  const coreMinutes = fixed + sections.reduce((n, s) => n + s.coreMinutes, 0);
  return { method, participants, sides, focusGroup, sections, leftOut, duration: duration?.minutes, durationRange: duration?.range, introductionMinutes, warmUpMinutes, closingMinutes, coreMinutes };
}

const outlines = new WeakMap<StudyModel, Map<MethodDecl, SectionOutline[]>>();

/**
 * Each guide's sections in journey order, with their openings but without prompts or time, and
 * with only the first of their steps: enough for the rules about openings, so linting plans no
 * prompts. Memoised per model.
 */
export function guideSections(model: StudyModel): Map<MethodDecl, SectionOutline[]> {
  let result = outlines.get(model);
  if (!result) outlines.set(model, (result = new Map(guidedMethods(model).map((m) => [m, inJourneyOrder(model, outlineGuide(model, m, true).sections)]))));
  return result;
}

/** Whether a method's guide has a time budget (a positive `duration`). */
export function hasDuration(method: MethodDecl): boolean {
  return durationOf(method) !== undefined;
}

/** Every guide's plan, memoised per model (the rules and the generator ask for the same ones). */
const plans = new WeakMap<StudyModel, Map<MethodDecl, GuidePlan>>();
export function guidePlans(model: StudyModel): Map<MethodDecl, GuidePlan> {
  const result = new Map<MethodDecl, GuidePlan>();
  for (const method of guidedMethods(model)) result.set(method, guidePlan(model, method));
  return result;
}

/** One guide's plan, memoised per model. */
export function guidePlan(model: StudyModel, method: MethodDecl): GuidePlan {
  let known = plans.get(model);
  if (!known) plans.set(model, (known = new Map()));
  let plan = known.get(method);
  if (!plan) known.set(method, (plan = planGuide(model, method)));
  return plan;
}
