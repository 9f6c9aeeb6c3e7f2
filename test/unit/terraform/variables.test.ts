// Input variables across files: defaults, tfvars precedence, command-line values, types with
// optional() defaults, and variables without a value. Each case is a small module and the exact
// value (and where it was written) that a resource argument must get.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../../server/src/hcl';
import type { ModelOptions, Origin, Value } from '../../../server/src/terraform';
import { attribute, buildModel, data, ROOT } from './memory-host';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly options?: ModelOptions;
  /** Plain data of the known value of `aws_s3_bucket.b`'s `acl`. */
  readonly expected?: unknown;
  readonly unknownReason?: string;
  /** [file, line, startCharacter, endCharacter, via] of the value's origin (0-based). */
  readonly origin?: readonly [string, number, number, number, string | undefined];
}

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  acl = var.acl\n}\n';
const SAFE_DEFAULT = 'variable "acl" {\n  default = "private"\n}\n';
const varFile = (name: string, text: string) => ({ name: `${ROOT}/${name}`, file: parseFile(name, text) });

const CASES: readonly Case[] = [
  {
    name: 'variable default in another file',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT },
    expected: 'private',
    origin: ['variables.tf', 1, 12, 21, 'variable "acl" default'],
  },
  {
    name: 'terraform.tfvars overrides a safe default',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': '# values\nacl = "public-read"\n' },
    expected: 'public-read',
    origin: ['terraform.tfvars', 1, 6, 19, 'terraform.tfvars'],
  },
  {
    name: 'terraform.tfvars.json overrides terraform.tfvars',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': 'acl = "a"\n', 'terraform.tfvars.json': '{ "acl": "b" }' },
    expected: 'b',
    origin: ['terraform.tfvars.json', 0, 9, 12, 'terraform.tfvars.json'],
  },
  {
    name: '*.auto.tfvars overrides terraform.tfvars, later names win',
    files: {
      'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': 'acl = "a"\n',
      'b.auto.tfvars': 'acl = "from-b"\n', 'a.auto.tfvars': 'acl = "from-a"\n',
    },
    expected: 'from-b',
    origin: ['b.auto.tfvars', 0, 6, 14, 'b.auto.tfvars'],
  },
  {
    name: 'other .tfvars files are not loaded automatically',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'prod.tfvars': 'acl = "public-read"\n' },
    expected: 'private',
  },
  {
    name: 'var files from options override *.auto.tfvars',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'x.auto.tfvars': 'acl = "auto"\n' },
    options: { varFiles: [varFile('extra.tfvars', 'acl = "extra"\n')] },
    expected: 'extra',
    origin: ['extra.tfvars', 0, 6, 13, 'extra.tfvars'],
  },
  {
    name: 'TF_VAR_ environment variables lose to terraform.tfvars',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': 'acl = "tfvars"\n' },
    options: { environmentVariables: new Map([['acl', 'env']]) },
    expected: 'tfvars',
  },
  {
    name: 'TF_VAR_ environment variables beat the default',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT },
    options: { environmentVariables: new Map([['acl', 'public-read']]) },
    expected: 'public-read',
  },
  {
    name: '-var values beat every file',
    files: { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': 'acl = "tfvars"\n' },
    options: { variables: new Map([['acl', 'cli']]), varFiles: [varFile('extra.tfvars', 'acl = "extra"\n')] },
    expected: 'cli',
  },
  {
    name: 'a variable without a value is Unknown',
    files: { 'main.tf': BUCKET, 'variables.tf': 'variable "acl" {}\n' },
    unknownReason: 'var.acl has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_acl',
  },
  {
    name: 'a typed variable converts its value',
    files: { 'main.tf': BUCKET, 'variables.tf': 'variable "acl" {\n  type    = string\n  default = 12\n}\n' },
    expected: '12',
  },
  {
    name: 'a value of the wrong type is Unknown',
    files: { 'main.tf': BUCKET, 'variables.tf': 'variable "acl" {\n  type = number\n}\n', 'terraform.tfvars': 'acl = "x"\n' },
    unknownReason: 'error: invalid value for var.acl: cannot convert "x" to number',
  },
  {
    name: 'optional() attributes get their defaults',
    files: {
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = var.cfg\n}\n',
      'variables.tf': 'variable "cfg" {\n  type = object({\n    acl = optional(string, "private")\n    versioning = optional(bool)\n    n = number\n  })\n}\n',
      'terraform.tfvars': 'cfg = { n = "3" }\n',
    },
    expected: { acl: 'private', versioning: null, n: 3 },
  },
  {
    name: 'nullable = false replaces an explicit null with the default',
    files: { 'main.tf': BUCKET, 'variables.tf': 'variable "acl" {\n  nullable = false\n  default = "private"\n}\n', 'terraform.tfvars': 'acl = null\n' },
    expected: 'private',
  },
  {
    name: 'a complex TF_VAR_ value is parsed as an expression',
    files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = var.list[1]\n}\n', 'variables.tf': 'variable "list" {\n  type = list(string)\n}\n' },
    options: { environmentVariables: new Map([['list', '["a", "b"]']]) },
    expected: 'b',
  },
  {
    name: 'variables declared in .tf.json with a type string',
    files: { 'main.tf': BUCKET, 'variables.tf.json': '{ "variable": { "acl": { "type": "list(string)", "default": ["x"] } } }' },
    expected: ['x'],
  },
];

