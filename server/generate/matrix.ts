/**
 * The coverage matrix: the constructs the study selects (in `computeCoverage` order, grouped
 * by framework) against the touchpoints in journey order. A cell holds the sides that ask
 * about the construct at that touchpoint: a question asks about it there when it names the
 * construct or anything below it and is about the touchpoint (directly or through its
 * service); its sides are those of its perspective.
 */
import { Framework, Side } from '../frameworks/types';
import { computeCoverage, CoverageTarget, journey, perspectiveSides, touchpointsOf } from '../model/analysis';
import { TouchpointDecl } from '../model/ast';
import { StudyModel } from '../model/model';
import { csvDocument } from './csv';
import { Block, bullets, code, Doc, em, gap, Inlines, paragraph, strong, TableRow, text } from './doc';
import { constructSource, exclusionSource, labelOf, namedPath, SIDE_CODES, sourceOf, touchpointNumbers } from './describe';

export interface MatrixRow {
  target: CoverageTarget;
  /** the sides asking at each touchpoint, only where some side asks */
  cells: Map<TouchpointDecl, Side[]>;
}

export interface CoverageMatrix {
  touchpoints: TouchpointDecl[];
  groups: { framework: Framework; rows: MatrixRow[] }[];
}

export function coverageMatrix(model: StudyModel): CoverageMatrix {
  const touchpoints = journey(model);
  const groups: CoverageMatrix['groups'] = [];
  for (const target of computeCoverage(model)) {
    const asking = new Map<TouchpointDecl, Set<Side>>();
    for (const question of target.questions) {
      const sides = perspectiveSides(question);
      for (const tp of touchpointsOf(model, question)) {
        const set = asking.get(tp) ?? new Set<Side>();
        for (const side of sides) set.add(side);
        asking.set(tp, set);
      }
    }
    const cells = new Map<TouchpointDecl, Side[]>();
    for (const [tp, set] of asking) if (set.size > 0) cells.set(tp, [...set]);
    const framework = target.construct.framework;
    let group = groups.find((g) => g.framework === framework);
    if (!group) groups.push((group = { framework, rows: [] }));
    group.rows.push({ target, cells });
  }
  return { touchpoints, groups };
}

/** The letters of a cell, staff first: "S", "U", "S+U". */
export function sideCodes(sides: Iterable<Side> | undefined): string {
  const set = new Set(sides);
  return (['staff', 'service_user'] as const).filter((s) => set.has(s)).map((s) => SIDE_CODES[s]).join('+');
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
  const header: Inlines[] = [[text('Construct')], ...matrix.touchpoints.map((tp) => [text(numbers.get(tp) ?? tp.name.text)]), [text('Status')]];
  const rows: TableRow[] = [];
  for (const group of matrix.groups) {
    rows.push({ group: true, cells: [[strong(group.framework.name)]] });
    for (const row of group.rows) {
      const construct = row.target.construct;
      rows.push({
        source: constructSource(construct),
        cells: [[text(construct.name), text(' '), code(construct.path)], ...matrix.touchpoints.map((tp) => [text(sideCodes(row.cells.get(tp)))]), statusCell(row.target, compact)],
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

export const MATRIX_LEGEND = 'A cell shows who is asked about the construct at that touchpoint: S staff, U service users (and carers), S+U both. A question asks about a construct when it names the construct or anything below it.';

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
  blocks.push({ type: 'heading', level: 1, content: [text('Constructs by touchpoint')] }, matrixTable(model, matrix));
  const exclusions = exclusionList(model);
  if (exclusions) blocks.push({ type: 'heading', level: 1, content: [text('Exclusions')] }, exclusions);
  return { title: `Coverage matrix: ${model.study ? labelOf(model.study) : model.root.path}`, blocks };
}

/**
 * The matrix as RFC 4180 CSV (CRLF line ends, a header row): framework, construct, path and
 * status, a column per touchpoint (headed by its label) holding S, U or S+U, and the
 * exclusion's reason.
 */
export function matrixCsv(model: StudyModel): string {
  const matrix = coverageMatrix(model);
  const lines: string[][] = [['Framework', 'Construct', 'Path', 'Status', ...matrix.touchpoints.map(labelOf), 'Exclusion rationale']];
  const statusWords = { covered: 'covered', excluded: 'excluded', uncovered: 'not covered' } as const;
  for (const group of matrix.groups) {
    for (const row of group.rows) {
      const { construct, status, exclusion } = row.target;
      lines.push([group.framework.name, construct.name, construct.path, statusWords[status], ...matrix.touchpoints.map((tp) => sideCodes(row.cells.get(tp))), status === 'excluded' ? exclusion?.rationale?.text.trim() ?? '' : '']);
    }
  }
  return csvDocument(lines);
}
