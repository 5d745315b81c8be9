import { createToken, Lexer, TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });
/** A block comment that reaches the end of the file; reported when the AST is built. */
export const UnterminatedBlockComment = createToken({ name: 'UnterminatedBlockComment', pattern: /\/\*[\s\S]*/, group: 'comments', line_breaks: true });

/** Tokens that cannot start a member; the parser consumes them one by one as strays (see parser.ts). */
export const Stray = createToken({ name: 'Stray', pattern: Lexer.NA });

/** Any string-like value; the parser consumes this category. */
export const StringLike = createToken({ name: 'StringLike', pattern: Lexer.NA });
export const TextBlock = createToken({ name: 'TextBlock', pattern: /"""[\s\S]*?"""/, line_breaks: true, categories: [StringLike, Stray] });
/** A text block that reaches the end of the file; reported as a syntax error when the AST is built. */
export const UnterminatedTextBlock = createToken({ name: 'UnterminatedTextBlock', pattern: /"""[\s\S]*/, line_breaks: true, categories: [StringLike, Stray] });
/*
 * The two string tokens are matched by hand: the regular expressions for them backtrack once
 * per character, and overflowed the stack on strings of about 8 MB.
 */
const isLineBreak = (code: number): boolean => code === 0x0a || code === 0x0d;

/** `"…"` on one line, with backslash escapes. */
export function matchString(text: string, offset: number): [string] | null {
  const end = stringEnd(text, offset);
  return end < 0 ? null : [text.slice(offset, end)];
}

/** Just past the closing quote of the string `"…"` at `offset`, or -1 when there is none on its line. */
export function stringEnd(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== 0x22) return -1;
  for (let i = offset + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (isLineBreak(code)) return -1;
    if (code === 0x5c) {
      if (i + 1 >= text.length || isLineBreak(text.charCodeAt(i + 1))) return -1;
      i++;
    }
  }
  return -1;
}

/** Where a line's closing run of blanks, with at most one `{` or `}` in it, starts. */
function trailingBraceStart(text: string, lineEnd: number, from: number): number {
  let i = lineEnd;
  const isBlank = (at: number) => text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09;
  while (i > from && isBlank(i - 1)) i--;
  if (i > from && (text.charCodeAt(i - 1) === 0x7b || text.charCodeAt(i - 1) === 0x7d)) i--;
  while (i > from && isBlank(i - 1)) i--;
  return i;
}

/** `"…` to the end of its line, leaving out a `{` or `}` that ends the line (see UnterminatedString). */
function matchUnterminatedString(text: string, offset: number): [string] | null {
  if (text.charCodeAt(offset) !== 0x22) return null;
  let lineEnd = offset + 1;
  while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
  const stop = trailingBraceStart(text, lineEnd, offset + 1);
  let i = offset + 1;
  while (i < stop) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return null;
    i += code === 0x5c && i + 1 < lineEnd ? 2 : 1;
  }
  return [text.slice(offset, i)];
}

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: { exec: matchString }, start_chars_hint: ['"'], line_breaks: false, categories: [StringLike, Stray] });
/**
 * A string that reaches the end of its line; reported when the AST is built. A `{` or `}` that
 * ends the line is left out of it: `question q "How…? {` is far more often a forgotten quote
 * than a brace inside the wording, and leaving the brace to the parser keeps the block intact.
 */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: { exec: matchUnterminatedString },
  line_breaks: false,
  start_chars_hint: ['"'],
  categories: [StringLike, Stray],
});

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

function keyword(word: string, categories: TokenType[] = []): TokenType {
  const name = word[0].toUpperCase() + word.slice(1);
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories });
}

export const Import = keyword('import');
export const Study = keyword('study');
export const Actor = keyword('actor');
export const Tool = keyword('tool');
export const Service = keyword('service');
export const Touchpoint = keyword('touchpoint');
export const Question = keyword('question');
export const Method = keyword('method');
export const Exclude = keyword('exclude');
export const Ethics = keyword('ethics');
export const Yes = keyword('yes', [Stray]);
export const No = keyword('no', [Stray]);

export const RangeDots = createToken({ name: 'RangeDots', pattern: /\.\./, categories: [Stray] });
export const Dot = createToken({ name: 'Dot', pattern: /\./, categories: [Stray] });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /[0-9]+/, categories: [Stray] });
export const Colon = createToken({ name: 'Colon', pattern: /:/, categories: [Stray] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: [Stray] });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, categories: [Stray] });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });

export const KEYWORDS = ['import', 'study', 'actor', 'tool', 'service', 'touchpoint', 'question', 'method', 'exclude', 'ethics', 'yes', 'no'] as const;
export const KEYWORD_TOKENS: TokenType[] = [Import, Study, Actor, Tool, Service, Touchpoint, Question, Method, Exclude, Ethics, Yes, No];

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  Stray,
  StringLike,
  TextBlock,
  UnterminatedTextBlock,
  StringLiteral,
  UnterminatedString,
  ...KEYWORD_TOKENS,
  Identifier,
  RangeDots,
  Dot,
  NumberLiteral,
  Colon,
  Comma,
  LCurly,
  RCurly,
];

// Both lexers skip chevrotain's checks of the token definitions at start-up;
// test/parser.test.ts runs them on ALL_TOKENS.
/** Tokens with offsets, lines and columns (for editor features that work on tokens). */
export const studyLexer = new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: true, skipValidations: true });

/**
 * The same tokens with offsets only, for the parser: smaller token objects, and the AST builder
 * turns offsets into LSP positions itself (server/model/build.ts), with LSP's line breaks.
 */
export const parsingLexer = new Lexer(ALL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
