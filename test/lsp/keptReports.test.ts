import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runChecks } from '../../server/checks/run';
import { Workspace } from '../../server/lsp/workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const STUDIES = [
  ...fs.readdirSync(path.join(ROOT, 'samples')).map((name) => path.join(ROOT, 'samples', name)),
  ...fs.readdirSync(path.join(ROOT, 'samples', 'mistakes')).map((name) => path.join(ROOT, 'samples', 'mistakes', name)),
].filter((file) => file.endsWith('.study'));

/** The edits a researcher makes inside a block: a line break, a blank line with indent, a space, an unknown key. */
const UNKNOWN_KEY = '\n  not_a_key: "x"\n';
const EDITS = ['\n', '\n\n  ', ' ', UNKNOWN_KEY];

/** The findings of `text` checked in a fresh workspace, with nothing carried over. */
function freshFindings(file: string, text: string): string {
  const workspace = new Workspace((p) => (p === file ? { getText: () => text, version: 1 } : undefined));
  workspace.addFile(file);
  return JSON.stringify(runChecks(workspace.modelFor(file)!));
}

describe('findings carried over from the model before an edit', () => {
  it('equal a fresh parse’s after edits inside blocks (the re-parse moves the blocks after them in place), in every sample', function () {
    this.timeout(60000);
    let compared = 0;
    const withUnknownKey = new Set<string>();
    for (const file of STUDIES) {
      const sample = fs.readFileSync(file, 'utf8');
      // a finding in the last block, which every edit below moves
      const last = sample.lastIndexOf('{') + 1;
      const original = sample.slice(0, last) + UNKNOWN_KEY + sample.slice(last);
      const openings = [...original.matchAll(/\{/g)].map((m) => (m.index ?? 0) + 1).filter((offset) => offset < last);
      const step = Math.max(1, Math.floor(openings.length / 8));
      for (let o = 0; o < openings.length; o += step) {
        for (const edit of EDITS) {
          let text = original;
          let version = 1;
          const workspace = new Workspace((p) => (p === file ? { getText: () => text, version } : undefined));
          workspace.addFile(file);
          // checked before the edit, so each block keeps its reports
          if (runChecks(workspace.modelFor(file)!).some((finding) => finding.rule === 'unknown-property')) withUnknownKey.add(file);
          text = original.slice(0, openings[o]) + edit + original.slice(openings[o]);
          version = 2;
          assert.equal(JSON.stringify(runChecks(workspace.modelFor(file)!)), freshFindings(file, text), `${path.basename(file)}: ${JSON.stringify(edit)} after offset ${openings[o]}`);
          text += '\n';
          version = 3;
          assert.equal(JSON.stringify(runChecks(workspace.modelFor(file)!)), freshFindings(file, text), `${path.basename(file)}: a second edit after ${JSON.stringify(edit)}`);
          compared += 2;
        }
      }
    }
    assert.ok(compared > 200, `only ${compared} comparisons`);
    assert.ok(withUnknownKey.size >= STUDIES.length - 1, `the unknown key made a finding in only ${withUnknownKey.size} studies`);
  });
});
