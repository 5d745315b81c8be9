import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RefValue, StudyFile } from '../../server/model/ast';
import { parseStudyFile } from '../../server/model/build';
import { reparse, reparseCounts } from '../../server/model/incremental';
import { linkCounts, Program } from '../../server/model/program';
import { StudyModel } from '../../server/model/model';
import { runChecks } from '../../server/checks/run';
import { MemoryHost } from '../support/memoryHost';
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
    previous = full.problems.length <= 3 ? incremental : base;
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

/** Every reference value written in a file's tree. */
function refValues(node: unknown, into = new Set<RefValue>(), seen = new Set<object>()): Set<RefValue> {
  if (typeof node !== 'object' || node === null || seen.has(node)) return into;
  seen.add(node);
  if ((node as { kind?: unknown }).kind === 'ref') into.add(node as RefValue);
  for (const [key, value] of Object.entries(node)) if (key !== 'service') refValues(value, into, seen);
  return into;
}

/**
 * A linked model as data, each declaration named by its kind, name and range; fails when the
 * model links to an object that is not its own (a declaration or reference value of an older tree).
 */
function modelSnapshot(model: StudyModel): string {
  const study = model.study;
  const own = new Set<object>([...model.declarations, ...(study ? [study, ...study.excludes, ...study.ethics] : [])]);
  const values = new Set<RefValue>();
  for (const file of model.files) refValues(file, values);
  const name = (d: object | undefined): string | undefined => {
    if (!d) return undefined;
    const { kind, name, range } = d as { kind: string; name?: { text: string }; range: unknown };
    if (!own.has(d)) assert.fail(`the model links to ${kind} ${name?.text ?? ''} at ${JSON.stringify(range)}, not its own`);
    return `${kind} ${name?.text ?? ''} ${JSON.stringify(range)}`;
  };
  assert.equal(model.referenceByValue.size, model.references.length);
  for (const site of model.references) {
    assert.ok(values.has(site.value), `a reference value not in the model's files: ${site.value.path}`);
    assert.equal(model.referenceByValue.get(site.value), site);
  }
  return JSON.stringify({
    keys: Object.keys(model).sort(),
    root: model.root === model.files[0] && model.study === model.root.study,
    declarations: model.declarations.map(name),
    kinds: [model.actors, model.tools, model.services, model.touchpoints, model.questions, model.methods].map((list) => list.map(name)),
    symbols: [...model.symbols].map(([key, list]) => [key, list.map(name)]),
    references: model.references.map((s) => ({
      value: s.value.path,
      range: s.value.range,
      file: s.file,
      owner: name(s.owner),
      key: s.key,
      expects: s.expects,
      kinds: s.kinds,
      declaration: name(s.declaration),
      framework: s.framework?.id,
      construct: s.construct?.path,
      movedFrom: s.movedFrom,
      problem: s.problem,
    })),
    selections: model.selections.map((s) => ({ file: s.file, ref: s.ref?.path, path: s.pathValue?.text, framework: s.framework?.id, construct: s.construct?.path })),
    excludes: model.excludes.map(name),
    ethics: name(model.ethics),
    importProblems: model.importProblems,
    frameworks: [...model.frameworks.keys()],
    selected: [...model.selectedFrameworks].map((f) => f.id),
  });
}

/** Edits that keep a file clean but change what a reference names, or name it wrongly. */
const REFERENCE_EDITS: [RegExp, string][] = [
  [/(about: )(\w+)/, '$1$2x'],
  [/(actors: )(\w+)/, '$1$2_2'],
  [/(methods: )(\w+)/, '$1q_0_0'],
  [/(constructs: )([\w.]+)/, '$1$2.nothing'],
  [/(about: \w+)/, '$1, q_1_0'],
];

/**
 * Random edits (and edits to references), each re-parsed incrementally and linked from the
 * previous model, compared with a whole link of the same tree; every `checkEvery`-th edit the
 * findings too. Returns how many models were carried over.
 */
function fuzzLink(name: string, text: string, rounds: number, seed: number, checkEvery: number): number {
  const random = seededRandom(seed);
  const host = new MemoryHost({ [name]: text });
  const filePath = host.path(name);
  const program = new Program(host, { parse: reparse });
  let model = program.model(filePath)!;
  let relinked = 0;
  for (let i = 0; i < rounds; i++) {
    const current = program.file(filePath)!.text;
    let next: string;
    if (random() < 0.4) {
      const [pattern, replacement] = REFERENCE_EDITS[Math.floor(random() * REFERENCE_EDITS.length)];
      const from = Math.floor(random() * current.length);
      next = current.slice(0, from) + current.slice(from).replace(pattern, replacement);
    } else {
      const offset = Math.floor(random() * current.length);
      const insert = EDITS[Math.floor(random() * EDITS.length)];
      const remove = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
      next = current.slice(0, offset) + insert + current.slice(offset + remove);
    }
    // now and then back to the text the edits started from
    if (random() < 0.1) next = text;
    host.set(name, next);
    const file = program.file(filePath)!;
    const before = linkCounts.relinked;
    const incremental = program.modelOf(file, { previous: model });
    relinked += linkCounts.relinked - before;
    const full = program.modelOf(file);
    const [got, want] = [modelSnapshot(incremental), modelSnapshot(full)];
    if (got !== want) assert.fail(`${name}, edit ${i}:\n${firstDifference(got, want)}`);
    if (i % checkEvery === 0) assert.deepEqual(runChecks(incremental), runChecks(full), `${name}, edit ${i}: the findings differ`);
    model = incremental;
  }
  return relinked;
}

describe('incremental link', () => {
  it('gives the same model and findings as a whole link, for random edits to every sample', () => {
    const samples = path.join(REPO_ROOT, 'samples');
    let relinked = 0;
    for (const name of fs.readdirSync(samples).filter((n) => n.endsWith('.study'))) relinked += fuzzLink(name, fs.readFileSync(path.join(samples, name), 'utf8'), 60, name.length + 200, 3);
    assert.ok(relinked > 100, `only ${relinked} models were carried over`);
  });

  it('gives the same model for random edits to a large study', () => {
    const relinked = fuzzLink('large.study', generateStudy(15_000).text, 80, 21, 10);
    assert.ok(relinked > 20, `only ${relinked} models were carried over`);
  });

  it('carries the model over for a keystroke in a question label, and links whole when a name changes', () => {
    const text = generateStudy(15_000).text;
    const host = new MemoryHost({ 'a.study': text });
    const filePath = host.path('a.study');
    const program = new Program(host, { parse: reparse });
    const model = program.model(filePath)!;
    const before = { ...linkCounts };
    const label = text.indexOf('"', text.indexOf('question ')) + 2;
    host.set('a.study', text.slice(0, label) + 'x' + text.slice(label));
    const typed = program.modelOf(program.file(filePath)!, { previous: model });
    assert.equal(linkCounts.relinked, before.relinked + 1);
    const name = text.indexOf('question ') + 'question '.length;
    host.set('a.study', text.slice(0, name) + 'x' + text.slice(name));
    program.modelOf(program.file(filePath)!, { previous: typed });
    assert.equal(linkCounts.full, before.full + 1);
  });
});
