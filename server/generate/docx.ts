/**
 * Word documents from the document model: real heading styles (Title, Heading 1–3) so Word's
 * navigation pane and table of contents work, numbered lists on a numbering definition (each
 * list restarts at 1), tables with a repeating header row, notes as shaded boxes, page breaks
 * between major parts, the title in the document's properties, and page numbers in the footer.
 * A4, as UK ethics forms are.
 *
 * The WordprocessingML is written as text, the same XML the `docx` library wrote for these
 * documents (./docxParts holds the fixed parts), and zipped by ./zip: the library took tens of
 * milliseconds per file and about a second per 100 KB of text, which made `generate all` on a
 * large study take minutes.
 */
import * as PARTS from './docxParts';
import { Block, Doc, Inlines, NoteTone, plain } from './doc';
import { zip } from './zip';

/** A4 with 2.54 cm margins leaves 9026 twentieths of a point for the text. */
const TEXT_WIDTH = 9026;
const COLOURS = { gap: 'A4000F', gapFill: 'FFF1F0', box: '0B5CAD', boxFill: 'EEF5FF', line: 'A0A7B0', headFill: 'E8ECF0', muted: '57606A' };
/** The numbering definition's id in numbering.xml (1 is the bullets'), and the bullets' list. */
const NUMBERED_DEFINITION = 2;
const BULLETS = 1;

/** A generous character of 11 pt text (wide enough for the fonts that stand in for Calibri), and a cell's side margins, in twentieths of a point. */
const CHAR = 150;
const CELL_PADDING = 240;
/** A column need not be wider than this for its longest word (long code paths wrap instead). */
const MAX_WORD = 2600;
/** Room to sign or write initials in: 1 cm, the box of the HRA's consent form. */
const WRITE_IN_HEIGHT = 567;
/** What an empty write-in cell asks of its column's width: about 3 cm, room for initials, a date or a short name. */
const WRITE_IN_ROOM = ' '.repeat(10);

/**
 * Column widths for a table filling the text width: each column gets room for its longest
 * word (so "S+U" and "Identifiability" never break mid-word), and what is left goes to the
 * columns with the most text.
 */
export function columnWidths(header: Inlines[], rows: Extract<Block, { type: 'table' }>['rows']): number[] {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // an empty cell of a row to write in wants room for a hand-written name or date
  const bodyRows = rows.filter((r) => !r.group);
  // per column, its longest word (at least 2) and its longest text, in one pass over the spans
  const least: number[] = [];
  const wanted: number[] = [];
  header.forEach((h, i) => {
    const measure = { word: 2, text: -Infinity };
    measureCell(h, measure);
    for (const r of bodyRows) {
      const cell = r.cells[i] ?? [];
      if (r.writeIn && cell.every((s) => s.text === '')) measure.text = Math.max(measure.text, WRITE_IN_ROOM.length);
      else measureCell(cell, measure);
    }
    least.push(Math.min(MAX_WORD, measure.word * CHAR + CELL_PADDING));
    wanted.push(Math.max(least[i], Math.min(60, measure.text) * CHAR + CELL_PADDING));
  });
  const floor = sum(least);
  if (floor >= TEXT_WIDTH) return least.map((w) => Math.floor((w * TEXT_WIDTH) / floor));
  const extra = wanted.map((w, i) => w - least[i]);
  const spare = TEXT_WIDTH - floor;
  return least.map((w, i) => Math.floor(w + (sum(extra) > 0 ? (spare * extra[i]) / sum(extra) : spare / least.length)));
}

/** What splits words for column widths: the white space of `\s` and hyphens. */
const WORD_BREAK = /[\s-]/;
const isWordBreak = (code: number): boolean => (code < 128 ? code === 32 || code === 45 || (code >= 9 && code <= 13) : WORD_BREAK.test(String.fromCharCode(code)));

