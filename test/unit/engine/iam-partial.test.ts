// IAM documents with Unknown parts: each statement is judged on the fields the rule needs, so a
// statement with Allow and Principal "*" is public whatever its Resource, and a statement whose
// needed fields are Unknown is unknown (never a failure). Messages say what is unknown and why.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

function policy(resources: string, attribute: string, pattern: string): string {
  return `id: test-iam
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [${resources}]
    message: Bad
    require: { not: { attribute: ${attribute}, has_iam_statement: ${pattern} } }
`;
}

const PUBLIC = policy('aws_s3_bucket_policy', 'policy', '{ principal: "*", without_condition: true }');
const ADMIN = policy('aws_iam_policy', 'policy', '{ action: "*", resource: "*" }');

/** Status, range and message of each result, one string per result. */
function results(policyYaml: string, tf: string, extra: Readonly<Record<string, string>> = {}): string[] {
  return run(policyYaml, tf, extra).map((r) => `${r.status} ${span(r)} ${r.message}`);
}

const HEAD = 'resource "aws_s3_bucket" "b" {}\nvariable "who" {}\n';
const NO_VALUE = 'no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_who';

/** An aws_s3_bucket_policy (line 2) whose statement list is written on line 5. */
const bucketPolicy = (statements: string): string => `${HEAD}resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [${statements}]
  })
}
`;

/** An aws_iam_policy (line 2) whose statement list is written on line 4. */
const iamPolicy = (statements: string): string => `${HEAD}resource "aws_iam_policy" "x" {
  policy = jsonencode({
    Statement = [${statements}]
  })
}
`;

void describe('IAM statements with unknown parts in jsonencode()', () => {
  void it('Principal "*" and Allow known: public, whatever the unknown Resource; the finding is on the Principal', () => {
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }')), [
      'fail 5:49-5:52 Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = { AWS = ["*"] }, Action = "s3:GetObject", Resource = aws_s3_bucket.b.arn }')), [
      'fail 5:58-5:61 Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
  });

  void it('an unknown Principal is unknown, and the message names what it refers to', () => {
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = { AWS = aws_s3_bucket.b.arn }, Action = "s3:GetObject", Resource = "*" }')), [
      'unknown 5:57-5:76 Bad: cannot tell, Principal refers to aws_s3_bucket.b.arn, known only after apply',
    ]);
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = { AWS = var.who }, Action = "s3:GetObject", Resource = "*" }')), [
      `unknown 5:57-5:64 Bad: cannot tell, Principal is not known: var.who has no value: ${NO_VALUE}`,
    ]);
  });

  void it('a known non-public Principal passes, even with unknown Effect, Resource or Condition', () => {
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = var.who, Principal = { AWS = "arn:aws:iam::123456789012:root" }, Resource = aws_s3_bucket.b.arn }')), [
      'pass 2:0-2:37 passed: "T" not found',
    ]);
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = { Service = var.who }, Resource = aws_s3_bucket.b.arn }')), [
      'pass 2:0-2:37 passed: "T" not found',
    ]);
  });

  void it('an unknown Effect or Condition on a public statement is unknown', () => {
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = var.who, Principal = "*", Action = "s3:GetObject", Resource = "*" }')), [
      `unknown 5:28-5:35 Bad: cannot tell, Effect is not known: var.who has no value: ${NO_VALUE}`,
    ]);
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*", Condition = var.who }')), [
      `unknown 5:107-5:114 Bad: cannot tell, Condition is not known: var.who has no value: ${NO_VALUE}`,
    ]);
    // A Condition whose values are unknown is still a Condition.
    assert.deepEqual(results(PUBLIC, bucketPolicy('{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Condition = { ArnEquals = { "aws:SourceArn" = aws_s3_bucket.b.arn } } }')), [
      'pass 2:0-2:37 passed: "T" not found',
    ]);
  });

  void it('Action "*" on Resource "*" next to a statement with an unknown field: a failure at the Action', () => {
    const tf = iamPolicy('{ Effect = "Allow", Action = "s3:GetObject", Resource = aws_s3_bucket.b.arn }, { Effect = "Allow", Action = "*", Resource = "*" }');
    assert.deepEqual(results(ADMIN, tf), ['fail 4:125-4:128 Bad: policy has an Allow statement with Action "*", Resource "*"']);
  });

  void it('an unknown Resource is unknown; a Resource whose known text rules out "*" passes', () => {
    assert.deepEqual(results(ADMIN, iamPolicy('{ Effect = "Allow", Action = "*", Resource = aws_s3_bucket.b.arn }')), [
      'unknown 4:62-4:81 Bad: cannot tell, Resource refers to aws_s3_bucket.b.arn, known only after apply',
    ]);
    assert.deepEqual(results(ADMIN, iamPolicy('{ Effect = "Allow", Action = "*", Resource = "${aws_s3_bucket.b.arn}/*" }')), ['pass 2:0-2:31 passed: "T" not found']);
    assert.deepEqual(results(ADMIN, iamPolicy('{ Effect = "Allow", Action = "*", Resource = ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"] }')), [
      'unknown 4:63-4:87 Bad: cannot tell, Resource refers to aws_s3_bucket.b.arn, known only after apply',
    ]);
  });

  void it('an unknown statement is unknown; a known matching statement next to it still fails', () => {
    assert.deepEqual(results(ADMIN, iamPolicy('var.who, { Effect = "Allow", Action = "s3:*", Resource = "*" }')), [
      `unknown 4:17-4:24 Bad: cannot tell, Statement[0] is not known: var.who has no value: ${NO_VALUE}`,
    ]);
    assert.deepEqual(results(ADMIN, iamPolicy('var.who, { Effect = "Allow", Action = "*", Resource = "*" }')), [
      'fail 4:55-4:58 Bad: policy has an Allow statement with Action "*", Resource "*"',
    ]);
  });
});

