import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { StudyFile } from '../../server/model/ast';
import { parseStudyFile } from '../../server/model/build';
import { reparse, reparseCounts } from '../../server/model/incremental';
import { generateStudy, seededRandom } from '../bench/generateStudy';
import { REPO_ROOT } from './client';

/** The tree as data, keys sorted; the touchpoint → service back-pointer is written as the service's name. */
function snapshot(file: StudyFile): string {
  return JSON.stringify(file, (key, value: unknown) => {
    if (key === 'service' && typeof value === 'object' && value !== null) return `service ${(value as { name: { text: string } }).name.text}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  });
}

/** Where two snapshots first differ, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 150), i + 150)}…\nexpected …${b.slice(Math.max(0, i - 150), i + 150)}…`;
}

const EDITS = ['x', ' ', '\n', '\n    ', '"', '{', '}', ',', ':', '.', '// note\n', '_', '1', ''];

/** Random edits, each re-parsed incrementally from the last and compared with a full parse. */
function fuzz(name: string, text: string, rounds: number, seed: number): void {
  const random = seededRandom(seed);
  const file = `/virtual/${name}`;
  let previous = parseStudyFile(file, text);
  let clean = previous;
  for (let i = 0; i < rounds; i++) {
    const offset = Math.floor(random() * previous.text.length);
    const insert = EDITS[Math.floor(random() * EDITS.length)];
    const remove = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    const next = previous.text.slice(0, offset) + insert + previous.text.slice(offset + remove);
    const incremental = reparse(file, next, previous);
    const full = parseStudyFile(file, next);
    const [got, want] = [snapshot(incremental), snapshot(full)];
    if (got !== want) assert.fail(`${name}, edit ${i}: ${JSON.stringify(insert)} at ${offset} (removing ${remove}):\n${firstDifference(got, want)}`);
    // go on from the new text when it is clean; after a syntax error, mostly go back to the last clean text
    if (full.problems.length === 0) clean = incremental;
    previous = full.problems.length === 0 || random() < 0.2 ? incremental : clean;
  }
}

describe('incremental reparse', () => {
  it('gives the same tree as a full parse, for random edits to every sample', () => {
    const before = { ...reparseCounts };
    const samples = path.join(REPO_ROOT, 'samples');
    for (const name of fs.readdirSync(samples).filter((n) => n.endsWith('.study'))) fuzz(name, fs.readFileSync(path.join(samples, name), 'utf8'), 80, name.length);
    assert.ok(reparseCounts.incremental - before.incremental > 60, `only ${reparseCounts.incremental - before.incremental} edits were re-parsed incrementally`);
  });

  it('gives the same tree for edits to a large study, with CRLF and lone CR line ends too', () => {
    const text = generateStudy(15_000).text;
    fuzz('large.study', text, 60, 7);
    fuzz('crlf.study', text.replace(/\n/g, '\r\n'), 40, 8);
    const before = reparseCounts.incremental;
    fuzz('cr.study', text.replace(/\n/g, '\r'), 40, 9);
    assert.ok(reparseCounts.incremental - before > 5, `only ${reparseCounts.incremental - before} edits to a lone-CR study were re-parsed incrementally`);
  });

  it('re-parses one declaration when typing in a question label', () => {
    const text = generateStudy(15_000).text;
    const previous = parseStudyFile('/virtual/a.study', text);
    const at = text.indexOf('question ') + 'question '.length;
    const before = reparseCounts.incremental;
    const next = reparse('/virtual/a.study', text.slice(0, at) + 'x' + text.slice(at), previous);
    assert.equal(reparseCounts.incremental, before + 1);
    assert.equal(next.study!.declarations.filter((d, i) => d !== previous.study!.declarations[i]).length, 1, 'only the edited declaration is new');
  });
});
