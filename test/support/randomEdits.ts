/**
 * Random edits of study texts for the property and fuzz tests: delete, duplicate or swap tokens,
 * or insert garbage; and the check that a range lies inside its text, lines split as LSP splits them.
 */
import { Range } from '../../server/common/range';

/** A rough token split of a study: enough to delete, duplicate and swap meaningful pieces. */
const TOKEN = /"""[\s\S]*?"""|"(?:[^"\\\n\r]|\\.)*"|\/\/[^\n\r]*|\/\*[\s\S]*?\*\/|[A-Za-z_][A-Za-z0-9_]*|\d+|\.\.|\S/g;

const GARBAGE = [
  '"',
  '"""',
  '""',
  '{',
  '}',
  '{}',
  ':',
  ',',
  '.',
  '..',
  '...',
  '@',
  ';',
  '(',
  ')',
  '[',
  ']',
  '=',
  '-',
  '/*',
  '*/',
  '//',
  '\\',
  '\\"',
  'study',
  'actor',
  'tool',
  'service',
  'touchpoint',
  'question',
  'method',
  'exclude',
  'ethics',
  'import',
  'yes',
  'no',
  'é',
  'Ärztin',
  '👩‍⚕️',
  '\u0000',
  '\r',
  '\t',
  '\u2028',
  '\ufeff',
  '\u00a0',
  '12',
  '007',
  '3..1',
  'x_1',
  'about',
  'perspective:',
  'frameworks:',
  '"unterminated',
  '"a\\qb"',
  '"""open',
  'import "./nowhere.study"',
  'import "./gp-online-triage.study"',
];

export interface Edit {
  text: string;
  description: string;
}

function tokensOf(text: string): { start: number; end: number }[] {
  const result: { start: number; end: number }[] = [];
  for (const match of text.matchAll(TOKEN)) result.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  return result;
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** One random edit: delete, duplicate or swap tokens, or insert garbage. */
export function randomEdit(text: string, random: () => number): Edit {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const tokens = tokensOf(text);
  if (tokens.length < 2) return { text: text + pick(GARBAGE), description: 'append garbage' };
  const i = Math.floor(random() * (tokens.length - 1));
  const token = tokens[i];
  const image = text.slice(token.start, token.end);
  switch (Math.floor(random() * 4)) {
    case 0:
      return { text: text.slice(0, token.start) + text.slice(token.end), description: `delete token ${i} ${show(image)} at offset ${token.start}` };
    case 1:
      return { text: text.slice(0, token.end) + (random() < 0.5 ? ' ' : '') + image + text.slice(token.end), description: `duplicate token ${i} ${show(image)} at offset ${token.start}` };
    case 2: {
      const next = tokens[i + 1];
      const nextImage = text.slice(next.start, next.end);
      return {
        text: text.slice(0, token.start) + nextImage + text.slice(token.end, next.start) + image + text.slice(next.end),
        description: `swap tokens ${i} ${show(image)} and ${i + 1} ${show(nextImage)} at offset ${token.start}`,
      };
    }
    default: {
      const count = 1 + Math.floor(random() * 3);
      const garbage = Array.from({ length: count }, () => pick(GARBAGE)).join(random() < 0.5 ? ' ' : '');
      const at = random() < 0.5 ? token.start : token.end;
      return { text: text.slice(0, at) + garbage + text.slice(at), description: `insert ${show(garbage)} at offset ${at}` };
    }
  }
}

/** Lines as LSP splits them. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/** Why a range is not inside a text, or undefined when it is. */
export function rangeProblem(range: Range, text: string): string | undefined {
  const lengths = lineLengths(text);
  const { start, end } = range;
  for (const [name, position] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return `${name} is not a whole position`;
    if (position.line < 0 || position.line >= lengths.length) return `${name} line ${position.line} is outside 0..${lengths.length - 1}`;
    if (position.character < 0 || position.character > lengths[position.line])
      return `${name} character ${position.character} is past the end of line ${position.line} (length ${lengths[position.line]})`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'start is after end';
  return undefined;
}
