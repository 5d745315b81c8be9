/**
 * A small SpreadsheetML writer for the charting matrix: text cells (inline strings, so no cell
 * is ever a formula), a few interned cell styles (bold, size, fill, thin border, wrapped and
 * top-aligned), merged ranges, column widths, row heights, frozen panes, landscape A4 fitted to
 * one page wide with the header rows repeated, and notes (comments with the VML shapes Excel
 * needs to show them). Zipped by ./zip. exceljs did the same at about 60 µs a cell, which made
 * a chart of a few hundred groups take half a minute.
 */
import { escapeXml } from './svgText';
import { zip, ZipEntry } from './zip';

export interface CellStyle {
  bold?: boolean;
  /** in points */
  size?: number;
  /** ARGB, e.g. FFC6DBEF */
  fill?: string;
  /** thin grey lines round the cell */
  border?: boolean;
  /** wrapped text at the top of the cell */
  wrap?: boolean;
}

export interface Cell {
  text?: string;
  style?: CellStyle;
}

export interface Sheet {
  name: string;
  /** 1-based column → width in characters */
  widths: Map<number, number>;
  /** 1-based row → its cells by 1-based column, and its height in points */
  rows: Map<number, { height?: number; cells: Map<number, Cell> }>;
  /** e.g. "A1:E1" */
  merges: string[];
  notes: { row: number; column: number; text: string }[];
  /** columns and rows kept in view */
  frozen: { columns: number; rows: number };
  /** the header rows printed on every page */
  printTitleRows: number;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const BORDER_COLOUR = 'FFBFBFBF';

/** "A", "B", … "Z", "AA", …: the letters of a 1-based column. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Text for a cell: escaped (the control characters XML cannot hold dropped), preserved spaces marked. */
function textElement(value: string): string {
  const text = escapeXml(value);
  return /^\s|\s$|\n/.test(value) ? `<t xml:space="preserve">${text}</t>` : `<t>${text}</t>`;
}

/** Fonts, fills and borders each interned, and the cell formats (xf) that combine them. */
class Styles {
  private readonly fonts = ['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = [
    '<border><left/><right/><top/><bottom/><diagonal/></border>',
    `<border>${['left', 'right', 'top', 'bottom'].map((side) => `<${side} style="thin"><color rgb="${BORDER_COLOUR}"/></${side}>`).join('')}<diagonal/></border>`,
  ];
  private readonly formats = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly ids = new Map<string, number>();
  private readonly known = new Map<CellStyle, number>();

  private static intern(list: string[], xml: string): number {
    const found = list.indexOf(xml);
    return found >= 0 ? found : list.push(xml) - 1;
  }

