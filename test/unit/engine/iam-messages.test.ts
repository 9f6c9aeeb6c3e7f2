// Messages about values only known after apply say what the value is, never just
// "user is (known after apply)".

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

const ATTACHED_TO_USER = `id: test-user
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_iam_user_policy_attachment]
    message: Attached to a user
    require: { attribute: user, absent: true }
`;

void describe('messages about unknown values', () => {
  void it('a set attribute whose value is a resource attribute names that attribute', () => {
    const tf = `resource "aws_iam_user" "u" {
  name = "alice"
}
variable "who" {}
resource "aws_iam_user_policy_attachment" "a" {
  user       = aws_iam_user.u.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_user_policy_attachment" "b" {
  user       = var.who
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`;
    assert.deepEqual(run(ATTACHED_TO_USER, tf).map((r) => `${r.status} ${span(r)} ${r.message}`), [
      'fail 5:15-5:34 Attached to a user: user is set (aws_iam_user.u.name)',
      'fail 9:15-9:22 Attached to a user: user is set (its value is not known: var.who has no value)',
    ]);
  });
});
