import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import * as lsp from 'vscode-languageserver/node';
import { Finding, FindingData, Severity } from '../common/finding';
import { LineIndex } from '../common/lines';
import { plainLine } from '../common/markdown';
import { comparePositions, Position, Range } from '../common/range';
import * as core from '../features/types';

// --- URIs and paths ---------------------------------------------------------------------------

const SYNTHETIC_ROOT = path.join(path.sep, '__studyspec__');

/** A file path for a document URI; documents that are not files (untitled:) get a synthetic path of their own. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return path.normalize(fileURLToPath(uri));
    } catch {
      // a malformed file URI falls through to a synthetic path
    }
  }
  return path.join(SYNTHETIC_ROOT, encodeURIComponent(uri));
}

export function pathToUri(filePath: string): string {
  if (filePath.startsWith(SYNTHETIC_ROOT + path.sep)) return decodeURIComponent(filePath.slice(SYNTHETIC_ROOT.length + 1));
  return pathToFileURL(filePath).href;
}

// --- positions from the client ---------------------------------------------------------------

function wholeNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * A position the client sent, made one of the document: whole numbers, a line past the last
 * meaning the end of the text and a character past the end of its line the end of the line.
 * Without the document's lines, only whole numbers.
 */
export function clampPosition(position: unknown, lines: LineIndex | undefined): Position {
  const sent = isRecord(position) ? position : {};
  const whole = { line: wholeNumber(sent.line), character: wholeNumber(sent.character) };
  return lines ? lines.positionAt(lines.offsetAt(whole)) : whole;
}

/** A range the client sent, inside the document and in order. */
export function clampRange(range: unknown, lines: LineIndex | undefined): Range {
  const sent = isRecord(range) ? range : {};
  const start = clampPosition(sent.start, lines);
  const end = clampPosition(sent.end, lines);
  return comparePositions(start, end) <= 0 ? { start, end } : { start: end, end: start };
}

// --- diagnostics ------------------------------------------------------------------------------

const SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  information: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

const SEVERITY_NAMES = new Map<lsp.DiagnosticSeverity, Severity>(Object.entries(SEVERITY).map(([name, value]) => [value, name as Severity]));

const UNNECESSARY = new Set(['unused-declaration', 'unused-method']);

/** What a diagnostic carries for code actions: the finding's suggestions and fix data. */
export interface DiagnosticData {
  suggestions?: string[];
  data?: FindingData;
}

export function toDiagnostic(finding: Finding): lsp.Diagnostic {
  const diagnostic: lsp.Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    source: 'studyspec',
    message: finding.message,
  };
  if (UNNECESSARY.has(finding.rule)) diagnostic.tags = [lsp.DiagnosticTag.Unnecessary];
  if (finding.suggestions || finding.data) {
    const data: DiagnosticData = { suggestions: finding.suggestions, data: finding.data };
    diagnostic.data = data;
  }
  return diagnostic;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The finding a diagnostic the client sends back (in a code action request) stands for; its
 * ranges, and those in its data, are made ones of the document (`lines`), whatever the client sent.
 */
export function fromDiagnostic(diagnostic: lsp.Diagnostic, file: string, lines: LineIndex | undefined): Finding | undefined {
  if (!isRecord(diagnostic)) return undefined;
  if (diagnostic.source !== undefined && diagnostic.source !== 'studyspec') return undefined;
  if (typeof diagnostic.code !== 'string') return undefined;
  const carried = isRecord(diagnostic.data) ? (diagnostic.data as DiagnosticData) : {};
  const message: unknown = isRecord(diagnostic.message) ? diagnostic.message.value : diagnostic.message;
  let data: FindingData | undefined;
  if (isRecord(carried.data)) {
    data = { ...carried.data };
    if (data.replaceRange !== undefined) data.replaceRange = clampRange(data.replaceRange, lines);
    if (data.insertAt !== undefined) data.insertAt = clampRange(data.insertAt, lines);
  }
  return {
    file,
    rule: diagnostic.code,
    severity: SEVERITY_NAMES.get(diagnostic.severity ?? lsp.DiagnosticSeverity.Error) ?? 'error',
    message: typeof message === 'string' ? message : '',
    range: clampRange(diagnostic.range, lines),
    suggestions: Array.isArray(carried.suggestions) ? carried.suggestions.filter((s): s is string => typeof s === 'string') : undefined,
    data,
  };
}

