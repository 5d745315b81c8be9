import { LineIndex, linesOf } from '../common/lines';
import { comparePositions, OffsetRange, Position, PositionSource, Range, sameRange } from '../common/range';
import { Comment, Declaration, ServiceDecl, StudyDecl, StudyFile, SyntaxProblem } from './ast';
import { parseStudyFile } from './build';

/**
 * Incremental reparsing for the editor. An edit inside one top-level declaration with braces (a
 * service with its touchpoints, a question, a method…) re-parses only that declaration's text,
 * at its own position, and splices it into the previous tree; everything after it is moved in
 * place by the edit's line and column shift, so the previous tree is given up to the new one (the
 * language server's Program keeps only the newest). Syntax errors elsewhere in the file are kept as they were
 * (moved with their text), and an edit that leaves or repairs an error in the declaration
 * re-parses it together with the next top-level item, inside a study as the file has it, so that
 * chevrotain's recovery sees what it sees in a full parse; the splice is taken only when that
 * next item comes out exactly as before. Whenever the result could differ from a full parse (the
 * edit touches a declaration's first or last character or crosses declarations, a block the
 * error left open swallows others, an error sits across the edited declaration's edge, errors
 * would stand in the edited declaration and elsewhere at once, or the tree has a shape this code
 * does not know) the whole file is parsed again.
 */
export function reparse(filePath: string, text: string, previous: StudyFile | undefined): StudyFile {
  if (previous && previous.path === filePath) {
    try {
      const spliced = splice(previous, text);
      if (spliced) {
        reparseCounts.incremental++;
        if (spliced.problems.length > 0 || previous.problems.length > 0) reparseCounts.withErrors++;
        return spliced;
      }
    } catch {
      // fall back to a full parse
    }
  }
  reparseCounts.full++;
  return parseStudyFile(filePath, text);
}

/** How often each path was taken (for tests and the benchmark); `withErrors` counts incremental re-parses of a file with syntax errors before or after. */
export const reparseCounts = { incremental: 0, full: 0, withErrors: 0 };

const FILE_KEYS = new Set(['path', 'text', 'imports', 'study', 'declarations', 'comments', 'problems', 'lineCount']);
const STUDY_KEYS = new Set(['kind', 'name', 'label', 'properties', 'declarations', 'excludes', 'ethics', 'range', 'keywordRange', 'bodyRange', 'file']);
/** more problems than this and the file is parsed whole (far below the caps on problems and syntax errors) */
const MAX_PROBLEMS = 100;
/** what the re-parsed text stands in when the declaration is a study's: a study with nothing but it */
const STUDY_OPENING = 'study s {';

function onlyKeys(object: object, keys: Set<string>): boolean {
  return Object.keys(object).every((key) => keys.has(key));
}

