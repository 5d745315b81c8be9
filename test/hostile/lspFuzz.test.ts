// A bounded fuzz of the language server over its real protocol: thousands of requests of every
// kind it serves, on samples broken mid-edit, with positions out of range or negative, reversed
// ranges and absurd formatting options. The server must never crash, answer every request
// (a result or an LSP error) within a few seconds, and return only ranges inside the document.
//
// Reproduce a failure with the seed and step it prints:
//   STUDYSPEC_FUZZ_SEED=<seed> npx mocha --no-config out/test/hostile/lspFuzz.test.js
// and make the run longer with STUDYSPEC_FUZZ_REQUESTS=<count>.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { seededRandom } from '../bench/generateStudy';
import { positionAt, sampleWorkspace, TestClient } from '../lsp/client';
import { lineLengths, randomEdit, rangeProblem } from '../support/randomEdits';

const SEED = Number(process.env.STUDYSPEC_FUZZ_SEED ?? 20261201);
const REQUESTS = Number(process.env.STUDYSPEC_FUZZ_REQUESTS ?? 3000);
/** how long one request may take before it counts as a hang */
const REQUEST_TIMEOUT_MS = 15_000;

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

type Random = () => number;

const SAMPLE_FILES = ['online-consultations.study', 'care-pathway-tool.study', 'care-pathway-actors.study', 'video-outpatients.study'];