/** A cell's longest word and its length (as its plain text), raised into `measure`: a word may run on from one span into the next. */
function measureCell(spans: Inlines, measure: { word: number; text: number }): void {
  let length = 0;
  let word = 0;
  for (const span of spans) {
    const value = span.text;
    length += value.length;
    for (let i = 0; i < value.length; i++) {
      if (isWordBreak(value.charCodeAt(i))) word = 0;
      else if (++word > measure.word) measure.word = word;
    }
  }
  if (length > measure.text) measure.text = length;
}

/** Text for an element or attribute: markup escaped, and the control characters XML cannot hold dropped. */
function escapeXml(value: string): string {
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ''));
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  font?: string;
  color?: string;
  /** in half-points */
  size?: number;
}

function run(text: string, style: RunStyle = {}): string {
  let properties = '';
  if (style.font) properties += `<w:rFonts w:ascii="${style.font}" w:cs="${style.font}" w:eastAsia="${style.font}" w:hAnsi="${style.font}"/>`;
  if (style.bold) properties += '<w:b/><w:bCs/>';
  if (style.italics) properties += '<w:i/><w:iCs/>';
  if (style.color) properties += `<w:color w:val="${style.color}"/>`;
  if (style.size) properties += `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>`;
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

interface ParagraphStyle {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  numbering?: { id: number; level: number };
  tabStop?: number;
  spacingAfter?: number;
  indent?: { left: number; hanging?: number };
  centred?: boolean;
}

function paragraph(runs: string, p: ParagraphStyle = {}): string {
  let properties = '';
  if (p.style) properties += `<w:pStyle w:val="${p.style}"/>`;
  if (p.keepNext) properties += '<w:keepNext/>';
  if (p.keepLines) properties += '<w:keepLines/>';
  if (p.numbering) properties += `<w:numPr><w:ilvl w:val="${p.numbering.level}"/><w:numId w:val="${p.numbering.id}"/></w:numPr>`;
  if (p.tabStop !== undefined) properties += `<w:tabs><w:tab w:val="left" w:pos="${p.tabStop}"/></w:tabs>`;
  if (p.spacingAfter !== undefined) properties += `<w:spacing w:after="${p.spacingAfter}"/>`;
  if (p.indent) properties += `<w:ind w:left="${p.indent.left}"${p.indent.hanging !== undefined ? ` w:hanging="${p.indent.hanging}"` : ''}/>`;
  if (p.centred) properties += '<w:jc w:val="center"/>';
  if (!properties && !runs) return '<w:p/>';
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${runs}</w:p>`;
}

const border = (side: string, colour: string, size: number) => `<w:${side} w:val="single" w:color="${colour}" w:sz="${size}"/>`;
const tableBorders = (colour: string) => `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => border(side, colour, 4)).join('')}</w:tblBorders>`;
const margins = (element: string, vertical: number, horizontal: number) =>
  `<w:${element}><w:top w:type="dxa" w:w="${vertical}"/><w:left w:type="dxa" w:w="${horizontal}"/><w:bottom w:type="dxa" w:w="${vertical}"/><w:right w:type="dxa" w:w="${horizontal}"/></w:${element}>`;
/** A table's borders and cell margins are the table's, not each cell's. */
const TABLE_PROPERTIES = `<w:tblPr><w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>${tableBorders(COLOURS.line)}${margins('tblCellMar', 40, 80)}</w:tblPr>`;
const NOTE_PROPERTIES = `<w:tblPr><w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>${tableBorders('auto')}</w:tblPr>`;
const NOTE_MARGINS = margins('tcMar', 120, 160);
const shading = (fill: string) => `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>`;
const SPACER = paragraph('', { spacingAfter: 120 });

/** A short table to write in (signatures, an identification number) stays on one page, with the line that follows it: each row keeps with the next. */
export function keptTogether(rows: Extract<Block, { type: 'table' }>['rows']): boolean {
  return rows.length > 0 && rows.length <= 3 && rows.every((r) => r.writeIn);
}

/** The spans as few runs: empty ones dropped, and a span joined to the one before when it looks the same (or is only spaces). */
export function fewestRuns(spans: Inlines): Inlines {
  const result: Inlines = [];
  for (const span of spans) {
    if (span.text === '') continue;
    const last = result[result.length - 1];
    if (last && (last.style === span.style || (!span.style && span.text.trim() === ''))) result[result.length - 1] = { ...last, text: last.text + span.text };
    else result.push(span);
  }
  return result;
}

class DocxWriter {
  /** each numbered list is its own instance, so each starts at 1 */
  private listInstance = 0;
  /** the numbering id (numId) of each list instance, in the order the document first uses them */
  readonly numberings = new Map<number, number>();

  runs(spans: Inlines, base: { bold?: boolean } = {}): string {
    let xml = '';
    for (const s of fewestRuns(spans))
      xml += run(s.text.replace(/[\r\n]+/g, ' '), {
        bold: base.bold || s.style === 'strong' || s.style === 'gap',
        italics: s.style === 'em',
        font: s.style === 'code' ? 'Consolas' : undefined,
        color: s.style === 'gap' ? COLOURS.gap : undefined,
      });
    return xml;
  }

  private numberingOf(instance: number): number {
    let id = this.numberings.get(instance);
    if (id === undefined) this.numberings.set(instance, (id = BULLETS + 1 + this.numberings.size));
    return id;
  }

  blocks(blocks: Block[], level = 0): string {
    let xml = '';
    blocks.forEach((b, i) => (xml += this.block(b, level, blocks[i + 1])));
    return xml;
  }

  block(b: Block, level: number, next?: Block): string {
    const indent = level > 0 ? { left: 720 * level } : undefined;
    switch (b.type) {
      case 'heading':
        return paragraph(this.runs(b.content), { style: `Heading${b.level}`, keepNext: true });
      case 'paragraph':
        // a short paragraph is a label or a context line: it stays on the page of what follows it (not with the next section's heading, which would chain one section to the next)
        return paragraph(this.runs(b.content), { keepNext: plain(b.content).length < 100 && !(next?.type === 'heading' && next.level === 1), spacingAfter: 120, indent });
      case 'fields':
        return b.items.map((f) => paragraph(run(`${f.label}: `, { bold: true }) + this.runs(f.content), { spacingAfter: 60, indent })).join('');
      case 'list': {
        if (b.checklist) return b.items.map((item) => this.tickBox(item.content, level) + this.blocks(item.children ?? [], level + 1)).join('');
        const instance = ++this.listInstance;
        const listLevel = Math.min(level, 8);
        return b.items
          .map(
            (item) =>
              paragraph(this.runs(item.content), { style: 'ListParagraph', numbering: { id: b.ordered ? this.numberingOf(instance) : BULLETS, level: listLevel }, spacingAfter: 60 }) +
              this.blocks(item.children ?? [], level + 1),
          )
          .join('');
      }
      case 'table':
        return this.table(b.header, b.rows, b.align, b.keepWithNext) + (b.keepWithNext || keptTogether(b.rows) ? paragraph('', { spacingAfter: 120, keepNext: true }) : SPACER);
      case 'note':
        return this.note(b.tone, b.title, b.blocks) + SPACER;
      case 'pageBreak':
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
    }
  }

  /** An item with an empty tick box before it, hanging so the text lines up after the box. */
  tickBox(content: Inlines, level: number): string {
    const left = 720 * (level + 1);
    return paragraph(run('\u2610', { font: 'Segoe UI Symbol', size: 28 }) + run('\t') + this.runs(content), {
      keepLines: true,
      tabStop: left,
      spacingAfter: 80,
      indent: { left, hanging: 440 },
    });
  }

  table(header: Inlines[], rows: Extract<Block, { type: 'table' }>['rows'], align?: ('left' | 'center')[], keepWithNext = false): string {
    const columns = header.length;
    const widths = columnWidths(header, rows);
    const together = keptTogether(rows);
    // keepWithNext: the last rows (a consent form's agreement to take part and its optional statements) stay with what follows
    const keeps = (n: number) => together || (keepWithNext && n >= rows.length - 3);
    const cell = (content: Inlines, i: number, options: { head?: boolean; span?: number; keepNext?: boolean } = {}) =>
      `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${options.span ? TEXT_WIDTH : widths[i]}"/>${options.span ? `<w:gridSpan w:val="${options.span}"/>` : ''}${
        options.head ? shading(COLOURS.headFill) : ''
      }</w:tcPr>${paragraph(this.runs(content, { bold: options.head }), { keepNext: options.keepNext, centred: align?.[i] === 'center' })}</w:tc>`;
    const parts = [`<w:tbl>${TABLE_PROPERTIES}<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`];
    parts.push(`<w:tr><w:trPr><w:tblHeader/></w:trPr>${header.map((h, i) => cell(h, i, { head: true, keepNext: true })).join('')}</w:tr>`);
    rows.forEach((r, n) => {
      const height = r.writeIn ? `<w:trHeight w:val="${WRITE_IN_HEIGHT}" w:hRule="atLeast"/>` : '';
      const cells = r.group ? cell(r.cells[0] ?? [], 0, { head: true, span: columns, keepNext: true }) : r.cells.map((c, i) => cell(c, i, { keepNext: keeps(n) })).join('');
      parts.push(`<w:tr><w:trPr><w:cantSplit/>${height}</w:trPr>${cells}</w:tr>`);
    });
    parts.push('</w:tbl>');
    return parts.join('');
  }

  /** A note is a one-cell table: Word and LibreOffice both keep a shaded, bordered box together that way. */
  note(tone: NoteTone, title: string | undefined, blocks: Block[]): string {
    const colour = tone === 'gap' ? COLOURS.gap : tone === 'box' ? COLOURS.box : COLOURS.line;
    const fill = tone === 'gap' ? COLOURS.gapFill : tone === 'box' ? COLOURS.boxFill : 'FFFFFF';
    const thick = tone === 'box' ? 12 : 4;
    const borders = border('top', colour, thick) + border('left', colour, tone === 'box' ? thick : 24) + border('bottom', colour, thick) + border('right', colour, thick);
    const children = (title ? paragraph(run(title, { bold: true, size: 24, color: colour }), { spacingAfter: 120 }) : '') + this.blocks(blocks);
    return (
      `<w:tbl>${NOTE_PROPERTIES}<w:tblGrid><w:gridCol w:w="${TEXT_WIDTH}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${TEXT_WIDTH}"/>` +
      `<w:tcBorders>${borders}</w:tcBorders>${shading(fill)}${NOTE_MARGINS}</w:tcPr>${children || '<w:p/>'}</w:tc></w:tr></w:tbl>`
    );
  }
}

const LEVEL_FORMATS = ['decimal', 'lowerLetter', 'lowerRoman'];
/** The numbered lists' definition: 1., a., i., then again, each level indented a further half inch. */
const NUMBERED_LEVELS = Array.from(
  { length: 9 },
  (_, level) =>
    `<w:lvl w:ilvl="${level}" w:tentative="1"><w:start w:val="1"/><w:numFmt w:val="${LEVEL_FORMATS[level % 3]}"/><w:lvlText w:val="%${level + 1}."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>`,
).join('');
const RESTART_EVERY_LEVEL = Array.from({ length: 9 }, (_, level) => `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="1"/></w:lvlOverride>`).join('');

/** numbering.xml's fixed opening (the bullets' and the numbered lists' definitions, and the bullets' list), then each numbered list: what `zip` takes as `opening` and `data`. */
const NUMBERING_OPENING = `${PARTS.NUMBERING_OPEN}<w:abstractNum w:abstractNumId="${NUMBERED_DEFINITION}" w15:restartNumberingAfterBreak="0"><w:multiLevelType w:val="hybridMultilevel"/>${NUMBERED_LEVELS}</w:abstractNum><w:num w:numId="${BULLETS}"><w:abstractNumId w:val="${BULLETS}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;

