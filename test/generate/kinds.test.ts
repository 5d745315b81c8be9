/** The registry of document kinds, and everything that must agree with it. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../server/cli/main';
import { DOCUMENT_KINDS, DocumentKind, FORMATS, generateDocuments, renderAll } from '../../server/generate';
import { ROOT, sample } from './fixtures';

interface PackageJson {
  contributes: {
    configuration: { properties: Record<string, { enum?: string[]; default?: string }> };
    commands: { command: string; title: string }[];
    menus: { commandPalette: { command: string }[] };
  };
}

const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const kinds: readonly DocumentKind[] = DOCUMENT_KINDS;

describe('generate: the registry of document kinds', () => {
  it('lists each kind once, each format known', () => {
    assert.equal(new Set(kinds.map((k) => k.id)).size, kinds.length);
    for (const kind of kinds) {
      assert.ok(kind.formats.length > 0, kind.id);
      for (const format of kind.formats) assert.ok(format in FORMATS, `${kind.id}: ${format}`);
    }
  });

  it('package.json offers exactly the preview tabs of the registry as studyspec.preview.defaultTab', () => {
    const setting = packageJson.contributes.configuration.properties['studyspec.preview.defaultTab'];
    assert.deepEqual(
      setting.enum,
      kinds.filter((k) => k.preview).map((k) => k.id),
    );
    assert.ok(setting.default && setting.enum?.includes(setting.default));
  });

  it('package.json declares exactly the export commands of the registry, in the command palette', () => {
    const declared = packageJson.contributes.commands.map((c) => c.command).filter((c) => c.startsWith('studyspec.export'));
    const registered = kinds.flatMap((k) => (k.exportCommand ? [k.exportCommand] : []));
    assert.deepEqual([...declared].sort(), [...registered].sort());
    const palette = packageJson.contributes.menus.commandPalette.map((c) => c.command);
    for (const command of registered) assert.ok(palette.includes(command), command);
  });

  it('the CLI help names every kind', async () => {
    let stdout = '';
    await runCli(['help'], { cwd: ROOT, stdout: (t) => (stdout += t), stderr: () => undefined });
    for (const kind of kinds) assert.match(stdout, new RegExp(`\\b${kind.id}\\b`), kind.id);
  });

  it('writes each document of each kind once per format as <id>.<format>, and previews the same documents', async () => {
    const { model, findings } = sample('care-pathway-tool.study');
    const names = (await renderAll(model, findings)).map((f) => f.name);
    assert.equal(new Set(names).size, names.length, 'no two files share a name');
    const previewed = generateDocuments(model, findings);
    for (const kind of kinds) {
      const documents = kind.build(model, findings);
      if (kind.perGroup) assert.ok(documents.length > 1, `${kind.id}: the sample has several groups`);
      else assert.equal(documents.length, 1, kind.id);
      for (const document of documents) for (const format of kind.formats) assert.ok(names.includes(`${document.id}.${format}`), `${document.id}.${format}`);
      assert.deepEqual(
        previewed.filter((d) => d.kind === kind.documentKind).map((d) => d.id),
        documents.map((d) => d.id),
      );
    }
  });
});
