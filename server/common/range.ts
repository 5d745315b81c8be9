/** 0-based positions, as LSP uses them; the core owns these types so it never imports LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function rangeOf(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export const EMPTY_RANGE: Range = rangeOf(0, 0, 0, 0);

/** What an OffsetRange reads its positions from: a text's line index (common/lines.ts). */
export interface PositionSource {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/**
 * A range kept as two offsets into its text, its lines and characters worked out when read:
 * 48 bytes, where a range and its two positions are 120 (most of the AST is ranges). It reads
 * as a Range (`start` and `end`, a new position each time) and serialises as one; its offsets
 * are private, so it has no enumerable keys: compare ranges by their positions (`plainRange`).
 */
export class OffsetRange implements Range {
  #lines: PositionSource;
  #from: number;
  #to: number;

  constructor(lines: PositionSource, from: number, to: number) {
    this.#lines = lines;
    this.#from = from;
    this.#to = to;
  }

  get start(): Position {
    return this.#lines.positionAt(this.#from);
  }

  get end(): Position {
    return this.#lines.positionAt(this.#to);
  }

  /**
   * Moves the range in place into another text (`lines`), where its positions are where `move`
   * puts them: the incremental re-parse moving what follows an edit. A range moved into `lines`
   * already (one shared by two nodes) stays as it is.
   */
  moveInto(lines: PositionSource, move: (p: Position) => Position): void {
    if (this.#lines === lines) return;
    const [start, end] = [move(this.start), move(this.end)];
    this.#lines = lines;
    this.#from = lines.offsetAt(start);
    this.#to = lines.offsetAt(end);
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/** A range as a plain object of two plain positions, whatever it is kept as. */
export function plainRange(range: Range): Range {
  const { start, end } = range;
  return rangeOf(start.line, start.character, end.line, end.character);
}

/** Whether two ranges, whatever each is kept as, span the same positions. */
export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
