// Comparing a policy's results on one of its fixtures with what the fixture declares, and checking
// its fixes there. Pure, so the pack meta-test and `tfpolicy test` (which reads the fixture files)
// share one definition of "behaves as declared": every resource of the policy's types is listed,
// under its actual status, and every fix offered on a failing resource parses and removes the finding.

import { parseFile } from '../hcl';
import type { FixtureExpectation } from './policy';
import type { PolicyResult, ResultStatus, TextEdit } from './types';

export interface FixtureMismatch {
  readonly resource: string;
  /** What the fixture declares; undefined when the resource is not listed at all. */
  readonly expected?: ResultStatus;
  /** What the policy gave; undefined when it gave no result for a listed resource. */
  readonly actual?: ResultStatus;
  /** The result's message, to show why. */
  readonly message?: string;
}

const STATUSES: readonly ResultStatus[] = ['fail', 'pass', 'unknown', 'suppressed'];
/** A resource with several results (one per offending place) has the status that matters most. */
const PRECEDENCE: readonly ResultStatus[] = ['fail', 'unknown', 'suppressed', 'pass'];

/** The differences between `results` (of one policy on one fixture) and `expectation`; empty when it behaves as declared. */
export function compareFixture(expectation: FixtureExpectation, results: readonly PolicyResult[]): FixtureMismatch[] {
  const expected = new Map<string, ResultStatus>();
  for (const status of STATUSES) for (const resource of expectation[status]) expected.set(resource, status);
  const actual = new Map<string, PolicyResult>();
  for (const r of results) {
    const known = actual.get(r.resource);
    if (!known || PRECEDENCE.indexOf(r.status) < PRECEDENCE.indexOf(known.status)) actual.set(r.resource, r);
  }
  const mismatches: FixtureMismatch[] = [];
  for (const [resource, r] of actual) {
    const want = expected.get(resource);
    if (want !== r.status) mismatches.push({ resource, ...(want ? { expected: want } : {}), actual: r.status, message: r.message });
  }
  for (const [resource, want] of expected) {
    if (!actual.has(resource)) mismatches.push({ resource, expected: want });
  }
  return mismatches;
}

/** A fix that does not do what it says on a fixture. */
export interface FixProblem {
  readonly resource: string;
  readonly title: string;
  /** What the fixed text still gets (the finding's message), or our parser's first error on it. */
  readonly detail: string;
  readonly invalid?: { readonly json: boolean };
}

/** The texts of the files `edits` touch after applying them; undefined when a file's text is unknown. */
export function applyEdits(textOf: (file: string) => string | undefined, edits: readonly TextEdit[]): Map<string, string> | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out = new Map<string, string>();
  for (const [file, list] of byFile) {
    let text = textOf(file);
    if (text === undefined) return undefined;
    // Back to front, so each edit's offsets still hold.
    for (const e of [...list].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
      text = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
    }
    out.set(file, text);
  }
  return out;
}

/**
 * Applies the fix of every failing result to the fixture's text, parses the result and evaluates
 * the policy again (`reevaluate` with the changed texts): the fixed text must parse and the resource
 * must pass. Shared by `tfpolicy test` and the pack meta-test.
 */
export function checkFixes(
  results: readonly PolicyResult[],
  textOf: (file: string) => string | undefined,
  reevaluate: (changed: ReadonlyMap<string, string>) => readonly PolicyResult[],
): FixProblem[] {
  const problems: FixProblem[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    const fix = result.fix;
    if (result.status !== 'fail' || !fix) continue;
    const key = JSON.stringify([result.resource, fix]);
    if (seen.has(key)) continue;
    seen.add(key);
    const base = { resource: result.resource, title: fix.title };
    const changed = applyEdits(textOf, fix.edits);
    if (!changed) { problems.push({ ...base, detail: 'it edits a file outside the fixture' }); continue; }
    const syntaxError = [...changed].map(([file, text]) => ({ file, error: parseFile(file, text).errors[0] })).find((e) => e.error);
    if (syntaxError?.error) {
      const { start } = syntaxError.error.range;
      const json = syntaxError.file.toLowerCase().endsWith('.json');
      problems.push({ ...base, invalid: { json }, detail: `${baseName(syntaxError.file)}:${start.line + 1}:${start.character + 1}: ${syntaxError.error.message}` });
      continue;
    }
    const after = reevaluate(changed).filter((r) => r.resource === result.resource);
    const left = after.find((r) => r.status !== 'pass');
    if (left || after.length === 0) problems.push({ ...base, detail: left ? `${left.status}: ${left.message}` : 'the policy no longer checks it' });
  }
  return problems;
}

/** The sentence `tfpolicy test` (and the meta-test) print for a fix problem. */
export function describeFixProblem(p: FixProblem): string {
  const what = p.invalid ? `produces invalid ${p.invalid.json ? 'JSON' : 'HCL'}` : 'does not remove the finding';
  return `fix "${p.title}" on ${p.resource} ${what}: ${p.detail}`;
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
