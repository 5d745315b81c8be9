/** `generate all` on two cores: the worker thread's files are the ones the main thread would render, and a helper that cannot run changes nothing. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import JSZip from 'jszip';
import * as path from 'path';
import { configuredModel, lintModel } from '../../server/checks/lint';
import { diskHost } from '../../server/common/diskHost';
import { DOCUMENT_KINDS } from '../../server/generate';
import { HELPER_KINDS, NamedFile, planWithHelper } from '../../server/generate/helper';
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
    fs.writeFileSync(path.join(dir, 'big.study'), studyOfShape('bench', 120_000));
    const { model, findings } = linted();
    expected = await contents(planKinds(model, findings));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renders the chart, the guides, the blueprint and the JSON on a worker thread: the same files, the main thread’s first', async () => {
    const { model, findings } = linted();
    const files = await planWithHelper(path.join(OUT, 'server', 'cli', 'generate.js'), model, findings, planKinds, ALL);
    const got = await contents(files);
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) assert.equal(got.get(name), text, name);
    const firstOfHelper = files.findIndex((f) => f.name === 'chart.xlsx');
    assert.ok(files.slice(firstOfHelper).every((f) => HELPER_KINDS.some((k) => f.name.startsWith(k === 'json' ? 'study.' : k === 'guides' ? 'guide-' : `${k}.`))));
  });

  it('a helper that cannot run (its module has no runGenerateHelper): the main thread renders everything, the same files', async () => {
    const { model, findings } = linted();
    const got = await contents(await planWithHelper(path.join(OUT, 'server', 'generate', 'kinds.js'), model, findings, planKinds, ALL));
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) assert.equal(got.get(name), text, name);
  });
});
