// Bundles the VS Code client, the language server and the CLI with esbuild into dist/.
// The CLI's bundle is what bin/studyspec.js runs: one file loads far faster than the hundreds
// of modules under out/ and node_modules (npm run bench measures start-up).
//   node scripts/bundle.js               development: source maps, not minified
//   node scripts/bundle.js --production  for the .vsix: minified, no source maps
// dist/ is emptied first, so no stale source map or old bundle ends up in a package.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  legalComments: production ? 'none' : 'inline',
};

fs.rmSync(dist, { recursive: true, force: true });
Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js' }),
  // The CLI is always minified (less to compile at every start); docx and exceljs stay in
  // node_modules and load only when `generate` needs them.
  esbuild.build({ ...common, entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', minify: true, keepNames: true, external: ['docx', 'exceljs'] }),
])
  .then(() => {
    for (const f of ['client.js', 'server.js', 'cli.js']) {
      const kb = (fs.statSync(path.join(dist, f)).size / 1024).toFixed(0);
      console.log(`dist/${f} ${kb} KB${production ? ' (production)' : ''}`);
    }
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
