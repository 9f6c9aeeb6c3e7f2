// The callers of each module on disk, so a module opened on its own is reported through every
// root that calls it (as `tfpolicy scan <workspace>` reports it), not only through the callers
// the editor happens to have analysed. Built in the background after start-up, walking the
// workspace folders as the CLI does (skipping .terraform/.git/node_modules and the folder's
// `.tfpolicy.yaml` excludes), and kept current from file events and analysed buffers.

import path from 'node:path';
import { parseFile } from '../hcl';
import type { File } from '../hcl/ast';
import { findModuleDirs, SKIPPED_DIRECTORIES } from '../node/files';
import { localModuleCalls, ModuleCallGraph } from '../node/module-calls';

/** More module directories than this are not indexed (logged once): the walk must stay cheap. */
export const MAX_INDEXED_MODULES = 5_000;

export interface CallerIndexHost {
  readonly folders: () => readonly string[];
  /** The exclude predicate of a workspace folder's `.tfpolicy.yaml` (as the workspace scan uses). */
  readonly excludedIn: (folder: string) => Promise<(absolutePath: string) => boolean>;
  readonly overlay: (file: string) => string | undefined;
  readonly unsavedFiles: (dir: string) => readonly string[];
  readonly log: (line: string) => void;
  /** Default MAX_INDEXED_MODULES (tests lower it). */
  readonly maxModules?: number;
}

export class CallerIndex {
  private readonly graph = new ModuleCallGraph();
  private excluded = new Map<string, (absolutePath: string) => boolean>();
  /** Bumped by every rebuild: an older walk still running stops. */
  private generation = 0;
  /** Directories re-read by events while a walk runs: the walk must not prune them. */
  private touched = new Set<string>();
  private warnedFull = false;

  private readonly maxModules: number;

  constructor(private readonly host: CallerIndexHost) {
    this.maxModules = host.maxModules ?? MAX_INDEXED_MODULES;
  }

  /** The roots `dir` is reported through (modules calling it that no indexed module calls). */
  rootCallersOf(dir: string): string[] {
    return this.graph.rootCallersOf(dir);
  }

  /**
   * Walks every workspace folder and reads each module's calls, yielding to the event loop
   * between directories so keystrokes and analyses go first. Resolves with true when it ran to
   * the end (a newer rebuild supersedes it).
   */
  async rebuild(): Promise<boolean> {
    const generation = ++this.generation;
    this.touched = new Set();
    const excluded = new Map<string, (absolutePath: string) => boolean>();
    const dirs: string[] = [];
    for (const folder of this.host.folders()) {
      const isExcluded = await this.host.excludedIn(folder);
      if (generation !== this.generation) return false;
      excluded.set(folder, isExcluded);
      dirs.push(...findModuleDirs(folder, isExcluded).moduleDirs);
    }
    this.excluded = excluded;
    const indexed = new Set(dirs.slice(0, this.maxModules));
    if (dirs.length > this.maxModules) this.warnFull(dirs.length);
    for (const dir of indexed) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (generation !== this.generation) return false;
      if (!this.touched.has(dir)) this.graph.set(dir, this.read(dir, parseFile));
    }
    for (const dir of this.graph.dirs()) if (!indexed.has(dir) && !this.touched.has(dir)) this.graph.delete(dir);
    this.host.log(`tfpolicy: indexed the module calls of ${this.graph.size} module directories`);
    return true;
  }

  /**
   * Reads `dir`'s module calls again (its files changed on disk or in a buffer); `parse` may be
   * the analyzer's cached parser. True when the calls changed.
   */
  refresh(dir: string, parse: (file: string, text: string) => File = parseFile): boolean {
    if (!this.indexable(dir)) return false;
    this.touched.add(dir);
    if (!this.graph.has(dir) && this.graph.size >= this.maxModules) {
      this.warnFull(this.graph.size + 1);
      return false;
    }
    return this.graph.set(dir, this.read(dir, parse));
  }

  /** A created folder (or a renamed one's new name): index the modules below it. True when anything changed. */
  addTree(target: string): boolean {
    if (!this.indexable(target)) return false;
    let changed = false;
    for (const dir of findModuleDirs(target, this.folderExcludes(target)).moduleDirs) changed = this.refresh(dir) || changed;
    return changed;
  }

  /** `target` was deleted: forget the modules at or below it. */
  forgetUnder(target: string): boolean {
    let changed = false;
    for (const dir of this.graph.dirs()) {
      if (dir === target || dir.startsWith(target + path.sep)) changed = this.graph.delete(dir) || changed;
    }
    return changed;
  }

  private read(dir: string, parse: (file: string, text: string) => File): string[] | undefined {
    return localModuleCalls(dir, { parse, overlay: this.host.overlay, unsavedFiles: this.host.unsavedFiles });
  }

  /** Inside a workspace folder, not skipped or excluded there (what the CLI would walk). */
  private indexable(dir: string): boolean {
    const folder = this.folderOf(dir);
    if (folder === undefined) return false;
    const parts = path.relative(folder, dir).split(path.sep);
    if (parts.some((p) => SKIPPED_DIRECTORIES.has(p))) return false;
    const isExcluded = this.folderExcludes(dir);
    for (let d = dir; d.length >= folder.length; d = path.dirname(d)) {
      if (isExcluded(d)) return false;
      if (d === folder) break;
    }
    return true;
  }

  private folderExcludes(dir: string): (absolutePath: string) => boolean {
    const folder = this.folderOf(dir);
    return (folder !== undefined ? this.excluded.get(folder) : undefined) ?? (() => false);
  }

  private folderOf(dir: string): string | undefined {
    const containing = this.host.folders().filter((f) => dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
    return containing.sort((a, b) => b.length - a.length)[0];
  }

  private warnFull(count: number): void {
    if (this.warnedFull) return;
    this.warnedFull = true;
    this.host.log(`tfpolicy: the workspace has ${count} module directories; only the first ${this.maxModules} are searched for module calls, so a module called from the others is reported only through callers you open`);
  }
}
