/**
 * The fast path of parsing: a hand-written lexer and recursive-descent parser for files in
 * which chevrotain would find nothing to recover from. It builds the same tokens and raw tree
 * as `parseSyntax`'s chevrotain path, and gives up (returns undefined) at the first thing that
 * path would report or tolerate: a lexing error, an unclosed string or comment, a stray token,
 * a missing or doubled separator, a keyword where a name or value stands, a missing brace.
 * `parseSyntax` then parses the file with chevrotain, whose recovery and messages stay the one
 * definition of what a broken file means. test/cleanParse.test.ts checks both agree.
 *
 * Profiling a 1 MB study showed chevrotain's lexer and parser at about half of the whole lint;
 * this path takes a tenth of that.
 */
import { IToken, TokenType } from 'chevrotain';
import type { RawBlock, RawDeclaration, RawDeclarationRule, RawEthics, RawExclude, RawFile, RawImport, RawMember, RawProperty, RawRef, RawValue } from './parser';
import * as T from './tokens';

/** Thrown to leave the fast path; never escapes `parseClean`. */
const GIVE_UP = new Error('not a clean file');

/** Blocks nest three deep in a well-formed study (study, service, touchpoint); deeper is for chevrotain to report. */
const MAX_DEPTH = 4;

/** Token types by code, as the scanner records them (one byte per token, no object). */
export const CODE = {
  Identifier: 0,
  NumberLiteral: 1,
  StringLiteral: 2,
  TextBlock: 3,
  LineComment: 4,
  BlockComment: 5,
  RangeDots: 6,
  Dot: 7,
  Colon: 8,
  Comma: 9,
  LCurly: 10,
  RCurly: 11,
  /** the keywords follow, in the order of T.KEYWORDS */
  Import: 12,
  Study: 13,
  Actor: 14,
  Tool: 15,
  Service: 16,
  Touchpoint: 17,
  Question: 18,
  Method: 19,
  Exclude: 20,
  Ethics: 21,
  Yes: 22,
  No: 23,
} as const;

export const TYPE_OF_CODE: TokenType[] = [
  T.Identifier,
  T.NumberLiteral,
  T.StringLiteral,
  T.TextBlock,
  T.LineComment,
  T.BlockComment,
  T.RangeDots,
  T.Dot,
  T.Colon,
  T.Comma,
  T.LCurly,
  T.RCurly,
  ...T.KEYWORD_TOKENS,
];

/** The keywords by their first character: most names are told apart from them without a lookup by string. */
const KEYWORDS_BY_FIRST: { word: string; code: number }[][] = [];
T.KEYWORDS.forEach((word, i) => (KEYWORDS_BY_FIRST[word.charCodeAt(0)] ??= []).push({ word, code: CODE.Import + i }));

/** The keyword `text` holds from `start` to `end`, if it is one. */
function keywordAt(text: string, start: number, end: number): number {
  const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(start)];
  if (candidates) for (const { word, code } of candidates) if (word.length === end - start && text.startsWith(word, start)) return code;
  return CODE.Identifier;
}

/**
 * Scanned tokens as parallel arrays of type codes and offsets (start, and just past the end).
 * The two lists below are reused from scan to scan (parsing is synchronous), so a parse leaves
 * nothing per token for the garbage collector.
 */
export class TokenList {
  count = 0;
  codes = new Uint8Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);

  push(code: number, start: number, end: number): void {
    if (this.count === this.codes.length) this.grow();
    this.codes[this.count] = code;
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint8Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }
}

const scannedTokens = new TokenList();
const scannedComments = new TokenList();

function isIdentifierStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 0x30 && code <= 0x39);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** T.WhiteSpace's characters. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c || code === 0x0b || code === 0xa0 || code === 0xfeff;
}

/**
 * The tokens and comments of tokens.ts, or undefined at anything the lexer would report. The
 * lists returned are overwritten by the next scan: read them before scanning again.
 */
