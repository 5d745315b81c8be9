import { EmbeddedActionsParser, IRecognitionException, ILexingError, IToken, tokenMatcher, TokenType } from 'chevrotain';
import * as T from './tokens';
import { parseClean } from './cleanParse';

// --- the raw syntax tree -------------------------------------------------------------------
// The parser builds this compact tree with embedded actions instead of a chevrotain CST: the
// CST (a children dictionary, label arrays and wrapper nodes for every rule) cost more to build
// and to walk than the AST itself. Every node is created and attached to its parent before its
// rule runs, so when recovery abandons a rule half-way the tokens it did read are kept, as a
// partial CST node would keep them. Tokens inserted by recovery have `isInsertedInRecovery`.

/** A reference of more than one name (`npt.coherence`); a one-name reference is just its token. */
export interface RawRef {
  segments: IToken[];
  dots: IToken[];
}

/** A number followed by `..` (a range; `upper` is missing when the range was cut short). */
export interface RawRange {
  number: IToken;
  rangeDots: IToken;
  upper?: IToken;
}

/**
 * One value. Most values are a single token (a string, a number, yes or no, a one-name reference)
 * and are stored as that token, with no node around it; `undefined` when the value's rule failed
 * before reading anything.
 */
export type RawValue = IToken | RawRange | RawRef | undefined;

export interface RawBlock {
  open?: IToken;
  members: RawMember[];
  /** tokens no member can start with, skipped and reported by the builder */
  strays: IToken[];
  close?: IToken;
}

export interface RawProperty {
  rule: 'property';
  key?: IToken;
  colon?: IToken;
  /** in source order, one slot per value rule run (undefined when it failed before reading anything) */
  values: RawValue[];
  commas: IToken[];
}

export interface RawImport {
  rule: 'importDecl';
  keyword?: IToken;
  path?: IToken;
}

export type RawDeclarationRule = 'study' | 'actor' | 'tool' | 'service' | 'touchpoint' | 'question' | 'method';

export interface RawDeclaration {
  rule: RawDeclarationRule;
  keyword?: IToken;
  name?: IToken;
  /** the `:` before an actor's role or a method's kind */
  colon?: IToken;
  qualifier?: IToken;
  label?: IToken;
  block?: RawBlock;
}

export interface RawExclude {
  rule: 'exclude';
  keyword?: IToken;
  /** one slot, filled as a value is: a one-name reference's token, or a RawRef */
  ref?: RawValue[];
  rationale?: IToken;
}

export interface RawEthics {
  rule: 'ethics';
  keyword?: IToken;
  block?: RawBlock;
}

export type RawMember = RawProperty | RawImport | RawDeclaration | RawExclude | RawEthics;

export interface RawFile {
  members: RawMember[];
  strays: IToken[];
}

/**
 * The concrete grammar of LANGUAGE.md. Block bodies accept every kind of member so that a
 * misplaced declaration parses and gets a precise message from the AST builder instead of
 * derailing recovery; the builder enforces where each member may stand.
 *
 * Two more tolerances keep one typo from hiding the rest of a file: a token that cannot start a
 * member (a stray `:`, `,`, number, string, `{`, or a `}` at the top level) is consumed as a
 * `stray` and reported by the builder, instead of sending chevrotain's re-sync recovery past
 * whole declarations; and a property's value may be missing when the next tokens are the next
 * property's `key:`, so `perspective:` or `about: visit,` at the end of a line costs one error,
 * and a second value on the same line without a comma (`actors: patient nurse`) is read as one.
 *
 * Rules receive the node they fill as their argument (see the raw tree above). Code that is not
 * grammar is skipped while chevrotain records the grammar (RECORDING_PHASE, when there are no
 * nodes); it is guarded by an if rather than wrapped in ACTION, which would allocate a closure
 * for every token.
 */
/** Syntax errors after which the parser stops reading a file (docs/language.md, "Limits"): recovery from each costs time, and a file of garbage has one every few characters. */
export const MAX_SYNTAX_ERRORS = 1000;

/** Thrown out of the parser at MAX_SYNTAX_ERRORS: the file is read again up to `tokenIndex` only. */
class StopParsing extends Error {
  constructor(readonly tokenIndex: number) {
    super('too many syntax errors');
  }
}

