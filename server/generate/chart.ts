/**
 * The framework-analysis charting matrix (Gale et al. 2013), empty and ready to fill: a sheet per
 * participant group, a numbered row per planned participant (up to the method's sample maximum)
 * with their identifier, method, date and the touchpoints they experienced, and a column per
 * code, grouped by framework, with the code's definition as the header's comment. Written as
 * chart.xlsx (by ./xlsx) and as CSV (every sheet in one table).
 */
import { Codebook, CodebookCode, sampleMaximum, walkCodes } from '../model/codebook';
import { MethodDecl, QuestionDecl } from '../model/ast';
import { guideQuestions } from '../model/guidePlan';
import { StudyModel } from '../model/model';
import { codeDefinition, questionLine } from './codebook';
import { Cell, CellStyle, columnName, Sheet, writeXlsx } from './xlsx';
import { csvDocument } from './csv';
import { labelOf, questionNumbers, sampleText } from './describe';
import { bullets, code, Doc, em, paragraph, strong, text } from './doc';

/** Rows for a group whose method gives no sample size. */
export const ROWS_WITHOUT_SAMPLE = 10;
export const FIXED_COLUMNS = ['Participant', 'Method', 'Date', 'Touchpoints experienced'] as const;
export const INDUCTIVE_COLUMN = 'New codes (inductive)';
/** The header rows: the sheet's title, the frameworks, the codes. */
export const HEADER_ROWS = 3;

export interface ChartSheet {
  group: MethodDecl;
  /** the worksheet's name: the method's id, made safe and unique for a worksheet */
  name: string;
  title: string;
  participants: string[];
  /** the touchpoints the group's questions are about, as "T1 Label" */
  touchpoints: string[];
}

export interface ChartFramework {
  framework: CodebookCode;
  codes: CodebookCode[];
}

export interface Chart {
  sheets: ChartSheet[];
  frameworks: ChartFramework[];
}

