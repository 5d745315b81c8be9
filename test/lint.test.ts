import { strict as assert } from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

// Compiled to out/test/, so the repository root is two levels up.
const ROOT = path.resolve(__dirname, '../..');
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

/**
 * Lints `code` with the project's eslint.config.mjs as if it were the file at `file` (nothing
 * is written), and returns the ids of the rules that fire.
 */
async function rulesFiring(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  assert.equal(result.fatalErrorCount, 0, result.messages.map((m) => m.message).join('\n'));
  return result.messages.map((message) => message.ruleId ?? 'none');
}

describe('npm run lint: imports follow the stages of docs/architecture.md', function () {
  this.timeout(60000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  const firing: [string, string, string][] = [
    ['a unit test imports vscode', 'test/parser.test.ts', "import * as vscode from 'vscode';\nexport const api = vscode;\n"],
    ['a core test imports the LSP libraries', 'test/model.test.ts', "import { Hover } from 'vscode-languageserver-protocol/node';\nexport type H = Hover;\n"],
    ['the model imports the checks below it', 'server/model/program.ts', "import { runChecks } from '../checks/run';\nexport const run = runChecks;\n"],
    ['a rule imports an editor feature', 'server/checks/rules/ethics.ts', "import { hover } from '../../features/hover';\nexport const h = hover;\n"],
    ['common imports the syntax stage', 'server/common/range.ts', "import { lexer } from '../syntax/tokens';\nexport const l = lexer;\n"],
    ['an editor feature imports vscode-languageserver', 'server/features/hover.ts', "import { Hover } from 'vscode-languageserver/node';\nexport type H = Hover;\n"],
    ['a generator imports vscode', 'server/generate/protocol.ts', "import * as vscode from 'vscode';\nexport const api = vscode;\n"],
    ['the CLI imports the language server', 'server/cli/main.ts', "import { startServer } from '../lsp/server';\nexport const s = startServer;\n"],
    ['a generator reads a key by a raw string', 'server/generate/protocol.ts', "import { propertyOf } from '../model/ast';\nexport const p = propertyOf;\n"],
    ['the client imports server code as a value', 'client/preview.ts', "import { generateAll } from '../server/generate/index';\nexport const g = generateAll;\n"],
  ];
  for (const [name, file, code] of firing) {
    it(`fails when ${name} (${file})`, async () => {
      assert.deepEqual(await rulesFiring(eslint, file, code), [RESTRICTED]);
    });
  }

  const quiet: [string, string, string][] = [
    ['a rule imports the model', 'server/checks/rules/ethics.ts', "import { StudyModel } from '../../model/model';\nexport type M = StudyModel;\n"],
    ['the language server imports vscode-languageserver', 'server/lsp/server.ts', "import { Hover } from 'vscode-languageserver/node';\nexport type H = Hover;\n"],
    ['a protocol test imports the LSP libraries', 'test/lsp/editing.test.ts', "import { Hover } from 'vscode-languageserver-protocol/node';\nexport type H = Hover;\n"],
    ['a unit test imports a client module', 'test/grammar.test.ts', "import { STUDY_SKELETON } from '../client/skeleton';\nexport const skeleton = STUDY_SKELETON;\n"],
    ['the VS Code suite imports vscode', 'test/vscode/suite/extension.test.ts', "import * as vscode from 'vscode';\nexport const api = vscode;\n"],
    ['the model reads a key by a raw string', 'server/model/analysis.ts', "import { propertyOf } from './ast';\nexport const p = propertyOf;\n"],
    ['the client imports server types', 'client/preview.ts', "import type { GeneratedDocument } from '../server/generate/index';\nexport type D = GeneratedDocument;\n"],
  ];
  for (const [name, file, code] of quiet) {
    it(`passes when ${name} (${file})`, async () => {
      assert.deepEqual(await rulesFiring(eslint, file, code), []);
    });
  }
});