function numberingRest(numberings: Iterable<number>): string {
  let xml = '';
  for (const id of numberings) xml += `<w:num w:numId="${id}"><w:abstractNumId w:val="${NUMBERED_DEFINITION}"/>${RESTART_EVERY_LEVEL}</w:num>`;
  return `${xml}</w:numbering>`;
}

const FOOTER_OPENING = `${PARTS.FOOTER_OPEN}<w:p><w:pPr><w:jc w:val="center"/></w:pPr>`;

/** footer1.xml after FOOTER_OPENING. */
function footerRest(title: string): string {
  const style = { color: COLOURS.muted, size: 18 };
  const properties = `<w:rPr><w:color w:val="${COLOURS.muted}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>`;
  const field = (instruction: string) =>
    `<w:r>${properties}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${properties}<w:instrText xml:space="preserve">${instruction}</w:instrText></w:r>` +
    `<w:r>${properties}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${properties}<w:fldChar w:fldCharType="end"/></w:r>`;
  return `${run(`${title} · page `, style)}${field('PAGE')}${run(' of ', style)}${field('NUMPAGES')}</w:p></w:ftr>`;
}

/** core.xml after PARTS.CORE_OPEN. */
function coreRest(title: string, description: string | undefined, now: Date): string {
  const time = now.toISOString();
  return (
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>studyspec</dc:creator>${description !== undefined ? `<dc:description>${escapeXml(description)}</dc:description>` : ''}` +
    `<cp:lastModifiedBy>Un-named</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${time}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${time}</dcterms:modified></cp:coreProperties>`
  );
}

// a guide is read at arm's length, often while listening: 12 pt type with more space between lines
const DESK_STYLES = PARTS.stylesXml({ body: 22, line: 276, heading2: 26, heading2Before: 240, heading3: 23 });
const ROOM_STYLES = PARTS.stylesXml({ body: 24, line: 300, heading2: 28, heading2Before: 320, heading3: 25 });

/** The document as a .docx file. */
export async function renderDocx(doc: Doc): Promise<Buffer> {
  const writer = new DocxWriter();
  let body = paragraph(run(doc.title), { style: 'Title' });
  if (doc.subtitle) body += paragraph(writer.runs(doc.subtitle), { style: 'Subtitle', spacingAfter: 240 });
  body += writer.blocks(doc.blocks);
  const now = new Date();
  return zip(
    [
      { path: 'word/_rels/document.xml.rels', data: PARTS.DOCUMENT_RELS, fixed: true },
      { path: 'word/document.xml', opening: PARTS.DOCUMENT_OPEN, data: body + PARTS.DOCUMENT_CLOSE },
      { path: 'word/styles.xml', data: doc.forTheRoom ? ROOM_STYLES : DESK_STYLES, fixed: true },
      { path: 'docProps/core.xml', opening: PARTS.CORE_OPEN, data: coreRest(doc.title, doc.subtitle ? plain(doc.subtitle) : undefined, now) },
      { path: '_rels/.rels', data: PARTS.PACKAGE_RELS, fixed: true },
      { path: 'word/_rels/footer1.xml.rels', data: PARTS.EMPTY_RELS, fixed: true },
      { path: 'word/footer1.xml', opening: FOOTER_OPENING, data: footerRest(doc.footer ?? doc.title) },
      { path: 'docProps/custom.xml', data: PARTS.CUSTOM, fixed: true },
      { path: 'docProps/app.xml', data: PARTS.APP, fixed: true },
      { path: 'word/footnotes.xml', data: PARTS.FOOTNOTES, fixed: true },
      { path: 'word/_rels/footnotes.xml.rels', data: PARTS.EMPTY_RELS, fixed: true },
      { path: 'word/endnotes.xml', data: PARTS.ENDNOTES, fixed: true },
      { path: 'word/_rels/endnotes.xml.rels', data: PARTS.EMPTY_RELS, fixed: true },
      { path: 'word/settings.xml', data: PARTS.SETTINGS, fixed: true },
      { path: 'word/fontTable.xml', data: PARTS.FONT_TABLE, fixed: true },
      { path: 'word/_rels/fontTable.xml.rels', data: PARTS.EMPTY_RELS, fixed: true },
      { path: 'word/theme/theme1.xml', data: PARTS.THEME, fixed: true },
      { path: 'word/numbering.xml', opening: NUMBERING_OPENING, data: numberingRest(writer.numberings.values()) },
      { path: '[Content_Types].xml', data: PARTS.CONTENT_TYPES, fixed: true },
    ],
    now,
  );
}
