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
import { IToken, TokenType } from 'chevrotain';
import { lineBreakOf, LineIndex } from '../common/lines';
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

/** A client's tab size, kept to 1–16 (2 when it is not a number): a request with `tabSize: 1000000` must not make megabytes of spaces. */
export function clampTabSize(tabSize: unknown): number {
  return typeof tabSize === 'number' && Number.isFinite(tabSize) ? Math.min(16, Math.max(1, Math.floor(tabSize))) : 2;
}

/** Keywords that start a member wherever they stand. */
const MEMBER_KEYWORDS: ReadonlySet<TokenType> = new Set([T.Import, T.Study, T.Actor, T.Tool, T.Service, T.Touchpoint, T.Question, T.Method, T.Exclude, T.Ethics]);
const UNCLOSED: ReadonlySet<TokenType> = new Set([T.UnterminatedTextBlock, T.UnterminatedString, T.UnterminatedBlockComment]);

interface Item {
  token: IToken;
  comment: boolean;
  start: number;
  end: number;
}

/**
 * Edits that give `file` its canonical layout; with `range`, only those that end on its lines
 * (each edit ends at the token whose place it sets, so this re-lays out exactly those lines).
 * Returns [] for text that does not lex cleanly or has something unclosed. Never throws.
 */
export function format(file: StudyFile, options: FormatOptions, range?: Range): TextEdit[] {
  try {
    const edits = formatEdits(file.text, options);
    if (!range) return edits;
    // an edit belongs to the lines it reaches: the space after the range's last line is the next line's indentation
    return edits.filter((edit) => edit.range.end.line >= range.start.line && edit.range.end.line <= range.end.line);
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
  // last first; at one offset, a replacement before an insertion, as editors apply them
  const spans = edits.map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), text: edit.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const span of spans) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

/** Line breaks in text[start, end): \r\n, \r or \n. */
function newlinesBetween(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

function formatEdits(text: string, options: FormatOptions): TextEdit[] {
  const lexed = T.studyLexer.tokenize(text);
  if (lexed.errors.length > 0) return [];
  const comments = lexed.groups['comments'] ?? [];
  const all = [...lexed.tokens, ...comments];
  if (all.some((token) => UNCLOSED.has(token.tokenType))) return [];
  const commentSet = new Set(comments);
  const items: Item[] = all.map((token) => ({ token, comment: commentSet.has(token), start: token.startOffset, end: token.startOffset + token.image.length })).sort((a, b) => a.start - b.start);
  if (items.length === 0) return [];

  const eol = lineBreakOf(text);
  const unit = options.insertSpaces ? ' '.repeat(clampTabSize(options.tabSize)) : '\t';
  const indentOf = (depth: number): string => unit.repeat(Math.max(0, depth));
  const code = items.filter((item) => !item.comment).map((item) => item.token);
  const codeIndex = new Map<IToken, number>(code.map((token, i) => [token, i]));

  const type = (token: IToken | undefined): TokenType | undefined => token?.tokenType;
  /** A keyword that opens a member, or `key` of `key:` (not the name in `actor a:` / `method m:`). */
  const startsMember = (i: number): boolean => {
    const t = type(code[i]);
    if (t !== undefined && MEMBER_KEYWORDS.has(t)) return true;
    const before = type(code[i - 1]);
    return t === T.Identifier && type(code[i + 1]) === T.Colon && before !== T.Actor && before !== T.Method;
  };
  /** Whether code token `i` goes on a new line, judged by the code alone. */
  const breaksBefore = (i: number): boolean => {
    const previous = type(code[i - 1]);
    if (previous === undefined) return false;
    if (type(code[i]) === T.RCurly || previous === T.LCurly || previous === T.RCurly) return true;
    return startsMember(i);
  };
  const inlineGap = (previous: TokenType, token: TokenType): string => {
    if (token === T.Colon || token === T.Comma) return '';
    if ((token === T.Dot && previous === T.Identifier) || (previous === T.Dot && token === T.Identifier)) return '';
    if ((token === T.RangeDots && previous === T.NumberLiteral) || (previous === T.RangeDots && token === T.NumberLiteral)) return '';
    return ' ';
  };

  const edits: TextEdit[] = [];
  const lines = new LineIndex(text);
  const replace = (start: number, end: number, newText: string): void => {
    if (end - start === newText.length && text.startsWith(newText, start)) return;
    edits.push({ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText });
  };

  let depth = 0;
  let lineIndent = '';
  /** the index in `code` of the next code token */
  let next = 0;
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    const token = item.token;
    const previousItem = items[k - 1];
    const gapStart = previousItem ? previousItem.end : 0;
    const newline = (indent: string): string => {
      lineIndent = indent;
      const blank = newlinesBetween(text, gapStart, item.start) >= 2;
      return (blank ? eol : '') + eol + indent;
    };
    const afterLineComment = previousItem !== undefined && type(previousItem.token) === T.LineComment;
    let separator = '';
    if (item.comment) {
      const continuing = next > 0 && next < code.length && !breaksBefore(next);
      if (previousItem) separator = !afterLineComment && previousItem.token.endLine === token.startLine ? ' ' : newline(indentOf(depth + (continuing ? 1 : 0)));
    } else {
      const i = codeIndex.get(token) ?? next;
      const t = type(token);
      if (t === T.RCurly) depth--;
      const structural = breaksBefore(i);
      const before = type(code[i - 1]);
      const indent = indentOf(structural || before === undefined || before === T.LCurly || before === T.RCurly ? depth : depth + 1);
      if (!previousItem) separator = '';
      else if (t === T.RCurly && type(previousItem.token) === T.LCurly) separator = '';
      else if (structural || afterLineComment) separator = newline(indent);
      else if (previousItem.comment) separator = previousItem.token.endLine === token.startLine ? ' ' : newline(indent);
      else separator = inlineGap(previousItem.token.tokenType, token.tokenType);
      if (t === T.LCurly) depth++;
      next = i + 1;
    }
    if (!previousItem) separator = text.startsWith('\ufeff') ? '\ufeff' : '';
    // a re-indented text block and the space before it make one edit, so no two edits touch
    if (type(token) === T.TextBlock) replace(gapStart, item.end, separator + reindentTextBlock(token.image, lineIndent + unit, eol));
    else replace(gapStart, item.start, separator);
  }
  replace(items[items.length - 1].end, text.length, eol);
  return edits;
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
