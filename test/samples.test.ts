// The sample studies are clean; samples/mistakes/ shows every rule.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lintFiles } from '../server/checks/lint';
import { RULES } from '../server/checks/rules';
import { diskHost } from '../server/common/diskHost';
import { Finding } from '../server/common/finding';
import { Program } from '../server/model/program';
import { SHARED_EXAMPLES_V1, SHARED_EXAMPLES_V2 } from './support/shared';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples');
const MISTAKES = path.join(SAMPLES, 'mistakes');
/** The contract's version 2 examples lint clean; the version 1 originals only parse and link. */
const EXAMPLES = SHARED_EXAMPLES_V2;
const EXAMPLES_V1 = SHARED_EXAMPLES_V1;
/** Rules about the text and its references: a version 1 study must still pass these under version 2. */
const PARSE_AND_LINK_RULES = [
  'syntax-error',
  'import-error',
  'unknown-reference',
  'wrong-kind',
  'duplicate-name',
  'unknown-framework',
  'invalid-framework',
  'unknown-construct',
  'unknown-property',
  'invalid-value',
  'missing-property',
];

function studiesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.study'))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * What a folder may report: nothing in samples/; in the contract's examples (read-only) no error
 * or warning, as LANGUAGE.md asks. A hint there is the contract at work: online-consultations
 * gives no `ask_staff` for `responses`, which the staff interviews ask (participant-question-missing).
 */
function notAllowed(folder: string, findings: Finding[]): Finding[] {
  return folder === SAMPLES ? findings : findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${path.relative(ROOT, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}: ${f.message}`).join('\n');
}

describe('samples', () => {
  const folders = [SAMPLES, ...(fs.existsSync(EXAMPLES) ? [EXAMPLES] : [])];
  for (const folder of folders) {
    describe(folder === SAMPLES ? 'samples/*.study' : EXAMPLES, () => {
      const files = studiesIn(folder);

      it('has studies', () => {
        assert.ok(files.length >= 3, files.join(', '));
      });

      it(folder === SAMPLES ? 'lint together with zero findings of any severity, hints included' : 'lint together with no error or warning', () => {
        const findings = notAllowed(folder, lintFiles(new Program(diskHost), files));
        assert.deepEqual(findings, [], describeFindings(findings));
      });

      for (const file of files) {
        it(`${path.basename(file)} alone, with its folder as context, has ${folder === SAMPLES ? 'zero findings' : 'no error or warning'}`, () => {
          const findings = notAllowed(folder, lintFiles(new Program(diskHost), [file], files));
          assert.deepEqual(findings, [], describeFindings(findings));
        });
      }
    });
  }
});

describe('version 1 examples under version 2', () => {
  if (!fs.existsSync(EXAMPLES_V1)) return;
  it('still parse and link: no finding of a parsing or linking rule', () => {
    const findings = lintFiles(new Program(diskHost), studiesIn(EXAMPLES_V1));
    const broken = findings.filter((f) => PARSE_AND_LINK_RULES.includes(f.rule));
    assert.deepEqual(broken, [], describeFindings(broken));
  });
});

describe('samples/mistakes', () => {
  let findings: Finding[];
  before(() => {
    findings = lintFiles(new Program(diskHost), studiesIn(MISTAKES));
  });

  it('shows every rule at least once', () => {
    const fired = new Set(findings.map((f) => f.rule));
    assert.deepEqual(
      RULES.map((rule) => rule.id).filter((id) => !fired.has(id)),
      [],
    );
  });

  it('reports each finding in the folder, and no internal error', () => {
    for (const finding of findings) {
      assert.ok(finding.file.startsWith(MISTAKES + path.sep), finding.file);
      assert.ok(!finding.message.startsWith('Internal error'), finding.message);
    }
  });

  it('explains every finding with a MISTAKE comment naming its rule', () => {
    const studies = studiesIn(MISTAKES).map((file) => fs.readFileSync(file, 'utf8'));
    const readme = fs.readFileSync(path.join(MISTAKES, 'README.md'), 'utf8');
    for (const finding of findings) {
      if (finding.file.endsWith('.study')) {
        const text = fs.readFileSync(finding.file, 'utf8');
        assert.ok(text.includes(`MISTAKE ${finding.rule}`), `${path.basename(finding.file)} has no "MISTAKE ${finding.rule}" comment for:\n${describeFindings([finding])}`);
      } else {
        // a JSON file cannot hold comments: the study that selects it and the README explain it
        assert.ok(studies.some((text) => text.includes(`MISTAKE ${finding.rule}`)) && readme.includes(finding.rule), finding.rule);
      }
    }
  });

  it('the main draft reports its mistakes where its comments say', () => {
    const file = path.join(MISTAKES, 'gp-online-triage.study');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const finding of findings.filter((f) => f.file === file)) {
      // the MISTAKE comment naming the rule is within the few lines above the finding (or names it from the ethics block)
      const above = lines.slice(Math.max(0, finding.range.start.line - 12), finding.range.start.line + 1).join('\n');
      assert.ok(above.includes(`MISTAKE ${finding.rule}`) || above.includes(finding.rule), `no nearby comment for\n${describeFindings([finding])}`);
    }
  });
});
