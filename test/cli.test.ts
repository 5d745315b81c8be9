// The command line (bin/studyspec.js → server/cli), run as a child process in a temporary folder.

import { strict as assert } from 'assert';
import Ajv, { AnySchemaObject, ValidateFunction } from 'ajv';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES, RULES_BY_ID } from '../server/checks/rules';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin', 'studyspec.js');
const SARIF_SCHEMA = path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json');

/** Two warnings (touchpoint-not-evaluated, unused-method) and a hint (unused-declaration), no errors. */
const WARNINGS_STUDY = variant('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "Booking app"')
  .replace('    touchpoint visit', '    touchpoint call "Reminder call" {\n      channel: telephone\n      actors: nurse\n    }\n    touchpoint visit')
  .replace('  ethics {', '  method logs: usage_log "App logs" { data: anonymous analysis: "Monthly counts" }\n  ethics {');
/** One error (unknown-reference, line 12) and two warnings (touchpoint-not-evaluated, line 6, as the question's about: names nothing; unknown-property, line 14). */
const ERRORS_STUDY = variant('about: visit', 'about: vist').replace('perspective: both', 'perspective: both\n    perspectve: both');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function explain(run: Run): string {
  return `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The official SARIF 2.1.0 schema, compiled with ajv (see test/fixtures/README.md). */
function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  // The published schema is draft-04: `$schema` draft-04 and `id`. It uses no keyword that
  // changed meaning after draft-04 (no boolean exclusiveMinimum/Maximum, no `dependencies`),
  // so it validates the same under draft-07, which ajv 8 supports without ajv-draft-04.
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  assert.ok(!JSON.stringify(schema).includes('exclusiveM'));
  const { id, ...rest } = schema;
  const draft07: AnySchemaObject = { ...rest, $schema: 'http://json-schema.org/draft-07/schema#', $id: String(id) };
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is not installed: the three formats the schema uses, checked here
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && !/\s/.test(value) && URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(value));
  return ajv.compile(draft07);
}

describe('CLI (studyspec lint)', function () {
  this.timeout(60000);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-cli-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('exit codes', () => {
    it('0 for a clean study', () => {
      write('clinic.study', CLEAN_STUDY);
      const run = cli('lint', 'clinic.study');
      assert.equal(run.status, 0, explain(run));
      assert.equal(run.stdout, 'No problems found.\n');
      assert.equal(run.stderr, '');
    });

    it('1 when there is an error', () => {
      write('clinic.study', ERRORS_STUDY);
      const run = cli('lint', 'clinic.study');
      assert.equal(run.status, 1, explain(run));
    });

    it('0 with warnings and no --max-warnings; hints never count', () => {
      write('clinic.study', WARNINGS_STUDY);
      const run = cli('lint');
      assert.equal(run.status, 0, explain(run));
      assert.match(run.stdout, /3 problems \(0 errors, 2 warnings, 1 hint\)/);
    });

    it('1 when the warnings are over --max-warnings, 0 at or under it', () => {
      write('clinic.study', WARNINGS_STUDY);
      for (const [limit, status] of [
        ['0', 1],
        ['1', 1],
        ['2', 0],
        ['3', 0],
      ] as const) {
        const run = cli('lint', '--max-warnings', limit, '.');
        assert.equal(run.status, status, `--max-warnings ${limit}\n${explain(run)}`);
      }
      assert.equal(cli('lint', '--max-warnings=1').status, 1);
      assert.equal(cli('lint', '--max-warnings=2').status, 0);
    });

    it('1 for errors even when the warnings are under the limit', () => {
      write('clinic.study', ERRORS_STUDY);
      assert.equal(cli('lint', '--max-warnings', '100').status, 1);
    });

    const usage: [string, string[], RegExp][] = [
      ['an unknown option', ['lint', '--fix', '.'], /studyspec: unknown option '--fix'\nRun 'studyspec help' for usage\./],
      ['an unknown format', ['lint', '--format', 'xml', '.'], /studyspec: unknown format 'xml': use stylish, json, sarif/],
      ['a format with no value', ['lint', '--format'], /studyspec: --format needs a value/],
      ['a word for a number', ['lint', '--max-warnings', 'ten', '.'], /--max-warnings takes a whole number, not 'ten'/],
      ['a negative number', ['lint', '--max-warnings', '-1', '.'], /--max-warnings takes a whole number, not '-1'/],
      ['a fraction', ['lint', '--max-warnings=1.5', '.'], /--max-warnings takes a whole number, not '1.5'/],
      ['an unknown command', ['check', '.'], /studyspec: unknown command 'check'/],
    ];
    for (const [name, args, message] of usage) {
      it(`2 for bad usage: ${name}`, () => {
        write('clinic.study', CLEAN_STUDY);
        const run = cli(...args);
        assert.equal(run.status, 2, explain(run));
        assert.match(run.stderr, message);
        assert.equal(run.stdout, '');
      });
    }

    it('2 with the help when there is no command', () => {
      const run = cli();
      assert.equal(run.status, 2, explain(run));
      assert.match(run.stdout, /^Usage: studyspec <command>/);
      assert.equal(cli('help').status, 0);
    });

    it('2 for a path that does not exist, with a clear message, and nothing linted', () => {
      write('clinic.study', ERRORS_STUDY);
      const run = cli('lint', 'clinic.study', 'missing.study');
      assert.equal(run.status, 2, explain(run));
      assert.equal(run.stderr, "studyspec: cannot read 'missing.study': no such file or folder\n");
      assert.equal(run.stdout, '');
      const folder = cli('lint', 'no/such/folder');
      assert.equal(folder.status, 2);
      assert.equal(folder.stderr, "studyspec: cannot read 'no/such/folder': no such file or folder\n");
    });

    it('2 for a file that cannot be read', function () {
      if (process.getuid?.() === 0) this.skip(); // root reads everything
      const file = write('locked.study', CLEAN_STUDY);
      fs.chmodSync(file, 0o000);
      const run = cli('lint', 'locked.study');
      assert.equal(run.status, 2, explain(run));
      assert.equal(run.stderr, "studyspec: cannot read 'locked.study': permission denied\n");
    });

    it('0 for a folder with no studies, saying so on stderr', () => {
      write('notes.txt', 'not a study');
      const run = cli('lint', '.');
      assert.equal(run.status, 0, explain(run));
      assert.equal(run.stderr, 'studyspec: no .study files found\n');
    });
  });

  describe('files and folders', () => {
    it('searches folders recursively for *.study, skipping node_modules and other files', () => {
      write('a.study', ERRORS_STUDY);
      write('nested/deeper/b.study', ERRORS_STUDY.replace('study clinic', 'study b'));
      write('nested/c.txt', ERRORS_STUDY);
      write('nested/d.study.bak', ERRORS_STUDY);
      write('node_modules/pkg/e.study', ERRORS_STUDY);
      const run = cli('lint', '--format', 'json');
      const files = [...new Set((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file))];
      assert.deepEqual(files, ['a.study', 'nested/deeper/b.study']);
      const named = cli('lint', '--format', 'json', 'nested');
      assert.deepEqual([...new Set((JSON.parse(named.stdout) as JsonFinding[]).map((f) => f.file))], ['nested/deeper/b.study']);
    });

    it('lints a study once when it is named twice or reached twice', () => {
      write('a.study', ERRORS_STUDY);
      const run = cli('lint', '--format', 'json', 'a.study', '.', './a.study');
      assert.equal((JSON.parse(run.stdout) as JsonFinding[]).length, 3);
    });

    it('writes the report to -o / --output', () => {
      write('a.study', ERRORS_STUDY);
      const run = cli('lint', '--format', 'json', '-o', 'report.json', 'a.study');
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as unknown[]).length, 3);
      cli('lint', '--output=report.txt', 'a.study');
      assert.match(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), /3 problems/);
    });

    it('applies the .studyspec.json beside the studies', () => {
      write('a.study', WARNINGS_STUDY);
      write('.studyspec.json', '{ "rules": { "unused-method": "error", "unused-declaration": "off" } }');
      const run = cli('lint', '--format', 'json');
      assert.equal(run.status, 1);
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.rule} ${f.severity}`),
        ['touchpoint-not-evaluated warning', 'unused-method error'],
      );
    });
  });

  describe('a broken configuration', () => {
    it('is reported as invalid-config, and the default severities apply (test/fixtures/broken-config)', () => {
      const result = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: path.join(ROOT, 'test', 'fixtures', 'broken-config'), encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      const findings = JSON.parse(result.stdout) as JsonFinding[];
      assert.deepEqual(
        findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity} ${f.rule}`),
        [
          '.studyspec.json:3 error invalid-config',
          '.studyspec.json:4 error invalid-config',
          '.studyspec.json:6 error invalid-config',
          'clinic.study:9 hint unused-declaration',
          'clinic.study:11 warning touchpoint-not-evaluated',
          'clinic.study:20 hint participant-question-missing',
          'clinic.study:20 hint participant-question-missing',
        ],
      );
      assert.match(findings[0].message, /'unused-declaraton' is not a rule id \(did you mean 'unused-declaration'\?\)/);
    });
  });

  describe('formats', () => {
    it('stylish: file:line:col severity message rule, grouped by file, with a summary line', () => {
      write('b.study', ERRORS_STUDY);
      write('sub/a.study', WARNINGS_STUDY);
      const run = cli('lint');
      assert.equal(run.status, 1);
      assert.equal(
        run.stdout,
        [
          'b.study',
          "  b.study:6:16 warning No question is about touchpoint 'visit' touchpoint-not-evaluated",
          "  b.study:12:12 error No touchpoint or service named 'vist'; did you mean 'visit'? unknown-reference",
          "  b.study:14:5 warning A question has no key 'perspectve'; did you mean 'perspective'? unknown-property",
          '',
          'sub/a.study',
          "  sub/a.study:5:8 hint Nothing refers to tool 'app' unused-declaration",
          "  sub/a.study:7:16 warning No question is about touchpoint 'call' touchpoint-not-evaluated",
          "  sub/a.study:30:10 warning No question uses method 'logs' unused-method",
          '',
          '✖ 6 problems (1 error, 4 warnings, 1 hint)',
          '',
        ].join('\n'),
      );
    });

    it('stylish: every finding line has the documented shape', () => {
      write('b.study', ERRORS_STUDY);
      const lines = cli('lint')
        .stdout.split('\n')
        .filter((line) => line.startsWith('  '));
      assert.ok(lines.length > 0);
      for (const line of lines) assert.match(line, /^ {2}[^\s:]+:\d+:\d+ (error|warning|information|hint) .+ [a-z]+(-[a-z]+)*$/);
    });

    it('json: an array of exactly {file, rule, severity, message, range} with 0-based positions', () => {
      write('b.study', ERRORS_STUDY);
      const run = cli('lint', '--format', 'json', 'b.study');
      const findings = JSON.parse(run.stdout) as JsonFinding[];
      assert.ok(Array.isArray(findings));
      assert.deepEqual(findings, [
        {
          file: 'b.study',
          rule: 'touchpoint-not-evaluated',
          severity: 'warning',
          message: "No question is about touchpoint 'visit'",
          range: { start: { line: 5, character: 15 }, end: { line: 5, character: 20 } },
        },
        {
          file: 'b.study',
          rule: 'unknown-reference',
          severity: 'error',
          message: "No touchpoint or service named 'vist'; did you mean 'visit'?",
          range: { start: { line: 11, character: 11 }, end: { line: 11, character: 15 } },
        },
        {
          file: 'b.study',
          rule: 'unknown-property',
          severity: 'warning',
          message: "A question has no key 'perspectve'; did you mean 'perspective'?",
          range: { start: { line: 13, character: 4 }, end: { line: 13, character: 14 } },
        },
      ]);
      for (const finding of findings) {
        assert.deepEqual(Object.keys(finding).sort(), ['file', 'message', 'range', 'rule', 'severity']);
        assert.deepEqual(Object.keys(finding.range).sort(), ['end', 'start']);
        assert.deepEqual(Object.keys(finding.range.start).sort(), ['character', 'line']);
      }
    });

    it('json: an empty array for a clean study', () => {
      write('a.study', CLEAN_STUDY);
      const run = cli('lint', '--format', 'json');
      assert.equal(run.status, 0);
      assert.deepEqual(JSON.parse(run.stdout), []);
    });

    it('sarif: valid against the official SARIF 2.1.0 schema', () => {
      write('b.study', ERRORS_STUDY);
      write('sub dir/a.study', WARNINGS_STUDY);
      write('.studyspec.json', '{ "rules": { "unused-declaration": "information" } }');
      const validate = sarifValidator();
      for (const args of [
        ['lint', '--format', 'sarif'],
        ['lint', '--format=sarif', 'sub dir'],
      ]) {
        const log = JSON.parse(cli(...args).stdout) as unknown;
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      }
      write('clean/a.study', CLEAN_STUDY);
      const clean = JSON.parse(cli('lint', '--format', 'sarif', 'clean').stdout) as unknown;
      assert.ok(validate(clean), JSON.stringify(validate.errors, null, 2));
    });

    it('sarif: the schema check is not vacuous', () => {
      const validate = sarifValidator();
      assert.ok(!validate({ version: '2.1.0' }), 'runs is required');
      assert.ok(!validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), 'level is an enum');
      assert.ok(
        !validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] }),
        'lines are 1-based',
      );
    });

    it('sarif: every rule is in the driver with help text; results point at them with 1-based regions', () => {
      write('b.study', ERRORS_STUDY);
      const json = JSON.parse(cli('lint', '--format', 'json').stdout) as JsonFinding[];
      const log = JSON.parse(cli('lint', '--format', 'sarif').stdout) as {
        version: string;
        runs: {
          tool: { driver: { name: string; rules: { id: string; help: { text: string; markdown: string }; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
          results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
          }[];
        }[];
      };
      assert.equal(log.version, '2.1.0');
      const [run] = log.runs;
      const rules = run.tool.driver.rules;
      assert.equal(run.tool.driver.name, 'studyspec');
      for (const rule of [...RULES, RULES_BY_ID.get('invalid-config')!]) {
        const descriptor = rules.find((r) => r.id === rule.id);
        assert.ok(descriptor, `${rule.id} is not in the SARIF driver rules`);
        assert.ok(descriptor.help.text.includes(rule.summary) && descriptor.help.text.length > rule.summary.length, rule.id);
        assert.ok(descriptor.help.markdown.length > 0 && descriptor.shortDescription.text === rule.summary);
        assert.equal(descriptor.defaultConfiguration.level, rule.severity === 'error' ? 'error' : rule.severity === 'warning' ? 'warning' : 'note');
      }
      assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
      assert.equal(run.results.length, json.length);
      run.results.forEach((result, i) => {
        assert.equal(result.ruleId, json[i].rule);
        assert.equal(rules[result.ruleIndex].id, result.ruleId);
        assert.equal(result.message.text, json[i].message);
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        assert.equal(artifactLocation.uri, json[i].file);
        assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
        assert.deepEqual(region, {
          startLine: json[i].range.start.line + 1,
          startColumn: json[i].range.start.character + 1,
          endLine: json[i].range.end.line + 1,
          endColumn: json[i].range.end.character + 1,
        });
      });
    });

    it('--version prints the package version', () => {
      const run = cli('--version');
      assert.equal(run.status, 0);
      assert.equal(run.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    });
  });
});
