// data "aws_iam_policy_document": statements with unknown pieces, `dynamic` statements and
// conditions, and the documents merged in through source_policy_documents / source_json (earlier)
// and override_policy_documents / override_json (later, replacing statements with the same Sid).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PUBLIC_BUCKET_POLICY, run, span } from './harness';

const PUBLIC = PUBLIC_BUCKET_POLICY;

const NO_VALUE = (name: string): string => `no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_${name}`;

/**
 * Lines 0-5 declare a bucket and variables, then `documents` (data sources), then the bucket
 * policy using data.aws_iam_policy_document.d. Each result is "status, range, the text at the
 * range, message".
 */
function results(documents: string): string[] {
  const tf = `resource "aws_s3_bucket" "b" {}
resource "aws_iam_role" "r" {}
variable "sid" {}
variable "extra" {}
variable "on" {}
variable "who" {}
${documents}resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.d.json
}
`;
  const lines = tf.split('\n');
  return run(PUBLIC, tf).map((r) => {
    const text = r.range.start.line === r.range.end.line ? lines[r.range.start.line]!.slice(r.range.start.character, r.range.end.character) : '…';
    return `${r.status} ${span(r)} ${text} | ${r.message}`;
  });
}

/** A statement block open to everyone; `extra` adds lines (a sid) at its top. */
const openStatement = (extra = ''): string => `  statement {
${extra}    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
`;

/** A statement block for one account. */
const accountStatement = (extra = ''): string => `  statement {
${extra}    actions   = ["s3:GetObject"]
    resources = [aws_s3_bucket.b.arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
`;

const PASS = 'pass 15:0-15:37 resource "aws_s3_bucket_policy" "p" { | passed: "T" not found';

void describe('aws_iam_policy_document statements with unknown pieces', () => {
  void it('an unknown resource does not hide a public principal; the finding is on the identifier', () => {
    assert.deepEqual(results(`data "aws_iam_policy_document" "d" {\n${openStatement()}}\n`), [
      'fail 12:21-12:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
  });

  void it('an unknown identifier of an AWS principal is unknown, named in the message', () => {
    const doc = `data "aws_iam_policy_document" "d" {\n${openStatement().replace('["*"]', '[aws_iam_role.r.arn]')}}\n`;
    assert.deepEqual(results(doc), [
      'unknown 12:21-12:39 aws_iam_role.r.arn | Bad: cannot tell, statement.principals.identifiers refers to aws_iam_role.r.arn, known only after apply',
    ]);
  });

  void it('a dynamic statement with an unknown for_each may not exist: unknown', () => {
    const doc = `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.on
    content {
      actions = ["s3:GetObject"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}
`;
    assert.deepEqual(results(doc), [
      `unknown 9:4-9:13 content { | Bad: cannot tell, there may be no such statement: dynamic "statement" for_each is unknown: var.on has no value: ${NO_VALUE('on')}`,
    ]);
  });

  void it('a condition from a dynamic block with an unknown for_each may not exist: unknown; a written condition passes', () => {
    const condition = (dynamic: boolean): string => `data "aws_iam_policy_document" "d" {
${openStatement().replace(/ {2}}\n$/, dynamic ? `    dynamic "condition" {
      for_each = var.on
      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [condition.value]
      }
    }
  }
` : `    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.who]
    }
  }
`)}}
`;
    assert.deepEqual(results(condition(true)), [
      `unknown 16:6-16:15 content { | Bad: cannot tell, statement.condition is not known: var.on has no value: ${NO_VALUE('on')}`,
    ]);
    assert.deepEqual(results(condition(false)), ['pass 21:0-21:37 resource "aws_s3_bucket_policy" "p" { | passed: "T" not found']);
  });
});

