import { EmbeddedActionsParser, IRecognitionException, ILexingError, IToken, tokenMatcher, TokenType } from 'chevrotain';
import * as T from './tokens';

// --- the raw syntax tree -------------------------------------------------------------------
// The parser builds this compact tree with embedded actions instead of a chevrotain CST: the
// CST (a children dictionary, label arrays and wrapper nodes for every rule) cost more to build
// and to walk than the AST itself. Every node is created and attached to its parent before its
// rule runs, so when recovery abandons a rule half-way the tokens it did read are kept, as a
// partial CST node would keep them. Tokens inserted by recovery have `isInsertedInRecovery`.

export interface RawRef {
  segments: IToken[];
  dots: IToken[];
}

/** One value: exactly one of the fields is set once the value is read (none if it failed). */
export interface RawValue {
  string?: IToken;
  number?: IToken;
  rangeDots?: IToken;
  upper?: IToken;
  boolean?: IToken;
  ref?: RawRef;
}

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
  /** in source order, including values whose rule failed (empty) */
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
  ref?: RawRef;
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
 * Rules receive the node they fill as their argument (see the raw tree above); all code that is
 * not grammar runs in ACTION, so that chevrotain's grammar recording never executes it.
 */
class StudyParser extends EmbeddedActionsParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', (target: RawFile) => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.member, { ARGS: [target?.members] }) },
        {
          ALT: () => {
            const stray = this.CONSUME(T.Stray);
            this.ACTION(() => target.strays.push(stray));
          },
        },
        {
          ALT: () => {
            const stray = this.CONSUME(T.RCurly);
            this.ACTION(() => target.strays.push(stray));
          },
        },
      ]);
    });
  });

  private member = this.RULE('member', (members: RawMember[]) => {
    const declaration = (rule: RawDeclarationRule): RawDeclaration => this.ACTION(() => place<RawDeclaration>(members, { rule }));
    this.OR([
      { ALT: () => this.SUBRULE(this.property, { ARGS: [this.ACTION(() => place<RawProperty>(members, { rule: 'property', values: [], commas: NO_TOKENS }))] }) },
      { ALT: () => this.SUBRULE(this.importDecl, { ARGS: [this.ACTION(() => place<RawImport>(members, { rule: 'importDecl' }))] }) },
      { ALT: () => this.SUBRULE(this.study, { ARGS: [declaration('study')] }) },
      { ALT: () => this.SUBRULE(this.actor, { ARGS: [declaration('actor')] }) },
      { ALT: () => this.SUBRULE(this.tool, { ARGS: [declaration('tool')] }) },
      { ALT: () => this.SUBRULE(this.service, { ARGS: [declaration('service')] }) },
      { ALT: () => this.SUBRULE(this.touchpoint, { ARGS: [declaration('touchpoint')] }) },
      { ALT: () => this.SUBRULE(this.question, { ARGS: [declaration('question')] }) },
      { ALT: () => this.SUBRULE(this.method, { ARGS: [declaration('method')] }) },
      { ALT: () => this.SUBRULE(this.exclude, { ARGS: [this.ACTION(() => place<RawExclude>(members, { rule: 'exclude' }))] }) },
      { ALT: () => this.SUBRULE(this.ethics, { ARGS: [this.ACTION(() => place<RawEthics>(members, { rule: 'ethics' }))] }) },
    ]);
  });

  private block = this.RULE('block', (target: RawBlock) => {
    const open = this.CONSUME(T.LCurly);
    this.ACTION(() => (target.open = open));
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.member, { ARGS: [target?.members] }) },
        {
          ALT: () => {
            const stray = this.CONSUME(T.Stray);
            this.ACTION(() => target.strays.push(stray));
          },
        },
      ]);
    });
    const close = this.CONSUME(T.RCurly);
    this.ACTION(() => (target.close = close));
  });

  /** The block of a declaration, created and attached before it is read. */
  private subBlock(owner: { block?: RawBlock }): RawBlock {
    return this.ACTION(() => (owner.block = { members: [], strays: [] }));
  }

  private importDecl = this.RULE('importDecl', (target: RawImport) => {
    const keyword = this.CONSUME(T.Import);
    this.ACTION(() => (target.keyword = keyword));
    const path = this.CONSUME(T.StringLike);
    this.ACTION(() => (target.path = path));
  });

  /** keyword name [label] block, the shape of a study, a service and a touchpoint. */
  private headerAndBlock(target: RawDeclaration, keywordType: TokenType): void {
    const keyword = this.CONSUME(keywordType);
    this.ACTION(() => (target.keyword = keyword));
    const name = this.CONSUME(T.Identifier);
    this.ACTION(() => (target.name = name));
    this.OPTION(() => {
      const label = this.CONSUME(T.StringLike);
      this.ACTION(() => (target.label = label));
    });
    this.SUBRULE(this.block, { ARGS: [this.subBlock(target)] });
  }

  private study = this.RULE('study', (target: RawDeclaration) => this.headerAndBlock(target, T.Study));

  private actor = this.RULE('actor', (target: RawDeclaration) => {
    const keyword = this.CONSUME(T.Actor);
    this.ACTION(() => (target.keyword = keyword));
    const name = this.CONSUME(T.Identifier);
    this.ACTION(() => (target.name = name));
    const colon = this.CONSUME(T.Colon);
    this.ACTION(() => (target.colon = colon));
    const qualifier = this.CONSUME2(T.Identifier);
    this.ACTION(() => (target.qualifier = qualifier));
    this.OPTION(() => {
      const label = this.CONSUME(T.StringLike);
      this.ACTION(() => (target.label = label));
    });
    this.OPTION2(() => this.SUBRULE(this.block, { ARGS: [this.subBlock(target)] }));
  });

  private tool = this.RULE('tool', (target: RawDeclaration) => {
    const keyword = this.CONSUME(T.Tool);
    this.ACTION(() => (target.keyword = keyword));
    const name = this.CONSUME(T.Identifier);
    this.ACTION(() => (target.name = name));
    this.OPTION(() => {
      const label = this.CONSUME(T.StringLike);
      this.ACTION(() => (target.label = label));
    });
    this.OPTION2(() => this.SUBRULE(this.block, { ARGS: [this.subBlock(target)] }));
  });

  private service = this.RULE('service', (target: RawDeclaration) => this.headerAndBlock(target, T.Service));

  private touchpoint = this.RULE('touchpoint', (target: RawDeclaration) => this.headerAndBlock(target, T.Touchpoint));

  private question = this.RULE('question', (target: RawDeclaration) => this.headerAndBlock(target, T.Question));

  private method = this.RULE('method', (target: RawDeclaration) => {
    const keyword = this.CONSUME(T.Method);
    this.ACTION(() => (target.keyword = keyword));
    const name = this.CONSUME(T.Identifier);
    this.ACTION(() => (target.name = name));
    const colon = this.CONSUME(T.Colon);
    this.ACTION(() => (target.colon = colon));
    const qualifier = this.CONSUME2(T.Identifier);
    this.ACTION(() => (target.qualifier = qualifier));
    this.OPTION(() => {
      const label = this.CONSUME(T.StringLike);
      this.ACTION(() => (target.label = label));
    });
    this.SUBRULE(this.block, { ARGS: [this.subBlock(target)] });
  });

  private exclude = this.RULE('exclude', (target: RawExclude) => {
    const keyword = this.CONSUME(T.Exclude);
    this.ACTION(() => (target.keyword = keyword));
    this.SUBRULE(this.ref, { ARGS: [this.ACTION(() => (target.ref = { segments: [], dots: NO_TOKENS }))] });
    this.OPTION(() => {
      const rationale = this.CONSUME(T.StringLike);
      this.ACTION(() => (target.rationale = rationale));
    });
  });

  private ethics = this.RULE('ethics', (target: RawEthics) => {
    const keyword = this.CONSUME(T.Ethics);
    this.ACTION(() => (target.keyword = keyword));
    this.SUBRULE(this.block, { ARGS: [this.ACTION(() => (target.block = { members: [], strays: [] }))] });
  });

  /** True unless the next tokens are `key:`, the start of the next property. */
  private valueAhead = (): boolean => !(tokenMatcher(this.LA(1), T.Identifier) && tokenMatcher(this.LA(2), T.Colon));

  /** A value on the same line as the previous one with no comma between (`actors: patient nurse`). */
  private valueWithoutComma = (): boolean => {
    const next = this.LA(1);
    const startsValue = tokenMatcher(next, T.Identifier) || tokenMatcher(next, T.StringLike) || tokenMatcher(next, T.NumberLiteral) || tokenMatcher(next, T.Yes) || tokenMatcher(next, T.No);
    return startsValue && this.valueAhead() && next.startLine === this.LA(0).endLine;
  };

  private newValue(target: RawProperty): RawValue {
    return this.ACTION(() => place<RawValue>(target.values, {}));
  }

  private property = this.RULE('property', (target: RawProperty) => {
    const key = this.CONSUME(T.Identifier);
    this.ACTION(() => (target.key = key));
    const colon = this.CONSUME(T.Colon);
    this.ACTION(() => (target.colon = colon));
    this.OPTION({ GATE: this.valueAhead, DEF: () => this.SUBRULE(this.value, { ARGS: [this.newValue(target)] }) });
    this.MANY({
      GATE: () => tokenMatcher(this.LA(1), T.Comma) || this.valueWithoutComma(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              const comma = this.CONSUME(T.Comma);
              this.ACTION(() => (target.commas === NO_TOKENS ? (target.commas = [comma]) : target.commas.push(comma)));
              this.OPTION2({ GATE: this.valueAhead, DEF: () => this.SUBRULE2(this.value, { ARGS: [this.newValue(target)] }) });
            },
          },
          // reported by the builder as a missing comma
          { GATE: this.valueWithoutComma, ALT: () => this.SUBRULE3(this.value, { ARGS: [this.newValue(target)] }) },
        ]);
      },
    });
  });

  private value = this.RULE('value', (target: RawValue) => {
    this.OR([
      {
        ALT: () => {
          const string = this.CONSUME(T.StringLike);
          this.ACTION(() => (target.string = string));
        },
      },
      {
        ALT: () => {
          const number = this.CONSUME(T.NumberLiteral);
          this.ACTION(() => (target.number = number));
          this.OPTION(() => {
            const dots = this.CONSUME(T.RangeDots);
            this.ACTION(() => (target.rangeDots = dots));
            const upper = this.CONSUME2(T.NumberLiteral);
            this.ACTION(() => (target.upper = upper));
          });
        },
      },
      { ALT: () => this.SUBRULE(this.ref, { ARGS: [this.ACTION(() => (target.ref = { segments: [], dots: NO_TOKENS }))] }) },
      {
        ALT: () => {
          const yes = this.CONSUME(T.Yes);
          this.ACTION(() => (target.boolean = yes));
        },
      },
      {
        ALT: () => {
          const no = this.CONSUME(T.No);
          this.ACTION(() => (target.boolean = no));
        },
      },
    ]);
  });

  private ref = this.RULE('ref', (target: RawRef) => {
    const first = this.CONSUME(T.Identifier);
    this.ACTION(() => target.segments.push(first));
    this.MANY(() => {
      const dot = this.CONSUME(T.Dot);
      this.ACTION(() => (target.dots === NO_TOKENS ? (target.dots = [dot]) : target.dots.push(dot)));
      const segment = this.CONSUME2(T.Identifier);
      this.ACTION(() => target.segments.push(segment));
    });
  });
}

/** Shared empty list for the rare token lists (commas, dots): replaced by a real array on first push. */
const NO_TOKENS: IToken[] = [];
Object.freeze(NO_TOKENS);

function place<N>(list: N[], node: N): N {
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
}

/** Lexes and parses into the raw syntax tree; never throws (an internal failure becomes a parse error at the start). */
export function parseSyntax(text: string): SyntaxParseResult {
  const lexed = T.studyLexer.tokenize(text);
  const comments = lexed.groups['comments'] ?? [];
  const parser = parserInstance();
  try {
    parser.input = lexed.tokens;
    const file: RawFile = { members: [], strays: [] };
    parser.file(file);
    return { file, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [...parser.errors] };
  } catch (error) {
    const message =
      error instanceof RangeError ? 'The blocks in this file are nested too deeply to be read; is a \'}\' missing after each block?' : `The parser failed: ${error instanceof Error ? error.message : String(error)}`;
    const failure = { name: 'InternalParserError', message, token: lexed.tokens[0] ?? ({} as IToken), resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } } as IRecognitionException;
    return { file: undefined, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [failure] };
  } finally {
    parser.input = [];
  }
}
