/**
 * Formatting: the canonical layout of a study, computed from the token stream so that every
 * token and comment is kept. Only the whitespace between tokens changes, and the indentation
 * inside text blocks (which the dedent rule of LANGUAGE.md makes free to change).
 *
 * - one member per line, `tabSize` spaces (or a tab) per brace depth;
 * - `key: value, value`, one space after colons and commas, one before `{`;
 * - blank lines kept, runs of them collapsed to one; one newline at the end;
 * - comments kept as written: a comment at the end of a line stays there, one on its own line
 *   stays on its own line;
 * - a text block's lines are re-indented one step deeper than the line it starts on.
 *
 * Text with lexing errors or anything unclosed (string, text block, comment) is not formatted.
 */
import { IToken, tokenMatcher, TokenType } from 'chevrotain';
import { LineIndex } from '../common/lines';
import { Range } from '../common/range';
import { StudyFile } from '../model/ast';
import * as T from '../syntax/tokens';
import { TextEdit } from './types';

export interface FormatOptions {
  /** spaces per indentation step */
  tabSize: number;
  /** false: one tab per step */
  insertSpaces: boolean;
}

/** Keywords that start a member wherever they stand. */
const MEMBER_KEYWORDS: TokenType[] = [T.Import, T.Study, T.Actor, T.Tool, T.Service, T.Touchpoint, T.Question, T.Method, T.Exclude, T.Ethics];
const UNCLOSED: TokenType[] = [T.UnterminatedTextBlock, T.UnterminatedString, T.UnterminatedBlockComment];

interface Item {
  token: IToken;
  comment: boolean;
  start: number;
  end: number;
}

/**
 * Edits that give `file` its canonical layout; with `range`, only those touching its lines.
 * Returns [] for text that does not lex cleanly or has something unclosed. Never throws.
 */
export function format(file: StudyFile, options: FormatOptions, range?: Range): TextEdit[] {
  try {
    const edits = formatEdits(file.text, options);
    if (!range) return edits;
    return edits.filter((edit) => edit.range.start.line <= range.end.line && edit.range.end.line >= range.start.line);
  } catch {
    return [];
  }
}

/** The whole text in its canonical layout (the text itself when it cannot be formatted). */
export function formatText(text: string, options: FormatOptions): string {
  try {
    return applyEdits(text, formatEdits(text, options));
  } catch {
    return text;
  }
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits.map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), text: edit.newText })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const span of spans) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

function is(token: IToken | undefined, ...types: TokenType[]): boolean {
  return token !== undefined && types.some((type) => tokenMatcher(token, type));
}

