// What results say: a pass never reads like the problem the title states, a value that is set but
// known only after apply reads as set, an unknown result names the field that is unknown, and a
// resource's count decides which results there are.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

const EBS = `id: test-ebs
title: EBS volume is not encrypted
severity: high
description: d
remediation: r
rules:
  - resources: [aws_ebs_volume]
    require: { attribute: encrypted, is_true: true, default: false }
`;

/** Resource, status, range and message of each result. */
function results(policyYaml: string, tf: string): string[] {
  return run(policyYaml, tf).map((r) => `${r.resource} ${r.status} ${span(r)} ${r.message}`);
}

void describe('pass messages', () => {
  void it('quote the title as what was not found, so "…is not encrypted: passed" cannot be misread', () => {
    const tf = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  encrypted         = true\n}\n';
    assert.deepEqual(results(EBS, tf), ['aws_ebs_volume.v pass 0:0-0:31 passed: "EBS volume is not encrypted" not found']);
  });
});

void describe('set values known only after apply', () => {
  const presence = (test: string): string => `id: test-set
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_iam_user_policy_attachment]
    message: Attached to a user
    require: ${test}
`;
  const tf = `resource "aws_iam_user" "u" {
  name = "alice"
}
resource "aws_iam_user_policy_attachment" "a" {
  user       = aws_iam_user.u.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_user_policy_attachment" "b" {
  user       = ["x", aws_iam_user.u.name]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`;

  void it('absent: "user is set (aws_iam_user.u.name)", and a list shows its references as written', () => {
    assert.deepEqual(results(presence('{ attribute: user, absent: true }'), tf), [
      'aws_iam_user_policy_attachment.a fail 4:15-4:34 Attached to a user: user is set (aws_iam_user.u.name)',
      'aws_iam_user_policy_attachment.b fail 8:15-8:41 Attached to a user: user is ["x", aws_iam_user.u.name]',
    ]);
  });

  void it('not exists and not non_empty say the same', () => {
    for (const test of ['{ not: { attribute: user, exists: true } }', '{ not: { attribute: user, non_empty: true } }']) {
      assert.deepEqual(results(presence(test), tf).slice(0, 1), ['aws_iam_user_policy_attachment.a fail 4:15-4:34 Attached to a user: user is set (aws_iam_user.u.name)']);
    }
  });

  void it('a known value is quoted as before', () => {
    const known = 'resource "aws_iam_user_policy_attachment" "a" {\n  user       = "alice"\n  policy_arn = "arn"\n}\n';
    assert.deepEqual(results(presence('{ attribute: user, absent: true }'), known), ['aws_iam_user_policy_attachment.a fail 1:15-1:22 Attached to a user: user is "alice"']);
  });
});

void describe('unknown results name the field that is unknown', () => {
  const TRUST = `id: test-trust
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_iam_role]
    message: Anyone
    require: { not: { attribute: assume_role_policy, has_iam_statement: { principal: "*", without_condition: true } } }
`;
  const role = (document: string, before = ''): string => `${before}data "aws_iam_policy_document" "d" {
${document}}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.d.json
}
`;

  void it('a dynamic statement over `x != null ? x : {}` whose entries hold an unknown ARN: the identifiers, not the defaulted effect', () => {
    const before = `resource "aws_iam_user" "u" {
  name = "u"
}
locals {
  perms = { T = { actions = ["sts:AssumeRole"], effect = "Allow", ids = [aws_iam_user.u.arn] } }
}
`;
    const tf = role(`  dynamic "statement" {
    for_each = local.perms != null ? local.perms : {}
    content {
      actions = statement.value.actions
      effect  = statement.value.effect
      principals {
        type        = "AWS"
        identifiers = statement.value.ids
      }
    }
  }
`, before);
    assert.deepEqual(results(TRUST, tf), [
      'aws_iam_role.r unknown 14:22-14:41 Anyone: cannot tell, statement.principals.identifiers refers to aws_iam_user.u.arn, known only after apply',
    ]);
  });

  void it('a dynamic statement over a collection that is not known: the collection, not its first field', () => {
    const tf = role(`  dynamic "statement" {
    for_each = var.perms
    content {
      effect  = statement.value.effect
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = statement.value.ids
      }
    }
  }
`, 'variable "perms" {}\n');
    assert.deepEqual(results(TRUST, tf), [
      'aws_iam_role.r unknown 4:4-4:13 Anyone: cannot tell, there may be no such statement: dynamic "statement" for_each is unknown: var.perms has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_perms',
    ]);
  });
});

void describe('count', () => {
  const volume = (count: string): string => `variable "n" {}\nresource "aws_ebs_volume" "v" {\n  count             = ${count}\n  availability_zone = "a"\n}\n`;

  void it('count = 0 (known) gives no result at all', () => {
    assert.deepEqual(results(EBS, volume('0')), []);
    assert.deepEqual(results(EBS, volume('var.n > 0 ? 0 : 0')), []);
  });

  void it('a count not known is one result for the resource as written, without an index', () => {
    assert.deepEqual(results(EBS, volume('var.n')), ['aws_ebs_volume.v fail 1:0-1:31 EBS volume is not encrypted: encrypted is not set (defaults to false)']);
  });
});