export class StudyParser extends EmbeddedActionsParser {
  /** The grammar's own checks (ambiguity, left recursion) cost start-up time on every run;
   * test/parser.test.ts runs them once with `validate` on. */
  constructor({ validate = false }: { validate?: boolean } = {}) {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /** syntax errors saved in this run; at `errorLimit` the run stops with StopParsing */
  private savedErrors = 0;
  errorLimit = Infinity;

  /** chevrotain's hook for every syntax error it records (not in its typings) */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = (EmbeddedActionsParser.prototype as unknown as { SAVE_ERROR: (this: StudyParser, e: IRecognitionException) => IRecognitionException }).SAVE_ERROR.call(this, error);
    if (++this.savedErrors >= this.errorLimit) throw new StopParsing(Math.max(0, (this as unknown as { currIdx: number }).currIdx + 1));
    return saved;
  }

  resetErrorCount(limit: number): void {
    this.savedErrors = 0;
    this.errorLimit = limit;
  }

  // The rules that run once per member or value (member, block, property, value) pass cached
  // alternatives and options to OR/MANY/OPTION instead of fresh arrays of closures on every call,
  // which is most of what a chevrotain parser allocates. The cached closures cannot see the rule's
  // arguments, so each rule puts them in these fields just before the OR/MANY, and every
  // alternative reads them before it calls a nested rule (which may overwrite them).

  /** the file or block whose members are being read; saved and restored around nested blocks */
  private container: { members: RawMember[]; strays: IToken[] } = NO_NODE;
  /** the list a member rule adds its member to */
  private members: RawMember[] = NO_NODE;
  /** the property whose values are being read (values never contain a property) */
  private currentProperty: RawProperty = NO_NODE;
  /** where a value rule writes its value */
  private slots: RawValue[] = NO_NODE;
  private slot = 0;

  public file = this.RULE('file', (target: RawFile) => {
    const saved = this.container;
    this.container = target;
    try {
      this.MANY(this.fileIteration);
    } finally {
      this.container = saved;
    }
  });

  private fileIteration = (): void => {
    this.OR(this.fileAlternatives);
  };

  private fileAlternatives = [
    { ALT: () => this.SUBRULE(this.member, { ARGS: [this.RECORDING_PHASE ? NO_NODE : this.container.members] }) },
    {
      ALT: () => {
        const stray = this.CONSUME(T.Stray);
        if (!this.RECORDING_PHASE) this.container.strays.push(stray);
      },
    },
    {
      ALT: () => {
        const stray = this.CONSUME(T.RCurly);
        if (!this.RECORDING_PHASE) this.container.strays.push(stray);
      },
    },
  ];

  private member = this.RULE('member', (members: RawMember[]) => {
    this.members = members;
    this.OR(this.memberAlternatives);
  });

  private memberAlternatives = [
    { ALT: () => this.SUBRULE(this.property, { ARGS: [this.RECORDING_PHASE ? NO_NODE : place<RawProperty, RawMember>(this.members, { rule: 'property', values: [], commas: NO_TOKENS })] }) },
    { ALT: () => this.SUBRULE(this.importDecl, { ARGS: [this.RECORDING_PHASE ? NO_NODE : place<RawImport, RawMember>(this.members, { rule: 'importDecl' })] }) },
    { ALT: () => this.SUBRULE(this.study, { ARGS: [this.newDeclaration(this.members, 'study')] }) },
    { ALT: () => this.SUBRULE(this.actor, { ARGS: [this.newDeclaration(this.members, 'actor')] }) },
    { ALT: () => this.SUBRULE(this.tool, { ARGS: [this.newDeclaration(this.members, 'tool')] }) },
    { ALT: () => this.SUBRULE(this.service, { ARGS: [this.newDeclaration(this.members, 'service')] }) },
    { ALT: () => this.SUBRULE(this.touchpoint, { ARGS: [this.newDeclaration(this.members, 'touchpoint')] }) },
    { ALT: () => this.SUBRULE(this.question, { ARGS: [this.newDeclaration(this.members, 'question')] }) },
    { ALT: () => this.SUBRULE(this.method, { ARGS: [this.newDeclaration(this.members, 'method')] }) },
    { ALT: () => this.SUBRULE(this.exclude, { ARGS: [this.RECORDING_PHASE ? NO_NODE : place<RawExclude, RawMember>(this.members, { rule: 'exclude' })] }) },
    { ALT: () => this.SUBRULE(this.ethics, { ARGS: [this.RECORDING_PHASE ? NO_NODE : place<RawEthics, RawMember>(this.members, { rule: 'ethics' })] }) },
  ];

  private block = this.RULE('block', (target: RawBlock) => {
    const open = this.CONSUME(T.LCurly);
    if (!this.RECORDING_PHASE) target.open = open;
    const saved = this.container;
    this.container = target;
    try {
      this.MANY(this.blockIteration);
    } finally {
      this.container = saved;
    }
    const close = this.CONSUME(T.RCurly);
    if (!this.RECORDING_PHASE) target.close = close;
  });

