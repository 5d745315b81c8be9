import { Construct, Framework, isSelfOrAncestor, Side, throughGroups } from '../frameworks/types';
import { ActorDecl, Declaration, ExcludeDecl, MethodDecl, QuestionDecl, RefValue, TouchpointDecl } from './ast';
import { keysOf } from './keys';
import { FrameworkSelection, StudyModel } from './model';
import { KeyOf, METHODS_REACHING_BOTH, sideOfRole } from './schema';

export const BOTH_SIDES: readonly Side[] = ['service_user', 'staff'];

/** The declarations refs resolved to, of one kind: `targets(model, keysOf(method).participants, 'actor')`. */
export function targets<K extends Declaration['kind']>(model: StudyModel, refs: readonly RefValue[], kind: K): Extract<Declaration, { kind: K }>[] {
  const result: Extract<Declaration, { kind: K }>[] = [];
  // indexed loops: these run for every ref of every block, and a for…of allocates in the lower tiers
  for (let i = 0; i < refs.length; i++) {
    const site = model.referenceByValue.get(refs[i]);
    if (site?.declaration?.kind === kind && !site.problem) result.push(site.declaration as Extract<Declaration, { kind: K }>);
  }
  return result;
}

/** The construct one ref resolved to, if any. */
export function constructTarget(model: StudyModel, ref: RefValue): Construct | undefined {
  return model.referenceByValue.get(ref)?.construct;
}

/** The constructs refs resolved to: `constructTargets(model, keysOf(question).constructs)`. */
export function constructTargets(model: StudyModel, refs: readonly RefValue[]): Construct[] {
  const result: Construct[] = [];
  for (let i = 0; i < refs.length; i++) {
    const construct = constructTarget(model, refs[i]);
    if (construct) result.push(construct);
  }
  return result;
}

/** The touchpoints a question is about; a service stands for all of its touchpoints. */
export function touchpointsOf(model: StudyModel, question: QuestionDecl): TouchpointDecl[] {
  const about = keysOf(question).about;
  if (about.length === 1) {
    // one step or one whole service: nothing can repeat
    const site = model.referenceByValue.get(about[0]);
    const target = site && !site.problem ? site.declaration : undefined;
    return target?.kind === 'touchpoint' ? [target] : target?.kind === 'service' ? [...target.touchpoints] : [];
  }
  const result: TouchpointDecl[] = [];
  // a set only once the list could be long (a whole service), so a question about one touchpoint allocates none
  let seen: Set<TouchpointDecl> | undefined;
  const add = (touchpoint: TouchpointDecl): void => {
    if (!seen && result.length >= 8) seen = new Set(result);
    if (seen ? seen.has(touchpoint) : result.includes(touchpoint)) return;
    result.push(touchpoint);
    seen?.add(touchpoint);
  };
  for (const value of about) {
    const site = model.referenceByValue.get(value);
    if (!site || site.problem) continue;
    const target = site.declaration;
    if (target?.kind === 'touchpoint') add(target);
    if (target?.kind === 'service') for (const tp of target.touchpoints) add(tp);
  }
  return result;
}

const aboutCache = new WeakMap<StudyModel, Map<QuestionDecl, readonly TouchpointDecl[]>>();

/** `touchpointsOf`, worked out once per model and question (several rules ask): do not change the list. */
export function touchpointsAbout(model: StudyModel, question: QuestionDecl): readonly TouchpointDecl[] {
  let known = aboutCache.get(model);
  if (!known) aboutCache.set(model, (known = new Map()));
  let touchpoints = known.get(question);
  if (!touchpoints) known.set(question, (touchpoints = touchpointsOf(model, question)));
  return touchpoints;
}

const STAFF_SIDE: readonly Side[] = ['staff'];
const SERVICE_USER_SIDE: readonly Side[] = ['service_user'];
const NO_SIDE: readonly Side[] = [];

/** The sides a question's perspective names (a shared list: do not change it). */
export function perspectiveSides(question: QuestionDecl): readonly Side[] {
  const perspective = keysOf(question).perspective;
  return perspective === 'both' ? BOTH_SIDES : perspective === 'staff' ? STAFF_SIDE : perspective === 'service_user' ? SERVICE_USER_SIDE : NO_SIDE;
}

export function sideOfActor(actor: ActorDecl): Side | undefined {
  return sideOfRole(actor.role?.text);
}

