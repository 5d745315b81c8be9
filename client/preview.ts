import { declarationPattern, previewCsp, studyFiles } from './previewSafety';
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { DocumentKindInfo, GeneratedDocument, GeneratedDocumentsParams, GeneratedDocumentsResult, PreviewTabId, Requests } from './protocol';

export type PreviewTab = PreviewTabId;

/** A tab as the webview draws it; `none` is set for a kind with one document per group, and says why there is none. */
interface WebviewTab {
  id: string;
  label: string;
  documentKind: string;
  none?: string;
}

function webviewTabs(kinds: readonly DocumentKindInfo[]): WebviewTab[] {
  return kinds.flatMap((kind) => {
    if (!kind.preview) return [];
    const none = kind.perGroup ? `${kind.perGroup.none}, so there is no ${kind.perGroup.one} to show.` : undefined;
    return [{ id: kind.id, label: kind.preview.label, documentKind: kind.documentKind, ...(none ? { none } : {}) }];
  });
}

/** What the webview last reported, for tests and for restoring state. */
export interface RenderReport {
  uri: string;
  tab: PreviewTab;
  documents: number;
  version: number;
}

type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; tab: PreviewTab; documents: number; version: number }
  | { type: 'reveal'; file?: string; line?: number; kind?: string; name?: string }
  | { type: 'tab'; tab: PreviewTab };

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/**
 * The live preview: one webview that follows the active study, re-rendered (throttled) as the
 * user types, with click-to-reveal and cursor-to-section sync. Security follows VS Code's
 * Markdown preview: strict CSP with a fresh nonce, resources only from the extension.
 */
export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private studyUri: string | undefined;
  private tab: PreviewTab = 'protocol';
  private version = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastRender: RenderReport | undefined;
  private renderWaiters: ((report: RenderReport) => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private tabs: WebviewTab[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.panel && event.document.languageId === 'studyspec') this.scheduleUpdate();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || editor?.document.languageId !== 'studyspec') return;
        if (editor.document.uri.toString() !== this.studyUri) {
          this.studyUri = editor.document.uri.toString();
          this.panel.title = this.title();
          void this.update();
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (!this.panel || event.textEditor.document.uri.toString() !== this.studyUri) return;
        if (!vscode.workspace.getConfiguration('studyspec').get('preview.scrollSync', true)) return;
        void this.panel.webview.postMessage({ type: 'scrollToLine', line: event.selections[0].active.line, file: event.textEditor.document.uri.fsPath });
      }),
    );
  }

  async open(uri: vscode.Uri | undefined, toSide: boolean, tab?: PreviewTab): Promise<vscode.WebviewPanel | undefined> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'studyspec') {
      void vscode.window.showWarningMessage('Open a .study file to preview it.');
      return undefined;
    }
    this.studyUri = document.uri.toString();
    if (tab) this.tab = tab;
    else this.tab = vscode.workspace.getConfiguration('studyspec').get<PreviewTab>('preview.defaultTab', 'protocol');
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (this.panel) {
      this.panel.reveal(column, true);
      this.panel.title = this.title();
    } else {
      const mediaRoot = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
      this.panel = vscode.window.createWebviewPanel(
        'studyspec.preview',
        this.title(),
        { viewColumn: column, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [mediaRoot], enableFindWidget: true },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'images', 'study-file.svg');
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.disposables);
      this.panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message), null, this.disposables);
      this.panel.webview.html = this.shell(this.panel.webview);
    }
    await this.update();
    return this.panel;
  }

  /** The document kinds the server generates, from its registry: they make the tabs. */
  useKinds(kinds: readonly DocumentKindInfo[]): void {
    this.tabs = webviewTabs(kinds);
  }

  /** A check finished for `uri`: refresh if it is the previewed study or one of its fragments. */
  studyChanged(uri: string): void {
    if (this.panel && uri === this.studyUri) this.scheduleUpdate();
  }

  /** Resolves on the next render the webview reports (or the last one, if it is current). */
  whenRendered(): Promise<RenderReport> {
    if (this.lastRender && this.lastRender.version === this.version) return Promise.resolve(this.lastRender);
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  get lastRendered(): RenderReport | undefined {
    return this.lastRender;
  }

  private title(): string {
    const name = this.studyUri ? vscode.Uri.parse(this.studyUri).path.split('/').pop() : 'study';
    return `Preview ${name}`;
  }

  private scheduleUpdate(): void {
    if (this.timer) return;
    const delay = vscode.workspace.getConfiguration('studyspec').get('preview.throttleMs', 300);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const uri = this.studyUri;
    if (!panel || !uri) return;
    // only the tab on show is generated; a tab switched meanwhile has asked for its own
    const tab = this.tab;
    let documents: GeneratedDocument[] = [];
    let error: string | undefined;
    try {
      const params: GeneratedDocumentsParams = { uri, tab };
      const result = await this.client.sendRequest<GeneratedDocumentsResult | null>(Requests.generatedDocuments, params);
      if (this.tab !== tab || this.studyUri !== uri) return;
      documents = result?.documents ?? [];
      this.allowedFiles = studyFiles(vscode.Uri.parse(uri).fsPath, documents);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    this.version++;
    await panel.webview.postMessage({ type: 'update', version: this.version, tab, tabs: this.tabs, documents, error, file: vscode.Uri.parse(uri).fsPath });
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        void this.update();
        break;
      case 'tab':
        if (message.tab === this.tab) break;
        this.tab = message.tab;
        void this.update();
        break;
      case 'rendered': {
        if (!this.studyUri) return;
        this.lastRender = { uri: this.studyUri, tab: message.tab, documents: message.documents, version: message.version };
        const waiters = this.renderWaiters;
        this.renderWaiters = [];
        for (const resolve of waiters) resolve(this.lastRender);
        break;
      }
      case 'reveal':
        void this.reveal(message);
        break;
    }
  }

  /** The files a `reveal` from the webview may open: those of the current study's documents. */
  private allowedFiles = new Set<string>();

  private async reveal(message: { file?: string; line?: number; kind?: string; name?: string }): Promise<void> {
    // the webview's message is untrusted: only a file of the current study, a numeric line, plain names
    if (message.file !== undefined && (typeof message.file !== 'string' || !this.allowedFiles.has(message.file))) return;
    const file = message.file ? vscode.Uri.file(message.file) : this.studyUri ? vscode.Uri.parse(this.studyUri) : undefined;
    if (!file) return;
    const document = await vscode.workspace.openTextDocument(file);
    let line = typeof message.line === 'number' && Number.isInteger(message.line) && message.line >= 0 ? Math.min(message.line, document.lineCount - 1) : undefined;
    if (line === undefined && typeof message.kind === 'string' && typeof message.name === 'string') {
      const match = declarationPattern(message.kind, message.name)?.exec(document.getText());
      if (match) line = document.positionAt(match.index).line;
    }
    if (line === undefined) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
    const position = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  }

  /** The page shell; content arrives by message. A fresh nonce every time the shell is built. */
  private shell(webview: vscode.Webview): string {
    const scriptNonce = nonce();
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css'));
    const csp = previewCsp(webview.cspSource, scriptNonce);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Study preview</title>
</head>
<body>
<nav id="tabs" role="tablist" aria-label="Documents"></nav>
<main id="content" tabindex="-1"><p class="placeholder">Rendering the study…</p></main>
<script nonce="${scriptNonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
