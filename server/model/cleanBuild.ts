/**
 * The fast path of building the AST: for a file with nothing to report, the AST straight from
 * the scanner's token arrays (syntax/cleanParse.ts `scan`), with no token objects and no raw
 * tree in between. It gives up (returns undefined) at the first thing the full path
 * (build.ts over `parseSyntax`) would report or recover from: then that path builds the file,
 * and stays the one definition of what a broken file means. test/cleanParse.test.ts checks both
 * give the same AST.
 *
 * It builds what the full path builds, except that its ranges are OffsetRanges (common/range.ts):
 * two offsets into the text each, read as positions through the file's line index.
 */
import { LineIndex, linesOf } from '../common/lines';
import { OffsetRange, Range } from '../common/range';
import { CODE, scan, TokenList } from '../syntax/cleanParse';
import { Comment, Declaration, EthicsDecl, ExcludeDecl, ImportDecl, Name, Property, RefValue, ServiceDecl, StringValue, StudyDecl, StudyFile, TouchpointDecl, Value } from './ast';

/** Thrown to leave the fast path; never escapes `buildClean`. */
const GIVE_UP = new Error('not a clean file');

/** Where a member stands: what it may be, and where what it declares goes. */
const enum Container {
  File,
  Study,
  Service,
  Leaf,
}

/** A placeholder while a block's end is not yet read; every block's range is set before buildClean returns. */
const UNSET: Range = Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) });

