import { Position } from './range';

/**
 * The one map between offsets and LSP positions (0-based line, UTF-16 character) of a text, with
 * LSP's line breaks: \n, \r\n and a lone \r each end a line, as the lexer counts them. Lookups in
 * nearly source order (the model builder's) try the last line found first.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(readonly text: string) {
    if (text.indexOf('\r') === -1) {
      // the usual case, found with indexOf rather than character by character
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.starts.push(i + 1);
      else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    const starts = this.starts;
    let line = this.last;
    if (!(starts[line] <= clamped && (line + 1 === starts.length || clamped < starts[line + 1]))) {
      if (line + 1 < starts.length && starts[line + 1] <= clamped && (line + 2 === starts.length || clamped < starts[line + 2])) line++;
      else {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
          const mid = (low + high + 1) >> 1;
          if (starts[mid] <= clamped) low = mid;
          else high = mid - 1;
        }
        line = low;
      }
      this.last = line;
    }
    return { line, character: clamped - starts[line] };
  }

  /** The offset of a position; a character past the end of its line means the end of the line (before its break), as in LSP. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The offset where a line starts (the text's length past the last line). */
  lineStart(line: number): number {
    return line < 0 ? 0 : line < this.starts.length ? this.starts[line] : this.text.length;
  }

  /** The offset where a line's text ends, before its line break. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** A line's text without its line break; '' past the last line. */
  lineText(line: number): string {
    return line < 0 || line >= this.starts.length ? '' : this.text.slice(this.starts[line], this.lineEnd(line));
  }
}

const indexes = new WeakMap<object, LineIndex>();

/** The line index of a file's text, built once per file (or given by whoever built the file). */
export function linesOf(file: { readonly text: string }, built?: LineIndex): LineIndex {
  let index = indexes.get(file);
  if (built && built.text === file.text) indexes.set(file, (index = built));
  else if (!index || index.text !== file.text) indexes.set(file, (index = new LineIndex(file.text)));
  return index;
}

/** The line break a text writes: \r\n when it has one, else a lone \r when it only has those, else \n. */
export function lineBreakOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
}
