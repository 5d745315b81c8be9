import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

interface RenderReport {
  tab: string;
  documents: number;
}

interface StudyspecApi {
  preview: { whenRendered(): Promise<RenderReport>; open(uri: vscode.Uri | undefined, toSide: boolean, tab?: string): Promise<unknown> };
  coverage: { getChildren(): Promise<unknown[]>; getTreeItem(node: unknown): vscode.TreeItem; settled(): Promise<unknown> };
  statusBar: { text?: string };
}

const EXTENSION_ID = 'studyspec.studyspec';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

async function diagnosticsOf(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> {
  return until(`${rule} diagnostics`, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === rule || (typeof d.code === 'object' && d.code.value === rule));
    return found.length > 0 ? found : undefined;
  });
}

function positionOf(document: vscode.TextDocument, text: string, offsetInText = 0): vscode.Position {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `${text} is in the document`);
  return document.positionAt(index + offsetInText);
}

describe('studyspec in VS Code', function () {
  this.timeout(60000);
  let api: StudyspecApi;

  before(async () => {
    await open('draft.study');
    const extension = vscode.extensions.getExtension<StudyspecApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await until('activation', async () => (extension.isActive ? extension.exports : (await extension.activate(), undefined)));
  });

  it('activates on a .study file and recognises the language', async () => {
    const editor = await open('draft.study');
    assert.equal(editor.document.languageId, 'studyspec');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('reports the known mistakes by rule id and line', async () => {
    const uri = workspaceFile('draft.study');
    const [unknown] = await diagnosticsOf(uri, 'unknown-reference');
    assert.equal(unknown.range.start.line, 13);
    assert.match(unknown.message, /did you mean 'visit'/);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    const [ethics] = await diagnosticsOf(uri, 'ethics-missing');
    assert.equal(ethics.range.start.line, 18);
    const [unused] = await diagnosticsOf(uri, 'unused-declaration');
    assert.equal(unused.range.start.line, 5);
  });

  it('completes only touchpoints and services after about:', async () => {
    const editor = await open('draft.study');
    const position = positionOf(editor.document, 'about: vist', 'about: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('visit'), `labels: ${labels.join(', ')}`);
    assert.ok(labels.includes('booking'));
    assert.ok(!labels.includes('patient'), 'actors are not offered after about:');
  });

  it('explains a construct on hover, with its citation', async () => {
    const editor = await open('draft.study');
    const position = positionOf(editor.document, 'constructs: reaim.reach', 'constructs: reaim.r'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Reach/);
    assert.match(text, /Glasgow/);
  });

  it('applies the quick fix for an unknown reference', async () => {
    const editor = await open('draft.study');
    const uri = editor.document.uri;
    const [unknown] = await diagnosticsOf(uri, 'unknown-reference');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const replace = actions.find((a) => /visit/.test(a.title) && a.edit);
    assert.ok(replace?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.match(editor.document.lineAt(13).text, /about: visit$/);
    await until('the diagnostic to clear', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.code === 'unknown-reference' || (typeof d.code === 'object' && d.code.value === 'unknown-reference')) ? undefined : true,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens a preview that reports back that it rendered', async () => {
    await open('online-consultations.study');
    await vscode.commands.executeCommand('studyspec.openPreviewToSide');
    const report = await api.preview.whenRendered();
    assert.equal(report.tab, 'protocol');
    assert.equal(report.documents, 1, 'the protocol, the one document of its tab');
  });

  it('shows the codebook as a tab of the preview', async () => {
    await api.preview.open(workspaceFile('online-consultations.study'), true, 'codebook');
    const report = await until('the codebook tab', async () => {
      const rendered = await api.preview.whenRendered();
      return rendered.tab === 'codebook' ? rendered : undefined;
    });
    assert.ok(report.documents > 0, `documents: ${report.documents}`);
  });

  /** Runs an export command on the online-consultations sample into a new folder; returns the file's path. */
  async function exported(command: string, format: string, name: string): Promise<string> {
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-export-')), name));
    await vscode.commands.executeCommand(command, workspaceFile('online-consultations.study'), { format, target });
    return target.fsPath;
  }

  it('exports the protocol as Word and as HTML', async () => {
    assert.equal(
      fs
        .readFileSync(await exported('studyspec.exportProtocol', 'docx', 'protocol.docx'))
        .subarray(0, 2)
        .toString(),
      'PK',
      'a .docx is a zip file',
    );
    const page = fs.readFileSync(await exported('studyspec.exportProtocol', 'html', 'protocol.html'), 'utf8');
    assert.match(page, /<html/i);
    assert.match(page, /Online consultations in primary care/);
  });

  it('exports the codebook as a REFI-QDA file and the charting matrix as a workbook', async () => {
    assert.match(fs.readFileSync(await exported('studyspec.exportCodebook', 'qdc', 'codebook.qdc'), 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1\.0"/);
    assert.equal(
      fs
        .readFileSync(await exported('studyspec.exportChart', 'xlsx', 'chart.xlsx'))
        .subarray(0, 2)
        .toString(),
      'PK',
      'an .xlsx is a zip file',
    );
  });

  it('lists the selected frameworks in the coverage view', async () => {
    await open('online-consultations.study');
    await api.coverage.settled();
    const labels = await until('coverage frameworks', async () => {
      const nodes = await api.coverage.getChildren();
      const names = nodes.map((n) => String(api.coverage.getTreeItem(n).label));
      return names.length >= 4 ? names : undefined;
    });
    assert.ok(
      labels.some((l) => /Normali[sz]ation Process Theory/i.test(l)),
      labels.join(', '),
    );
    assert.ok(
      labels.some((l) => /digital inclusion/i.test(l)),
      labels.join(', '),
    );
  });

  it('shows the coverage count in the status bar', async () => {
    await open('online-consultations.study');
    const text = await until('status bar text', () => (api.statusBar.text && /Coverage \d+\/\d+/.test(api.statusBar.text) ? api.statusBar.text : undefined));
    assert.match(text, /Coverage \d+\/\d+/);
  });
});
