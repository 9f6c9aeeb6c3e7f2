// Analysing one module directory for the editor: settings for its scope, the policies that apply,
// the open buffers laid over the disk, then diagnostics for every file the analysis speaks about.
// A failure is logged and reported in the status; the server keeps serving.

import path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../node/analyzer';
import { readTerraformFile } from '../node/files';
import type { SourceFile } from '../terraform/model';
import type { ModelOptions } from '../terraform/host';
import { DIAGNOSTIC_CODES, STATUS_NOTIFICATION, type StatusParams, type TfpolicySettings } from '../protocol';
import { configurationDiagnostic } from './diagnostics';
import { DiagnosticStore } from './diagnostic-store';
import { looksBinary, moduleDiagnostics } from './module-diagnostics';
import { pathToUri, type UriMapper } from './paths';
import { policyBufferDiagnostics, policyBufferKind, type PolicyBufferKind } from './policy-buffers';
import type { PolicySet, PolicySets } from './policy-sets';
import type { SettingsCache } from './settings';
import { TerraformSyntaxChecker } from './terraform-syntax';

export interface RunnerContext {
  readonly connection: Connection;
  readonly settings: SettingsCache;
  readonly policySets: PolicySets;
  readonly uris: UriMapper;
  /** Open documents by absolute path. */
  readonly openDocument: (file: string) => TextDocument | undefined;
  readonly workspaceFolders: () => readonly string[];
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

  constructor(private readonly ctx: RunnerContext) {}

  knownDirs(): string[] {
    return [...this.known];
  }

  /** `dir` and every known module that calls it, directly or through other modules. */
  affectedBy(dir: string): string[] {
    const out = new Set<string>([dir]);
    const stack = [dir];
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      for (const caller of this.callers.get(current) ?? []) {
        if (out.has(caller)) continue;
        out.add(caller);
        stack.push(caller);
      }
    }
    return [...out];
  }

  fileCount(dir: string): number {
    return this.fileCounts.get(dir) ?? 0;
  }

  findingCount(): number {
    return this.store.findingCount();
  }

  async settingsFor(dir: string): Promise<TfpolicySettings> {
    return this.ctx.settings.get(pathToUri(dir));
  }

  async analyse(dir: string): Promise<void> {
    try {
      const settings = await this.settingsFor(dir);
      this.known.add(dir);
      if (!settings.enable) {
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
      const analysis = this.analyzer.analyzeModule(dir, set.policies, { overlay, model: this.modelOptions(set, settings, overlay), knownPolicyIds: set.loadedIds });
      this.recordCalls(dir, analysis.calledModuleDirs);
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
      this.publish(this.store.replace(`module:${dir}`, diagnostics));
      this.sendStatus('ready');
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
      const diagnostics = trusted && settings.enable ? policyBufferDiagnostics(kind, file, text, set) : undefined;
      this.publish(this.store.replace(origin, diagnostics ? new Map([[this.ctx.uris.toUri(file), diagnostics]]) : new Map()));
    } catch (error) {
      this.ctx.connection.console.error(`tfpolicy: checking ${file} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  /** The buffer was closed: the disk's load errors apply again (the caller reloads the policies). */
  closePolicyBuffer(file: string): void {
    this.publish(this.store.remove(`buffer:${file}`));
  }

  /** Remembers which directories `dir` calls as modules now (a removed module call stops counting). */
  private recordCalls(dir: string, calledDirs: readonly string[]): void {
    for (const callers of this.callers.values()) callers.delete(dir);
    for (const called of calledDirs) {
      if (called === dir) continue;
      const callers = this.callers.get(called) ?? new Set<string>();
      callers.add(dir);
      this.callers.set(called, callers);
    }
  }

  /** Clears setup-error diagnostics of policy sets that are no longer in use (after an invalidation). */
  resetSetupErrors(): void {
    const changed = this.store.origins().filter((o) => o.startsWith('setup:')).flatMap((o) => this.store.remove(o));
    this.publish(changed);
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
  private modelOptions(set: PolicySet, settings: TfpolicySettings, overlay: (file: string) => string | undefined): ModelOptions {
    const varFiles: SourceFile[] = [];
    for (const file of set.varFiles) {
      const open = overlay(file);
      const read = open !== undefined ? { ok: true as const, text: open } : readTerraformFile(file);
      if (read.ok) varFiles.push({ name: file, file: this.analyzer.parse(file, read.text) });
      else this.ctx.connection.console.warn(`tfpolicy: var file ${file}: ${read.message}`);
    }
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