  private blockIteration = (): void => {
    this.OR(this.blockAlternatives);
  };

  private blockAlternatives = [
    { ALT: () => this.SUBRULE(this.member, { ARGS: [this.RECORDING_PHASE ? NO_NODE : this.container.members] }) },
    {
      ALT: () => {
        const stray = this.CONSUME(T.Stray);
        if (!this.RECORDING_PHASE) this.container.strays.push(stray);
      },
    },
  ];

  private newDeclaration(members: RawMember[], rule: RawDeclarationRule): RawDeclaration {
    return this.RECORDING_PHASE ? NO_NODE : place<RawDeclaration, RawMember>(members, { rule });
  }

  /** The block of a declaration, created and attached before it is read. */
  private subBlock(owner: { block?: RawBlock }): RawBlock {
    return this.RECORDING_PHASE ? NO_NODE : (owner.block = { members: [], strays: [] });
  }

  private importDecl = this.RULE('importDecl', (target: RawImport) => {
    const keyword = this.CONSUME(T.Import);
    if (!this.RECORDING_PHASE) target.keyword = keyword;
    const path = this.CONSUME(T.StringLike);
    if (!this.RECORDING_PHASE) target.path = path;
  });

  /** `keyword name [: qualifier] [label]`: the header every declaration shares (actors and methods have the qualifier). */
  private header(target: RawDeclaration, keywordType: TokenType, qualified: boolean): void {
    const keyword = this.CONSUME(keywordType);
    if (!this.RECORDING_PHASE) target.keyword = keyword;
    const name = this.CONSUME(T.Identifier);
    if (!this.RECORDING_PHASE) target.name = name;
    if (qualified) {
      const colon = this.CONSUME(T.Colon);
      if (!this.RECORDING_PHASE) target.colon = colon;
      const qualifier = this.CONSUME2(T.Identifier);
      if (!this.RECORDING_PHASE) target.qualifier = qualifier;
    }
    this.OPTION(() => {
      const label = this.CONSUME(T.StringLike);
      if (!this.RECORDING_PHASE) target.label = label;
    });
  }

  /** A header followed by a block, which actors and tools may leave out. */
  private declarationRule(target: RawDeclaration, keywordType: TokenType, qualified: boolean, blockOptional: boolean): void {
    this.header(target, keywordType, qualified);
    if (blockOptional) this.OPTION2(() => this.SUBRULE(this.block, { ARGS: [this.subBlock(target)] }));
    else this.SUBRULE2(this.block, { ARGS: [this.subBlock(target)] });
  }

  private study = this.RULE('study', (target: RawDeclaration) => this.declarationRule(target, T.Study, false, false));

  private actor = this.RULE('actor', (target: RawDeclaration) => this.declarationRule(target, T.Actor, true, true));

  private tool = this.RULE('tool', (target: RawDeclaration) => this.declarationRule(target, T.Tool, false, true));

  private service = this.RULE('service', (target: RawDeclaration) => this.declarationRule(target, T.Service, false, false));

  private touchpoint = this.RULE('touchpoint', (target: RawDeclaration) => this.declarationRule(target, T.Touchpoint, false, false));

  private question = this.RULE('question', (target: RawDeclaration) => this.declarationRule(target, T.Question, false, false));

  private method = this.RULE('method', (target: RawDeclaration) => this.declarationRule(target, T.Method, true, false));

  private exclude = this.RULE('exclude', (target: RawExclude) => {
    const keyword = this.CONSUME(T.Exclude);
    if (!this.RECORDING_PHASE) target.keyword = keyword;
    this.SUBRULE(this.ref, { ARGS: [this.RECORDING_PHASE ? NO_NODE : (target.ref = [undefined]), 0] });
    this.OPTION(() => {
      const rationale = this.CONSUME(T.StringLike);
      if (!this.RECORDING_PHASE) target.rationale = rationale;
    });
  });

  private ethics = this.RULE('ethics', (target: RawEthics) => {
    const keyword = this.CONSUME(T.Ethics);
    if (!this.RECORDING_PHASE) target.keyword = keyword;
    this.SUBRULE(this.block, { ARGS: [this.RECORDING_PHASE ? NO_NODE : (target.block = { members: [], strays: [] })] });
  });

  /** True unless the next tokens are `key:`, the start of the next property. */
  private valueAhead = (): boolean => !(tokenMatcher(this.LA(1), T.Identifier) && tokenMatcher(this.LA(2), T.Colon));

