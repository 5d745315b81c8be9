// Property test: random edits of the samples never make parsing or linting throw, and every
// finding's range lies inside its document.
//
// Reproduce a failure with the seed and case it prints:
//   STUDYSPEC_PROPERTY_SEED=<seed> STUDYSPEC_PROPERTY_CASE=<case> npx mocha --no-config out/test/property.test.js

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lintFiles } from '../server/checks/lint';
import { FrameworkCatalog } from '../server/frameworks/catalog';
import { parseStudyFile } from '../server/model/build';
import { Program } from '../server/model/program';
import { seededRandom } from './bench/generateStudy';
import { MemoryHost } from './support/memoryHost';
import { lineLengths, randomEdit, rangeProblem } from './support/randomEdits';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples');
const SEED = Number(process.env.STUDYSPEC_PROPERTY_SEED ?? 20261124);
const ONLY_CASE = process.env.STUDYSPEC_PROPERTY_CASE === undefined ? undefined : Number(process.env.STUDYSPEC_PROPERTY_CASE);
/** edits per sample file: 9 files (6 samples, 3 mistakes) make 2,250 */
const CASES_PER_FILE = Number(process.env.STUDYSPEC_PROPERTY_CASES ?? 250);

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
            const problem = rangeProblem(finding.range, text);
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
