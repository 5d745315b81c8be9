// Bundles the VS Code client and the language server with esbuild into dist/.
'use strict';
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js' }),
]).catch((error) => {
  console.error(error);
  process.exit(1);
});
