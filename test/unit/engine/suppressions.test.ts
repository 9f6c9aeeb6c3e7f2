// Inline suppressions: our own comment (above the resource, above or at the end of the offending
// line, on a module call), expiry, and Checkov / tfsec / Trivy comments through `references`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSuppressions } from '../../../server/src/engine';
import type { Comment } from '../../../server/src/hcl/ast';
import { run } from './harness';

const POLICY = `id: aws-s3-test-acl
title: T
severity: high
description: d
remediation: r
references: [CKV_AWS_20, AVD-AWS-0092, aws-s3-no-public-access-with-acl]
rules:
  - resources: [aws_s3_bucket]
    require: { attribute: acl, equals: private, default: private }
`;

function statusOf(tf: string, extra: Record<string, string> = {}): { status: string; suppression?: unknown; message: string; related: string[] } {
  const results = run(POLICY, tf, extra);
  assert.equal(results.length, 1);
  const r = results[0]!;
  return { status: r.status, message: r.message, related: r.related.map((x) => `${x.range.start.line} ${x.message}`), ...(r.suppression ? { suppression: r.suppression } : {}) };
}

const bucket = (before: string, acl: string): string => `${before}resource "aws_s3_bucket" "b" {\n  ${acl}\n}\n`;

void describe('suppressions', () => {
  void it('an unsuppressed finding fails', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read"')).status, 'fail');
  });

  void it('our comment above the resource, with reason', () => {
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl -- public website bucket\n', 'acl = "public-read"')).suppression, {
      comment: 'tfpolicy:ignore aws-s3-test-acl -- public website bucket',
      reason: 'public website bucket',
    });
  });

  void it('our comment at the end of the offending line, in a list of ids', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read" # tfpolicy:ignore other-id,aws-s3-test-acl')).status, 'suppressed');
  });

  void it('our comment above the offending attribute, in a run of comment lines above the resource', () => {
    assert.equal(statusOf(bucket('', '# tfpolicy:ignore aws-s3-test-acl\n  acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('// tfpolicy:ignore aws-s3-test-acl\n# the website bucket\n', 'acl = "public-read"')).status, 'suppressed');
  });

  void it('a comment for another policy, or further away, does not apply', () => {
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-other\n', 'acl = "public-read"')).status, 'fail');
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl\n\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('until in the future applies; an expired one does not, and says so', () => {
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2026-06-01 -- migrating\n', 'acl = "public-read"')).suppression, {
      comment: 'tfpolicy:ignore aws-s3-test-acl until=2026-06-01 -- migrating',
      reason: 'migrating',
      until: '2026-06-01',
    });
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2026-05-31\n', 'acl = "public-read"')), {
      status: 'fail',
      message: 'T: acl is "public-read" (suppression expired on 2026-05-31)',
      related: ['0 suppression expired on 2026-05-31'],
    });
  });

  void it('Checkov skip anywhere inside the resource block, through references', () => {
    assert.deepEqual(statusOf(bucket('', '#checkov:skip=CKV_AWS_20:The bucket is a public website\n  acl = "public-read"')).suppression, {
      comment: 'checkov:skip=CKV_AWS_20:The bucket is a public website',
      reason: 'The bucket is a public website',
    });
    assert.equal(statusOf(bucket('', '#checkov:skip=CKV_AWS_19\n  acl = "public-read"')).status, 'fail');
  });

  void it('tfsec and Trivy ignores by short, AVD or long id', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read" #tfsec:ignore:aws-s3-no-public-access-with-acl')).status, 'suppressed');
    assert.equal(statusOf(bucket('#trivy:ignore:AVD-AWS-0092\n', 'acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('#trivy:ignore:aws-0092\n', 'acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('#tfsec:ignore:aws-s3-no-public-access-with-acl:exp:2026-01-01\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('on a module block it covers the module\'s resources', () => {
    const root = '# tfpolicy:ignore aws-s3-test-acl -- vendor module\nmodule "site" {\n  source = "./site"\n}\n';
    const results = run(POLICY, root, { '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n' });
    assert.deepEqual(results.map((r) => `${r.resource} ${r.status}`), ['module.site.aws_s3_bucket.b suppressed']);
  });
});

void describe('parseSuppressions', () => {
  const comment = (text: string): Comment => ({ kind: 'Comment', style: '#', text, range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: text.length + 1, offset: text.length + 1 } } });

  void it('reads every directive of a comment', () => {
    assert.deepEqual(parseSuppressions(comment(' tfsec:ignore:aws-a tfsec:ignore:aws-b:exp:2027-01-01'), 'f.tf').map((s) => [s.tool, s.ids, s.until]), [
      ['tfsec', ['aws-a'], undefined],
      ['tfsec', ['aws-b'], '2027-01-01'],
    ]);
    assert.deepEqual(parseSuppressions(comment(' just a comment about tfpolicy'), 'f.tf'), []);
  });
});