/** Whole numbers a client might send where a position or an option goes. */
const ODD_NUMBERS = [-1, -(2 ** 31), 2 ** 31, 2 ** 53, 1e9, 0.5, -0.5, 1e308, null];
const TAB_SIZES = [1e9, -1e9, 0, -1, 2 ** 31, 1e308, 3.7, null, '4', { a: 1 }, [], true, 2, 4];
const INSERT_SPACES = [true, false, 'yes', 0, 1, null, undefined, {}];
const NEW_NAMES = ['renamed', 'x', '', ' ', 'with space', '1digit', 'study', 'a'.repeat(5000), 'é', '👩‍⚕️', 'a.b', '"quoted"'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Mostly a position in the text; sometimes past its end, on a line past the last, negative or not a whole number. */
function randomPosition(random: Random, text: string): unknown {
  const lengths = lineLengths(text);
  const line = Math.floor(random() * lengths.length);
  const roll = random();
  if (roll < 0.75) return { line, character: Math.floor(random() * (lengths[line] + 1)) };
  if (roll < 0.85) return { line, character: lengths[line] + 1 + Math.floor(random() * 100) };
  if (roll < 0.92) return { line: lengths.length + Math.floor(random() * 10), character: Math.floor(random() * 5) };
  return { line: random() < 0.5 ? line : pick(random, ODD_NUMBERS), character: pick(random, ODD_NUMBERS) };
}

function randomRange(random: Random, text: string): unknown {
  const a = randomPosition(random, text);
  const b = randomPosition(random, text);
  // reversed as often as not
  return { start: a, end: b };
}

/** Diagnostics to ask code actions for: the ones the server published (perhaps for an older text), or made up. */
function randomDiagnostics(random: Random, text: string, published: unknown[]): unknown[] {
  const made = () => ({
    range: randomRange(random, text),
    code: pick(random, ['unknown-reference', 'construct-not-covered', 'missing-property', 'unused-declaration', 'syntax-error', 'no-such-rule', 42, '__proto__']),
    source: 'studyspec',
    message: 'made up',
    severity: pick(random, [1, 2, 3, 4, 99]),
    data: pick(random, [undefined, { suggestions: ['visit', 7] }, { data: { replaceRange: randomRange(random, text) } }, 'junk']),
  });
  const count = Math.floor(random() * 4);
  // as many draws whatever has been published by now, so a seed replays the same requests
  return Array.from({ length: count }, () => {
    const madeUp = made();
    const usePublished = random() < 0.6;
    const index = Math.floor(random() * published.length);
    return usePublished && published.length > 0 ? published[index] : madeUp;
  });
}

interface Request {
  method: string;
  params: unknown;
  /** the document asked about: the results' ranges without a uri of their own are in it */
  document?: string;
}

function randomRequest(random: Random, uri: string, text: string, published: unknown[], exportFolder: string): Request {
  // now and then a document that is not open, or no document at all
  const document = random() < 0.03 ? pick(random, ['file:///nowhere/gone.study', 'untitled:Untitled-1', 'file:///', 'not a uri']) : uri;
  const request = randomRequestFor(random, document, text, published, exportFolder);
  return { ...request, document };
}

function randomRequestFor(random: Random, uri: string, text: string, published: unknown[], exportFolder: string): Request {
  const textDocument = { uri };
  const options = () => ({ tabSize: pick(random, TAB_SIZES), insertSpaces: pick(random, INSERT_SPACES) });
  const roll = Math.floor(random() * 20);
  switch (roll) {
    case 0:
    case 1:
      return { method: 'textDocument/hover', params: { textDocument, position: randomPosition(random, text) } };
    case 2:
    case 3:
      return { method: 'textDocument/completion', params: { textDocument, position: randomPosition(random, text) } };
    case 4:
      return { method: 'textDocument/definition', params: { textDocument, position: randomPosition(random, text) } };
    case 5:
      return { method: 'textDocument/references', params: { textDocument, position: randomPosition(random, text), context: { includeDeclaration: random() < 0.5 } } };
    case 6:
      return { method: 'textDocument/documentHighlight', params: { textDocument, position: randomPosition(random, text) } };
    case 7:
      return { method: 'textDocument/prepareRename', params: { textDocument, position: randomPosition(random, text) } };
    case 8:
      return { method: 'textDocument/rename', params: { textDocument, position: randomPosition(random, text), newName: pick(random, NEW_NAMES) } };
    case 9:
      return { method: 'textDocument/documentSymbol', params: { textDocument } };
    case 10:
      return { method: 'textDocument/formatting', params: { textDocument, options: options() } };
    case 11:
      return { method: 'textDocument/rangeFormatting', params: { textDocument, range: randomRange(random, text), options: options() } };
    case 12:
      return { method: 'textDocument/codeAction', params: { textDocument, range: randomRange(random, text), context: { diagnostics: randomDiagnostics(random, text, published) } } };
    case 13:
      return { method: 'textDocument/foldingRange', params: { textDocument } };
    case 14:
      return { method: 'textDocument/semanticTokens/full', params: { textDocument } };
    case 15:
      return { method: 'textDocument/documentLink', params: { textDocument } };
    case 16:
      return { method: 'workspace/symbol', params: { query: pick(random, ['', 'a', 'visit', 'zz', '.*', '\u0000']) } };
    case 17:
      return { method: 'studyspec/coverage', params: { uri } };
    case 18:
      return { method: pick(random, ['textDocument/signatureHelp', 'textDocument/inlayHint', 'studyspec/nothing']), params: { textDocument, position: randomPosition(random, text) } };
    default: {
      // the preview and the export are slow: one request in a few of these
      if (random() < 0.85) return { method: 'studyspec/coverage', params: { uri: pick(random, [uri, 'file:///nowhere.study', 'untitled:1', '']) } };
      if (random() < 0.5) return { method: 'studyspec/generatedDocuments', params: { uri } };
      return {
        method: 'studyspec/export',
        params: { uri, kind: pick(random, ['protocol', 'matrix', 'all', 'nonsense', '__proto__']), format: pick(random, ['md', 'html', 'docx', 'csv', 'exe']), target: exportFolder, force: true },
      };
    }
  }
}

/** The edit to the document, as the incremental change a client sends, and the text after it. */
function randomChange(random: Random, text: string, original: string): { range: Range; text: string; after: string } {
  let after: string;
  if (random() < 0.1) after = original;
  else if (random() < 0.15) after = text.slice(0, Math.floor(random() * text.length));
  else after = randomEdit(text, random).text;
  // the smallest change that turns `text` into `after`
  let start = 0;
  while (start < text.length && start < after.length && text[start] === after[start]) start++;
  let end = 0;
  while (end < text.length - start && end < after.length - start && text[text.length - 1 - end] === after[after.length - 1 - end]) end++;
  // never split a \r\n: LSP counts it as one line break
  while (start > 0 && text[start - 1] === '\r' && (text[start] === '\n' || after[start] === '\n')) start--;
  while (end > 0 && text[text.length - end - 1] === '\r' && text[text.length - end] === '\n') end--;
  return { range: { start: positionAt(text, start), end: positionAt(text, text.length - end) }, text: after.slice(start, after.length - end), after };
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && isPosition((value as Range).start) && isPosition((value as Range).end);
}

/**
 * Every range in a result with the document it belongs to: a `uri` beside it, a workspace edit's
 * key, a location link's target, or else the document asked about.
 */
function rangesIn(value: unknown, uri: string, found: { uri: string; range: Range; where: string }[] = [], where = ''): { uri: string; range: Range; where: string }[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => rangesIn(item, uri, found, `${where}[${i}]`));
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  const record = value as Record<string, unknown>;
  const own = typeof record.uri === 'string' ? record.uri : uri;
  for (const [key, child] of Object.entries(record)) {
    const at = `${where}.${key}`;
    // a code action repeats the diagnostics the client sent: those are the client's
    if (key === 'diagnostics') continue;
    if (key === 'changes' && typeof child === 'object' && child !== null) {
      for (const [changed, edits] of Object.entries(child)) rangesIn(edits, changed, found, `${at}[${changed}]`);
    } else if ((key === 'targetRange' || key === 'targetSelectionRange') && typeof record.targetUri === 'string' && isRange(child)) {
      found.push({ uri: record.targetUri, range: child, where: at });
    } else if (isRange(child)) {
      found.push({ uri: own, range: child, where: at });
    } else rangesIn(child, own, found, at);
  }
  return found;
}

