/**
 * The coverage matrix: the constructs the study selects (in `computeCoverage` order, grouped
 * by framework) against the touchpoints in journey order. A question asks about a construct at
 * a touchpoint when it names the construct or anything below it and is about the touchpoint
 * (directly or through its service). A cell marks each side its perspective names that takes
 * part there: staff (S) where a staff-side actor is among the touchpoint's actors, service
 * users (U) and carers (C) each by their own role; a touchpoint without actors counts for both
 * sides, unless it is backstage (then staff only). Service users and carers are narrowed to the
 * roles the question's methods reach, when its methods name participants on that side. Every
 * cell names the questions behind it.
 */
import { Framework } from '../frameworks/types';
import { computeCoverage, CoverageTarget, journey, perspectiveSides, sideOfActor, targets, touchpointsOf } from '../model/analysis';
import { takesPart } from '../model/guidePlan';
import { ownValue } from '../common/lookup';
import { ActorDecl, QuestionDecl, TouchpointDecl } from '../model/ast';
import { keysOf } from '../model/keys';
import { StudyModel } from '../model/model';
import { csvDocument } from './csv';
import { Block, bullets, code, Doc, em, gap, Inlines, paragraph, strong, TableRow, text } from './doc';
import { constructSource, exclusionSource, labelOf, METHOD_KIND_NAMES, namedPath, perModel, questionNumbers, sourceOf, touchpointNumbers } from './describe';

/** Who a cell marks: staff, service users, carers. */
export type Mark = 'staff' | 'service_user' | 'carer';
export const MARK_CODES: Record<Mark, string> = { staff: 'S', service_user: 'U', carer: 'C' };
const MARK_ORDER: Mark[] = ['staff', 'service_user', 'carer'];

export interface MatrixCell {
  marks: Mark[];
  /** the questions that ask about the construct here, in file order */
  questions: QuestionDecl[];
}

export interface MatrixRow {
  target: CoverageTarget;
  /** only where some side asks */
  cells: Map<TouchpointDecl, MatrixCell>;
}

export interface CoverageMatrix {
  touchpoints: TouchpointDecl[];
  groups: { framework: Framework; rows: MatrixRow[] }[];
}

/** The marks of the people on the service-user side: service users (U) and carers (C). */
function userMarks(actors: ActorDecl[]): Set<Mark> {
  const marks = new Set<Mark>();
  for (const actor of actors) if (sideOfActor(actor) === 'service_user') marks.add(actor.role?.text === 'carer' ? 'carer' : 'service_user');
  return marks;
}

/** Who a question marks at a touchpoint (see the module comment). */
function marksAt(model: StudyModel, question: QuestionDecl, touchpoint: TouchpointDecl): Mark[] {
  const sides = perspectiveSides(question);
  const marks = new Set<Mark>();
  if (sides.includes('staff') && takesPart(model, touchpoint, [], 'staff')) marks.add('staff');
  if (sides.includes('service_user') && takesPart(model, touchpoint, [], 'service_user')) {
    const listed = userMarks(targets(model, keysOf(touchpoint).actors, 'actor'));
    const reached = userMarks(targets(model, keysOf(question).methods, 'method').flatMap((m) => targets(model, keysOf(m).participants, 'actor')));
    // no actors listed: service users are assumed to take part
    if (listed.size === 0) marks.add('service_user');
    for (const mark of listed) if (reached.size === 0 || reached.has(mark)) marks.add(mark);
  }
  return MARK_ORDER.filter((m) => marks.has(m));
}

const matrices = new WeakMap<StudyModel, CoverageMatrix>();

/** The matrix, worked out once per model (the protocol, the matrix and its CSV each show it). */
export function coverageMatrix(model: StudyModel): CoverageMatrix {
  return perModel(matrices, model, () => computeMatrix(model));
}

function computeMatrix(model: StudyModel): CoverageMatrix {
  const touchpoints = journey(model);
  const groups: CoverageMatrix['groups'] = [];
  for (const target of computeCoverage(model)) {
    const cells = new Map<TouchpointDecl, MatrixCell>();
    for (const question of target.questions) {
      for (const tp of touchpointsOf(model, question)) {
        const marks = marksAt(model, question, tp);
        if (marks.length === 0) continue;
        const cell = cells.get(tp) ?? { marks: [], questions: [] };
        cell.marks = MARK_ORDER.filter((m) => cell.marks.includes(m) || marks.includes(m));
        if (!cell.questions.includes(question)) cell.questions.push(question);
        cells.set(tp, cell);
      }
    }
    const framework = target.construct.framework;
    let group = groups.find((g) => g.framework === framework);
    if (!group) groups.push((group = { framework, rows: [] }));
    group.rows.push({ target, cells });
  }
  return { touchpoints, groups };
}

