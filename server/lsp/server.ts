import * as path from 'path';
import * as lsp from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../features/codeActions';
import { complete } from '../features/completion';
import { foldingRanges } from '../features/folding';
import { format } from '../features/format';
import { hover } from '../features/hover';
import { definition, documentHighlights, documentLinks, references } from '../features/navigation';
import { prepareRename, rename } from '../features/rename';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../features/semanticTokens';
import { documentSymbols, workspaceSymbols } from '../features/symbols';
import { Finding } from '../common/finding';
import { linesOf } from '../common/lines';
import { comparePositions } from '../common/range';
import { packageVersion } from '../common/package';
import { documentKind, documentKindInfos, exportDocuments, generateDocuments, OutputFormat } from '../generate';
import { StudyModel } from '../model/model';
import { CancelledError } from '../common/cancellation';
import { Checker } from './checker';
import {
  clampPosition,
  clampRange,
  fromDiagnostic,
  pathToUri,
  plainText,
  toCompletionItem,
  toDiagnostic,
  toDocumentSymbol,
  toFoldingRange,
  toWorkspaceEdit,
  toWorkspaceSymbol,
  uriToPath,
} from './convert';
import {
  coverageChanged,
  coverageResult,
  CoverageResult,
  DocumentKindsResult,
  ExportParams,
  ExportResult,
  GeneratedDocumentsParams,
  GeneratedDocumentsResult,
  Notifications,
  Requests,
  UriParams,
} from './protocol';
import { readSettings } from './settings';
import { Workspace } from './workspace';
import { flush, mark, tracing } from './trace';

export const SEMANTIC_TOKENS_LEGEND: lsp.SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

export function capabilities(): lsp.ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental, save: { includeText: false } },
    completionProvider: { triggerCharacters: ['.', ':', ' ', ','], resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: { label: 'Study' },
    workspaceSymbolProvider: true,
    documentLinkProvider: { resolveProvider: false },
    foldingRangeProvider: true,
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix], resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** How long the server waits for the client's settings before checking with those it has. */
const SETTINGS_TIMEOUT_MS = 3000;

const UNANSWERED = Symbol('unanswered');

function unanswered(ms: number): Promise<typeof UNANSWERED> {
  return new Promise((resolve) => setTimeout(() => resolve(UNANSWERED), ms).unref());
}

function folderPaths(params: lsp.InitializeParams): string[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders.map((f) => uriToPath(f.uri));
  if (params.rootUri) return [uriToPath(params.rootUri)];
  if (params.rootPath) return [path.resolve(params.rootPath)];
  return [];
}

