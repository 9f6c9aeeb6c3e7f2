// compareFixture: the shared definition of "a fixture behaves as declared".

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareFixture, type PolicyResult } from '../../../server/src/engine';

const at = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } };
function result(resource: string, status: PolicyResult['status']): PolicyResult {
  return { policyId: 'p', severity: 'low', status, message: `${resource} ${status}`, resource, file: 'f.tf', range: at, related: [], references: [] };
}

void describe('compareFixture', () => {
  const expectation = { path: 'fixtures/fail.tf', fail: ['a.x'], pass: ['a.y'], unknown: [], suppressed: ['a.z'] };

  void it('is empty when every resource has its declared status', () => {
    assert.deepEqual(compareFixture(expectation, [result('a.x', 'fail'), result('a.y', 'pass'), result('a.z', 'suppressed')]), []);
  });

  void it('reports wrong statuses, unlisted resources and listed resources without result', () => {
    assert.deepEqual(compareFixture(expectation, [result('a.x', 'pass'), result('a.w', 'fail'), result('a.z', 'suppressed')]), [
      { resource: 'a.x', expected: 'fail', actual: 'pass', message: 'a.x pass' },
      { resource: 'a.w', actual: 'fail', message: 'a.w fail' },
      { resource: 'a.y', expected: 'pass' },
    ]);
  });
});