/** The letters of a cell, staff first: "S", "U", "S+U", "S+U+C". */
export function markCodes(marks: Iterable<Mark> | undefined): string {
  const set = new Set(marks);
  return MARK_ORDER.filter((m) => set.has(m))
    .map((m) => MARK_CODES[m])
    .join('+');
}

/** A cell as text: "S+U Q1, Q3"; empty where nobody asks. */
function cellText(cell: MatrixCell | undefined, numbers: Map<QuestionDecl, string>): string {
  return cell ? `${markCodes(cell.marks)} ${cell.questions.map((q) => numbers.get(q) ?? q.name.text).join(', ')}` : '';
}

/** A question's line in a cell's tooltip: what it asks and how it is answered. */
function titleLine(model: StudyModel, q: QuestionDecl, numbers: Map<QuestionDecl, string>): string {
  const methods = targets(model, keysOf(q).methods, 'method').map((m) => `${labelOf(m)} (${ownValue(METHOD_KIND_NAMES, m.methodKind?.text) ?? m.methodKind?.text ?? 'method'})`);
  return `${numbers.get(q) ?? ''} ${labelOf(q)} (methods: ${methods.length > 0 ? methods.join('; ') : 'none named'})`;
}

/** What a cell's questions are and how they are answered, for a tooltip; each question's line worked out once per table (`lines`). */
function cellTitle(model: StudyModel, cell: MatrixCell, numbers: Map<QuestionDecl, string>, lines: Map<QuestionDecl, string>): string {
  return cell.questions
    .map((q) => {
      let line = lines.get(q);
      if (line === undefined) lines.set(q, (line = titleLine(model, q, numbers)));
      return line;
    })
    .join('\n');
}

function statusCell(target: CoverageTarget, compact: boolean): Inlines {
  if (target.status === 'covered') return [text('Covered')];
  if (target.status === 'uncovered') return [{ text: '✗ Not covered', style: 'gap' }];
  if (compact) return [strong('Excluded')];
  const reason = target.exclusion?.rationale?.text.trim();
  return reason ? [strong('Excluded:'), text(' '), em(reason)] : [strong('Excluded:'), text(' '), gap('No rationale given')];
}

/** The matrix as one table: a row per framework, then a row per construct. `compact` leaves exclusion reasons to a list after it. */
export function matrixTable(model: StudyModel, matrix: CoverageMatrix = coverageMatrix(model), compact = false): Block {
  const numbers = touchpointNumbers(model);
  const questions = questionNumbers(model);
  const lines = new Map<QuestionDecl, string>();
  const header: Inlines[] = [[text('Construct')], ...matrix.touchpoints.map((tp) => [text(numbers.get(tp) ?? tp.name.text)]), [text('Status')]];
  const rows: TableRow[] = [];
  for (const group of matrix.groups) {
    rows.push({ group: true, cells: [[strong(group.framework.name)]] });
    for (const row of group.rows) {
      const construct = row.target.construct;
      rows.push({
        source: constructSource(construct),
        cells: [
          [text(construct.name), text(' '), code(construct.path)],
          ...matrix.touchpoints.map((tp) => {
            const cell = row.cells.get(tp);
            return cell ? [{ text: cellText(cell, questions), title: cellTitle(model, cell, questions, lines) }] : [text('')];
          }),
          statusCell(row.target, compact),
        ],
      });
    }
  }
  return { type: 'table', header, rows, align: header.map((_, i) => (i === 0 || i === header.length - 1 ? 'left' : 'center')) };
}

/** The key to the matrix's columns: T1 = the first touchpoint's label, … */
export function touchpointKey(model: StudyModel): Block {
  const numbers = touchpointNumbers(model);
  return bullets(journey(model).map((tp) => ({ content: [strong(numbers.get(tp) ?? ''), text(` ${labelOf(tp)}`)], source: sourceOf(tp) })));
}

export function coverageCounts(matrix: CoverageMatrix): { total: number; covered: number; excluded: number; uncovered: number } {
  const rows = matrix.groups.flatMap((g) => g.rows);
  const count = (status: CoverageTarget['status']) => rows.filter((r) => r.target.status === status).length;
  return { total: rows.length, covered: count('covered'), excluded: count('excluded'), uncovered: count('uncovered') };
}

