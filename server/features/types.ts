import { FileEdit } from '../common/edit';
import { Range } from '../common/range';

/**
 * Results of editor features in core types. They mirror LSP's shapes so the adapter in
 * server/lsp/ converts them field by field, but the core never imports LSP.
 */
export type { FileEdit, TextEdit } from '../common/edit';

export interface Location {
  file: string;
  range: Range;
}

export type CompletionKind = 'keyword' | 'property' | 'value' | 'reference' | 'framework' | 'construct' | 'snippet' | 'file';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** short, shown beside the label */
  detail?: string;
  /** markdown */
  documentation?: string;
  /** plain text, or a snippet when `snippet` is true */
  insertText?: string;
  snippet?: boolean;
  /** what the insertion replaces (the word typed so far) */
  replace?: Range;
  sortText?: string;
  filterText?: string;
  /** open completion again after inserting (e.g. for the value after `key: `): the adapter sends `editor.action.triggerSuggest` */
  triggerSuggest?: boolean;
}

export interface Hover {
  /** markdown */
  contents: string;
  range: Range;
}

export type SymbolKind = 'study' | 'actor' | 'tool' | 'service' | 'touchpoint' | 'question' | 'method' | 'ethics' | 'exclude';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  location: Location;
  containerName?: string;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'imports' | 'region';
}

export interface DocumentLink {
  range: Range;
  target: string;
  tooltip?: string;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  /** the finding it fixes, matched by rule and range */
  fixes?: { rule: string; range: Range };
  edit: FileEdit[];
  isPreferred?: boolean;
}

/** One semantic token on one line; `type` and `modifiers` are names from the legend in semanticTokens.ts. */
export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}