class CleanBuilder {
  private at = 0;
  private readonly count: number;
  private readonly codes: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly lines: LineIndex,
    tokens: TokenList,
  ) {
    this.count = tokens.count;
    this.codes = tokens.codes;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  /** The code of the token `offset` ahead, or -1 past the end. */
  private code(offset = 0): number {
    const index = this.at + offset;
    return index < this.count ? this.codes[index] : -1;
  }

  private expect(code: number): number {
    if (this.code() !== code) throw GIVE_UP;
    return this.at++;
  }

  private isString(code: number): boolean {
    return code === CODE.StringLiteral || code === CODE.TextBlock;
  }

  private image(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  /** The range from one offset to another. */
  private span(from: number, to: number): Range {
    return new OffsetRange(this.lines, from, to);
  }

  /** A token's range. */
  private range(index: number): Range {
    return new OffsetRange(this.lines, this.starts[index], this.ends[index]);
  }

  /** The range from the start of token `first` to the end of the last token read. */
  private rangeFrom(first: number): Range {
    return new OffsetRange(this.lines, this.starts[first], this.ends[this.at - 1]);
  }

  private name(index: number): Name {
    return { text: this.image(index), range: this.range(index) };
  }

  file(comments: TokenList): StudyFile {
    const file: StudyFile = {
      path: this.path,
      text: this.text,
      imports: [],
      declarations: [],
      comments: this.comments(comments),
      problems: [],
      lineCount: this.lines.lineCount,
    };
    let seenNonImport = false;
    while (this.at < this.count) {
      const code = this.code();
      if (code === CODE.Import) {
        if (seenNonImport) throw GIVE_UP;
        file.imports.push(this.importDecl());
        continue;
      }
      seenNonImport = true;
      // a second study, or anything after the study, is reported by the full path
      if (file.study) throw GIVE_UP;
      if (code === CODE.Study) {
        if (file.declarations.length > 0) throw GIVE_UP;
        file.study = this.study();
      } else this.member(Container.File, undefined, file.declarations, undefined, undefined);
    }
    linesOf(file, this.lines);
    return file;
  }

  private comments(list: TokenList): Comment[] {
    const result = new Array<Comment>(list.count);
    for (let i = 0; i < list.count; i++) {
      result[i] = { text: this.text.slice(list.starts[i], list.ends[i]), range: this.span(list.starts[i], list.ends[i]), block: list.codes[i] !== CODE.LineComment };
    }
    return result;
  }

  private importDecl(): ImportDecl {
    const keyword = this.at++;
    if (!this.isString(this.code())) throw GIVE_UP;
    const path = this.stringValue(this.at++);
    return { path, range: this.rangeFrom(keyword) };
  }

  private study(): StudyDecl {
    const keyword = this.at++;
    const keywordRange = this.range(keyword);
    const name = this.name(this.expect(CODE.Identifier));
    const study: StudyDecl = {
      kind: 'study',
      name,
      label: this.optionalLabel(),
      properties: [],
      declarations: [],
      excludes: [],
      ethics: [],
      range: UNSET,
      keywordRange,
      file: this.path,
    };
    this.block(study, keyword, Container.Study, study, study.declarations, undefined);
    return study;
  }

  private optionalLabel(): StringValue | undefined {
    return this.isString(this.code()) ? this.stringValue(this.at++) : undefined;
  }

  /**
   * One member of a block (or of the file) in `container`. Only what the full path builds
   * without a problem is built here: a property in a block, a declaration where it may stand, a
   * touchpoint in a service, an exclude or ethics block in the study.
   */
  private member(container: Container, holder: { properties: Property[] } | undefined, declarations: Declaration[], study: StudyDecl | undefined, service: ServiceDecl | undefined): void {
    const code = this.code();
    if (code === CODE.Identifier) {
      if (!holder) throw GIVE_UP;
      holder.properties.push(this.property());
      return;
    }
    if (container === Container.Leaf) throw GIVE_UP;
    if (container === Container.Service) {
      if (code !== CODE.Touchpoint || !service) throw GIVE_UP;
      service.touchpoints.push(this.declaration(code, service, declarations, study) as TouchpointDecl);
      return;
    }
    switch (code) {
      case CODE.Exclude:
        if (!study) throw GIVE_UP;
        study.excludes.push(this.exclude());
        return;
      case CODE.Ethics:
        if (!study) throw GIVE_UP;
        this.ethics(study);
        return;
      case CODE.Actor:
      case CODE.Tool:
      case CODE.Service:
      case CODE.Question:
      case CODE.Method:
        this.declaration(code, undefined, declarations, study);
        return;
      default:
        throw GIVE_UP;
    }
  }

  /** A declaration, placed in `declarations` (a touchpoint is returned for its service to place) before its body is built. */
  private declaration(code: number, service: ServiceDecl | undefined, declarations: Declaration[], study: StudyDecl | undefined): Declaration {
    const keywordIndex = this.at++;
    const keywordRange = this.range(keywordIndex);
    const name = this.name(this.expect(CODE.Identifier));
    let qualifier: Name | undefined;
    if (code === CODE.Actor || code === CODE.Method) {
      this.expect(CODE.Colon);
      qualifier = this.name(this.expect(CODE.Identifier));
    }
    const label = this.optionalLabel();
    const file = this.path;
    let declaration: Declaration;
    switch (code) {
      case CODE.Actor:
        declaration = { kind: 'actor', name, label, range: UNSET, keywordRange, file, properties: [], role: qualifier };
        break;
      case CODE.Tool:
        declaration = { kind: 'tool', name, label, range: UNSET, keywordRange, file, properties: [] };
        break;
      case CODE.Service:
        declaration = { kind: 'service', name, label, range: UNSET, keywordRange, file, properties: [], touchpoints: [] };
        break;
      case CODE.Touchpoint:
        declaration = { kind: 'touchpoint', name, label, range: UNSET, keywordRange, file, properties: [], service };
        break;
      case CODE.Question:
        if (!label) throw GIVE_UP;
        declaration = { kind: 'question', name, label, range: UNSET, keywordRange, file, properties: [] };
        break;
      default:
        declaration = { kind: 'method', name, label, range: UNSET, keywordRange, file, properties: [], methodKind: qualifier };
    }
    if (code !== CODE.Touchpoint) declarations.push(declaration);
    if ((code === CODE.Actor || code === CODE.Tool) && this.code() !== CODE.LCurly) {
      declaration.range = this.rangeFrom(keywordIndex);
      return declaration;
    }
    const inside = code === CODE.Service ? Container.Service : Container.Leaf;
    this.block(declaration, keywordIndex, inside, study, declarations, declaration.kind === 'service' ? declaration : undefined);
    return declaration;
  }

  /** `{ members }` of a block whose keyword (token `keyword`) starts its range: sets its range and body range. */
  private block(
    holder: { properties: Property[]; range: Range; bodyRange?: Range },
    keyword: number,
    container: Container,
    study: StudyDecl | undefined,
    declarations: Declaration[],
    service: ServiceDecl | undefined,
  ): void {
    const open = this.expect(CODE.LCurly);
    while (this.code() !== CODE.RCurly) {
      if (this.at >= this.count) throw GIVE_UP;
      this.member(container, holder, declarations, study, service);
    }
    const close = this.at++;
    if (holder.properties.length > 0) holder.properties = holder.properties.slice();
    if (service && service.touchpoints.length > 0) service.touchpoints = service.touchpoints.slice();
    holder.range = this.rangeFrom(keyword);
    holder.bodyRange = this.span(this.ends[open], this.starts[close]);
  }

  private exclude(): ExcludeDecl {
    const keyword = this.at++;
    const keywordRange = this.range(keyword);
    if (this.code() !== CODE.Identifier) throw GIVE_UP;
    const ref = this.ref();
    const rationale = this.optionalLabel();
    return { kind: 'exclude', ref, rationale, range: this.rangeFrom(keyword), keywordRange, file: this.path };
  }

  private ethics(study: StudyDecl): void {
    const keyword = this.at++;
    const ethics: EthicsDecl = { kind: 'ethics', properties: [], range: UNSET, keywordRange: this.range(keyword), file: this.path };
    study.ethics.push(ethics);
    this.block(ethics, keyword, Container.Leaf, study, study.declarations, undefined);
  }

  /** The next tokens are not `key:`, the start of the next property. */
  private valueAhead(): boolean {
    return !(this.code() === CODE.Identifier && this.code(1) === CODE.Colon);
  }

  private startsValue(code: number): boolean {
    return code === CODE.Identifier || code === CODE.NumberLiteral || code === CODE.Yes || code === CODE.No || this.isString(code);
  }

  private property(): Property {
    const keyIndex = this.at++;
    const key = this.name(keyIndex);
    this.expect(CODE.Colon);
    // a missing value (`key:` then the next key) is reported by the full path
    if (!this.valueAhead()) throw GIVE_UP;
    const values: Value[] = [this.value()];
    for (;;) {
      const code = this.code();
      if (code === CODE.Comma) {
        this.at++;
        if (!this.valueAhead()) throw GIVE_UP;
        values.push(this.value());
        continue;
      }
      // a second value on the same line without a comma is reported by the full path
      if (this.startsValue(code) && this.valueAhead() && !this.lineBreakBefore(this.at)) throw GIVE_UP;
      // exactly as long as it is (an array grown by push keeps room for 16 more)
      return { key, values: values.length > 1 ? values.slice() : values, range: this.rangeFrom(keyIndex) };
    }
  }

  private lineBreakBefore(index: number): boolean {
    const text = this.text;
    for (let i = this.ends[index - 1]; i < this.starts[index]; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x0a || code === 0x0d) return true;
    }
    return false;
  }

  private value(): Value {
    const code = this.code();
    if (code === CODE.Identifier) return this.ref();
    if (code === CODE.NumberLiteral) {
      const number = this.at++;
      const range = this.range(number);
      const value = Number(this.image(number));
      if (this.code() !== CODE.RangeDots) return { kind: 'number', value, range };
      this.at++;
      const upper = this.expect(CODE.NumberLiteral);
      return { kind: 'range', min: value, max: Number(this.image(upper)), range: this.rangeFrom(number) };
    }
    if (code === CODE.Yes || code === CODE.No) return { kind: 'boolean', value: code === CODE.Yes, range: this.range(this.at++) };
    if (this.isString(code)) return this.stringValue(this.at++);
    throw GIVE_UP;
  }

  private ref(): RefValue {
    const firstIndex = this.expect(CODE.Identifier);
    const first = this.name(firstIndex);
    if (this.code() !== CODE.Dot) return { kind: 'ref', segments: [first], path: first.text, range: first.range };
    const segments = [first];
    /** the path is the text from the first name to the last when nothing stands between them */
    let adjacent = true;
    let lastIndex = firstIndex;
    while (this.code() === CODE.Dot) {
      const dot = this.at++;
      const index = this.expect(CODE.Identifier);
      adjacent &&= this.starts[dot] === this.ends[lastIndex] && this.starts[index] === this.ends[dot];
      segments.push(this.name(index));
      lastIndex = index;
    }
    const path = adjacent ? this.text.slice(this.starts[firstIndex], this.ends[lastIndex]) : segments.map((segment) => segment.text).join('.');
    return { kind: 'ref', segments: segments.slice(), path, range: this.rangeFrom(firstIndex) };
  }

  private stringValue(index: number): StringValue {
    const start = this.starts[index];
    const end = this.ends[index];
    if (this.codes[index] === CODE.TextBlock) return { kind: 'string', form: 'text', text: dedentTextBlock(this.text.slice(start + 3, end - 3)), range: this.range(index) };
    const text = unescapeString(this.text.slice(start + 1, end - 1), () => {
      throw GIVE_UP;
    });
    return { kind: 'string', form: 'string', text, range: this.range(index) };
  }
}

