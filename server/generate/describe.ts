/**
 * How the generated documents speak about a study: display names for the language's values,
 * labels of declarations, and the facts several documents share (journey numbering,
 * resolved references with their gaps marked, a method's participant sides).
 */
import * as path from 'path';
import { Finding } from '../common/finding';
import { ownValue } from '../common/lookup';
import { Construct, Framework, FrameworkKind, Side } from '../frameworks/types';
import { BOTH_SIDES, journey, methodSides, sideOfActor, targets } from '../model/analysis';
import { ActorDecl, Declaration, ExcludeDecl, MethodDecl, Property, QuestionDecl, RefValue, TouchpointDecl } from '../model/ast';
import { isPlaceholder } from '../model/fieldwork';
import { keysOf, trimmed, wordOf } from '../model/keys';
import { StudyModel } from '../model/model';
import { Block, bullets, code, em, gap, Inlines, paragraph, SourceRef, strong, text } from './doc';

export const DESIGN_NAMES: Record<string, string> = { qualitative: 'Qualitative', quantitative: 'Quantitative', mixed_methods: 'Mixed methods' };
export const CHANNEL_NAMES: Record<string, string> = { digital: 'Digital', face_to_face: 'Face to face', telephone: 'Telephone', video: 'Video', paper: 'Paper', hybrid: 'Hybrid' };
export const METHOD_KIND_NAMES: Record<string, string> = {
  interview: 'Interviews',
  focus_group: 'Focus groups',
  survey: 'Survey',
  record_review: 'Record review',
  observation: 'Observation',
  usage_log: 'Usage logs',
  document_review: 'Document review',
};
export const MODE_NAMES: Record<string, string> = { face_to_face: 'Face to face', telephone: 'By telephone', video: 'By video call', online: 'Online', paper: 'On paper' };
export const RECORDING_NAMES: Record<string, string> = { audio: 'Audio-recorded', video: 'Video-recorded', notes: 'Written notes', none: 'Not recorded' };
export const DATA_NAMES: Record<string, string> = { identifiable: 'Identifiable', pseudonymised: 'Pseudonymised', anonymous: 'Anonymous' };
export const CLASSIFICATION_NAMES: Record<string, string> = { research: 'Research', service_evaluation: 'Service evaluation', audit: 'Audit' };
export const CONSENT_NAMES: Record<string, string> = {
  written: 'Written informed consent',
  verbal: 'Verbal consent, recorded by the researcher',
  online: 'Online consent',
  implied: 'Implied consent: returning the anonymous questionnaire shows consent',
  waived: 'Consent waived',
};
export const PERSPECTIVE_NAMES: Record<string, string> = { service_user: 'Service users', staff: 'Staff', both: 'Staff and service users' };
export const ROLE_NAMES: Record<string, string> = { service_user: 'service user', carer: 'carer', staff: 'staff', manager: 'manager' };
export const SIDE_NAMES: Record<Side, string> = { staff: 'Staff', service_user: 'Service users' };
export const FRAMEWORK_KIND_NAMES: Record<FrameworkKind, string> = { coproduction: 'co-production', implementation: 'implementation', outcomes: 'outcomes', equity: 'equity' };

export function labelOf(declaration: { name: { text: string }; label?: { text: string } }): string {
  return declaration.label?.text.trim() || declaration.name.text;
}

export function sourceOf(declaration: Declaration): SourceRef {
  return { kind: declaration.kind, name: declaration.name.text, file: declaration.file, line: declaration.range.start.line };
}

export function exclusionSource(exclude: ExcludeDecl): SourceRef {
  return { kind: 'exclude', name: exclude.ref?.path ?? '', file: exclude.file, line: exclude.range.start.line };
}

export function constructSource(construct: Construct): SourceRef {
  return { kind: 'construct', name: construct.path, file: construct.framework.file, line: construct.location.start.line };
}

export function frameworkSource(framework: Framework): SourceRef {
  return { kind: 'framework', name: framework.id, file: framework.file, line: framework.location.start.line };
}

/**
 * An enum property in words; a missing one becomes the gap `missing` (or undefined when the
 * key is optional), a value outside the set is marked rather than dropped.
 */
