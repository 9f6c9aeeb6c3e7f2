// Contributions per origin: union per file, duplicates removed, stale files reported for clearing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticStore } from '../../../server/src/lsp/diagnostic-store';

function diag(line: number, code: string, message = `problem ${code}`): Diagnostic {
  return { range: { start: { line, character: 2 }, end: { line, character: 9 } }, severity: 1, source: 'tfpolicy', code, message, data: { kind: 'finding', policyId: code } };
}

void test('replacing an origin reports old and new files, so files without findings get cleared', () => {
  const store = new DiagnosticStore();
  assert.deepEqual(store.replace('module:/ws', new Map([['file:///ws/a.tf', [diag(3, 'p1')]], ['file:///ws/b.tf', []]])), ['file:///ws/a.tf', 'file:///ws/b.tf']);
  assert.deepEqual(store.replace('module:/ws', new Map([['file:///ws/b.tf', [diag(1, 'p2')]]])), ['file:///ws/a.tf', 'file:///ws/b.tf']);
  assert.deepEqual(store.diagnosticsFor('file:///ws/a.tf'), []);
  assert.deepEqual(store.diagnosticsFor('file:///ws/b.tf'), [diag(1, 'p2')]);
  assert.equal(store.findingCount(), 1);
  assert.deepEqual(store.remove('module:/ws'), ['file:///ws/b.tf']);
  assert.deepEqual(store.origins(), []);
  assert.equal(store.findingCount(), 0);
});

void test('a file shows the union of all origins, sorted by position, without duplicates', () => {
  const store = new DiagnosticStore();
  store.replace('module:/ws/modules/s3', new Map([['file:///ws/modules/s3/main.tf', [diag(5, 'p1'), diag(2, 'p3')]]]));
  store.replace('module:/ws', new Map([['file:///ws/modules/s3/main.tf', [diag(5, 'p1'), diag(5, 'p0')]]]));
  assert.deepEqual(store.diagnosticsFor('file:///ws/modules/s3/main.tf'), [diag(2, 'p3'), diag(5, 'p0'), diag(5, 'p1')]);
  assert.equal(store.findingCount(), 3);
});