// --- edits ------------------------------------------------------------------------------------

export function toWorkspaceEdit(edits: core.FileEdit[], uriOf: (filePath: string) => string): lsp.WorkspaceEdit {
  const changes: Record<string, lsp.TextEdit[]> = {};
  for (const fileEdit of edits) (changes[uriOf(fileEdit.file)] ??= []).push(...fileEdit.edits);
  return { changes };
}

// --- feature results --------------------------------------------------------------------------

/** How long a one-line label the editor shows (a completion detail, a code action title) may be. */
const LABEL_LENGTH = 200;

/** Text the editor shows as plain text on one line: no control characters, no line breaks, not too long. */
export function plainText(text: string): string {
  return plainLine(text, LABEL_LENGTH);
}

const COMPLETION_KINDS: Record<core.CompletionKind, lsp.CompletionItemKind> = {
  keyword: lsp.CompletionItemKind.Keyword,
  property: lsp.CompletionItemKind.Property,
  value: lsp.CompletionItemKind.EnumMember,
  reference: lsp.CompletionItemKind.Reference,
  framework: lsp.CompletionItemKind.Module,
  construct: lsp.CompletionItemKind.Class,
  snippet: lsp.CompletionItemKind.Snippet,
  file: lsp.CompletionItemKind.File,
};

/** `retrigger`: the client runs VS Code's `editor.action.triggerSuggest` command (others do not know it). */
export function toCompletionItem(item: core.CompletionItem, retrigger: boolean): lsp.CompletionItem {
  const result: lsp.CompletionItem = { label: item.label, kind: COMPLETION_KINDS[item.kind] };
  if (item.detail) result.detail = plainText(item.detail);
  if (item.documentation) result.documentation = { kind: lsp.MarkupKind.Markdown, value: item.documentation };
  if (item.sortText) result.sortText = item.sortText;
  if (item.filterText) result.filterText = item.filterText;
  if (item.snippet) result.insertTextFormat = lsp.InsertTextFormat.Snippet;
  const text = item.insertText ?? item.label;
  if (item.replace) result.textEdit = { range: item.replace, newText: text };
  else if (item.insertText !== undefined) result.insertText = item.insertText;
  if (item.triggerSuggest && retrigger) result.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return result;
}

const SYMBOL_KINDS: Record<core.SymbolKind, lsp.SymbolKind> = {
  study: lsp.SymbolKind.Module,
  actor: lsp.SymbolKind.Variable,
  tool: lsp.SymbolKind.Object,
  service: lsp.SymbolKind.Class,
  touchpoint: lsp.SymbolKind.Event,
  question: lsp.SymbolKind.Interface,
  method: lsp.SymbolKind.Method,
  ethics: lsp.SymbolKind.Namespace,
  exclude: lsp.SymbolKind.Null,
};

export function toDocumentSymbol(symbol: core.DocumentSymbol): lsp.DocumentSymbol {
  return {
    name: plainText(symbol.name) || '(unnamed)',
    detail: symbol.detail === undefined ? undefined : plainText(symbol.detail),
    kind: SYMBOL_KINDS[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

export function toWorkspaceSymbol(symbol: core.WorkspaceSymbol, uriOf: (filePath: string) => string): lsp.SymbolInformation {
  return {
    name: plainText(symbol.name) || '(unnamed)',
    kind: SYMBOL_KINDS[symbol.kind],
    location: { uri: uriOf(symbol.location.file), range: symbol.location.range },
    containerName: symbol.containerName,
  };
}

const FOLDING_KINDS: Record<NonNullable<core.FoldingRange['kind']>, lsp.FoldingRangeKind> = {
  comment: lsp.FoldingRangeKind.Comment,
  imports: lsp.FoldingRangeKind.Imports,
  region: lsp.FoldingRangeKind.Region,
};

export function toFoldingRange(range: core.FoldingRange): lsp.FoldingRange {
  return { startLine: range.startLine, endLine: range.endLine, kind: range.kind ? FOLDING_KINDS[range.kind] : undefined };
}