export function scan(text: string): { tokens: TokenList; comments: TokenList } | undefined {
  const tokens = scannedTokens;
  const comments = scannedComments;
  tokens.count = 0;
  comments.count = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) {
      i++;
      continue;
    }
    const start = i;
    if (isIdentifierStart(code)) {
      i++;
      while (i < length && isIdentifierPart(text.charCodeAt(i))) i++;
      tokens.push(keywordAt(text, start, i), start, i);
      continue;
    }
    if (isDigit(code)) {
      i++;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      tokens.push(CODE.NumberLiteral, start, i);
      continue;
    }
    switch (code) {
      case 0x22: {
        if (text.startsWith('"""', i)) {
          const close = text.indexOf('"""', i + 3);
          if (close < 0) return undefined;
          i = close + 3;
          tokens.push(CODE.TextBlock, start, i);
          continue;
        }
        const end = T.stringEnd(text, i);
        if (end < 0) return undefined;
        i = end;
        tokens.push(CODE.StringLiteral, start, i);
        continue;
      }
      case 0x2f: {
        const next = text.charCodeAt(i + 1);
        if (next === 0x2f) {
          i += 2;
          while (i < length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
          comments.push(CODE.LineComment, start, i);
          continue;
        }
        if (next === 0x2a) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0) return undefined;
          i = close + 2;
          comments.push(CODE.BlockComment, start, i);
          continue;
        }
        return undefined;
      }
      case 0x2e:
        if (text.charCodeAt(i + 1) === 0x2e) {
          i += 2;
          tokens.push(CODE.RangeDots, start, i);
        } else {
          i++;
          tokens.push(CODE.Dot, start, i);
        }
        continue;
      case 0x3a:
        tokens.push(CODE.Colon, start, ++i);
        continue;
      case 0x2c:
        tokens.push(CODE.Comma, start, ++i);
        continue;
      case 0x7b:
        tokens.push(CODE.LCurly, start, ++i);
        continue;
      case 0x7d:
        tokens.push(CODE.RCurly, start, ++i);
        continue;
      default:
        return undefined;
    }
  }
  return { tokens, comments };
}

const DECLARATION_RULES = new Map<TokenType, RawDeclarationRule>([
  [T.Study, 'study'],
  [T.Actor, 'actor'],
  [T.Tool, 'tool'],
  [T.Service, 'service'],
  [T.Touchpoint, 'touchpoint'],
  [T.Question, 'question'],
  [T.Method, 'method'],
]);

/** Shared empty list of commas, as the chevrotain path leaves it on a property with one value. */
const NO_COMMAS: IToken[] = [];
Object.freeze(NO_COMMAS);

/** chevrotain-shaped tokens of a scanned list. */
function tokensOf(text: string, list: TokenList): IToken[] {
  const result = new Array<IToken>(list.count);
  for (let i = 0; i < list.count; i++) {
    const type = TYPE_OF_CODE[list.codes[i]];
    const start = list.starts[i];
    result[i] = { image: text.slice(start, list.ends[i]), startOffset: start, tokenTypeIdx: type.tokenTypeIdx as number, tokenType: type } as IToken;
  }
  return result;
}

/** The tokens and comments of tokens.ts, or GIVE_UP at anything the lexer would report. */
function lex(text: string): { tokens: IToken[]; comments: IToken[] } {
  const scanned = scan(text);
  if (!scanned) throw GIVE_UP;
  return { tokens: tokensOf(text, scanned.tokens), comments: tokensOf(text, scanned.comments) };
}

