// generate never writes over its own inputs, refuses folders and read-only files in the way
// before writing anything, names the file in every error, and on a full disk writes nothing.

import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
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

describe('hostile: generate on a full disk (a tiny tmpfs)', function () {
  this.timeout(60000);
  let dir: string;
  let disk: string | undefined;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-full-'));
    for (const name of ['care-pathway-tool.study', 'care-pathway-actors.study']) fs.copyFileSync(path.join(SAMPLES, name), path.join(dir, name));
    const mountPoint = path.join(dir, 'disk');
    fs.mkdirSync(mountPoint);
    const why = process.getuid?.() !== 0 ? 'not running as root' : mountTmpfs(mountPoint);
    if (why) {
      console.log(`      (skipped: cannot mount a tmpfs: ${why})`);
      this.skip();
    }
    disk = mountPoint;
  });

  after(() => {
    if (disk) execFileSync('umount', [disk]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generate all fails naming the file, writes nothing and leaves what was there untouched', async () => {
    const out = disk!;
    fs.writeFileSync(path.join(out, 'protocol.md'), 'mine');
    const run = await cli(dir, 'generate', 'all', 'care-pathway-tool.study', '-o', out, '--force');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`Could not write '${out}/[^']+': the disk is full\\. Nothing was written\\.`));
    assert.deepEqual(fs.readdirSync(out), ['protocol.md'], 'no partial set and no temporaries');
    assert.equal(fs.readFileSync(path.join(out, 'protocol.md'), 'utf8'), 'mine');
  });
});

/** Mounts a 64 KB tmpfs at `dir`; why not, when it cannot. */
function mountTmpfs(dir: string): string | undefined {
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  if (run.error) return run.error.message;
  return run.status === 0 ? undefined : run.stderr.trim() || `mount exited ${run.status}`;
}
