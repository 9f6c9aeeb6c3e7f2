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
