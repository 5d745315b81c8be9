/**
 * The intermediate document model every generated document is built in. Builders (protocol,
 * guides, matrix) produce a `Doc`; renderers (Markdown, HTML, DOCX) turn it into text or bytes.
 * It holds only what all three renderers can express.
 */

/** `gap` is a visible marker of something the study leaves unanswered ("⚠ No method named"). */
export type SpanStyle = 'strong' | 'em' | 'code' | 'gap';

export interface Span {
  text: string;
  style?: SpanStyle;
  /** more about it, shown on hover where the format can (HTML's title) */
  title?: string;
}

export type Inlines = Span[];

/** Where a piece of a document comes from, so the editor's preview can reveal the declaration. */
export interface SourceRef {
  /** touchpoint, service, question, method, actor, tool, exclude, ethics, study, framework, construct */
  kind: string;
  name: string;
  /** absolute path of the file that declares it */
  file: string;
  /** 0-based, as LSP positions are */
  line: number;
}

export interface Field {
  label: string;
  content: Inlines;
  source?: SourceRef;
}

export interface ListItem {
  content: Inlines;
  /** nested lists, notes and paragraphs below the item */
  children?: Block[];
  source?: SourceRef;
}

export interface TableRow {
  cells: Inlines[];
  source?: SourceRef;
  /** a row that names a group (a framework) and spans the table */
  group?: boolean;
  /** a row to sign or write in by hand: taller in DOCX and HTML */
  writeIn?: boolean;
}

export type NoteTone = 'gap' | 'box' | 'info';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; content: Inlines; source?: SourceRef }
  | { type: 'paragraph'; content: Inlines; source?: SourceRef }
  /** label: value pairs (a study's design, a method's sample, …) */
  | { type: 'fields'; items: Field[] }
  /** `checklist`: a tick box before each item, for ticking off in the interview room */
  | { type: 'list'; ordered: boolean; items: ListItem[]; checklist?: boolean }
  /** `align` per column; columns of short codes (the matrix's S/U cells) are centred; `keepWithNext`: its last rows stay on the page of what follows (a consent form's last statements with its signatures) */
  | { type: 'table'; header: Inlines[]; rows: TableRow[]; align?: ('left' | 'center')[]; keepWithNext?: boolean }
  /** a gap marker, an interviewer box (the distress protocol), or a plain aside */
  | { type: 'note'; tone: NoteTone; title?: string; blocks: Block[] }
  /** between major parts: a new page in DOCX and in print */
  | { type: 'pageBreak' };

export interface Doc {
  title: string;
  /** printed to be read at arm's length in the interview room: larger type, more space */
  forTheRoom?: boolean;
  /** one line under the title */
  subtitle?: Inlines;
  /** the page footer in DOCX (before the page number), where it should say more than the title: an information sheet's version and date */
  footer?: string;
  blocks: Block[];
}

export const text = (value: string): Span => ({ text: value });
export const strong = (value: string): Span => ({ text: value, style: 'strong' });
export const em = (value: string): Span => ({ text: value, style: 'em' });
export const code = (value: string): Span => ({ text: value, style: 'code' });
/** A gap in the study, marked so that it cannot be missed: "⚠ No consent procedure specified". */
export const gap = (message: string): Span => ({ text: `⚠ ${message}`, style: 'gap' });

export const heading = (level: 1 | 2 | 3, content: Inlines | string, source?: SourceRef): Block => ({
  type: 'heading',
  level,
  content: typeof content === 'string' ? [text(content)] : content,
  source,
});
export const paragraph = (content: Inlines | string, source?: SourceRef): Block => ({ type: 'paragraph', content: typeof content === 'string' ? [text(content)] : content, source });
export const gapNote = (message: string): Block => ({ type: 'note', tone: 'gap', blocks: [paragraph([gap(message)])] });
export const bullets = (items: (Inlines | ListItem)[]): Block => ({ type: 'list', ordered: false, items: items.map(toItem) });
export const checklist = (items: (Inlines | ListItem)[]): Block => ({ type: 'list', ordered: false, items: items.map(toItem), checklist: true });
export const numbered = (items: (Inlines | ListItem)[]): Block => ({ type: 'list', ordered: true, items: items.map(toItem) });

function toItem(item: Inlines | ListItem): ListItem {
  return Array.isArray(item) ? { content: item } : item;
}

/** Spans joined with a separator, e.g. a list of labels joined by ", ". */
export function joinSpans(parts: Inlines[], separator = ', '): Inlines {
  const result: Inlines = [];
  parts.forEach((part, i) => {
    if (i > 0) result.push(text(separator));
    result.push(...part);
  });
  return result;
}

/** The plain text of spans, for titles, CSV cells and tests. */
export function plain(spans: Inlines): string {
  return spans.map((s) => s.text).join('');
}
