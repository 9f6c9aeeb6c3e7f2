// Which local modules each module directory calls, read from the `module` blocks of its files
// without building a model: the language server's index of callers on disk, so a module opened on
// its own is reported through every root that calls it, as `tfpolicy scan <workspace>` reports it.

import path from 'node:path';
import type { File } from '../hcl/ast';
import { blockAttribute, collectDeclarations } from '../terraform/declarations';
import { evaluate } from '../terraform/evaluate-expr';
import { isLocalSource } from '../terraform/modules';
import { constantScope } from '../terraform/variables';
import type { SourceFile } from '../terraform/model';
import { readTerraformFile, terraformFileKind } from './files';
import { listModuleFilesWithUnsaved } from './module-host';

export interface CallReadOptions {
  /** Parses (and may cache) a file's text. */
  readonly parse: (file: string, text: string) => File;
  /** Unsaved editor text for an absolute path, if the file is open. */
  readonly overlay?: (file: string) => string | undefined;
  /** Open buffers of a directory, part of its module before they are saved. */
  readonly unsavedFiles?: (dir: string) => readonly string[];
}

/**
 * The absolute directories `dir` calls with a literal local `source` (`./x`, `../y`), sorted; or
 * undefined when `dir` holds no configuration file (it is no module). Unreadable files are
 * skipped: the analysis reports them; here they only call nothing.
 */
export function localModuleCalls(dir: string, options: CallReadOptions): string[] | undefined {
  const listed = listModuleFilesWithUnsaved(dir, options.unsavedFiles?.(dir));
  const configFiles = listed.files.filter((f) => terraformFileKind(f) === 'config');
  if (configFiles.length === 0) return undefined;
  const sources: SourceFile[] = [];
  for (const file of configFiles) {
    let text = options.overlay?.(file);
    if (text === undefined) {
      const read = readTerraformFile(file);
      if (!read.ok) continue;
      text = read.text;
    }
    sources.push({ name: file, file: options.parse(file, text) });
  }
  const called = new Set<string>();
  // Declarations merge override files and ignore duplicates the way the model does.
  for (const { node, file } of collectDeclarations(sources, []).moduleCalls.values()) {
    const attr = blockAttribute(node, 'source');
    if (!attr) continue;
    const source = evaluate(attr.expr, constantScope(file.name));
    if (source.kind === 'string' && isLocalSource(source.value)) called.add(path.resolve(dir, source.value));
  }
  called.delete(dir);
  return [...called].sort();
}

/**
 * Every module that calls `dir`, directly or through other modules, in the order a depth-first
 * walk meets them; cycles are followed once and `dir` itself is never included.
 */
export function transitiveCallers(dir: string, callersOf: (d: string) => Iterable<string>): string[] {
  const found: string[] = [];
  const seen = new Set<string>([dir]);
  const stack = [dir];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    for (const caller of callersOf(current)) {
      if (seen.has(caller)) continue;
      seen.add(caller);
      found.push(caller);
      stack.push(caller);
    }
  }
  return found;
}

/** Module directory → the local modules it calls, and the reverse, kept in step. */
export class ModuleCallGraph {
  private readonly calls = new Map<string, readonly string[]>();
  private readonly callers = new Map<string, Set<string>>();

  get size(): number {
    return this.calls.size;
  }

  has(dir: string): boolean {
    return this.calls.has(dir);
  }

  dirs(): string[] {
    return [...this.calls.keys()];
  }

  /** Records what `dir` calls (undefined: `dir` is no module); true when anything changed. */
  set(dir: string, called: readonly string[] | undefined): boolean {
    const previous = this.calls.get(dir);
    if (called === undefined) return this.delete(dir);
    if (previous && previous.length === called.length && previous.every((d, i) => d === called[i])) return false;
    for (const callee of previous ?? []) this.unlink(callee, dir);
    this.calls.set(dir, called);
    for (const callee of called) {
      const set = this.callers.get(callee) ?? new Set<string>();
      set.add(dir);
      this.callers.set(callee, set);
    }
    return true;
  }

  delete(dir: string): boolean {
    const previous = this.calls.get(dir);
    if (!previous) return false;
    for (const callee of previous) this.unlink(callee, dir);
    this.calls.delete(dir);
    return true;
  }

  /**
   * The modules that call `dir` directly or through other modules and are called by none
   * themselves: the roots `tfpolicy scan` reports `dir` through. Cycles are followed once.
   */
  rootCallersOf(dir: string): string[] {
    const hasCallers = (d: string): boolean => (this.callers.get(d)?.size ?? 0) > 0;
    return transitiveCallers(dir, (d) => this.callers.get(d) ?? []).filter((c) => !hasCallers(c)).sort();
  }

  private unlink(callee: string, caller: string): void {
    const set = this.callers.get(callee);
    if (!set) return;
    set.delete(caller);
    if (set.size === 0) this.callers.delete(callee);
  }
}
