// generate never writes over its own inputs, refuses folders and read-only files in the way
// before writing anything, and names the file in every error.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/cli/main';
import { SAMPLES } from '../generate/fixtures';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('hostile: generated files', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-writes-'));
    for (const name of ['care-pathway-tool.study', 'care-pathway-actors.study']) fs.copyFileSync(path.join(SAMPLES, name), path.join(dir, name));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never writes over the study, a fragment it imports or the configuration, even with --force', async () => {
    fs.writeFileSync(path.join(dir, '.studyspec.json'), '{}');
    for (const target of ['care-pathway-tool.study', 'care-pathway-actors.study', '.studyspec.json']) {
      const before = fs.readFileSync(path.join(dir, target), 'utf8');
      const run = await cli(dir, 'generate', target.endsWith('.json') ? 'json' : 'protocol', 'care-pathway-tool.study', '-o', target, '--format', target.endsWith('.json') ? 'json' : 'md', '--force');
      assert.equal(run.code, 2, `${target}: ${run.stderr}`);
      assert.match(run.stderr, /is one of the study's own files/);
      assert.ok(run.stderr.includes(target), run.stderr);
      assert.equal(fs.readFileSync(path.join(dir, target), 'utf8'), before, target);
    }
  });

  it('a folder or a read-only file in the way is refused before anything is written, with --force too; nothing is chmodded', async () => {
    const out = path.join(dir, 'out');
    fs.mkdirSync(path.join(out, 'matrix.md'), { recursive: true });
    fs.writeFileSync(path.join(out, 'protocol.md'), 'mine');
    fs.chmodSync(path.join(out, 'protocol.md'), 0o444);
    const run = await cli(dir, 'generate', 'all', 'care-pathway-tool.study', '-o', 'out', '--force');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /matrix\.md' is a folder/);
    assert.match(run.stderr, /protocol\.md' is read-only/);
    assert.deepEqual(fs.readdirSync(out).sort(), ['matrix.md', 'protocol.md']);
    assert.equal(fs.readFileSync(path.join(out, 'protocol.md'), 'utf8'), 'mine');
    assert.equal(fs.statSync(path.join(out, 'protocol.md')).mode & 0o777, 0o444);
  });
});