  /** The text being parsed, for the one decision that depends on line breaks. */
  text = '';

  /** A value on the same line as the previous one with no comma between (`actors: patient nurse`). */
  private valueWithoutComma = (): boolean => {
    const next = this.LA(1);
    const startsValue = tokenMatcher(next, T.Identifier) || tokenMatcher(next, T.StringLike) || tokenMatcher(next, T.NumberLiteral) || tokenMatcher(next, T.Yes) || tokenMatcher(next, T.No);
    if (!startsValue || !this.valueAhead()) return false;
    const previous = this.LA(0);
    for (let i = previous.startOffset + previous.image.length; i < next.startOffset; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 10 || code === 13) return false;
    }
    return true;
  };

  private property = this.RULE('property', (target: RawProperty) => {
    const key = this.CONSUME(T.Identifier);
    if (!this.RECORDING_PHASE) target.key = key;
    const colon = this.CONSUME(T.Colon);
    if (!this.RECORDING_PHASE) target.colon = colon;
    this.currentProperty = target;
    this.OPTION(this.firstValue);
    this.MANY(this.moreValues);
  });

  private firstValue = { GATE: (): boolean => this.valueAhead(), DEF: (): void => this.SUBRULE(this.value, { ARGS: this.valueArguments() }) };

  private moreValues = {
    GATE: (): boolean => tokenMatcher(this.LA(1), T.Comma) || this.valueWithoutComma(),
    DEF: (): void => this.OR(this.moreValueAlternatives),
  };

  private moreValueAlternatives = [
    {
      ALT: () => {
        const comma = this.CONSUME(T.Comma);
        if (!this.RECORDING_PHASE) pushToken(this.currentProperty, 'commas', comma);
        this.OPTION2(this.valueAfterComma);
      },
    },
    // reported by the builder as a missing comma
    { GATE: (): boolean => this.valueWithoutComma(), ALT: () => this.SUBRULE3(this.value, { ARGS: this.valueArguments() }) },
  ];

  private valueAfterComma = { GATE: (): boolean => this.valueAhead(), DEF: (): void => this.SUBRULE2(this.value, { ARGS: this.valueArguments() }) };

  /** The current property's values and a new slot in them, for the value rule. */
  private valueArguments(): [RawValue[], number] {
    if (this.RECORDING_PHASE) return [NO_NODE, 0];
    const values = this.currentProperty.values;
    return [values, values.push(undefined) - 1];
  }

  /** Reads one value into `slots[index]`, writing as it goes so a value cut short keeps what it read. */
  private value = this.RULE('value', (slots: RawValue[], index: number) => {
    this.slots = slots;
    this.slot = index;
    this.OR(this.valueAlternatives);
  });

  /** Stores a one-token value in the current slot. */
  private setValue(token: IToken): void {
    if (!this.RECORDING_PHASE) this.slots[this.slot] = token;
  }

  private valueAlternatives = [
    { ALT: () => this.setValue(this.CONSUME(T.StringLike)) },
    {
      ALT: () => {
        const slots = this.slots;
        const index = this.slot;
        const number = this.CONSUME(T.NumberLiteral);
        if (!this.RECORDING_PHASE) slots[index] = number;
        this.OPTION(() => {
          const rangeDots = this.CONSUME(T.RangeDots);
          const range: RawRange | undefined = this.RECORDING_PHASE ? undefined : (slots[index] = { number, rangeDots });
          const upper = this.CONSUME2(T.NumberLiteral);
          if (range) range.upper = upper;
        });
      },
    },
    { ALT: () => this.SUBRULE(this.ref, { ARGS: [this.slots, this.slot] }) },
    { ALT: () => this.setValue(this.CONSUME(T.Yes)) },
    { ALT: () => this.setValue(this.CONSUME(T.No)) },
  ];

  /** A reference into `slots[index]`: its token while it is one name, a RawRef from its first dot. */
  private ref = this.RULE('ref', (slots: RawValue[], index: number) => {
    const first = this.CONSUME(T.Identifier);
    if (!this.RECORDING_PHASE) slots[index] = first;
    this.refSlots = slots;
    this.refSlot = index;
    this.refFirst = first;
    this.refNode = undefined;
    this.MANY(this.refSegment);
  });

  // the reference being read: a ref rule calls no other rule, so these stay its own
  private refSlots: RawValue[] = NO_NODE;
  private refSlot = 0;
  private refFirst: IToken = NO_NODE;
  private refNode: RawRef | undefined;

  private refSegment = (): void => {
    const dot = this.CONSUME(T.Dot);
    if (!this.RECORDING_PHASE) {
      this.refNode ??= this.refSlots[this.refSlot] = { segments: [this.refFirst], dots: [] };
      this.refNode.dots.push(dot);
    }
    const segment = this.CONSUME2(T.Identifier);
    if (this.refNode) this.refNode.segments.push(segment);
  };
}

