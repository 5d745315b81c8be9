/**
 * Latency of the real language server on a large study, measured over stdio as an editor sees it:
 *
 *   node out/test/bench/lspLatency.js [--lines 5000] [--edits 100] [--requests 100] [--json]
 *
 * Generates a ~5,000-line study, starts `bin/studyspec-language-server.js --stdio` with the
 * diagnostics debounce set to 0, opens the study, then times
 *   - 100 single-character edits (didChange) to the publishDiagnostics of that version,
 *   - 100 completions and 100 hovers at references spread over the file.
 * Targets: diagnostics p95 < 60 ms, completion p95 < 20 ms.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompletionItem, Hover, Position } from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient } from '../lsp/client';
import { generateStudy } from './generateStudy';

interface Options {
  lines: number;
  edits: number;
  requests: number;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const n = at === -1 ? NaN : Number(argv[at + 1]);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { lines: value('lines', 5000), edits: value('edits', 100), requests: value('requests', 100), json: argv.includes('--json') };
}

/** A generated study of about `lines` lines. */
function studyOfLines(lines: number): string {
  let bytes = lines * 40;
  for (let i = 0; i < 8; i++) {
    const text = generateStudy(bytes).text;
    const count = text.split('\n').length;
    if (Math.abs(count - lines) / lines < 0.03) return text;
    bytes = Math.round((bytes * lines) / count);
  }
  return generateStudy(bytes).text;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

/** Offsets of every match of `pattern`'s first group, spread evenly over the text, `count` of them. */
function spread(text: string, pattern: RegExp, count: number): number[] {
  const all: number[] = [];
  for (const m of text.matchAll(pattern)) all.push((m.index ?? 0) + m[0].indexOf(m[1]));
  if (all.length === 0) throw new Error(`nothing matches ${pattern}`);
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count) % all.length]);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const text = studyOfLines(options.lines);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-bench-'));
  const file = path.join(folder, 'large.study');
  fs.writeFileSync(file, text);
  const lineCount = text.split('\n').length;

  const client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
  try {
    let started = performance.now();
    const uri = await client.open(file);
    await client.diagnosticsOfVersion(uri);
    const openMs = performance.now() - started;
    const openFindings = client.diagnostics.get(uri)?.diagnostics.length ?? 0;

    // single-character edits in pairs, as a user types a character and deletes it again: into
    // question labels (the study stays clean) and into references (an unknown name appears and
    // goes again); each is timed from didChange to the diagnostics of its version
    const pairs = Math.ceil(options.edits / 2);
    const labelOffsets = spread(text, /question \w+ "([^"])/g, pairs);
    const referenceOffsets = spread(text, /about: (\w)/g, pairs);
    const diagnostics: number[] = [];
    for (let i = 0; i < options.edits; i++) {
      const pair = Math.floor(i / 2);
      const offset = pair % 2 === 0 ? labelOffsets[pair] : referenceOffsets[pair];
      // every pair leaves the text as it was, so offsets into the original text stay valid
      const position = positionAt(text, offset);
      const range = i % 2 === 0 ? { start: position, end: position } : { start: position, end: { line: position.line, character: position.character + 1 } };
      started = performance.now();
      const version = await client.change(uri, [{ range, text: i % 2 === 0 ? 'x' : '' }]);
      await client.waitForDiagnostics(uri, (p) => p.version === version, 30_000);
      diagnostics.push(performance.now() - started);
    }

    await client.waitForDiagnostics(uri, (p) => p.version === client.version(uri));
    const final = client.text(uri);
    const completionAt = spread(final, /about: (\w)/g, options.requests).map((o) => positionAt(final, o));
    const hoverAt = spread(final, /constructs: ([\w.]+)/g, options.requests).map((o) => positionAt(final, o + 2));
    const time = async <R>(positions: Position[], method: string, check: (r: R) => boolean): Promise<number[]> => {
      const samples: number[] = [];
      for (const position of positions) {
        const t0 = performance.now();
        const result = await client.request<R>(method, { textDocument: { uri }, position });
        samples.push(performance.now() - t0);
        if (!check(result)) throw new Error(`${method} at ${position.line}:${position.character} gave nothing`);
      }
      return samples;
    };
    const completion = await time<CompletionItem[]>(completionAt, 'textDocument/completion', (r) => r.length > 0);
    const hover = await time<Hover | null>(hoverAt, 'textDocument/hover', (r) => r !== null);

    const rows: [string, Stats, number | undefined][] = [
      ['diagnostics after a one-character edit', stats(diagnostics), 60],
      ['completion', stats(completion), 20],
      ['hover', stats(hover), undefined],
    ];
    if (options.json) {
      process.stdout.write(JSON.stringify({ lines: lineCount, openMs, rows: rows.map(([name, s, target]) => ({ name, ...s, target })) }, null, 2) + '\n');
    } else {
      const fmt = (n: number): string => n.toFixed(1).padStart(7);
      process.stdout.write(`studyspec language server latency: ${lineCount}-line study (${(text.length / 1024).toFixed(0)} KiB, ${openFindings} findings), debounce 0, over stdio\n`);
      process.stdout.write(`open to first diagnostics: ${openMs.toFixed(0)} ms\n\n`);
      process.stdout.write(`${'measure'.padEnd(42)}${'n'.padStart(5)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'mean'.padStart(8)}  target (p95)\n`);
      for (const [name, s, target] of rows) {
        const verdict = target === undefined ? '' : `< ${target} ms ${s.p95 < target ? 'met' : 'MISSED'}`;
        process.stdout.write(`${name.padEnd(42)}${String(s.n).padStart(5)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)} ${fmt(s.mean)}  ${verdict}\n`);
      }
      process.stdout.write('(milliseconds)\n');
    }
    process.exitCode = rows.some(([, s, target]) => target !== undefined && s.p95 >= target) ? 1 : 0;
  } finally {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
