// The VS Code extension: starts the bundled language server (dist/server.js) over IPC, shows its
// log in the "tfpolicy" output channel, keeps a status bar item, and contributes the commands.
// Everything Terraform-specific happens in the server; this side only talks LSP.

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DID_GRANT_WORKSPACE_TRUST, STATUS_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { DOCUMENT_SELECTOR } from './selector';
import { StatusItem } from './status';

/** What `activate()` returns, so tests (and other extensions) can wait for the server. */
export interface TfpolicyApi {
  /** Resolves once the language server has started (rejects if it could not start). */
  ready(): Promise<void>;
  readonly client: LanguageClient;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): TfpolicyApi {
  const output = vscode.window.createOutputChannel('tfpolicy', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    diagnosticCollectionName: 'tfpolicy',
    initializationOptions,
  };
  const languageClient = new LanguageClient('tfpolicy', 'tfpolicy', serverOptions, clientOptions);
  client = languageClient;

  const status = new StatusItem();
  context.subscriptions.push(output, status);
  context.subscriptions.push(languageClient.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)));
  // The client gives up after repeated crashes; the status bar must not keep showing stale counts.
  context.subscriptions.push(languageClient.onDidChangeState((e) => {
    if (e.newState === State.Starting) status.starting();
    else if (e.newState === State.Stopped) status.failed('see the tfpolicy output, or run "tfpolicy: Restart Language Server"');
  }));
  context.subscriptions.push(...registerCommands(languageClient, output, status));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void languageClient.sendNotification(DID_GRANT_WORKSPACE_TRUST);
  }));

  const started = languageClient.start().catch((error: unknown) => {
    status.failed(error instanceof Error ? error.message : String(error));
    output.error(`the language server did not start: ${String(error)}`);
    throw error;
  });
  // The returned promise is for callers that care; nobody else must see an unhandled rejection.
  started.catch(() => undefined);
  return { ready: () => started, client: languageClient };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
