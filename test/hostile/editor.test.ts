// The editor side of hostile input: formatting options are clamped, the preview's page allows
// no <base> or form posts, and a `reveal` from the webview opens only the study's own files and
// never builds a regular expression from what the page sends.

import { strict as assert } from 'assert';
import * as path from 'path';
import { declarationPattern, previewCsp, studyFiles } from '../../client/previewSafety';
import { CLEAN_STUDY } from '../../server/checks/fixture';
import { format } from '../../server/features/format';
import { generateDocuments } from '../../server/generate';
import { sample, SAMPLES } from '../generate/fixtures';
import { fixtureOf } from '../support/featureFixture';
import { sampleWorkspace, TestClient } from '../lsp/client';

describe('hostile: editor requests', function () {
  this.timeout(30000);

  it('formatting clamps tabSize to 1–16, whatever the client sends', () => {
    const { file } = fixtureOf(CLEAN_STUDY.replace(/^ +/gm, ''));
    for (const [tabSize, width] of [
      [1_000_000, 16],
      [-5, 1],
      [0, 1],
      [Number.NaN, 2],
      [Infinity, 2],
      [3.7, 3],
    ] as const) {
      const edits = format(file, { tabSize, insertSpaces: true });
      const added = edits.reduce((sum, e) => sum + e.newText.length, 0);
      assert.ok(added < CLEAN_STUDY.length * 4, `tabSize ${tabSize}: ${added} characters of edits`);
      assert.ok(
        edits.some((e) => e.newText === `\n${' '.repeat(width)}`),
        `tabSize ${tabSize}: ${JSON.stringify(edits.slice(0, 3))}`,
      );
    }
  });

  it('the language server answers a formatting request with tabSize 1e9 with a small edit', async () => {
    const folder = sampleWorkspace(['online-consultations.study']);
    const client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
    try {
      const uri = await client.open(path.join(folder, 'online-consultations.study'));
      for (const tabSize of [1e9, -1e9, 2 ** 31]) {
        const edits = await client.request<{ newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } });
        const size = edits.reduce((sum, e) => sum + e.newText.length, 0);
        assert.ok(size < client.text(uri).length * 3, `tabSize ${tabSize}: ${size} characters`);
      }
    } finally {
      await client.shutdown();
    }
  });

  it("the preview's CSP forbids <base> and form posts", () => {
    const csp = previewCsp('vscode-resource:', 'abc');
    assert.match(csp, /base-uri 'none'/);
    assert.match(csp, /form-action 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'/);
  });

  it('reveal opens only files of the current study, and never reads page text as a regular expression', () => {
    const { model, findings } = sample('care-pathway-tool.study');
    const allowed = studyFiles(model.root.path, generateDocuments(model, findings));
    assert.ok(allowed.has(model.root.path));
    assert.ok(allowed.has(path.join(SAMPLES, 'care-pathway-actors.study')), [...allowed].join('\n'));
    assert.ok(
      [...allowed].some((f) => f.endsWith('.json')),
      'framework files are allowed',
    );
    for (const hostile of ['/etc/passwd', path.join(SAMPLES, '..', 'package.json'), '']) assert.ok(!allowed.has(hostile), hostile);

    assert.ok(declarationPattern('question', 'access_experience')?.test('question access_experience "x"'));
    for (const [kind, name] of [
      ['question', '.*'],
      ['(a+)+$', 'x'],
      ['question', 'x|y'],
      ['question', 'a b'],
    ])
      assert.equal(declarationPattern(kind, name), undefined, `${kind} ${name}`);
  });
});
