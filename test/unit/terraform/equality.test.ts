// `==` and `!=` with parts known only after apply (evaluate-ops.ts): a known difference decides —
// null against a value, lists of different lengths, maps with different keys, two different known
// leaves — whatever the unknown parts hold; the result is unknown only when an unknown part could
// still change it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '../../../server/src/terraform';
import { attribute, buildModel } from './memory-host';

const ARN = 'aws_s3_bucket.b.arn';
const PENDING = `${ARN} is known after apply`;

// Each case: an expression and what it evaluates to — true, false, or the Unknown's reason.
const CASES: readonly (readonly [string, boolean | string])[] = [
  // null against a value holding an unknown part: never equal.
  [`{ k = ${ARN} } != null`, true],
  [`{ k = ${ARN} } == null`, false],
  [`[${ARN}] == null`, false],
  // A template (or jsonencode()) is a string even when its text is not known: never null.
  [`null == "\${${ARN}}/*"`, false],
  [`jsonencode({ a = ${ARN} }) != null`, true],
  // A different shape decides before the unknown part is looked at.
  [`[${ARN}] == [${ARN}, "x"]`, false],
  [`[${ARN}, "a"] != ["x"]`, true],
  [`{ a = ${ARN} } == { b = ${ARN} }`, false],
  [`{ a = ${ARN} } == { a = ${ARN}, b = 1 }`, false],
  [`{ a = 1 } == [1]`, false],
  // A known leaf that differs decides, wherever the unknown part is.
  [`[${ARN}, "a"] == [${ARN}, "b"]`, false],
  [`{ a = ${ARN}, b = "x" } != { a = "y", b = "z" }`, true],
  // All known parts agree: the unknown part decides, so the result is unknown.
  [`[${ARN}, "a"] == ["x", "a"]`, PENDING],
  [`{ a = ${ARN} } != { a = "x" }`, PENDING],
  [`${ARN} == null`, PENDING],
  [`${ARN} != "x"`, PENDING],
  // Wholly known values compare as before.
  [`["a", 1] == ["a", 1]`, true],
  [`{ a = "x" } != { a = "x" }`, false],
];

function show(value: Value): boolean | string {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'unknown') return value.reason;
  return `unexpected ${value.kind}`;
}

void describe('== and != with parts known only after apply', () => {
  const body = CASES.map(([expr], i) => `  c${i} = ${expr}`).join('\n');
  const model = buildModel({ 'main.tf': `resource "aws_s3_bucket" "b" {}\nresource "t" "x" {\n${body}\n}\n` });
  for (const [i, [expr, expected]] of CASES.entries()) {
    void it(`${expr} is ${String(expected)}`, () => {
      assert.equal(show(attribute(model, 't.x', `c${i}`)), expected);
    });
  }
});
