import { Range } from '../../server/common/range';

/** Removes `[[`…`]]` markers from a text and returns the ranges they marked. */
export function extractMarkedRanges(marked: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  let open: { line: number; character: number } | undefined;
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[[', i)) {
      open = { line, character };
      i++;
      continue;
    }
    if (marked.startsWith(']]', i) && open) {
      ranges.push({ start: open, end: { line, character } });
      open = undefined;
      i++;
      continue;
    }
    const ch = marked[i];
    text += ch;
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return { text, ranges };
}

/** Removes a `$0` cursor marker and returns its position and offset. */
export function extractCursor(marked: string): { text: string; offset: number; position: { line: number; character: number } } {
  const offset = marked.indexOf('$0');
  if (offset === -1) throw new Error('fixture has no $0 cursor');
  const before = marked.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text: before + marked.slice(offset + 2), offset, position: { line, character } };
}

export function formatRange(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}
