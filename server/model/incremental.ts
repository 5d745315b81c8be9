import { LineIndex, linesOf } from '../common/lines';
import { comparePositions, Position, Range } from '../common/range';
import { Comment, Declaration, StudyDecl, StudyFile } from './ast';
import { parseStudyFile } from './build';

/**
 * Incremental reparsing for the editor. An edit inside one top-level declaration with braces (a
 * service with its touchpoints, a question, a method…) re-parses only that declaration's text,
 * at its own position, and splices it into the previous tree; everything after it is moved by
 * the edit's line and column shift. Whenever that could differ from a full parse (the previous
 * text or the new declaration has a syntax problem, the edit touches a declaration's first or
 * last character, crosses declarations, or the tree has a shape this code does not know) the
 * whole file is parsed again.
 */
export function reparse(filePath: string, text: string, previous: StudyFile | undefined): StudyFile {
  if (previous && previous.path === filePath) {
    try {
      const spliced = splice(previous, text);
      if (spliced) {
        reparseCounts.incremental++;
        return spliced;
      }
    } catch {
      // fall back to a full parse
    }
  }
  reparseCounts.full++;
  return parseStudyFile(filePath, text);
}

/** How often each path was taken (for tests and the benchmark). */
export const reparseCounts = { incremental: 0, full: 0 };

const FILE_KEYS = new Set(['path', 'text', 'imports', 'study', 'declarations', 'comments', 'problems', 'lineCount']);
const STUDY_KEYS = new Set(['kind', 'name', 'label', 'properties', 'declarations', 'excludes', 'ethics', 'range', 'keywordRange', 'bodyRange', 'file']);

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

function splice(previous: StudyFile, text: string): StudyFile | undefined {
  if (previous.problems.length > 0 || !onlyKeys(previous, FILE_KEYS) || (previous.study && !onlyKeys(previous.study, STUDY_KEYS))) return undefined;
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
  const regionStart = oldLines.offsetAt(old.range.start);
  const regionEnd = oldLines.offsetAt(old.range.end) + (span.newEnd - span.oldEnd);
  const region = text.slice(regionStart, regionEnd);
  if (regionEnd < regionStart) return undefined;

  // parse the declaration alone, padded so that its tokens keep their line and column
  const start = old.range.start;
  const padded = '\n'.repeat(start.line) + ' '.repeat(start.character) + region;
  const part = parseStudyFile(previous.path, padded);
  const [replacement] = part.declarations;
  if (part.problems.length > 0 || part.study || part.imports.length > 0 || part.declarations.length !== 1 || replacement.kind !== old.kind) return undefined;
  const newLines = new LineIndex(text);
  const newEnd = newLines.positionAt(regionEnd);
  if (comparePositions(replacement.range.end, newEnd) !== 0) return undefined;

  const oldEnd = old.range.end;
  const lineShift = newEnd.line - oldEnd.line;
  const shift = (p: Position): Position =>
    p.line === oldEnd.line ? { line: p.line + lineShift, character: p.character - oldEnd.character + newEnd.character } : lineShift === 0 ? p : { line: p.line + lineShift, character: p.character };
  const after = (range: Range): boolean => comparePositions(range.start, oldEnd) >= 0;
  const nothingMoves = lineShift === 0 && newEnd.character === oldEnd.character;
  const memo = new Map<object, unknown>();
  const move = <T extends object>(node: T): T => (nothingMoves ? node : (shiftTree(node, shift, memo) as T));
  const moveAll = <T extends { range: Range }>(nodes: T[]): T[] => nodes.map((n) => (after(n.range) ? move(n) : n));
  const spliceMembers = (list: Declaration[]): Declaration[] => [...list.slice(0, index), replacement, ...list.slice(index + 1).map((d) => move(d))];
  const movePosition = (p: Position): Position => (comparePositions(p, oldEnd) >= 0 ? shift(p) : p);
  const moveRange = (r: Range): Range => ({ start: movePosition(r.start), end: movePosition(r.end) });

  const comments: Comment[] = [];
  for (const comment of previous.comments) if (comparePositions(comment.range.end, start) <= 0) comments.push(comment);
  comments.push(...part.comments);
  for (const comment of previous.comments) if (after(comment.range)) comments.push(move(comment));

  let study: StudyDecl | undefined;
  if (previous.study) {
    const s = previous.study;
    study = {
      ...s,
      properties: moveAll(s.properties),
      declarations: spliceMembers(s.declarations),
      excludes: moveAll(s.excludes),
      ethics: moveAll(s.ethics),
      range: moveRange(s.range),
    };
    if (s.bodyRange) study.bodyRange = moveRange(s.bodyRange);
  }
  const file: StudyFile = {
    path: previous.path,
    text,
    imports: previous.imports,
    study,
    declarations: previous.study ? previous.declarations : spliceMembers(previous.declarations),
    comments,
    problems: [],
    lineCount: newLines.lineCount,
  };
  linesOf(file, newLines);
  return file;
}

function isPosition(value: object): value is Position {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

/** A copy of an AST subtree with every position moved; shared and cyclic references (touchpoint → service) are kept. */
function shiftTree(node: unknown, shift: (p: Position) => Position, memo: Map<object, unknown>): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const seen = memo.get(node);
  if (seen !== undefined) return seen;
  if (Array.isArray(node)) {
    const copy: unknown[] = [];
    memo.set(node, copy);
    for (const item of node) copy.push(shiftTree(item, shift, memo));
    return copy;
  }
  if (isPosition(node)) {
    const moved = shift(node);
    memo.set(node, moved);
    return moved;
  }
  const copy: Record<string, unknown> = {};
  memo.set(node, copy);
  for (const [key, value] of Object.entries(node)) copy[key] = shiftTree(value, shift, memo);
  return copy;
}