export function countsSentence(matrix: CoverageMatrix): Inlines {
  const c = coverageCounts(matrix);
  if (c.total === 0) return [gap('The study selects no framework constructs to cover.')];
  const constructs = `${c.total} construct${c.total === 1 ? '' : 's'}`;
  if (c.covered === c.total) return [text(`The study selects ${constructs}, and every one is covered by at least one question.`)];
  const parts: Inlines[] = [];
  if (c.covered > 0) parts.push([text(`${c.covered} covered by at least one question`)]);
  if (c.excluded > 0) parts.push([text(`${c.excluded} excluded with a reason`)]);
  if (c.uncovered > 0) parts.push([{ text: `✗ ${c.uncovered} not covered`, style: 'gap' }]);
  const joined = parts.flatMap((p, i) => [...(i === 0 ? [] : [text(i === parts.length - 1 ? ' and ' : ', ')]), ...p]);
  return [text(`The study selects ${constructs}: `), ...joined, text('.')];
}

export const MATRIX_LEGEND =
  'A cell shows who is asked about the construct at that touchpoint (S staff, U service users, C carers; S+U both sides), and which questions ask (Q1, Q2, …). A side is marked only where it takes part. A question asks about a construct when it names the construct or anything below it.';

/** The key to the question ids of the cells: Q1 = the first question's title, with its methods. */
export function questionKey(model: StudyModel): Block {
  const numbers = questionNumbers(model);
  return bullets(
    model.questions.map((q) => {
      const methods = targets(model, keysOf(q).methods, 'method').map(labelOf);
      return { content: [strong(numbers.get(q) ?? ''), text(` ${labelOf(q)} `), em(`(${methods.length > 0 ? methods.join('; ') : 'no method named'})`)], source: sourceOf(q) };
    }),
  );
}

/** The exclusions with their reasons; an exclusion without a reason, or naming nothing, is marked. */
export function exclusionList(model: StudyModel): Block | undefined {
  if (model.excludes.length === 0) return undefined;
  return bullets(
    model.excludes.map((exclude) => {
      const site = exclude.ref ? model.referenceByValue.get(exclude.ref) : undefined;
      const named = site?.construct ? site.construct.name : site?.framework ? site.framework.name : undefined;
      const what: Inlines = named && !site?.problem ? namedPath(named, exclude.ref?.path ?? '', true) : [gap('Excludes something that does not exist:'), text(' '), code(exclude.ref?.path ?? '')];
      const reason = exclude.rationale?.text.trim();
      return { content: [...what, text(': '), ...(reason ? [text(reason)] : [gap('No rationale given')])], source: exclusionSource(exclude) };
    }),
  );
}

/** The matrix as a document of its own. */
export function buildMatrix(model: StudyModel, draftNote?: Block): Doc {
  const matrix = coverageMatrix(model);
  const blocks: Block[] = [];
  if (draftNote) blocks.push(draftNote);
  blocks.push(paragraph(countsSentence(matrix)), paragraph(MATRIX_LEGEND));
  if (matrix.touchpoints.length > 0) blocks.push({ type: 'heading', level: 1, content: [text('Touchpoints')] }, touchpointKey(model));
  if (model.questions.length > 0) blocks.push({ type: 'heading', level: 1, content: [text('Questions')] }, questionKey(model));
  blocks.push({ type: 'heading', level: 1, content: [text('Constructs by touchpoint')] }, matrixTable(model, matrix));
  const exclusions = exclusionList(model);
  if (exclusions) blocks.push({ type: 'heading', level: 1, content: [text('Exclusions')] }, exclusions);
  return { title: `Coverage matrix: ${model.study ? labelOf(model.study) : model.root.path}`, blocks };
}

/**
 * The matrix as RFC 4180 CSV (CRLF line ends, a header row): framework, construct, path and
 * status, a column per touchpoint (headed by its label) holding who is asked and by which
 * questions ("S+U Q1, Q3"), and the exclusion's reason.
 */
export function matrixCsv(model: StudyModel): string {
  const matrix = coverageMatrix(model);
  const questions = questionNumbers(model);
  const lines: string[][] = [['Framework', 'Construct', 'Path', 'Status', ...matrix.touchpoints.map(labelOf), 'Exclusion rationale']];
  const statusWords = { covered: 'covered', excluded: 'excluded', uncovered: 'not covered' } as const;
  for (const group of matrix.groups) {
    for (const row of group.rows) {
      const { construct, status, exclusion } = row.target;
      lines.push([
        group.framework.name,
        construct.name,
        construct.path,
        statusWords[status],
        ...matrix.touchpoints.map((tp) => cellText(row.cells.get(tp), questions)),
        status === 'excluded' ? (exclusion?.rationale?.text.trim() ?? '') : '',
      ]);
    }
  }
  return csvDocument(lines);
}
