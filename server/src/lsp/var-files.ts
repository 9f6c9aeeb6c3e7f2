// Extra var files (`varFiles` in .tfpolicy.yaml, the `tfpolicy.varFiles` setting) for the editor.
// The CLI fails a scan whose var file cannot be read; the editor must not hide that either. A
// file named in .tfpolicy.yaml gets an error on its entry there; a file named in the setting has
// no text to point at, so the user is told once in a message (and in the status bar tooltip).

import fs from 'node:fs';
import path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Range } from '../hcl/ast';
import { readTerraformFile, type ReadResult } from '../node/files';
import { DIAGNOSTIC_CODES } from '../protocol';
import { configurationDiagnostic } from './diagnostics';
import type { PolicySet } from './policy-sets';

/** A var file's text: the open buffer's, else the disk's (failing as the CLI fails on it). */
export function readVarFile(file: string, overlay: (file: string) => string | undefined): ReadResult {
  const open = overlay(file);
  return open !== undefined ? { ok: true, text: open } : readTerraformFile(file);
}

/**
 * Reads a policy set's var files; the unreadable ones get an error on their `.tfpolicy.yaml` entry
 * (unless the config is open: its buffer check says it, see policy-buffers.ts), and those from the
 * setting a message, shown once per file and problem until `reset()` (settings or config changed).
 */
export class VarFileReader {
  private readonly shown = new Set<string>();
  /** A line for the status bar tooltip while a var file from the setting cannot be read. */
  status: string | undefined;

  constructor(private readonly connection: Connection, private readonly isOpen: (file: string) => boolean) {}

  reset(): void {
    this.shown.clear();
    this.status = undefined;
  }

  /** The readable var files' texts, and the diagnostics (by file) for the config's unreadable entries. */
  read(set: PolicySet, overlay: (file: string) => string | undefined, folder: string | undefined): { texts: Map<string, string>; configDiagnostics: Map<string, Diagnostic[]> } {
    const texts = new Map<string, string>();
    const problems = new Map<string, string>();
    for (const file of set.varFiles) {
      const read = readVarFile(file, overlay);
      if (read.ok) texts.set(file, read.text);
      else problems.set(file, read.message);
    }
    const configDiagnostics = new Map<string, Diagnostic[]>();
    const configFile = set.config.file;
    if (configFile && problems.size > 0 && !this.isOpen(configFile)) {
      const text = readConfigText(configFile);
      const diagnostics = text === undefined ? [] : configVarFileDiagnostics(text, configFile, (f) => problems.get(f));
      if (diagnostics.length > 0) configDiagnostics.set(configFile, diagnostics);
    }
    const fromSetting = [...problems].filter(([file]) => !set.config.varFiles.includes(file));
    this.status = fromSetting.length > 0 ? `tfpolicy.varFiles: ${fromSetting.length === 1 ? 'a file' : `${fromSetting.length} files`} cannot be read (see the output)` : undefined;
    for (const [file, problem] of fromSetting) {
      const message = `tfpolicy: the tfpolicy.varFiles setting names a file that cannot be read, so its values are not used: ${varFileMessage(file, folder ?? path.dirname(file), problem)}`;
      this.connection.console.warn(message);
      if (this.shown.has(message)) continue;
      this.shown.add(message);
      // A notification, not showMessageRequest: nothing to answer, and clients without message UI lose nothing.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
    return { texts, configDiagnostics };
  }
}

export function varFileMessage(file: string, base: string, problem: string): string {
  return `var file ${path.relative(base, file) || file}: ${problem}`;
}

/** Each `varFiles` entry of a .tfpolicy.yaml text: the absolute file it names and where. */
export function varFileEntries(text: string, configFile: string): { file: string; range: Range }[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) return [];
  const node: unknown = doc.get('varFiles', true);
  if (!isSeq(node)) return [];
  const pos = (offset: number): Range['start'] => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, character: col - 1, offset };
  };
  const out: { file: string; range: Range }[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
    out.push({ file: path.resolve(path.dirname(configFile), item.value), range: { start: pos(item.range[0]), end: pos(item.range[1]) } });
  }
  return out;
}

/** Errors on the `varFiles` entries of a config text whose file cannot be read. */
export function configVarFileDiagnostics(text: string, configFile: string, problemOf: (file: string) => string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const entry of varFileEntries(text, configFile)) {
    const problem = problemOf(entry.file);
    if (problem) out.push(configurationDiagnostic(DIAGNOSTIC_CODES.configFile, varFileMessage(entry.file, path.dirname(configFile), problem), entry.range));
  }
  return out;
}

/** The config file's text from disk (undefined when it cannot be read: its load error says why). */
export function readConfigText(configFile: string): string | undefined {
  try {
    return fs.readFileSync(configFile, 'utf8');
  } catch {
    return undefined;
  }
}
