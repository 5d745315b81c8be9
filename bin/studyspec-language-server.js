#!/usr/bin/env node
'use strict';
// The studyspec language server. Editors start it with a transport flag:
//   studyspec-language-server --stdio        (Neovim, Helix, Emacs eglot, most clients)
//   studyspec-language-server --node-ipc     (a Node parent process, as VS Code's client does)
//   studyspec-language-server --socket=PORT  (connect to a socket the client listens on)
const args = process.argv.slice(2);

if (args.includes('--version') || args.includes('-v')) {
  const { version } = require('../package.json');
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
if (args.includes('--help') || args.includes('-h') || !args.some((arg) => transports.some((t) => arg === t || (t.endsWith('=') && arg.startsWith(t))))) {
  const stream = args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr;
  stream.write(`Usage: studyspec-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The language server for .study files (diagnostics, completion, hover, go to definition,
references, rename, code actions, formatting, outline, semantic highlighting).
See docs/editors.md for Neovim, Helix and Emacs set-ups.
`);
  process.exit(stream === process.stdout ? 0 : 2);
}

require('../out/server/lsp/main.js');
