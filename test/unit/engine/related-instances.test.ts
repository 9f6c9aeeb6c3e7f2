// A related resource linked to one instance of a resource with count or for_each relates to that
// instance only: `bucket = aws_s3_bucket.c[0].id` enables versioning of c[0], not c[1]. A
// reference without key or with an unknown key may name any instance: unknown, never a pass.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PUBLIC_BUCKET_POLICY, run, span } from './harness';

const POLICY = readFileSync(path.resolve(__dirname, '../../../policies/aws/aws-s3-bucket-versioning-disabled/policy.yaml'), 'utf8');
const NONE = 'S3 bucket versioning is not enabled: no aws_s3_bucket_versioning with status "Enabled" refers to this bucket, and versioning.enabled is not true';

const versioning = (bucket: string, head = ''): string =>
  `resource "aws_s3_bucket_versioning" "v" {\n${head}  bucket = ${bucket}\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;
const COUNTED = 'resource "aws_s3_bucket" "c" {\n  count  = 2\n  bucket = "c-${count.index}"\n}\n';
const KEYED = 'resource "aws_s3_bucket" "this" {\n  for_each = toset(["logs", "scratch"])\n  bucket   = "acme-${each.key}"\n}\n';

function report(tf: string): string[] {
  return run(POLICY, tf)
    .filter((r) => r.resource.startsWith('aws_s3_bucket.'))
    .map((r) => `${r.resource} ${r.status} ${span(r)} ${r.status === 'pass' ? '' : r.message}`.trimEnd());
}

void describe('related resources per instance', () => {
  void it('count: c[0] named by index covers c[0] only', () => {
    assert.deepEqual(report(COUNTED + versioning('aws_s3_bucket.c[0].id')), [
      'aws_s3_bucket.c[0] pass 0:0-0:30',
      `aws_s3_bucket.c[1] fail 0:0-0:30 ${NONE}`,
    ]);
  });

  void it('count: a companion per instance (count.index) covers each', () => {
    assert.deepEqual(report(COUNTED + versioning('aws_s3_bucket.c[count.index].id', '  count  = 2\n')), [
      'aws_s3_bucket.c[0] pass 0:0-0:30',
      'aws_s3_bucket.c[1] pass 0:0-0:30',
    ]);
  });

  void it('for_each: a companion whose for_each covers some keys covers those keys only', () => {
    const tf = KEYED + versioning('aws_s3_bucket.this[each.key].id', '  for_each = toset(["logs"])\n');
    assert.deepEqual(report(tf), [
      'aws_s3_bucket.this["logs"] pass 0:0-0:33',
      `aws_s3_bucket.this["scratch"] fail 0:0-0:33 ${NONE}`,
    ]);
  });

  void it('for_each: a failing finding names the companion of its own instance, not another one', () => {
    const tf = `${KEYED}resource "aws_s3_bucket_versioning" "v" {
  for_each = { logs = "Enabled", scratch = "Suspended" }
  bucket   = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = each.value
  }
}
`;
    assert.deepEqual(report(tf), [
      'aws_s3_bucket.this["logs"] pass 0:0-0:33',
      `aws_s3_bucket.this["scratch"] fail 8:13-8:23 S3 bucket versioning is not enabled: aws_s3_bucket_versioning.v["scratch"]: versioning_configuration.status is "Suspended"`,
    ]);
    const failed = run(POLICY, tf).find((r) => r.status === 'fail');
    assert.deepEqual(failed?.related.map((r) => `${span(r)} ${r.message}`), ['5:43-5:54 value set here']);
  });

  void it('a literal key names that instance', () => {
    assert.deepEqual(report(KEYED + versioning('aws_s3_bucket.this["scratch"].id')), [
      `aws_s3_bucket.this["logs"] fail 0:0-0:33 ${NONE}`,
      'aws_s3_bucket.this["scratch"] pass 0:0-0:33',
    ]);
  });

  void it('no index on a resource with count: unknown for every instance', () => {
    const reason = 'cannot tell which aws_s3_bucket_versioning refers to this resource (aws_s3_bucket_versioning.v.bucket refers to aws_s3_bucket.c without an instance key)';
    assert.deepEqual(report(COUNTED + versioning('aws_s3_bucket.c.id')), [
      `aws_s3_bucket.c[0] unknown 0:0-0:30 S3 bucket versioning is not enabled: cannot tell, ${reason}`,
      `aws_s3_bucket.c[1] unknown 0:0-0:30 S3 bucket versioning is not enabled: cannot tell, ${reason}`,
    ]);
  });

  void it('an unknown index: unknown for every instance', () => {
    const reason = 'cannot tell which aws_s3_bucket_versioning refers to this resource (aws_s3_bucket_versioning.v.bucket: the instance key of aws_s3_bucket.c is not known (var.i has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_i))';
    assert.deepEqual(report(`variable "i" {}\n${COUNTED}${versioning('aws_s3_bucket.c[var.i].id')}`), [
      `aws_s3_bucket.c[0] unknown 1:0-1:30 S3 bucket versioning is not enabled: cannot tell, ${reason}`,
      `aws_s3_bucket.c[1] unknown 1:0-1:30 S3 bucket versioning is not enabled: cannot tell, ${reason}`,
    ]);
  });

  void it('an unknown index beside a companion of the instance itself: the instance passes', () => {
    const tf = `variable "i" {}\n${COUNTED}${versioning('aws_s3_bucket.c[var.i].id')}${versioning('aws_s3_bucket.c[1].id').replace('"v"', '"one"')}`;
    assert.deepEqual(report(tf).map((r) => r.split(' ').slice(0, 2).join(' ')), ['aws_s3_bucket.c[0] unknown', 'aws_s3_bucket.c[1] pass']);
  });

  void it('by name: the literal name links the instance with that name only', () => {
    assert.deepEqual(report(COUNTED + versioning('"c-1"')), [
      `aws_s3_bucket.c[0] fail 0:0-0:30 ${NONE}`,
      'aws_s3_bucket.c[1] pass 0:0-0:30',
    ]);
  });
});

const PUBLIC = PUBLIC_BUCKET_POLICY;
/** Lines 0-11: a data document per key, public for "assets" only. */
const DOCUMENTS = `variable "k" {}
data "aws_iam_policy_document" "d" {
  for_each = { assets = "*", data = "arn:aws:iam::123456789012:root" }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [each.value]
    }
  }
}
`;
const bucketPolicy = (policy: string, head = ''): string => `resource "aws_s3_bucket_policy" "p" {\n${head}  bucket = "b"\n  policy = ${policy}\n}\n`;

function policies(tf: string): string[] {
  return run(PUBLIC, tf).map((r) => `${r.resource} ${r.status} ${span(r)} ${r.status === 'pass' ? '' : r.message}`.trimEnd());
}

void describe('IAM data documents per instance', () => {
  void it('data.x[each.key].json reads the document of that key', () => {
    const tf = DOCUMENTS + bucketPolicy('data.aws_iam_policy_document.d[each.key].json', '  for_each = toset(["assets", "data"])\n');
    assert.deepEqual(policies(tf), [
      'aws_s3_bucket_policy.p["assets"] fail 8:21-8:31 Bad: policy has an Allow statement with Principal "*", no Condition',
      'aws_s3_bucket_policy.p["data"] pass 12:0-12:37',
    ]);
  });

  void it('a literal key reads that document', () => {
    assert.deepEqual(policies(DOCUMENTS + bucketPolicy('data.aws_iam_policy_document.d["data"].json')), ['aws_s3_bucket_policy.p pass 12:0-12:37']);
  });

  void it('an unknown key or no key: unknown, not the first document', () => {
    const unknown = policies(DOCUMENTS + bucketPolicy('data.aws_iam_policy_document.d[var.k].json'));
    const none = policies(DOCUMENTS + bucketPolicy('data.aws_iam_policy_document.d.json'));
    assert.deepEqual([...unknown, ...none].map((r) => r.split(' ').slice(0, 3).join(' ')), [
      'aws_s3_bucket_policy.p unknown 14:11-14:53',
      'aws_s3_bucket_policy.p unknown 14:11-14:46',
    ]);
  });
});
