/**
 * The oracle for server/generate/docx.ts: the same documents written through the `docx`
 * library, as the renderer did before it wrote the XML itself (tens of milliseconds per file
 * and about a second per 100 KB of text: see docs/architecture.md, "Performance: generators").
 * test/generate/docxLibrary.test.ts checks that both write the same parts. When the renderer
 * learns something new, teach this the same in the library's terms.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { Block, Doc, Inlines, NoteTone, plain } from '../../server/generate/doc';
import { columnWidths, fewestRuns, keptTogether } from '../../server/generate/docx';

const NUMBERED = 'studyspec-numbered';
const TEXT_WIDTH = 9026;
const COLOURS = { gap: 'A4000F', gapFill: 'FFF1F0', box: '0B5CAD', boxFill: 'EEF5FF', line: 'A0A7B0', headFill: 'E8ECF0', muted: '57606A' };
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const WRITE_IN_HEIGHT = 567;

type Child = Paragraph | Table;

/**
 * A table cell written once however often it appears: a large matrix repeats a few cells (an
 * empty one, "Covered") thousands of times, and the docx library's cost is per component.
 */
class SharedCell extends TableCell {
  private xml: ReturnType<TableCell['prepForXml']> | undefined;

  prepForXml(context: Parameters<TableCell['prepForXml']>[0]): ReturnType<TableCell['prepForXml']> {
    return (this.xml ??= super.prepForXml(context));
  }
}

class DocxWriter {
  /** each numbered list is its own instance, so each starts at 1 */
  private listInstance = 0;

  runs(spans: Inlines, base: { bold?: boolean } = {}): TextRun[] {
    return fewestRuns(spans).map(
      (s) =>
        new TextRun({
          text: s.text.replace(/[\r\n]+/g, ' '),
          bold: base.bold || s.style === 'strong' || s.style === 'gap' || undefined,
          italics: s.style === 'em' || undefined,
          font: s.style === 'code' ? 'Consolas' : undefined,
          color: s.style === 'gap' ? COLOURS.gap : undefined,
        }),
    );
  }

  blocks(blocks: Block[], level = 0): Child[] {
    return blocks.flatMap((b, i) => this.block(b, level, blocks[i + 1]));
  }

