/**
 * The framework-analysis charting matrix (Gale et al. 2013), empty and ready to fill: a sheet per
 * participant group, a numbered row per planned participant (up to the method's sample maximum)
 * with their identifier, method, date and the touchpoints they experienced, and a column per
 * code, grouped by framework, with the code's definition as the header's comment. Written as
 * chart.xlsx with exceljs (loaded only when a chart is written, so the CLI starts without it)
 * and as CSV (every sheet in one table).
 */
import type { Style } from 'exceljs';
import { Writable } from 'stream';
import { Codebook, CodebookCode, sampleMaximum, walkCodes } from '../model/codebook';
import { MethodDecl, QuestionDecl } from '../model/ast';
import { guideQuestions } from '../model/guidePlan';
import { StudyModel } from '../model/model';
import { codeDefinition, questionLine } from './codebook';
import { DEFLATE_LEVEL } from './zip';
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

/** `#0072B2` mixed with white, for a header band light enough for black text: ARGB as exceljs wants it. */
function tint(hex: string, amount = 0.78): string {
  const channel = (i: number): string => {
    const value = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `FF${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}

/** A row or a column as exceljs keeps it: its style is an object of its own (exceljs's types leave it out). */
type Styled = { style: Partial<Style> };

const WIDTHS = { participant: 12, method: 26, date: 12, touchpoints: 30, code: 24, inductive: 30 };

/** exceljs's streaming writer, loaded only when a chart is written. */
export async function loadWorkbookWriter(): Promise<typeof import('exceljs/lib/stream/xlsx/workbook-writer.js')> {
  return (await import('exceljs/lib/stream/xlsx/workbook-writer.js')).default;
}

/** The chart as an .xlsx workbook. */
export async function chartXlsx(model: StudyModel, chart: Chart): Promise<Buffer> {
  const WorkbookWriter = await loadWorkbookWriter();
  // exceljs's streaming writer holds one sheet's cells at a time (the whole workbook's cell model ran out of heap at 4,000 sheets) and deflates each part with zlib through archiver
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void chunks.push(chunk)) });
  const workbook = new WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: DEFLATE_LEVEL } } });
  workbook.creator = workbook.lastModifiedBy = 'studyspec';
  const codeCount = chart.frameworks.reduce((n, f) => n + f.codes.length, 0);
  const lastColumn = FIXED_COLUMNS.length + codeCount + 1;
  const border = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
  const borders = { top: border, left: border, bottom: border, right: border };
  // one style object per distinct style, shared by the cells that have it: exceljs keeps a WeakMap
  // entry per style object, and one per cell (800 sheets of a 1 MB study) took minutes to write
  const shared = new Map<string, Partial<Style>>();
  // rows and columns too: each has a style object of its own (most of them empty), which exceljs worked out again for every row
  const asIs = new Map<string, Partial<Style>>();
  const shareStyle = (styled: Styled) => {
    const key = Object.keys(styled.style).length === 0 ? '{}' : JSON.stringify(styled.style);
    const style = asIs.get(key);
    if (style) styled.style = style;
    else asIs.set(key, styled.style);
  };
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
  for (const sheet of chart.sheets) {
    const asked = [...guideQuestions(model, sheet.group).keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const ws = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROWS }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${HEADER_ROWS}` },
    });
    ws.getCell(1, 1).value = sheet.title;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    ws.mergeCells(1, 1, 1, lastColumn);
    ws.getRow(1).height = 22;

    FIXED_COLUMNS.forEach((label, i) => {
      ws.mergeCells(2, i + 1, 3, i + 1);
      ws.getCell(2, i + 1).value = label;
    });
    if (sheet.touchpoints.length > 0) ws.getCell(2, 4).note = `The steps this group's questions are about:\n${sheet.touchpoints.join('\n')}`;
    let column = FIXED_COLUMNS.length + 1;
    for (const { framework, codes } of chart.frameworks) {
      ws.getCell(2, column).value = framework.name;
      if (codes.length > 1) ws.mergeCells(2, column, 2, column + codes.length - 1);
      for (const entry of codes) {
        const cell = ws.getCell(3, column);
        cell.value = entry.name;
        cell.note = noteOf(entry, asked);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tint(entry.color) } };
        ws.getCell(2, column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tint(entry.color, 0.6) } };
        ws.getColumn(column).width = WIDTHS.code;
        column++;
      }
    }
    ws.mergeCells(2, column, 3, column);
    ws.getCell(2, column).value = INDUCTIVE_COLUMN;
    ws.getCell(2, column).note = 'Codes the team adds while coding, with a short definition of each.';

    [WIDTHS.participant, WIDTHS.method, WIDTHS.date, WIDTHS.touchpoints].forEach((width, i) => (ws.getColumn(i + 1).width = width));
    ws.getColumn(lastColumn).width = WIDTHS.inductive;
    for (let c = 1; c <= lastColumn; c++) shareStyle(ws.getColumn(c) as unknown as Styled);
    for (const r of [2, 3]) {
      const row = ws.getRow(r);
      row.font = { bold: true };
      row.height = r === 3 ? 45 : 32;
    }

    sheet.participants.forEach((id, i) => {
      const row = ws.getRow(HEADER_ROWS + 1 + i);
      row.getCell(1).value = id;
      row.getCell(2).value = labelOf(sheet.group);
      row.height = 60;
    });
    for (let r = 1; r <= HEADER_ROWS + sheet.participants.length; r++) {
      const row = ws.getRow(r);
      shareStyle(row as unknown as Styled);
      if (r === 1) continue;
      for (let c = 1; c <= lastColumn; c++) {
        const cell = row.getCell(c);
        // most cells (a participant's) have no style yet: no need to spell it out
        const key = Object.keys(cell.style).length === 0 ? '{}' : JSON.stringify(cell.style);
        let style = shared.get(key);
        if (!style) shared.set(key, (style = { ...cell.style, alignment: { wrapText: true, vertical: 'top' }, border: borders }));
        cell.style = style;
      }
    }
    ws.commit();
    // archiver deflates the sheet (zlib, off the main thread) while the next one is built
    await new Promise(setImmediate);
  }
  if (chart.sheets.length === 0) {
    const ws = workbook.addWorksheet('No participants');
    ws.getCell(1, 1).value = 'The study has no method that recruits participants, so there is no one to chart.';
    ws.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}
