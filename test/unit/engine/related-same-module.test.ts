// `related: { same_module: true }`: every resource of a type in the resource's module relates,
// without naming it (account-wide settings). And a rule whose `when` is unknown still passes when
// its `require` holds (Kleene implication), otherwise it is unknown for the `when`'s reason.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPolicy } from '../../../server/src/engine';
import { run, span } from './harness';

const HEAD = 'id: test-same-module\ntitle: T\nseverity: low\ndescription: d\nremediation: r\nrules:\n  - resources: [aws_s3_bucket]\n';
/** The account-level block of the bucket's module, indented to sit at `indent` spaces. */
function covered(indent: number): string {
  const text = [
    'related:',
    '  type: aws_s3_account_public_access_block',
    '  same_module: true',
    '  any:',
    '    attribute: block_public_acls',
    '    is_true: true',
    '    default: false',
  ];
  return text.map((line) => `${' '.repeat(indent)}${line}\n`).join('');
}
const ACCOUNT_BLOCK = `${HEAD}    message: M\n    require:\n${covered(6)}`;
const BUCKET_BLOCK = `${HEAD}    message: M
    when:
      not:
${covered(8)}    require:
      related:
        type: aws_s3_bucket_public_access_block
        link: bucket
        exists: true
`;

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
const account = (value: string): string => `resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls = ${value}\n}\n`;
const OWN_BLOCK = 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n';

function report(results: ReturnType<typeof run>): string[] {
  return results.filter((r) => r.resource.endsWith('aws_s3_bucket.b')).map((r) => `${r.status} ${span(r)} ${r.message}`);
}

void describe('related resources in the same module', () => {
  void it('a resource of the type anywhere in the module relates, though it never names the bucket', () => {
    assert.deepEqual(report(run(ACCOUNT_BLOCK, BUCKET + account('true'))).map((r) => r.split(' ')[0]), ['pass']);
  });

  void it('none in the module: the finding says so at the bucket', () => {
    assert.deepEqual(report(run(ACCOUNT_BLOCK, BUCKET)), ['fail 0:0-0:30 M: no aws_s3_account_public_access_block in this module']);
  });

  void it('one whose condition fails: the finding is its value', () => {
    assert.deepEqual(report(run(ACCOUNT_BLOCK, BUCKET + account('false'))), ['fail 4:22-4:27 M: aws_s3_account_public_access_block.a: block_public_acls is false']);
  });

  void it('one whose condition is not known: unknown', () => {
    assert.deepEqual(report(run(ACCOUNT_BLOCK, `variable "v" {}\n${BUCKET}${account('var.v')}`)), [
      'unknown 5:22-5:27 M: cannot tell, aws_s3_account_public_access_block.a: block_public_acls: var.v has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_v',
    ]);
  });

  void it('one in another module does not relate', () => {
    const files = { '/m/modules/acct/main.tf': account('true') };
    const tf = `${BUCKET}module "acct" {\n  source = "./modules/acct"\n}\n`;
    assert.deepEqual(report(run(ACCOUNT_BLOCK, tf, files)), ['fail 0:0-0:30 M: no aws_s3_account_public_access_block in this module']);
  });

  void it('an unknown `when` passes a resource whose `require` holds, and is unknown otherwise', () => {
    const tf = `variable "v" {}\n${BUCKET}${account('var.v')}`;
    assert.deepEqual(report(run(BUCKET_BLOCK, tf + OWN_BLOCK)).map((r) => r.split(' ')[0]), ['pass']);
    assert.deepEqual(report(run(BUCKET_BLOCK, tf)), [
      'unknown 5:22-5:27 M: cannot tell, aws_s3_account_public_access_block.a: block_public_acls: var.v has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_v',
    ]);
  });

  void it('the loader wants exactly one of link and same_module, and by_name only with link', () => {
    const errors = (spec: string): string[] => loadPolicy(`${HEAD}    require:\n      related:\n        type: x\n${spec}        exists: true\n`, 'p.yaml').errors.map((e) => e.message);
    assert.deepEqual(errors('        same_module: true\n'), []);
    assert.deepEqual(errors(''), ['"related" needs exactly one of "link", "same_module: true"']);
    assert.deepEqual(errors('        link: bucket\n        same_module: true\n'), ['"related" needs exactly one of "link", "same_module: true"']);
    assert.deepEqual(errors('        same_module: true\n        by_name: bucket\n'), ['"by_name" goes with "link", not "same_module"']);
  });
});
