import * as vscode from 'vscode';
import { CoverageChangedParams } from './protocol';

/** "Coverage 31/34" for the active study; a click opens the coverage matrix. */
export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('studyspec.coverage', vscode.StatusBarAlignment.Left, 50);
  private readonly byUri = new Map<string, CoverageChangedParams>();

  constructor() {
    this.item.name = 'Study coverage';
    this.item.command = 'studyspec.showCoverageMatrix';
  }

  update(params: CoverageChangedParams): void {
    this.byUri.set(params.uri, params);
    this.showFor(vscode.window.activeTextEditor?.document);
  }

  showFor(document: vscode.TextDocument | undefined): void {
    const params = document && document.languageId === 'studyspec' ? this.byUri.get(document.uri.toString()) : undefined;
    if (!params || params.total === 0) {
      this.item.hide();
      return;
    }
    const done = params.covered + (params.excluded ?? 0);
    this.item.text = `$(checklist) Coverage ${params.covered}/${params.total}`;
    this.item.tooltip = `${params.covered} of ${params.total} selected constructs are asked about${params.excluded ? `, ${params.excluded} excluded` : ''}. Click to open the coverage matrix.`;
    this.item.backgroundColor = done < params.total ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  /** What the item shows now, for tests. */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
