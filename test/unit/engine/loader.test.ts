// loadPolicy: valid policies compile; every kind of error comes back with its exact 0-based range.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPolicy, policyDocsPath } from '../../../server/src/engine';

const HEADER = `id: aws-test-policy
title: Test
severity: high
description: d
remediation: r
`;

function errorsOf(yaml: string): string[] {
  const { policy, errors } = loadPolicy(yaml, '/p/policy.yaml');
  assert.equal(policy, undefined);
  return errors.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.message}`);
}

void describe('loadPolicy', () => {
  void it('compiles a valid policy with metadata, rules, fix and fixtures', () => {
    const { policy, errors } = loadPolicy(`${HEADER}references: [CKV_AWS_1]
rules:
  - resources: [aws_s3_bucket, data.aws_iam_policy_document]
    message: Bucket is public
    when: { attribute: bucket, exists: true }
    require:
      attribute: acl
      not_in: [public-read]
      default: private
    fix:
      title: Make it private
      set: { acl: '"private"', "versioning.enabled": "true" }
fixtures:
  - path: fixtures/fail.tf
    fail: [aws_s3_bucket.a]
`, '/p/aws/aws-test-policy/policy.yaml');
    assert.deepEqual(errors, []);
    assert.ok(policy);
    assert.equal(policy.id, 'aws-test-policy');
    assert.deepEqual(policy.resourceTypes, ['aws_s3_bucket', 'data.aws_iam_policy_document']);
    assert.deepEqual(policy.references, ['CKV_AWS_1']);
    assert.equal(policy.source, '/p/aws/aws-test-policy/policy.yaml');
    assert.deepEqual(policy.rules[0]!.require, { kind: 'attribute', path: ['acl'], test: { op: 'not_in', operand: ['public-read'] }, default: 'private' });
    assert.deepEqual(policy.rules[0]!.when, { kind: 'attribute', path: ['bucket'], test: { op: 'exists' } });
    assert.deepEqual(policy.rules[0]!.fix, { title: 'Make it private', set: [{ path: ['acl'], value: '"private"' }, { path: ['versioning', 'enabled'], value: 'true' }] });
    assert.deepEqual(policy.fixtures, [{ path: 'fixtures/fail.tf', fail: ['aws_s3_bucket.a'], pass: [], unknown: [], suppressed: [] }]);
    assert.equal(policyDocsPath(policy), '/p/aws/aws-test-policy/README.md');
  });

  void it('reports an unknown operator at its key', () => {
    assert.deepEqual(errorsOf(`${HEADER}rules:
  - resources: [aws_s3_bucket]
    require:
      attribute: acl
      is_public: true
`), ['9:6-9:15 unknown operator "is_public"']);
  });

  void it('reports a bad regular expression at its value', () => {
    assert.deepEqual(errorsOf(`${HEADER}rules:
  - resources: [aws_s3_bucket]
    require: { attribute: bucket, matches: "^(logs" }
`), ['7:43-7:51 invalid regular expression "^(logs": Invalid regular expression: /^(logs/u: Unterminated group']);
  });

  void it('reports missing keys, bad severities and unknown top-level keys', () => {
    assert.deepEqual(errorsOf(`id: aws-x
title: T
severity: urgent
description: d
remediation: r
owner: me
`), [
      '0:0-6:0 policy is missing "rules"',
      '2:10-2:16 "severity" must be one of "low", "medium", "high", "critical"',
      '5:0-5:5 unknown key "owner" in policy',
    ]);
  });

  void it('reports two operators, an operator without attribute, and an empty condition', () => {
    assert.deepEqual(errorsOf(`${HEADER}rules:
  - resources: [aws_s3_bucket]
    require:
      all:
        - { attribute: acl, equals: private, exists: true }
        - { equals: private }
        - { message: nothing }
`), [
      '9:45-9:51 an attribute test has one operator; found "equals" and "exists"',
      '10:12-10:18 operator "equals" needs an "attribute" to test',
      '11:10-11:30 a condition needs one of: attribute, port_range, blocks, related, all, any, not',
    ]);
  });

  void it('reports a blocks condition without quantifier and a related condition without mode', () => {
    assert.deepEqual(errorsOf(`${HEADER}rules:
  - resources: [aws_s3_bucket]
    require:
      any:
        - blocks: ingress
        - related: { type: aws_s3_bucket_versioning, link: bucket }
`), [
      '9:10-9:16 "blocks" needs exactly one of "all", "any", "none"',
      '10:19-10:67 "related" needs exactly one of "exists", "any", "all", "none"',
    ]);
  });

  void it('reports YAML syntax errors with their position and never throws on garbage', () => {
    const errors = errorsOf('id: [unclosed\n');
    assert.equal(errors.length > 0, true);
    assert.match(errors[0]!, /^\d+:\d+-\d+:\d+ /);
    assert.deepEqual(errorsOf(''), ['0:0-0:0 policy must be object']);
  });

  void it('docs path handles Windows paths and URIs', () => {
    assert.equal(policyDocsPath({ source: 'C:\\pack\\aws\\x\\policy.yaml' }), 'C:\\pack\\aws\\x\\README.md');
    assert.equal(policyDocsPath({ source: 'file:///pack/x/policy.yaml' }), 'file:///pack/x/README.md');
    assert.equal(policyDocsPath({}), undefined);
  });
});
