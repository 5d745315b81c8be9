import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { StudyFile } from '../../server/model/ast';
import { parseStudyFile } from '../../server/model/build';
import { reparse, reparseCounts } from '../../server/model/incremental';
import { Program } from '../../server/model/program';
import { runChecks } from '../../server/checks/run';
import { MemoryHost } from '../support/memoryHost';
import { plainTree } from '../support/plainTree';
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
  // a re-parse gives up the tree it starts from: trees gone back to are kept as copies
  let clean = plainTree(previous);
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
    if (full.problems.length === 0) clean = plainTree(incremental);
    previous = full.problems.length === 0 || random() < 0.2 ? incremental : plainTree(clean);
  }
}

/** Edits that leave a syntax error standing: a value taken away, a stray token, a key without its colon, an unclosed string or brace. */
const BREAKS: [RegExp, string][] = [
  [/(channel|perspective|mode|stage): \S+/, '$1:'],
  [/\n(\s+)(about|methods|actors): /, '\n$1$2: @ '],
  [/\n(\s+)(description|probes|source): /, '\n$1ask\n$1$2: '],
  [/(question \w+ ")([^"\n]*)"/, '$1$2'],
  [/(touchpoint \w+ "[^"\n]*" )\{/, '$1'],
  [/\n(\s+)\}\n(\s+)(method|question)/, '\n$1\n$2$3'],
  [/\n(\s+)(\w+): /, '\n$1$2: : '],
];

/** The findings of a file's model (the tree equal, the model and its findings are too; this checks the way there). */
function findingsOf(file: StudyFile): string {
  const host = new MemoryHost({ [path.basename(file.path)]: file.text });
  const findings = runChecks(new Program(host).modelOf(file));
  return JSON.stringify(findings.map((f) => ({ ...f, suggestions: undefined, data: undefined })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
}

/**
 * A syntax error put somewhere in the text, then random edits re-parsed incrementally one from
 * the other whatever errors they make, each compared with a full parse; every `checkEvery`-th
 * edit the findings of both models are compared too.
 */
function fuzzWithErrors(name: string, text: string, rounds: number, seed: number, checkEvery: number): number {
  const random = seededRandom(seed);
  const file = `/virtual/${name}`;
  const breaks = BREAKS.filter(([pattern]) => pattern.test(text));
  let base = parseStudyFile(file, text);
  let previous = base;
  let withErrors = 0;
  for (let i = 0; i < rounds; i++) {
    if (i % 20 === 0) {
      // a new standing error, found by its pattern from a random point on
      const [pattern, replacement] = breaks[Math.floor(random() * breaks.length)];
      const from = Math.floor(random() * text.length * 0.8);
      const broken = text.slice(0, from) + (pattern.test(text.slice(from)) ? text.slice(from).replace(pattern, replacement) : text.slice(from));
      base = reparse(file, broken, previous);
      const full = parseStudyFile(file, broken);
      assert.equal(snapshot(base), snapshot(full), `${name}: breaking with ${pattern}`);
      previous = base;
      base = plainTree(base);
    }
    const offset = Math.floor(random() * previous.text.length);
    const insert = EDITS[Math.floor(random() * EDITS.length)];
    const remove = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    const next = previous.text.slice(0, offset) + insert + previous.text.slice(offset + remove);
    const before = reparseCounts.withErrors;
    const incremental = reparse(file, next, previous);
    withErrors += reparseCounts.withErrors - before;
    const full = parseStudyFile(file, next);
    const [got, want] = [snapshot(incremental), snapshot(full)];
    if (got !== want) assert.fail(`${name}, edit ${i}: ${JSON.stringify(insert)} at ${offset} (removing ${remove}):\n${firstDifference(got, want)}`);
    if (i % checkEvery === 0) assert.equal(findingsOf(incremental), findingsOf(full), `${name}, edit ${i}: the findings differ`);
    // go on from the new text, errors and all, unless it has many; then back to the standing error
    previous = full.problems.length <= 3 ? incremental : plainTree(base);
  }
  return withErrors;
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

  it('gives the same tree and findings as a full parse for random edits while a syntax error stands, in every sample', () => {
    const samples = path.join(REPO_ROOT, 'samples');
    let withErrors = 0;
    for (const name of fs.readdirSync(samples).filter((n) => n.endsWith('.study'))) withErrors += fuzzWithErrors(name, fs.readFileSync(path.join(samples, name), 'utf8'), 120, name.length + 100, 6);
    assert.ok(withErrors > 150, `only ${withErrors} edits to a file with syntax errors were re-parsed incrementally`);
  });

  it('gives the same tree for random edits while a syntax error stands in a large study, CRLF too', () => {
    const text = generateStudy(15_000).text;
    const withErrors = fuzzWithErrors('large.study', text, 100, 11, 25) + fuzzWithErrors('crlf.study', text.replace(/\n/g, '\r\n'), 60, 12, 30);
    assert.ok(withErrors > 60, `only ${withErrors} edits to a large study with syntax errors were re-parsed incrementally`);
  });

  it('keeps a syntax error elsewhere as it is when typing in another declaration, re-parsing only that one', () => {
    const text = generateStudy(15_000).text;
    const broken = text.replace(/channel: \w+/, 'channel:');
    const previous = parseStudyFile('/virtual/a.study', broken);
    assert.equal(previous.problems.length, 1);
    const at = broken.lastIndexOf('question ') + 'question '.length + 3;
    const before = { ...reparseCounts };
    const next = reparse('/virtual/a.study', broken.slice(0, at) + 'x' + broken.slice(at), previous);
    assert.equal(reparseCounts.incremental, before.incremental + 1);
    assert.equal(reparseCounts.full, before.full);
    assert.deepEqual(next.problems, previous.problems);
  });

  it('re-parses one declaration for each keystroke of a property typed into it, through the syntax errors on the way', () => {
    let text = generateStudy(15_000).text;
    let previous = parseStudyFile('/virtual/a.study', text);
    let at = text.indexOf('\n', text.indexOf('about:'));
    const before = { ...reparseCounts };
    let errors = 0;
    for (const typed of ['\n    ', ...'ask_staff: ', '""', ...'Why?']) {
      text = text.slice(0, at) + typed + text.slice(at);
      at += typed === '""' ? 1 : typed.length;
      previous = reparse('/virtual/a.study', text, previous);
      assert.equal(snapshot(previous), snapshot(parseStudyFile('/virtual/a.study', text)));
      if (previous.problems.length > 0) errors++;
    }
    assert.ok(errors >= 10, `only ${errors} keystrokes left a syntax error`);
    assert.equal(reparseCounts.full, before.full, 'no keystroke needed a full parse');
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