/** Initials of a method's id, for participant identifiers: staff_interviews → SI. */
function prefixOf(method: MethodDecl): string {
  return method.name.text
    .split(/_+/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}

/** A worksheet name: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Group';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export function buildChart(book: Codebook): Chart {
  const names = new Set<string>();
  const prefixes = new Map<string, number>();
  const setOf = new Map(book.sets.map((s) => [s.group, s]));
  const sheets = book.groups.map((group): ChartSheet => {
    const max = sampleMaximum(group) ?? ROWS_WITHOUT_SAMPLE;
    let prefix = prefixOf(group) || 'P';
    const seen = prefixes.get(prefix) ?? 0;
    prefixes.set(prefix, seen + 1);
    if (seen > 0) prefix = `${prefix}${seen + 1}-`;
    const width = Math.max(2, String(max).length);
    const sample = sampleText(group);
    const set = setOf.get(group);
    return {
      group,
      name: sheetName(group.name.text, names),
      title: `${labelOf(group)}: ${sample ? `${sample} planned` : `no sample size given, ${ROWS_WITHOUT_SAMPLE} rows`}`,
      participants: Array.from({ length: max }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`),
      touchpoints: (set?.members ?? []).filter((m) => m.family === 'touchpoint').map((m) => m.name),
    };
  });
  const frameworks = book.frameworks.map((framework) => ({ framework, codes: [...walkCodes(framework.children)].filter((c) => c.codable) })).filter((f) => f.codes.length > 0);
  return { sheets, frameworks };
}

/** What the workbook holds, as a page (the preview's data; the files are the xlsx and the CSV). */
export function chartSummary(chart: Chart): Doc {
  const sheets = chart.sheets.map((sheet) => [code(sheet.name), text(`: ${sheet.title}; rows ${sheet.participants[0]} to ${sheet.participants[sheet.participants.length - 1]}`)]);
  const columns = chart.frameworks.map((f) => [strong(f.framework.name), text(`: ${f.codes.map((c) => c.name).join(', ')}`)]);
  return {
    title: 'Charting matrix',
    blocks: [
      paragraph(
        `chart.xlsx is an empty framework-analysis matrix: a sheet per participant group, a row per planned participant, and after the columns ${FIXED_COLUMNS.join(', ')} a column per code, grouped by framework, then ${INDUCTIVE_COLUMN}.`,
      ),
      sheets.length > 0 ? bullets(sheets) : paragraph([em('The study has no method that recruits participants.')]),
      ...(columns.length > 0 ? [bullets(columns)] : []),
    ],
  };
}

/** Every sheet as one CSV table, a column for the group first. */
export function chartCsv(chart: Chart): string {
  const codes = chart.frameworks.flatMap((f) => f.codes.map((c) => `${f.framework.name}: ${c.name}`));
  const rows: string[][] = [['Participant group', ...FIXED_COLUMNS, ...codes, INDUCTIVE_COLUMN]];
  for (const sheet of chart.sheets) for (const id of sheet.participants) rows.push([sheet.name, id, labelOf(sheet.group), '', '', ...codes.map(() => ''), '']);
  return csvDocument(rows);
}

/** `#0072B2` mixed with white, for a header band light enough for black text, as ARGB. */
function tint(hex: string, amount = 0.78): string {
  const channel = (i: number): string => {
    const value = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `FF${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}

const TITLE: CellStyle = { bold: true, size: 13 };
const WIDTHS = { participant: 12, method: 26, date: 12, touchpoints: 30, code: 24, inductive: 30 };

/** The chart as an .xlsx workbook. */
export function chartXlsx(model: StudyModel, chart: Chart): Buffer {
  const codeCount = chart.frameworks.reduce((n, f) => n + f.codes.length, 0);
  const lastColumn = FIXED_COLUMNS.length + codeCount + 1;
  const context = { numbers: questionNumbers(model) };
  const codes = chart.frameworks.flatMap((f) => f.codes);
  const definitions = new Map(codes.map((c) => [c, codeDefinition(c)]));
  const askedBy = new Map(codes.map((c) => [c, new Set(c.questions)]));
  const order = new Map(model.questions.map((q, i) => [q, i]));
  /** A code's note in one group's sheet: what it means, and which of the questions put to this group ask about it (all the study's questions and groups would make every sheet's notes as long as the study). */
  const noteOf = (entry: CodebookCode, asked: QuestionDecl[]): string => {
    const questions = asked.filter((q) => askedBy.get(entry)?.has(q));
    return [...(definitions.get(entry) ?? []), ...(questions.length > 0 ? [`Asked of this group by: ${questions.map((q) => questionLine(context, q)).join('; ')}`] : [])].join('\n');
  };
  const headers = new Map<string, CellStyle>();
  const header = (fill = ''): CellStyle => {
    let style = headers.get(fill);
    if (!style) headers.set(fill, (style = { bold: true, border: true, wrap: true, ...(fill ? { fill } : {}) }));
    return style;
  };
  const tints = new Map(codes.map((c) => [c, { band: tint(c.color, 0.6), name: tint(c.color) }]));
  const body: CellStyle = { border: true, wrap: true };
  const sheets = chart.sheets.map((sheet): Sheet => {
    const asked = [...guideQuestions(model, sheet.group).keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const rows: Sheet['rows'] = new Map();
    const row = (r: number, height: number, style: CellStyle) => {
      const cells = new Map<number, Cell>();
      for (let c = 1; c <= lastColumn; c++) cells.set(c, { style });
      rows.set(r, { height, cells });
      return cells;
    };
    // the title spans the sheet: every cell it covers has its style
    row(1, 22, TITLE).set(1, { text: sheet.title, style: TITLE });
    const frameworks = row(2, 32, header());
    const names = row(3, 45, header());
    const merges = [`A1:${columnName(lastColumn)}1`];
    const notes: Sheet['notes'] = [];
    FIXED_COLUMNS.forEach((label, i) => {
      merges.push(`${columnName(i + 1)}2:${columnName(i + 1)}3`);
      frameworks.set(i + 1, { text: label, style: header() });
    });
    if (sheet.touchpoints.length > 0) notes.push({ row: 2, column: 4, text: `The steps this group's questions are about:\n${sheet.touchpoints.join('\n')}` });
    const widths = new Map([
      [1, WIDTHS.participant],
      [2, WIDTHS.method],
      [3, WIDTHS.date],
      [4, WIDTHS.touchpoints],
    ]);
    let column = FIXED_COLUMNS.length + 1;
    for (const { framework, codes } of chart.frameworks) {
      if (codes.length > 1) merges.push(`${columnName(column)}2:${columnName(column + codes.length - 1)}2`);
      codes.forEach((entry, i) => {
        frameworks.set(column, { text: i === 0 ? framework.name : undefined, style: header(tints.get(entry)?.band) });
        names.set(column, { text: entry.name, style: header(tints.get(entry)?.name) });
        notes.push({ row: 3, column, text: noteOf(entry, asked) });
        widths.set(column, WIDTHS.code);
        column++;
      });
    }
    merges.push(`${columnName(column)}2:${columnName(column)}3`);
    frameworks.set(column, { text: INDUCTIVE_COLUMN, style: header() });
    notes.push({ row: 2, column, text: 'Codes the team adds while coding, with a short definition of each.' });
    widths.set(lastColumn, WIDTHS.inductive);
    sheet.participants.forEach((id, i) => {
      const cells = row(HEADER_ROWS + 1 + i, 60, body);
      cells.set(1, { text: id, style: body });
      cells.set(2, { text: labelOf(sheet.group), style: body });
    });
    // notes in the order of their cells, as a spreadsheet lists them
    notes.sort((a, b) => a.row - b.row || a.column - b.column);
    return { name: sheet.name, widths, rows, merges, notes, frozen: { columns: 1, rows: HEADER_ROWS }, printTitleRows: HEADER_ROWS };
  });
  if (sheets.length === 0) {
    const cells = new Map<number, Cell>([[1, { text: 'The study has no method that recruits participants, so there is no one to chart.' }]]);
    sheets.push({ name: 'No participants', widths: new Map(), rows: new Map([[1, { cells }]]), merges: [], notes: [], frozen: { columns: 0, rows: 0 }, printTitleRows: 0 });
  }
  return writeXlsx(sheets, 'studyspec');
}