describe('hostile: a bounded fuzz of the language server', function () {
  this.timeout(120000);

  it(`answers ${REQUESTS} random requests on documents broken mid-edit, in range, without crashing (seed ${SEED})`, async () => {
    const folder = sampleWorkspace(SAMPLE_FILES);
    const exportFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-fuzz-export-'));
    const client = await TestClient.start({ folder, initializationOptions: { debounceMs: 100 } });
    const random = seededRandom(SEED);
    const originals = new Map<string, string>();
    const uris: string[] = [];
    for (const name of SAMPLE_FILES) {
      const file = path.join(folder, name);
      const uri = await client.open(file);
      uris.push(uri);
      originals.set(uri, client.text(uri));
    }
    /** texts of the files not open in the editor, for the ranges results point into */
    const diskText = (uri: string): string | undefined => {
      try {
        return fs.readFileSync(fileURLToPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    };
    const failures: string[] = [];
    const counts = new Map<string, number>();
    let errors = 0;
    let slowest = { ms: 0, method: '' };
    let sent = 0;
    let step = 0;
    const started = Date.now();
    try {
      while (sent < REQUESTS && failures.length < 10) {
        step++;
        const uri = pick(random, uris);
        // edit, then a burst of requests on the new text before the server has caught up
        // now and then the editor closes the document and opens it again
        if (random() < 0.03) {
          const reopened = client.text(uri);
          await client.close(uri);
          await client.open(fileURLToPath(uri), reopened);
        }
        if (random() < 0.6) {
          const change = randomChange(random, client.text(uri), originals.get(uri)!);
          await client.change(uri, [{ range: change.range, text: change.text }]);
          assert.equal(client.text(uri), change.after, `step ${step}: the client applied the change as computed`);
        }
        const text = client.text(uri);
        const published = client.diagnostics.get(uri)?.diagnostics ?? [];
        const burst = 1 + Math.floor(random() * 6);
        const requests = Array.from({ length: burst }, () => randomRequest(random, uri, text, published, exportFolder));
        sent += requests.length;
        const answers = await Promise.all(
          requests.map(async (request) => {
            counts.set(request.method, (counts.get(request.method) ?? 0) + 1);
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<{ hang: true }>((resolve) => (timer = setTimeout(() => resolve({ hang: true }), REQUEST_TIMEOUT_MS)));
            const answer = client.request<unknown>(request.method, request.params).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            const asked = Date.now();
            const settled = await Promise.race([answer, timeout]);
            if (Date.now() - asked > slowest.ms) slowest = { ms: Date.now() - asked, method: request.method };
            clearTimeout(timer);
            return { request, settled };
          }),
        );
        for (const { request, settled } of answers) {
          const where = () => `seed ${SEED}, step ${step}: ${request.method} ${JSON.stringify(request.params).slice(0, 300)}`;
          if ('hang' in settled) {
            failures.push(`${where()}\n  no answer within ${REQUEST_TIMEOUT_MS} ms`);
            continue;
          }
          if ('error' in settled) {
            const error = settled.error as { code?: unknown; message?: unknown };
            // an LSP error (invalid request, a rename refused) is an answer; a closed connection is not
            if (typeof error?.code !== 'number' || error.code === -32097 /* connection closed */) failures.push(`${where()}\n  failed: ${String(error?.message ?? error)}`);
            else errors++;
            continue;
          }
          for (const found of rangesIn(settled.result, request.document ?? uri)) {
            const against = found.uri === uri ? text : uris.includes(found.uri) ? client.text(found.uri) : diskText(found.uri);
            if (against === undefined) continue;
            const problem = rangeProblem(found.range, against);
            if (problem) failures.push(`${where()}\n  ${found.where} ${JSON.stringify(found.range)} in ${path.basename(found.uri)}: ${problem}`);
          }
          if (request.method === 'textDocument/foldingRange' && request.document === uri && Array.isArray(settled.result)) {
            const lines = lineLengths(text).length;
            for (const fold of settled.result as { startLine: number; endLine: number }[]) {
              if (!(fold.startLine >= 0 && fold.startLine <= fold.endLine && fold.endLine < lines)) failures.push(`${where()}\n  folding range ${JSON.stringify(fold)} outside ${lines} lines`);
            }
          }
          if (request.method === 'textDocument/semanticTokens/full' && request.document === uri) {
            const problem = semanticTokensProblem((settled.result as { data: number[] }).data, text);
            if (problem) failures.push(`${where()}\n  ${problem}`);
          }
          if (request.method.endsWith('ormatting') && Array.isArray(settled.result)) {
            const size = (settled.result as { newText: string }[]).reduce((sum, e) => sum + e.newText.length, 0);
            if (size > text.length * 8 + 1000) failures.push(`${where()}\n  ${size} characters of formatting edits for ${text.length} characters of text`);
          }
        }
        if (client.process.exitCode !== null || client.process.signalCode !== null) {
          failures.push(`seed ${SEED}, step ${step}: the server exited (${client.process.exitCode ?? client.process.signalCode})\n${client.stderr.slice(-2000)}`);
          break;
        }
      }
      // the published diagnostics of the final texts lie inside them too
      for (const uri of uris) {
        const published = await client.diagnosticsOfVersion(uri);
        for (const diagnostic of published.diagnostics) {
          const problem = rangeProblem(diagnostic.range, client.text(uri));
          if (problem) failures.push(`seed ${SEED}, final diagnostics of ${path.basename(uri)}: ${diagnostic.code} ${JSON.stringify(diagnostic.range)}: ${problem}`);
        }
      }
    } finally {
      const code = await client.shutdown();
      fs.rmSync(exportFolder, { recursive: true, force: true });
      if (failures.length === 0) assert.equal(code, 0, `the server exits cleanly after the run\n${client.stderr.slice(-2000)}`);
    }
    const seconds = (Date.now() - started) / 1000;
    // a handler that threw is answered with an empty result, and logged: none may throw
    const thrown = client.logs.filter((line) => / failed: /.test(line));
    assert.deepEqual(
      thrown.map((line) => line.slice(0, 500)),
      [],
      `seed ${SEED}`,
    );
    assert.deepEqual(failures, []);
    assert.ok(sent >= REQUESTS, `${sent} requests sent`);
    assert.ok(errors < sent / 4, `${errors} of ${sent} requests were refused`);
    // every kind of request was tried
    for (const method of ['textDocument/hover', 'textDocument/rename', 'textDocument/rangeFormatting', 'textDocument/semanticTokens/full', 'studyspec/export']) assert.ok(counts.get(method), method);
    console.log(`      ${sent} requests in ${step} steps, ${seconds.toFixed(1)} s (${errors} answered with an LSP error; slowest ${slowest.method}, ${slowest.ms} ms)`);
  });
});

/** Why semantic tokens (relative positions, as LSP encodes them) leave their lines, or undefined. */
function semanticTokensProblem(data: number[], text: string): string | undefined {
  const lengths = lineLengths(text);
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length + 1 && i < data.length; i += 5) {
    const [deltaLine, deltaStart, length] = data.slice(i, i + 3);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    if (line >= lengths.length) return `semantic token ${i / 5} on line ${line} of ${lengths.length}`;
    if (length <= 0 || character + length > lengths[line]) return `semantic token ${i / 5} at ${line}:${character} length ${length} past the end of the line (${lengths[line]})`;
  }
  return undefined;
}
