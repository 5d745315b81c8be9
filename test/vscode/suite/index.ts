/*
 * Entry point loaded by VS Code as extensionTestsPath (code-server via runCodeServer.ts, or
 * desktop VS Code via runElectron.ts). Runs every *.test.js next to this file with mocha.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';

type MochaCtor = typeof import('mocha');

function loadMocha(): MochaCtor {
  // mocha 12's package entry is an ES module re-exporting lib/mocha.cjs; require() of it needs
  // require(esm) (Node >= 20.19 / 22.12). Fall back to the CommonJS build for older hosts.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('mocha') as unknown as { default?: MochaCtor };
    return typeof m === 'function' ? (m as unknown as MochaCtor) : (m.default as MochaCtor);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('mocha/lib/mocha.cjs') as MochaCtor;
  }
}

export function run(): Promise<void> {
  return runMochaIn(__dirname, 60000);
}

/** Runs every *.test.js in `dir` with mocha inside the extension host; rejects on failures. */
export function runMochaIn(dir: string, timeout: number): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout });
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  // Under runCodeServer.js mocha's report reaches the runner mixed with the workbench's own log
  // lines; the runner sets this marker so that it can pick out the report for its stdout.
  // (Only mocha's output can be marked: the extension host makes console.* non-writable.)
  // Desktop VS Code (runElectron.js) does not set it, so nothing changes there.
  const marker = process.env.STUDYSPEC_MOCHA_LOG_MARKER;
  const base = Mocha.reporters.Base as unknown as {
    consoleLog: (...args: unknown[]) => void;
    symbols: Record<string, string>;
  };
  // color: false does not reach mocha's ✔/✖ symbols, which picocolors colours (e.g. under CI=true).
  for (const k of Object.keys(base.symbols)) base.symbols[k] = String(base.symbols[k]).replace(/\u001b\[[0-9;]*m/g, '');
  const originalLog = base.consoleLog;
  const restore = () => {
    base.consoleLog = originalLog;
  };
  if (marker) base.consoleLog = (...args: unknown[]) => console.log(marker + util.format(...args));

  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        restore();
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      restore();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
