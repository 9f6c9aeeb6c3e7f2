// Analysing one module directory for the editor: settings for its scope, the policies that apply,
// the open buffers laid over the disk, then diagnostics for every file the analysis speaks about.
// A failure is logged and reported in the status; the server keeps serving.
//
// A directory that a known module calls is reported through its callers only (with their inputs
// and `module.x.` addresses), as the CLI does: its standalone analysis would add findings from
// defaults the callers override. While no caller is known it is analysed on its own; when a
// caller appears, that contribution is withdrawn, and when its last caller stops calling it, it
// is analysed on its own again.
//
// Callers are also found on disk (caller-index.ts): before a module is analysed, the roots that
// call it and have not been analysed yet are, so it shows every caller's findings, not only
// those of the callers the user happened to open.

import path from 'node:path';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../node/analyzer';
import { listModuleFilesWithUnsaved } from '../node/module-host';
import { transitiveCallers } from '../node/module-calls';
import type { SourceFile } from '../terraform/model';
import type { ModelOptions } from '../terraform/host';
import { DIAGNOSTIC_CODES, STATUS_NOTIFICATION, type StatusParams, type TfpolicySettings } from '../protocol';
import { CallerIndex } from './caller-index';
import { configurationDiagnostic } from './diagnostics';
import { DiagnosticStore } from './diagnostic-store';
import { looksBinary, moduleDiagnostics } from './module-diagnostics';
import { pathToUri, type UriMapper } from './paths';
import { policyBufferDiagnostics, policyBufferKind, type PolicyBufferKind } from './policy-buffers';
import type { PolicySet, PolicySets } from './policy-sets';
import type { SettingsCache } from './settings';
import { TerraformSyntaxChecker } from './terraform-syntax';
import { readVarFile, VarFileReader } from './var-files';

export interface RunnerContext {
  readonly connection: Connection;
  readonly settings: SettingsCache;
  readonly policySets: PolicySets;
  readonly uris: UriMapper;
  /** Open documents by absolute path. */
  readonly openDocument: (file: string) => TextDocument | undefined;
  readonly workspaceFolders: () => readonly string[];
  /** Absolute paths of the open Terraform buffers in a directory (saved or not). */
  readonly openFilesIn: (dir: string) => readonly string[];
  /** Queues an analysis of `dir` (after the running one). */
  readonly enqueue: (dir: string) => void;
}

export class ModuleRunner {
  private readonly analyzer = new Analyzer();
  /** Terraform's syntax errors of saved files (see terraform-syntax.ts). */
  readonly syntax = new TerraformSyntaxChecker();
  private readonly store = new DiagnosticStore();
  /** Directories analysed so far: re-analysed when policies, settings or their files change. */
  private readonly known = new Set<string>();
  /** Called module directory → the directories that call it (their analyses include its resources). */
  private readonly callers = new Map<string, Set<string>>();
  /** Number of Terraform files in each analysed module (for the workspace scan's summary). */
  private readonly fileCounts = new Map<string, number>();
  private policyCount = 0;
  private readonly varFiles: VarFileReader;
  /** Local module calls on disk (and in open buffers) across the workspace folders. */
  readonly callerIndex: CallerIndex;
  /** Directories put back in the queue behind their root callers once (see analyse). */
  private readonly deferred = new Set<string>();

  constructor(private readonly ctx: RunnerContext) {
    this.varFiles = new VarFileReader(ctx.connection, (file) => ctx.openDocument(file) !== undefined);
    this.callerIndex = new CallerIndex({
      folders: ctx.workspaceFolders,
      excludedIn: async (folder) => ctx.policySets.forDir(folder, await this.settingsFor(folder), folder).isExcluded,
      overlay: (file) => ctx.openDocument(file)?.getText(),
      unsavedFiles: ctx.openFilesIn,
      log: (line) => ctx.connection.console.info(line),
    });
  }

