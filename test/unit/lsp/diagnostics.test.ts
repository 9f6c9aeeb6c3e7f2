// PolicyResult → LSP diagnostic: exact range, code, source, docs link, severity from settings,
// related information and the data code actions use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyResult } from '../../../server/src/engine/types';
import type { Range } from '../../../server/src/hcl/ast';
import { findingDiagnostic, meetsMinimum, syntaxDiagnostic, type DiagnosticContext } from '../../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start, offset: 100 + start }, end: { line, character: end, offset: 100 + end } };
}

const result: PolicyResult = {
  policyId: 'aws-s3-bucket-public-acl',
  severity: 'high',
  status: 'fail',
  message: 'S3 bucket ACL "public-read" makes objects world-readable',
  resource: 'aws_s3_bucket.logs',
  file: '/ws/main.tf',
  range: range(6, 8, 21),
  related: [{ file: '/ws/terraform.tfvars', range: range(2, 11, 24), message: 'value set here' }],
  references: ['CKV_AWS_20'],
  fix: { title: 'Set acl = "private"', edits: [{ file: '/ws/main.tf', range: range(6, 8, 21), newText: '"private"' }] },
};

const ctx: DiagnosticContext = {
  settings: DEFAULT_SETTINGS,
  toUri: (file) => `file://${file}`,
  docsUri: (id) => (id === 'aws-s3-bucket-public-acl' ? 'file:///ext/policies/aws/aws-s3-bucket-public-acl/README.md' : undefined),
  versionOf: (file) => (file === '/ws/main.tf' ? 7 : undefined),
};

void test('a finding becomes a diagnostic on its exact range with code, source, docs link and related information', () => {
  assert.deepEqual(findingDiagnostic(result, ctx), {
    range: { start: { line: 6, character: 8 }, end: { line: 6, character: 21 } },
    severity: 1,
    source: 'tfpolicy',
    code: 'aws-s3-bucket-public-acl',
    codeDescription: { href: 'file:///ext/policies/aws/aws-s3-bucket-public-acl/README.md' },
    message: 'S3 bucket ACL "public-read" makes objects world-readable',
    relatedInformation: [{
      location: { uri: 'file:///ws/terraform.tfvars', range: { start: { line: 2, character: 11 }, end: { line: 2, character: 24 } } },
      message: 'value set here',
    }],
    data: {
      kind: 'finding',
      policyId: 'aws-s3-bucket-public-acl',
      resource: 'aws_s3_bucket.logs',
      docsUri: 'file:///ext/policies/aws/aws-s3-bucket-public-acl/README.md',
      version: 7,
      fix: { title: 'Set acl = "private"', edits: [{ uri: 'file:///ws/main.tf', range: { start: { line: 6, character: 8 }, end: { line: 6, character: 21 } }, newText: '"private"' }] },
    },
  });
});

void test('severity follows tfpolicy.diagnosticSeverity; no docs link or related list when there is none', () => {
  const table: [PolicyResult['severity'], number][] = [['critical', 1], ['high', 1], ['medium', 2], ['low', 3]];
  for (const [severity, expected] of table) {
    const d = findingDiagnostic({ ...result, severity, policyId: 'custom-x', related: [] }, ctx);
    assert.equal(d.severity, expected, severity);
    assert.equal(d.codeDescription, undefined);
    assert.equal(d.relatedInformation, undefined);
  }
  const settings = { ...DEFAULT_SETTINGS, diagnosticSeverity: { ...DEFAULT_SETTINGS.diagnosticSeverity, high: 'hint' as const } };
  assert.equal(findingDiagnostic(result, { ...ctx, settings }).severity, 4);
});

void test('tfpolicy.minimumSeverity hides findings below it', () => {
  const settings = { ...DEFAULT_SETTINGS, minimumSeverity: 'high' as const };
  assert.deepEqual((['low', 'medium', 'high', 'critical'] as const).map((s) => meetsMinimum(s, settings)), [false, false, true, true]);
});

void test('syntax errors are errors with code "syntax"', () => {
  assert.deepEqual(syntaxDiagnostic('Invalid expression', range(1, 6, 7)), {
    range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, severity: 1, source: 'tfpolicy', code: 'syntax', message: 'Invalid expression',
  });
});
