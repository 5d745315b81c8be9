/** `generate all` on two cores: the worker thread's files are the ones the main thread would render, and a helper that cannot run changes nothing. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import JSZip from 'jszip';
import * as path from 'path';
import { runCli } from '../../server/cli/main';
import { configuredModel, lintModel } from '../../server/checks/lint';
import { diskHost } from '../../server/common/diskHost';
import { DOCUMENT_KINDS } from '../../server/generate';
import { Helper, HELPER_FROM_BYTES, HELPER_KINDS, NamedFile, planWithHelper, startHelper } from '../../server/generate/helper';
import { planKinds } from '../../server/generate/output';
import { Program } from '../../server/model/program';
import { studyOfShape } from '../bench/shapes';

const ALL = DOCUMENT_KINDS.map((k) => k.id);
const OUT = path.resolve(__dirname, '..', '..');

/** Each file's text; the parts of DOCX and XLSX files that carry the time they were written are left out. */
async function contents(files: NamedFile[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const file of files) {
    const content = await file.content();
    if (typeof content === 'string') result.set(file.name, content);
    else {
      const zip = await JSZip.loadAsync(content);
      const parts = await Promise.all(
        Object.keys(zip.files)
          .sort()
          .filter((part) => part !== 'docProps/core.xml')
          .map(async (part) => `${part}\n${await zip.file(part)?.async('string')}`),
      );
      result.set(file.name, parts.join('\n'));
    }
  }
  return result;
}

describe('generate all: the helper thread', function () {
  this.timeout(120000);
  let dir: string;
  let expected: Map<string, string>;
  const linted = () => {
    const program = new Program(diskHost);
    const model = configuredModel(program, path.join(dir, 'big.study'));
    assert.ok(model);
    return { model, findings: lintModel(program, model).findings };
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-helper-'));
    fs.writeFileSync(path.join(dir, 'big.study'), studyOfShape('bench', 160_000));
    assert.ok(fs.statSync(path.join(dir, 'big.study')).size >= HELPER_FROM_BYTES, 'large enough for the CLI to start the helper');
    const { model, findings } = linted();
    expected = await contents(planKinds(model, findings));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renders the chart, the guides, the blueprint and the JSON on a worker thread: the same files, the main thread’s first', async () => {
    const { model, findings } = linted();
    const plan = await planWithHelper(path.join(OUT, 'server', 'cli', 'generate.js'), model, findings, planKinds, ALL);
    const { files } = plan;
    const got = await contents(files);
    plan.stop();
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) assert.equal(got.get(name), text, name);
    // the main thread's own files first, then the helper's, its last kind first (the main thread renders those the helper has not started)
    const kindOf = (name: string) => HELPER_KINDS.findIndex((k) => name.startsWith(k === 'json' ? 'study.' : k === 'guides' ? 'guide-' : `${k}.`));
    const firstOfHelper = files.findIndex((f) => kindOf(f.name) >= 0);
    const theirs = files.slice(firstOfHelper).map((f) => kindOf(f.name));
    assert.ok(
      theirs.every((kind, i) => kind >= 0 && (i === 0 || kind <= theirs[i - 1])),
      theirs.join(),
    );
  });

  /** A helper started before the lint, `before` done to it, then handed the findings: its files must be those rendered on one thread. */
  const startedEarly = async (before: (helper: Helper) => void) => {
    const helper = startHelper(path.join(OUT, 'server', 'cli', 'generate.js'), path.join(dir, 'big.study'));
    assert.ok(helper);
    before(helper);
    const { model, findings } = linted();
    const plan = await planWithHelper(helper, model, findings, planKinds, ALL);
    const got = await contents(plan.files);
    plan.stop();
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) assert.equal(got.get(name), text, name);
  };

  it('started before the lint (it reads the study while the main thread lints, then is handed the findings): the same files', () => startedEarly(() => undefined));

  it('kinds the main thread claims before the helper starts them are rendered on the main thread: the same files', () =>
    startedEarly((helper) => HELPER_KINDS.forEach((_, kind) => assert.ok(helper.claim(kind)))));

  it('a helper that cannot run (its module has no runGenerateHelper): the main thread renders everything, the same files', async () => {
    const { model, findings } = linted();
    const got = await contents((await planWithHelper(path.join(OUT, 'server', 'generate', 'kinds.js'), model, findings, planKinds, ALL)).files);
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) assert.equal(got.get(name), text, name);
  });

  it('generate all with a file in the way: refused before anything is written, the helper stopped', async () => {
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'blueprint.svg'), 'mine');
    let stderr = '';
    const code = await runCli(['generate', 'all', 'big.study', '-o', 'out'], { cwd: dir, stdout: () => undefined, stderr: (t) => (stderr += t) });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /'out\/blueprint\.svg' already exists; nothing was written/);
    assert.deepEqual(fs.readdirSync(out), ['blueprint.svg']);
    assert.equal(fs.readFileSync(path.join(out, 'blueprint.svg'), 'utf8'), 'mine');
  });
});