void describe('aws_iam_policy_document merged documents', () => {
  void it('a public statement in source_policy_documents fails, at its place in the source document', () => {
    const docs = `data "aws_iam_policy_document" "public" {\n${openStatement()}}\ndata "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.public.json]
${accountStatement()}}
`;
    assert.deepEqual(results(docs), ['fail 12:21-12:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition']);
  });

  void it('jsonencode() and heredoc source documents are read, with their unknown parts', () => {
    const encoded = `data "aws_iam_policy_document" "d" {
  source_policy_documents = [
    jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = ["*"] }, Action = "s3:GetObject", Resource = aws_s3_bucket.b.arn }] }),
  ]
}
`;
    assert.deepEqual(results(encoded), ['fail 8:71-8:74 "*" | Bad: policy has an Allow statement with Principal "*", no Condition']);
    const heredoc = `data "aws_iam_policy_document" "d" {
  source_json = <<EOT
{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "\${aws_s3_bucket.b.arn}/*"}]}
EOT
${accountStatement()}}
`;
    assert.deepEqual(results(heredoc), ['fail 8:56-8:59 "*" | Bad: policy has an Allow statement with Principal "*", no Condition']);
  });

  void it('an unknown source document makes the result unknown, and cannot replace the statements after it', () => {
    const docs = (statement: string): string => `data "aws_iam_policy_document" "d" {\n  source_policy_documents = [var.extra]\n${statement}}\n`;
    assert.deepEqual(results(docs(accountStatement())), [
      `unknown 7:29-7:38 var.extra | Bad: cannot tell, data.aws_iam_policy_document.d.source_policy_documents[0] is not known: var.extra has no value: ${NO_VALUE('extra')}`,
    ]);
    assert.deepEqual(results(docs(openStatement('    sid       = "Public"\n'))), [
      'fail 14:21-14:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition',
    ]);
  });

  void it('an override statement with the same Sid replaces a public one; its document decides', () => {
    const docs = (overrideSid: string): string => `data "aws_iam_policy_document" "o" {
${accountStatement(`    sid       = ${overrideSid}\n`)}}
data "aws_iam_policy_document" "d" {
  override_policy_documents = [data.aws_iam_policy_document.o.json]
${openStatement('    sid       = "Public"\n')}}
`;
    assert.deepEqual(results(docs('"Public"')), [PASS.replace('15:0-15:37', '29:0-29:37')]);
    assert.deepEqual(results(docs('"Other"')), ['fail 25:21-25:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition']);
    assert.deepEqual(results(docs('var.sid')), [
      `unknown 19:2-19:13 statement { | Bad: cannot tell, the statement may be replaced by a later one: its Sid is not known: var.sid has no value: ${NO_VALUE('sid')}`,
    ]);
  });

  void it('an unknown override document may replace statements with a Sid, not those without', () => {
    const docs = (sid: string): string => `data "aws_iam_policy_document" "d" {\n  override_json = var.extra\n${openStatement(sid)}}\n`;
    assert.deepEqual(results(docs('    sid       = "Public"\n')), [
      `unknown 8:2-8:13 statement { | Bad: cannot tell, the statement may be replaced by a later document: data.aws_iam_policy_document.d.override_json is not known: var.extra has no value: ${NO_VALUE('extra')}`,
    ]);
    assert.deepEqual(results(docs('')), ['fail 13:21-13:24 "*" | Bad: policy has an Allow statement with Principal "*", no Condition']);
  });

  void it('a document that includes itself, or a source that is not JSON, is unknown', () => {
    assert.deepEqual(results(`data "aws_iam_policy_document" "d" {\n  source_policy_documents = [data.aws_iam_policy_document.d.json]\n${accountStatement()}}\n`), [
      'unknown 7:29-7:64 data.aws_iam_policy_document.d.json | Bad: cannot tell, data.aws_iam_policy_document.d.source_policy_documents[0] refers to data.aws_iam_policy_document.d, which includes itself',
    ]);
    assert.deepEqual(results(`data "aws_iam_policy_document" "d" {\n  source_json = "not json"\n${accountStatement()}}\n`), [
      'unknown 7:16-7:26 "not json" | Bad: cannot tell, data.aws_iam_policy_document.d.source_json is not a JSON policy document',
    ]);
  });
});
