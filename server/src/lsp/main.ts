// Entry point bundled to dist/server.js. `createConnection` picks the transport from the command
// line: `--stdio` (other editors, the integration tests) or `--node-ipc` (VS Code's client).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TfpolicyServer } from './server';

const connection = createConnection(ProposedFeatures.all);
new TfpolicyServer(connection).listen();

// A bug in one analysis must not take the editor's diagnostics down with it: log and keep serving.
process.on('uncaughtException', (error) => {
  connection.console.error(`tfpolicy: uncaught exception: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`tfpolicy: unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});
