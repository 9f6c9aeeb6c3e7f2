// A minimal LSP client for the integration tests: spawns the bundled dist/server.js over stdio,
// answers the server's requests (configuration, capability registration) like VS Code does, and
// lets tests wait for published diagnostics with a timeout — never a fixed sleep.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction, ConfigurationParams, Diagnostic, InitializeResult, LogMessageParams, PublishDiagnosticsParams, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const repoRoot = path.resolve(__dirname, '../..');
export const serverBundle = path.join(repoRoot, 'dist/server.js');

/** How long a test waits for the server before failing (generous: CI machines are slow). */
const WAIT_MS = 15_000;

interface Waiter {
  readonly uri: string;
  readonly accept: (diagnostics: Diagnostic[]) => boolean;
  readonly resolve: (diagnostics: Diagnostic[]) => void;
}

export class LspTestClient {
  readonly logs: string[] = [];
  /** Custom notifications received, by method. */
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly latest = new Map<string, Diagnostic[]>();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private notificationListeners: (() => void)[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcess, readonly connection: MessageConnection, public settings: Record<string, unknown>) {}

  /** Starts the server and completes the initialize handshake for `workspaceDir`. */
  static async start(workspaceDir: string, settings: Record<string, unknown> = {}, trusted = true): Promise<{ client: LspTestClient; init: InitializeResult }> {
    if (!fs.existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run \`npm run build\` first (npm test does)`);
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection, settings);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => (item.section === 'tfpolicy' ? client.settings : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      client.logs.push(params.message);
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.received(params));
    connection.onNotification((method: string, params: unknown) => {
      client.notifications.push({ method, params });
      const listeners = client.notificationListeners.splice(0);
      for (const listener of listeners) listener();
    });
    connection.listen();
    const rootUri = pathToFileURL(workspaceDir).href;
    const init = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceDir) }],
      initializationOptions: { workspaceTrusted: trusted },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return { client, init };
  }

  private received(params: PublishDiagnosticsParams): void {
    this.latest.set(params.uri, params.diagnostics);
    const ready = this.waiters.filter((w) => w.uri === params.uri && w.accept(params.diagnostics));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(params.diagnostics);
  }

  /** The last diagnostics published for `uri`, if any. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri);
  }

  /** Resolves with the diagnostics of `uri` once a publication (the latest one, or a later one) satisfies `accept`. */
  waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, what = 'the expected diagnostics'): Promise<Diagnostic[]> {
    const current = this.latest.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what} on ${uri}; last published: ${JSON.stringify(this.latest.get(uri))}\nserver log:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, WAIT_MS);
      const waiter: Waiter = { uri, accept, resolve: (d) => (clearTimeout(timer), resolve(d)) };
      this.waiters.push(waiter);
    });
  }

  async open(file: string, text: string, languageId = 'terraform'): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The `window/showMessage` notifications received so far: [type, message]. */
  messages(): [number, string][] {
    return this.notifications.filter((n) => n.method === 'window/showMessage').map((n) => {
      const params = n.params as { type: number; message: string };
      return [params.type, params.message];
    });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /**
   * Tells the server files changed on disk (type 1 created, 2 changed, 3 deleted), as the editor's
   * watcher does; a folder deleted or renamed is reported as the folder alone, as VS Code does.
   */
  async filesChanged(changes: { file: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: pathToFileURL(c.file).href, type: c.type })) });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** How many notifications of `method` arrived so far (e.g. tfpolicy/status, sent after every analysis). */
  notificationCount(method: string): number {
    return this.notifications.filter((n) => n.method === method).length;
  }

  /** Resolves once more than `count` notifications of `method` have arrived (event-driven, with the usual timeout). */
  waitForNotificationCount(method: string, count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${method} #${count + 1}\nserver log:\n${this.logs.join('\n')}`)), WAIT_MS);
      const check = (): void => {
        if (this.notificationCount(method) <= count) return void this.notificationListeners.push(check);
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  }

  /** Resolves with the exit code once the server process has exited. */
  exitCode(): Promise<number | null> {
    if (!this.running) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** True while the server process is alive. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Orderly shutdown; kills the process if it does not exit in time. */
  async stop(): Promise<void> {
    if (this.running) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // The connection is already gone; the kill below ends the process.
      }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

/** A fresh temporary workspace with the given files (relative path → text or bytes). */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-lsp-')));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
