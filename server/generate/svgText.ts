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

/**
 * Advance widths in hundredths of an em for the printable ASCII characters (space to `~`): the
 * larger of DejaVu Sans (what `system-ui` and `sans-serif` resolve to on many Linux machines)
 * and Liberation Sans (Arial's metrics; Helvetica, Segoe UI and San Francisco are close), so a
 * line measured here fits whichever of the stack's faces draws it.
 */
// prettier-ignore
const REGULAR = [32,41,46,84,64,96,78,28,40,40,50,84,32,37,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,56,102,69,69,73,78,67,62,78,76,30,50,67,56,87,75,79,67,79,73,67,62,74,69,99,69,67,69,40,34,40,84,56,50,62,64,55,64,62,36,64,64,28,28,58,28,98,64,62,64,64,42,53,40,64,60,82,60,60,53,64,34,64,84];
// prettier-ignore
const BOLD = [35,46,53,84,70,101,88,31,46,46,53,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,40,84,84,84,62,100,78,77,74,84,69,69,83,84,38,56,78,64,100,84,86,74,86,78,73,69,82,78,111,78,73,73,46,37,46,84,56,50,68,72,60,72,68,44,72,72,35,35,67,35,105,72,69,72,72,50,60,48,72,66,93,65,66,59,72,37,72,84];

/** Width of one character in em; characters outside ASCII get a wide default (CJK a full em). */
function charEm(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code < 127) return (bold ? BOLD : REGULAR)[code - 32] / 100;
  if (code >= 0x2e80) return 1;
  return bold ? 0.8 : 0.75;
}

/** The estimated advance width of `text` in pixels. */
export function textWidth(text: string, font: FontSpec): number {
  const measure = new Measure(font);
  return measure.width(measure.add(0, text));
}

/**
 * Widths of growing text, kept as running sums so that wrapping measures each character once
 * (linear in the text, where measuring each candidate line afresh was quadratic). The sums are
 * made in the same order as textWidth's, so the results are the same to the last digit.
 */
class Measure {
  private readonly bold: boolean;
  constructor(private readonly font: FontSpec) {
    this.bold = (font.weight ?? 400) >= 600;
  }

  /** `sum` (ems, or code points for mono) with `text` added. */
  add(sum: number, text: string): number {
    if (this.font.family === 'mono') {
      for (const _ of text) sum++;
      return sum;
    }
    for (const ch of text) sum += charEm(ch, this.bold);
    return sum;
  }

  /** `sum` with the UTF-16 unit at `at` of `text` added, as textWidth counts `text.slice(from, at + 1)` (a surrogate pair is one character, and costs nothing more once its first half is counted). */
  addUnit(sum: number, text: string, at: number, from: number): number {
    const code = text.charCodeAt(at);
    const completesPair = code >= 0xdc00 && code <= 0xdfff && at > from && text.charCodeAt(at - 1) >= 0xd800 && text.charCodeAt(at - 1) <= 0xdbff;
    return completesPair ? sum : this.add(sum, String.fromCharCode(code));
  }

  width(sum: number): number {
    if (this.font.family === 'mono') return sum * 0.61 * this.font.size;
    return Math.ceil(sum * this.font.size * 10) / 10;
  }
}

/** Splits a word that is wider than `maxWidth`, preferring breaks after `_`, `-` or `/`. */
function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < word.length) {
    // the longest prefix of the rest that fits (at least one unit), or all of it
    let sum = measure.addUnit(0, word, start, start);
    let cut = 1;
    while (start + cut < word.length) {
      const next = measure.addUnit(sum, word, start + cut, start);
      if (measure.width(next) > maxWidth) break;
      sum = next;
      cut++;
    }
    if (start + cut >= word.length && measure.width(sum) <= maxWidth) break;
    const rest = word.slice(start, start + cut + 1);
    const soft = Math.max(rest.lastIndexOf('_', cut - 1), rest.lastIndexOf('-', cut - 1), rest.lastIndexOf('/', cut - 1));
    if (soft > 0 && soft + 1 >= cut / 2) cut = soft + 1;
    pieces.push(word.slice(start, start + cut));
    start += cut;
  }
  if (start < word.length) pieces.push(word.slice(start));
  return pieces;
}

/** Greedy word wrap to `maxWidth` pixels; whitespace (newlines included) separates words. */
export function wrapText(text: string, maxWidth: number, font: FontSpec): string[] {
  const measure = new Measure(font);
  const lines: string[] = [];
  let line = '';
  let lineSum = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidateSum = measure.add(line ? measure.add(lineSum, ' ') : 0, word);
    if (measure.width(candidateSum) <= maxWidth) {
      line = line ? `${line} ${word}` : word;
      lineSum = candidateSum;
      continue;
    }
    if (line) lines.push(line);
    const pieces = breakWord(word, maxWidth, measure);
    line = pieces.pop() ?? '';
    lineSum = measure.add(0, line);
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