export function enumText(property: Property | undefined, names: Record<string, string>, missing?: string): Inlines | undefined {
  if (!property || property.values.length === 0) return missing ? [gap(missing)] : undefined;
  const name = ownValue(names, wordOf(property));
  if (name) return [text(name)];
  return [gap(`Unrecognised ${property.key.text.replace(/_/g, ' ')}`), text(' '), code(rawValue(property))];
}

/** A property's first value as written, for marking what could not be understood. */
function rawValue(property: Property): string {
  const value = property.values[0];
  if (!value) return '';
  switch (value.kind) {
    case 'ref':
      return value.path;
    case 'string':
      return value.text;
    case 'number':
      return String(value.value);
    case 'range':
      return `${value.min}..${value.max}`;
    case 'boolean':
      return value.value ? 'yes' : 'no';
  }
}

/** An answer the study does not give: "⚠ Not stated", and the key that would give it. */
export function notStated(key: string, where = 'the study'): Inlines {
  return [gap('Not stated'), text(' (add '), code(`${key}:`), text(` to ${where})`)];
}

/** A string or text value as one line of spans; absent, empty or a TODO placeholder, "Not stated" with its key. */
export function statedText(value: string | undefined, key: string, where = 'the study'): Inlines {
  const given = trimmed(value);
  if (!given) return notStated(key, where);
  if (isPlaceholder(given)) return [gap('Not stated'), text(' (replace the placeholder in '), code(`${key}:`), text(` in ${where})`)];
  return [text(paragraphsOf(given).join(' '))];
}

