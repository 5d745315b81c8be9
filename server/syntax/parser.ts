import { CstNode, CstParser, IRecognitionException, ILexingError, IToken, tokenMatcher } from 'chevrotain';
import * as T from './tokens';

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
 */
class StudyCstParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, nodeLocationTracking: 'none', maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.member) }, { ALT: () => this.CONSUME(T.Stray, { LABEL: 'stray' }) }, { ALT: () => this.CONSUME(T.RCurly, { LABEL: 'stray' }) }]);
    });
  });

  private member = this.RULE('member', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.study) },
      { ALT: () => this.SUBRULE(this.actor) },
      { ALT: () => this.SUBRULE(this.tool) },
      { ALT: () => this.SUBRULE(this.service) },
      { ALT: () => this.SUBRULE(this.touchpoint) },
      { ALT: () => this.SUBRULE(this.question) },
      { ALT: () => this.SUBRULE(this.method) },
      { ALT: () => this.SUBRULE(this.exclude) },
      { ALT: () => this.SUBRULE(this.ethics) },
    ]);
  });

  private block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.member) }, { ALT: () => this.CONSUME(T.Stray, { LABEL: 'stray' }) }]);
    });
    this.CONSUME(T.RCurly);
  });

  private importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLike, { LABEL: 'path' });
  });

  private study = this.RULE('study', () => {
    this.CONSUME(T.Study);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.SUBRULE(this.block);
  });

  private actor = this.RULE('actor', () => {
    this.CONSUME(T.Actor);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Identifier, { LABEL: 'qualifier' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  private tool = this.RULE('tool', () => {
    this.CONSUME(T.Tool);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  private service = this.RULE('service', () => {
    this.CONSUME(T.Service);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.SUBRULE(this.block);
  });

  private touchpoint = this.RULE('touchpoint', () => {
    this.CONSUME(T.Touchpoint);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.SUBRULE(this.block);
  });

  private question = this.RULE('question', () => {
    this.CONSUME(T.Question);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.SUBRULE(this.block);
  });

  private method = this.RULE('method', () => {
    this.CONSUME(T.Method);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Identifier, { LABEL: 'qualifier' });
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'label' }));
    this.SUBRULE(this.block);
  });

  private exclude = this.RULE('exclude', () => {
    this.CONSUME(T.Exclude);
    this.SUBRULE(this.ref);
    this.OPTION(() => this.CONSUME(T.StringLike, { LABEL: 'rationale' }));
  });

  private ethics = this.RULE('ethics', () => {
    this.CONSUME(T.Ethics);
    this.SUBRULE(this.block);
  });

  /** True unless the next tokens are `key:`, the start of the next property. */
  private valueAhead = (): boolean => !(tokenMatcher(this.LA(1), T.Identifier) && tokenMatcher(this.LA(2), T.Colon));

  /** A value on the same line as the previous one with no comma between (`actors: patient nurse`). */
  private valueWithoutComma = (): boolean => {
    const next = this.LA(1);
    const startsValue = tokenMatcher(next, T.Identifier) || tokenMatcher(next, T.StringLike) || tokenMatcher(next, T.NumberLiteral) || tokenMatcher(next, T.Yes) || tokenMatcher(next, T.No);
    return startsValue && this.valueAhead() && next.startLine === this.LA(0).endLine;
  };

  private property = this.RULE('property', () => {
    this.CONSUME(T.Identifier, { LABEL: 'key' });
    this.CONSUME(T.Colon);
    this.OPTION({ GATE: this.valueAhead, DEF: () => this.SUBRULE(this.value) });
    this.MANY({
      GATE: () => tokenMatcher(this.LA(1), T.Comma) || this.valueWithoutComma(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Comma);
              this.OPTION2({ GATE: this.valueAhead, DEF: () => this.SUBRULE2(this.value) });
            },
          },
          // reported by the builder as a missing comma
          { GATE: this.valueWithoutComma, ALT: () => this.SUBRULE3(this.value) },
        ]);
      },
    });
  });

  private value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLike, { LABEL: 'string' }) },
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral, { LABEL: 'number' });
          this.OPTION(() => {
            this.CONSUME(T.RangeDots);
            this.CONSUME2(T.NumberLiteral, { LABEL: 'upper' });
          });
        },
      },
      { ALT: () => this.SUBRULE(this.ref) },
      { ALT: () => this.CONSUME(T.Yes, { LABEL: 'boolean' }) },
      { ALT: () => this.CONSUME(T.No, { LABEL: 'boolean' }) },
    ]);
  });

  private ref = this.RULE('ref', () => {
    this.CONSUME(T.Identifier, { LABEL: 'segment' });
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier, { LABEL: 'segment' });
    });
  });
}

let sharedParser: StudyCstParser | undefined;

function parserInstance(): StudyCstParser {
  sharedParser ??= new StudyCstParser();
  return sharedParser;
}

export interface CstParseResult {
  cst: CstNode | undefined;
  tokens: IToken[];
  comments: IToken[];
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Lexes and parses; never throws (an internal failure becomes a parse error at the start). */
export function parseCst(text: string): CstParseResult {
  const lexed = T.studyLexer.tokenize(text);
  const comments = lexed.groups['comments'] ?? [];
  const parser = parserInstance();
  try {
    parser.input = lexed.tokens;
    const cst = parser.file();
    return { cst, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [...parser.errors] };
  } catch (error) {
    const message =
      error instanceof RangeError ? 'The blocks in this file are nested too deeply to be read; is a \'}\' missing after each block?' : `The parser failed: ${error instanceof Error ? error.message : String(error)}`;
    const failure = { name: 'InternalParserError', message, token: lexed.tokens[0] ?? ({} as IToken), resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } } as IRecognitionException;
    return { cst: undefined, tokens: lexed.tokens, comments, lexErrors: lexed.errors, parseErrors: [failure] };
  } finally {
    parser.input = [];
  }
}
