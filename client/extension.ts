import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CoverageTreeProvider } from './coverageView';
import { registerExportCommands } from './exportCommands';
import { PreviewManager } from './preview';
import { CoverageChangedParams, DocumentKindsResult, Notifications, Requests } from './protocol';
import { CoverageStatusBar } from './statusBar';
import { STUDY_SKELETON } from './skeleton';

export interface StudyspecApi {
  client: LanguageClient;
  preview: PreviewManager;
  coverage: CoverageTreeProvider;
  statusBar: CoverageStatusBar;
}

function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('studyspec');
  return {
    rules: config.get('rules', {}),
    frameworkFolders: config.get<string[]>('frameworkFolders', []),
    configPath: config.get('configPath', ''),
    debounceMs: config.get('diagnostics.debounceMs', 0),
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<StudyspecApi> {
  const output = vscode.window.createOutputChannel('Study Specification', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watchers = [vscode.workspace.createFileSystemWatcher('**/*.study'), vscode.workspace.createFileSystemWatcher('**/*.json')];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'studyspec' },
      { scheme: 'untitled', language: 'studyspec' },
    ],
    synchronize: { fileEvents: watchers, configurationSection: 'studyspec' },
    initializationOptions: serverSettings(),
    outputChannel: output,
  };
  const client = new LanguageClient('studyspec', 'Study Specification', serverOptions, clientOptions);

  const statusBar = new CoverageStatusBar();
  const coverage = new CoverageTreeProvider(client);
  const preview = new PreviewManager(context, client);
  context.subscriptions.push(statusBar, preview, vscode.window.registerTreeDataProvider('studyspec.coverage', coverage));

  await client.start();
  context.subscriptions.push({ dispose: () => void client.stop() });
  await vscode.commands.executeCommand('setContext', 'studyspec.active', true);

  context.subscriptions.push(
    client.onNotification(Notifications.coverageChanged, (params: CoverageChangedParams) => {
      statusBar.update(params);
      coverage.changed(params.uri);
      preview.studyChanged(params.uri);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      statusBar.showFor(editor?.document);
      coverage.changed(editor?.document.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('studyspec')) void client.sendNotification('workspace/didChangeConfiguration', { settings: { studyspec: serverSettings() } });
    }),
    vscode.commands.registerCommand('studyspec.openPreview', (uri?: vscode.Uri) => preview.open(uri, false)),
    vscode.commands.registerCommand('studyspec.openPreviewToSide', (uri?: vscode.Uri) => preview.open(uri, true)),
    vscode.commands.registerCommand('studyspec.showCoverageMatrix', (uri?: vscode.Uri) => preview.open(uri, true, 'matrix')),
    vscode.commands.registerCommand('studyspec.coverage.refresh', () => coverage.changed(undefined)),
    vscode.commands.registerCommand('studyspec.insertSkeleton', insertSkeleton),
    vscode.commands.registerCommand('studyspec.revealRange', revealRange),
  );
  const { kinds } = await client.sendRequest<DocumentKindsResult>(Requests.documentKinds);
  preview.useKinds(kinds);
  registerExportCommands(context, client, kinds);
  statusBar.showFor(vscode.window.activeTextEditor?.document);
  return { client, preview, coverage, statusBar };
}

async function insertSkeleton(): Promise<void> {
  let editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'studyspec') {
    const document = await vscode.workspace.openTextDocument({ language: 'studyspec', content: '' });
    editor = await vscode.window.showTextDocument(document);
  }
  await editor.insertSnippet(new vscode.SnippetString(STUDY_SKELETON));
}

/** Opens a file at a range: used by the preview and the coverage view. */
export async function revealRange(uri: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const target = range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: target, preserveFocus: false });
  if (target) editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function deactivate(): void {
  // the client is stopped through context.subscriptions
}