/** A text block's paragraphs (blank lines separate them), each on one line. */
export function paragraphsOf(value: string): string[] {
  return value
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Text that ends as a sentence does, for text run on after it. */
export function asSentence(value: string): string {
  return /[.!?…)"”]$/.test(value) ? value : `${value}.`;
}

/** A method's `sample` as people read it: "400", "12–16". */
export function sampleText(method: MethodDecl): string | undefined {
  const sample = keysOf(method).sample;
  return sample && (sample.isRange ? `${sample.min}–${sample.max}` : String(sample.min));
}

/**
 * Each ref of a property as the label of what it names; a ref that names nothing is kept and
 * marked, so a reader sees what the study meant and that it is broken.
 */
export function refLabels(model: StudyModel, refs: readonly RefValue[], describe: (declaration: Declaration) => Inlines = (d) => [text(labelOf(d))]): Inlines[] {
  const result: Inlines[] = [];
  for (const value of refs) {
    const site = model.referenceByValue.get(value);
    if (site?.declaration && !site.problem) result.push(describe(site.declaration));
    else result.push([gap('Not found:'), text(' '), code(value.path)]);
  }
  return result;
}

/** A construct (or framework part) as people and the study name it: "Name (`npt.coherence`)", the name in bold where it heads a line. */
export function namedPath(name: string, dottedPath: string, bold = false): Inlines {
  return [bold ? strong(name) : text(name), text(' ('), code(dottedPath), text(')')];
}

/** Construct refs as "Name (`path`)", or just the name where space is short; unknown ones marked. */
export function constructLabels(model: StudyModel, refs: readonly RefValue[], withPath = true): Inlines[] {
  const result: Inlines[] = [];
  for (const value of refs) {
    const construct = model.referenceByValue.get(value)?.construct;
    if (construct) result.push(withPath ? namedPath(construct.name, construct.path) : [text(construct.name)]);
    else result.push([gap('Unknown construct'), text(' '), code(value.path)]);
  }
  return result;
}

/**
 * The items that name each declaration under one key, e.g. the methods that recruit each actor:
 * `const recruiting = namedBy(model, model.methods, (m) => keysOf(m).participants, 'actor')`, then
 * `recruiting(actor)`. One pass over the items, so asking it of every actor stays linear; the
 * items keep their order, and one that names a declaration twice is listed once.
 */
export function namedBy<T>(model: StudyModel, items: readonly T[], refsOf: (item: T) => readonly RefValue[], kind: Declaration['kind']): (target: Declaration) => T[] {
  const index = new Map<Declaration, T[]>();
  for (const item of items)
    for (const target of targets(model, refsOf(item), kind)) {
      const list = index.get(target);
      if (!list) index.set(target, [item]);
      else if (list[list.length - 1] !== item) list.push(item);
    }
  return (target) => index.get(target) ?? [];
}

const actorJourneys = new WeakMap<StudyModel, { position: Map<TouchpointDecl, number>; ofActor: (actor: Declaration) => TouchpointDecl[] }>();

/** The touchpoints any of the actors take part in, in journey order (indexed once per model). */
export function touchpointsOfActors(model: StudyModel, actors: readonly Declaration[]): TouchpointDecl[] {
  let index = actorJourneys.get(model);
  if (!index) {
    const order = journey(model);
    index = { position: new Map(order.map((tp, i) => [tp, i])), ofActor: namedBy(model, order, (tp) => keysOf(tp).actors, 'actor') };
    actorJourneys.set(model, index);
  }
  const { position, ofActor } = index;
  if (actors.length === 1) return ofActor(actors[0]);
  return [...new Set(actors.flatMap(ofActor))].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
}

/** Journey numbers: T1, T2, … over every service's touchpoints in journey order. */
export function touchpointNumbers(model: StudyModel): Map<TouchpointDecl, string> {
  return perModel(touchpointNumbering, model, () => new Map(journey(model).map((tp, i) => [tp, `T${i + 1}`])));
}

const touchpointNumbering = new WeakMap<StudyModel, Map<TouchpointDecl, string>>();
const questionNumbering = new WeakMap<StudyModel, Map<QuestionDecl, string>>();

/** A value worked out once per model (numberings every document of a study asks for); treat it as read-only. */
export function perModel<T>(cache: WeakMap<StudyModel, T>, model: StudyModel, make: () => T): T {
  let value = cache.get(model);
  if (value === undefined) cache.set(model, (value = make()));
  return value;
}

/** Question numbers: Q1, Q2, … in file order. */
export function questionNumbers(model: StudyModel): Map<QuestionDecl, string> {
  return perModel(questionNumbering, model, () => new Map(model.questions.map((q, i) => [q, `Q${i + 1}`])));
}

/** "staff side", "manager, staff side", "service-user side", "carer, service-user side"; undefined for an unrecognised role. */
export function roleAndSide(actor: ActorDecl): string | undefined {
  const side = sideOfActor(actor);
  const role = actor.role?.text ?? '';
  if (!side) return undefined;
  const sideName = side === 'staff' ? 'staff side' : 'service-user side';
  return role === 'carer' || role === 'manager' ? `${role}, ${sideName}` : sideName;
}

/** An actor as "Label (manager, staff side)"; an unrecognised role is marked. */
export function actorWithSide(declaration: Declaration): Inlines {
  if (declaration.kind !== 'actor') return [text(labelOf(declaration))];
  const side = roleAndSide(declaration);
  return side ? [text(`${labelOf(declaration)} (${side})`)] : [text(`${labelOf(declaration)} `), gap('no recognised role')];
}

/** The sides a method's participants hold, in the fixed order service user, staff. */
export function participantSides(model: StudyModel, method: MethodDecl): Side[] {
  const sides = methodSides(model, method);
  return BOTH_SIDES.filter((s) => sides.has(s));
}

/** "Staff", "Service users", "Staff and service users". */
export function sidesName(sides: readonly Side[]): string {
  if (sides.length === 2) return 'Staff and service users';
  return sides.length === 1 ? SIDE_NAMES[sides[0]] : 'No participants';
}

export function isVulnerable(model: StudyModel, method: MethodDecl): boolean {
  return targets(model, keysOf(method).participants, 'actor').some((actor) => keysOf(actor).vulnerable === true);
}

/**
 * The banner of a study that lint finds errors in: the count, and (for the protocol) each
 * error with where it is. Undefined for a study without errors.
 */
export function draftNote(findings: Finding[], detailed: boolean): Block | undefined {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return undefined;
  const blocks: Block[] = [
    paragraph([
      gap(`Draft: studyspec found ${errors.length} error${errors.length === 1 ? '' : 's'} in this study.`),
      text(' What is missing is marked ⚠ where it belongs. Fix the study and generate again before using this document.'),
    ]),
  ];
  if (detailed) blocks.push(bullets(errors.map((f) => [code(`${path.basename(f.file)}:${f.range.start.line + 1}`), text(` ${f.message} `), em(`(${f.rule})`)])));
  return { type: 'note', tone: 'gap', blocks };
}
