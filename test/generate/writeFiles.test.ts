/** Writing a set of files all or nothing, a few (written in place) and many (written by a worker thread while the next are rendered). */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFiles } from '../../server/generate';

describe('writeFiles: all or nothing, few files and many', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-write-files-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const names = (count: number) => Array.from({ length: count }, (_, i) => `file-${i}.md`);

  for (const count of [5, 300]) {
    it(`${count} files: each rendered when its turn comes and written with its content, text or bytes`, async () => {
      const rendered: string[] = [];
      const files = names(count).map((name, i) => ({
        path: path.join(dir, 'out', name),
        content: i % 2 ? Buffer.from(`bytes ${i}`) : async () => (rendered.push(name), `text ${i}`),
      }));
      fs.mkdirSync(path.join(dir, 'out'));
      fs.writeFileSync(path.join(dir, 'out', 'file-0.md'), 'old');
      assert.deepEqual(
        await writeFiles(files, true),
        files.map((f) => f.path),
      );
      assert.equal(rendered.length, Math.ceil(count / 2));
      assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), names(count).sort(), 'no temporaries left');
      names(count).forEach((name, i) => assert.equal(fs.readFileSync(path.join(dir, 'out', name), 'utf8'), i % 2 ? `bytes ${i}` : `text ${i}`));
    });

    it(`${count} files: a file that holds the same bytes already is left as it is, the others replaced`, async () => {
      const out = path.join(dir, 'out');
      fs.mkdirSync(out);
      const paths = names(count).map((name) => path.join(out, name));
      const content = (i: number) => (i % 3 === 0 ? Buffer.from(`bytes ${i}`) : `text ${i}`);
      paths.forEach((file, i) => fs.writeFileSync(file, i % 2 ? content(i) : `old ${i}`));
      const before = paths.map((file) => fs.statSync(file).ino);
      await writeFiles(
        paths.map((file, i) => ({ path: file, content: async () => content(i) })),
        true,
      );
      assert.deepEqual(fs.readdirSync(out).sort(), names(count).sort(), 'no temporaries left');
      paths.forEach((file, i) => {
        assert.equal(fs.readFileSync(file, 'utf8'), String(content(i)));
        if (i % 2) assert.equal(fs.statSync(file).ino, before[i], `${file} holds the same bytes: not replaced`);
        else assert.notEqual(fs.statSync(file).ino, before[i], `${file} changed: replaced`);
      });
    });

    it(`${count} files: one that cannot be written (its temporary's name is too long) fails the set, naming it; nothing is written or replaced`, async () => {
      const long = `${'n'.repeat(240)}.md`;
      const at = Math.floor(count * 0.7);
      const paths = names(count).map((name, i) => path.join(dir, i === at ? long : name));
      fs.writeFileSync(paths[0], 'mine');
      await assert.rejects(
        writeFiles(
          paths.map((p) => ({ path: p, content: async () => 'new' })),
          true,
        ),
        (error: Error) => error.message.startsWith(`Could not write '${paths[at]}': `) && error.message.endsWith('Nothing was written.'),
      );
      assert.deepEqual(fs.readdirSync(dir), ['file-0.md'], 'no temporaries, nothing renamed into place');
      assert.equal(fs.readFileSync(paths[0], 'utf8'), 'mine');
    });
  }

  it('a renderer that throws: the temporaries written so far are removed and the error comes through', async () => {
    const files = names(200).map((name, i) => ({
      path: path.join(dir, name),
      content: async () => {
        if (i === 150) throw new Error('the renderer broke');
        return 'x';
      },
    }));
    await assert.rejects(writeFiles(files, true), /the renderer broke/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
