/**
 * Benchmark of the linting core: `npm run bench`, i.e.
 *   tsc -b && node --expose-gc out/test/bench/run.js [--sizes 100k,1m,5m] [--runs N]
 *
 * For generated studies of about 100 KB, 1 MB and 5 MB (valid and clean: see generateStudy.ts)
 * it prints the median time of each stage (lex+parse, model+link, checks), of a full lint as
 * the CLI does it, and of JSON.parse of the same study as a plain-object model serialised to
 * JSON, the ratio of the two, and the heap the lint needs. The lints run back to back in one warm
 * process, as the language server runs them, with no collection forced between them (see
 * `measure`); the first runs are warm-up. Only the heap figures start from a collected heap.
 */
import * as os from 'os';
import * as v8 from 'v8';
import { lintFiles, lintModel } from '../../server/checks/lint';
import { FrameworkCatalog } from '../../server/frameworks/catalog';
import { allDeclarations, Declaration, Property, StudyFile, Value } from '../../server/model/ast';
import { parseStudyFile } from '../../server/model/build';
import { Program } from '../../server/model/program';
import { parsingLexer } from '../../server/syntax/tokens';
import { MemoryHost } from '../support/memoryHost';
import { generateStudy } from './generateStudy';
import { table } from './table';

const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Options {
  sizes: number[];
  runs?: number;
  warmup: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [100_000, 1_000_000, 5_000_000], warmup: 5 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (flag === '--sizes') options.sizes = value.split(',').map(parseSize);
    else if (flag === '--runs') options.runs = Number(value);
    else if (flag === '--warmup') options.warmup = Number(value);
    else throw new Error(`unknown option ${flag}; use --sizes 100k,1m,5m --runs N --warmup N`);
  }
  return options;
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  const unit = match[2].toLowerCase() === 'm' ? 1_000_000 : match[2].toLowerCase() === 'k' ? 1_000 : 1;
  return Math.round(Number(match[1]) * unit);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function time<T>(action: () => T): { result: T; ms: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = action();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return { result, ms, cpu: (cpu.user + cpu.system) / 1000 };
}

// --- the same study as a plain-object model, for the JSON.parse comparison ------------------

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

function plainValue(value: Value): Plain {
  switch (value.kind) {
    case 'string':
      return value.text;
    case 'number':
      return value.value;
    case 'range':
      return { min: value.min, max: value.max };
    case 'boolean':
      return value.value;
    case 'ref':
      return { ref: value.path };
  }
}

function plainProperties(properties: Property[]): { [key: string]: Plain } {
  const result: { [key: string]: Plain } = {};
  for (const property of properties) result[property.key.text] = property.values.length === 1 ? plainValue(property.values[0]) : property.values.map(plainValue);
  return result;
}

function plainDeclaration(declaration: Declaration): { [key: string]: Plain } {
  const result: { [key: string]: Plain } = { kind: declaration.kind, name: declaration.name.text, label: declaration.label?.text ?? null, properties: plainProperties(declaration.properties) };
  if (declaration.kind === 'actor') result.role = declaration.role?.text ?? null;
  if (declaration.kind === 'method') result.methodKind = declaration.methodKind?.text ?? null;
  if (declaration.kind === 'service') result.touchpoints = declaration.touchpoints.map(plainDeclaration);
  return result;
}

/** Everything the study says, without positions: what a hand-written JSON version of it would hold. */
function plainModel(file: StudyFile): Plain {
  const study = file.study;
  if (!study) return null;
  return {
    study: study.name.text,
    label: study.label?.text ?? null,
    properties: plainProperties(study.properties),
    declarations: study.declarations.map(plainDeclaration),
    excludes: study.excludes.map((e) => ({ ref: e.ref?.path ?? null, rationale: e.rationale?.text ?? null })),
    ethics: study.ethics.map((e) => plainProperties(e.properties)),
  };
}

// --- measuring --------------------------------------------------------------------------

interface Row {
  size: number;
  lines: number;
  declarations: number;
  runs: number;
  lex: number;
  parse: number;
  link: number;
  checks: number;
  lint: number;
  lintMin: number;
  lintCpu: number;
  jsonBytes: number;
  jsonParse: number;
  peakHeap: number;
  liveHeap: number;
  findings: number;
}

