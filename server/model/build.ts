import { IRecognitionException, IToken, tokenMatcher } from 'chevrotain';
import { MAX_FINDINGS_PER_FILE, moreNotShown } from '../common/finding';
import { LineIndex, linesOf } from '../common/lines';
import { Range, rangeOf } from '../common/range';
import { MAX_SYNTAX_ERRORS, parseSyntax, RawBlock, RawDeclaration, RawEthics, RawExclude, RawFile, RawImport, RawMember, RawProperty, RawRange, RawRef, RawValue } from '../syntax/parser';
import * as T from '../syntax/tokens';
import { buildClean, dedentTextBlock, unescapeString } from './cleanBuild';
import {
  BLOCK_NAMES,
  Comment,
  Declaration,
  EthicsDecl,
  ExcludeDecl,
  ImportDecl,
  Name,
  Property,
  RefValue,
  ServiceDecl,
  StringValue,
  StudyDecl,
  StudyFile,
  SyntaxProblem,
  TouchpointDecl,
  Value,
} from './ast';

export { dedentTextBlock };

type Container = 'file' | 'study' | 'service' | 'leaf';

/** Where a member is being built, and where a misplaced one should go instead. */
interface Scope {
  container: Container;
  study: StudyDecl | null;
  /** where declarations built in this scope are collected */
  declarations: Declaration[];
  service?: ServiceDecl;
  /** the scope around this block: a declaration misplaced here is built there (see member()) */
  outer?: Scope;
  /** the block, for messages: "question 'reach_q'" */
  owner?: string;
  /** set once a misplaced member has been reported in this block */
  reported?: boolean;
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function ownerName(kind: string, name: string): string {
  return name ? `${kind} '${name}'` : `this ${kind}`;
}

const TOKEN_DESCRIPTIONS: Record<string, string> = {
  LCurly: "'{'",
  RCurly: "'}'",
  Colon: "':'",
  Comma: "','",
  Dot: "'.'",
  RangeDots: "'..'",
  Identifier: 'a name',
  StringLike: 'a string',
  StringLiteral: 'a string',
  TextBlock: 'a text block',
  NumberLiteral: 'a number',
  EOF: 'the end of the file',
};

const RULE_DESCRIPTIONS: Record<string, string> = {
  value: 'a value (a name, "string", number, yes or no)',
  member: 'a property (key: value) or a declaration',
  file: 'an import, a study or a declaration',
  ref: 'a name',
};

function isUsable(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

/** The range of a token lexed with lines and columns (T.studyLexer); the builder's own tokens have offsets only. */
export function tokenRange(token: IToken): Range {
  const startLine = (token.startLine ?? 1) - 1;
  const startChar = (token.startColumn ?? 1) - 1;
  const image = token.image;
  const last = image.charCodeAt(image.length - 1);
  if (token.endLine !== token.startLine || last === 10 || last === 13) {
    // a token over several lines (a text block, a block comment), or one that ends with its
    // line break (unclosed at the end of the file): its end as LSP counts lines
    const lines = image.split(/\r\n|\r|\n/);
    if (lines.length > 1) return rangeOf(startLine, startChar, startLine + lines.length - 1, lines[lines.length - 1].length);
  }
  const endLine = (token.endLine ?? token.startLine ?? 1) - 1;
  const endChar = token.endColumn ?? startChar;
  return rangeOf(startLine, startChar, endLine, endChar);
}

function describeToken(token: IToken): string {
  if (token.tokenType?.name === 'EOF' || !isUsable(token)) return 'the end of the file';
  const image = token.image.length > 30 ? `${token.image.slice(0, 30)}…` : token.image;
  return `'${image.replace(/\n/g, ' ')}'`;
}

class AstBuilder {
  private readonly problems: SyntaxProblem[] = [];
  /** where reading stopped after too many syntax errors; always among the problems shown */
  private stopped: SyntaxProblem | undefined;
  private lastRange: Range = rangeOf(0, 0, 0, 0);
  private readonly lines: LineIndex;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  /** A token's range in LSP positions: from its first character to just past its last. */
  private range(token: IToken): Range {
    return { start: this.lines.positionAt(token.startOffset), end: this.lines.positionAt(endOf(token) + 1) };
  }

  build(): StudyFile {
    const parsed = parseSyntax(this.text);
    const lastToken = parsed.tokens[parsed.tokens.length - 1];
    if (lastToken) this.lastRange = this.range(lastToken);
    const stopOffset = parsed.stoppedAt?.startOffset ?? Infinity;
    for (const error of parsed.lexErrors) {
      if (error.offset >= stopOffset) break;
      const character = this.text.substr(error.offset, error.length);
      const start = this.lines.positionAt(error.offset);
      this.problem(`Unexpected character '${character}'`, { start, end: { line: start.line, character: start.character + Math.max(1, error.length) } });
    }
    for (const error of parsed.parseErrors) this.problem(this.describeParseError(error), this.errorRange(error));
    for (const token of parsed.keywordValues) this.problem(`'${token.image}' is a keyword and cannot be used as a value`, this.range(token));
    if (parsed.stoppedAt)
      this.stopped = { message: `Reading stopped here after ${MAX_SYNTAX_ERRORS.toLocaleString('en')} syntax errors: the rest of the file is not checked`, range: this.range(parsed.stoppedAt) };
    const comments = parsed.comments.map((token) => this.comment(token));

    const file: StudyFile = {
      path: this.path,
      text: this.text,
      imports: [],
      declarations: [],
      comments,
      problems: [],
      lineCount: this.lines.lineCount,
    };
    if (parsed.file) this.fileMembers(parsed.file, file);
    linesOf(file, this.lines);
    file.problems = this.cappedProblems();
    return file;
  }

  private comment(token: IToken): Comment {
    const range = this.range(token);
    if (token.tokenType === T.UnterminatedBlockComment)
      this.problem('This comment is not closed: add */', rangeOf(range.start.line, range.start.character, range.start.line, range.start.character + 2));
    return { text: token.image, range, block: token.tokenType !== T.LineComment };
  }

  private problem(message: string, range: Range): void {
    this.problems.push({ message, range });
  }

  /** The file's problems, at most MAX_FINDINGS_PER_FILE of them (in the order found) and one saying how many more there are. */
  private cappedProblems(): SyntaxProblem[] {
    const stopped = this.stopped ? [this.stopped] : [];
    if (this.problems.length + stopped.length <= MAX_FINDINGS_PER_FILE) return [...this.problems, ...stopped];
    const shown = this.problems.slice(0, MAX_FINDINGS_PER_FILE - 1 - stopped.length);
    return [...shown, ...stopped, { message: moreNotShown(this.problems.length - shown.length), range: this.stopped?.range ?? this.lastRange }];
  }

  private errorRange(error: IRecognitionException): Range {
    if (isUsable(error.token)) return this.range(error.token);
    const previous = (error as IRecognitionException & { previousToken?: IToken }).previousToken;
    if (isUsable(previous)) return this.range(previous);
    return { start: this.lastRange.end, end: this.lastRange.end };
  }

  private describeParseError(error: IRecognitionException): string {
    const found = describeToken(error.token);
    const ruleStack = error.context?.ruleStack ?? [];
    const rule = ruleStack[ruleStack.length - 1];
    if (error.name === 'MismatchedTokenException') {
      const expected = /--> (\w+) <--/.exec(error.message)?.[1];
      const what = expected ? (TOKEN_DESCRIPTIONS[expected] ?? expected) : 'something else';
      return `Expected ${what} but found ${found}`;
    }
    if (error.name === 'NotAllInputParsedException') return `Unexpected ${found}: expected ${RULE_DESCRIPTIONS.file}`;
    if (error.name === 'NoViableAltException' || error.name === 'EarlyExitException') {
      return `Expected ${RULE_DESCRIPTIONS[rule ?? ''] ?? 'something else'} but found ${found}`;
    }
    return error.message;
  }

  // --- raw tree access -------------------------------------------------------------------

  /** From the node's first to its last real token; hints (a keyword, a closing brace) spare the walk. */
  private nodeRange(node: RawNode, firstHint?: IToken, lastHint?: IToken): Range {
    const first = isUsable(firstHint) ? firstHint : edgeToken(node, true);
    const last = isUsable(lastHint) ? lastHint : edgeToken(node, false);
    if (!first || !last) return { start: this.lastRange.end, end: this.lastRange.end };
    return { start: this.range(first).start, end: this.range(last).end };
  }

  private name(token: IToken | undefined, fallback: Range): Name {
    if (token) return { text: token.image, range: this.range(token) };
    return { text: '', range: { start: fallback.end, end: fallback.end } };
  }

  // --- members ----------------------------------------------------------------------------

  private fileMembers(root: RawFile, file: StudyFile): void {
    this.reportStrays(root.strays, 'file');
    let seenNonImport = false;
    /** members after the study's closing brace: most often one '}' too many above, so they are kept in the study */
    let afterStudy: Scope | undefined;
    const fileScope: Scope = { container: 'file', study: null, declarations: file.declarations };
    for (const member of root.members) {
      if (member.rule === 'importDecl') {
        const decl = this.importDecl(member);
        if (seenNonImport) this.problem('Imports must come before the study and its declarations', decl.range);
        file.imports.push(decl);
        continue;
      }
      seenNonImport = true;
      if (member.rule === 'study') {
        const study = this.study(member);
        if (file.study) this.problem('A file holds at most one study; move this one to its own file', study.name.range);
        else if (file.declarations.length > 0) this.problem('A file with a study cannot also have declarations outside it; move them inside the study', study.keywordRange);
        else file.study = study;
        continue;
      }
      if (file.study && !afterStudy) {
        this.problem("This is outside the study's closing brace: is there one '}' too many above? It is read as part of the study", this.nodeRange(member));
        afterStudy = { container: 'study', study: file.study, declarations: file.study.declarations };
      }
      const scope = afterStudy ?? fileScope;
      const property = this.member(member, scope);
      if (property && afterStudy && file.study) file.study.properties.push(property);
    }
  }

  /**
   * Builds one member in its scope. A declaration, ethics block or exclude inside a block that
   * cannot hold it most often means a missing '}' above: it is reported once per block and then
   * built in the enclosing scope, so everything after a typo is still checked.
   */
  private member(node: RawMember, scope: Scope): Property | undefined {
    switch (node.rule) {
      case 'property':
        if (scope.container === 'file') {
          this.problem('Properties belong inside a study or a declaration', this.nodeRange(node));
          return undefined;
        }
        return this.property(node);
      case 'importDecl':
        this.problem('Imports go at the top of the file, outside the study', this.nodeRange(node));
        return undefined;
      case 'study':
        this.problem('A study cannot be nested inside another block', this.nodeRange(node));
        return undefined;
    }
    const kind = node.rule;
    const misplaced = scope.container === 'leaf' || (scope.container === 'service' && kind !== 'touchpoint');
    if (misplaced && scope.outer) {
      if (!scope.reported) {
        scope.reported = true;
        const keyword = edgeToken(node, true);
        this.problem(`${capitalise(BLOCK_NAMES[kind])} cannot be declared inside ${scope.owner ?? 'this block'}: is a '}' missing above?`, keyword ? this.range(keyword) : this.nodeRange(node));
      }
      return this.member(node, scope.outer);
    }
    switch (node.rule) {
      case 'exclude': {
        const exclude = this.exclude(node);
        if (scope.container !== 'study' || !scope.study) this.problem('An exclude belongs directly inside the study', exclude.keywordRange);
        else scope.study.excludes.push(exclude);
        return undefined;
      }
      // each block is placed before its body is built, so whatever a missing '}' drags into the
      // body lands after it, in source order (touchpoints are in journey order)
      case 'ethics':
        this.ethics(node, scope, (ethics) => {
          if (scope.container !== 'study' || !scope.study) this.problem('An ethics block belongs directly inside the study', ethics.keywordRange);
          else scope.study.ethics.push(ethics);
        });
        return undefined;
      case 'touchpoint': {
        const service = scope.container === 'service' ? scope.service : undefined;
        this.touchpoint(node, service, scope, (touchpoint) => {
          if (service) service.touchpoints.push(touchpoint);
          else {
            this.problem('A touchpoint must be declared inside a service', touchpoint.keywordRange);
            scope.declarations.push(touchpoint);
          }
        });
        return undefined;
      }
      default:
        this.declaration(node, scope, (declaration) => scope.declarations.push(declaration));
        return undefined;
    }
  }

  private blockMembers(holder: { properties: Property[]; bodyRange?: Range }, block: RawBlock | undefined, scope: Scope): void {
    if (!block) return;
    const open = isUsable(block.open) ? block.open : undefined;
    const close = isUsable(block.close) ? block.close : undefined;
    if (open) {
      const end = close ? this.range(close).start : this.nodeRange(block).end;
      holder.bodyRange = { start: this.range(open).end, end };
    }
    if (block.strays.length > 0) this.reportStrays(block.strays, 'block');
    for (const member of block.members) {
      const property = this.member(member, scope);
      if (property) holder.properties.push(property);
    }
  }

  /** Tokens the parser skipped because no member can start with them, one problem per run of them. */
  private reportStrays(raw: IToken[], where: 'file' | 'block'): void {
    if (raw.length === 0) return;
    const strays = raw.filter(isUsable);
    if (strays.length === 0) return;
    let run: IToken[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run[0];
      const last = run[run.length - 1];
      const image = this.text.slice(first.startOffset, endOf(last) + 1);
      const shown = image.length > 30 ? `${image.slice(0, 30)}…` : image;
      const found = `'${shown.replace(/\s+/g, ' ')}'`;
      let message: string;
      if (run.length === 1 && tokenMatcher(first, T.RCurly)) message = "Unexpected '}': no block is open here (is there one '}' too many?)";
      else if (run.length === 1 && tokenMatcher(first, T.StringLike)) message = `Unexpected string ${found}: a string is a value, written after a key (key: "…") or a declaration's name`;
      else message = `Unexpected ${found}: expected ${where === 'file' ? RULE_DESCRIPTIONS.file : RULE_DESCRIPTIONS.member}`;
      this.problem(message, { start: this.range(first).start, end: this.range(last).end });
      run = [];
    };
    for (const token of strays.sort((a, b) => a.startOffset - b.startOffset)) {
      const previous = run[run.length - 1];
      if (previous && this.text.slice(endOf(previous) + 1, token.startOffset).trim() !== '') flush();
      run.push(token);
    }
    flush();
  }

  /** A declaration's range, keyword to closing brace; only a recovered one needs a walk over its tokens. */
  private declarationRange(node: RawDeclaration | RawEthics): Range {
    return this.nodeRange(node, node.keyword, node.block?.close);
  }

  private importDecl(node: RawImport): ImportDecl {
    const pathToken = isUsable(node.path) ? node.path : undefined;
    return { path: pathToken ? this.stringValue(pathToken) : undefined, range: this.nodeRange(node) };
  }

  private study(node: RawDeclaration): StudyDecl {
    const keyword = isUsable(node.keyword) ? node.keyword : undefined;
    const range = this.declarationRange(node);
    const study: StudyDecl = {
      kind: 'study',
      name: this.name(usable(node.name), keyword ? this.range(keyword) : range),
      label: this.optionalString(node.label),
      properties: [],
      declarations: [],
      excludes: [],
      ethics: [],
      range,
      keywordRange: keyword ? this.range(keyword) : range,
      file: this.path,
    };
    this.blockMembers(study, node.block, { container: 'study', study, declarations: study.declarations });
    return study;
  }

  private header(node: RawDeclaration): { name: Name; label?: StringValue; range: Range; keywordRange: Range; file: string; properties: Property[] } {
    const keyword = usable(node.keyword);
    const range = this.declarationRange(node);
    const keywordRange = keyword ? this.range(keyword) : range;
    return {
      name: this.name(usable(node.name), keywordRange),
      label: this.optionalString(node.label),
      range,
      keywordRange,
      file: this.path,
      properties: [],
    };
  }

  /** The scope inside a leaf block (actor, tool, touchpoint, question, method, ethics). */
  private leafScope(scope: Scope, owner: string): Scope {
    return { container: 'leaf', study: scope.study, declarations: scope.declarations, outer: scope, owner };
  }

  /** Builds a declaration standing in `scope`, placing it before its body; anything wrongly nested inside it goes to that scope. */
  private declaration(node: RawDeclaration, scope: Scope, place: (declaration: Declaration) => void): void {
    let declaration: Declaration;
    switch (node.rule) {
      case 'actor': {
        const header = this.header(node);
        const role = usable(node.qualifier);
        declaration = { kind: 'actor', ...header, role: role ? this.name(role, header.keywordRange) : undefined };
        break;
      }
      case 'tool':
        declaration = { kind: 'tool', ...this.header(node) };
        break;
      case 'service': {
        const service: ServiceDecl = { kind: 'service', ...this.header(node), touchpoints: [] };
        place(service);
        this.blockMembers(service, node.block, { container: 'service', study: scope.study, declarations: scope.declarations, service, outer: scope, owner: ownerName('service', service.name.text) });
        return;
      }
      case 'question': {
        const header = this.header(node);
        if (!header.label) this.problem('A question needs its wording as a string after its name, e.g. question q1 "How…?"', header.name.text ? header.name.range : header.keywordRange);
        declaration = { kind: 'question', ...header };
        break;
      }
      case 'method': {
        const header = this.header(node);
        const methodKind = usable(node.qualifier);
        declaration = { kind: 'method', ...header, methodKind: methodKind ? this.name(methodKind, header.keywordRange) : undefined };
        break;
      }
      default:
        return;
    }
    place(declaration);
    this.blockMembers(declaration, node.block, this.leafScope(scope, ownerName(declaration.kind, declaration.name.text)));
  }

  private touchpoint(node: RawDeclaration, service: ServiceDecl | undefined, scope: Scope, place: (touchpoint: TouchpointDecl) => void): void {
    const touchpoint: TouchpointDecl = { kind: 'touchpoint', ...this.header(node), service };
    place(touchpoint);
    this.blockMembers(touchpoint, node.block, this.leafScope(scope, ownerName('touchpoint', touchpoint.name.text)));
  }

  private exclude(node: RawExclude): ExcludeDecl {
    const keyword = usable(node.keyword);
    const range = this.nodeRange(node, keyword);
    return {
      kind: 'exclude',
      ref: node.ref?.[0] ? this.ref(node.ref[0] as IToken | RawRef) : undefined,
      rationale: this.optionalString(node.rationale),
      range,
      keywordRange: keyword ? this.range(keyword) : range,
      file: this.path,
    };
  }

  private ethics(node: RawEthics, scope: Scope, place: (ethics: EthicsDecl) => void): void {
    const keyword = usable(node.keyword);
    const range = this.declarationRange(node);
    const ethics: EthicsDecl = { kind: 'ethics', properties: [], range, keywordRange: keyword ? this.range(keyword) : range, file: this.path };
    place(ethics);
    this.blockMembers(ethics, node.block, this.leafScope(scope, 'the ethics block'));
  }

  private property(node: RawProperty): Property {
    const keyToken = usable(node.key);
    const values: Value[] = [];
    const rawValues = node.values;
    for (const rawValue of rawValues) {
      const value = this.value(rawValue);
      if (value) values.push(value);
    }
    const lastValue = values[values.length - 1];
    const keyName = keyToken ? this.name(keyToken, this.lastRange) : undefined;
    const range = keyName && lastValue && rawValues.length === values.length ? { start: keyName.range.start, end: lastValue.range.end } : this.nodeRange(node, keyToken);
    const key = keyName ?? this.name(undefined, range);
    if (rawValues.length !== 1 || node.commas.length > 0) this.checkValueList(key, usable(node.colon), node.commas, rawValues);
    return { key, values, range };
  }

  /**
   * A value list alternates separators (the colon, then commas) and values. Reports a separator
   * with no value after it (`perspective:`, `about: visit,`) and two values with no comma between.
   */
  private checkValueList(key: Name, colon: IToken | undefined, commas: IToken[], rawValues: RawValue[]): void {
    if (colon && wellFormedList(colon, commas, rawValues)) return;
    const items: { offset: number; separator?: IToken; value?: RawValue }[] = [];
    for (const separator of colon ? [colon, ...commas] : commas) if (isUsable(separator)) items.push({ offset: separator.startOffset, separator });
    for (const value of rawValues) {
      const first = edgeToken(value, true);
      if (first) items.push({ offset: first.startOffset, value });
    }
    items.sort((a, b) => a.offset - b.offset);
    items.forEach((item, index) => {
      const next = items[index + 1];
      if (item.separator && !next?.value) {
        const message = item.separator === colon ? `Expected a value after '${key.text}:'` : "Expected a value after ','; remove the comma or add a value";
        this.problem(message, this.range(item.separator));
      } else if (item.value && next?.value) {
        const start = edgeToken(next.value, true);
        if (start) this.problem("Expected ',' between two values", this.range(start));
      }
    });
  }

  private value(node: RawValue): Value | undefined {
    if (!node) return undefined;
    if (isToken(node)) {
      if (!isUsable(node)) return undefined;
      const type = node.tokenType;
      if (type === T.Identifier) return this.ref(node);
      if (type === T.NumberLiteral) return { kind: 'number', value: Number(node.image), range: this.range(node) };
      if (type === T.Yes || type === T.No) return { kind: 'boolean', value: type === T.Yes, range: this.range(node) };
      return this.stringValue(node);
    }
    if (isRange(node)) {
      const numberToken = usable(node.number);
      if (!numberToken) return undefined;
      const min = Number(numberToken.image);
      const upper = usable(node.upper);
      if (upper) {
        const range = { start: this.range(numberToken).start, end: this.range(upper).end };
        return { kind: 'range', min, max: Number(upper.image), range };
      }
      return { kind: 'number', value: min, range: this.range(numberToken) };
    }
    return this.ref(node);
  }

  /** A reference from its one token, or from its segments. */
  private ref(node: IToken | RawRef): RefValue | undefined {
    const segments: Name[] = [];
    if (isToken(node)) {
      if (isUsable(node)) segments.push(this.name(node, this.lastRange));
    } else for (const token of node.segments) if (isUsable(token)) segments.push(this.name(token, this.lastRange));
    if (segments.length === 0) return undefined;
    if (segments.length === 1) return { kind: 'ref', segments, path: segments[0].text, range: segments[0].range };
    return {
      kind: 'ref',
      segments,
      path: segments.map((s) => s.text).join('.'),
      range: { start: segments[0].range.start, end: segments[segments.length - 1].range.end },
    };
  }

  private optionalString(token: IToken | undefined): StringValue | undefined {
    return isUsable(token) ? this.stringValue(token) : undefined;
  }

  private stringValue(token: IToken): StringValue {
    const range = this.range(token);
    if (token.tokenType === T.StringLiteral) return { kind: 'string', form: 'string', text: this.unescape(token.image.slice(1, -1), range), range };
    if (tokenMatcher(token, T.TextBlock)) return { kind: 'string', form: 'text', text: dedentTextBlock(token.image.slice(3, -3)), range };
    if (tokenMatcher(token, T.UnterminatedTextBlock)) {
      this.problem('This text block is not closed: add """ after its last line', rangeOf(range.start.line, range.start.character, range.start.line, range.start.character + 3));
      return { kind: 'string', form: 'text', text: dedentTextBlock(token.image.slice(3)), range };
    }
    if (tokenMatcher(token, T.UnterminatedString)) {
      this.problem('This string is not closed: add " before the end of the line', range);
      return { kind: 'string', form: 'string', text: this.unescape(token.image.slice(1), range), range };
    }
    return { kind: 'string', form: 'string', text: this.unescape(token.image.slice(1, -1), range), range };
  }

  private unescape(raw: string, range: Range): string {
    return unescapeString(raw, (at, next) => {
      const character = range.start.character + 1 + at;
      this.problem(`Unknown escape '\\${next}' in a string: use \\", \\\\, \\n or \\t`, rangeOf(range.start.line, character, range.start.line, character + 1 + next.length));
    });
  }
}

type RawNode = RawMember | RawBlock | RawRange | RawRef;

function isToken(node: object): node is IToken {
  return (node as IToken).tokenType !== undefined;
}

function isRange(node: RawRange | RawRef): node is RawRange {
  return (node as RawRange).rangeDots !== undefined;
}

/** The first token of a value, without a walk: values are one token, a range or a ref. */
function valueStart(value: RawValue): IToken | undefined {
  if (!value) return undefined;
  if (isToken(value)) return value;
  return isRange(value) ? value.number : value.segments[0];
}

/** `key: a, b, c` with every comma and value real and in order: the common case, checked without allocating. */
function wellFormedList(colon: IToken, commas: IToken[], values: RawValue[]): boolean {
  if (values.length !== commas.length + 1) return false;
  let previous = colon.startOffset;
  for (let i = 0; i < values.length; i++) {
    const start = valueStart(values[i]);
    if (!isUsable(start) || start.startOffset <= previous) return false;
    const comma = commas[i];
    if (comma) {
      if (!isUsable(comma) || comma.startOffset <= start.startOffset) return false;
      previous = comma.startOffset;
    }
  }
  return true;
}

/** The offset of a token's last character (the parser's tokens carry no endOffset). */
const endOf = (token: IToken): number => token.startOffset + token.image.length - 1;

function usable(token: IToken | undefined): IToken | undefined {
  return isUsable(token) ? token : undefined;
}

/** Every token of a raw node, nested ones included. */
function eachToken(node: RawNode, visit: (token: IToken | undefined) => void): void {
  if ('members' in node) {
    visit(node.open);
    for (const member of node.members) eachToken(member, visit);
    for (const stray of node.strays) visit(stray);
    visit(node.close);
    return;
  }
  if ('segments' in node) {
    for (const segment of node.segments) visit(segment);
    for (const dot of node.dots) visit(dot);
    return;
  }
  if ('rangeDots' in node) {
    visit(node.number);
    visit(node.rangeDots);
    visit(node.upper);
    return;
  }
  switch (node.rule) {
    case 'property':
      visit(node.key);
      visit(node.colon);
      for (const comma of node.commas) visit(comma);
      for (const value of node.values) eachValueToken(value, visit);
      return;
    case 'importDecl':
      visit(node.keyword);
      visit(node.path);
      return;
    case 'exclude':
      visit(node.keyword);
      if (node.ref) eachValueToken(node.ref[0], visit);
      visit(node.rationale);
      return;
    case 'ethics':
      visit(node.keyword);
      if (node.block) eachToken(node.block, visit);
      return;
    default:
      visit(node.keyword);
      visit(node.name);
      visit(node.colon);
      visit(node.qualifier);
      visit(node.label);
      if (node.block) eachToken(node.block, visit);
  }
}

function eachValueToken(value: RawValue, visit: (token: IToken | undefined) => void): void {
  if (!value) return;
  if (isToken(value)) visit(value);
  else eachToken(value, visit);
}

/** The first (or last) token of a node that was really in the text, not inserted by recovery. */
function edgeToken(node: RawNode | RawValue, first: boolean): IToken | undefined {
  if (!node) return undefined;
  if (isToken(node)) return isUsable(node) ? node : undefined;
  let best: IToken | undefined;
  eachToken(node, (token) => {
    if (!isUsable(token)) return;
    if (!best || (first ? token.startOffset < best.startOffset : endOf(token) > endOf(best))) best = token;
  });
  return best;
}

/** The AST built from the raw syntax tree, without the fast path (for tests that compare both). */
export function buildFromSyntax(path: string, text: string): StudyFile {
  return new AstBuilder(path, text).build();
}

/** Parses a `.study` text into its AST. Never throws: problems are returned in `problems`. */
export function parseStudyFile(path: string, text: string): StudyFile {
  try {
    return buildClean(path, text) ?? new AstBuilder(path, text).build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      path,
      text,
      imports: [],
      declarations: [],
      comments: [],
      problems: [{ message: `Internal error while reading the file: ${message}`, range: rangeOf(0, 0, 0, 0) }],
      lineCount: new LineIndex(text).lineCount,
    };
  }
}
