/**
 * The language server's entry point: `node out/server/lsp/main.js --stdio` (or `--node-ipc`,
 * `--socket=N`, `--pipe=NAME`, as vscode-languageserver's createConnection reads them from the
 * command line). The VS Code client runs the bundled dist/server.js over IPC.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
