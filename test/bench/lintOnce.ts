/**
 * One process of the paired peer benchmark (test/bench/peer.ts): lints FILE RUNS+1 times as the
 * CLI does (fresh Program each time, built-in frameworks), the first run a warm-up, and prints
 * one JSON line in the Langium peer's own format: median and minimum ms (and median CPU ms), findings, heap in MB
 * (heapUsed at the end, with the last result alive, as the peer measures it).
 */
import * as fs from 'fs';
import { lintFiles } from '../../server/checks/lint';
import { diskHost } from '../../server/common/diskHost';
import { Finding } from '../../server/common/finding';
import { FrameworkCatalog } from '../../server/frameworks/catalog';
import { Program } from '../../server/model/program';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const catalog = new FrameworkCatalog(diskHost);
const times: number[] = [];
/** CPU time of each lint (this process's threads, garbage collection included): steadier than wall time on a shared machine */
const cpu: number[] = [];
let last: Finding[] = [];
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  last = lintFiles(new Program(diskHost, { catalog }), [file]);
  const ms = performance.now() - start;
  const used = process.cpuUsage(startCpu);
  if (i > 0) times.push(ms);
  if (i > 0) cpu.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const errorsAndWarnings = last.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
console.log(
  JSON.stringify({
    file,
    bytes: fs.statSync(file).size,
    median_ms: +times[Math.floor(times.length / 2)].toFixed(1),
    min_ms: +times[0].toFixed(1),
    median_cpu_ms: +cpu[Math.floor(cpu.length / 2)].toFixed(1),
    errors_and_warnings: errorsAndWarnings,
    heap_mb: +(process.memoryUsage().heapUsed / 1e6).toFixed(0),
  }),
);
