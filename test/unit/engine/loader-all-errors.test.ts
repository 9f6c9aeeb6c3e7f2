// loadPolicy reports every independent error of a policy file at once, in file order: the schema's
// errors (the most specific per place, without the noise of alternatives that did not apply) and
// the compiler's errors for the conditions the schema accepted.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPolicy } from '../../../server/src/engine';

const HEADER = 'id: aws-test-policy\ntitle: Test\nseverity: high\ndescription: d\nremediation: r\nrules:\n';

function errorsOf(rules: string): string[] {
  const { policy, errors } = loadPolicy(HEADER + rules, '/p/policy.yaml');
  assert.equal(policy, undefined);
  return errors.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.message}`);
}

const UNTERMINATED = 'Invalid regular expression: /([/u: Unterminated character class';

void describe('loadPolicy reports all independent errors at once', () => {
  void it('an unknown operator, a non-list `in` and a bad regex beside them, without noise at `all:`', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket]
    require:
      all:
        - attribute: tags
          contians: Owner
        - attribute: acl
          in: private
        - attribute: bucket
          matches: "(["
`), [
      '10:10-10:18 unknown operator "contians"',
      '12:14-12:21 "rules.0.require.all.1.in" must be array',
      `14:19-14:23 invalid regular expression "([": ${UNTERMINATED}`,
    ]);
  });

  void it('a schema error in one rule and compile errors in another', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket]
    require: { attribute: acl, equals: private, colour: red }
  - resources: [aws_s3_bucket]
    require: { attribute: acl, equals: private, exists: true }
  - resources: [aws_s3_bucket]
    require: { attribute: bucket, matches: "([" }
`), [
      '7:48-7:54 unknown operator "colour"',
      '9:48-9:54 an attribute test has one operator; found "equals" and "exists"',
      `11:43-11:47 invalid regular expression "([": ${UNTERMINATED}`,
    ]);
  });

  void it('a condition with two shapes is reported beside a schema error inside one of them', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket]
    require:
      all:
        - { attribute: acl, contians: x }
      any:
        - { attribute: acl, equals: private }
`), [
      '9:28-9:36 unknown operator "contians"',
      '10:6-10:9 a condition may have only one of "all", "any"',
    ]);
  });

  void it('a value that fits no alternative: one error naming the alternatives', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket]
    require: { any: nothing }
  - resources: [aws_s3_bucket_policy]
    require: { attribute: policy, has_iam_statement: { principal: 5 } }
`), [
      '7:20-7:27 "rules.0.require.any" must be array or object',
      '9:66-9:67 "rules.1.require.has_iam_statement.principal" must be string or array',
    ]);
  });

  void it('an alternative that applied explains the error: the list element, not the list', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket_policy]
    require: { attribute: policy, has_iam_statement: { action: ["s3:*", 3] } }
  - resources: [aws_s3_bucket]
    require: { any: [] }
`), [
      '7:72-7:73 "rules.0.require.has_iam_statement.action.1" must be string',
      '9:20-9:22 "rules.1.require.any" must NOT have fewer than 1 items',
    ]);
  });

  void it('a rule without require: the schema says so once, and the other rules are still compiled', () => {
    assert.deepEqual(errorsOf(`  - resources: [aws_s3_bucket]
  - resources: [aws_s3_bucket]
    when: { attribute: acl, matches: "([" }
    require: { attribute: acl, exists: true }
`), [
      '6:4-7:0 "rules.0" is missing "require"',
      `8:37-8:41 invalid regular expression "([": ${UNTERMINATED}`,
    ]);
  });
});
