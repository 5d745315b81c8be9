/*
 * Entry point (extensionTestsPath) of the screenshots suite: run by
 * `node out/test/vscode/runCodeServer.js --suite screenshots`, which opens a temporary copy of
 * samples/ in code-server and saves what the tests ask for in docs/images/.
 * Runs every *.test.js next to this file with mocha; same reporting as ../suite/index.ts.
 */
import { runMochaIn } from '../suite/index';

export function run(): Promise<void> {
  return runMochaIn(__dirname, 120000);
}
