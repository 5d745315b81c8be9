/**
 * Text helpers for generated SVG: escaping and deterministic width estimates, so layouts are
 * the same on every machine (golden-friendly) and need no font files.
 */

export const SANS_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
export const MONO_STACK = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

export type FontFamily = 'sans' | 'mono';

export interface FontSpec {
  size: number;
  weight?: 400 | 600 | 700;
  family?: FontFamily;
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NARROW = new Set("iljI.,:;'!|`");
const SEMI_NARROW = new Set('frt()[]{}/\\-"* ');
const WIDE = new Set('mwMW@%');

/** Width of one character in em, for a proportional sans-serif face (Arial/Segoe metrics, rounded up). */
function charEm(ch: string): number {
  if (NARROW.has(ch)) return 0.28;
  if (SEMI_NARROW.has(ch)) return 0.36;
  if (WIDE.has(ch)) return 0.88;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch >= '0' && ch <= '9') return 0.56;
  if (ch >= 'a' && ch <= 'z') return 0.55;
  return 0.6;
}

/** The estimated advance width of `text` in pixels. */
export function textWidth(text: string, font: FontSpec): number {
  if (font.family === 'mono') return [...text].length * 0.6 * font.size;
  let em = 0;
  for (const ch of text) em += charEm(ch);
  const bold = (font.weight ?? 400) >= 600 ? 1.07 : 1;
  return Math.ceil(em * font.size * bold * 10) / 10;
}

/** Splits a word that is wider than `maxWidth`, preferring breaks after `_`, `-` or `/`. */
function breakWord(word: string, maxWidth: number, font: FontSpec): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest && textWidth(rest, font) > maxWidth) {
    let cut = 1;
    while (cut < rest.length && textWidth(rest.slice(0, cut + 1), font) <= maxWidth) cut++;
    const soft = Math.max(rest.lastIndexOf('_', cut - 1), rest.lastIndexOf('-', cut - 1), rest.lastIndexOf('/', cut - 1));
    if (soft > 0 && soft + 1 >= cut / 2) cut = soft + 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Greedy word wrap to `maxWidth` pixels; whitespace (newlines included) separates words. */
export function wrapText(text: string, maxWidth: number, font: FontSpec): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, font) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const pieces = breakWord(word, maxWidth, font);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line) lines.push(line);
  return lines;
}

/** Wraps, then keeps at most `maxLines`, ending the last with an ellipsis when text was cut. */
export function wrapClamped(text: string, maxWidth: number, font: FontSpec, maxLines: number): string[] {
  const lines = wrapText(text, maxWidth, font);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && textWidth(`${last}…`, font) > maxWidth) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** Compact number formatting for coordinates: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