function newlineCount(gap: string): number {
  return gap.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function formatEdits(text: string, options: FormatOptions): TextEdit[] {
  const lexed = T.studyLexer.tokenize(text);
  if (lexed.errors.length > 0) return [];
  const comments = lexed.groups['comments'] ?? [];
  const all = [...lexed.tokens, ...comments];
  if (all.some((token) => is(token, ...UNCLOSED))) return [];
  const commentSet = new Set(comments);
  const items: Item[] = all.map((token) => ({ token, comment: commentSet.has(token), start: token.startOffset, end: token.startOffset + token.image.length })).sort((a, b) => a.start - b.start);
  if (items.length === 0) return [];

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const indentOf = (depth: number): string => unit.repeat(Math.max(0, depth));
  const code = items.filter((item) => !item.comment).map((item) => item.token);
  const codeIndex = new Map<IToken, number>(code.map((token, i) => [token, i]));

  /** A keyword that opens a member, or `key` of `key:` (not the name in `actor a:` / `method m:`). */
  const startsMember = (i: number): boolean => {
    const token = code[i];
    if (is(token, ...MEMBER_KEYWORDS)) return true;
    return is(token, T.Identifier) && is(code[i + 1], T.Colon) && !is(code[i - 1], T.Actor, T.Method);
  };
  /** Whether code token `i` goes on a new line, judged by the code alone. */
  const breaksBefore = (i: number): boolean => {
    const previous = code[i - 1];
    if (!previous) return false;
    if (is(code[i], T.RCurly)) return true;
    if (is(previous, T.LCurly, T.RCurly)) return true;
    return startsMember(i);
  };
  const inlineGap = (previous: IToken, token: IToken): string => {
    if (is(token, T.Colon, T.Comma)) return '';
    if (is(token, T.Dot) && is(previous, T.Identifier)) return '';
    if (is(previous, T.Dot) && is(token, T.Identifier)) return '';
    if ((is(token, T.RangeDots) && is(previous, T.NumberLiteral)) || (is(previous, T.RangeDots) && is(token, T.NumberLiteral))) return '';
    return ' ';
  };

  const edits: TextEdit[] = [];
  const lines = new LineIndex(text);
  const replace = (start: number, end: number, newText: string): void => {
    if (text.slice(start, end) === newText) return;
    edits.push({ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText });
  };

  let depth = 0;
  let lineIndent = '';
  /** the index in `code` of the next code token */
  let next = 0;
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    const previousItem = items[k - 1];
    const gapStart = previousItem ? previousItem.end : 0;
    const gap = text.slice(gapStart, item.start);
    const blank = previousItem !== undefined && newlineCount(gap) >= 2;
    const newline = (indent: string): string => {
      lineIndent = indent;
      return (blank ? eol : '') + eol + indent;
    };
    let separator: string;
    if (item.comment) {
      const continuing = next > 0 && next < code.length && !breaksBefore(next);
      const sameLine = previousItem !== undefined && !isLineComment(previousItem) && previousItem.token.endLine === item.token.startLine;
      if (!previousItem) separator = '';
      else if (sameLine) separator = ' ';
      else separator = newline(indentOf(depth + (continuing ? 1 : 0)));
    } else {
      const i = codeIndex.get(item.token) ?? next;
      const token = item.token;
      if (is(token, T.RCurly)) depth--;
      const afterLineComment = previousItem !== undefined && isLineComment(previousItem);
      const structural = breaksBefore(i);
      const indent = indentOf(structural || !code[i - 1] || is(code[i - 1], T.LCurly, T.RCurly) ? depth : depth + 1);
      if (!previousItem) separator = '';
      else if (is(token, T.RCurly) && is(previousItem.token, T.LCurly) && !previousItem.comment) separator = '';
      else if (structural || afterLineComment) separator = newline(indent);
      else if (previousItem.comment) separator = previousItem.token.endLine === token.startLine ? ' ' : newline(indent);
      else separator = inlineGap(previousItem.token, token);
      if (is(token, T.LCurly)) depth++;
      next = i + 1;
    }
    if (!previousItem) {
      const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
      replace(0, item.start, bom);
    } else replace(gapStart, item.start, separator);
    if (is(item.token, T.TextBlock)) replace(item.start, item.end, reindentTextBlock(item.token.image, lineIndent + unit, eol));
  }
  replace(items[items.length - 1].end, text.length, eol);
  return edits;
}

function isLineComment(item: Item): boolean {
  return is(item.token, T.LineComment);
}

/**
 * A text block with its lines indented by `indent`, keeping its value: the dedent rule removes
 * the lines' common indentation, so replacing that common part changes nothing. A block with
 * text right after its opening quotes is left as it is (its first line sets no indentation).
 */
export function reindentTextBlock(image: string, indent: string, eol: string): string {
  const parts = image.slice(3, -3).split(/\r\n|\r|\n/);
  if (parts.length < 2 || parts[0].trim() !== '') return image;
  const last = parts.length - 1;
  const closingOnOwnLine = parts[last].trim() === '';
  const content = parts.slice(1, closingOnOwnLine ? last : last + 1);
  let common = Infinity;
  for (const line of content) if (line.trim() !== '') common = Math.min(common, line.length - line.trimStart().length);
  if (!Number.isFinite(common)) common = 0;
  const lines = content.map((line) => (line.trim() === '' ? '' : indent + line.slice(common).trimEnd()));
  if (closingOnOwnLine) lines.push(indent);
  return `"""${parts[0].trimEnd()}${eol}${lines.join(eol)}"""`;
}