const MB = 1024 * 1024;

function measure(size: number, options: Options, catalog: FrameworkCatalog): Row {
  const generated = generateStudy(size);
  const text = generated.text;
  const host = new MemoryHost({ 'study.study': text });
  const studyPath = host.path('study.study');
  const runs = options.runs ?? (size >= 3_000_000 ? 5 : 9);
  const samples = { lex: [] as number[], parse: [] as number[], link: [] as number[], checks: [] as number[], lint: [] as number[], lintCpu: [] as number[], json: [] as number[] };

  // what the table needs from the study, taken before measuring so that none of it stays alive
  // (a live AST beside the measured one would slow every major collection down)
  const { json, declarations, lines } = ((): { json: string; declarations: number; lines: number } => {
    const reference = parseStudyFile(studyPath, text);
    return { json: JSON.stringify(plainModel(reference)), declarations: [...allDeclarations(reference.study?.declarations ?? [])].length, lines: reference.lineCount };
  })();
  let findings = -1;

  // each measurement in its own function, so that only its own results are alive while it runs
  const lexRun = (): number => {
    const lexed = time(() => parsingLexer.tokenize(text));
    if (lexed.result.errors.length > 0) throw new Error('the generated study does not lex');
    return lexed.ms;
  };
  const stageRun = (): [number, number, number] => {
    const parsed = time(() => parseStudyFile(studyPath, text));
    const program = new Program(host, { catalog });
    const linked = time(() => program.modelOf(parsed.result));
    const checked = time(() => lintModel(program, linked.result));
    return [parsed.ms, linked.ms, checked.ms];
  };
  const fullRun = (): { ms: number; cpu: number } => {
    const full = time(() => lintFiles(new Program(host, { catalog }), [studyPath]));
    findings = full.result.length;
    return { ms: full.ms, cpu: full.cpu };
  };
  const jsonRun = (): number => {
    const parsed = time(() => JSON.parse(json) as Plain);
    if (parsed.result === null) throw new Error('the generated study does not serialise');
    return parsed.ms;
  };

  // Successive lints in one warm process, as the language server lints on every edit: no
  // collection forced between them. A gc() with nothing of the last lint alive frees the hidden
  // classes of its short-lived objects, which deoptimises the code that embeds them, so each lint
  // after one re-optimises (on Node 20, about 70 functions re-optimised and 20-30 deoptimisations
  // per lint instead of about 6 and none) and costs about twice the CPU of a lint in use.
  for (let run = 0; run < options.warmup + runs; run++) {
    const full = fullRun();
    if (run < options.warmup) continue;
    samples.lint.push(full.ms);
    samples.lintCpu.push(full.cpu);
  }
  // the stages each as often, also back to back
  for (let run = 0; run < options.warmup + runs; run++) {
    const keep = run >= options.warmup;
    const lex = lexRun();
    const [parse, link, checks] = stageRun();
    const jsonMs = jsonRun();
    if (!keep) continue;
    samples.lex.push(lex);
    samples.parse.push(parse);
    samples.link.push(link);
    samples.checks.push(checks);
    samples.json.push(jsonMs);
  }

  // heap: from a collected heap, the most the stages hold at once (each stage's result kept),
  // and what stays live afterwards (the model and its findings)
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - base, v8.getHeapStatistics().used_heap_size - base);
  };
  const program = new Program(host, { catalog });
  const file = parseStudyFile(studyPath, text);
  sample();
  const model = program.modelOf(file);
  sample();
  const linted = lintModel(program, model);
  sample();
  collect();
  const live = process.memoryUsage().heapUsed - base;
  if (linted.findings.length !== findings) throw new Error('the heap run differs from the timed runs');

  return {
    size: text.length,
    lines,
    declarations,
    runs,
    lex: median(samples.lex),
    parse: median(samples.parse),
    link: median(samples.link),
    checks: median(samples.checks),
    lint: median(samples.lint),
    lintMin: Math.min(...samples.lint),
    lintCpu: median(samples.lintCpu),
    jsonBytes: json.length,
    jsonParse: median(samples.json),
    peakHeap: peak / MB,
    liveHeap: live / MB,
    findings,
  };
}

function formatSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1_000).toFixed(0)} KB`;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!(globalThis as { gc?: () => void }).gc) console.warn('warning: run with node --expose-gc for comparable runs and heap figures');
  const catalog = new FrameworkCatalog(new MemoryHost());
  catalog.builtins();
  const [load1] = os.loadavg();
  console.log(`studyspec lint benchmark: node ${process.version}, ${os.cpus().length} CPUs, load average ${load1.toFixed(2)} at the start`);
  console.log(`successive lints in one warm process, as an editor's language server runs them (no gc() forced between them), median of the measured runs after ${options.warmup} warm-up runs\n`);

  const rows: Row[] = [];
  for (const size of options.sizes) {
    collect();
    rows.push(measure(size, options, catalog));
    const row = rows[rows.length - 1];
    process.stderr.write(`  measured ${formatSize(row.size)} (${row.runs} runs)\n`);
  }

  console.log(
    table([
      ['study', 'lines', 'declarations', 'runs', 'lex', 'lex+parse', 'model+link', 'checks', 'full lint', '(min)', '(CPU)', 'JSON.parse', 'lint/JSON', 'peak heap', 'live heap', 'findings'],
      ...rows.map((r) => [
        formatSize(r.size),
        String(r.lines),
        String(r.declarations),
        String(r.runs),
        `${r.lex.toFixed(1)} ms`,
        `${r.parse.toFixed(1)} ms`,
        `${r.link.toFixed(1)} ms`,
        `${r.checks.toFixed(1)} ms`,
        `${r.lint.toFixed(1)} ms`,
        `${r.lintMin.toFixed(1)} ms`,
        `${r.lintCpu.toFixed(1)} ms`,
        `${r.jsonParse.toFixed(1)} ms`,
        `${(r.lint / r.jsonParse).toFixed(1)}×`,
        `${r.peakHeap.toFixed(1)} MB`,
        `${Math.max(0, r.liveHeap).toFixed(1)} MB`,
        String(r.findings),
      ]),
    ]),
  );
  console.log(`
lex: the lexer alone (part of lex+parse). lex+parse: text to AST (parseStudyFile). model+link: imports,
symbols and references (Program.modelOf). checks: every rule, suppressions and the configuration
(lintModel). full lint: all of it as the CLI runs it (lintFiles, fresh Program, built-in frameworks
already loaded); its median wall time, its fastest run and its median CPU time (all threads, so
the collector's helper threads count; on a busy machine wall times grow, CPU times much less). JSON.parse: the same study as a plain-object model (no positions) in JSON
(${rows.map((r) => formatSize(r.jsonBytes)).join(', ')}). peak heap: the most heap in use above a collected
baseline at the end of each stage, with the earlier stages' results kept; live heap: what stays
after a collection with the model and findings kept.`);

  const oneMb = rows.find((r) => r.size >= 900_000 && r.size <= 1_100_000);
  const fiveMb = rows.find((r) => r.size >= 4_500_000 && r.size <= 5_500_000);
  console.log('\ntargets:');
  const [load] = os.loadavg();
  const quiet = load < 1.5 ? 'quiet machine' : `NOT a quiet machine (load ${load.toFixed(2)}): the target is for a quiet one`;
  if (oneMb)
    console.log(`  1 MB full lint under 150 ms on a quiet machine (median of successive lints in a warm process): ${oneMb.lint.toFixed(0)} ms, ${oneMb.lint < 150 ? 'met' : 'NOT met'} (${quiet})`);
  if (oneMb && fiveMb) {
    const ratio = fiveMb.lint / oneMb.lint;
    console.log(`  5 MB at most 5× the 1 MB time: ${ratio.toFixed(2)}×, ${ratio <= 5 ? 'met' : 'NOT met'}`);
  }
  for (const row of rows) if (row.findings !== 0) console.log(`  note: the ${formatSize(row.size)} study has ${row.findings} findings (hints included; the lint reports at most 1,000 per file)`);
}

main();
