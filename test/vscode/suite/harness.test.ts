/*
 * First test inside the extension host: proves the harness runs a real VS Code.
 * Must hold both in code-server (web workbench, Node extension host) and in desktop VS Code.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

async function waitFor<T>(get: () => T | undefined, ms = 5000): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('harness: real VS Code', () => {
  it('exposes the vscode API', () => {
    assert.strictEqual(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('opens the test workspace folder', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'exactly one workspace folder is open');
    const studies = await vscode.workspace.findFiles('**/*.study');
    assert.ok(studies.length >= 1, 'the workspace contains a .study file');
  });

  it('opens a new untitled editor', async () => {
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    const editor = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.isUntitled ? e : undefined;
    });
    assert.ok(editor, 'an untitled editor is active');
    assert.strictEqual(editor.document.uri.scheme, 'untitled');
    assert.strictEqual(editor.document.getText(), '');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('saves a screenshot when the runner offers it (STUDYSPEC_SCREENSHOT_URL)', async function () {
    // Set by runCodeServer.js when STUDYSPEC_SCREENSHOT_DIR is given; never under Electron.
    const url = process.env.STUDYSPEC_SCREENSHOT_URL;
    if (!url) this.skip();
    const [study] = await vscode.workspace.findFiles('**/*.study');
    await vscode.window.showTextDocument(study);
    const res = await fetch(`${url}?name=${encodeURIComponent('harness-study-file')}`);
    const body = (await res.json()) as { path?: string; error?: string };
    assert.strictEqual(res.status, 200, body.error);
    assert.ok(body.path && body.path.endsWith('harness-study-file.png'), body.path);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
