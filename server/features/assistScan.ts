/**
 * A fast, forgiving scan of the text before a cursor, for completion on half-typed text.
 * The parser's recovery can drop a whole unclosed study at the end of a file; this scan
 * still knows which blocks are open, what the current statement is and which declarations
 * were written so far. It never throws and does not use the chevrotain lexer (too slow to
 * run over a whole large file on every keystroke).
 */
import { BlockKind, DeclarationKind } from '../model/ast';

export type ScanTokenType = 'ident' | 'keyword' | 'string' | 'number' | 'dot' | 'range' | 'colon' | 'comma' | 'lbrace' | 'rbrace' | 'other';

export interface ScanToken {
  type: ScanTokenType;
  text: string;
  /** offsets in the scanned text */
  start: number;
  end: number;
}

/** An open block: its header keyword (or 'unknown') and the keys written in it before the cursor. */
export interface ScanFrame {
  kind: BlockKind | 'unknown';
  name?: string;
  keys: Set<string>;
}

export interface ScannedDeclaration {
  kind: DeclarationKind;
  name: string;
  label?: string;
  /** for a touchpoint, the service it is written in */
  service?: string;
}

/** What the cursor stands in when it is inside a comment or a string. */
export interface ScanInside {
  kind: 'lineComment' | 'blockComment' | 'string' | 'text';
  start: number;
}

export interface ScanResult {
  /** open blocks, outermost first */
  stack: ScanFrame[];
  /** tokens since the last brace before the cursor; a token the cursor is in is cut at the cursor */
  tokens: ScanToken[];
  inside?: ScanInside;
  declarations: ScannedDeclaration[];
}

export const HEADER_KEYWORDS: ReadonlySet<string> = new Set(['study', 'actor', 'tool', 'service', 'touchpoint', 'question', 'method', 'ethics']);
export const DECLARATION_KEYWORDS: ReadonlySet<string> = new Set(['actor', 'tool', 'service', 'touchpoint', 'question', 'method']);
const KEYWORDS: ReadonlySet<string> = new Set(['import', 'study', 'actor', 'tool', 'service', 'touchpoint', 'question', 'method', 'exclude', 'ethics', 'yes', 'no']);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Where an unclosed string ends, as the lexer sees it: before trailing spaces and a `{` or `}` that ends its line. */
function unclosedStringEnd(text: string, start: number, eol: number): number {
  const isBlank = (i: number): boolean => text[i] === ' ' || text[i] === '\t';
  let end = eol;
  while (end > start + 1 && isBlank(end - 1)) end--;
  if (end > start + 1 && (text[end - 1] === '{' || text[end - 1] === '}')) {
    end--;
    while (end > start + 1 && isBlank(end - 1)) end--;
  }
  return end;
}

/**
 * Scans `text` from `from` (a token boundary, where `stack` is open) up to `offset`. Callers
 * that know a safe starting point from the AST pass it, so long files are not scanned whole.
 */
export function scanTo(text: string, offset: number, from = 0, initial: ScanFrame[] = []): ScanResult {
  const stack: ScanFrame[] = initial.map((frame) => ({ ...frame, keys: new Set(frame.keys) }));
  const declarations: ScannedDeclaration[] = [];
  let tokens: ScanToken[] = [];
  /** the declaration whose label may follow, and the index of its keyword in `tokens` */
  let pending: { declaration: ScannedDeclaration; at: number } | undefined;

  const push = (token: ScanToken): void => {
    const previous = tokens[tokens.length - 1];
    if (token.type === 'colon' && previous?.type === 'ident') {
      const beforeKey = tokens[tokens.length - 2];
      const isHeader = beforeKey?.type === 'keyword' && (beforeKey.text === 'actor' || beforeKey.text === 'method');
      if (!isHeader) stack[stack.length - 1]?.keys.add(previous.text);
    }
    if (token.type === 'ident' && previous?.type === 'keyword' && DECLARATION_KEYWORDS.has(previous.text)) {
      const top = stack[stack.length - 1];
      const declaration: ScannedDeclaration = { kind: previous.text as DeclarationKind, name: token.text };
      if (declaration.kind === 'touchpoint' && top?.kind === 'service') declaration.service = top.name;
      declarations.push(declaration);
      pending = { declaration, at: tokens.length - 1 };
    } else if (token.type === 'string' && pending) {
      const distance = tokens.length - pending.at;
      // `kw name "label"` or `kw name: qualifier "label"`
      if (distance === 2 || (distance === 4 && tokens[pending.at + 2]?.type === 'colon')) pending.declaration.label = token.text.replace(/^"+|"+$/g, '');
      pending = undefined;
    } else if (pending && tokens.length - pending.at > 4) pending = undefined;

    if (token.type === 'lbrace') {
      let kind: ScanFrame['kind'] = 'unknown';
      let name: string | undefined;
      for (let i = tokens.length - 1; i >= 0; i--) {
        const t = tokens[i];
        if (t.type === 'keyword' && HEADER_KEYWORDS.has(t.text)) {
          kind = t.text as BlockKind;
          if (tokens[i + 1]?.type === 'ident') name = tokens[i + 1].text;
          break;
        }
      }
      stack.push({ kind, name, keys: new Set() });
      tokens = [];
      pending = undefined;
      return;
    }
    if (token.type === 'rbrace') {
      stack.pop();
      tokens = [];
      pending = undefined;
      return;
    }
    tokens.push(token);
  };

  const limit = Math.min(Math.max(offset, 0), text.length);
  let i = Math.max(0, Math.min(from, limit));
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const end = lineEnd(text, i);
      if (limit <= end) return { stack, tokens, declarations, inside: { kind: 'lineComment', start: i } };
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      if (limit < end || close === -1) return { stack, tokens, declarations, inside: { kind: 'blockComment', start: i } };
      i = end;
      continue;
    }
    if (c === 34 /* " */) {
      if (text.startsWith('"""', i)) {
        const close = text.indexOf('"""', i + 3);
        const end = close === -1 ? text.length : close + 3;
        if (limit < end || close === -1) return { stack, tokens, declarations, inside: { kind: 'text', start: i } };
        push({ type: 'string', text: text.slice(i, end), start: i, end });
        i = end;
        continue;
      }
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) break;
        if (d === 92 /* \ */) {
          j += 2;
          continue;
        }
        if (d === 34) {
          closed = true;
          break;
        }
        j++;
      }
      const end = closed ? j + 1 : unclosedStringEnd(text, i, Math.min(j, text.length));
      if (limit < end || (!closed && limit <= end)) return { stack, tokens, declarations, inside: { kind: 'string', start: i } };
      push({ type: 'string', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      const cut = Math.min(j, limit);
      const word = text.slice(i, cut);
      // a word the cursor is in is being typed: never a keyword yet
      const type: ScanTokenType = cut === j && KEYWORDS.has(word) ? 'keyword' : 'ident';
      push({ type, text: word, start: i, end: cut });
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      push({ type: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === 46 /* . */) {
      const isRange = text.charCodeAt(i + 1) === 46;
      const end = isRange ? i + 2 : i + 1;
      push({ type: isRange ? 'range' : 'dot', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const single: ScanTokenType = c === 58 ? 'colon' : c === 44 ? 'comma' : c === 123 ? 'lbrace' : c === 125 ? 'rbrace' : 'other';
    push({ type: single, text: text[i], start: i, end: i + 1 });
    i++;
  }
  return { stack, tokens, declarations };
}
