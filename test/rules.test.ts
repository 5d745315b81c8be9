import { strict as assert } from 'assert';
import { lintFiles } from '../server/checks/lint';
import { RuleCase } from '../server/checks/rule';
import { RULES } from '../server/checks/rules';
import { CLEAN_STUDY } from '../server/checks/rules/fixture';
import { Range } from '../server/common/range';
import { Program } from '../server/model/program';
import { extractMarkedRanges, formatRange } from './support/markers';
import { MemoryHost } from './support/memoryHost';

/** Lints a case; markers may stand in the main file or in any of its side files. */
function lintCase(testCase: RuleCase) {
  const host = new MemoryHost();
  const expected = new Map<string, Range[]>();
  for (const [name, marked] of Object.entries({ ...testCase.files, 'main.study': testCase.code })) {
    const { text, ranges } = extractMarkedRanges(marked);
    const file = host.set(name, text);
    if (ranges.length > 0) expected.set(file, ranges);
  }
  const findings = lintFiles(new Program(host), [host.path('main.study')]);
  return { findings, expected };
}

describe('rules (each rule\'s own cases)', () => {
  it('the shared fixture is clean under every rule', () => {
    const { findings } = lintCase({ name: 'clean', code: CLEAN_STUDY });
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has a firing case and a quiet case', () => {
        assert.ok(rule.cases.invalid.length > 0, 'no invalid case');
        assert.ok(rule.cases.valid.length > 0, 'no valid case');
        assert.ok(rule.summary.length > 10 && rule.docs.length > 10);
      });
      for (const testCase of rule.cases.valid) {
        it(`quiet: ${testCase.name}`, () => {
          const { findings } = lintCase(testCase);
          const own = findings.filter((f) => f.rule === rule.id);
          assert.deepEqual(own.map((f) => `${formatRange(f.range)} ${f.message}`), []);
        });
      }
      for (const testCase of rule.cases.invalid) {
        it(`fires: ${testCase.name}`, () => {
          const { findings, expected } = lintCase(testCase);
          const own = findings.filter((f) => f.rule === rule.id && (expected.size === 0 || expected.has(f.file)));
          assert.ok(own.length > 0, `expected ${rule.id}; got ${findings.map((f) => `${f.rule} ${formatRange(f.range)} ${f.message}`).join('; ') || 'nothing'}`);
          for (const [file, ranges] of expected) {
            const inFile = own.filter((f) => f.file === file);
            assert.deepEqual(inFile.map((f) => formatRange(f.range)), ranges.map(formatRange), inFile.map((f) => f.message).join('; '));
          }
          for (const finding of own) assert.equal(finding.severity, rule.severity);
          (testCase.messages ?? []).forEach((part, i) => assert.ok(own[i]?.message.includes(part), `message ${JSON.stringify(own[i]?.message)} lacks ${JSON.stringify(part)}`));
        });
      }
    });
  }
});
