// Property test: random edits of the samples never make parsing or linting throw, and every
// finding's range lies inside its document.
//
// Reproduce a failure with the seed and case it prints:
//   STUDYSPEC_PROPERTY_SEED=<seed> STUDYSPEC_PROPERTY_CASE=<case> npx mocha --no-config out/test/property.test.js

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lintFiles } from '../server/checks/lint';
import { Finding } from '../server/common/finding';
import { FrameworkCatalog } from '../server/frameworks/catalog';
import { parseStudyFile } from '../server/model/build';
import { Program } from '../server/model/program';
import { seededRandom } from './bench/generateStudy';
import { MemoryHost } from './support/memoryHost';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples');
const SEED = Number(process.env.STUDYSPEC_PROPERTY_SEED ?? 20261124);
const ONLY_CASE = process.env.STUDYSPEC_PROPERTY_CASE === undefined ? undefined : Number(process.env.STUDYSPEC_PROPERTY_CASE);
/** edits per sample file: 9 files (6 samples, 3 mistakes) make 2,250 */
const CASES_PER_FILE = Number(process.env.STUDYSPEC_PROPERTY_CASES ?? 250);

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

interface Edit {
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
function randomEdit(text: string, random: () => number): Edit {
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
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/** Why a finding's range is not inside its document, or undefined when it is. */
function rangeProblem(finding: Finding, text: string): string | undefined {
  const lengths = lineLengths(text);
  const { start, end } = finding.range;
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

describe('property: random edits of the samples', function () {
  this.timeout(180000);

  // every sample and every mistake, held in memory at their real paths
  const host = new MemoryHost({}, '/nowhere');
  const files: string[] = [];
  for (const dir of [SAMPLES, path.join(SAMPLES, 'mistakes')]) {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (name.endsWith('.study')) files.push(full);
      if (name.endsWith('.study') || name.endsWith('.json')) host.files.set(full, fs.readFileSync(full, 'utf8'));
    }
    const frameworks = path.join(dir, 'frameworks');
    if (fs.existsSync(frameworks)) for (const name of fs.readdirSync(frameworks)) host.files.set(path.join(frameworks, name), fs.readFileSync(path.join(frameworks, name), 'utf8'));
  }
  const catalog = new FrameworkCatalog(host);
  const program = new Program(host, { catalog });

  it(`covers at least 2,000 edits (seed ${SEED})`, () => {
    assert.ok(ONLY_CASE !== undefined || files.length * CASES_PER_FILE >= 2000, `${files.length} files × ${CASES_PER_FILE}`);
  });

  files.forEach((file, fileIndex) => {
    const original = host.files.get(file)!;
    const context = files.filter((f) => path.dirname(f) === path.dirname(file));
    it(`${path.relative(SAMPLES, file)}: ${CASES_PER_FILE} edits never throw and stay in range`, () => {
      const failures: string[] = [];
      let broken = 0;
      let tried = 0;
      for (let i = 0; i < CASES_PER_FILE && failures.length < 5; i++) {
        const caseNumber = fileIndex * CASES_PER_FILE + i;
        if (ONLY_CASE !== undefined && caseNumber !== ONLY_CASE) continue;
        const random = seededRandom(SEED * 7919 + caseNumber);
        let edit = randomEdit(original, random);
        if (random() < 0.3) {
          const second = randomEdit(edit.text, random);
          edit = { text: second.text, description: `${edit.description}; then ${second.description}` };
        }
        const where = `seed ${SEED}, case ${caseNumber} (${path.relative(ROOT, file)}): ${edit.description}`;
        try {
          host.files.set(file, edit.text);
          const parsed = parseStudyFile(file, edit.text);
          assert.equal(parsed.lineCount, lineLengths(edit.text).length, 'lineCount');
          tried++;
          const findings = lintFiles(program, [file], context);
          if (findings.some((f) => f.rule === 'syntax-error' && f.file === file)) broken++;
          for (const finding of findings) {
            const text = host.files.get(finding.file);
            if (text === undefined) continue;
            const problem = rangeProblem(finding, text);
            if (problem) failures.push(`${where}\n  ${finding.rule} ${JSON.stringify(finding.range)} in ${path.basename(finding.file)}: ${problem}\n  message: ${finding.message}`);
          }
        } catch (error) {
          failures.push(`${where}\n  threw: ${error instanceof Error ? error.stack : String(error)}`);
        } finally {
          host.files.set(file, original);
        }
      }
      assert.deepEqual(failures, []);
      // the edits do break the text (a delete of a comment or a swap of equal tokens need not)
      if (ONLY_CASE === undefined) assert.ok(broken > tried / 4, `only ${broken} of ${tried} edits gave a syntax error`);
    });
  });

  it('the unedited samples are unharmed by the run', () => {
    for (const file of files.filter((f) => !f.includes(`${path.sep}mistakes${path.sep}`))) {
      assert.deepEqual(
        lintFiles(
          program,
          [file],
          files.filter((f) => path.dirname(f) === path.dirname(file)),
        ),
        [],
        file,
      );
    }
  });
});
