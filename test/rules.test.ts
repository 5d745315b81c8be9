import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLEAN_STUDY } from '../server/checks/fixture';
import { lintFiles } from '../server/checks/lint';
import { QuickFix, Rule, RuleCase } from '../server/checks/rule';
import { RULES } from '../server/checks/rules';
import { Finding } from '../server/common/finding';
import { Range } from '../server/common/range';
import { Program } from '../server/model/program';
import { applyEdits } from './lsp/client';
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
  const program = new Program(host);
  const main = host.path('main.study');
  const findings = lintFiles(program, [main]);
  return { findings, expected, program, main, host };
}

/** What each quick fix of `rule` makes of the case's main file, by title, for the findings of the rule. */
function fixedTexts(rule: Rule, own: Finding[], { program, main, host }: ReturnType<typeof lintCase>): Map<string, string> {
  const outputs = new Map<string, string>();
  const model = program.model(main);
  if (!rule.fix || !model) return outputs;
  for (const finding of own) {
    const file = program.file(finding.file);
    assert.ok(file, finding.file);
    const fixes: QuickFix[] = rule.fix({ finding, model, file, fileOf: (p) => program.file(p) });
    for (const fix of fixes) {
      if (fix.edits.every((e) => e.edits.length === 0)) continue;
      assert.ok(!outputs.has(fix.title), `two fixes titled ${JSON.stringify(fix.title)}: split the case`);
      for (const edit of fix.edits) assert.equal(edit.file, main, `${fix.title} edits ${path.basename(edit.file)}, which the case cannot assert`);
      outputs.set(
        fix.title,
        applyEdits(
          host.files.get(main)!,
          fix.edits.flatMap((e) => e.edits),
        ),
      );
    }
  }
  return outputs;
}

describe("rules (each rule's own cases)", () => {
  it('the shared fixture is clean under every rule', () => {
    const { findings } = lintCase({ name: 'clean', code: CLEAN_STUDY });
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('has one module per rule, named after its id, each in the list', () => {
    const folder = path.join(__dirname, '..', 'server', 'checks', 'rules');
    const modules = fs.readdirSync(folder).filter((name) => name.endsWith('.js') && name !== 'index.js');
    const ids = modules.map((name) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(path.join(folder, name)) as Record<string, unknown>).filter(
        (value): value is Rule => typeof value === 'object' && value !== null && ('check' in value || 'checkBlock' in value),
      );
      assert.equal(exported.length, 1, `${name} exports ${exported.length} rules`);
      assert.equal(`${exported[0].id}.js`, name);
      return exported[0].id;
    });
    assert.deepEqual(ids.sort(), RULES.map((rule) => rule.id).sort());
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has a firing case and a quiet case', () => {
        assert.ok(rule.cases.invalid.length > 0, 'no invalid case');
        assert.ok(rule.cases.valid.length > 0, 'no valid case');
        assert.ok(rule.summary.length > 10 && rule.docs.length > 10);
        if (rule.fix)
          assert.ok(
            rule.cases.invalid.some((c) => c.output),
            'a fix and no case with its output',
          );
      });
      for (const testCase of rule.cases.valid) {
        it(`quiet: ${testCase.name}`, () => {
          const { findings } = lintCase(testCase);
          const own = findings.filter((f) => f.rule === rule.id);
          assert.deepEqual(
            own.map((f) => `${formatRange(f.range)} ${f.message}`),
            [],
          );
        });
      }
      for (const testCase of rule.cases.invalid) {
        it(`fires: ${testCase.name}`, () => {
          const { findings, expected } = lintCase(testCase);
          const own = findings.filter((f) => f.rule === rule.id && (expected.size === 0 || expected.has(f.file)));
          assert.ok(own.length > 0, `expected ${rule.id}; got ${findings.map((f) => `${f.rule} ${formatRange(f.range)} ${f.message}`).join('; ') || 'nothing'}`);
          for (const [file, ranges] of expected) {
            const inFile = own.filter((f) => f.file === file);
            assert.deepEqual(
              inFile.map((f) => formatRange(f.range)),
              ranges.map(formatRange),
              inFile.map((f) => f.message).join('; '),
            );
          }
          for (const finding of own) assert.equal(finding.severity, rule.severity);
          (testCase.messages ?? []).forEach((part, i) => assert.ok(own[i]?.message.includes(part), `message ${JSON.stringify(own[i]?.message)} lacks ${JSON.stringify(part)}`));
        });
        if (!rule.fix) continue;
        it(`fixes: ${testCase.name}`, () => {
          const linted = lintCase(testCase);
          const fixed = fixedTexts(
            rule,
            linted.findings.filter((f) => f.rule === rule.id),
            linted,
          );
          if (process.env.DUMP_FIXES) console.log(JSON.stringify({ rule: rule.id, name: testCase.name, code: linted.host.files.get(linted.main), fixed: Object.fromEntries(fixed) }));
          if (!testCase.output) return assert.deepEqual([...fixed.keys()], [], 'the case offers fixes but gives no output');
          assert.ok(fixed.size > 0, 'the case gives an output but no fix is offered');
          for (const [title, output] of Object.entries(testCase.output)) {
            assert.ok(fixed.has(title), `no fix ${JSON.stringify(title)} in ${[...fixed.keys()].join(' | ')}`);
            assert.equal(fixed.get(title), output, title);
          }
        });
      }
    });
  }
});