  block(b: Block, level: number, next?: Block): Child[] {
    const indent = level > 0 ? { left: 720 * level } : undefined;
    switch (b.type) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[b.level], children: this.runs(b.content), keepNext: true })];
      case 'paragraph':
        // a short paragraph is a label or a context line: it stays on the page of what follows it
        return [
          new Paragraph({ children: this.runs(b.content), indent, spacing: { after: 120 }, keepNext: (plain(b.content).length < 100 && !(next?.type === 'heading' && next.level === 1)) || undefined }),
        ];
      case 'fields':
        return b.items.map((f) => new Paragraph({ children: [new TextRun({ text: `${f.label}: `, bold: true }), ...this.runs(f.content)], indent, spacing: { after: 60 } }));
      case 'list': {
        if (b.checklist) return b.items.flatMap((item) => [this.tickBox(item.content, level), ...this.blocks(item.children ?? [], level + 1)]);
        const instance = ++this.listInstance;
        return b.items.flatMap((item) => [
          new Paragraph({
            children: this.runs(item.content),
            ...(b.ordered ? { numbering: { reference: NUMBERED, level: Math.min(level, 8), instance } } : { bullet: { level: Math.min(level, 8) } }),
            spacing: { after: 60 },
          }),
          ...this.blocks(item.children ?? [], level + 1),
        ]);
      }
      case 'table':
        return [this.table(b.header, b.rows, b.align, b.keepWithNext), new Paragraph({ children: [], spacing: { after: 120 }, keepNext: b.keepWithNext || keptTogether(b.rows) || undefined })];
      case 'note':
        return [this.note(b.tone, b.title, b.blocks), new Paragraph({ children: [], spacing: { after: 120 } })];
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  }

  /** An item with an empty tick box before it, hanging so the text lines up after the box. */
  tickBox(content: Inlines, level: number): Paragraph {
    return new Paragraph({
      children: [new TextRun({ text: '\u2610', font: 'Segoe UI Symbol', size: 28 }), new TextRun({ text: '\t' }), ...this.runs(content)],
      indent: { left: 720 * (level + 1), hanging: 440 },
      tabStops: [{ type: TabStopType.LEFT, position: 720 * (level + 1) }],
      spacing: { after: 80 },
      keepLines: true,
    });
  }

  table(header: Inlines[], rows: Extract<Block, { type: 'table' }>['rows'], align?: ('left' | 'center')[], keepWithNext = false): Table {
    const columns = header.length;
    const widths = columnWidths(header, rows);
    const border = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.line };
    const borders = { top: border, bottom: border, left: border, right: border };
    const together = keptTogether(rows);
    const keeps = (n: number) => together || (keepWithNext && n >= rows.length - 3);
    // borders and margins are the table's, not each cell's; equal cells of a column are one component
    const cells = new Map<string, TableCell>();
    const cell = (content: Inlines, i: number, options: { head?: boolean; span?: number; keepNext?: boolean } = {}): TableCell => {
      const key = `${i}\0${options.head ? 'head' : ''}\0${options.span ?? ''}\0${options.keepNext ? 'next' : ''}\0${JSON.stringify(content)}`;
      let found = cells.get(key);
      if (!found) {
        found = new SharedCell({
          children: [
            new Paragraph({ children: this.runs(content, { bold: options.head }), alignment: align?.[i] === 'center' ? AlignmentType.CENTER : undefined, keepNext: options.keepNext || undefined }),
          ],
          width: { size: options.span ? TEXT_WIDTH : widths[i], type: WidthType.DXA },
          columnSpan: options.span,
          shading: options.head ? { type: ShadingType.CLEAR, fill: COLOURS.headFill, color: 'auto' } : undefined,
        });
        cells.set(key, found);
      }
      return found;
    };
    return new Table({
      borders: { ...borders, insideHorizontal: border, insideVertical: border },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, { head: true, keepNext: true })) }),
        ...rows.map(
          (r, n) =>
            new TableRow({
              cantSplit: true,
              height: r.writeIn ? { value: WRITE_IN_HEIGHT, rule: HeightRule.ATLEAST } : undefined,
              children: r.group ? [cell(r.cells[0] ?? [], 0, { head: true, span: columns, keepNext: true })] : r.cells.map((c, i) => cell(c, i, { keepNext: keeps(n) })),
            }),
        ),
      ],
    });
  }

  /** A note is a one-cell table: Word and LibreOffice both keep a shaded, bordered box together that way. */
  note(tone: NoteTone, title: string | undefined, blocks: Block[]): Table {
    const colour = tone === 'gap' ? COLOURS.gap : tone === 'box' ? COLOURS.box : COLOURS.line;
    const fill = tone === 'gap' ? COLOURS.gapFill : tone === 'box' ? COLOURS.boxFill : 'FFFFFF';
    const thick = { style: BorderStyle.SINGLE, size: tone === 'box' ? 12 : 4, color: colour };
    const left = { style: BorderStyle.SINGLE, size: 24, color: colour };
    const children: Child[] = [...(title ? [new Paragraph({ children: [new TextRun({ text: title, bold: true, size: 24, color: colour })], spacing: { after: 120 } })] : []), ...this.blocks(blocks)];
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              children: children.length > 0 ? children : [new Paragraph({ children: [] })],
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill, color: 'auto' },
              borders: { top: thick, bottom: thick, right: thick, left: tone === 'box' ? thick : left },
              margins: { top: 120, bottom: 120, left: 160, right: 160 },
            }),
          ],
        }),
      ],
    });
  }
}

function numberingLevels() {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: formats[level % 3],
    text: `%${level + 1}.`,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** The document as a .docx file. */
export async function libraryDocx(doc: Doc): Promise<Buffer> {
  const writer = new DocxWriter();
  const children: Child[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] })];
  if (doc.subtitle) children.push(new Paragraph({ children: writer.runs(doc.subtitle), spacing: { after: 240 }, style: 'Subtitle' }));
  children.push(...writer.blocks(doc.blocks));
  // a guide is read at arm's length, often while listening: 12 pt type with more space between lines
  const body = doc.forTheRoom ? 24 : 22;
  const line = doc.forTheRoom ? 300 : 276;
  const document = new Document({
    creator: 'studyspec',
    title: doc.title,
    description: doc.subtitle ? plain(doc.subtitle) : undefined,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: body }, paragraph: { spacing: { line, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: 'Calibri', size: 40, bold: true }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: 'Calibri', size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: 'Calibri', size: doc.forTheRoom ? 28 : 26, bold: true, color: '1F3864' }, paragraph: { spacing: { before: doc.forTheRoom ? 320 : 240, after: 80 } } },
        heading3: { run: { font: 'Calibri', size: doc.forTheRoom ? 25 : 23, bold: true }, paragraph: { spacing: { before: 200, after: 60 } } },
      },
      paragraphStyles: [{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { italics: true, color: COLOURS.muted } }],
    },
    numbering: { config: [{ reference: NUMBERED, levels: numberingLevels() }] },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${doc.footer ?? doc.title} · page `, size: 18, color: COLOURS.muted }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 18, color: COLOURS.muted }),
                  new TextRun({ text: ' of ', size: 18, color: COLOURS.muted }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, color: COLOURS.muted }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
