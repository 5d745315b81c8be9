import { PerformanceObserver } from 'perf_hooks';

/**
 * When STUDYSPEC_TRACE is set, the server writes to stderr, for each diagnostics it publishes, when
 * each stage of its check ended (epoch milliseconds) and the garbage collector's pauses so far;
 * `npm run bench:lsp -- --trace` reads them to say where each keystroke's time went.
 */
export const tracing = process.env.STUDYSPEC_TRACE !== undefined;

let stages: Record<string, number> = {};
let gcMs = 0;

if (tracing) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
}

/** Notes that a stage ended now. */
export function mark(stage: string): void {
  if (tracing) stages[stage] = performance.timeOrigin + performance.now();
}

/** Writes the stages noted since the last flush, for the diagnostics of `version`. */
export function flush(version: number | undefined): void {
  mark('written');
  process.stderr.write(`STUDYSPEC_TRACE ${JSON.stringify({ version, ...stages, gcMs })}\n`);
  stages = {};
}