class CleanParser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: IToken[],
  ) {}

  private type(offset = 0): TokenType | undefined {
    return this.tokens[this.at + offset]?.tokenType;
  }

  private expect(type: TokenType): IToken {
    const next = this.tokens[this.at];
    if (next?.tokenType !== type) throw GIVE_UP;
    this.at++;
    return next;
  }

  private isString(type: TokenType | undefined): boolean {
    return type === T.StringLiteral || type === T.TextBlock;
  }

  private expectString(): IToken {
    if (!this.isString(this.type())) throw GIVE_UP;
    return this.tokens[this.at++];
  }

  file(): RawFile {
    const file: RawFile = { members: [], strays: [] };
    while (this.at < this.tokens.length) this.member(file.members, 0);
    return file;
  }

  private member(members: RawMember[], depth: number): void {
    const type = this.type();
    if (type === T.Identifier) return this.property(members);
    if (type === T.Import) {
      const target: RawImport = { rule: 'importDecl' };
      members.push(target);
      target.keyword = this.expect(T.Import);
      target.path = this.expectString();
      return;
    }
    if (type === T.Exclude) {
      const target: RawExclude = { rule: 'exclude' };
      members.push(target);
      target.keyword = this.expect(T.Exclude);
      const slots: RawValue[] = [undefined];
      target.ref = slots;
      if (this.type() !== T.Identifier) throw GIVE_UP;
      this.ref(slots, 0);
      if (this.isString(this.type())) target.rationale = this.tokens[this.at++];
      return;
    }
    if (type === T.Ethics) {
      const target: RawEthics = { rule: 'ethics' };
      members.push(target);
      target.keyword = this.expect(T.Ethics);
      this.block((target.block = { members: [], strays: [] }), depth);
      return;
    }
    const rule = type && DECLARATION_RULES.get(type);
    if (!type || !rule) throw GIVE_UP;
    const target: RawDeclaration = { rule };
    members.push(target);
    target.keyword = this.expect(type);
    target.name = this.expect(T.Identifier);
    if (rule === 'actor' || rule === 'method') {
      target.colon = this.expect(T.Colon);
      target.qualifier = this.expect(T.Identifier);
    }
    if (this.isString(this.type())) target.label = this.tokens[this.at++];
    if ((rule === 'actor' || rule === 'tool') && this.type() !== T.LCurly) return;
    this.block((target.block = { members: [], strays: [] }), depth);
  }

  private block(target: RawBlock, depth: number): void {
    if (depth >= MAX_DEPTH) throw GIVE_UP;
    target.open = this.expect(T.LCurly);
    while (this.type() !== T.RCurly) {
      if (this.at >= this.tokens.length) throw GIVE_UP;
      this.member(target.members, depth + 1);
    }
    target.close = this.tokens[this.at++];
  }

  /** The next tokens are not `key:`, the start of the next property. */
  private valueAhead(): boolean {
    return !(this.type() === T.Identifier && this.type(1) === T.Colon);
  }

  private startsValue(type: TokenType | undefined): boolean {
    return type === T.Identifier || type === T.NumberLiteral || type === T.Yes || type === T.No || this.isString(type);
  }

  private property(members: RawMember[]): void {
    const target: RawProperty = { rule: 'property', values: [], commas: NO_COMMAS };
    members.push(target);
    target.key = this.tokens[this.at++];
    target.colon = this.expect(T.Colon);
    // a missing value (`key:` then the next key) is tolerated by the grammar and reported by the builder
    if (!this.valueAhead()) throw GIVE_UP;
    this.value(target.values);
    for (;;) {
      const type = this.type();
      if (type === T.Comma) {
        const comma = this.tokens[this.at++];
        if (target.commas === NO_COMMAS) target.commas = [comma];
        else target.commas.push(comma);
        if (!this.valueAhead()) throw GIVE_UP;
        this.value(target.values);
        continue;
      }
      // a second value on the same line without a comma: read by the grammar, reported by the builder
      if (this.startsValue(type) && this.valueAhead() && !this.lineBreakBefore(this.at)) throw GIVE_UP;
      return;
    }
  }

  private lineBreakBefore(index: number): boolean {
    const previous = this.tokens[index - 1];
    const next = this.tokens[index];
    for (let i = previous.startOffset + previous.image.length; i < next.startOffset; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 0x0a || code === 0x0d) return true;
    }
    return false;
  }

  private value(slots: RawValue[]): void {
    const index = slots.push(undefined) - 1;
    const type = this.type();
    if (type === T.Identifier) return this.ref(slots, index);
    if (!this.startsValue(type)) throw GIVE_UP;
    const first = this.tokens[this.at++];
    slots[index] = first;
    if (type === T.NumberLiteral && this.type() === T.RangeDots) {
      const rangeDots = this.tokens[this.at++];
      slots[index] = { number: first, rangeDots, upper: this.expect(T.NumberLiteral) };
    }
  }

  private ref(slots: RawValue[], index: number): void {
    const first = this.expect(T.Identifier);
    slots[index] = first;
    let node: RawRef | undefined;
    while (this.type() === T.Dot) {
      node ??= slots[index] = { segments: [first], dots: [] };
      node.dots.push(this.tokens[this.at++]);
      node.segments.push(this.expect(T.Identifier));
    }
  }
}

/** The tokens, comments and raw tree of a file with nothing to recover from; undefined for any other. */
export function parseClean(text: string): { file: RawFile; tokens: IToken[]; comments: IToken[] } | undefined {
  try {
    const { tokens, comments } = lex(text);
    return { file: new CleanParser(text, tokens).file(), tokens, comments };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
