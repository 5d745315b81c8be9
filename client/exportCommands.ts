import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { DocumentKindInfo, ExportParams, ExportResult, Requests } from './protocol';

interface FormatChoice extends vscode.QuickPickItem {
  format: string;
}

/** How the export dialog offers each format, in the order offered; a format not listed here is offered by its name. */
const FORMAT_CHOICES: FormatChoice[] = [
  { label: 'REFI-QDA codebook', description: '.qdc', detail: 'Imports into NVivo, ATLAS.ti, MAXQDA and QualCoder', format: 'qdc' },
  { label: 'Excel workbook', description: '.xlsx', detail: 'Opens in Excel and LibreOffice', format: 'xlsx' },
  { label: 'Word document', description: '.docx', detail: 'For the ethics application and co-authors', format: 'docx' },
  { label: 'Web page', description: '.html', detail: 'Printable, opens in any browser', format: 'html' },
  { label: 'Markdown', description: '.md', detail: 'Plain text, for version control', format: 'md' },
];

function formatChoices(formats: readonly string[]): FormatChoice[] {
  const known = FORMAT_CHOICES.filter((choice) => formats.includes(choice.format));
  const others = formats.filter((format) => !known.some((choice) => choice.format === format)).map((format) => ({ label: format.toUpperCase(), description: `.${format}`, format }));
  return [...known, ...others];
}

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

/** The folder dialog for a kind with one document per group, else the save dialog for one file. */
async function chooseTarget(kind: DocumentKindInfo, study: vscode.Uri, format: string, noun: string): Promise<vscode.Uri | undefined> {
  if (kind.perGroup) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: vscode.Uri.file(path.dirname(study.fsPath)),
      openLabel: `Export ${kind.perGroup.many} here`,
      title: `Folder for the ${noun}`,
    });
    return picked?.[0];
  }
  const suggested = vscode.Uri.file(study.fsPath.replace(/\.study$/, `-${kind.id}.${format}`));
  return vscode.window.showSaveDialog({ defaultUri: suggested, filters: { [format.toUpperCase()]: [format] }, title: `Save ${noun}` });
}

/** One export command per document kind that has one: to a file, or to a folder for one document per group. */
export function registerExportCommands(context: vscode.ExtensionContext, client: LanguageClient, kinds: readonly DocumentKindInfo[]): void {
  for (const kind of kinds) {
    const command = kind.exportCommand;
    if (!command) continue;
    const noun = kind.title.charAt(0).toLowerCase() + kind.title.slice(1);
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (uri?: vscode.Uri, options: ExportOptions = {}) => {
        const study = studyUri(uri);
        if (!study) return void vscode.window.showWarningMessage(`Open a .study file to export its ${noun}.`);
        const format = options.format ?? (await vscode.window.showQuickPick(formatChoices(kind.formats), { title: `Export ${noun} as` }))?.format;
        if (!format) return undefined;
        const target = options.target ?? (await chooseTarget(kind, study, format, noun));
        if (!target) return undefined;
        // the save dialog has already asked before replacing a file; a folder's files have not been asked about
        const files = await runExport(client, { uri: study.toString(), kind: kind.id, format, target: target.fsPath, force: options.force ?? !kind.perGroup });
        if (files && !options.target) void announce(files);
        return files;
      }),
    );
  }
}
