/**
 * User text in the Markdown and plain-text labels the editor shows (hover, completion, code
 * actions). Whatever a study or a framework file says renders as written: no link, image, HTML,
 * entity, emphasis, code, heading or list, and no control character.
 */

/** C0 (but tab, line feed and carriage return), DEL and C1 control characters. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Runs of white space, line breaks included (U+2028 and U+2029 too). */
const WHITE_SPACE = /[\s\u2028\u2029]+/g;

/**
 * Inline markup: backslash escapes, code, emphasis, strikethrough, links and images, HTML and
 * angle autolinks, table cells, entities, theme icons `$(…)`, and the starts of bare autolinks
 * (`https://`, `www.`, `name@host`).
 */
const INLINE_MARKUP = /[\\`*_~[\]<>|@]|&(?=#?[A-Za-z0-9]+;)|\$(?=\()|:(?=\/\/)|(?<=\bwww)\./gi;

/** What would start a heading, quote, list, thematic break or setext underline at the start of a line. */
const LINE_START = /^(#|>|[-+*=](?=\s|$|[-+*=])|\d+(?=[.)]))/;

/**
 * One line of user text: control characters removed, white space (line breaks too) made single
 * spaces, trimmed; cut at `max` characters with an ellipsis.
 */
export function plainLine(text: string, max = Infinity): string {
  const line = text.replace(CONTROL_CHARACTERS, '').replace(WHITE_SPACE, ' ').trim();
  if (line.length <= max) return line;
  let end = Math.max(0, max - 1);
  if (/[\uD800-\uDBFF]/.test(line[end - 1] ?? '')) end--;
  return `${line.slice(0, end).trimEnd()}…`;
}

/** User text as literal Markdown on one line, safe anywhere in a paragraph, at its start too. */
export function escapeMarkdown(text: string): string {
  return plainLine(text)
    .replace(INLINE_MARKUP, (c) => `\\${c}`)
    .replace(LINE_START, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** User text that may have paragraphs (blank-line separated): each paragraph escaped on one line. */
export function escapeMarkdownParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(escapeMarkdown)
    .filter(Boolean)
    .join('\n\n');
}

/** User text as a code span: a fence longer than any run of backticks in it, on one line. */
export function codeSpan(text: string): string {
  const value = plainLine(text);
  if (value === '') return '';
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A web address as an autolink when it is a plain http(s) one; anything else as literal text. */
export function markdownUrl(url: string): string {
  const value = plainLine(url);
  return /^https?:\/\/[^\s<>"'`\\[\]()]+$/i.test(value) ? `<${value}>` : escapeMarkdown(value);
}
