// One module analysis → the diagnostics of every file it speaks about. Files of the module
// without any problem get an empty list, so their stale diagnostics are cleared.

import type { Diagnostic } from 'vscode-languageserver';
import type { Range } from '../hcl/ast';
import type { ModuleAnalysis } from '../node/analyzer';
import {
  findingDiagnostic, meetsMinimum, modelDiagnostic, moduleArgumentDiagnostic, suppressionDiagnostic, syntaxDiagnostic, unreadableDiagnostic, type DiagnosticContext,
} from './diagnostics';
import { moduleCallAnchors, resourceAnchors } from './suppress-action';

export interface ModuleDiagnosticOptions extends DiagnosticContext {
  /** Files excluded by `.tfpolicy.yaml`: nothing is shown for them. */
  readonly isExcluded: (file: string) => boolean;
  /** Open documents whose text is binary: they get one warning instead of parse errors. */
  readonly binaryOpenFiles: readonly string[];
  /**
   * Terraform's own syntax errors for a file checked on save, still valid for its current text;
   * they replace our parser's errors for that file so no error is shown twice.
   */
  readonly terraformSyntaxErrors?: (file: string) => readonly SyntaxError[] | undefined;
}

interface SyntaxError {
  readonly message: string;
  readonly range?: Range;
}

export function moduleDiagnostics(analysis: ModuleAnalysis, options: ModuleDiagnosticOptions): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, diagnostic: Diagnostic): void => {
    if (options.isExcluded(file)) return;
    const list = byFile.get(file);
    if (list) list.push(diagnostic);
    else byFile.set(file, [diagnostic]);
  };
  for (const file of analysis.files) byFile.set(file, []);

  const mirrored = new Set<string>();
  const resources = new Map(analysis.model.resources.map((r) => [r.address, r]));
  for (const result of analysis.results) {
    if (result.status !== 'fail' || !meetsMinimum(result.severity, options.settings)) continue;
    const resource = resources.get(result.resource);
    add(result.file, findingDiagnostic(result, options, resource?.file === result.file ? resourceAnchors(resource, result.range) : undefined));
    for (const argument of result.related) {
      // Instances (count, for_each) of one resource share the argument: flag it once per policy.
      const key = `${result.policyId}\0${argument.file}\0${argument.range.start.offset}\0${result.resource.replace(/\[[^\]]*\]$/, '')}`;
      if (argument.kind !== 'module-argument' || mirrored.has(key)) continue;
      mirrored.add(key);
      add(argument.file, moduleArgumentDiagnostic(result, argument, options, resource && moduleCallAnchors(resource, argument)));
    }
  }
  if (options.settings.showSyntaxErrors) {
    const replaced = new Set<string>();
    // Called modules' files too: a module with a known caller is reported only through it.
    for (const file of new Set([...analysis.files, ...analysis.model.moduleFiles.map((f) => f.name)])) {
      const terraform = options.terraformSyntaxErrors?.(file);
      if (!terraform) continue;
      replaced.add(file);
      for (const e of terraform) add(file, syntaxDiagnostic(e.message, e.range));
    }
    for (const e of analysis.parseErrors) if (!replaced.has(e.file)) add(e.file, syntaxDiagnostic(e.message, e.range));
  }
  for (const failure of analysis.readFailures) {
    if (failure.file !== analysis.dir) add(failure.file, unreadableDiagnostic(failure.message));
  }
  for (const file of options.binaryOpenFiles) add(file, unreadableDiagnostic(BINARY_MESSAGE));
  for (const d of analysis.modelDiagnostics) add(d.file, modelDiagnostic(d));
  for (const p of analysis.suppressionProblems) if (p.range) add(p.file, suppressionDiagnostic(p.message, p.range));

  const byUri = new Map<string, Diagnostic[]>();
  for (const [file, list] of byFile) {
    const uri = options.toUri(file);
    byUri.set(uri, [...(byUri.get(uri) ?? []), ...list]);
  }
  return byUri;
}

/** Same words as the node host uses for binary files on disk. */
export const BINARY_MESSAGE = 'binary file (contains NUL bytes); not scanned';

/** git's heuristic, as the node host applies it to files on disk. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\0');
}
