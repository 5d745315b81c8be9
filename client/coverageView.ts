import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CoverageConstruct, CoverageFramework, CoverageQuestionRef, CoverageResult, Requests } from './protocol';

type CoverageNode =
  | { type: 'framework'; framework: CoverageFramework }
  | { type: 'construct'; construct: CoverageConstruct }
  | { type: 'question'; question: CoverageQuestionRef }
  | { type: 'exclusion'; construct: CoverageConstruct };

const STATUS_ICON: Record<CoverageConstruct['status'], vscode.ThemeIcon> = {
  covered: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  excluded: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  uncovered: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
};

/** The explorer's "Study Coverage" view: frameworks, their constructs, and what covers or excludes each. */
export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode> {
  private readonly emitter = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private current: { uri: string; result: CoverageResult } | undefined;
  private pending: Promise<void> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Refreshes when the active study (or `uri`, if it is the active study) changed. */
  changed(uri: string | undefined): void {
    const active = this.activeStudyUri();
    if (uri && active && uri !== active && this.current?.uri === active) return;
    this.pending = this.load().then(() => this.emitter.fire(undefined));
  }

  /** Waits for the last refresh (for tests). */
  async settled(): Promise<CoverageResult | undefined> {
    await this.pending;
    return this.current?.result;
  }

  private activeStudyUri(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'studyspec' ? document.uri.toString() : this.current?.uri;
  }

  private async load(): Promise<void> {
    const uri = this.activeStudyUri();
    if (!uri) {
      this.current = undefined;
      return;
    }
    try {
      const result = await this.client.sendRequest<CoverageResult | null>(Requests.coverage, { uri });
      this.current = result ? { uri, result } : undefined;
    } catch {
      this.current = undefined;
    }
  }

  async getChildren(node?: CoverageNode): Promise<CoverageNode[]> {
    if (!node) {
      if (!this.current) await (this.pending ??= this.load());
      return (this.current?.result.frameworks ?? []).map((framework) => ({ type: 'framework', framework }));
    }
    if (node.type === 'framework') return node.framework.constructs.map((construct) => ({ type: 'construct', construct }));
    if (node.type === 'construct') {
      const children: CoverageNode[] = node.construct.questions.map((question) => ({ type: 'question', question }));
      if (node.construct.exclusion) children.push({ type: 'exclusion', construct: node.construct });
      return children;
    }
    return [];
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.type) {
      case 'framework': {
        const f = node.framework;
        const item = new vscode.TreeItem(f.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${f.covered}/${f.total} covered${f.excluded ? `, ${f.excluded} excluded` : ''}`;
        item.iconPath = new vscode.ThemeIcon(f.covered + f.excluded === f.total ? 'pass-filled' : 'book');
        item.id = `framework:${f.id}`;
        return item;
      }
      case 'construct': {
        const c = node.construct;
        const hasChildren = c.questions.length > 0 || c.exclusion !== undefined;
        const item = new vscode.TreeItem(c.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = c.status === 'covered' ? `${c.questions.length} question${c.questions.length === 1 ? '' : 's'}` : c.status === 'excluded' ? 'excluded' : 'not covered';
        item.tooltip = `${c.path}: ${c.status === 'uncovered' ? 'no question addresses it and it is not excluded' : c.status}`;
        item.iconPath = STATUS_ICON[c.status];
        item.id = `construct:${c.path}`;
        const first = c.questions[0] ?? c.exclusion;
        if (first) item.command = { command: 'studyspec.revealRange', title: 'Go to', arguments: [first.uri, first.range] };
        return item;
      }
      case 'question': {
        const q = node.question;
        const item = new vscode.TreeItem(q.name, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.command = { command: 'studyspec.revealRange', title: 'Go to question', arguments: [q.uri, q.range] };
        return item;
      }
      case 'exclusion': {
        const exclusion = node.construct.exclusion!;
        const item = new vscode.TreeItem(`Excluded: ${exclusion.reason || '(no reason given)'}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.command = { command: 'studyspec.revealRange', title: 'Go to exclusion', arguments: [exclusion.uri, exclusion.range] };
        return item;
      }
    }
  }
}
