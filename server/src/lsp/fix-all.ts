// "Fix all tfpolicy problems in this file" (ESLint's source.fixAll.eslint): the quick fixes of every
// finding of one document, combined into one edit of that document. As ESLint's fixer does, a fix
// whose edits overlap or touch an edit already taken is left for the next run (the finding stays,
// and the next analysis computes its fix on the new text): two edits at one place may each be right
// alone and wrong together (two insertions into an empty JSON object both lack the comma). Edits
// that are exactly equal are taken once: the instances of one resource (count, for_each) carry the
// same fix.

import { CodeActionKind, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { isFindingData, type FindingData } from './diagnostics';

/** The code action kind editors ask for on save (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tfpolicy`;
export const FIX_ALL_TITLE = 'Fix all tfpolicy problems in this file';

export type Fix = NonNullable<FindingData['fix']>;

/**
 * The finding's fix when it can be applied to the document as it is now: well formed, and
 * computed on this version of the text (a fix computed on an older text would edit the wrong bytes;
 * the next analysis brings a fresh one). `currentVersion` undefined: the document is not open.
 */
export function applicableFix(data: FindingData, currentVersion: number | undefined): Fix | undefined {
  // `data` comes back from the client: trust its shape no further than we check it.
  const fix: unknown = data.fix;
  if (!isFix(fix)) return undefined;
  if (data.version !== undefined && currentVersion !== undefined && data.version !== currentVersion) return undefined;
  return fix;
}

export interface CombinedFix {
  /** The edits of `uri`, in document order, none overlapping or touching another. */
  readonly edits: TextEdit[];
  /** The findings whose fixes the edits apply. */
  readonly fixed: Diagnostic[];
}

/**
 * The fixes of `diagnostics` (tfpolicy findings of `uri`; others are ignored) combined, in the
 * order given; undefined when no fix applies.
 */
export function combineFixes(uri: string, diagnostics: readonly Diagnostic[], currentVersion: number | undefined): CombinedFix | undefined {
  const taken: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(diagnostic.data)) continue;
    const fix = applicableFix(diagnostic.data, currentVersion);
    // A fix that also edits another file is all or nothing: half of it could break that file.
    if (!fix || fix.edits.some((e) => e.uri !== uri)) continue;
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => touches(t.range, e.range)))) continue;
    taken.push(...fresh.map((e) => ({ range: e.range, newText: e.newText })));
    fixed.push(diagnostic);
  }
  if (fixed.length === 0) return undefined;
  return { edits: taken.sort((a, b) => compare(a.range.start, b.range.start) || compare(a.range.end, b.range.end)), fixed };
}

/** How many of `diagnostics` (tfpolicy findings of `uri`) have a fix that applies on its own. */
export function fixableCount(uri: string, diagnostics: readonly Diagnostic[], currentVersion: number | undefined): number {
  return diagnostics.filter((d) => {
    if (d.source !== DIAGNOSTIC_SOURCE || !isFindingData(d.data)) return false;
    const fix = applicableFix(d.data, currentVersion);
    return fix !== undefined && fix.edits.every((e) => e.uri === uri);
  }).length;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && compare(a.range.start, b.range.start) === 0 && compare(a.range.end, b.range.end) === 0;
}

/** Whether the ranges share any position, their ends included. */
function touches(a: Range, b: Range): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

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
