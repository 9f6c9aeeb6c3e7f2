// Code actions for our diagnostics, built from the data each finding carries: the policy's quick
// fix (when it has one and the document has not changed since the finding was computed),
// "Suppress …" with a reason to fill in (suppress-action.ts) and "Show documentation". Fix-all
// comes with a later issue; it slots in here as one more builder over the same FindingData.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../protocol';
import { isFindingData, type FindingData } from './diagnostics';
import { suppressActions, type OpenDocument } from './suppress-action';

/** `documentOf(uri)`: the open document, or undefined when it is not open. */
export function codeActionsFor(params: CodeActionParams, documentOf: (uri: string) => OpenDocument | undefined): CodeAction[] {
  if (!wantsQuickFixes(params.context.only)) return [];
  const uri = params.textDocument.uri;
  const doc = documentOf(uri);
  const actions: CodeAction[] = [];
  const docsShown = new Set<string>();
  // Instances of one resource (count, for_each) get the same comment: offer it once.
  const suppressOffered = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(diagnostic.data)) continue;
    const data = diagnostic.data;
    const fix = quickFix(diagnostic, data, doc?.version);
    if (fix) actions.push(fix);
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
  return actions;
}

function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return !only || only.some((kind) => kind === CodeActionKind.QuickFix || kind === CodeActionKind.Empty);
}

function quickFix(diagnostic: Diagnostic, data: FindingData, currentVersion: number | undefined): CodeAction | undefined {
  // `data` comes back from the client: trust its shape no further than we check it.
  const fix: unknown = data.fix;
  if (!isFix(fix)) return undefined;
  // A fix computed on an older text would edit the wrong bytes; the next analysis brings a fresh one.
  if (data.version !== undefined && currentVersion !== undefined && data.version !== currentVersion) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
  const edit: WorkspaceEdit = { changes };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit };
}

function docsAction(diagnostic: Diagnostic, data: FindingData, docsUri: string): CodeAction {
  const title = `Show documentation for ${data.policyId}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: COMMANDS.showPolicyDocs, arguments: [docsUri] } };
}

type Fix = NonNullable<FindingData['fix']>;

/** A fix with a title and at least one edit, every edit well formed (else no fix at all: half a fix would break the file). */
function isFix(value: unknown): value is Fix {
  if (!isObject(value) || typeof value.title !== 'string' || !Array.isArray(value.edits) || value.edits.length === 0) return false;
  return value.edits.every((edit: unknown) => isObject(edit) && typeof edit.uri === 'string' && typeof edit.newText === 'string' && isRange(edit.range));
}

function isRange(value: unknown): boolean {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isIndex(value.line) && isIndex(value.character);
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