const ESCAPES = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['n', '\n'],
  ['t', '\t'],
]);

/** A string's text with its escapes replaced; `unknown` hears of each escape that is not one (and its character is kept). */
export function unescapeString(raw: string, unknown: (at: number, next: string) => void): string {
  if (!raw.includes('\\')) return raw;
  // a loop rather than one replace(): a regular expression's match list overflows on millions of escapes
  const parts: string[] = [];
  let from = 0;
  for (let at = raw.indexOf('\\'); at !== -1; at = raw.indexOf('\\', from)) {
    parts.push(raw.slice(from, at));
    const following = raw.charAt(at + 1);
    const next = following === '\u2028' || following === '\u2029' ? '' : following;
    from = at + 1 + next.length;
    const replacement = ESCAPES.get(next);
    if (replacement !== undefined) parts.push(replacement);
    else {
      unknown(at, next);
      parts.push(next);
    }
  }
  parts.push(raw.slice(from));
  return parts.join('');
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

/** The AST of a file with nothing to report or recover from; undefined for any other (build.ts then builds it). */
export function buildClean(path: string, text: string): StudyFile | undefined {
  const scanned = scan(text);
  if (!scanned) return undefined;
  try {
    return new CleanBuilder(path, text, new LineIndex(text), scanned.tokens).file(scanned.comments);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