  /** Re-reads every module's calls in the background, then analyses the callers it found. */
  rebuildCallerIndex(): void {
    this.callerIndex.rebuild().then((finished) => {
      if (finished) this.analyseUnknownCallers();
    }).catch((error: unknown) => {
      this.ctx.connection.console.error(`tfpolicy: indexing module calls failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  }

  /** The index changed: analysed modules may have root callers not analysed yet; queue those. */
  analyseUnknownCallers(): void {
    for (const dir of this.known) {
      for (const root of this.callerIndex.rootCallersOf(dir)) if (!this.known.has(root)) this.ctx.enqueue(root);
    }
  }

  knownDirs(): string[] {
    return [...this.known];
  }

  /**
   * `dir` and every module that calls it, directly or through other modules: the roots on disk
   * first (so `dir`, reported through them, is not analysed alone first), then the known callers,
   * then `dir`.
   */
  affectedBy(dir: string): string[] {
    const out = new Set<string>(this.callerIndex.rootCallersOf(dir));
    for (const caller of transitiveCallers(dir, (d) => this.callers.get(d) ?? [])) out.add(caller);
    out.delete(dir);
    return [...out, dir];
  }

  fileCount(dir: string): number {
    return this.fileCounts.get(dir) ?? 0;
  }

  findingCount(): number {
    return this.store.findingCount();
  }

  /** Every diagnostic published for `uri` now (a fix-all combines the fixes of the whole file). */
  diagnosticsFor(uri: string): Diagnostic[] {
    return this.store.diagnosticsFor(uri);
  }

  async settingsFor(dir: string): Promise<TfpolicySettings> {
    return this.ctx.settings.get(pathToUri(dir));
  }

  async analyse(dir: string): Promise<void> {
    try {
      const settings = await this.settingsFor(dir);
      this.known.add(dir);
      // Its calls as the buffers have them now (parsed once, shared with the analysis below).
      if (this.callerIndex.refresh(dir, (file, text) => this.analyzer.parse(file, text))) this.analyseUnknownCallers();
      const unknownRoots = this.callerIndex.rootCallersOf(dir).filter((root) => !this.known.has(root));
      if (unknownRoots.length > 0 && !this.deferred.has(dir)) {
        // Callers on disk not analysed yet: they go first, and this module after them (once:
        // a root whose analysis does not reach this module leaves it to be analysed alone).
        this.deferred.add(dir);
        for (const root of unknownRoots) this.ctx.enqueue(root);
        this.ctx.enqueue(dir);
        this.fileCounts.set(dir, listModuleFilesWithUnsaved(dir, this.ctx.openFilesIn(dir)).files.length);
        return;
      }
      this.deferred.delete(dir);
      if ((this.callers.get(dir)?.size ?? 0) > 0) {
        // Reported through its callers (queued with it by affectedBy); only the file count is ours.
        this.fileCounts.set(dir, listModuleFilesWithUnsaved(dir, this.ctx.openFilesIn(dir)).files.length);
        this.publish(this.store.remove(`module:${dir}`));
        this.sendStatus('ready');
        return;
      }
      if (!settings.enable) {
        this.recordCalls(dir, []);
        this.publish(this.store.replace(`module:${dir}`, new Map()));
        this.sendStatus('ready');
        return;
      }
      const set = this.ctx.policySets.forDir(dir, settings, this.folderOf(dir));
      this.publishSetupErrors(set);
      const binaryOpenFiles: string[] = [];
      const overlay = (file: string): string | undefined => {
        const text = this.ctx.openDocument(file)?.getText();
        if (text === undefined || !looksBinary(text)) return text;
        binaryOpenFiles.push(file);
        return '';
      };
      const analysis = this.analyzer.analyzeModule(dir, set.policies, {
        overlay, model: this.modelOptions(dir, set, settings, overlay), knownPolicyIds: set.loadedIds, unsavedFiles: this.ctx.openFilesIn,
      });
      const diagnostics = moduleDiagnostics(analysis, {
        settings,
        toUri: (file) => this.ctx.uris.toUri(file),
        docsUri: set.docsUri,
        versionOf: (file) => this.ctx.openDocument(file)?.version,
        isExcluded: set.isExcluded,
        binaryOpenFiles: [...new Set(binaryOpenFiles)],
        terraformSyntaxErrors: (file) => this.syntax.errorsFor(file, this.ctx.openDocument(file)?.version),
      });
      this.policyCount = set.policies.length;
      this.fileCounts.set(dir, analysis.files.length);
      const changed = this.store.replace(`module:${dir}`, diagnostics);
      // The called modules speak through this analysis now: withdraw their standalone findings.
      for (const called of this.recordCalls(dir, analysis.calledModuleDirs)) changed.push(...this.store.remove(`module:${called}`));
      this.publish([...new Set(changed)]);
      this.sendStatus('ready', this.varFiles.status);
    } catch (error) {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      this.ctx.connection.console.error(`tfpolicy: analysing ${dir} failed: ${detail}`);
      this.sendStatus('error', `analysing ${path.basename(dir)} failed; see the output channel`);
    }
  }

  /** Checks an open policy.yaml or .tfpolicy.yaml buffer; its diagnostics stand in for the disk's. */
  async checkPolicyBuffer(file: string, kind: PolicyBufferKind, text: string): Promise<void> {
    const origin = `buffer:${file}`;
    try {
      const dir = path.dirname(file);
      const settings = await this.settingsFor(dir);
      // Without trust, workspace policies and config are not loaded, so they are not checked either.
      const trusted = this.ctx.policySets.isTrusted;
      const set = this.ctx.policySets.forDir(dir, settings, this.folderOf(dir));
      const diagnostics = trusted && settings.enable ? policyBufferDiagnostics(kind, file, text, set, (f) => readVarFile(f, (open) => this.ctx.openDocument(open)?.getText())) : undefined;
      this.publish(this.store.replace(origin, diagnostics ? new Map([[this.ctx.uris.toUri(file), diagnostics]]) : new Map()));
    } catch (error) {
      this.ctx.connection.console.error(`tfpolicy: checking ${file} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  /** The buffer was closed: the disk's load errors apply again (the caller reloads the policies). */
  closePolicyBuffer(file: string): void {
    this.publish(this.store.remove(`buffer:${file}`));
  }

  /**
   * Remembers which directories `dir` calls as modules now (a removed module call stops counting)
   * and returns them. A known directory left without callers is queued for its own analysis.
   */
  private recordCalls(dir: string, calledDirs: readonly string[]): string[] {
    const called = calledDirs.filter((d) => d !== dir);
    const orphaned: string[] = [];
    for (const [callee, callers] of this.callers) {
      if (callers.delete(dir) && callers.size === 0 && !called.includes(callee)) orphaned.push(callee);
    }
    for (const callee of called) {
      const callers = this.callers.get(callee) ?? new Set<string>();
      callers.add(dir);
      this.callers.set(callee, callers);
    }
    for (const callee of orphaned) {
      this.callers.delete(callee);
      if (this.known.has(callee)) this.ctx.enqueue(callee);
    }
    return called;
  }

  /**
   * `target` (a directory, or a file we do not watch) was deleted: every known module at or below
   * it is forgotten and its diagnostics withdrawn, unless open buffers keep it alive. Returns the
   * directories to analyse again: the callers outside it (their module calls now fail, as in the
   * CLI), modules it was the last caller of, and the dirs kept alive by open buffers.
   */
  forgetDirsUnder(target: string): string[] {
    const inside = (d: string): boolean => d === target || d.startsWith(target.endsWith(path.sep) ? target : target + path.sep);
    this.callerIndex.forgetUnder(target);
    const gone = [...new Set([...this.known, ...this.callers.keys(), ...[...this.callers.values()].flatMap((c) => [...c])])].filter(inside);
    const again = new Set<string>();
    for (const d of gone) for (const a of this.affectedBy(d)) if (!inside(a) && this.known.has(a)) again.add(a);
    const changed: string[] = [];
    for (const d of gone) {
      if (this.ctx.openFilesIn(d).length > 0) {
        again.add(d);
        continue;
      }
      this.known.delete(d);
      this.fileCounts.delete(d);
      this.callers.delete(d);
      for (const [callee, callers] of this.callers) {
        if (!callers.delete(d) || callers.size > 0) continue;
        this.callers.delete(callee);
        if (this.known.has(callee) && !inside(callee)) again.add(callee);
      }
      changed.push(...this.store.remove(`module:${d}`));
    }
    this.publish([...new Set(changed)]);
    return [...again];
  }

  /** Clears setup-error diagnostics of policy sets that are no longer in use (after an invalidation). */
  resetSetupErrors(): void {
    const changed = this.store.origins().filter((o) => o.startsWith('setup:')).flatMap((o) => this.store.remove(o));
    this.publish(changed);
    this.varFiles.reset();
  }

  sendStatus(state: StatusParams['state'], message?: string): void {
    const params: StatusParams = { state, policyCount: this.policyCount, findingCount: this.store.findingCount(), ...(message ? { message } : {}) };
    void this.ctx.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  private publish(uris: readonly string[]): void {
    for (const uri of uris) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: this.store.diagnosticsFor(uri) });
  }

  private publishSetupErrors(set: PolicySet): void {
    const contribution = new Map<string, ReturnType<typeof configurationDiagnostic>[]>();
    for (const e of set.errors) {
      // An open policy or config buffer speaks for its file (see checkPolicyBuffer).
      if (this.ctx.openDocument(e.file) && policyBufferKind(e.file)) continue;
      const code = e.kind === 'config' ? DIAGNOSTIC_CODES.configFile : DIAGNOSTIC_CODES.policyFile;
      const uri = this.ctx.uris.toUri(e.file);
      contribution.set(uri, [...(contribution.get(uri) ?? []), configurationDiagnostic(code, e.message, e.range)]);
    }
    this.publish(this.store.replace(`setup:${set.key}`, contribution));
  }

  /** Extra var files (config, then setting), `tfpolicy.variables`, and TF_VAR_* as the CLI takes them. */
  private modelOptions(dir: string, set: PolicySet, settings: TfpolicySettings, overlay: (file: string) => string | undefined): ModelOptions {
    const { texts, configDiagnostics } = this.varFiles.read(set, overlay, this.folderOf(dir));
    const contribution = new Map([...configDiagnostics].map(([file, list]) => [this.ctx.uris.toUri(file), list]));
    this.publish(this.store.replace(`setup:varfiles:${set.key}`, contribution));
    const varFiles: SourceFile[] = [...texts].map(([file, text]) => ({ name: file, file: this.analyzer.parse(file, text) }));
    const environmentVariables = new Map<string, string>();
    for (const [key, value] of Object.entries(process.env)) {
      if (key.startsWith('TF_VAR_') && value !== undefined) environmentVariables.set(key.slice('TF_VAR_'.length), value);
    }
    return { varFiles, environmentVariables, variables: new Map(Object.entries(settings.variables)) };
  }

  private folderOf(dir: string): string | undefined {
    const containing = this.ctx.workspaceFolders().filter((f) => dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
    return containing.sort((a, b) => b.length - a.length)[0];
  }
}
