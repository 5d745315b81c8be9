#!/usr/bin/env node
'use strict';
const { runCli } = require('../out/server/cli/main.js');

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY,
}).then((code) => {
  process.exitCode = code;
});