/** Per model, the actors each block's refs resolve to: the rules and every guide ask for the same ones again and again. */
const resolvedActors = new WeakMap<StudyModel, Map<TouchpointDecl | MethodDecl, readonly ActorDecl[]>>();

function actorsOf(model: StudyModel, block: TouchpointDecl | MethodDecl, refs: readonly RefValue[]): readonly ActorDecl[] {
  let known = resolvedActors.get(model);
  if (!known) resolvedActors.set(model, (known = new Map()));
  let actors = known.get(block);
  if (!actors) known.set(block, (actors = targets(model, refs, 'actor')));
  return actors;
}

/** A touchpoint's `actors`, resolved (memoised per model: do not change the list). */
export function touchpointActors(model: StudyModel, touchpoint: TouchpointDecl): readonly ActorDecl[] {
  return actorsOf(model, touchpoint, keysOf(touchpoint).actors);
}

/** A method's `participants`, resolved (memoised per model: do not change the list). */
export function methodParticipants(model: StudyModel, method: MethodDecl): readonly ActorDecl[] {
  return actorsOf(model, method, keysOf(method).participants);
}

function sidesAmong(actors: readonly ActorDecl[]): Set<Side> {
  const sides = new Set<Side>();
  for (const actor of actors) {
    const side = sideOfActor(actor);
    if (side) sides.add(side);
  }
  return sides;
}

/** The sides that meet at a touchpoint; with no actors listed, both. */
export function touchpointSides(model: StudyModel, touchpoint: TouchpointDecl): Set<Side> {
  if (!keysOf(touchpoint).$property.actors) return new Set(BOTH_SIDES);
  return sidesAmong(touchpointActors(model, touchpoint));
}

/** Whether both sides meet at a touchpoint (`touchpointSides` holds both), without making the set. */
export function bothSidesMeet(model: StudyModel, touchpoint: TouchpointDecl): boolean {
  if (!keysOf(touchpoint).$property.actors) return true;
  let staff = false;
  let serviceUsers = false;
  for (const actor of touchpointActors(model, touchpoint)) {
    const side = sideOfActor(actor);
    if (side === 'staff') staff = true;
    else if (side === 'service_user') serviceUsers = true;
    if (staff && serviceUsers) return true;
  }
  return false;
}

/** The sides a method reaches: its participants' sides; record reviews, usage logs and document reviews reach both. */
export function methodSides(model: StudyModel, method: MethodDecl): Set<Side> {
  if (method.methodKind && METHODS_REACHING_BOTH.includes(method.methodKind.text)) return new Set(BOTH_SIDES);
  return sidesAmong(methodParticipants(model, method));
}

const questionsByTouchpointCache = new WeakMap<StudyModel, Map<TouchpointDecl, QuestionDecl[]>>();

/**
 * Questions by the touchpoints they are about (directly or through their service). Computed once
 * per model (several rules and features ask); a model is not changed after linking.
 */
export function questionsByTouchpoint(model: StudyModel): Map<TouchpointDecl, QuestionDecl[]> {
  let index = questionsByTouchpointCache.get(model);
  if (!index) questionsByTouchpointCache.set(model, (index = indexQuestionsByTouchpoint(model)));
  return index;
}

function indexQuestionsByTouchpoint(model: StudyModel): Map<TouchpointDecl, QuestionDecl[]> {
  const index = new Map<TouchpointDecl, QuestionDecl[]>();
  for (const touchpoint of model.touchpoints) index.set(touchpoint, []);
  for (const question of model.questions) {
    for (const touchpoint of touchpointsAbout(model, question)) index.get(touchpoint)?.push(question);
  }
  return index;
}

/** Touchpoints in journey order: services in file order, touchpoints in service order. */
export function journey(model: StudyModel): TouchpointDecl[] {
  return model.services.flatMap((service) => service.touchpoints);
}

export type CoverageStatus = 'covered' | 'excluded' | 'uncovered';

export interface CoverageTarget {
  construct: Construct;
  selection: FrameworkSelection;
  status: CoverageStatus;
  /** the questions naming this construct or anything below it */
  questions: QuestionDecl[];
  exclusion?: ExcludeDecl;
}

/**
 * The constructs a selection asks to be covered: those directly below it, or itself when it has
 * nothing below. Grouping nodes are looked through to the constructs below them.
 */
export function selectionTargets(selection: FrameworkSelection): Construct[] {
  if (selection.construct) return selection.construct.children.length > 0 ? throughGroups(selection.construct.children) : [selection.construct];
  if (selection.framework && !selection.ref?.segments[1]) return throughGroups(selection.framework.constructs);
  return [];
}