  /** The index of a style's cell format (0: none), the same for equal styles. */
  id(style: CellStyle | undefined): number {
    if (!style) return 0;
    const known = this.known.get(style);
    if (known !== undefined) return known;
    const key = `${style.bold ? 'b' : ''}|${style.size ?? ''}|${style.fill ?? ''}|${style.border ? 'l' : ''}|${style.wrap ? 'w' : ''}`;
    let id = this.ids.get(key);
    if (id !== undefined) {
      this.known.set(style, id);
      return id;
    }
    const font = style.bold || style.size ? Styles.intern(this.fonts, `<font>${style.bold ? '<b/>' : ''}${style.size ? `<sz val="${style.size}"/>` : ''}</font>`) : 0;
    const fill = style.fill ? Styles.intern(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const border = style.border ? 1 : 0;
    const applied = `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}${style.wrap ? ' applyAlignment="1"' : ''}`;
    const alignment = style.wrap ? '<alignment vertical="top" wrapText="1"/>' : '';
    id = this.formats.push(`<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}${alignment ? `>${alignment}</xf>` : '/>'}`) - 1;
    this.ids.set(key, id);
    this.known.set(style, id);
    return id;
  }

  xml(): string {
    const list = (name: string, items: string[]) => `<${name} count="${items.length}">${items.join('')}</${name}>`;
    return `${XML_HEAD}<styleSheet xmlns="${MAIN}">${list('fonts', this.fonts)}${list('fills', this.fills)}${list('borders', this.borders)}<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${list('cellXfs', this.formats)}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

function sheetXml(sheet: Sheet, styles: Styles, hasNotes: boolean): string {
  const rowNumbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  let lastColumn = 1;
  for (const row of sheet.rows.values()) for (const column of row.cells.keys()) lastColumn = Math.max(lastColumn, column);
  const lastRow = rowNumbers.length > 0 ? rowNumbers[rowNumbers.length - 1] : 1;
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${columnName(lastColumn)}${lastRow}"/>`];
  const { columns, rows } = sheet.frozen;
  const topLeft = `${columnName(columns + 1)}${rows + 1}`;
  const pane =
    columns + rows > 0
      ? `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`
      : '';
  parts.push(`<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`, '<sheetFormatPr defaultRowHeight="15"/>');
  const widths = [...sheet.widths].sort((a, b) => a[0] - b[0]);
  if (widths.length > 0) parts.push(`<cols>${widths.map(([column, width]) => `<col min="${column}" max="${column}" width="${width}" customWidth="1"/>`).join('')}</cols>`);
  parts.push('<sheetData>');
  for (const r of rowNumbers) {
    const row = sheet.rows.get(r);
    if (!row) continue;
    let cells = '';
    for (const column of [...row.cells.keys()].sort((a, b) => a - b)) {
      const cell = row.cells.get(column);
      const ref = `${columnName(column)}${r}`;
      const style = styles.id(cell?.style);
      const s = style ? ` s="${style}"` : '';
      cells += cell?.text !== undefined && cell.text !== '' ? `<c r="${ref}"${s} t="inlineStr"><is>${textElement(cell.text)}</is></c>` : `<c r="${ref}"${s}/>`;
    }
    parts.push(`<row r="${r}"${row.height !== undefined ? ` ht="${row.height}" customHeight="1"` : ''}>${cells}</row>`);
  }
  parts.push('</sheetData>');
  if (sheet.merges.length > 0) parts.push(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`);
  parts.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    hasNotes ? '<legacyDrawing r:id="rId2"/>' : '',
    '</worksheet>',
  );
  return parts.join('');
}

function commentsXml(sheet: Sheet): string {
  const comments = sheet.notes.map((n) => `<comment ref="${columnName(n.column)}${n.row}" authorId="0"><text><r>${textElement(n.text)}</r></text></comment>`).join('');
  return `${XML_HEAD}<comments xmlns="${MAIN}"><authors><author>studyspec</author></authors><commentList>${comments}</commentList></comments>`;
}

/** The shapes Excel draws notes in: hidden until the cell is pointed at, beside the cell. */
function vmlXml(sheet: Sheet, first: number): string {
  const shapes = sheet.notes
    .map(
      (n, i) =>
        `<v:shape id="_x0000_s${first + i}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:220pt;height:140pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
        '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.column}, 15, ${n.row - 1}, 2, ${n.column + 3}, 15, ${n.row + 7}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${n.row - 1}</x:Row><x:Column>${n.column - 1}</x:Column></x:ClientData></v:shape>`,
    )
    .join('');
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${Math.floor(first / 1024)}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`
  );
}

const relationships = (items: { id: string; type: string; target: string }[]) =>
  `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The workbook as an .xlsx file. */
export function writeXlsx(sheets: Sheet[], creator: string, now = new Date()): Buffer {
  const styles = new Styles();
  const entries: ZipEntry[] = [];
  const overrides: string[] = [];
  const override = (part: string, type: string) => overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/>`);
  let shapeId = 1025;
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    const hasNotes = sheet.notes.length > 0;
    entries.push({ path: `xl/worksheets/sheet${n}.xml`, data: sheetXml(sheet, styles, hasNotes) });
    override(`xl/worksheets/sheet${n}.xml`, 'spreadsheetml.worksheet+xml');
    if (!hasNotes) return;
    entries.push(
      {
        path: `xl/worksheets/_rels/sheet${n}.xml.rels`,
        data: relationships([
          { id: 'rId1', type: `${OFFICE}/comments`, target: `../comments${n}.xml` },
          { id: 'rId2', type: `${OFFICE}/vmlDrawing`, target: `../drawings/vmlDrawing${n}.vml` },
        ]),
      },
      { path: `xl/comments${n}.xml`, data: commentsXml(sheet) },
      { path: `xl/drawings/vmlDrawing${n}.vml`, data: vmlXml(sheet, shapeId) },
    );
    override(`xl/comments${n}.xml`, 'spreadsheetml.comments+xml');
    // each drawing's shapes in a block of their own (ids 1024·k + 1 …)
    shapeId += Math.ceil((sheet.notes.length + 1) / 1024) * 1024;
  });
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join('') +
    '</sheets>' +
    (sheets.some((s) => s.printTitleRows > 0)
      ? `<definedNames>${sheets.map((s, i) => (s.printTitleRows > 0 ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoted(s.name)}!$1:$${s.printTitleRows}`)}</definedName>` : '')).join('')}</definedNames>`
      : '') +
    '</workbook>';
  const time = `${now.toISOString().slice(0, 19)}Z`;
  entries.unshift(
    {
      path: '[Content_Types].xml',
      data:
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        `${overrides.join('')}</Types>`,
    },
    {
      path: '_rels/.rels',
      data: relationships([
        { id: 'rId1', type: `${OFFICE}/officeDocument`, target: 'xl/workbook.xml' },
        { id: 'rId2', type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
        { id: 'rId3', type: `${OFFICE}/extended-properties`, target: 'docProps/app.xml' },
      ]),
    },
    {
      path: 'docProps/core.xml',
      data: `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${time}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${time}</dcterms:modified></cp:coreProperties>`,
    },
    {
      path: 'docProps/app.xml',
      data: `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${escapeXml(creator)}</Application></Properties>`,
    },
    { path: 'xl/workbook.xml', data: workbook },
    {
      path: 'xl/_rels/workbook.xml.rels',
      data: relationships([
        { id: 'rId1', type: `${OFFICE}/styles`, target: 'styles.xml' },
        ...sheets.map((_, i) => ({ id: `rId${i + 3}`, type: `${OFFICE}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      ]),
    },
  );
  entries.push({ path: 'xl/styles.xml', data: styles.xml() });
  return zip(entries, now);
}
