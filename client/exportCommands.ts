import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { ExportParams, ExportResult, Requests } from './protocol';

interface FormatChoice extends vscode.QuickPickItem {
  format: string;
}

const PROTOCOL_FORMATS: FormatChoice[] = [
  { label: 'Word document', description: '.docx', detail: 'For the ethics application and co-authors', format: 'docx' },
  { label: 'Web page', description: '.html', detail: 'Printable, opens in any browser', format: 'html' },
  { label: 'Markdown', description: '.md', detail: 'Plain text, for version control', format: 'md' },
];

export interface ExportOptions {
  format?: string;
  /** a file (protocol) or folder (guides); skips the dialogs */
  target?: vscode.Uri;
  force?: boolean;
}

function studyUri(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (uri) return uri;
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'studyspec' ? document.uri : undefined;
}

async function runExport(client: LanguageClient, params: ExportParams): Promise<string[] | undefined> {
  const result = await client.sendRequest<ExportResult>(Requests.export, params);
  if (result.error) {
    if (/exists/i.test(result.error) && !params.force) {
      const answer = await vscode.window.showWarningMessage(result.error, { modal: true }, 'Replace');
      if (answer === 'Replace') return runExport(client, { ...params, force: true });
      return undefined;
    }
    void vscode.window.showErrorMessage(`Export failed: ${result.error}`);
    return undefined;
  }
  return result.files;
}

async function announce(files: string[]): Promise<void> {
  const open = files.length === 1 ? 'Open' : 'Reveal';
  const answer = await vscode.window.showInformationMessage(`Exported ${files.length === 1 ? path.basename(files[0]) : `${files.length} files`}.`, open);
  if (answer === 'Open') await vscode.env.openExternal(vscode.Uri.file(files[0]));
  if (answer === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(files[0]));
}

export function registerExportCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('studyspec.exportProtocol', async (uri?: vscode.Uri, options: ExportOptions = {}) => {
      const study = studyUri(uri);
      if (!study) return void vscode.window.showWarningMessage('Open a .study file to export its protocol.');
      const format = options.format ?? (await vscode.window.showQuickPick(PROTOCOL_FORMATS, { title: 'Export protocol as' }))?.format;
      if (!format) return undefined;
      const suggested = vscode.Uri.file(study.fsPath.replace(/\.study$/, `-protocol.${format}`));
      const target = options.target ?? (await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { [format.toUpperCase()]: [format] }, title: 'Save protocol' }));
      if (!target) return undefined;
      const files = await runExport(client, { uri: study.toString(), kind: 'protocol', format, target: target.fsPath, force: options.force ?? true });
      if (files && !options.target) void announce(files);
      return files;
    }),
    vscode.commands.registerCommand('studyspec.exportGuides', async (uri?: vscode.Uri, options: ExportOptions = {}) => {
      const study = studyUri(uri);
      if (!study) return void vscode.window.showWarningMessage('Open a .study file to export its interview guides.');
      const format = options.format ?? (await vscode.window.showQuickPick(PROTOCOL_FORMATS, { title: 'Export interview guides as' }))?.format;
      if (!format) return undefined;
      const folder =
        options.target ??
        (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.Uri.file(path.dirname(study.fsPath)), openLabel: 'Export guides here', title: 'Folder for the interview guides' }))?.[0];
      if (!folder) return undefined;
      const files = await runExport(client, { uri: study.toString(), kind: 'guides', format, target: folder.fsPath, force: options.force ?? false });
      if (files && !options.target) void announce(files);
      return files;
    }),
  );
}