function assertOrigin(origin: Origin | undefined, expected: NonNullable<Case['origin']>): void {
  const [file, line, start, end, via] = expected;
  assert.ok(origin, 'the value has an origin');
  assert.deepEqual(
    { file: origin.file, line: origin.range.start.line, start: origin.range.start.character, endLine: origin.range.end.line, end: origin.range.end.character, via: origin.via },
    { file: `${ROOT}/${file}`, line, start, endLine: line, end, via },
  );
}

void describe('terraform variables', () => {
  for (const c of CASES) {
    void it(c.name, () => {
      const value: Value = attribute(buildModel(c.files, c.options), 'aws_s3_bucket.b', 'acl');
      if (c.unknownReason !== undefined) {
        assert.equal(value.kind, 'unknown');
        assert.equal(value.kind === 'unknown' ? value.reason : '', c.unknownReason);
        return;
      }
      assert.notEqual(value.kind, 'unknown', value.kind === 'unknown' ? value.reason : '');
      assert.deepEqual(data(value), c.expected);
      if (c.origin) assertOrigin(value.origin, c.origin);
    });
  }

  void it('values from TF_VAR_ and -var have no origin (they were not written in a file)', () => {
    const model = buildModel(
      { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = var.acl\n  list = var.list\n}\n', 'variables.tf': 'variable "acl" {}\nvariable "list" {\n  type = list(string)\n}\n' },
      { environmentVariables: new Map([['list', '["a"]']]), variables: new Map([['acl', 'public-read']]) },
    );
    const list = attribute(model, 'aws_s3_bucket.b', 'list');
    assert.deepEqual([data(list), list.origin, list.kind === 'tuple' ? list.items[0]?.origin : 'not a list'], [['a'], undefined, undefined]);
    assert.deepEqual([data(attribute(model, 'aws_s3_bucket.b', 'acl')), attribute(model, 'aws_s3_bucket.b', 'acl').origin], ['public-read', undefined]);
  });

  void it('warns about a value for an undeclared variable in the module\'s own tfvars, not in shared var files', () => {
    const model = buildModel(
      { 'main.tf': BUCKET, 'variables.tf': SAFE_DEFAULT, 'terraform.tfvars': 'acl = "a"\nacll = "b"\n' },
      { varFiles: [varFile('shared.tfvars', 'region = "eu-west-1"\n')] },
    );
    assert.deepEqual(model.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.message]), [
      [`${ROOT}/terraform.tfvars`, 1, 0, 4, 'warning', 'Value for undeclared variable "acll": no variable "acll" is declared in this module'],
    ]);
  });
});
