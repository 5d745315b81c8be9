/*
 * Entry point (extensionTestsPath) of the screenshots suite: run by
 * `node out/test/vscode/runCodeServer.js --suite screenshots`, which opens a temporary copy of
 * samples/ in code-server and saves what the tests ask for in docs/images/.
 * Runs every *.test.js next to this file with mocha; same reporting as ../suite/index.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';

type MochaCtor = typeof import('mocha');

function loadMocha(): MochaCtor {
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
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120000 });
  for (const f of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));

  // The runner picks mocha's report out of the workbench log by this marker.
  const marker = process.env.STUDYSPEC_MOCHA_LOG_MARKER;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; symbols: Record<string, string> };
  for (const k of Object.keys(base.symbols)) base.symbols[k] = String(base.symbols[k]).replace(/\u001b\[[0-9;]*m/g, '');
  const originalLog = base.consoleLog;
  if (marker) base.consoleLog = (...args: unknown[]) => console.log(marker + util.format(...args));

  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        base.consoleLog = originalLog;
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      base.consoleLog = originalLog;
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