function within(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Wires the studyspec language features to a connection. */
export function startServer(connection: lsp.Connection): void {
  const documents = new lsp.TextDocuments(TextDocument);
  const openByPath = new Map<string, TextDocument>();
  const workspace = new Workspace((filePath) => openByPath.get(filePath));
  let clientCapabilities: lsp.ClientCapabilities = {};
  let retrigger = false;
  let shuttingDown = false;
  const lastCoverage = new Map<string, StudyModel>();
  const published = new Set<string>();

  const uriOf = (filePath: string): string => openByPath.get(filePath)?.uri ?? pathToUri(filePath);
  const log = (message: string): void => connection.console.log(message);

  /** Runs a handler; an error is logged and the empty result returned, so no request ever fails on the client. */
  function guard<P, R>(name: string, empty: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P): Promise<R> => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof lsp.ResponseError) throw error;
        if (!(error instanceof CancelledError)) connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return empty;
      }
    };
  }

  /** the writes of the last diagnostics published: what comes after them (coverage) waits for them */
  let diagnosticsWritten: Promise<unknown> = Promise.resolve();

  function publish(files: Set<string>): void {
    if (shuttingDown) return;
    const sent: Promise<void>[] = [];
    for (const file of files) {
      const findings = workspace.findingsFor(file);
      const document = openByPath.get(file);
      // an open document always hears back (with its version); others only when they have, or had, findings
      if (findings.length === 0 && !published.has(file) && !document) continue;
      if (findings.length === 0) published.delete(file);
      else published.add(file);
      mark('found');
      const written = connection.sendDiagnostics({ uri: uriOf(file), version: document?.version, diagnostics: findings.map(toDiagnostic) });
      mark('sent');
      if (tracing) void written.then(() => flush(document?.version));
      sent.push(written);
    }
    diagnosticsWritten = Promise.all(sent).catch(() => undefined);
  }

  /**
   * After a study is checked, tells the client its coverage when the study changed (the client's
   * preview and coverage view refresh on it): once the diagnostics are written, so that counting
   * does not delay them.
   */
  function checked(root: string): void {
    const model = workspace.results.get(root)?.model;
    if (!model?.study) {
      lastCoverage.delete(root);
      return;
    }
    if (lastCoverage.get(root) === model) return;
    lastCoverage.set(root, model);
    void diagnosticsWritten.then(() => {
      if (!shuttingDown) void connection.sendNotification(Notifications.coverageChanged, coverageChanged(uriOf(root), model));
    });
  }

  const checker = new Checker(workspace, {
    publish,
    checked,
    priority: (root) => (openByPath.has(root) ? 0 : 1),
    log,
  });

  // --- lifecycle ----------------------------------------------------------------------------

  connection.onInitialize((params) => {
    clientCapabilities = params.capabilities;
    // VS Code and its forks run editor.action.triggerSuggest; other clients would ask the server to run it
    retrigger = /code|codium|cursor|windsurf/i.test(params.clientInfo?.name ?? '');
    workspace.setFolders(folderPaths(params));
    workspace.settings = readSettings(params.initializationOptions, workspace.settings);
    // a client that never says `initialized` still gets its documents checked
    setTimeout(() => checker.release(), SETTINGS_TIMEOUT_MS * 2).unref();
    return { capabilities: capabilities(), serverInfo: { name: 'studyspec-language-server', version: packageVersion() } };
  });

  connection.onInitialized(async () => {
    try {
      await pullSettings();
    } finally {
      // checks wait for the client's settings: the first diagnostics already have its rule severities
      checker.release();
    }
    try {
      if (clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(lsp.DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.study' }, { globPattern: '**/*.json' }] });
      }
      if (clientCapabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(lsp.DidChangeConfigurationNotification.type, { section: 'studyspec' });
      }
      if (clientCapabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('didChangeWorkspaceFolders', undefined, async (event: lsp.WorkspaceFoldersChangeEvent) => {
            const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
            workspace.setFolders([...workspace.workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri))]);
            const gone = workspace.knownFiles().filter((file) => [...removed].some((folder) => within(folder, file)) && !openByPath.has(file));
            for (const file of gone) workspace.removeFile(file);
            checker.schedule(gone, 0);
            await indexAndCheck();
          }),
        );
      }
      await indexAndCheck();
    } catch (error) {
      connection.console.error(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  });

  async function indexAndCheck(): Promise<void> {
    const started = Date.now();
    const found = await workspace.index();
    log(`Indexed ${found.length} .study file(s) in ${workspace.workspaceFolders.length} folder(s) in ${Date.now() - started} ms`);
    checker.schedule(workspace.knownFiles(), 0);
  }

  async function pullSettings(): Promise<void> {
    if (!clientCapabilities.workspace?.configuration) return;
    try {
      const pulled: unknown = await Promise.race([connection.workspace.getConfiguration('studyspec'), unanswered(SETTINGS_TIMEOUT_MS)]);
      if (pulled !== UNANSWERED) workspace.settings = readSettings(pulled, workspace.settings);
    } catch {
      // a client that cannot answer keeps the settings it sent at start-up
    }
  }

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (params: lsp.DidChangeConfigurationParams) => {
      const settings: unknown = params.settings;
      const sent = typeof settings === 'object' && settings !== null && 'studyspec' in settings;
      if (sent) workspace.settings = readSettings(settings, workspace.settings);
      else await pullSettings();
      workspace.invalidateAll();
      checker.schedule(workspace.knownFiles(), 0);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params: lsp.DidChangeWatchedFilesParams) => {
      const changed: string[] = [];
      let everything = false;
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (file.endsWith('.study')) {
          if (change.type === lsp.FileChangeType.Deleted) workspace.removeFile(file);
          else {
            workspace.host.invalidate(file);
            if (workspace.workspaceFolders.some((f) => within(f, file))) workspace.addFile(file);
          }
          changed.push(file);
        } else if (workspace.isConfigFile(file) || workspace.isFrameworkFile(file)) {
          workspace.invalidateAll(file);
          everything = true;
        }
      }
      if (everything) checker.schedule(workspace.knownFiles(), 0);
      else if (changed.length > 0) checker.schedule(changed, 0);
    }),
  );

  type DocumentEvent = lsp.TextDocumentChangeEvent<TextDocument>;
  const justOpened = new WeakSet<TextDocument>();

  documents.onDidOpen(
    guard('didOpen', undefined, (event: DocumentEvent) => {
      const file = uriToPath(event.document.uri);
      openByPath.set(file, event.document);
      justOpened.add(event.document);
      workspace.addFile(file);
      checker.schedule([file], 0);
    }),
  );

  documents.onDidChangeContent(
    guard('didChange', undefined, (event: DocumentEvent) => {
      // TextDocuments reports an open as a change too: the open handler has scheduled it, at once
      if (justOpened.delete(event.document)) return;
      mark('changed');
      const file = uriToPath(event.document.uri);
      openByPath.set(file, event.document);
      checker.schedule([file], workspace.settings.debounceMs);
    }),
  );

  documents.onDidClose(
    guard('didClose', undefined, (event: DocumentEvent) => {
      const file = uriToPath(event.document.uri);
      openByPath.delete(file);
      // a file outside the workspace folders (or gone from the disk) is forgotten with its diagnostics
      const inWorkspace = workspace.workspaceFolders.some((f) => within(f, file)) && workspace.host.readDisk(file) !== undefined;
      if (!inWorkspace) {
        workspace.removeFile(file);
        publish(workspace.dropRoot(file));
      }
      checker.schedule([file], 0);
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    checker.stop();
  });

  // --- requests -----------------------------------------------------------------------------

  /** The parsed file and the model it is read in, from the newest text. */
  function context(uri: string) {
    const filePath = uriToPath(uri);
    const file = workspace.file(filePath);
    return { filePath, file, model: file ? workspace.modelsOf(filePath)[0] : undefined };
  }

  /** The lines of a document's newest text, to make the positions a client sends ones of it. */
  function linesIn(filePath: string) {
    const file = workspace.file(filePath);
    return file ? linesOf(file) : undefined;
  }

  /** The file and position of a position request, the position inside the document whatever the client sent. */
  function at(params: lsp.TextDocumentPositionParams): { filePath: string; position: lsp.Position } {
    const filePath = uriToPath(params.textDocument.uri);
    return { filePath, position: clampPosition(params.position, linesIn(filePath)) };
  }

  connection.onCompletion(
    guard('completion', [] as lsp.CompletionItem[], (params: lsp.CompletionParams) => {
      const { file, model } = context(params.textDocument.uri);
      if (!file) return [];
      return complete(workspace.program, file, model, clampPosition(params.position, linesOf(file))).map((item) => toCompletionItem(item, retrigger));
    }),
  );

  connection.onHover(
    guard('hover', null as lsp.Hover | null, (params: lsp.HoverParams) => {
      const { file, model } = context(params.textDocument.uri);
      const result = file && hover(workspace.program, file, model, clampPosition(params.position, linesOf(file)));
      return result ? { contents: { kind: lsp.MarkupKind.Markdown, value: result.contents }, range: result.range } : null;
    }),
  );

  connection.onDefinition(
    guard('definition', [] as lsp.Location[] | lsp.LocationLink[], (params: lsp.DefinitionParams) => {
      const { filePath, position } = at(params);
      const found = definition(workspace, filePath, position);
      if (clientCapabilities.textDocument?.definition?.linkSupport) {
        return found.map((d) => ({ originSelectionRange: d.origin, targetUri: uriOf(d.file), targetRange: d.range, targetSelectionRange: d.range }));
      }
      return found.map((d) => ({ uri: uriOf(d.file), range: d.range }));
    }),
  );

  connection.onReferences(
    guard('references', [] as lsp.Location[], (params: lsp.ReferenceParams) => {
      const { filePath, position } = at(params);
      return references(workspace, filePath, position, params.context?.includeDeclaration === true).map((l) => ({ uri: uriOf(l.file), range: l.range }));
    }),
  );

  connection.onDocumentHighlight(
    guard('documentHighlight', [] as lsp.DocumentHighlight[], (params: lsp.DocumentHighlightParams) => {
      const { filePath, position } = at(params);
      return documentHighlights(workspace, filePath, position).map((h) => ({
        range: h.range,
        kind: h.kind === 'write' ? lsp.DocumentHighlightKind.Write : lsp.DocumentHighlightKind.Read,
      }));
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null as lsp.PrepareRenameResult | null, (params: lsp.PrepareRenameParams) => {
      const { filePath, position } = at(params);
      const check = prepareRename(workspace, filePath, position);
      if (!check.ok) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, check.reason);
      return { range: check.range, placeholder: check.placeholder };
    }),
  );

  connection.onRenameRequest(
    guard('rename', null as lsp.WorkspaceEdit | null, (params: lsp.RenameParams) => {
      const { filePath, position } = at(params);
      const result = rename(workspace, filePath, position, typeof params.newName === 'string' ? params.newName : '');
      if (!result.ok) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, result.reason);
      return toWorkspaceEdit(result.edits, uriOf);
    }),
  );

  connection.onDocumentLinks(
    guard('documentLinks', [] as lsp.DocumentLink[], (params: lsp.DocumentLinkParams) =>
      documentLinks(workspace, uriToPath(params.textDocument.uri)).map((link) => ({
        range: link.range,
        target: uriOf(link.target),
        tooltip: link.tooltip === undefined ? undefined : plainText(link.tooltip),
      })),
    ),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [] as lsp.DocumentSymbol[], (params: lsp.DocumentSymbolParams) => {
      const file = workspace.file(uriToPath(params.textDocument.uri));
      return file ? documentSymbols(file).map(toDocumentSymbol) : [];
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [] as lsp.SymbolInformation[], (params: lsp.WorkspaceSymbolParams) =>
      workspaceSymbols(workspace.program, workspace.knownFiles(), params.query)
        .slice(0, 500)
        .map((s) => toWorkspaceSymbol(s, uriOf)),
    ),
  );

  connection.onFoldingRanges(
    guard('foldingRanges', [] as lsp.FoldingRange[], (params: lsp.FoldingRangeParams) => {
      const file = workspace.file(uriToPath(params.textDocument.uri));
      return file ? foldingRanges(file).map(toFoldingRange) : [];
    }),
  );

  connection.languages.semanticTokens.on(
    guard('semanticTokens', { data: [] } as lsp.SemanticTokens, (params: lsp.SemanticTokensParams) => {
      const { file, model } = context(params.textDocument.uri);
      const builder = new lsp.SemanticTokensBuilder();
      if (!file) return builder.build();
      for (const token of semanticTokens(file, model)) {
        const type = TYPE_INDEX.get(token.type);
        if (type === undefined) continue;
        const modifiers = token.modifiers.reduce((bits, m) => bits | (MODIFIER_BIT.get(m) ?? 0), 0);
        builder.push(token.line, token.character, token.length, type, modifiers);
      }
      return builder.build();
    }),
  );

  connection.onDocumentFormatting(
    guard('formatting', [] as lsp.TextEdit[], (params: lsp.DocumentFormattingParams) => {
      const file = workspace.file(uriToPath(params.textDocument.uri));
      return file ? format(file, { tabSize: params.options.tabSize, insertSpaces: params.options.insertSpaces }) : [];
    }),
  );

  connection.onDocumentRangeFormatting(
    guard('rangeFormatting', [] as lsp.TextEdit[], (params: lsp.DocumentRangeFormattingParams) => {
      const file = workspace.file(uriToPath(params.textDocument.uri));
      return file ? format(file, { tabSize: params.options.tabSize, insertSpaces: params.options.insertSpaces }, clampRange(params.range, linesOf(file))) : [];
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [] as lsp.CodeAction[], (params: lsp.CodeActionParams) => {
      if (params.context.only && !params.context.only.some((kind) => kind === lsp.CodeActionKind.QuickFix || lsp.CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
      const filePath = uriToPath(params.textDocument.uri);
      const diagnostics = params.context.diagnostics.filter((d) => d.source === 'studyspec');
      const lines = linesIn(filePath);
      const sent = new Map<Finding, lsp.Diagnostic>();
      for (const diagnostic of diagnostics) {
        const finding = fromDiagnostic(diagnostic, filePath, lines);
        if (finding) sent.set(finding, diagnostic);
      }
      return codeActions(workspace, filePath, [...sent.keys()]).map((action) => {
        const fixes = action.fixes;
        const fixed = fixes && [...sent].find(([f]) => f.rule === fixes.rule && comparePositions(f.range.start, fixes.range.start) === 0)?.[1];
        const result: lsp.CodeAction = { title: plainText(action.title), kind: lsp.CodeActionKind.QuickFix, edit: toWorkspaceEdit(action.edit, uriOf) };
        if (fixed) result.diagnostics = [fixed];
        if (action.isPreferred) result.isPreferred = true;
        return result;
      });
    }),
  );

  // --- custom requests ----------------------------------------------------------------------

  /** The study a document belongs to: itself, or the first study importing the fragment. */
  function studyOf(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    const file = workspace.file(filePath);
    if (!file) return undefined;
    return file.study ? filePath : workspace.importersOf(filePath)[0];
  }

  connection.onRequest(
    Requests.coverage,
    guard('coverage', null as CoverageResult | null, (params: UriParams) => {
      const study = studyOf(params.uri);
      const model = study && workspace.modelFor(study);
      return model && model.study ? coverageResult(model, uriOf) : null;
    }),
  );

  connection.onRequest(Requests.documentKinds, (): DocumentKindsResult => ({ kinds: documentKindInfos() }));

  connection.onRequest(
    Requests.generatedDocuments,
    guard('generatedDocuments', null as GeneratedDocumentsResult | null, (params: GeneratedDocumentsParams) => {
      const study = studyOf(params.uri);
      const linted = study && workspace.lint(study);
      if (!linted) return null;
      // the preview asks for the tab it shows: one kind, without the Markdown it does not use
      const options = typeof params.tab === 'string' ? { kinds: [params.tab], markdown: false } : {};
      return { documents: generateDocuments(linted.model, linted.findings, options) };
    }),
  );

  connection.onRequest(
    Requests.export,
    guard('export', { files: [], error: 'The export failed; see the server log.' } as ExportResult, async (params: ExportParams): Promise<ExportResult> => {
      const study = studyOf(params.uri);
      const linted = study && workspace.lint(study);
      if (!linted) return { files: [], error: 'This document is not a study, and no study imports it.' };
      const formats: readonly string[] = documentKind(params.kind)?.formats ?? [];
      const outputFormat = formats.includes(params.format) ? (params.format as OutputFormat) : undefined;
      return exportDocuments(linted.model, linted.findings, { kind: params.kind, format: outputFormat, target: params.target, force: params.force });
    }),
  );

  documents.listen(connection);
  connection.listen();
}
