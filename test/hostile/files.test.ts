// Hostile and broken files: named pipes and devices are refused, not waited on; files over the
// size cap are refused with a finding at the reference; import chains, nesting and strings far
// beyond what broke the tools before are read without a stack overflow.

import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintModel } from '../../server/checks/lint';
import { MAX_FILE_BYTES } from '../../server/common/diskHost';
import { MAX_JSON_DEPTH } from '../../server/common/jsonDepth';
import { CLEAN_STUDY, variant } from '../../server/checks/fixture';
import { parseStudyFile } from '../../server/model/build';
import { Program } from '../../server/model/program';
import { TestClient, uriOf } from '../lsp/client';
import { CLI, finding, lintJson } from '../support/cliRun';
import { MemoryHost } from '../support/memoryHost';

const withImport = (line: string) => CLEAN_STUDY.replace('study clinic', `${line}\nstudy clinic`);

describe('hostile: files that are not regular files, or too large', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-files-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fifo = (name: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, name)]);
  };

  it('an imported named pipe is an import-error at the import, not a hang', () => {
    fifo('pipe.study');
    fs.writeFileSync(path.join(dir, 'main.study'), withImport('import "./pipe.study"'));
    const { status, findings } = lintJson(dir, 'main.study');
    assert.equal(status, 1);
    const f = finding(findings, 'import-error', /'\.\/pipe\.study' is not a regular file \(it is a named pipe\)/);
    assert.equal(f.range.start.line, 0);
  });

  it('import "/dev/zero" is an import-error, not an out-of-memory abort', () => {
    fs.writeFileSync(path.join(dir, 'main.study'), withImport('import "/dev/zero"'));
    const { status, findings } = lintJson(dir, 'main.study');
    assert.equal(status, 1);
    finding(findings, 'import-error', /'\/dev\/zero' is not a regular file \(it is a device\)/);
  });

  it('a named pipe as a framework file, as .studyspec.json, or in a framework folder is refused, not waited on', () => {
    fifo('pipe.json');
    fs.writeFileSync(path.join(dir, 'main.study'), variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./pipe.json"'));
    finding(lintJson(dir, 'main.study').findings, 'invalid-framework', /'\.\/pipe\.json' is not a regular file/);

    fs.mkdirSync(path.join(dir, 'frameworks'));
    fifo('frameworks/pipe.json');
    fs.writeFileSync(path.join(dir, '.studyspec.json'), '{ "frameworkFolders": ["./frameworks"] }');
    finding(lintJson(dir, 'main.study').findings, 'invalid-config', /the framework folder "\.\/frameworks" holds pipe\.json, which is not a regular file \(it is a named pipe\)/);

    fs.rmSync(path.join(dir, '.studyspec.json'));
    fifo('.studyspec.json');
    const config = lintJson(dir, 'main.study');
    finding(config.findings, 'invalid-config', /\.studyspec\.json is not a regular file \(it is a named pipe\)/);
  });

  it('a named pipe named on the command line exits 2 with a message', () => {
    fifo('pipe.study');
    const run = spawnSync(process.execPath, [CLI, 'lint', 'pipe.study'], { cwd: dir, encoding: 'utf8', timeout: 15000, killSignal: 'SIGKILL' });
    assert.notEqual(run.signal, 'SIGKILL', 'lint hung');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /'pipe\.study' is not a regular file \(it is a named pipe\)/);
  });

  it(`a file over ${MAX_FILE_BYTES / 1024 / 1024} MB is refused at its reference, for a fragment and a framework`, () => {
    const big = (name: string) => {
      fs.writeFileSync(path.join(dir, name), '');
      fs.truncateSync(path.join(dir, name), MAX_FILE_BYTES + 1);
    };
    big('huge.study');
    big('huge.json');
    fs.writeFileSync(path.join(dir, 'main.study'), withImport('import "./huge.study"').replace('frameworks: reaim.reach', 'frameworks: reaim.reach, "./huge.json"'));
    const { findings } = lintJson(dir, 'main.study');
    finding(findings, 'import-error', /'\.\/huge\.study' is larger than 20 MB \(20 MB\)/);
    finding(findings, 'invalid-framework', /'\.\/huge\.json' is larger than 20 MB/);
  });
});

