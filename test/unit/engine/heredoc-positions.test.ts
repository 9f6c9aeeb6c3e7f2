// A JSON document written as a heredoc or a quoted string is the text the policy reads, so a
// finding points at the offending element in it (`"*"` of `"Action": "*"`), not at the whole
// heredoc: through `<<-` indentation, `$${` escapes, `\"` escapes and interpolations before the
// element. Where the text cannot be mapped exactly, the finding stays on the attribute's value.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

const WILDCARD_ACTION = `id: test-iam
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_iam_policy]
    message: Allows all actions
    require: { not: { attribute: policy, has_iam_statement: { action: "*" } } }
`;

const SECRET_ENV = `id: test-decode
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_ecs_task_definition]
    require:
      blocks: jsondecode(container_definitions).environment
      none:
        all:
          - { attribute: value, matches: "." }
          - { attribute: name, matches: "(?i)passw" }
`;

/** Status, range, the text at the range, and message of each result. */
function results(policyYaml: string, tf: string): string[] {
  return run(policyYaml, tf).map((r) => `${r.status} ${span(r)} ${tf.slice(r.range.start.offset, r.range.end.offset)} | ${r.message}`);
}

const policy = (value: string, before = ''): string => `${before}resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = ${value}\n}\n`;

void describe('IAM findings inside heredocs and strings', () => {
  void it('<<- heredoc: indentation removed by Terraform is counted, blank lines (even with spaces) are not shifted', () => {
    const tf = policy(`<<-EOT
    {
      "Version": "2012-10-17",
${'      '}
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "arn:aws:s3:::logs/*"
        }
      ]
    }
  EOT`);
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 9:20-9:23 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('<< heredoc: the element of an Action list', () => {
    const tf = policy('<<EOT\n{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": "*"}]}\nEOT');
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 3:62-3:65 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('$${ and %%{ escapes before the element take one character more in the file', () => {
    const tf = policy('<<EOT\n{"Statement": [{"Sid": "$${x}%%{y}", "Action": "*", "Resource": "*"}]}\nEOT');
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 3:47-3:50 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('a quoted string: \\" escapes are two characters in the file', () => {
    const tf = policy('"{\\"Statement\\": [{\\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"');
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 2:42-2:47 \\"*\\" | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('interpolations before the element, known or only known after apply, do not move it', () => {
    const known = policy('<<EOT\n{"Statement": [{"Resource": "arn:aws:s3:::${var.bucket}/*", "Action": "*"}]}\nEOT', 'variable "bucket" { default = "logs-bucket" }\n');
    assert.deepEqual(results(WILDCARD_ACTION, known), ['fail 4:70-4:73 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
    const unknown = policy('<<EOT\n{"Statement": [{"Resource": "${aws_s3_bucket.b.arn}/*", "Action": "*"}]}\nEOT', 'resource "aws_s3_bucket" "b" {}\n');
    assert.deepEqual(results(WILDCARD_ACTION, unknown), ['fail 4:66-4:69 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('an element produced by an interpolation is reported at that ${...}', () => {
    const tf = policy('<<EOT\n{"Statement": [{"Resource": "*", "Action": ${jsonencode(var.actions)}}]}\nEOT', 'variable "actions" { default = ["*"] }\n');
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 4:43-4:69 ${jsonencode(var.actions)} | Allows all actions: policy has an Allow statement with Action "*"']);
  });

  void it('an escape we do not map (\\u0041) keeps the finding on the attribute value', () => {
    const tf = policy('"{\\"Statement\\": [{\\"\\u0041ction\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"');
    const [result] = run(WILDCARD_ACTION, tf);
    assert.equal(result?.status, 'fail');
    assert.equal(span(result), '2:11-2:77');
  });

  void it('CRLF line endings', () => {
    const tf = policy('<<-EOT\r\n    {"Statement": [\r\n      {"Action": "*", "Resource": "*"}\r\n    ]}\r\n  EOT').replace(/\n(?!\r)/g, '\r\n').replace(/\r\r/g, '\r');
    assert.deepEqual(results(WILDCARD_ACTION, tf), ['fail 4:17-4:20 "*" | Allows all actions: policy has an Allow statement with Action "*"']);
  });
});

void describe('jsondecode() paths inside heredocs', () => {
  void it('the offending name in a <<- heredoc', () => {
    const tf = `resource "aws_ecs_task_definition" "t" {
  container_definitions = <<-EOF
    [
      {
        "name": "app",
        "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]
      }
    ]
  EOF
}
`;
    assert.deepEqual(results(SECRET_ENV, tf), ['fail 5:33-5:46 "DB_PASSWORD" | T: container_definitions.environment.name is "DB_PASSWORD"']);
  });
});
