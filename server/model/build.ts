import { CstElement, CstNode, IRecognitionException, IToken, tokenMatcher } from 'chevrotain';
import { Range, rangeOf } from '../common/range';
import { parseCst } from '../syntax/parser';
import * as T from '../syntax/tokens';
import {
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

type Children = Record<string, CstElement[] | undefined>;
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

const NO_TOKENS: IToken[] = [];
const NO_NODES: CstNode[] = [];

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

function isToken(element: CstElement): element is IToken {
  return (element as IToken).tokenType !== undefined;
}

function isUsable(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset) && Number.isFinite(token.startLine);
}

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
  private lastRange: Range = rangeOf(0, 0, 0, 0);

  constructor(private readonly path: string, private readonly text: string) {}

  build(): StudyFile {
    const parsed = parseCst(this.text);
    const lastToken = parsed.tokens[parsed.tokens.length - 1];
    if (lastToken) this.lastRange = tokenRange(lastToken);
    for (const error of parsed.lexErrors) {
      const character = this.text.substr(error.offset, error.length);
      const start = { line: (error.line ?? 1) - 1, character: (error.column ?? 1) - 1 };
      this.problem(`Unexpected character '${character}'`, { start, end: { line: start.line, character: start.character + Math.max(1, error.length) } });
    }
    for (const error of parsed.parseErrors) this.problem(this.describeParseError(error), this.errorRange(error));
    const comments = parsed.comments.map((token) => this.comment(token));

    const file: StudyFile = {
      path: this.path,
      text: this.text,
      imports: [],
      declarations: [],
      comments,
      problems: this.problems,
      lineCount: countLines(this.text),
    };
    if (parsed.cst) this.fileMembers(parsed.cst, file);
    return file;
  }

  private comment(token: IToken): Comment {
    const range = tokenRange(token);
    if (token.tokenType === T.UnterminatedBlockComment) this.problem('This comment is not closed: add */', rangeOf(range.start.line, range.start.character, range.start.line, range.start.character + 2));
    return { text: token.image, range, block: token.tokenType !== T.LineComment };
  }

  private problem(message: string, range: Range): void {
    this.problems.push({ message, range });
  }

  private errorRange(error: IRecognitionException): Range {
    if (isUsable(error.token)) return tokenRange(error.token);
    const previous = (error as IRecognitionException & { previousToken?: IToken }).previousToken;
    if (isUsable(previous)) return tokenRange(previous);
    return { start: this.lastRange.end, end: this.lastRange.end };
  }

  private describeParseError(error: IRecognitionException): string {
    const found = describeToken(error.token);
    const ruleStack = error.context?.ruleStack ?? [];
    const rule = ruleStack[ruleStack.length - 1];
    if (error.name === 'MismatchedTokenException') {
      const expected = /--> (\w+) <--/.exec(error.message)?.[1];
      const what = expected ? TOKEN_DESCRIPTIONS[expected] ?? expected : 'something else';
      return `Expected ${what} but found ${found}`;
    }
    if (error.name === 'NotAllInputParsedException') return `Unexpected ${found}: expected ${RULE_DESCRIPTIONS.file}`;
    if (error.name === 'NoViableAltException' || error.name === 'EarlyExitException') {
      return `Expected ${RULE_DESCRIPTIONS[rule ?? ''] ?? 'something else'} but found ${found}`;
    }
    return error.message;
  }

  // --- CST access -------------------------------------------------------------------------
  // A label holds either tokens or nodes, never both, so the accessors index directly instead of
  // filtering: the builder runs once per token and these are its hottest paths.

  private tokens(children: Children, label: string): IToken[] {
    return (children[label] as IToken[] | undefined) ?? NO_TOKENS;
  }

  private token(children: Children, label: string): IToken | undefined {
    const token = (children[label] as IToken[] | undefined)?.[0];
    return isUsable(token) ? token : undefined;
  }

  private nodes(children: Children, label: string): CstNode[] {
    return (children[label] as CstNode[] | undefined) ?? NO_NODES;
  }

  private node(children: Children, label: string): CstNode | undefined {
    return (children[label] as CstNode[] | undefined)?.[0];
  }

  /** From the node's first to its last real token (the parser tracks no node locations: tokens are cheaper). */
  private nodeRange(node: CstNode, firstHint?: IToken, lastHint?: IToken): Range {
    const first = isUsable(firstHint) ? firstHint : edgeToken(node, true);
    const last = isUsable(lastHint) ? lastHint : edgeToken(node, false);
    if (!first || !last) return { start: this.lastRange.end, end: this.lastRange.end };
    return { start: tokenRange(first).start, end: tokenRange(last).end };
  }

  private name(token: IToken | undefined, fallback: Range): Name {
    if (token) return { text: token.image, range: tokenRange(token) };
    return { text: '', range: { start: fallback.end, end: fallback.end } };
  }

  // --- members ----------------------------------------------------------------------------

  private fileMembers(root: CstNode, file: StudyFile): void {
    this.reportStrays(root, 'file');
    let seenNonImport = false;
    /** members after the study's closing brace: most often one '}' too many above, so they are kept in the study */
    let afterStudy: Scope | undefined;
    const fileScope: Scope = { container: 'file', study: null, declarations: file.declarations };
    for (const member of this.nodes(root.children, 'member')) {
      const [kind, node] = memberKind(member);
      if (!kind || !node) continue;
      if (kind === 'importDecl') {
        const decl = this.importDecl(node);
        if (seenNonImport) this.problem('Imports must come before the study and its declarations', decl.range);
        file.imports.push(decl);
        continue;
      }
      seenNonImport = true;
      if (kind === 'study') {
        const study = this.study(node);
        if (file.study) this.problem('A file holds at most one study; move this one to its own file', study.name.range);
        else if (file.declarations.length > 0) this.problem('A file with a study cannot also have declarations outside it; move them inside the study', study.keywordRange);
        else file.study = study;
        continue;
      }
      if (file.study && !afterStudy) {
        this.problem("This is outside the study's closing brace: is there one '}' too many above? It is read as part of the study", this.nodeRange(node));
        afterStudy = { container: 'study', study: file.study, declarations: file.study.declarations };
      }
      const scope = afterStudy ?? fileScope;
      const property = this.member(kind, node, scope);
      if (property && afterStudy && file.study) file.study.properties.push(property);
    }
  }

  /** What a misplaced member is called in messages. */
  private static readonly MEMBER_NAMES: Record<string, string> = {
    actor: 'an actor',
    tool: 'a tool',
    service: 'a service',
    touchpoint: 'a touchpoint',
    question: 'a question',
    method: 'a method',
    exclude: 'an exclude',
    ethics: 'an ethics block',
  };

  /**
   * Builds one member in its scope. A declaration, ethics block or exclude inside a block that
   * cannot hold it most often means a missing '}' above: it is reported once per block and then
   * built in the enclosing scope, so everything after a typo is still checked.
   */
  private member(kind: string, node: CstNode, scope: Scope): Property | undefined {
    switch (kind) {
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
    if (!(kind in AstBuilder.MEMBER_NAMES)) return undefined;
    const misplaced = scope.container === 'leaf' || (scope.container === 'service' && kind !== 'touchpoint');
    if (misplaced && scope.outer) {
      if (!scope.reported) {
        scope.reported = true;
        const keyword = this.firstToken(node);
        this.problem(`${capitalise(AstBuilder.MEMBER_NAMES[kind])} cannot be declared inside ${scope.owner ?? 'this block'}: is a '}' missing above?`, keyword ? tokenRange(keyword) : this.nodeRange(node));
      }
      return this.member(kind, node, scope.outer);
    }
    switch (kind) {
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
        this.declaration(kind, node, scope, (declaration) => scope.declarations.push(declaration));
        return undefined;
    }
  }

  private blockMembers(holder: { properties: Property[]; bodyRange?: Range }, blockNode: CstNode | undefined, scope: Scope): void {
    if (!blockNode) return;
    const open = this.token(blockNode.children, 'LCurly');
    const close = this.token(blockNode.children, 'RCurly');
    if (open) {
      const end = close ? tokenRange(close).start : this.nodeRange(blockNode).end;
      holder.bodyRange = { start: tokenRange(open).end, end };
    }
    this.reportStrays(blockNode, 'block');
    for (const member of this.nodes(blockNode.children, 'member')) {
      const [kind, node] = memberKind(member);
      if (!kind || !node) continue;
      const property = this.member(kind, node, scope);
      if (property) holder.properties.push(property);
    }
  }

  /** Tokens the parser skipped because no member can start with them, one problem per run of them. */
  private reportStrays(node: CstNode, where: 'file' | 'block'): void {
    const raw = this.tokens(node.children, 'stray');
    if (raw.length === 0) return;
    const strays = raw.filter(isUsable);
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
      this.problem(message, { start: tokenRange(first).start, end: tokenRange(last).end });
      run = [];
    };
    for (const token of strays.sort((a, b) => a.startOffset - b.startOffset)) {
      const previous = run[run.length - 1];
      if (previous && this.text.slice(endOf(previous) + 1, token.startOffset).trim() !== '') flush();
      run.push(token);
    }
    flush();
  }

  private firstToken(node: CstNode): IToken | undefined {
    return edgeToken(node, true);
  }

  /** A declaration's range, keyword to closing brace; only a recovered one needs a walk over its tokens. */
  private declarationRange(node: CstNode, keyword: IToken | undefined): Range {
    const block = this.node(node.children, 'block');
    const close = block ? this.token(block.children, 'RCurly') : undefined;
    return this.nodeRange(node, keyword, close);
  }

  private importDecl(node: CstNode): ImportDecl {
    const pathToken = this.token(node.children, 'path');
    return { path: pathToken ? this.stringValue(pathToken) : undefined, range: this.nodeRange(node) };
  }

  private study(node: CstNode): StudyDecl {
    const keyword = this.token(node.children, 'Study');
    const range = this.declarationRange(node, keyword);
    const study: StudyDecl = {
      kind: 'study',
      name: this.name(this.token(node.children, 'name'), keyword ? tokenRange(keyword) : range),
      label: this.optionalString(node.children, 'label'),
      properties: [],
      declarations: [],
      excludes: [],
      ethics: [],
      range,
      keywordRange: keyword ? tokenRange(keyword) : range,
      file: this.path,
    };
    this.blockMembers(study, this.node(node.children, 'block'), { container: 'study', study, declarations: study.declarations });
    return study;
  }

  private header(node: CstNode, keywordLabel: string): { name: Name; label?: StringValue; range: Range; keywordRange: Range; file: string; properties: Property[] } {
    const keyword = this.token(node.children, keywordLabel);
    const range = this.declarationRange(node, keyword);
    const keywordRange = keyword ? tokenRange(keyword) : range;
    return {
      name: this.name(this.token(node.children, 'name'), keywordRange),
      label: this.optionalString(node.children, 'label'),
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
  private declaration(kind: string, node: CstNode, scope: Scope, place: (declaration: Declaration) => void): void {
    const block = this.node(node.children, 'block');
    let declaration: Declaration;
    switch (kind) {
      case 'actor': {
        const header = this.header(node, 'Actor');
        const role = this.token(node.children, 'qualifier');
        declaration = { kind: 'actor', ...header, role: role ? this.name(role, header.keywordRange) : undefined };
        break;
      }
      case 'tool':
        declaration = { kind: 'tool', ...this.header(node, 'Tool') };
        break;
      case 'service': {
        const service: ServiceDecl = { kind: 'service', ...this.header(node, 'Service'), touchpoints: [] };
        place(service);
        this.blockMembers(service, block, { container: 'service', study: scope.study, declarations: scope.declarations, service, outer: scope, owner: ownerName('service', service.name.text) });
        return;
      }
      case 'question': {
        const header = this.header(node, 'Question');
        if (!header.label) this.problem('A question needs its wording as a string after its name, e.g. question q1 "How…?"', header.name.text ? header.name.range : header.keywordRange);
        declaration = { kind: 'question', ...header };
        break;
      }
      case 'method': {
        const header = this.header(node, 'Method');
        const methodKind = this.token(node.children, 'qualifier');
        declaration = { kind: 'method', ...header, methodKind: methodKind ? this.name(methodKind, header.keywordRange) : undefined };
        break;
      }
      default:
        return;
    }
    place(declaration);
    this.blockMembers(declaration, block, this.leafScope(scope, ownerName(declaration.kind, declaration.name.text)));
  }

  private touchpoint(node: CstNode, service: ServiceDecl | undefined, scope: Scope, place: (touchpoint: TouchpointDecl) => void): void {
    const touchpoint: TouchpointDecl = { kind: 'touchpoint', ...this.header(node, 'Touchpoint'), service };
    place(touchpoint);
    this.blockMembers(touchpoint, this.node(node.children, 'block'), this.leafScope(scope, ownerName('touchpoint', touchpoint.name.text)));
  }

  private exclude(node: CstNode): ExcludeDecl {
    const keyword = this.token(node.children, 'Exclude');
    const range = this.nodeRange(node, keyword);
    const refNode = this.node(node.children, 'ref');
    return {
      kind: 'exclude',
      ref: refNode ? this.ref(refNode) : undefined,
      rationale: this.optionalString(node.children, 'rationale'),
      range,
      keywordRange: keyword ? tokenRange(keyword) : range,
      file: this.path,
    };
  }

  private ethics(node: CstNode, scope: Scope, place: (ethics: EthicsDecl) => void): void {
    const keyword = this.token(node.children, 'Ethics');
    const range = this.declarationRange(node, keyword);
    const ethics: EthicsDecl = { kind: 'ethics', properties: [], range, keywordRange: keyword ? tokenRange(keyword) : range, file: this.path };
    place(ethics);
    this.blockMembers(ethics, this.node(node.children, 'block'), this.leafScope(scope, 'the ethics block'));
  }

  private property(node: CstNode): Property {
    const children = node.children as Children;
    const keyToken = this.token(children, 'key');
    const values: Value[] = [];
    const valueNodes = this.nodes(children, 'value');
    for (const valueNode of valueNodes) {
      const value = this.value(valueNode);
      if (value) values.push(value);
    }
    const lastValue = values[values.length - 1];
    const range = keyToken && lastValue && valueNodes.length === values.length ? { start: tokenRange(keyToken).start, end: lastValue.range.end } : this.nodeRange(node, keyToken);
    const key = this.name(keyToken, range);
    const commas = this.tokens(children, 'Comma');
    if (valueNodes.length !== 1 || commas.length > 0) this.checkValueList(key, this.token(children, 'Colon'), commas, valueNodes);
    return { key, values, range };
  }

  /**
   * A value list alternates separators (the colon, then commas) and values. Reports a separator
   * with no value after it (`perspective:`, `about: visit,`) and two values with no comma between.
   */
  private checkValueList(key: Name, colon: IToken | undefined, commas: IToken[], valueNodes: CstNode[]): void {
    const items: { offset: number; separator?: IToken; value?: CstNode }[] = [];
    for (const separator of colon ? [colon, ...commas] : commas) if (isUsable(separator)) items.push({ offset: separator.startOffset, separator });
    for (const value of valueNodes) {
      const first = edgeToken(value, true);
      if (first) items.push({ offset: first.startOffset, value });
    }
    items.sort((a, b) => a.offset - b.offset);
    items.forEach((item, index) => {
      const next = items[index + 1];
      if (item.separator && !next?.value) {
        const message = item.separator === colon ? `Expected a value after '${key.text}:'` : "Expected a value after ','; remove the comma or add a value";
        this.problem(message, tokenRange(item.separator));
      } else if (item.value && next?.value) {
        const start = edgeToken(next.value, true);
        if (start) this.problem("Expected ',' between two values", tokenRange(start));
      }
    });
  }

  private value(node: CstNode): Value | undefined {
    const children = node.children as Children;
    const stringToken = this.token(children, 'string');
    if (stringToken) return this.stringValue(stringToken);
    const numberToken = this.token(children, 'number');
    if (numberToken) {
      const upper = this.token(children, 'upper');
      const min = Number(numberToken.image);
      if (upper) {
        const range = { start: tokenRange(numberToken).start, end: tokenRange(upper).end };
        return { kind: 'range', min, max: Number(upper.image), range };
      }
      return { kind: 'number', value: min, range: tokenRange(numberToken) };
    }
    const booleanToken = this.token(children, 'boolean');
    if (booleanToken) return { kind: 'boolean', value: booleanToken.image === 'yes', range: tokenRange(booleanToken) };
    const refNode = this.node(children, 'ref');
    return refNode ? this.ref(refNode) : undefined;
  }

  private ref(node: CstNode): RefValue | undefined {
    const segments: Name[] = [];
    for (const token of this.tokens(node.children, 'segment')) if (isUsable(token)) segments.push(this.name(token, this.lastRange));
    if (segments.length === 0) return undefined;
    if (segments.length === 1) return { kind: 'ref', segments, path: segments[0].text, range: segments[0].range };
    return {
      kind: 'ref',
      segments,
      path: segments.map((s) => s.text).join('.'),
      range: { start: segments[0].range.start, end: segments[segments.length - 1].range.end },
    };
  }

  private optionalString(children: Children, label: string): StringValue | undefined {
    const token = this.token(children, label);
    return token ? this.stringValue(token) : undefined;
  }

  private stringValue(token: IToken): StringValue {
    const range = tokenRange(token);
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
    if (!raw.includes('\\')) return raw;
    return raw.replace(/\\(.?)/g, (whole, next: string, offset: number) => {
      switch (next) {
        case '"':
          return '"';
        case '\\':
          return '\\';
        case 'n':
          return '\n';
        case 't':
          return '\t';
        default: {
          const character = range.start.character + 1 + offset;
          this.problem(`Unknown escape '${whole}' in a string: use \\", \\\\, \\n or \\t`, rangeOf(range.start.line, character, range.start.line, character + whole.length));
          return next;
        }
      }
    });
  }
}

function memberKind(member: CstNode): [string | undefined, CstNode | undefined] {
  const children = member.children;
  for (const kind in children) {
    const elements = children[kind];
    if (!elements) continue;
    for (const element of elements) if (!isToken(element)) return [kind, element];
  }
  return [undefined, undefined];
}

const endOf = (token: IToken): number => token.endOffset ?? token.startOffset;

/** The first (or last) token of a node that was really in the text, not inserted by recovery. */
function edgeToken(node: CstNode, first: boolean): IToken | undefined {
  let best: IToken | undefined;
  const children = node.children;
  for (const label in children) {
    const elements = children[label];
    if (!elements) continue;
    const count = elements.length;
    for (let i = 0; i < count; i++) {
      const element = elements[first ? i : count - 1 - i];
      const candidate = isToken(element) ? (isUsable(element) ? element : undefined) : edgeToken(element, first);
      if (!candidate) continue;
      if (!best || (first ? candidate.startOffset < best.startOffset : endOf(candidate) > endOf(best))) best = candidate;
      break;
    }
  }
  return best;
}

/** Lines as LSP counts them: \n, \r\n and a lone \r each end one (so does the lexer). */
function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) count++;
  return count;
}

/** Removes the common leading indentation of a text block, and the blank first and last lines the quotes sit on. */
export function dedentTextBlock(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[0].trim() === '') lines.shift();
  if (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(indent).trimEnd())).join('\n');
}

/** Parses a `.study` text into its AST. Never throws: problems are returned in `problems`. */
export function parseStudyFile(path: string, text: string): StudyFile {
  try {
    return new AstBuilder(path, text).build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { path, text, imports: [], declarations: [], comments: [], problems: [{ message: `Internal error while reading the file: ${message}`, range: rangeOf(0, 0, 0, 0) }], lineCount: countLines(text) };
  }
}
