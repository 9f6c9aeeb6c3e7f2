// Reading Terraform files from disk for the CLI and the language server: which files belong to a
// module, which directories to walk, and how a file that cannot be read is reported instead of lost.

import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** Directories never walked: Terraform's cache, VCS metadata, installed packages. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.terraform', '.git', 'node_modules']);

/**
 * Larger files are not parsed: real Terraform files are far smaller, and a generated 50 MB file
 * would stall the editor. Reported as an error, never silently dropped.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type TerraformFileKind = 'config' | 'tfvars';

/** `.tf` / `.tf.json` are configuration; `.tfvars` / `.tfvars.json` are variable values. */
export function terraformFileKind(fileName: string): TerraformFileKind | undefined {
  const base = path.basename(fileName);
  if (base.endsWith('.tf') || base.endsWith('.tf.json')) return 'config';
  if (base.endsWith('.tfvars') || base.endsWith('.tfvars.json')) return 'tfvars';
  return undefined;
}

/** A file the host could not read, with the reason in words a user understands. */
export interface ReadFailure {
  readonly file: string;
  readonly message: string;
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Reads a Terraform file as text; binary, oversized and unreadable files become failures. */
export function readTerraformFile(file: string): ReadResult {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(file);
    // A FIFO or device (directly or behind a symlink named *.tf) would block the read forever.
    if (!stat.isFile()) return { ok: false, message: 'not a regular file (a pipe, socket or device); not scanned' };
    if (stat.size > MAX_FILE_BYTES) {
      return { ok: false, message: `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; not scanned` };
    }
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, message: `cannot read file: ${describeFsError(error)}` };
  }
  return decodeText(buffer);
}

// A UTF-8 byte order mark is dropped, as editors do, so line 1 columns match what the user sees.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Text with NUL bytes in its first 8 KiB is binary (git's heuristic); we do not parse it. */
export function decodeText(buffer: Buffer): ReadResult {
  const head = buffer.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes); not scanned' };
  try {
    // Terraform rejects files that are not UTF-8; decoding them leniently would put U+FFFD into
    // values and compare them wrongly.
    return { ok: true, text: utf8.decode(buffer) };
  } catch {
    return { ok: false, message: 'file is not valid UTF-8 (Terraform reads only UTF-8); not scanned' };
  }
}

export function describeFsError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error).code);
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EISDIR') return 'is a directory';
  }
  return error instanceof Error ? error.message : String(error);
}

/** The Terraform files directly inside `dir` (a module), sorted by name as Terraform does. */
export function listModuleFiles(dir: string): { files: string[]; failure?: ReadFailure } {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return { files: [], failure: { file: dir, message: `cannot read directory: ${describeFsError(error)}` } };
  }
  // Anything but a directory: a pipe or device named *.tf is reported by readTerraformFile, not skipped.
  const files = entries
    .filter((e) => !e.isDirectory() && terraformFileKind(e.name) !== undefined)
    .map((e) => path.join(dir, e.name))
    .sort();
  return { files };
}

export interface WalkResult {
  /** Directories holding at least one `.tf` / `.tf.json` file, sorted. */
  readonly moduleDirs: string[];
  readonly failures: ReadFailure[];
}

/** A predicate for absolute paths matching `globs` taken relative to `baseDir` (with `/`). */
export function excludeMatcher(baseDir: string, globs: readonly string[]): (absolutePath: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch([...globs], { dot: true });
  return (absolutePath) => {
    const relative = path.relative(baseDir, absolutePath).split(path.sep).join('/');
    return !relative.startsWith('..') && (matches(relative) || matches(`${relative}/`));
  };
}

/** Finds every module directory under `root`, not entering excluded or skipped directories. */
export function findModuleDirs(root: string, isExcluded: (absolutePath: string) => boolean = () => false): WalkResult {
  const moduleDirs: string[] = [];
  const failures: ReadFailure[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      failures.push({ file: dir, message: `cannot read directory: ${describeFsError(error)}` });
      return;
    }
    let hasConfig = false;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (isExcluded(full)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (terraformFileKind(entry.name) === 'config') {
        hasConfig = true;
      }
    }
    if (hasConfig) moduleDirs.push(dir);
  };
  walk(root);
  return { moduleDirs: moduleDirs.sort(), failures };
}
