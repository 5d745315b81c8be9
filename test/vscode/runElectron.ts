/*
 * Runs the same suite as runCodeServer.ts under desktop VS Code via @vscode/test-electron.
 * Needs internet access to download VS Code (update.code.visualstudio.com), unless
 * VSCODE_EXECUTABLE_PATH points at an installed VS Code binary; on a headless Linux box run it
 * under xvfb-run.
 *
 * Usage:  node out/test/vscode/runElectron.js [--workspace <folder>]
 * Environment: VSCODE_EXECUTABLE_PATH, VSCODE_VERSION (default: stable), STUDYSPEC_TEST_WORKSPACE,
 *   STUDYSPEC_EXTENSION_PATH, STUDYSPEC_EXTENSION_TESTS_PATH (as for runCodeServer.js).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests, TestOptions } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let workspace = process.env.STUDYSPEC_TEST_WORKSPACE || path.join(ROOT, 'test', 'vscode', 'workspace');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace' || argv[i] === '--folder') workspace = argv[++i];
    else if (!argv[i].startsWith('-')) workspace = argv[i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  const extensionDevelopmentPath = path.resolve(process.env.STUDYSPEC_EXTENSION_PATH || ROOT);
  const extensionTestsPath = path.resolve(process.env.STUDYSPEC_EXTENSION_TESTS_PATH || path.join(__dirname, 'suite', 'index.js'));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-electron-'));

  const options: TestOptions = {
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [
      path.resolve(workspace),
      '--disable-extensions', // other installed extensions; the one under test still loads
      `--user-data-dir=${userDataDir}`,
    ],
  };
  if (process.env.VSCODE_EXECUTABLE_PATH) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  else if (process.env.VSCODE_VERSION) options.version = process.env.VSCODE_VERSION;

  try {
    return await runTests(options);
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as { code?: unknown; message?: string };
    console.error(`[runElectron] ${e && e.message ? e.message : String(err)}`);
    process.exit(typeof e?.code === 'number' && e.code !== 0 ? e.code : 1);
  },
);
