// ESLint: the stage table of docs/architecture.md as import rules, plus typescript-eslint's
// recommended rules. `npm run lint`; test/lint.test.ts shows each rule failing.
import * as fs from 'node:fs';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The stages under server/, in pipeline order: a stage imports only from the stages before it. */
const STAGES = ['common', 'syntax', 'frameworks', 'model', 'checks', 'features', 'generate'];
/** The adapters come last; neither imports the other. */
const ADAPTERS = ['lsp', 'cli'];

// A new folder under server/ must take its place in the table before it can be linted.
for (const entry of fs.readdirSync(new URL('./server/', import.meta.url), { withFileTypes: true })) {
  if (entry.isDirectory() && ![...STAGES, ...ADAPTERS].includes(entry.name)) throw new Error(`server/${entry.name}/ is not in the stage table of eslint.config.mjs (and docs/architecture.md)`);
}

const RULE = '@typescript-eslint/no-restricted-imports';

/** A relative import that climbs out of the current folder into one of `folders`. */
function into(folders, message, allowTypeImports = false) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message, allowTypeImports };
}

const vscode = { name: 'vscode', message: 'Only client/ and the VS Code suite (test/vscode/) use the vscode API.' };
const languageClient = { regex: '^vscode-languageclient', message: 'Only client/ uses vscode-languageclient.' };
const lspLibraries = { regex: '^vscode-(languageserver|jsonrpc)', message: 'Only server/lsp/ (and its tests) use the LSP libraries; the core returns plain results in core types.' };

/** Keys are read through the typed views; a raw lookup by a string key compiles even when misspelt. */
const rawKeyLookup = { regex: '(^|/)model/ast$', importNames: ['propertyOf'], message: 'Outside server/model/, read keys through the typed view: keysOf(block).key (server/model/keys.ts).' };

/** One config entry per folder: flat config replaces a rule's options, so each file gets all its patterns in one entry. */
function restrict(files, { paths = [], patterns = [] }, ignores = []) {
  return { files, ignores, rules: { [RULE]: ['error', { paths, patterns }] } };
}

/** What each folder under server/ must not import: the stages after it, and the other adapter. */
function laterThan(stage) {
  if (ADAPTERS.includes(stage)) return ADAPTERS.filter((adapter) => adapter !== stage);
  return [...STAGES.slice(STAGES.indexOf(stage) + 1), ...ADAPTERS];
}

const serverStages = [...STAGES, ...ADAPTERS].map((stage) => {
  const later = laterThan(stage);
  const patterns = [into(['client'], 'The server never imports the VS Code client.'), languageClient];
  patterns.push(into(later, `server/${stage}/ imports only from the stages above it (docs/architecture.md), not from ${later.join(', ')}.`));
  if (stage !== 'lsp') patterns.push(lspLibraries);
  if (STAGES.indexOf(stage) < 0 || STAGES.indexOf(stage) > STAGES.indexOf('model')) patterns.push(rawKeyLookup);
  return restrict([`server/${stage}/**/*.ts`], { paths: [vscode], patterns });
});

export default defineConfig(
  { ignores: ['out/', 'dist/', '.vscode-test/', '.bench/', 'node_modules/', 'client/media/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...serverStages,
  restrict(['client/**/*.ts'], { patterns: [into(['server'], 'The client imports the server only as types (import type): the language server runs in its own process.', true), lspLibraries] }),
  // Tests of the core and the language server run in plain Node: no vscode (a client module that
  // loads vscode fails there anyway).
  restrict(['test/**/*.ts'], { paths: [vscode], patterns: [languageClient, lspLibraries] }, ['test/vscode/**', 'test/lsp/**', 'test/bench/**']),
  restrict(['test/lsp/**/*.ts', 'test/bench/**/*.ts'], { paths: [vscode], patterns: [languageClient] }),
);
