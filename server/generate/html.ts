/**
 * HTML from the document model: a body fragment the editor's preview embeds, and a standalone
 * page (print-friendly, light and dark). Every piece of user text is escaped. Declarations
 * carry `data-kind`, `data-name`, `data-file` and `data-line` (0-based) so the preview can
 * reveal them in the editor.
 */
import { Block, Doc, Inlines, ListItem, SourceRef, Span } from './doc';

export interface HtmlOptions {
  /** How a source file appears in `data-file`; undefined leaves the attribute out. Default: the absolute path. */
  sourceFile?: (file: string) => string | undefined;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : value;
}

class HtmlWriter {
  constructor(private readonly options: HtmlOptions) {}

  source(ref: SourceRef | undefined): string {
    if (!ref) return '';
    const file = this.options.sourceFile ? this.options.sourceFile(ref.file) : ref.file;
    return ` data-kind="${escapeHtml(ref.kind)}" data-name="${escapeHtml(ref.name)}"${file !== undefined ? ` data-file="${escapeHtml(file)}"` : ''} data-line="${ref.line}"`;
  }

  span(s: Span): string {
    const styled = this.styled(s);
    return s.title ? `<span title="${escapeHtml(s.title)}">${styled}</span>` : styled;
  }

  styled(s: Span): string {
    const content = escapeHtml(s.text);
    switch (s.style) {
      case 'strong':
        return `<strong>${content}</strong>`;
      case 'em':
        return `<em>${content}</em>`;
      case 'code':
        return `<code>${content}</code>`;
      case 'gap':
        return `<strong class="gap">${content}</strong>`;
      default:
        return content;
    }
  }

  inlines(spans: Inlines): string {
    return spans.map((s) => this.span(s)).join('');
  }

  item(item: ListItem): string {
    const children = (item.children ?? []).map((b) => this.block(b)).join('');
    return `<li${this.source(item.source)}>${this.inlines(item.content)}${children}</li>`;
  }

  block(b: Block): string {
    switch (b.type) {
      case 'heading': {
        const tag = `h${b.level + 1}`;
        return `<${tag}${this.source(b.source)}>${this.inlines(b.content)}</${tag}>\n`;
      }
      case 'paragraph':
        return `<p${this.source(b.source)}>${this.inlines(b.content)}</p>\n`;
      case 'fields':
        return `<dl class="fields">\n${b.items.map((f) => `<div${this.source(f.source)}><dt>${escapeHtml(f.label)}</dt><dd>${this.inlines(f.content)}</dd></div>\n`).join('')}</dl>\n`;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        return `<${tag}${b.checklist ? ' class="checklist"' : ''}>\n${b.items.map((i) => `${this.item(i)}\n`).join('')}</${tag}>\n`;
      }
      case 'table': {
        const align = (i: number) => (b.align?.[i] === 'center' ? ' class="center"' : '');
        const head = `<thead><tr>${b.header.map((h, i) => `<th scope="col"${align(i)}>${this.inlines(h)}</th>`).join('')}</tr></thead>`;
        const rows = b.rows
          .map((r) =>
            r.group
              ? `<tr class="group"${this.source(r.source)}><th scope="rowgroup" colspan="${b.header.length}">${this.inlines(r.cells[0] ?? [])}</th></tr>`
              : `<tr${r.writeIn ? ' class="write-in"' : ''}${this.source(r.source)}>${r.cells.map((c, i) => `<td${align(i)}>${this.inlines(c)}</td>`).join('')}</tr>`,
          )
          .join('\n');
        return `<div class="table-wrap"><table>\n${head}\n<tbody>\n${rows}\n</tbody></table></div>\n`;
      }
      case 'note': {
        const tag = b.tone === 'gap' ? 'div' : 'aside';
        const title = b.title ? `<p class="note-title">${escapeHtml(b.title)}</p>\n` : '';
        return `<${tag} class="note ${b.tone}" role="note">\n${title}${b.blocks.map((c) => this.block(c)).join('')}</${tag}>\n`;
      }
      case 'pageBreak':
        return '<div class="page-break" aria-hidden="true"></div>\n';
    }
  }

  doc(doc: Doc): string {
    const subtitle = doc.subtitle ? `<p class="subtitle">${this.inlines(doc.subtitle)}</p>\n` : '';
    return `<article class="studyspec-doc">\n<header>\n<h1>${escapeHtml(doc.title)}</h1>\n${subtitle}</header>\n${doc.blocks.map((b) => this.block(b)).join('')}</article>\n`;
  }
}

