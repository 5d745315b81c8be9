/**
 * Latency of the real language server on a large study, measured over stdio as an editor sees it:
 *
 *   node out/test/bench/lspLatency.js [--lines 5000] [--rounds 6] [--requests 100] [--debounce MS] [--cpu-prof DIR] [--trace] [--node-args "ARGS"] [--json]
 *
 * Generates a ~5,000-line study, starts `bin/studyspec-language-server.js --stdio` with its
 * default settings (the diagnostics debounce included, unless `--debounce` overrides it), opens
 * the study, then replays keystrokes an author makes, each timed from its didChange to the
 * publishDiagnostics of that version:
 *   (a) clean file: typing a word inside a question's label and deleting it again, adding a
 *       property line (as a completion or paste does) and removing it, deleting a line and undoing;
 *   (b) the same keystrokes in other blocks while a syntax error stands in one touchpoint;
 *   (c) typing a new property character by character, so that most keystrokes leave a transient
 *       syntax error (`ask_staff` without its colon, `ask_staff:` without a value…);
 * then the live preview's update (the `studyspec/generatedDocuments` request the VS Code preview
 * sends for the tab it shows, here the protocol), timed from an edit's didChange to the response
 * (so it includes the re-check, not the client's own throttle), and completion and hover.
 * `--cpu-prof DIR` writes a V8 CPU profile of the server process into DIR. `--trace` has the server
 * say when each stage of each check ended (STUDYSPEC_TRACE) and prints where the keystrokes' time
 * went, stage by stage, and the slowest keystrokes' stages. `--node-args` passes options to the
 * server's Node (e.g. V8's GC flags).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompletionItem, Hover, Position } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS } from '../../server/lsp/settings';
import { GeneratedDocumentsParams, GeneratedDocumentsResult, Requests } from '../../server/lsp/protocol';
import { positionAt, TestClient } from '../lsp/client';
import { generateStudy } from './generateStudy';

interface Options {
  lines: number;
  rounds: number;
  requests: number;
  debounce: number | undefined;
  cpuProf: string | undefined;
  nodeArgs: string[];
  trace: boolean;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): number | undefined => {
    const at = argv.indexOf(`--${name}`);
    const n = at === -1 ? NaN : Number(argv[at + 1]);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const at = argv.indexOf('--cpu-prof');
  return {
    lines: value('lines') || 5000,
    rounds: value('rounds') || 6,
    requests: value('requests') || 100,
    debounce: value('debounce'),
    cpuProf: at === -1 ? undefined : path.resolve(argv[at + 1] ?? 'profiles'),
    nodeArgs: argv.includes('--node-args') ? (argv[argv.indexOf('--node-args') + 1] ?? '').split(' ').filter(Boolean) : [],
    trace: argv.includes('--trace'),
    json: argv.includes('--json'),
  };
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
  return Array.from({ length: count }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / count) % all.length]);
}

/** One keystroke: `remove` characters at `offset` replaced by `insert`. */
interface Keystroke {
  offset: number;
  remove: number;
  insert: string;
}

const type = (offset: number, word: string): Keystroke[] => [...word].map((ch, i) => ({ offset: offset + i, remove: 0, insert: ch }));
const backspace = (end: number, count: number): Keystroke[] => Array.from({ length: count }, (_, i) => ({ offset: end - 1 - i, remove: 1, insert: '' }));

/** The end of the line holding `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/**
 * The keystrokes of one round of realistic editing in the question at `question` (the offset of
 * its keyword), each pair leaving the text as it was: a word typed into the label and deleted,
 * a property line added whole and removed, a line deleted and restored.
 */
function cleanEdits(text: string, question: number): Keystroke[] {
  const label = text.indexOf('"', question) + 1 + 4;
  const word = ' revised';
  const aboutLine = lineEnd(text, text.indexOf('about:', question));
  const added = '\n    ask_staff: "How do you handle these requests?"';
  const probes = text.indexOf('    probes:', question);
  const probesLine = text.slice(probes, lineEnd(text, probes) + 1);
  return [
    ...type(label, word),
    ...backspace(label + word.length, word.length),
    { offset: aboutLine, remove: 0, insert: added },
    { offset: aboutLine, remove: added.length, insert: '' },
    { offset: probes, remove: probesLine.length, insert: '' },
    { offset: probes, remove: 0, insert: probesLine },
  ];
}

/**
 * Typing a new property into the question at `question` character by character, as an editor
 * with auto-closing quotes does: Enter (with indent), the key, ':', ' ', '"' (which inserts the
 * closing quote too), the words; then the whole line deleted. Most states between are syntax errors.
 */
