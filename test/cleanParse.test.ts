// The parser's fast path (server/syntax/cleanParse.ts) against chevrotain's: on every study the
// tests know and on random edits of them, whenever the fast path reads a file it gives the same
// tokens, comments and raw tree, and chevrotain finds nothing to report; and the AST's fast path
// (server/model/cleanBuild.ts) builds the same AST as the full builder whenever that reports nothing.
//
// Reproduce a failure with the seed it prints: STUDYSPEC_CLEAN_SEED=<seed> npx mocha --no-config out/test/cleanParse.test.js

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../server/checks/rules';
import { buildFromSyntax, parseStudyFile } from '../server/model/build';
import { buildClean } from '../server/model/cleanBuild';
import { parseClean } from '../server/syntax/cleanParse';
import { parseWithRecovery } from '../server/syntax/parser';
import { generateStudy, seededRandom } from './bench/generateStudy';
import { SHAPES, studyOfShape } from './bench/shapes';
import { extractMarkedRanges } from './support/markers';
import { plainTree } from './support/plainTree';
import { SHARED_EXAMPLES_V1, SHARED_EXAMPLES_V2 } from './support/shared';

const ROOT = path.resolve(__dirname, '../..');
const SEED = Number(process.env.STUDYSPEC_CLEAN_SEED ?? 20261201);
const EDITS_PER_TEXT = 40;

/** Pieces that break a study in the ways people do, or nearly do. */
const PIECES = [':', ',', '{', '}', '"', '"""', '..', '.', ' x', '\n', '/*', '*/', '//', 'study', 'yes', 'actor', ' 12', '\t', 'é', ',\n', ': ', '\\'];

function studies(): { name: string; text: string }[] {
  const result: { name: string; text: string }[] = [];
  const folder = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) folder(full);
      else if (entry.name.endsWith('.study')) result.push({ name: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  folder(path.join(ROOT, 'samples'));
  folder(SHARED_EXAMPLES_V1);
  folder(SHARED_EXAMPLES_V2);
  for (const rule of RULES) {
    for (const c of rule.cases.valid) result.push({ name: `${rule.id}: ${c.name}`, text: extractMarkedRanges(c.code).text });
    for (const c of rule.cases.invalid) result.push({ name: `${rule.id}: ${c.name}`, text: extractMarkedRanges(c.code).text });
  }
  result.push({ name: 'generated', text: generateStudy(30_000).text });
  for (const shape of SHAPES) result.push({ name: shape, text: studyOfShape(shape, 20_000) });
  return result;
}

/** Whether both paths agree on a text; true when the fast path read it. */
function agree(name: string, text: string): boolean {
  const clean = parseClean(text);
  const built = buildClean('/t.study', text);
  if (!clean) {
    assert.equal(built, undefined, `${name}: the AST's fast path read a file the parser's gives up on`);
    return false;
  }
  const fully = buildFromSyntax('/t.study', text);
  assert.equal(built !== undefined, fully.problems.length === 0, `${name}: the AST's fast path reads a file exactly when the full builder reports nothing`);
  if (built) assert.deepEqual(plainTree(built), plainTree(fully), `${name}: AST`);
  const full = parseWithRecovery(text);
  assert.deepEqual(
    { lexErrors: full.lexErrors.length, parseErrors: full.parseErrors.map((e) => e.message), keywordValues: full.keywordValues.length },
    { lexErrors: 0, parseErrors: [], keywordValues: 0 },
    `${name}: read by the fast path, but chevrotain reports problems`,
  );
  assert.deepEqual(clean.tokens, full.tokens, `${name}: tokens`);
  assert.deepEqual(clean.comments, full.comments, `${name}: comments`);
  assert.deepEqual(clean.file, full.file, `${name}: raw tree`);
  return true;
}

describe('the parser fast path', () => {
  const corpus = studies();

  it('reads every clean study the tests know exactly as chevrotain does', () => {
    let read = 0;
    for (const { name, text } of corpus) if (agree(name, text)) read++;
    // the fast path is the one a clean study takes: samples, examples, generated studies
    assert.ok(read > corpus.length / 2, `read ${read} of ${corpus.length}`);
    for (const name of ['generated', ...SHAPES]) assert.ok(parseClean(corpus.find((s) => s.name === name)!.text), name);
    for (const name of ['generated', ...SHAPES]) assert.ok(buildClean('/t.study', corpus.find((s) => s.name === name)!.text), `${name}: the AST's fast path`);
  });

  it(`agrees with chevrotain on ${EDITS_PER_TEXT} random edits of each study, or leaves the file to it (seed ${SEED})`, function () {
    this.timeout(120_000);
    let read = 0;
    const random = seededRandom(SEED);
    const pick = (n: number) => Math.floor(random() * n);
    for (const { name, text } of corpus) {
      for (let i = 0; i < EDITS_PER_TEXT; i++) {
        const at = pick(text.length + 1);
        const edit = pick(3);
        const edited =
          edit === 0
            ? text.slice(0, at) + text.slice(at + 1 + pick(8))
            : edit === 1
              ? text.slice(0, at) + PIECES[pick(PIECES.length)] + text.slice(at)
              : text.slice(0, at) + text.slice(pick(text.length));
        if (agree(`${name}, edit ${i}`, edited)) read++;
      }
    }
    // some edits leave a file clean (inside a string or a comment, a deleted blank), and the fast path reads those
    assert.ok(read > 0);
  });

  it('leaves broken files to chevrotain, whose messages stay the same', () => {
    for (const broken of ['study s {', 'study s { a: }', 'study s { a: x, }', 'study s { a: x y }', 'study s { a: study }', 'study s "unclosed { }', '/* open', 'study s { } }', 'ü']) {
      assert.equal(parseClean(broken), undefined, broken);
      assert.ok(parseStudyFile('/b.study', broken).problems.length > 0, broken);
    }
  });
});
