/**
 * Golden files: the protocol, every guide, information sheet and consent form, the matrix, the
 * reporting checklist (Markdown, and CSV for the matrix and checklist), the codebook and the JSON
 * export of every sample study, checked in under test/generate/golden/<sample>/. Regenerate with UPDATE_GOLDEN=1,
 * then read the diff as a researcher would before committing it.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderKind } from '../../server/generate';
import { GOLDEN, sample, sampleStudies } from './fixtures';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function goldenFiles(name: string): Promise<Map<string, string>> {
  const { model, findings } = sample(name);
  const files = new Map<string, string>();
  for (const [kind, format] of [
    ['protocol', 'md'],
    ['guides', 'md'],
    ['matrix', 'md'],
    ['matrix', 'csv'],
    ['codebook', 'md'],
    ['pis', 'md'],
    ['consent', 'md'],
    ['checklist', 'md'],
    ['checklist', 'csv'],
    ['json', 'json'],
  ] as const) {
    for (const file of await renderKind(model, findings, kind, format)) files.set(file.name, file.content.toString());
  }
  return files;
}

describe('generate: golden files of the samples', () => {
  const studies = sampleStudies();

  it('finds the sample studies (fragments left out)', () => {
    assert.ok(studies.length >= 4, studies.map((s) => s.name).join(', '));
    assert.ok(!studies.some((s) => s.name.includes('actors')), 'fragments are not studies');
  });

  for (const { name } of studies) {
    it(`${name} matches its golden files`, async () => {
      const folder = path.join(GOLDEN, path.basename(name, '.study'));
      const files = await goldenFiles(name);
      if (UPDATE) {
        fs.rmSync(folder, { recursive: true, force: true });
        fs.mkdirSync(folder, { recursive: true });
        for (const [file, content] of files) fs.writeFileSync(path.join(folder, file), content);
        return;
      }
      assert.ok(fs.existsSync(folder), `no golden files for ${name}: run the tests with UPDATE_GOLDEN=1`);
      assert.deepEqual(fs.readdirSync(folder).sort(), [...files.keys()].sort(), 'the golden files are not the files generated');
      for (const [file, content] of files) {
        const expected = fs.readFileSync(path.join(folder, file), 'utf8');
        assert.equal(content, expected, `${name}: ${file} differs from its golden file (UPDATE_GOLDEN=1 regenerates it)`);
      }
    });
  }
});