function transientEdits(text: string, question: number): Keystroke[] {
  const at = lineEnd(text, text.indexOf('about:', question));
  const indent = '\n    ';
  const key = 'ask_staff: ';
  const words = 'How is this going?';
  let offset = at + indent.length;
  const strokes: Keystroke[] = [{ offset: at, remove: 0, insert: indent }, ...type(offset, key)];
  offset += key.length;
  strokes.push({ offset, remove: 0, insert: '""' });
  strokes.push(...type(offset + 1, words));
  const length = indent.length + key.length + 2 + words.length;
  strokes.push({ offset: at, remove: length, insert: '' });
  return strokes;
}

/** Each round's keystrokes go into a different question, away from `avoid` (the standing error). */
function questionsFor(text: string, rounds: number, avoid?: number): number[] {
  return spread(text, /\n {2}(question) q_/g, rounds + 1)
    .filter((q) => avoid === undefined || Math.abs(q - avoid) > 2000)
    .slice(0, rounds);
}

type Scenario = { name: string; samples: number[]; serverCpu?: number; clientCpu?: number };

/** The CPU milliseconds a process has used so far, from Linux's /proc (undefined elsewhere). */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    // utime and stime are the 14th and 15th fields, in clock ticks of 1/100 s
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs `replay` and notes the CPU the server and this client used per sample: a measure that the machine's load changes much less than latency. */
async function measured(scenario: Scenario, serverPid: number | undefined, replay: () => Promise<void>): Promise<void> {
  const server = cpuMsOf(serverPid);
  const client = process.cpuUsage();
  await replay();
  const serverAfter = cpuMsOf(serverPid);
  const used = process.cpuUsage(client);
  if (server !== undefined && serverAfter !== undefined) scenario.serverCpu = (serverAfter - server) / scenario.samples.length;
  scenario.clientCpu = (used.user + used.system) / 1000 / scenario.samples.length;
}

/** One keystroke as the client saw it (epoch milliseconds), for `--trace`. */
interface Sent {
  scenario: string;
  version: number;
  sent: number;
  received: number;
  /** whether it adds or removes a line break */
  lines: boolean;
}

/** The stages of a check as the server traces them (server/lsp/trace.ts), in order, each from the end of the one before. */
const STAGES: [string, string][] = [
  ['changed', 'to server'],
  ['started', 'queued'],
  ['parsed', 'parse'],
  ['yielded', 'yield'],
  ['linked', 'link'],
  ['checked', 'checks'],
  ['found', 'findings'],
  ['sent', 'to LSP'],
  ['written', 'write'],
];

