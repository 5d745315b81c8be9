/**
 * Fieldwork facts that rules and documents share: how each method takes consent, how
 * identifiable its data are, what its participants receive, and the participant groups that
 * get one information sheet and consent form each.
 */
import { Range } from '../common/range';
import { Side } from '../frameworks/types';
import { sideOfActor, targets } from './analysis';
import { keysOf, trimmed } from './keys';
import { ActorDecl, Declaration, MethodDecl, propertyOf } from './ast';
import { StudyModel } from './model';
import { CONSENT_TYPES, ConsentType } from './schema';

/**
 * A placeholder is text that starts with "TODO" (what the quick fixes insert). It answers
 * nothing: the rule that asked for the key still reports it, and documents print a gap.
 */
export function isPlaceholder(text: string): boolean {
  return /^\s*TODO\b/i.test(text);
}

/** Whether a block answers a key: `given`, only a `placeholder`, or `missing`; with the range to point at. */
export function answerOf(owner: { properties: Declaration['properties'] }, key: string): { state: 'given' | 'placeholder' | 'missing'; range?: Range } {
  const property = propertyOf(owner, key);
  if (!property || property.values.length === 0) return { state: 'missing' };
  const placeholder = property.values.find((v) => v.kind === 'string' && isPlaceholder(v.text));
  return placeholder ? { state: 'placeholder', range: placeholder.range } : { state: 'given', range: property.key.range };
}

/** The range of a key's first value, for findings about what it says. */
export function valueRange(owner: { properties: Declaration['properties'] }, key: string): Range | undefined {
  return propertyOf(owner, key)?.values[0]?.range;
}

/** Whether a block gives a key at least one value. */
export function hasKey(owner: { properties: Declaration['properties'] }, key: string): boolean {
  return (propertyOf(owner, key)?.values.length ?? 0) > 0;
}

export function recruits(method: MethodDecl): boolean {
  return (keysOf(method).$property.participants?.values.length ?? 0) > 0;
}

/** A method's consent: its own `consent`, else the ethics block's. */
export function consentOf(model: StudyModel, method: MethodDecl): { type: ConsentType; fromMethod: boolean } | undefined {
  const own = consentValue(keysOf(method).consent);
  if (own) return { type: own, fromMethod: true };
  const study = model.ethics ? consentValue(keysOf(model.ethics).consent) : undefined;
  return study ? { type: study, fromMethod: false } : undefined;
}

function consentValue(value: string | undefined): ConsentType | undefined {
  return (CONSENT_TYPES as readonly string[]).includes(value ?? '') ? (value as ConsentType) : undefined;
}

export type Identifiability = 'identifiable' | 'pseudonymised' | 'anonymous';

/**
 * How identifiable a method's data are: `data:` when given; otherwise audio or video
 * recordings are identifiable by nature (a voice or a face identifies the speaker).
 */
export function identifiabilityOf(method: MethodDecl): { level: Identifiability; stated: boolean } | undefined {
  const data = keysOf(method).data;
  if (data === 'identifiable' || data === 'pseudonymised' || data === 'anonymous') return { level: data, stated: true };
  return recordsPeople(method) ? { level: 'identifiable', stated: false } : undefined;
}

/** Whether the method records participants' voices or faces. */
export function recordsPeople(method: MethodDecl): boolean {
  const recording = keysOf(method).recording;
  return recording === 'audio' || recording === 'video';
}

/** How long one session of a method lasts, in minutes (`duration: 45`). */
export function durationMinutes(method: MethodDecl): number | undefined {
  const value = keysOf(method).$property.duration?.values[0];
  return value?.kind === 'number' ? value.value : undefined;
}

/** A method's incentive: its own `incentive`, else the ethics block's `incentives`. */
export function incentiveOf(model: StudyModel, method: MethodDecl): { text: string; fromMethod: boolean } | undefined {
  const own = trimmed(keysOf(method).incentive);
  if (own) return { text: own, fromMethod: true };
  const study = model.ethics ? trimmed(keysOf(model.ethics).incentives) : undefined;
  return study ? { text: study, fromMethod: false } : undefined;
}

/** One group of participants: actors of one side who take part in exactly the same methods share an information sheet. */
export interface ParticipantGroup {
  /** file-stem part: the actors' names joined by "-" */
  id: string;
  actors: ActorDecl[];
  methods: MethodDecl[];
  /** undefined for actors whose role is not recognised */
  side?: Side;
}

/** The study's participant groups, in the order their first actor is declared. */
export function participantGroups(model: StudyModel): ParticipantGroup[] {
  const methodsOf = new Map<ActorDecl, MethodDecl[]>();
  for (const method of model.methods) {
    for (const actor of targets(model, keysOf(method).participants, 'actor')) {
      const list = methodsOf.get(actor) ?? [];
      if (!list.includes(method)) list.push(method);
      methodsOf.set(actor, list);
    }
  }
  const groups = new Map<string, ParticipantGroup>();
  const position = new Map(model.methods.map((m, i) => [m, i]));
  for (const actor of model.actors) {
    const methods = methodsOf.get(actor);
    if (!methods) continue;
    const side = sideOfActor(actor);
    const key = `${side ?? ''}:${methods.map((m) => position.get(m)).join(',')}`;
    const group = groups.get(key) ?? { id: '', actors: [], methods, side };
    group.actors.push(actor);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.id = group.actors.map((a) => a.name.text).join('-');
  return [...groups.values()];
}
