// The terraform layer's ModuleHost backed by the disk (plus the editor's unsaved buffers): lists a
// directory's Terraform files, reads and parses them. Files that cannot be read are reported
// through `onReadFailure` and left out; the rest of the module is still modelled.

import fs from 'node:fs';
import path from 'node:path';
import type { File } from '../hcl/ast';
import type { ModuleFiles, ModuleHost, SourceFile } from '../terraform';
import { listModuleFiles, readTerraformFile, terraformFileKind, type ReadFailure } from './files';

export interface DiskModuleHostOptions {
  /** Parses (and caches) a file's text. */
  readonly parse: (file: string, text: string) => File;
  /** Unsaved editor text for an absolute path, if the file is open. */
  readonly overlay?: ((file: string) => string | undefined) | undefined;
  readonly onReadFailure: (failure: ReadFailure) => void;
  /** When set, directory `dir` lists only `files` (see AnalyzeOptions.onlyFiles). */
  readonly restrict?: { readonly dir: string; readonly files: ReadonlySet<string> };
  /** Open editor buffers of a directory that may not be on disk yet (a new, unsaved file). */
  readonly unsavedFiles?: ((dir: string) => readonly string[]) | undefined;
}

/** `dir`'s Terraform files on disk plus its unsaved buffers, which make up a module even where the directory does not exist yet. */
export function listModuleFilesWithUnsaved(dir: string, unsaved: readonly string[] = []): ReturnType<typeof listModuleFiles> {
  const listed = listModuleFiles(dir);
  const extra = unsaved.filter((f) => path.dirname(f) === dir && terraformFileKind(f) !== undefined);
  if (extra.length === 0) return listed;
  return { files: [...new Set([...listed.files, ...extra])].sort() };
}

export function createModuleHost(options: DiskModuleHostOptions): ModuleHost {
  const cache = new Map<string, ModuleFiles | undefined>();
  return {
    moduleFiles(dir) {
      if (cache.has(dir)) return cache.get(dir);
      const listed = listModuleFilesWithUnsaved(dir, options.unsavedFiles?.(dir));
      let result: ModuleFiles | undefined;
      if (listed.failure) {
        // A module call to a directory that does not exist is the model's to report (with the
        // call's position); only directories that exist but cannot be read are read failures.
        if (fs.existsSync(dir)) options.onReadFailure(listed.failure);
        result = undefined;
      } else {
        const sources: SourceFile[] = [];
        const tfvars: SourceFile[] = [];
        const restricted = options.restrict?.dir === dir ? options.restrict.files : undefined;
        for (const file of listed.files) {
          if (restricted && !restricted.has(file)) continue;
          const source = readSource(file, options);
          if (!source) continue;
          (terraformFileKind(file) === 'tfvars' ? tfvars : sources).push(source);
        }
        result = { sources, tfvars };
      }
      cache.set(dir, result);
      return result;
    },
    resolveModuleSource(fromDir, source) {
      return path.resolve(fromDir, source);
    },
    // For modules.json and file()/templatefile(): the editor's unsaved text first, and the same
    // size and binary limits as Terraform files (file() of a binary file fails in Terraform too).
    readText(file) {
      const open = options.overlay?.(file);
      if (open !== undefined) return open;
      const read = readTerraformFile(file);
      return read.ok ? read.text : undefined;
    },
  };
}

function readSource(file: string, options: DiskModuleHostOptions): SourceFile | undefined {
  const open = options.overlay?.(file);
  if (open !== undefined) return { name: file, file: options.parse(file, open) };
  const read = readTerraformFile(file);
  if (!read.ok) {
    options.onReadFailure({ file, message: read.message });
    return undefined;
  }
  return { name: file, file: options.parse(file, read.text) };
}