/**
 * Whether `frameworks:` selects the framework, or the construct, or a part of it or above it:
 * what an exclusion must name to exclude anything.
 */
export function selects(model: StudyModel, framework: Framework, construct?: Construct): boolean {
  return model.selections.some((selection) => {
    if (selection.framework !== framework) return false;
    if (!selection.construct) return !selection.ref?.segments[1];
    return !construct || isSelfOrAncestor(selection.construct, construct) || isSelfOrAncestor(construct, selection.construct);
  });
}

/** Coverage of every construct the study selects, in the order of `frameworks:`. */
export function computeCoverage(model: StudyModel): CoverageTarget[] {
  const questionsByConstruct = new Map<Construct, QuestionDecl[]>();
  for (const question of model.questions) {
    const refs = keysOf(question).constructs;
    for (let i = 0; i < refs.length; i++) {
      for (let c = constructTarget(model, refs[i]); c; c = c.parent) {
        const list = questionsByConstruct.get(c);
        // questions are indexed one at a time, so if this one is already in the list it is the last
        if (!list) questionsByConstruct.set(c, [question]);
        else if (list[list.length - 1] !== question) list.push(question);
      }
    }
  }
  const exclusions: { exclude: ExcludeDecl; framework?: Framework; construct?: Construct }[] = [];
  for (const exclude of model.excludes) {
    if (!exclude.ref) continue;
    const site = model.referenceByValue.get(exclude.ref);
    if (!site || site.problem) continue;
    exclusions.push({ exclude, framework: site.framework, construct: site.construct });
  }
  const seen = new Set<Construct>();
  const result: CoverageTarget[] = [];
  for (const selection of model.selections) {
    for (const construct of selectionTargets(selection)) {
      if (seen.has(construct)) continue;
      seen.add(construct);
      const questions = questionsByConstruct.get(construct) ?? [];
      const exclusion = exclusions.find((e) => (e.construct ? isSelfOrAncestor(e.construct, construct) : e.framework === construct.framework))?.exclude;
      const status: CoverageStatus = questions.length > 0 ? 'covered' : exclusion ? 'excluded' : 'uncovered';
      result.push({ construct, selection, status, questions, exclusion });
    }
  }
  return result;
}

/** Coverage counted per framework, for status bars and summaries. */
export function coverageSummary(model: StudyModel): { framework: Framework; covered: number; excluded: number; total: number }[] {
  const byFramework = new Map<Framework, { framework: Framework; covered: number; excluded: number; total: number }>();
  for (const target of computeCoverage(model)) {
    const framework = target.construct.framework;
    let entry = byFramework.get(framework);
    if (!entry) byFramework.set(framework, (entry = { framework, covered: 0, excluded: 0, total: 0 }));
    entry.total++;
    if (target.status === 'covered') entry.covered++;
    if (target.status === 'excluded') entry.excluded++;
  }
  return [...byFramework.values()];
}

/** Methods that recruit people (they list participants). */
export function recruitingMethods(model: StudyModel): MethodDecl[] {
  return model.methods.filter((m) => (keysOf(m).$property.participants?.values.length ?? 0) > 0);
}

/** The actors some method recruits. */
export function participantActors(model: StudyModel): ActorDecl[] {
  const actors = new Set<ActorDecl>();
  for (const method of model.methods) for (const actor of targets(model, keysOf(method).participants, 'actor')) actors.add(actor);
  return [...actors];
}

/** Whether any of the study's ethics blocks gives `key`. */
export function ethicsHas(model: StudyModel, key: KeyOf<'ethics'>): boolean {
  return model.study?.ethics.some((e) => keysOf(e).$property[key]) ?? false;
}

/** The ethics keys a study's methods call for, in the order an IRAS form asks. */
export function neededEthicsKeys(model: StudyModel): KeyOf<'ethics'>[] {
  const keys: KeyOf<'ethics'>[] = ['classification'];
  if (recruitingMethods(model).length > 0) keys.push('consent', 'withdrawal');
  if (model.methods.some((m) => keysOf(m).data === 'identifiable')) keys.push('lawful_basis');
  if (model.methods.length > 0) keys.push('retention');
  if (participantActors(model).some((a) => keysOf(a).vulnerable === true)) keys.push('capacity', 'distress_protocol');
  if (model.methods.some((m) => m.methodKind?.text === 'record_review')) keys.push('record_access');
  keys.push('public_involvement');
  return keys;
}