/** The document as an HTML fragment (an `<article>`), for embedding in the preview. Style it with `HTML_STYLES`. */
export function renderHtmlBody(doc: Doc, options: HtmlOptions = {}): string {
  return new HtmlWriter(options).doc(doc);
}

/** Styles for the fragment: readable on screen, light or dark as the system prefers, clean in print. */
export const HTML_STYLES = `
.studyspec-doc { --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --head: #f3f5f7; --gap: #a4000f; --gap-bg: #fff1f0; --box: #0b5cad; --box-bg: #eef5ff; --code-bg: #eff1f3;
  color: var(--fg); background: var(--bg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; max-width: 56rem; margin: 0 auto; padding: 2rem 1.5rem; }
@media (prefers-color-scheme: dark) {
  .studyspec-doc { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --line: #30363d; --head: #161b22; --gap: #ff9492; --gap-bg: #3a1d1f; --box: #79c0ff; --box-bg: #132339; --code-bg: #1f242c; }
}
.studyspec-doc h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .4rem; }
.studyspec-doc h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
.studyspec-doc h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.studyspec-doc h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.studyspec-doc .subtitle { color: var(--muted); margin: 0 0 1.5rem; }
.studyspec-doc code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; background: var(--code-bg); padding: .05em .3em; border-radius: 3px; }
.studyspec-doc dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .6rem 0 1rem; }
.studyspec-doc dl.fields > div { display: contents; }
.studyspec-doc dt { font-weight: 600; }
.studyspec-doc dd { margin: 0; }
.studyspec-doc .table-wrap { overflow-x: auto; margin: .8rem 0 1.2rem; }
.studyspec-doc table { border-collapse: collapse; width: 100%; font-size: .92em; }
.studyspec-doc th, .studyspec-doc td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
.studyspec-doc thead th { background: var(--head); }
.studyspec-doc .center { text-align: center; }
.studyspec-doc tr.group th { background: var(--head); font-weight: 600; }
.studyspec-doc tr.write-in td { height: 2.2em; }
.studyspec-doc .gap { color: var(--gap); }
.studyspec-doc ul.checklist { list-style: none; padding-left: 1.6rem; }
.studyspec-doc ul.checklist > li::before { content: "\\2610"; display: inline-block; width: 1.6rem; margin-left: -1.6rem; font-size: 1.1em; }
.studyspec-doc td span[title] { cursor: help; text-decoration: underline dotted; }
.studyspec-doc .note { border-left: 4px solid var(--line); padding: .5rem 1rem; margin: 1rem 0; border-radius: 4px; }
.studyspec-doc .note.gap { border-color: var(--gap); background: var(--gap-bg); }
.studyspec-doc .note.box { border: 2px solid var(--box); background: var(--box-bg); }
.studyspec-doc .note-title { font-weight: 700; margin-top: .2rem; }
.studyspec-doc .note p { margin: .4rem 0; }
.studyspec-doc [data-kind] { scroll-margin-top: 2rem; }
.studyspec-doc hr.doc-separator { border: 0; border-top: 3px double var(--line); margin: 3rem 0; }
@media print {
  .studyspec-doc { --fg: #000; --muted: #333; --bg: #fff; --line: #888; --head: #eee; --gap: #a4000f; --gap-bg: #fff; --box: #000; --box-bg: #fff; --code-bg: transparent;
    max-width: none; padding: 0; font-size: 11pt; }
  .studyspec-doc .page-break, .studyspec-doc hr.doc-separator { break-after: page; border: 0; margin: 0; }
  .studyspec-doc h2, .studyspec-doc h3, .studyspec-doc h4 { break-after: avoid; }
  .studyspec-doc tr, .studyspec-doc .note { break-inside: avoid; }
  .studyspec-doc .table-wrap { overflow: visible; }
}
`;

/** A standalone page holding one or more documents (several guides print one after another). */
export function renderHtmlPage(docs: Doc | Doc[], options: HtmlOptions = {}): string {
  const list = Array.isArray(docs) ? docs : [docs];
  const title = list.length === 1 ? list[0].title : `${list[0]?.title ?? 'Documents'} and ${list.length - 1} more`;
  const bodies = list.map((d) => renderHtmlBody(d, options)).join('<hr class="doc-separator">\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="studyspec">
<title>${escapeHtml(title)}</title>
<style>
html { background: #ffffff; }
@media (prefers-color-scheme: dark) { html { background: #0d1117; } }
@media print { html { background: #fff; } }
body { margin: 0; }
${HTML_STYLES}</style>
</head>
<body>
${bodies}</body>
</html>
`;
}
