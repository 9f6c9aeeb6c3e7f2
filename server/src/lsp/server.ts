// The language server: wires LSP events to module analyses. One module = one directory; any
// change to a Terraform file re-analyses its directory (and the known modules that call it) with
// the open buffers laid over the disk, and publishes for every file the analysis speaks about.

import fs from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, ResponseError, TextDocuments,
  TextDocumentSyncKind, WatchKind, type Connection, type FileSystemWatcher, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { terraformFileKind } from '../node/files';
import { CONFIG_FILE_NAME } from '../node/config';
import { POLICY_FILE_NAME } from '../node/policies';
import { DID_GRANT_WORKSPACE_TRUST, LIST_POLICIES_REQUEST, SCAN_WORKSPACE_REQUEST, type InitializationOptions } from '../protocol';
import { codeActionsFor } from './code-actions';
import { FIX_ALL_KIND } from './fix-all';
import { looksBinary } from './module-diagnostics';
import { ModuleRunner } from './module-runner';
import { UriMapper, uriToPath } from './paths';
import { policyBufferKind } from './policy-buffers';
import { PolicySets } from './policy-sets';
import { ModuleScheduler } from './scheduler';
import { analysesOnType, SettingsCache } from './settings';
import { listPolicies, scanWorkspace, type RequestContext } from './workspace-requests';

/** Files whose change on disk matters: Terraform sources and variables, policies, project config. */
export const WATCHED_GLOBS = ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json', `**/${CONFIG_FILE_NAME}`, `**/${POLICY_FILE_NAME}`];
/**
 * Plus every created or deleted path: VS Code reports a deleted or renamed folder as the folder
 * alone, which no file glob matches, and a var file may have any name.
 */
