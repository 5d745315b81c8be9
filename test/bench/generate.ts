/**
 * Benchmark of the document generators: part of `npm run bench`, or alone
 *   node out/test/bench/generate.js [--shapes bench,many-small] [--sizes 1m,5m] [--kinds protocol,guides] [--no-cli]
 *
 * For each shape and size it lints the study once (not counted), then times, in process, each
 * kind's build and each of its formats' rendering (median of a few runs; the 5 MB study once),
 * and prints per kind × format the 1 MB and 5 MB times and their ratio (target: at most 6×, i.e.
 * linear growth). Then `studyspec generate all STUDY -o DIR` on the 1 MB study as a whole process, into an
 * empty folder (target: under 3 s), and again over its own output with `--force`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configuredModel, lintModel } from '../../server/checks/lint';
import { diskHost } from '../../server/common/diskHost';
import { Finding } from '../../server/common/finding';
import { BuiltDocument, DOCUMENT_KINDS, DocumentKind, OutputFormat } from '../../server/generate/kinds';
import { renderDocuments } from '../../server/generate/output';
import { StudyModel } from '../../server/model/model';
import { Program } from '../../server/model/program';
import { Shape, SHAPES, studyOfShape } from './shapes';
import { table } from './table';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GROWTH_TARGET = 6;
const ALL_TARGET_MS = 3000;
const MB = 1_000_000;

interface Options {
  shapes: Shape[];
  sizes: number[];
  kinds?: string[];
  cli: boolean;
  runs: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { shapes: ['bench', 'many-small', 'few-huge'], sizes: [MB, 5 * MB], cli: true, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    if (flag === '--no-cli') {
      options.cli = false;
      continue;
    }
    const value = inline ?? argv[++i];
    if (flag === '--shapes') options.shapes = value.split(',').map((s) => s as Shape);
    else if (flag === '--sizes') options.sizes = value.split(',').map((s) => Math.round(Number(s.replace(/m$/i, '')) * MB));
    else if (flag === '--kinds') options.kinds = value.split(',');
    else if (flag === '--runs') options.runs = Number(value);
    else throw new Error(`unknown option ${flag}; use --shapes ${SHAPES.join(',')} --sizes 1m,5m --kinds KIND,... --runs N --no-cli`);
  }
  return options;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed<T>(action: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await action();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** The bench's studies live in .bench/studies (ignored), written once per shape and size. */
function studyFile(shape: Shape, size: number): string {
  const file = path.join(ROOT, '.bench', 'studies', `${shape}-${size}.study`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, studyOfShape(shape, size));
  }
  return file;
}

function freshModel(file: string): { program: Program; model: StudyModel } {
  const program = new Program(diskHost);
  const model = configuredModel(program, file);
  if (!model) throw new Error(`cannot read ${file}`);
  return { program, model };
}

/** Milliseconds per kind ("build") and per kind × format, for one study. */
async function measureStudy(file: string, runs: number, kinds: readonly DocumentKind[]): Promise<Map<string, number>> {
  const linted = freshModel(file);
  const findings: Finding[] = lintModel(linted.program, linted.model).findings;
  const samples = new Map<string, number[]>();
  const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
  // each run on a model of its own, so that what a model keeps (its codebook, its numbering) is built in every run, by the first kind that needs it, as in `generate all`
  for (let run = 0; run < runs; run++) {
    const { model } = freshModel(file);
    for (const kind of kinds) {
      const built = await timed((): BuiltDocument[] => kind.build(model, findings));
      add(`${kind.id} build`, built.ms);
      for (const format of kind.formats) add(`${kind.id} ${format}`, (await timed(() => renderDocuments(model, kind, built.result, format as OutputFormat))).ms);
    }
    process.stderr.write('.');
  }
  return new Map([...samples].map(([key, values]) => [key, median(values)]));
}

const ms = (value: number | undefined): string => (value === undefined ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

/**
 * `generate all` as a researcher runs it: a whole process, median of a few runs. `fresh`: each run
 * into an empty folder (the first generation, which the target is about); otherwise every run
 * after the first regenerates over the files already there with `--force`, where files whose
 * bytes would not change are left alone.
 */
function generateAllMs(file: string, runs: number, fresh: boolean): number {
  const samples: number[] = [];
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-bench-'));
  try {
    if (!fresh) execFileSync(process.execPath, [path.join(ROOT, 'bin', 'studyspec.js'), 'generate', 'all', file, '-o', path.join(base, 'out')], { stdio: 'ignore' });
    for (let run = 0; run < runs; run++) {
      const out = path.join(base, fresh ? `run${run}` : 'out');
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'studyspec.js'), 'generate', 'all', file, '-o', out, '--force'], { stdio: 'ignore' });
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const kinds = (DOCUMENT_KINDS as readonly DocumentKind[]).filter((kind) => !options.kinds || options.kinds.includes(kind.id));
  const [small, large] = options.sizes;
  const [load1] = os.loadavg();
  console.log(`\nstudyspec generator benchmark: node ${process.version}, ${os.cpus().length} CPUs, load average ${load1.toFixed(2)} at the start`);
  console.log(`in process, after one lint; median of ${options.runs} runs at ${small / MB} MB, one at ${large / MB} MB\n`);
  let allMet = true;
  for (const shape of options.shapes) {
    const smallTimes = await measureStudy(studyFile(shape, small), options.runs, kinds);
    const largeTimes = large ? await measureStudy(studyFile(shape, large), 1, kinds) : new Map<string, number>();
    process.stderr.write('\n');
    const rows = [...smallTimes.keys()].map((key) => {
      const a = smallTimes.get(key) ?? 0;
      const b = largeTimes.get(key);
      // below a few milliseconds the ratio is noise: linear enough
      const ratio = b === undefined ? undefined : b / Math.max(a, 5);
      const met = ratio === undefined || ratio <= GROWTH_TARGET;
      allMet &&= met;
      return [key, ms(a), ms(b), ratio === undefined ? '–' : `${ratio.toFixed(1)}×`, ratio === undefined ? '' : met ? 'met' : 'NOT MET'];
    });
    console.log(`shape ${shape}`);
    console.log(table([['kind format', `${small / MB} MB`, `${large / MB} MB`, 'ratio', `≤ ${GROWTH_TARGET}×`], ...rows]));
    if (options.cli && !options.kinds) {
      const all = generateAllMs(studyFile(shape, small), 3, true);
      allMet &&= all < ALL_TARGET_MS;
      console.log(
        `\`studyspec generate all\` on the ${small / MB} MB study into an empty folder, whole process (median of 3): ${ms(all)}; target under ${ms(ALL_TARGET_MS)}: ${all < ALL_TARGET_MS ? 'met' : 'NOT MET'}`,
      );
      console.log(`  again over its own output with --force (unchanged files left alone; median of 3): ${ms(generateAllMs(studyFile(shape, small), 3, false))}`);
    }
    console.log('');
  }
  console.log(`generator targets: ${allMet ? 'all met' : 'NOT all met'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
