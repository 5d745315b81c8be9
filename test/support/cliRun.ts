import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

// Compiled to out/test/support/, so the repository root is three levels up.
export const CLI = path.join(path.resolve(__dirname, '../../..'), 'bin', 'studyspec.js');

export interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}

/** `studyspec lint --format json` in `dir`, killed after 15 s so a hang fails the test instead of the suite. */
export function lintJson(dir: string, ...files: string[]): { status: number | null; findings: JsonFinding[]; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...files], { cwd: dir, encoding: 'utf8', timeout: 15000, killSignal: 'SIGKILL' });
  assert.notEqual(run.signal, 'SIGKILL', `lint hung: ${run.stderr}`);
  let findings: JsonFinding[] = [];
  try {
    findings = JSON.parse(run.stdout) as JsonFinding[];
  } catch {
    assert.fail(`exit ${run.status}, not JSON:\n${run.stdout}\n${run.stderr}`);
  }
  return { status: run.status, findings, stderr: run.stderr };
}

/** The finding of `rule` whose message matches, or a failure listing what there is. */
export function finding(findings: JsonFinding[], rule: string, pattern: RegExp): JsonFinding {
  const found = findings.find((f) => f.rule === rule && pattern.test(f.message));
  assert.ok(
    found,
    `no ${rule} matching ${pattern}: ${JSON.stringify(
      findings.map((f) => `${f.rule} ${f.message}`),
      null,
      1,
    )}`,
  );
  return found;
}