/** A bucket policy written as a heredoc (line 4 to 9). */
const heredoc = (statement: string): string => `${HEAD}resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = <<EOF
{
  "Statement": [${statement}]
}
EOF
}
`;

void describe('IAM documents written as templates with unknown interpolations', () => {
  void it('a heredoc whose JSON structure is known is judged statement by statement', () => {
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.b.arn}/*"}')), [
      'fail 6:49-6:52 Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", "Principal": {"AWS": "${aws_s3_bucket.b.arn}"}, "Action": "s3:GetObject", "Resource": "*"}')), [
      'unknown 6:57-6:81 Bad: cannot tell, Principal refers to aws_s3_bucket.b.arn, known only after apply',
    ]);
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${var.who}:root"}, "Resource": "*"}')), ['pass 2:0-2:37 passed: "T" not found']);
  });

  void it('an interpolation outside a JSON string: jsonencode() is one value; anything else could add fields', () => {
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ${jsonencode(aws_s3_bucket.b.arn)}}')), [
      'fail 6:49-6:52 Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ${aws_s3_bucket.b.arn}}')), [
      'unknown 6:16-6:115 Bad: cannot tell, an interpolation outside a JSON string could add fields to the statement, and it refers to aws_s3_bucket.b.arn, known only after apply',
    ]);
  });

  void it('a template that is not JSON once interpolated is unknown, never invalid', () => {
    assert.deepEqual(results(PUBLIC, heredoc('{"Effect": "Allow", ${var.who}: "*"}')), [
      `unknown 4:11-8:3 Bad: cannot tell, policy is not known: var.who has no value: ${NO_VALUE}`,
    ]);
  });

  void it('templatefile() with an unknown variable', () => {
    const tf = `${HEAD}resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = templatefile("policy.json.tpl", { bucket_arn = aws_s3_bucket.b.arn })
}
`;
    const template = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "${bucket_arn}/*"}]}\n';
    assert.deepEqual(results(PUBLIC, tf, { '/m/policy.json.tpl': template }), ['fail 4:11-4:80 Bad: policy has an Allow statement with Principal "*", no Condition']);
  });
});
