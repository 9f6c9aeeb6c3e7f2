// Code actions for our diagnostics, built from the data each finding carries: the policy's quick
// fix (when it has one and the document has not changed since the finding was computed),
// "Suppress …" with a reason to fill in (suppress-action.ts), "Show documentation", and "Fix all
// tfpolicy problems in this file" (fix-all.ts) — as a source action (`source.fixAll.tfpolicy`, for
// `editor.codeActionsOnSave`) when asked for, and in the quick-fix menu when the file has two
// fixable findings or more, as ESLint offers it.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../protocol';
import { isFindingData, type FindingData } from './diagnostics';
import { applicableFix, combineFixes, FIX_ALL_KIND, FIX_ALL_TITLE, fixableCount } from './fix-all';
import { suppressActions, type OpenDocument } from './suppress-action';

/**
 * `documentOf(uri)`: the open document, or undefined when it is not open. `publishedFor(uri)`: every
 * diagnostic the server shows for the document (the request carries only those in its range; a
 * fix-all covers the whole file).
 */
export function codeActionsFor(
  params: CodeActionParams,
  documentOf: (uri: string) => OpenDocument | undefined,
  publishedFor: (uri: string) => readonly Diagnostic[] = () => params.context.diagnostics,
): CodeAction[] {
  const uri = params.textDocument.uri;
  const doc = documentOf(uri);
  const actions: CodeAction[] = [];
  // Only when asked for by kind: a client asking for everything would list it twice (see below).
  if (wants(params.context.only, FIX_ALL_KIND, false)) {
    const fixAll = fixAllAction(uri, publishedFor(uri), doc?.version, FIX_ALL_KIND);
    if (fixAll) actions.push(fixAll);
  }
  if (!wants(params.context.only, CodeActionKind.QuickFix, true)) return actions;
  let fixOffered = false;
  const docsShown = new Set<string>();
  // Instances of one resource (count, for_each) get the same comment: offer it once.
  const suppressOffered = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(diagnostic.data)) continue;
    const data = diagnostic.data;
    const fix = quickFix(diagnostic, data, doc?.version);
    if (fix) actions.push(fix);
    fixOffered ||= fix !== undefined;
    for (const action of suppressActions(diagnostic, data, uri, doc)) {
      const key = JSON.stringify(action.edit);
      if (!suppressOffered.has(key)) actions.push(action);
      suppressOffered.add(key);
    }
    if (typeof data.docsUri === 'string' && data.docsUri && !docsShown.has(data.policyId)) {
      docsShown.add(data.policyId);
      actions.push(docsAction(diagnostic, data, data.docsUri));
    }
  }
  // Next to a finding's own fix, when there is more than one to apply.
  const published = fixOffered ? publishedFor(uri) : [];
  if (fixOffered && fixableCount(uri, published, doc?.version) >= 2) {
    const fixAll = fixAllAction(uri, published, doc?.version, CodeActionKind.QuickFix);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Whether a request limited to `only` (kinds and their parents, `source` covers `source.fixAll.x`) wants `kind`. */
function wants(only: readonly string[] | undefined, kind: string, byDefault: boolean): boolean {
  if (!only) return byDefault;
  return only.some((o) => o === CodeActionKind.Empty || o === kind || kind.startsWith(`${o}.`));
}

function fixAllAction(uri: string, diagnostics: readonly Diagnostic[], version: number | undefined, kind: string): CodeAction | undefined {
  const combined = combineFixes(uri, diagnostics, version);
  if (!combined) return undefined;
  return { title: FIX_ALL_TITLE, kind, diagnostics: combined.fixed, edit: { changes: { [uri]: combined.edits } } };
}

function quickFix(diagnostic: Diagnostic, data: FindingData, currentVersion: number | undefined): CodeAction | undefined {
  const fix = applicableFix(data, currentVersion);
  if (!fix) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
  const edit: WorkspaceEdit = { changes };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit };
}

function docsAction(diagnostic: Diagnostic, data: FindingData, docsUri: string): CodeAction {
  const title = `Show documentation for ${data.policyId}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: COMMANDS.showPolicyDocs, arguments: [docsUri] } };
}