/** Shared empty list for the rare token lists (commas, dots): replaced by a real array on first push. */
const NO_TOKENS: IToken[] = [];
Object.freeze(NO_TOKENS);

/** What a rule receives as its node while the grammar is recorded: never read or written. */
const NO_NODE = undefined as never;

function pushToken<K extends 'commas'>(target: { [key in K]: IToken[] }, key: K, token: IToken): void {
  if (target[key] === NO_TOKENS) target[key] = [token];
  else target[key].push(token);
}

function place<N extends L, L>(list: L[], node: N): N {
  list.push(node);
  return node;
}

let sharedParser: StudyParser | undefined;

function parserInstance(): StudyParser {
  sharedParser ??= new StudyParser();
  return sharedParser;
}

export interface SyntaxParseResult {
  /** undefined only when the parser itself failed (reported in parseErrors) */
  file: RawFile | undefined;
  tokens: IToken[];
  comments: IToken[];
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
  /** keywords written where a value stands (`perspective: study`): read as names, reported by the builder */
  keywordValues: IToken[];
  /** where reading stopped after MAX_SYNTAX_ERRORS syntax errors */
  stoppedAt?: IToken;
}

const VALUE_KEYWORDS = new Set(T.KEYWORD_TOKENS.filter((type) => type !== T.Yes && type !== T.No));

/**
 * A keyword right after ':' or ',' on the same line can only be a value the user wrote, since no
 * rule of the grammar puts a keyword there. Reading it as a name keeps one mistake from derailing
 * the rest of the file; the builder still reports it as a syntax error.
 */
function retypeKeywordValues(text: string, tokens: IToken[]): IToken[] {
  const retyped: IToken[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (!VALUE_KEYWORDS.has(token.tokenType)) continue;
    const previous = tokens[i - 1];
    if (previous.tokenType !== T.Colon && previous.tokenType !== T.Comma) continue;
    if (text.slice(previous.startOffset + previous.image.length, token.startOffset).includes('\n')) continue;
    token.tokenType = T.Identifier;
    token.tokenTypeIdx = T.Identifier.tokenTypeIdx as number;
    retyped.push(token);
  }
  return retyped;
}

/** Lexes and parses into the raw syntax tree; never throws (an internal failure becomes a parse error at the start). */
export function parseSyntax(text: string): SyntaxParseResult {
  const clean = parseClean(text);
  if (clean) return { file: clean.file, tokens: clean.tokens, comments: clean.comments, lexErrors: [], parseErrors: [], keywordValues: [] };
  return parseWithRecovery(text);
}

/** chevrotain's lexer and parser, with recovery: for a file the clean path (cleanParse.ts) gives up on. */
export function parseWithRecovery(text: string): SyntaxParseResult {
  const lexed = T.parsingLexer.tokenize(text);
  const comments = lexed.groups['comments'] ?? [];
  const parser = parserInstance();
  // chevrotain reports each syntax error as an Error; their stack traces are never read, and on a file of garbage capturing them took most of the time
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const keywordValues = retypeKeywordValues(text, lexed.tokens);
    parser.text = text;
    let file: RawFile = { members: [], strays: [] };
    let stoppedAt: IToken | undefined;
    try {
      parser.input = lexed.tokens;
      parser.resetErrorCount(MAX_SYNTAX_ERRORS);
      parser.file(file);
    } catch (error) {
      if (!(error instanceof StopParsing)) throw error;
      stoppedAt = lexed.tokens[error.tokenIndex];
      parser.input = lexed.tokens.slice(0, error.tokenIndex);
      parser.resetErrorCount(Infinity);
      file = { members: [], strays: [] };
      parser.file(file);
    }
    return { file, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [...parser.errors], keywordValues, stoppedAt };
  } catch (error) {
    const message =
      error instanceof RangeError
        ? "The blocks in this file are nested too deeply to be read; is a '}' missing after each block?"
        : `The parser failed: ${error instanceof Error ? error.message : String(error)}`;
    const failure = {
      name: 'InternalParserError',
      message,
      token: lexed.tokens[0] ?? ({} as IToken),
      resyncedTokens: [],
      context: { ruleStack: [], ruleOccurrenceStack: [] },
    } as IRecognitionException;
    return { file: undefined, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [failure], keywordValues: [] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    parser.input = [];
    parser.text = '';
  }
}
