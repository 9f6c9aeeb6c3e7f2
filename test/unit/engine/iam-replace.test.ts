// A bucket policy built as replace(document, "_PLACEHOLDER_", value), as terraform-aws-s3-bucket
// builds it: the statements of the document with the placeholder replaced in their strings are
// judged, so Principal "*" fails whatever the ARN put into Resource turns out to be, and a
// placeholder where the rule looks (the Principal) is unknown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PUBLIC_BUCKET_POLICY, run, span } from './harness';

const PUBLIC = PUBLIC_BUCKET_POLICY;

const FAIL = 'fail 8:21-8:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition';

/**
 * A bucket, a variable (lines 0-1) and a data document (lines 2-11) whose resources hold
 * `_ARN_` and whose principal identifiers are `who`; then the bucket policy `policy = <policy>`
 * on line 14. Each result is "status, range, the text at the range, message".
 */
function results(policy: string, who = '"*"'): string[] {
  const tf = `resource "aws_s3_bucket" "this" { bucket = "b" }
variable "who" {}
data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["_ARN_/*", "_B_"]
    principals {
      type        = "*"
      identifiers = [${who}]
    }
  }
}
resource "aws_s3_bucket_policy" "replaced" {
  bucket = aws_s3_bucket.this.id
  policy = ${policy}
}
`;
  const lines = tf.split('\n');
  return run(PUBLIC, tf).map((r) => {
    const text = r.range.start.line === r.range.end.line ? lines[r.range.start.line]!.slice(r.range.start.character, r.range.end.character) : '…';
    return `${r.status} ${span(r)} ${text} | ${r.message}`;
  });
}

const DOC = 'data.aws_iam_policy_document.doc.json';

void describe('replace() of a policy document', () => {
  void it('fails on Principal "*" whatever the ARN put in, at the same place as the document itself', () => {
    assert.deepEqual(results(DOC), [FAIL]);
    assert.deepEqual(results(`replace(${DOC}, "_ARN_", aws_s3_bucket.this.arn)`), [FAIL]);
  });

  void it('reads nested replace() calls', () => {
    assert.deepEqual(results(`replace(replace(${DOC}, "_ARN_", aws_s3_bucket.this.arn), "_B_", aws_s3_bucket.this.id)`), [FAIL]);
  });

  void it('judges a known replacement as if written', () => {
    assert.deepEqual(results(`replace(${DOC}, "_WHO_", "*")`, '"_WHO_"'), ['fail 8:21-8:28 "_WHO_" | Bad: policy has an Allow statement with Principal "*", no Condition']);
    assert.deepEqual(results(`replace(${DOC}, "_WHO_", "arn:aws:iam::123456789012:root")`, '"_WHO_"'), ['pass 12:0-12:44 resource "aws_s3_bucket_policy" "replaced" { | passed: "T" not found']);
  });

  void it('is unknown when the placeholder is in the Principal and its replacement is unknown', () => {
    assert.deepEqual(results(`replace(${DOC}, "_WHO_", aws_s3_bucket.this.arn)`, '"_WHO_"'), [
      'unknown 8:21-8:28 "_WHO_" | Bad: cannot tell, statement.principals.identifiers refers to aws_s3_bucket.this.arn, known only after apply',
    ]);
    assert.deepEqual(results(`replace(replace(${DOC}, "_ARN_", "arn:aws:s3:::b"), "_WHO_", var.who)`, '"_WHO_"'), [
      'unknown 8:21-8:28 "_WHO_" | Bad: cannot tell, statement.principals.identifiers is not known: var.who has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_who',
    ]);
  });

  void it('is unknown for a regex search, or a search that could change the JSON around it', () => {
    const why = 'Bad: cannot tell, policy refers to data.aws_iam_policy_document.doc.json, aws_s3_bucket.this.arn, known only after apply';
    const regex = `replace(${DOC}, "/_A.N_/", aws_s3_bucket.this.arn)`;
    assert.deepEqual(results(regex), [`unknown 14:11-14:${11 + regex.length} ${regex} | ${why}`]);
    const quote = `replace(${DOC}, "\\"*", aws_s3_bucket.this.arn)`;
    assert.deepEqual(results(quote), [`unknown 14:11-14:${11 + quote.length} ${quote} | ${why}`]);
  });

  void it('reads replace() of a known JSON text (the document as a template, reported at the call)', () => {
    const why = 'Bad: policy has an Allow statement with Principal "*", no Condition';
    const encoded = 'replace(jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Resource = "_ARN_/*" }] }), "_ARN_", aws_s3_bucket.this.arn)';
    assert.deepEqual(results(encoded), [`fail 14:11-14:${11 + encoded.length} ${encoded} | ${why}`]);
    const principal = 'replace(jsonencode({ Statement = [{ Effect = "Allow", Principal = "_WHO_", Resource = "*" }] }), "_WHO_", aws_s3_bucket.this.arn)';
    assert.equal(results(principal)[0]?.split(' ')[0], 'unknown');
  });
});