describe('hostile: no recursion limits on user data', function () {
  this.timeout(60000);

  it('an import chain of 44,000 fragments (10× what overflowed the stack) links', () => {
    const host = new MemoryHost();
    const count = 44_000;
    for (let i = 1; i < count; i++) host.set(`f${i}.study`, `import "./f${i + 1}.study"\nactor a${i}: staff "A"\n`);
    host.set(`f${count}.study`, `actor a${count}: staff "A"\n`);
    const main = host.set('main.study', withImport('import "./f1.study"'));
    const program = new Program(host);
    const start = Date.now();
    const model = program.model(main);
    assert.ok(model);
    assert.equal(model.files.length, count + 1);
    const { findings } = lintModel(program, model);
    assert.ok(!findings.some((f) => /RangeError|call stack/i.test(f.message)));
    assert.ok(Date.now() - start < 20000, `${Date.now() - start} ms`);
    // a cycle at the end of the chain is still reported
    host.set(`f${count}.study`, `import "./f1.study"\n`);
    const cyclic = new Program(host).model(main);
    assert.ok(cyclic?.importProblems.some((p) => p.message.startsWith('Import cycle: f1.study → f2.study')));
  });

  const nested = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);

  it(`a .studyspec.json nested 26,000 deep (10× what overflowed) is one invalid-config finding at the ${MAX_JSON_DEPTH + 1}th bracket`, () => {
    const host = new MemoryHost();
    const main = host.set('main.study', CLEAN_STUDY);
    host.set('.studyspec.json', `{ "frameworkFolders": ${nested(26_000, '"x"')} }`);
    const program = new Program(host);
    const { findings } = lintModel(program, program.model(main)!);
    const config = findings.filter((f) => f.rule === 'invalid-config');
    assert.equal(config.length, 1, JSON.stringify(config));
    assert.match(config[0].message, new RegExp(`more than ${MAX_JSON_DEPTH} deep`));
    assert.equal(config[0].range.start.character, '{ "frameworkFolders": '.length + MAX_JSON_DEPTH - 1);
  });

  it('a framework file nested 26,000 deep is an invalid-framework finding', () => {
    const host = new MemoryHost();
    const main = host.set('main.study', variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./deep.json"'));
    host.set('deep.json', `{ "id": "deep", "name": "D", "kind": "equity", "citation": "C", "constructs": ${nested(26_000, '')} }`);
    const program = new Program(host);
    const { findings } = lintModel(program, program.model(main)!);
    assert.ok(
      findings.some((f) => f.rule === 'invalid-framework' && /more than 64 deep/.test(f.message)),
      JSON.stringify(findings.map((f) => f.message)),
    );
  });

  it('the language server publishes diagnostics for a study whose configuration is nested 26,000 deep', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-deep-'));
    fs.writeFileSync(path.join(folder, 'main.study'), CLEAN_STUDY.replace('about: visit', 'about: vist'));
    fs.writeFileSync(path.join(folder, '.studyspec.json'), `{ "rules": ${'{"a":'.repeat(26_000)}1${'}'.repeat(26_000)} }`);
    const client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
    try {
      const uri = await client.open(path.join(folder, 'main.study'));
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-reference'));
      assert.ok(published.diagnostics.length > 0);
      assert.equal(uriOf(path.join(folder, 'main.study')), uri);
    } finally {
      await client.shutdown();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a string of 80 MB (10× what overflowed the lexer) is one token, and the rest of the file is still checked', () => {
    for (const [name, value] of [
      ['closed', `"${'a'.repeat(80_000_000)}"`],
      ['unclosed', `"${'a'.repeat(80_000_000)}`],
      ['escapes', `"${'a\\"'.repeat(3_000_000)}"`],
    ]) {
      const start = Date.now();
      const file = parseStudyFile('/x.study', `study s "x" {\n  summary: ${value}\n  question q "Q" {\n    about: t\n  }\n}\n`);
      assert.equal(file.study?.declarations.filter((d) => d.kind === 'question').length, 1, name);
      assert.equal(file.study?.properties[0]?.key.text, 'summary', name);
      assert.ok(Date.now() - start < 8000, `${name}: ${Date.now() - start} ms`);
    }
  });
});
