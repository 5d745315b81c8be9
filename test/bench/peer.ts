/**
 * `npm run bench:peer`: studyspec's whole lint path (parse + model + link + all checks)
 * against the Langium peer (../shared/peer-langium, built by scripts/setup-bench-peer.sh) on
 * the same files, three shapes at 1 MB and 5 MB.
 *
 * Paired: for each file, one process of each runs alternately (each a median of RUNS lints
 * after a warm-up), the ratio peer ÷ studyspec is taken pair by pair, and the table shows the
 * median ratio. Both run under the same Node 24 binary. Heap is heapUsed at the end of each
 * process, with its last result alive, as the peer measures it.
 *
 *   node out/test/bench/peer.js [--sizes 1m,5m] [--pairs N] [--runs N]
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SHAPES, studyOfShape } from './shapes';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NODE24 = path.join(ROOT, '.vscode-test', 'node24', 'bin', 'node');
const PEER = path.join(ROOT, '.bench', 'peer', 'out', 'bench.js');
const OURS = path.join(ROOT, 'out', 'test', 'bench', 'lintOnce.js');
const TARGET_SPEED = 3;
const TARGET_HEAP = 1 / 3;

interface RunResult {
  median_ms: number;
  heap_mb: number;
  errors_and_warnings: number;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const parseSize = (text: string): number => Math.round(parseFloat(text) * (/m$/i.test(text) ? 1_000_000 : /k$/i.test(text) ? 1000 : 1));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runJson(script: string, file: string, runs: number): RunResult {
  const out = execFileSync(NODE24, ['--max-old-space-size=8192', script, file, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as RunResult;
}

function main(): void {
  execFileSync('bash', [path.join(ROOT, 'scripts', 'setup-bench-peer.sh')], { stdio: 'inherit' });
  const sizes = option('--sizes', '1m,5m').split(',').map(parseSize);
  const pairs = Number(option('--pairs', '5'));
  const runs = Number(option('--runs', '3'));
  const folder = path.join(ROOT, '.bench', 'studies');
  fs.mkdirSync(folder, { recursive: true });
  const rows: string[][] = [];
  let allMet = true;
  for (const shape of SHAPES) {
    for (const size of sizes) {
      const file = path.join(folder, `${shape}-${size}.study`);
      fs.writeFileSync(file, studyOfShape(shape, size));
      const speed: number[] = [];
      const heap: number[] = [];
      const ours: RunResult[] = [];
      const peer: RunResult[] = [];
      for (let pair = 0; pair < pairs; pair++) {
        const a = runJson(OURS, file, runs);
        const b = runJson(PEER, file, runs);
        ours.push(a);
        peer.push(b);
        speed.push(b.median_ms / a.median_ms);
        heap.push(a.heap_mb / b.heap_mb);
      }
      const speedMet = median(speed) >= TARGET_SPEED;
      const heapMet = median(heap) <= TARGET_HEAP;
      allMet &&= speedMet && heapMet;
      rows.push([
        shape,
        `${(fs.statSync(file).size / 1e6).toFixed(2)} MB`,
        `${median(ours.map((r) => r.median_ms)).toFixed(0)} ms`,
        `${median(peer.map((r) => r.median_ms)).toFixed(0)} ms`,
        `${median(speed).toFixed(2)}× (${Math.min(...speed).toFixed(2)}–${Math.max(...speed).toFixed(2)})`,
        speedMet ? 'met' : 'NOT met',
        `${median(ours.map((r) => r.heap_mb))} / ${median(peer.map((r) => r.heap_mb))} MB = ${median(heap).toFixed(2)}`,
        heapMet ? 'met' : 'NOT met',
        `${ours[0].errors_and_warnings} / ${peer[0].errors_and_warnings}`,
      ]);
    }
  }
  const header = ['shape', 'size', 'studyspec', 'Langium peer', 'peer ÷ studyspec, median of pairs (range)', `≥ ${TARGET_SPEED}×`, 'heap studyspec / peer', '≤ 1/3', 'errors+warnings ours / peer'];
  console.log(`\nPaired runs: ${pairs} pairs per file, each process the median of ${runs} lints after a warm-up, both on ${execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()}.\n`);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nTargets (≥ ${TARGET_SPEED}× faster, ≤ 1/3 of the heap): ${allMet ? 'all met' : 'not all met'}.`);
}

main();
