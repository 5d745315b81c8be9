#!/usr/bin/env node
'use strict';
// dist/cli.js is the CLI bundled by scripts/bundle.js (npm install and npm run build make it).
const { runCli } = require('../dist/cli.js');

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY,
}).then((code) => {
  process.exitCode = code;
});