/** Where the keystrokes' time went: each stage's p50 and p95 per scenario, and the slowest keystrokes stage by stage. */
function traceReport(sent: Sent[], stderr: string): string {
  const traced = new Map<number, Record<string, number>>();
  for (const line of stderr.split('\n')) {
    if (line.startsWith('STUDYSPEC_TRACE ')) {
      const record = JSON.parse(line.slice('STUDYSPEC_TRACE '.length)) as Record<string, number>;
      traced.set(record.version, record);
    }
  }
  const names = [...STAGES.map(([, name]) => name), 'to client', 'server GC'];
  let gcBefore = 0;
  const rows: { keystroke: Sent; total: number; stages: number[] }[] = [];
  for (const keystroke of sent) {
    const record = traced.get(keystroke.version);
    if (!record || STAGES.some(([stage]) => record[stage] === undefined)) continue;
    const stages: number[] = [];
    let last = keystroke.sent;
    for (const [stage] of STAGES) {
      stages.push(record[stage] - last);
      last = record[stage];
    }
    stages.push(keystroke.received - last, record.gcMs - gcBefore);
    gcBefore = record.gcMs;
    rows.push({ keystroke, total: keystroke.received - keystroke.sent, stages });
  }
  const fmt = (n: number): string => n.toFixed(1).padStart(9);
  const header = `${''.padEnd(42)}${'total'.padStart(9)}${names.map((n) => n.padStart(9)).join('')}\n`;
  let out = `\nwhere the time went (--trace; ms, server and client clocks): p50 / p95 of each stage, then the slowest keystrokes\n${header}`;
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.keystroke.scenario.slice(0, 3)} ${row.keystroke.lines ? 'line break added/removed' : 'within a line'}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (const q of ['p50', 'p95'] as const) {
      const column = (values: number[]): string => fmt(stats(values)[q]);
      out += `${`${key} (${group.length}) ${q}`.padEnd(42)}${column(group.map((r) => r.total))}${names.map((_, i) => column(group.map((r) => r.stages[i]))).join('')}\n`;
    }
  }
  for (const row of [...rows].sort((a, b) => b.total - a.total).slice(0, 8)) {
    out += `${`slow: ${row.keystroke.scenario.slice(0, 3)} v${row.keystroke.version}${row.keystroke.lines ? ' (line)' : ''}`.padEnd(42)}${fmt(row.total)}${row.stages.map(fmt).join('')}\n`;
  }
  return out;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const text = studyOfLines(options.lines);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-bench-'));
  const file = path.join(folder, 'large.study');
  fs.writeFileSync(file, text);
  const lineCount = text.split('\n').length;
  const debounce = options.debounce ?? DEFAULT_SETTINGS.debounceMs;
  if (options.cpuProf) fs.mkdirSync(options.cpuProf, { recursive: true });
  // the server inherits the environment
  if (options.trace) process.env.STUDYSPEC_TRACE = '1';
  const sent: Sent[] = [];
  let scenario = '';

  const client = await TestClient.start({
    folder,
    initializationOptions: options.debounce === undefined ? {} : { debounceMs: options.debounce },
    nodeArgs: [...options.nodeArgs, ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [])],
  });
  try {
    const started = performance.now();
    const uri = await client.open(file);
    await client.diagnosticsOfVersion(uri);
    const openMs = performance.now() - started;
    const openFindings = client.diagnostics.get(uri)?.diagnostics.length ?? 0;

    /** Sends one keystroke and waits for the diagnostics of its version; returns the milliseconds. */
    const keystroke = async (k: Keystroke): Promise<number> => {
      const current = client.text(uri);
      const range = { start: positionAt(current, k.offset), end: positionAt(current, k.offset + k.remove) };
      // the editor's buffer is updated before the keystroke is sent, in microseconds: not timed here
      const after = current.slice(0, k.offset) + k.insert + current.slice(k.offset + k.remove);
      const t0 = performance.now();
      const version = await client.change(uri, [{ range, text: k.insert }], after);
      await client.waitForDiagnostics(uri, (p) => p.version === version, 30_000);
      const t1 = performance.now();
      const lines = k.insert.includes('\n') || current.slice(k.offset, k.offset + k.remove).includes('\n');
      if (options.trace && scenario) sent.push({ scenario, version, sent: performance.timeOrigin + t0, received: performance.timeOrigin + t1, lines });
      return t1 - t0;
    };
    const syntaxErrors = (): number => (client.diagnostics.get(uri)?.diagnostics ?? []).filter((d) => d.code === 'syntax-error').length;
    const replay = async (strokes: Keystroke[], samples: number[]): Promise<void> => {
      for (const k of strokes) samples.push(await keystroke(k));
    };
    // warm up: the first edits compile the incremental path
    await replay(cleanEdits(text, questionsFor(text, 1)[0]), []);

    const scenarios: Scenario[] = [];
    const clean: Scenario = { name: '(a) keystroke, clean file', samples: [] };
    scenario = clean.name;
    await measured(clean, client.process.pid, async () => {
      for (const q of questionsFor(text, options.rounds)) await replay(cleanEdits(client.text(uri), q), clean.samples);
    });
    scenarios.push(clean);
    scenario = '';

    // (b) a touchpoint in the middle loses its channel's value and keeps it lost
    const middle = text.indexOf('channel: ', Math.floor(text.length / 2));
    const value = lineEnd(text, middle);
    const broken = text.slice(middle + 'channel: '.length, value);
    await replay([{ offset: middle + 'channel: '.length, remove: broken.length, insert: '' }], []);
    if (syntaxErrors() === 0) throw new Error('the standing syntax error was not reported');
    const standing: Scenario = { name: '(b) keystroke, syntax error elsewhere', samples: [] };
    scenario = standing.name;
    await measured(standing, client.process.pid, async () => {
      for (const q of questionsFor(client.text(uri), options.rounds, middle)) await replay(cleanEdits(client.text(uri), q), standing.samples);
    });
    if (syntaxErrors() === 0) throw new Error('the standing syntax error went away');
    scenarios.push(standing);
    scenario = '';
    await replay([{ offset: middle + 'channel: '.length, remove: 0, insert: broken }], []);

    // (c) typing a property, most keystrokes leaving a transient syntax error
    const transient: Scenario = { name: '(c) keystroke, typing makes an error', samples: [] };
    scenario = transient.name;
    let sawError = false;
    await measured(transient, client.process.pid, async () => {
      for (const q of questionsFor(client.text(uri), Math.max(1, Math.ceil(options.rounds / 2)))) {
        for (const k of transientEdits(client.text(uri), q)) {
          transient.samples.push(await keystroke(k));
          sawError ||= syntaxErrors() > 0;
        }
      }
    });
    if (!sawError) throw new Error('typing a property never showed a syntax error');
    if (syntaxErrors() > 0) throw new Error('the typed property left a syntax error');
    scenarios.push(transient);
    scenario = '';
    if (client.text(uri) !== text) throw new Error('the keystrokes did not leave the text as it was');

    // the preview: an edit, then the request the VS Code preview sends for the study's documents
    const preview: number[] = [];
    let previewDocuments = 0;
    const labels = spread(text, /question \w+ "([^"])/g, 2 * options.rounds);
    for (let i = 0; i < labels.length; i++) {
      const current = client.text(uri);
      const k = i % 2 === 0 ? { offset: labels[i] + 3, remove: 0, insert: 'x' } : { offset: labels[i - 1] + 3, remove: 1, insert: '' };
      const range = { start: positionAt(current, k.offset), end: positionAt(current, k.offset + k.remove) };
      const after = current.slice(0, k.offset) + k.insert + current.slice(k.offset + k.remove);
      const t0 = performance.now();
      const version = await client.change(uri, [{ range, text: k.insert }], after);
      // what the VS Code preview asks for: the documents of the tab on show, here its default tab
      const params: GeneratedDocumentsParams = { uri, tab: 'protocol' };
      const result = await client.request<GeneratedDocumentsResult | null>(Requests.generatedDocuments, params);
      preview.push(performance.now() - t0);
      if (!result || result.documents.length === 0) throw new Error('the preview request gave no documents');
      previewDocuments = result.documents.length;
      await client.waitForDiagnostics(uri, (p) => p.version === version, 30_000);
    }

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
      ...scenarios.map((s): [string, Stats, number] => [s.name, stats(s.samples), 30]),
      [`preview update (protocol tab, ${previewDocuments} document)`, stats(preview), 200],
      ['completion', stats(completion), 20],
      ['hover', stats(hover), undefined],
    ];
    if (options.json) {
      const cpu = scenarios.map((s) => ({ name: s.name, serverCpuMs: s.serverCpu, clientCpuMs: s.clientCpu }));
      process.stdout.write(JSON.stringify({ lines: lineCount, debounce, openMs, rows: rows.map(([name, s, target]) => ({ name, ...s, target })), cpuPerKeystroke: cpu }, null, 2) + '\n');
    } else {
      const fmt = (n: number): string => n.toFixed(1).padStart(7);
      process.stdout.write(
        `studyspec language server latency: ${lineCount}-line study (${(text.length / 1024).toFixed(0)} KiB, ${openFindings} findings), over stdio, diagnostics debounce ${debounce} ms${options.debounce === undefined ? ' (the default)' : ''}\n`,
      );
      process.stdout.write(`open to first diagnostics: ${openMs.toFixed(0)} ms\n`);
      process.stdout.write('keystrokes: from didChange to publishDiagnostics of that version; preview: from didChange to the generatedDocuments response\n\n');
      process.stdout.write(`${'measure'.padEnd(42)}${'n'.padStart(5)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'mean'.padStart(8)}  target (p95)\n`);
      for (const [name, s, target] of rows) {
        const verdict = target === undefined ? '' : `< ${target} ms ${s.p95 < target ? 'met' : 'NOT MET'}`;
        process.stdout.write(`${name.padEnd(42)}${String(s.n).padStart(5)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)} ${fmt(s.mean)}  ${verdict}\n`);
      }
      process.stdout.write('(milliseconds)\n');
      const cpu = (ms: number | undefined): string => (ms === undefined ? '   n/a' : ms.toFixed(1).padStart(6));
      process.stdout.write(`\nCPU per keystroke (ms; the machine's load changes it much less than latency), server / this client (${os.loadavg()[0].toFixed(1)} load):\n`);
      for (const s of scenarios) process.stdout.write(`${s.name.padEnd(42)}${cpu(s.serverCpu)} /${cpu(s.clientCpu)}\n`);
    }
    process.exitCode = rows.some(([, s, target]) => target !== undefined && s.p95 >= target) ? 1 : 0;
    if (options.trace && !options.json) process.stdout.write(traceReport(sent, client.stderr));
  } finally {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  if (options.cpuProf) process.stdout.write(`CPU profile of the server written to ${options.cpuProf}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
