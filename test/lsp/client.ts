/**
 * A small LSP client for tests: starts the real server (`bin/studyspec-language-server.js
 * --stdio`) as a child process and talks to it through vscode-languageserver-protocol.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  ClientCapabilities,
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  Position,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { extractCursor } from '../support/markers';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_BIN = path.join(REPO_ROOT, 'bin', 'studyspec-language-server.js');

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

const temporaryFolders: string[] = [];
process.on('exit', () => {
  for (const dir of temporaryFolders) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary workspace folder (removed when the process exits) holding copies of the named samples (or of every sample). */
export function sampleWorkspace(names?: string[], extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-lsp-'));
  temporaryFolders.push(dir);
  const samples = path.join(REPO_ROOT, 'samples');
  for (const name of names ?? fs.readdirSync(samples)) fs.copyFileSync(path.join(samples, name), path.join(dir, name));
  for (const [name, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: false } },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    definition: { linkSupport: true },
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true, isPreferredSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
  },
};

export interface StartOptions {
  folder?: string;
  initializationOptions?: Record<string, unknown>;
  /** what the client answers to workspace/configuration for `studyspec` */
  settings?: Record<string, unknown>;
  /** how long the client takes to answer workspace/configuration */
  configurationDelayMs?: number;
  capabilities?: ClientCapabilities;
  /** extra Node options for the server process (the benchmark's --cpu-prof) */
  nodeArgs?: string[];
}

type Waiter = { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: Waiter[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    public settings: Record<string, unknown> | undefined,
    configurationDelayMs = 0,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      const ready = this.waiters.filter((w) => w.uri === params.uri && w.test(params));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve(params);
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    for (const method of ['studyspec/coverageChanged', 'window/showMessage']) {
      connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
      });
    }
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      if (configurationDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, configurationDelayMs));
      return params.items.map(() => this.settings ?? null);
    });
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings, options.configurationDelayMs);
    connection.listen();
    const folder = options.folder;
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'studyspec-tests' },
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null,
      capabilities: options.capabilities ?? CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a file with its text on disk (or `text`); returns its uri. */
  async open(file: string, text?: string): Promise<string> {
    const uri = uriOf(file);
    const content = text ?? fs.readFileSync(file, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'studyspec', version: 1, text: content } });
    return uri;
  }

  /** Opens a text with a `$0` cursor; returns the uri and the cursor position. */
  async openWithCursor(file: string, marked: string): Promise<{ uri: string; position: Position }> {
    const { text, position } = extractCursor(marked);
    fs.writeFileSync(file, text);
    return { uri: await this.open(file, text), position };
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /**
   * Sends incremental changes; returns the new version. `after`, when given, is the text the
   * changes make (the latency benchmark works it out before it starts timing, as an editor's
   * buffer has it at once); otherwise it is worked out here.
   */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], after?: string): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    let text = this.text(uri);
    if (after !== undefined) text = after;
    else for (const change of changes) text = 'range' in change ? applyEdits(text, [{ range: change.range, newText: change.text }]) : change.text;
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the first occurrence of `from` with `to` through an incremental change. */
  async replace(uri: string, from: string, to: string): Promise<number> {
    const text = this.text(uri);
    const offset = text.indexOf(from);
    if (offset === -1) throw new Error(`'${from}' is not in ${uri}`);
    return this.change(uri, [{ range: { start: positionAt(text, offset), end: positionAt(text, offset + from.length) }, text: to }]);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Applies a workspace edit to the open documents (incrementally) and to files on disk. */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      if (this.texts.has(uri)) {
        const sorted = [...edits].sort((a, b) => comparePosition(b.range.start, a.range.start));
        await this.change(
          uri,
          sorted.map((e) => ({ range: e.range, text: e.newText })),
        );
      } else {
        const file = fileURLToPath(uri);
        fs.writeFileSync(file, applyEdits(fs.readFileSync(file, 'utf8'), edits));
      }
    }
  }

  /** The next diagnostics for `uri` that pass `test` (the latest already received count). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const current = this.diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return this.nextDiagnostics(uri, test, timeoutMs);
  }

  /** Diagnostics for `uri` published after now that pass `test`. */
  nextDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, test, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const last = this.diagnostics.get(uri);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(last?.diagnostics.map((d) => `${d.code} ${d.message}`) ?? null)}\n${this.stderr}`));
      }, timeoutMs);
    });
  }

  /** Diagnostics of the document's current version. */
  diagnosticsOfVersion(uri: string): Promise<PublishDiagnosticsParams> {
    const version = this.version(uri);
    return this.waitForDiagnostics(uri, (p) => p.version === version);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notification(method: string): unknown[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  async shutdown(): Promise<number | null> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await Promise.race([this.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
    if (code === null && this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
    return code;
  }
}

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function codes(params: PublishDiagnosticsParams | undefined): string[] {
  return (params?.diagnostics ?? []).map((d: Diagnostic) => String(d.code));
}

export function comparePosition(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Where each line starts, lines broken as LSP breaks them: at \n, \r\n and a lone \r. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  return starts[position.line] + position.character;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => comparePosition(b.range.start, a.range.start));
  for (const edit of sorted) text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  return text;
}

/** The position of the first occurrence of `needle` (plus `delta` characters) in a text. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 1): Position {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`'${needle}' not found`);
  }
  return positionAt(text, offset + delta);
}

export function rangeText(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}