const WATCHERS: FileSystemWatcher[] = [
  ...WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
  { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
];

export class TfpolicyServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly uris = new UriMapper();
  /** The version each document was opened with: TextDocuments reports an open as a change too. */
  private readonly openedVersions = new Map<string, number>();
  private folders: string[] = [];
  private runner!: ModuleRunner;
  private scheduler!: ModuleScheduler;
  private policySets!: PolicySets;
  private settings!: SettingsCache;
  private shutDown = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.registerDynamicFeatures());
    c.onShutdown(this.unlessShutDown(() => {
      this.shutDown = true;
      this.scheduler.dispose();
    }));
    this.documents.onDidOpen((e) => this.opened(e.document));
    this.documents.onDidChangeContent((e) => void this.changed(e.document));
    this.documents.onDidSave((e) => void this.saved(e.document));
    this.documents.onDidClose((e) => {
      this.openedVersions.delete(e.document.uri);
      const file = uriToPath(e.document.uri);
      if (file !== undefined) this.runner.syntax.forget(file);
      if (file !== undefined && policyBufferKind(file)) {
        this.runner.closePolicyBuffer(file);
        this.policiesChanged();
      }
      this.refreshFile(e.document.uri);
    });
    c.onDidChangeConfiguration((params) => {
      this.settings.changed(params.settings);
      this.policiesChanged();
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) this.fileChangedOnDisk(change.uri, change.type);
    });
    c.onNotification(DID_GRANT_WORKSPACE_TRUST, () => {
      this.policySets.grantTrust();
      this.policiesChanged();
    });
    c.onCodeAction(this.unlessShutDown((params) => codeActionsFor(params, (uri) => this.documents.get(uri), (uri) => this.runner.diagnosticsFor(uri))));
    c.onRequest(LIST_POLICIES_REQUEST, this.unlessShutDown((params: { scopeUri?: string } | undefined) => listPolicies(this.requestContext(), params?.scopeUri)));
    c.onRequest(SCAN_WORKSPACE_REQUEST, this.unlessShutDown(() => scanWorkspace(this.requestContext())));
    this.documents.listen(c);
    c.listen();
  }

  /** LSP: after `shutdown`, every request (a second shutdown too) fails with InvalidRequest. */
  private unlessShutDown<P, R>(handler: (params: P) => R): (params: P) => R {
    return (params) => {
      if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
      return handler(params);
    };
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    // Clients without a notion of trust (other editors, tests) are trusted, as their users chose the folder.
    this.policySets = new PolicySets(options.workspaceTrusted !== false, (line) => this.connection.console.info(line));
    this.settings = new SettingsCache(this.connection, params.capabilities.workspace?.configuration === true);
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : undefined;
    this.folders = (params.workspaceFolders ?? []).flatMap((f) => uriToPath(f.uri) ?? []);
    if (this.folders.length === 0 && rootPath) this.folders = [rootPath];
    this.runner = new ModuleRunner({
      connection: this.connection,
      settings: this.settings,
      policySets: this.policySets,
      uris: this.uris,
      openDocument: (file) => this.documents.get(this.uris.toUri(file)),
      workspaceFolders: () => this.folders,
      openFilesIn: (dir) => this.documents.all().flatMap((d) => {
        const file = uriToPath(d.uri);
        return file !== undefined && path.dirname(file) === dir && terraformFileKind(file) !== undefined ? [file] : [];
      }),
      enqueue: (dir) => void this.scheduler.enqueue(dir),
    });
    this.scheduler = new ModuleScheduler((dir) => this.runner.analyse(dir));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tfpolicy' },
    };
  }

  private registerDynamicFeatures(): void {
    const c = this.connection;
    void c.client.register(DidChangeConfigurationNotification.type, { section: 'tfpolicy' }).catch(() => undefined);
    void c.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS }).catch(() => undefined);
    try {
      c.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.flatMap((f) => uriToPath(f.uri) ?? []));
        this.folders = [...this.folders.filter((f) => !removed.has(f)), ...e.added.flatMap((f) => uriToPath(f.uri) ?? [])];
        this.runner.rebuildCallerIndex();
      });
    } catch {
      // The client did not announce workspace folder support; the folders from initialize stay.
    }
    const trust = this.policySets.isTrusted ? 'trusted' : 'untrusted: built-in policies only';
    this.connection.console.info(`tfpolicy language server started (Node ${process.version}); workspace ${trust}; folders: ${this.folders.join(', ') || 'none'}`);
    this.runner.sendStatus('ready');
    // Loading the policy pack costs about a second in a fresh process: do it now, before the
    // user opens a file, rather than on the first open. Then find the module callers on disk.
    setImmediate(() => void this.warmUp().then(() => this.runner.rebuildCallerIndex()));
  }

  private async warmUp(): Promise<void> {
    for (const folder of this.folders) {
      try {
        this.policySets.forDir(folder, await this.runner.settingsFor(folder), folder);
      } catch (error) {
        this.connection.console.error(`tfpolicy: loading the policies for ${folder} failed: ${String(error)}`);
      }
    }
  }

  private terraformDir(uri: string): string | undefined {
    const file = this.uris.remember(uri);
    return file !== undefined && terraformFileKind(file) !== undefined ? path.dirname(file) : undefined;
  }

  /** An open policy.yaml / .tfpolicy.yaml: checked as typed (see policy-buffers.ts). */
  private policyBuffer(document: TextDocument): boolean {
    const file = this.uris.remember(document.uri);
    const kind = file !== undefined ? policyBufferKind(file) : undefined;
    if (file === undefined || !kind) return false;
    void this.runner.checkPolicyBuffer(file, kind, document.getText());
    return true;
  }

  private opened(document: TextDocument): void {
    this.openedVersions.set(document.uri, document.version);
    if (this.policyBuffer(document)) return;
    const dir = this.terraformDir(document.uri);
    if (dir) for (const d of this.runner.affectedBy(dir)) void this.scheduler.enqueue(d);
  }

  private async changed(document: TextDocument): Promise<void> {
    if (this.openedVersions.get(document.uri) === document.version) return;
    if (this.policyBuffer(document)) return;
    const dir = this.terraformDir(document.uri);
    if (!dir) return;
    const settings = await this.runner.settingsFor(dir);
    if (!analysesOnType(settings, document.getText().length)) return;
    for (const d of this.runner.affectedBy(dir)) this.scheduler.debounce(d, settings.debounceMs);
  }

  /** Saved: Terraform's own syntax check of the saved text (off the keystroke path), then a fresh analysis. */
  private async saved(document: TextDocument): Promise<void> {
    const dir = this.terraformDir(document.uri);
    const file = uriToPath(document.uri);
    if (!dir || file === undefined) return;
    const settings = await this.runner.settingsFor(dir);
    const text = document.getText();
    if (settings.enable && settings.showSyntaxErrors && !looksBinary(text)) {
      await this.runner.syntax.check(file, text, document.version, (error) => {
        this.connection.console.error(`tfpolicy: Terraform's syntax check is unavailable: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      });
    }
    this.refreshFile(document.uri);
  }

  /** Saved or closed: the disk is (again) the truth for this file. */
  private refreshFile(uri: string): void {
    const dir = this.terraformDir(uri);
    if (dir) for (const d of this.runner.affectedBy(dir)) void this.scheduler.enqueue(d);
  }

  private fileChangedOnDisk(uri: string, type: FileChangeType): void {
    const file = uriToPath(uri);
    if (file === undefined) return;
    const base = path.basename(file);
    if (base === CONFIG_FILE_NAME || base === POLICY_FILE_NAME) return this.policiesChanged();
    if (this.policySets.all().some((set) => set.varFiles.includes(file))) return this.reanalyseKnown();
    if (terraformFileKind(file) === undefined) return this.otherPathChanged(file, type);
    if (type === FileChangeType.Changed && this.documents.get(uri)) return;
    const dir = path.dirname(file);
    // A module call added or removed on disk changes whom the modules are reported through.
    if (terraformFileKind(file) === 'config' && this.runner.callerIndex.refresh(dir)) this.runner.analyseUnknownCallers();
    const affected = this.runner.affectedBy(dir).filter((d) => this.runner.knownDirs().includes(d));
    for (const d of affected) void this.scheduler.enqueue(d);
  }

  /**
   * A created or deleted path that is not a Terraform file: possibly a folder (VS Code reports a
   * deleted or renamed folder as the folder only). Modules under a deleted one are forgotten and
   * their callers re-analysed (a module call to it now fails, as in the CLI); a created folder may
   * be a module a known caller was missing.
   */
  private otherPathChanged(target: string, type: FileChangeType): void {
    if (type === FileChangeType.Changed) return;
    const inside = (p: string | undefined): boolean => p !== undefined && (p === target || p.startsWith(target + path.sep));
    const policiesMoved = this.policySets.all().some((set) => inside(set.config.file) || set.dirs.some(inside));
    if (type === FileChangeType.Deleted) {
      const again = this.runner.forgetDirsUnder(target);
      if (policiesMoved) return this.policiesChanged();
      for (const dir of again) void this.scheduler.enqueue(dir);
      return;
    }
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(target).isDirectory();
    } catch {
      // Gone again already: nothing to read.
    }
    if (!isDirectory) return;
    if (policiesMoved) return this.policiesChanged();
    if (this.runner.callerIndex.addTree(target)) this.runner.analyseUnknownCallers();
    this.reanalyseKnown();
  }

  private reanalyseKnown(): void {
    for (const dir of this.runner.knownDirs()) void this.scheduler.enqueue(dir);
  }

  /** Policies, project config, settings or trust changed: reload and re-analyse every known module. */
  private policiesChanged(): void {
    this.policySets.invalidate();
    this.runner.resetSetupErrors();
    this.reanalyseKnown();
    // Excludes may have changed.
    this.runner.rebuildCallerIndex();
  }

  private requestContext(): RequestContext {
    return { folders: this.folders, runner: this.runner, scheduler: this.scheduler, policySets: this.policySets };
  }
}
