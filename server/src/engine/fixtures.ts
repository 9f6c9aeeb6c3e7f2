// Comparing a policy's results on one of its fixtures with what the fixture declares. Pure, so the
// pack meta-test and `tfpolicy test` (which reads the fixture files) share one definition of
// "behaves as declared": every resource of the policy's types is listed, under its actual status.

import type { FixtureExpectation } from './policy';
import type { PolicyResult, ResultStatus } from './types';

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

/** The differences between `results` (of one policy on one fixture) and `expectation`; empty when it behaves as declared. */
export function compareFixture(expectation: FixtureExpectation, results: readonly PolicyResult[]): FixtureMismatch[] {
  const expected = new Map<string, ResultStatus>();
  for (const status of STATUSES) for (const resource of expectation[status]) expected.set(resource, status);
  const mismatches: FixtureMismatch[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    seen.add(r.resource);
    const want = expected.get(r.resource);
    if (want !== r.status) mismatches.push({ resource: r.resource, ...(want ? { expected: want } : {}), actual: r.status, message: r.message });
  }
  for (const [resource, want] of expected) {
    if (!seen.has(resource)) mismatches.push({ resource, expected: want });
  }
  return mismatches;
}