/** The changed span: what replaced old[start, oldEnd) with new[start, newEnd). */
function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  // skip equal chunks with string comparison (a memory compare), then walk the last chunk
  let start = 0;
  while (start + CHUNK <= limit && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const room = limit - start;
  while (suffix + CHUNK <= room && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const CHUNK = 2048;

type Item = { range: Range };

/** The members of the study's body (or a fragment's declarations) in source order. */
function topLevelItems(file: StudyFile): Item[] {
  if (!file.study) return file.declarations;
  const s = file.study;
  return [...s.properties, ...s.declarations, ...s.excludes, ...s.ethics].sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function splice(previous: StudyFile, text: string): StudyFile | undefined {
  if (previous.problems.length > MAX_PROBLEMS || !onlyKeys(previous, FILE_KEYS) || (previous.study && !onlyKeys(previous.study, STUDY_KEYS))) return undefined;
  const span = changedSpan(previous.text, text);
  if (!span) return undefined;
  const oldLines = linesOf(previous);
  const members = previous.study ? previous.study.declarations : previous.declarations;
  // the one top-level declaration with braces that holds the whole change, away from its first and last character
  const index = members.findIndex((d) => {
    if (!d.bodyRange) return false;
    const first = oldLines.offsetAt(d.range.start);
    const last = oldLines.offsetAt(d.range.end) - 1; // the closing brace
    return first < span.start && span.start <= last && span.oldEnd <= last;
  });
  if (index === -1) return undefined;
  const old = members[index];
  const start = old.range.start;
  const oldEnd = old.range.end;
  const regionStart = oldLines.offsetAt(start);
  const regionEnd = oldLines.offsetAt(oldEnd) + (span.newEnd - span.oldEnd);
  if (regionEnd < regionStart) return undefined;

  // the problems of the previous text: in the edited declaration, or clear of it (none across its edges)
  const within = (r: Range): boolean => comparePositions(r.start, start) >= 0 && comparePositions(r.end, oldEnd) <= 0;
  const before = (r: Range): boolean => comparePositions(r.end, start) <= 0 && comparePositions(r.start, start) < 0;
  const after = (r: Range): boolean => comparePositions(r.start, oldEnd) >= 0;
  const inside: SyntaxProblem[] = [];
  const outside: SyntaxProblem[] = [];
  for (const problem of previous.problems) {
    const r = problem.range;
    // an error at the declaration's keyword is the text before it running on (a key without its colon)
    if (comparePositions(r.start, start) === 0 || (comparePositions(r.start, r.end) === 0 && comparePositions(r.start, oldEnd) === 0)) return undefined;
    if (before(problem.range) || (after(problem.range) && !within(problem.range))) outside.push(problem);
    else if (within(problem.range)) inside.push(problem);
    else return undefined;
  }
  // a block an error left open holds the declarations after it: the edited one must stand on its own
  const items = topLevelItems(previous);
  const at = items.indexOf(old);
  if (at === -1) return undefined;
  for (let i = 0; i < at; i++) if (comparePositions(items[i].range.end, start) > 0) return undefined;
  const next: Item | undefined = items[at + 1];
  if (next && comparePositions(next.range.start, oldEnd) < 0) return undefined;
  if (previous.study && !(previous.study.bodyRange && comparePositions(previous.study.bodyRange.start, start) <= 0 && comparePositions(oldEnd, previous.study.bodyRange.end) <= 0)) return undefined;

  const newLines = new LineIndex(text);
  const newEnd = newLines.positionAt(regionEnd);
  const lineShift = newEnd.line - oldEnd.line;
  const shift = (p: Position): Position =>
    p.line === oldEnd.line ? { line: p.line + lineShift, character: p.character - oldEnd.character + newEnd.character } : lineShift === 0 ? p : { line: p.line + lineShift, character: p.character };
  const characterShift = newEnd.character - oldEnd.character;
  const nothingMoves = lineShift === 0 && characterShift === 0;

  // the declaration alone, moved to where it stands: enough when it was clean and stays clean
  let part = inside.length === 0 ? parseAt(previous.path, '', start, text.slice(regionStart, regionEnd)) : undefined;
  if (!part || part.problems.length > 0) {
    // an error stands (or stood) in it: read it with the next item after it, in the study as the file has it
    if (!next || (previous.study && start.line === 0)) return undefined;
    // an error up to the end of the next item may have come from the declaration's old text
    if (outside.some((p) => after(p.range) && comparePositions(p.range.start, next.range.end) < 0)) return undefined;
    const nextEnd = oldLines.offsetAt(next.range.end) + (span.newEnd - span.oldEnd);
    const opening = previous.study ? STUDY_OPENING : '';
    const guarded = parseAt(previous.path, opening, start, text.slice(regionStart, nextEnd) + (previous.study ? '\n}' : ''));
    part = unwrap(guarded, previous.study !== undefined, next, nothingMoves ? undefined : shift);
    if (!part) return undefined;
    if (part.problems.length > MAX_PROBLEMS || (part.problems.length > 0 && outside.length > 0)) return undefined;
  }
  const [replacement] = part.declarations;
  if (part.study || part.imports.length > 0 || part.declarations.length !== 1 || replacement.kind !== old.kind) return undefined;
  if (comparePositions(replacement.range.end, newEnd) !== 0) return undefined;
  for (const problem of part.problems) if (comparePositions(problem.range.start, start) < 0 || comparePositions(problem.range.end, newEnd) > 0) return undefined;

  // the previous tree is given up to the new one: what lies after the edit moves in place, once
  // everything that reads its old positions (which nodes lie after, the new ranges) has
  const moved: object[] = [];
  const keepOrMove = <T extends { range: Range }>(nodes: T[]): T[] => {
    for (const n of nodes) if (after(n.range)) moved.push(n);
    return nodes;
  };
  const spliceMembers = (list: Declaration[]): Declaration[] => {
    const rest = list.slice(index + 1);
    moved.push(...rest);
    return [...list.slice(0, index), replacement, ...rest];
  };
  const movePosition = (p: Position): Position => (comparePositions(p, oldEnd) >= 0 ? shift(p) : p);
  const moveRange = (r: Range): Range => ({ start: movePosition(r.start), end: movePosition(r.end) });

  const comments: Comment[] = [];
  for (const comment of previous.comments) if (comparePositions(comment.range.end, start) <= 0) comments.push(comment);
  for (const comment of part.comments) if (comparePositions(comment.range.end, newEnd) <= 0) comments.push(comment);
  for (const comment of keepOrMove(previous.comments.filter((c) => after(c.range)))) comments.push(comment);

  let study: StudyDecl | undefined;
  if (previous.study) {
    const s = previous.study;
    study = {
      ...s,
      properties: keepOrMove(s.properties),
      declarations: spliceMembers(s.declarations),
      excludes: keepOrMove(s.excludes),
      ethics: keepOrMove(s.ethics),
      range: moveRange(s.range),
    };
    if (s.bodyRange) study.bodyRange = moveRange(s.bodyRange);
  }
  const problems = part.problems.length > 0 ? part.problems : outside.map((p) => (after(p.range) ? { message: p.message, range: moveRange(p.range) } : p));
  const declarations = previous.study ? previous.declarations : spliceMembers(previous.declarations);
  if (!nothingMoves) moveInPlace(moved, oldEnd.line, lineShift, characterShift, newLines);
  const file: StudyFile = {
    path: previous.path,
    text,
    imports: previous.imports,
    study,
    declarations,
    comments,
    problems,
    lineCount: newLines.lineCount,
  };
  linesOf(file, newLines);
  return file;
}

/**
 * `source` parsed after `opening` and a line break (or alone), its first line indented to
 * `start.character`, then moved down so that it stands at `start`: its tokens have the lines and
 * columns of the file without a line break per line before it to lex.
 */
function parseAt(filePath: string, opening: string, start: Position, source: string): StudyFile {
  const parsed = parseStudyFile(filePath, (opening ? opening + '\n' : '') + ' '.repeat(start.character) + source);
  const lineShift = start.line - (opening ? 1 : 0);
  if (lineShift !== 0)
    moveInPlace([parsed.imports, parsed.declarations, parsed.comments, parsed.problems, ...(parsed.study ? [parsed.study] : [])], -1, lineShift, 0, new ShiftedLines(linesOf(parsed), lineShift));
  return parsed;
}

/** A text's line index read `lineShift` lines further down: where parseAt moves the OffsetRanges of what it parsed. */
class ShiftedLines implements PositionSource {
  constructor(
    private readonly lines: LineIndex,
    private readonly lineShift: number,
  ) {}

  positionAt(offset: number): Position {
    const position = this.lines.positionAt(offset);
    return { line: position.line + this.lineShift, character: position.character };
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt({ line: position.line - this.lineShift, character: position.character });
  }
}

/**
 * The re-parse of a declaration and the item after it, as a file of that declaration alone, or
 * undefined unless the item after it came out exactly as it was (moved by the edit): then the
 * parser left the declaration where a full parse leaves it, and what follows reads as before.
 */
function unwrap(parsed: StudyFile, inStudy: boolean, next: Item, shift: ((p: Position) => Position) | undefined): StudyFile | undefined {
  let declarations: Declaration[];
  let items: Item[];
  if (inStudy) {
    const s = parsed.study;
    if (!s || parsed.declarations.length > 0 || parsed.imports.length > 0) return undefined;
    declarations = s.declarations;
    items = topLevelItems(parsed);
  } else {
    if (parsed.study) return undefined;
    declarations = parsed.declarations;
    items = declarations;
  }
  if (items.length !== 2 || declarations.length === 0 || items[0] !== declarations[0]) return undefined;
  const [declaration, guard] = items;
  if (!sameTree(guard, next, shift)) return undefined;
  // the guard's problems and comments are the previous text's, moved
  const problems = parsed.problems.filter((p) => comparePositions(p.range.end, declaration.range.end) <= 0);
  if (problems.length !== parsed.problems.length) return undefined;
  return { ...parsed, study: undefined, declarations: [declarations[0]], problems };
}

/**
 * Whether two AST subtrees hold the same data (the touchpoint → service back-pointer compared by
 * name), `b`'s positions read as `shift` moves them.
 */
function sameTree(a: unknown, b: unknown, shift: ((p: Position) => Position) | undefined): boolean {
  if (a === b && !shift) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (a instanceof OffsetRange || b instanceof OffsetRange) return sameMovedRange(a, b, shift);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  if (shift && isPosition(b)) {
    const moved = shift(b);
    return isPosition(a) && keysA.length === 2 && a.line === moved.line && a.character === moved.character;
  }
  for (const key of keysA) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (key === 'service' && !Array.isArray(a)) {
      if ((x as ServiceDecl | undefined)?.name.text !== (y as ServiceDecl | undefined)?.name.text) return false;
    } else if (!sameTree(x, y, shift)) return false;
  }
  return true;
}

/** Whether two ranges, either an OffsetRange or plain, span the same positions, `b`'s as `shift` moves them. */
function sameMovedRange(a: object, b: object, shift: ((p: Position) => Position) | undefined): boolean {
  if (!isRange(a) || !isRange(b)) return false;
  return sameRange(a, shift ? { start: shift(b.start), end: shift(b.end) } : b);
}

function isRange(node: object): node is Range {
  if (node instanceof OffsetRange) return true;
  const { start, end } = node as Record<string, unknown>;
  return Object.keys(node).length === 2 && typeof start === 'object' && start !== null && isPosition(start) && typeof end === 'object' && end !== null && isPosition(end);
}

function isPosition(node: object): node is Position {
  const record = node as Record<string, unknown>;
  return typeof record.line === 'number' && typeof record.character === 'number';
}

/**
 * Moves every position in the subtrees `roots` in place: `lineShift` lines, and on line `endLine`
 * (where the edited declaration ended) `characterShift` characters too. A position object can be
 * shared (a range's start is often its keyword's) and must move once, so each is marked done by
 * writing its line as -(line + 1) until all have moved, then the marks are taken off.
 * An OffsetRange is moved into `lines` (the new text's line index), which also marks it done.
 * The touchpoint → service back-pointer is not followed (the service is one of the subtrees).
 */
function moveInPlace(roots: object[], endLine: number, lineShift: number, characterShift: number, lines: PositionSource): void {
  const done: Position[] = [];
  const move = (p: Position): void => {
    if (p.line < 0) return;
    if (p.line === endLine) p.character += characterShift;
    p.line = -(p.line + lineShift) - 1;
    done.push(p);
  };
  const moveRange = (r: OffsetRange): void => r.moveInto(lines, (p) => ({ line: p.line + lineShift, character: p.line === endLine ? p.character + characterShift : p.character }));
  for (const root of roots) visitPositions(root, move, moveRange);
  for (const p of done) p.line = -p.line - 1;
}

function visitPositions(node: object, visit: (p: Position) => void, visitRange: (r: OffsetRange) => void): void {
  if (Array.isArray(node)) {
    for (const item of node as unknown[]) if (typeof item === 'object' && item !== null) visitPositions(item, visit, visitRange);
    return;
  }
  if (node instanceof OffsetRange) {
    visitRange(node);
    return;
  }
  if (isPosition(node)) {
    visit(node);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'object' && value !== null && key !== 'service') visitPositions(value, visit, visitRange);
  }
}
