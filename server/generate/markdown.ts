/** Markdown (CommonMark with GitHub tables) from the document model. User text is escaped so it reads as written. */
import { Block, Doc, Inlines, ListItem, Span } from './doc';

/** What escapeMarkdown may change: most text has none of it. */
const MARKUP = /[\r\n\\`*<\]&_]/;

/** Escapes what CommonMark would read as markup inside a line. */
export function escapeMarkdown(value: string): string {
  if (!MARKUP.test(value)) return value;
  return (
    value
      .replace(/[\r\n]+/g, ' ')
      // `]` only where it would close a link or a reference; `[` alone opens nothing when no reference is defined
      .replace(/[\\`*<]|\](?=[(\[:])/g, (c) => `\\${c}`)
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (m) => m.replace('_', '\\_'))
  );
}

/** What would start a heading, quote, list or thematic break at the start of a line. */
function escapeLineStart(line: string): string {
  return line.replace(/^(#|>|[-+=](?=\s|$)|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

function codeSpan(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** Text with no space at either end, which emphasis can hug as it is. */
const HUGS = /^\S(?:.*\S)?$/;

function span(s: Span): string {
  if (s.style === 'code') return codeSpan(s.text);
  const escaped = escapeMarkdown(s.text);
  if (!s.style) return escaped;
  if (!escaped.trim()) return escaped;
  // emphasis markers must hug the text, so surrounding spaces stay outside them
  const [, lead, body, trail] = HUGS.test(escaped) ? ['', '', escaped, ''] : (/^(\s*)(.*?)(\s*)$/.exec(escaped) ?? ['', '', escaped, '']);
  if (s.style === 'strong' || s.style === 'gap') return `${lead}**${body}**${trail}`;
  if (s.style === 'em') return `${lead}*${body}*${trail}`;
  return escaped;
}

export function inlines(spans: Inlines): string {
  return spans.map(span).join('');
}

function cell(spans: Inlines): string {
  return inlines(spans).replace(/\|/g, '\\|').trim() || ' ';
}

function indent(textBlock: string, prefix: string, first = prefix): string {
  return textBlock
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? prefix : '') + line)
    .join('\n');
}

function listItem(item: ListItem, marker: string): string {
  const pad = ' '.repeat(marker.length + 1);
  const head = `${marker} ${escapeLineStart(inlines(item.content))}`;
  const children = (item.children ?? []).map((child) => indent(block(child), pad)).join('\n\n');
  return children ? `${head}\n\n${children}` : head;
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${inlines(b.content)}`;
    case 'paragraph':
      return escapeLineStart(inlines(b.content));
    case 'fields':
      return b.items.map((f) => `- **${escapeMarkdown(f.label)}:** ${inlines(f.content)}`).join('\n');
    case 'list': {
      const loose = b.items.some((i) => i.children && i.children.length > 0);
      return b.items.map((item, i) => listItem(item, b.ordered ? `${i + 1}.` : b.checklist ? '- [ ]' : '-')).join(loose ? '\n\n' : '\n');
    }
    case 'table': {
      const width = b.header.length;
      const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
      const lines = [row(b.header.map(cell)), row(b.header.map((_, i) => (b.align?.[i] === 'center' ? ':---:' : '---')))];
      for (const r of b.rows) {
        const cells = r.cells.map(cell);
        while (cells.length < width) cells.push(' ');
        lines.push(row(cells));
      }
      return lines.join('\n');
    }
    case 'note': {
      const parts = [...(b.title ? [`**${escapeMarkdown(b.title)}**`] : []), ...b.blocks.map(block)];
      return indent(parts.join('\n\n'), '> ').replace(/^$/gm, '>');
    }
    case 'pageBreak':
      return '';
  }
}

export function renderMarkdown(doc: Doc): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`];
  if (doc.subtitle) parts.push(inlines(doc.subtitle));
  for (const b of doc.blocks) {
    const rendered = block(b);
    if (rendered) parts.push(rendered);
  }
  return parts.join('\n\n') + '\n';
}

/** Several documents in one Markdown stream, each after a thematic break. */
export function concatMarkdown(documents: string[]): string {
  return documents.join('\n---\n\n');
}
