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
  /** declarations nested where none may stand, inside a touchpoint or ethics block: reported, then dropped */
  private readonly strays: Declaration[] = [];
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
    return (children[label] as IToken[] | undefined) ?? [];
  }

  private token(children: Children, label: string): IToken | undefined {
    const token = (children[label] as IToken[] | undefined)?.[0];
    return isUsable(token) ? token : undefined;
  }

  private nodes(children: Children, label: string): CstNode[] {
    return (children[label] as CstNode[] | undefined) ?? [];
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
    let seenNonImport = false;
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
      if (file.study && (kind === 'property' || kind === 'exclude' || kind === 'ethics' || isDeclarationRule(kind))) {
        this.problem('This is outside the study\'s closing brace', this.nodeRange(node));
      }
      this.member(kind, node, 'file', file.study ?? null, file.declarations, undefined);
    }
  }

  /** Builds one member in its container; misplaced members are reported and kept where they cause the fewest follow-on errors. */
  private member(
    kind: string,
    node: CstNode,
    container: Container,
    study: StudyDecl | null,
    declarations: Declaration[],
    service: ServiceDecl | undefined,
  ): Property | undefined {
    switch (kind) {
      case 'property':
        if (container === 'file') {
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
      case 'exclude': {
        const exclude = this.exclude(node);
        if (container !== 'study' || !study) this.problem('An exclude belongs directly inside the study', exclude.keywordRange);
        else study.excludes.push(exclude);
        return undefined;
      }
      case 'ethics': {
        const ethics = this.ethics(node);
        if (container !== 'study' || !study) this.problem('An ethics block belongs directly inside the study', ethics.keywordRange);
        else study.ethics.push(ethics);
        return undefined;
      }
      case 'touchpoint': {
        const touchpoint = this.touchpoint(node, container === 'service' ? service : undefined);
        if (container === 'service' && service) service.touchpoints.push(touchpoint);
        else {
          this.problem('A touchpoint must be declared inside a service', touchpoint.keywordRange);
          declarations.push(touchpoint);
        }
        return undefined;
      }
      default: {
        const declaration = this.declaration(kind, node, declarations);
        if (!declaration) return undefined;
        if (container !== 'file' && container !== 'study') {
          this.problem(`A ${declaration.kind} cannot be declared here; declare it in the study or at the top of a fragment`, declaration.keywordRange);
        }
        declarations.push(declaration);
        return undefined;
      }
    }
  }

  private blockMembers(
    holder: { properties: Property[]; bodyRange?: Range },
    blockNode: CstNode | undefined,
    container: Container,
    study: StudyDecl | null,
    declarations: Declaration[],
    service?: ServiceDecl,
  ): void {
    if (!blockNode) return;
    const open = this.token(blockNode.children, 'LCurly');
    const close = this.token(blockNode.children, 'RCurly');
    if (open) {
      const end = close ? tokenRange(close).start : this.nodeRange(blockNode).end;
      holder.bodyRange = { start: tokenRange(open).end, end };
    }
    for (const member of this.nodes(blockNode.children, 'member')) {
      const [kind, node] = memberKind(member);
      if (!kind || !node) continue;
      const property = this.member(kind, node, container, study, declarations, service);
      if (property) holder.properties.push(property);
    }
  }

  private importDecl(node: CstNode): ImportDecl {
    const pathToken = this.token(node.children, 'path');
    return { path: pathToken ? this.stringValue(pathToken) : undefined, range: this.nodeRange(node) };
  }

  private study(node: CstNode): StudyDecl {
    const range = this.nodeRange(node);
    const keyword = this.token(node.children, 'Study');
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
    this.blockMembers(study, this.node(node.children, 'block'), 'study', study, study.declarations);
    return study;
  }

  private header(node: CstNode, keywordLabel: string): { name: Name; label?: StringValue; range: Range; keywordRange: Range; file: string; properties: Property[] } {
    const range = this.nodeRange(node);
    const keyword = this.token(node.children, keywordLabel);
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

  /** Builds a declaration; anything wrongly nested inside it is reported and added to `sink`. */
  private declaration(kind: string, node: CstNode, sink: Declaration[]): Declaration | undefined {
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
        this.blockMembers(service, block, 'service', null, sink, service);
        return service;
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
        return undefined;
    }
    this.blockMembers(declaration, block, 'leaf', null, sink);
    return declaration;
  }

  private touchpoint(node: CstNode, service: ServiceDecl | undefined): TouchpointDecl {
    const touchpoint: TouchpointDecl = { kind: 'touchpoint', ...this.header(node, 'Touchpoint'), service };
    this.blockMembers(touchpoint, this.node(node.children, 'block'), 'leaf', null, this.strays);
    return touchpoint;
  }

  private exclude(node: CstNode): ExcludeDecl {
    const range = this.nodeRange(node);
    const keyword = this.token(node.children, 'Exclude');
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

  private ethics(node: CstNode): EthicsDecl {
    const range = this.nodeRange(node);
    const keyword = this.token(node.children, 'Ethics');
    const ethics: EthicsDecl = { kind: 'ethics', properties: [], range, keywordRange: keyword ? tokenRange(keyword) : range, file: this.path };
    this.blockMembers(ethics, this.node(node.children, 'block'), 'leaf', null, this.strays);
    return ethics;
  }

  private property(node: CstNode): Property {
    const range = this.nodeRange(node);
    const key = this.name(this.token(node.children, 'key'), range);
    const values: Value[] = [];
    for (const valueNode of this.nodes(node.children, 'value')) {
      const value = this.value(valueNode);
      if (value) values.push(value);
    }
    return { key, values, range };
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
    const segments = this.tokens(node.children, 'segment').filter(isUsable).map((token) => this.name(token, this.lastRange));
    if (segments.length === 0) return undefined;
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

function isDeclarationRule(kind: string): boolean {
  return kind === 'actor' || kind === 'tool' || kind === 'service' || kind === 'question' || kind === 'method' || kind === 'touchpoint';
}

function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
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
