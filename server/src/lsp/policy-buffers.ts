// Problems in policy files and `.tfpolicy.yaml` while they are being edited: the open buffer is
// checked on every change (schema, unknown operators, bad regexes, unknown policy ids at their
// mention) and its diagnostics replace those of the last load from disk until the buffer is
// closed. Saving reloads the policies through the file watcher, so findings follow the edited policy.
// A `varFiles` entry naming a file that cannot be read is an error there, as it fails a CLI scan.

import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { loadPolicy } from '../engine';
import { CONFIG_FILE_NAME, parseConfig, unknownPolicyIds } from '../node/config';
import { loadPolicyDirs, POLICY_FILE_NAME } from '../node/policies';
import { DIAGNOSTIC_CODES } from '../protocol';
import type { ReadResult } from '../node/files';
import { configurationDiagnostic } from './diagnostics';
import type { PolicySet } from './policy-sets';
import { configVarFileDiagnostics } from './var-files';

export type PolicyBufferKind = 'policy' | 'config';

export function policyBufferKind(file: string): PolicyBufferKind | undefined {
  const base = path.basename(file);
  if (base === POLICY_FILE_NAME) return 'policy';
  if (base === CONFIG_FILE_NAME) return 'config';
  return undefined;
}

/**
 * The diagnostics of an open policy or config buffer, or undefined when the file is not ours: a
 * `policy.yaml` outside the policy directories in use belongs to some other tool.
 */
export function policyBufferDiagnostics(kind: PolicyBufferKind, file: string, text: string, set: PolicySet, readVarFile: (file: string) => ReadResult): Diagnostic[] | undefined {
  if (kind === 'policy') {
    if (!set.dirs.some((dir) => file.startsWith(dir + path.sep))) return undefined;
    return loadPolicy(text, file).errors.map((e) => configurationDiagnostic(DIAGNOSTIC_CODES.policyFile, e.message, e.range));
  }
  // A bad value drops only itself, so the ids of the rest are checked even when there are errors.
  const parsed = parseConfig(text, file);
  const { config } = parsed;
  // Ids from policy directories the buffer names but the loaded set does not have yet are known too.
  const known = new Set(set.loadedIds);
  const newDirs = config.policyDirs.filter((d) => !set.dirs.includes(d));
  if (newDirs.length > 0) for (const p of loadPolicyDirs(newDirs).policies) known.add(p.id);
  const problemOf = (varFile: string): string | undefined => {
    const read = readVarFile(varFile);
    return read.ok ? undefined : read.message;
  };
  return [...parsed.errors, ...unknownPolicyIds(config, known)]
    .map((e) => configurationDiagnostic(DIAGNOSTIC_CODES.configFile, e.message, e.range))
    .concat(configVarFileDiagnostics(text, file, problemOf));
}
