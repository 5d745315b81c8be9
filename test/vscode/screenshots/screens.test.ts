/*
 * The README's screenshots, taken in a real VS Code (code-server) by
 * `npm run screenshots` (= node out/test/vscode/runCodeServer.js --suite screenshots).
 * The runner opens a throwaway copy of samples/ and passes STUDYSPEC_SCREENSHOT_URL; each
 * shot() saves the whole workbench page as docs/images/<name>.png.
 *
 *   editor.png    a study with highlighting, an error squiggle and a hover on a construct
 *   preview.png   the live preview (protocol tab) beside the study
 *   blueprint.png the preview's blueprint tab
 *   coverage.png  the explorer's Study Coverage view
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';

interface RenderReport {
  tab: string;
  documents: number;
}

interface StudyspecApi {
  preview: { whenRendered(): Promise<RenderReport>; open(uri: vscode.Uri | undefined, toSide: boolean, tab?: string): Promise<unknown> };
  coverage: { settled(): Promise<unknown> };
}

const EXTENSION_ID = 'studyspec.studyspec';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function study(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Saves the workbench page as <name>.png, after giving the workbench time to paint. */
async function shot(name: string, settleMs = 1200): Promise<string> {
  const url = process.env.STUDYSPEC_SCREENSHOT_URL;
  assert.ok(url, 'STUDYSPEC_SCREENSHOT_URL is set (run through runCodeServer.js --suite screenshots)');
  await sleep(settleMs);
  const res = await fetch(`${url}?name=${encodeURIComponent(name)}`);
  const body = (await res.json()) as { path?: string; error?: string };
  assert.equal(res.status, 200, body.error);
  return body.path!;
}

/** Clicks the first element matching a Playwright selector in the workbench page (runner's /click). */
async function click(selector: string): Promise<void> {
  const url = new URL(`click?selector=${encodeURIComponent(selector)}`, process.env.STUDYSPEC_SCREENSHOT_URL);
  const res = await fetch(url);
  const body = (await res.json()) as { error?: string };
  assert.equal(res.status, 200, body.error);
  await sleep(300);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

async function tidy(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

describe('README screenshots', function () {
  this.timeout(180000);
  let api: StudyspecApi;
  let original = '';

  before(async function () {
    if (!process.env.STUDYSPEC_SCREENSHOT_URL) this.skip();
    // A typo on disk (in the throwaway copy), so that the editor shows an error squiggle on a
    // clean, saved document.
    const file = study('online-consultations.study');
    original = fs.readFileSync(file.fsPath, 'utf8');
    assert.ok(original.includes('about: triage\n'), 'the sample has the line the typo goes into');
    fs.writeFileSync(file.fsPath, original.replace('about: triage\n', 'about: triag\n'));

    const extension = vscode.extensions.getExtension<StudyspecApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await vscode.window.showTextDocument(file);
    api = await extension.activate();
  });

  it('editor.png: highlighting, a diagnostic and a hover', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await tidy();
    const uri = study('online-consultations.study');
    const editor = await vscode.window.showTextDocument(uri);
    const doc = editor.document;
    await until('the unknown-reference error', () => (vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'unknown-reference') ? true : undefined));

    // Lines from the third touchpoint down to the typo, with room above the hover target.
    const top = doc.positionAt(doc.getText().indexOf('touchpoint response')).line - 1;
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    const target = doc.positionAt(doc.getText().indexOf('proctor.acceptability') + 'proctor.acc'.length);
    editor.selection = new vscode.Selection(target, target);
    await sleep(1500); // semantic tokens and squiggles paint
    await vscode.commands.executeCommand('editor.action.showHover');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, target);
    assert.ok(hovers.length > 0, 'the language server answers hovers');
    await shot('editor', 2000);

    // Correct the typo again for the other pictures.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(uri.fsPath, original);
    await until('the error to clear', () => (vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'unknown-reference') ? undefined : true));
  });

  it('preview.png and blueprint.png: the live preview beside the study', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await tidy();
    const uri = study('care-pathway-tool.study');
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const top = editor.document.positionAt(editor.document.getText().indexOf('study care_pathway_tool')).line;
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('studyspec.openPreviewToSide');
    const report = await api.preview.whenRendered();
    assert.equal(report.tab, 'protocol');
    await shot('preview', 2500);

    await api.preview.open(uri, true, 'blueprint');
    const blueprint = await until('the blueprint tab', async () => {
      const r = await api.preview.whenRendered();
      return r.tab === 'blueprint' ? r : undefined;
    });
    assert.ok(blueprint.documents > 0);
    await shot('blueprint', 2500);
  });

  it('coverage.png: the Study Coverage view in the explorer', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await tidy();
    const uri = study('online-consultations.study');
    const editor = await vscode.window.showTextDocument(uri);
    const top = editor.document.positionAt(editor.document.getText().indexOf('question access_experience')).line - 1;
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('question triage_work'));
    editor.selection = new vscode.Selection(cursor, cursor);
    await vscode.commands.executeCommand('workbench.view.explorer');
    // The side bar for the coverage view: hide Outline and Timeline, collapse Folders (it cannot
    // be hidden), and widen the side bar (taking width from the editor) so that construct names
    // and counts are not cut off.
    for (const view of ['outline', 'timeline']) await vscode.commands.executeCommand(`${view}.toggleVisibility`);
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('studyspec.coverage.focus');
    await api.coverage.settled();
    await click('.pane-header[aria-expanded="true"]:has-text("studies")');
    // Open one covered and one excluded construct, to show what covers or excludes them.
    await click('.monaco-list-row:has-text("Collective action") .monaco-tl-twistie');
    await click('.monaco-list-row:has-text("Co-design") .monaco-tl-twistie');
    await vscode.window.showTextDocument(uri);
    await shot('coverage', 2000);
  });
});
