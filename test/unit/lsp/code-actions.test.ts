// Code actions from the data a finding carries: the policy's fix (only on the text it was
// computed for) and "Show documentation".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { codeActionsFor } from '../../../server/src/lsp/code-actions';
import type { FindingData } from '../../../server/src/lsp/diagnostics';

const uri = 'file:///ws/main.tf';
const range = { start: { line: 6, character: 8 }, end: { line: 6, character: 21 } };
const docsUri = 'file:///ext/policies/aws/aws-s3-bucket-public-acl/README.md';

function finding(data: Partial<FindingData> = {}): Diagnostic {
  const full: FindingData = {
    kind: 'finding', policyId: 'aws-s3-bucket-public-acl', resource: 'aws_s3_bucket.logs', docsUri, version: 3,
    fix: { title: 'Set acl = "private"', edits: [{ uri, range, newText: '"private"' }] },
    ...data,
  };
  return { range, severity: 1, source: 'tfpolicy', code: full.policyId, message: 'public ACL', data: full };
}

function params(diagnostics: Diagnostic[], only?: string[]): CodeActionParams {
  return { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } };
}

void test('a finding with a fix gets a preferred quick fix and a docs action', () => {
  const d = finding();
  assert.deepEqual(codeActionsFor(params([d]), () => 3), [
    { title: 'Set acl = "private"', kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range, newText: '"private"' }] } } },
    {
      title: 'Show documentation for aws-s3-bucket-public-acl', kind: 'quickfix', diagnostics: [d],
      command: { title: 'Show documentation for aws-s3-bucket-public-acl', command: 'tfpolicy.showPolicyDocs', arguments: [docsUri] },
    },
  ]);
});

void test('no fix when the document changed since the finding was computed; docs once per policy', () => {
  const actions = codeActionsFor(params([finding(), finding()]), () => 4);
  assert.deepEqual(actions.map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl']);
});

void test('other sources, syntax errors and non-quickfix requests get nothing', () => {
  const foreign: Diagnostic = { ...finding(), source: 'terraform-ls' };
  const syntax: Diagnostic = { range, severity: 1, source: 'tfpolicy', code: 'syntax', message: 'Invalid expression' };
  assert.deepEqual(codeActionsFor(params([foreign, syntax]), () => 3), []);
  assert.deepEqual(codeActionsFor(params([finding()], ['source.organizeImports']), () => 3), []);
  assert.equal(codeActionsFor(params([finding()], ['quickfix']), () => 3).length, 2);
});

void test('malformed data sent back by a client gives no fix, not an exception', () => {
  const broken = { ...finding(), data: { kind: 'finding', policyId: 'aws-s3-bucket-public-acl', fix: { title: 'x', edits: 'nope' } } };
  assert.deepEqual(codeActionsFor(params([broken as Diagnostic]), () => 3), []);
});

void test('a fix with any malformed edit is not offered (no exception); the docs action still is', () => {
  const edit = { uri, range, newText: '"private"' };
  const malformed: unknown[] = [
    [null], [edit, null], [edit, 7], [{ ...edit, uri: 1 }], [{ ...edit, newText: null }], [{ ...edit, range: null }],
    [{ ...edit, range: { start: { line: 0 }, end: range.end } }], [{ ...edit, range: { start: { line: -1, character: 0 }, end: range.end } }],
  ];
  for (const edits of malformed) {
    const d = finding({ fix: { title: 'Set acl = "private"', edits } as unknown as FindingData['fix'] });
    assert.deepEqual(codeActionsFor(params([d]), () => 3).map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl'], JSON.stringify(edits));
  }
  const untitled = finding({ fix: { title: 7, edits: [edit] } as unknown as FindingData['fix'] });
  assert.equal(codeActionsFor(params([untitled]), () => 3).length, 1);
});
