// Override files merge into the block with the same header instead of declaring it twice.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attribute, buildModel, data, resource, ROOT } from './memory-host';

void describe('override files', () => {
  const model = buildModel({
    'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "private"\n  versioning {\n    enabled = true\n  }\n  logging {\n    target_bucket = "logs"\n  }\n  lifecycle {\n    prevent_destroy = true\n    ignore_changes  = []\n  }\n}\nlocals {\n  env = "dev"\n}\nvariable "size" {\n  default = 1\n}\nresource "t" "r" {\n  env  = local.env\n  size = var.size\n}\n',
    'override.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n  versioning {\n    enabled = false\n  }\n  lifecycle {\n    prevent_destroy = false\n  }\n}\nlocals {\n  env = "prod"\n}\n',
    'z_override.tf.json': '{ "variable": { "size": { "default": 3 } } }',
  });

  void it('attributes of an override replace the original ones, with the override file as origin', () => {
    const bucket = resource(model, 'aws_s3_bucket.b');
    assert.deepEqual([...bucket.attributes.keys()], ['bucket', 'acl']);
    assert.equal(data(attribute(model, 'aws_s3_bucket.b', 'acl')), 'public-read');
    const acl = bucket.attributes.get('acl');
    assert.deepEqual([acl?.file, acl?.range.start.line, acl?.value.origin?.file], [`${ROOT}/override.tf`, 1, `${ROOT}/override.tf`]);
    assert.deepEqual([bucket.file, bucket.headerRange.start.line], [`${ROOT}/main.tf`, 0]);
  });

  void it('a nested block type in an override replaces all original blocks of that type; lifecycle merges by argument', () => {
    const blocks = resource(model, 'aws_s3_bucket.b').blocks.map((b) => [b.type, b.file, data(b.attributes.values().next().value?.value ?? { kind: 'null' })]);
    assert.deepEqual(blocks, [['logging', `${ROOT}/main.tf`, 'logs'], ['versioning', `${ROOT}/override.tf`, false], ['lifecycle', `${ROOT}/main.tf`, []]]);
    const lifecycle = resource(model, 'aws_s3_bucket.b').blocks[2];
    assert.deepEqual([...(lifecycle?.attributes ?? [])].map(([k, a]) => [k, data(a.value), a.file]), [
      ['ignore_changes', [], `${ROOT}/main.tf`],
      ['prevent_destroy', false, `${ROOT}/override.tf`],
    ]);
  });

  void it('locals and variables are overridden by name, also from JSON override files', () => {
    assert.deepEqual([data(attribute(model, 't.r', 'env')), data(attribute(model, 't.r', 'size'))], ['prod', 3]);
    assert.equal(attribute(model, 't.r', 'size').origin?.file, `${ROOT}/z_override.tf.json`);
    assert.deepEqual(model.diagnostics, []);
  });

  void it('an override without a base declaration is reported', () => {
    const m = buildModel({ 'main.tf': '', 'override.tf': 'resource "a" "b" {\n  x = 1\n}\n' });
    assert.deepEqual(m.resources, []);
    assert.deepEqual(m.diagnostics.map((d) => [d.file, d.range.start.line, d.message]), [[`${ROOT}/override.tf`, 0, 'Missing base resource a.b to override: no such declaration outside override files']]);
  });
});
