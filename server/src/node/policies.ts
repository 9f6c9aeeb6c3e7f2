// Finding and reading policy files: the built-in pack shipped next to the bundle, and extra
// policy directories from configuration. Parsing and validation are the engine's (pure) job.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPolicy, type Policy } from '../engine';
import type { Range } from '../hcl/ast';
import { describeFsError } from './files';

export const POLICY_FILE_NAME = 'policy.yaml';

/** An error in a policy file (or a policy directory that could not be read), with its position. */
export interface PolicyFileError {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
}

export interface LoadedPolicies {
  readonly policies: Policy[];
  readonly errors: PolicyFileError[];
}

/**
 * The built-in pack lives in `policies/` at the package root. The bundles run from `dist/`, the
 * sources (tests, tsx) from `server/src/node/`, so we walk up to the first ancestor that has it.
 */
export function builtinPoliciesDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'policies');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', 'policies');
  }
}

/** Every `policy.yaml` below `dir`, sorted, skipping fixtures. */
export function findPolicyFiles(dir: string, errors: PolicyFileError[]): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: current, message: `cannot read policy directory: ${describeFsError(error)}` });
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && entry.name === POLICY_FILE_NAME) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Loads every policy below the given directories. A broken policy file is reported with its
 * position and skipped; the others still load. A later directory's policy with the same id
 * is an error and is skipped: silently replacing a built-in policy would hide its findings. To
 * change a built-in policy, disable it in `.tfpolicy.yaml` and add your own under another id.
 */
export function loadPolicyDirs(dirs: readonly string[]): LoadedPolicies {
  const errors: PolicyFileError[] = [];
  const byId = new Map<string, Policy>();
  for (const dir of dirs) {
    for (const file of findPolicyFiles(dir, errors)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        errors.push({ file, message: `cannot read policy file: ${describeFsError(error)}` });
        continue;
      }
      const loaded = loadPolicy(text, file);
      for (const e of loaded.errors) errors.push({ file, message: e.message, range: e.range });
      if (!loaded.policy) continue;
      const previous = byId.get(loaded.policy.id);
      if (previous) {
        const builtin = previous.source?.startsWith(builtinPoliciesDir() + path.sep) === true;
        const where = builtin ? 'a built-in policy' : previous.source ?? 'another file';
        errors.push({ file, message: `duplicate policy id "${loaded.policy.id}" (already defined by ${where}); this file is ignored` });
        continue;
      }
      byId.set(loaded.policy.id, loaded.policy);
    }
  }
  return { policies: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), errors };
}

/** The policy's documentation: the README.md next to its policy.yaml, as a file:// URI. */
export function policyDocsUri(policySource: string): string {
  return pathToFileURL(path.join(path.dirname(policySource), 'README.md')).href;
}
