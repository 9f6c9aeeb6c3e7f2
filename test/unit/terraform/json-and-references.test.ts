// Terraform JSON syntax (object attributes also exposed as nested blocks) and the reference
// helpers the engine uses to find companion resources.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findResources, referencesTo, resourceFullAddress } from '../../../server/src/terraform';
import type { EvaluatedBlock } from '../../../server/src/terraform';
import { attribute, buildModel, data, resource, ROOT } from './memory-host';

const JSON_CONFIG = `{
  "variable": { "acl": { "default": "public-read" } },
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "count": 1,
        "acl": "\${var.acl}",
        "versioning": { "enabled": true },
        "tags": { "Name": "b-\${count.index}" }
      }
    },
    "aws_security_group": {
      "sg": {
        "ingress": [ { "from_port": 22 }, { "from_port": 443 } ],
        "dynamic": { "egress": { "for_each": [80], "iterator": "p", "content": { "to_port": "\${p.value}" } } }
      }
    }
  }
}`;

const shape = (b: EvaluatedBlock): unknown => [b.type, Object.fromEntries([...b.attributes].map(([k, a]) => [k, data(a.value)])), b.blocks.map(shape)];

void describe('Terraform JSON syntax', () => {
  const model = buildModel({ 'main.tf.json': JSON_CONFIG });

  void it('a resource header is its own label line ("sg": {), not the shared "resource" key', () => {
    const sg = resource(model, 'aws_security_group.sg');
    const r = sg.headerRange;
    assert.deepEqual([r.start.line, r.start.character, r.end.line, r.end.character], [12, 6, 12, 13]);
  });

  void it('evaluates attributes and interpolations like native syntax', () => {
    assert.deepEqual(model.resources.map((r) => r.address), ['aws_s3_bucket.b[0]', 'aws_security_group.sg']);
    const acl = attribute(model, 'aws_s3_bucket.b[0]', 'acl');
    assert.deepEqual([data(acl), acl.origin?.file, acl.origin?.via], ['public-read', `${ROOT}/main.tf.json`, 'variable "acl" default']);
  });

  void it('exposes object-valued attributes also as nested blocks, at the property', () => {
    const bucket = resource(model, 'aws_s3_bucket.b[0]');
    assert.deepEqual(bucket.blocks.map(shape), [['versioning', { enabled: true }, []], ['tags', { Name: 'b-0' }, []]]);
    assert.deepEqual(data(attribute(model, 'aws_s3_bucket.b[0]', 'versioning')), { enabled: true });
    const versioning = bucket.blocks[0];
    assert.deepEqual([versioning?.headerRange.start.line, versioning?.headerRange.start.character, versioning?.range.end.line, versioning?.range.end.character], [7, 8, 7, 41]);
    assert.deepEqual([versioning?.attributes.get('enabled')?.nameRange.start.character, versioning?.attributes.get('enabled')?.valueRange.start.character], [24, 35]);
  });

  void it('lists of objects become several blocks, and "dynamic" expands', () => {
    assert.deepEqual(resource(model, 'aws_security_group.sg').blocks.map(shape), [
      ['ingress', { from_port: 22 }, []],
      ['ingress', { from_port: 443 }, []],
      ['egress', { to_port: 80 }, []],
    ]);
  });
});

void describe('references between resources', () => {
  const model = buildModel({
    'main.tf': 'resource "aws_s3_bucket" "logs" {\n  for_each = toset(["a", "b"])\n  bucket = each.key\n}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.logs["a"].id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = "x"\n  policy = jsonencode({ Resource = [for b in aws_s3_bucket.logs : b.arn] })\n}\nmodule "m" {\n  source = "./m"\n}\n',
    'm/main.tf': 'resource "aws_kms_key" "k" {}\nresource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n  bucket = "x"\n  rule {\n    kms_key = aws_kms_key.k.arn\n  }\n}\n',
  });

  void it('a reference is Unknown with the address it points to', () => {
    const bucket = attribute(model, 'aws_s3_bucket_versioning.v', 'bucket');
    assert.deepEqual(bucket.kind === 'unknown' ? [bucket.reason, bucket.references] : undefined, [
      'aws_s3_bucket.logs.id is known after apply', [{ address: 'aws_s3_bucket.logs', fullAddress: 'aws_s3_bucket.logs', attribute: 'id', key: { value: 'a' } }],
    ]);
  });

  void it('findResources returns every instance of a full address', () => {
    assert.deepEqual(findResources(model, 'aws_s3_bucket.logs').map((r) => r.address), ['aws_s3_bucket.logs["a"]', 'aws_s3_bucket.logs["b"]']);
    assert.deepEqual(findResources(model, 'module.m.aws_kms_key.k').map((r) => r.address), ['module.m.aws_kms_key.k']);
    assert.deepEqual(findResources(model, 'aws_kms_key.k'), []);
    assert.equal(resourceFullAddress(resource(model, 'aws_s3_bucket.logs["b"]')), 'aws_s3_bucket.logs');
  });

  void it('referencesTo finds the resources whose arguments (at any depth) refer to a resource', () => {
    const referrers = referencesTo(model, resource(model, 'aws_s3_bucket.logs["b"]')).map((r) => r.address);
    assert.deepEqual(referrers, ['aws_s3_bucket_versioning.v', 'aws_s3_bucket_policy.p']);
    assert.deepEqual(referencesTo(model, resource(model, 'module.m.aws_kms_key.k')).map((r) => r.address), ['module.m.aws_s3_bucket_server_side_encryption_configuration.e']);
    assert.deepEqual(referencesTo(model, resource(model, 'aws_s3_bucket_versioning.v')), []);
  });

  void it('references inside module instances with keys stay within their instance', () => {
    const keyed = buildModel({
      'main.tf': 'module "b" {\n  for_each = toset(["x", "y"])\n  source = "./b"\n}\n',
      'b/main.tf': 'resource "aws_s3_bucket" "this" {}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.this.id\n}\n',
    });
    const bucket = resource(keyed, 'module.b["x"].aws_s3_bucket.this');
    assert.equal(resourceFullAddress(bucket), 'module.b["x"].aws_s3_bucket.this');
    assert.deepEqual(referencesTo(keyed, bucket).map((r) => r.address), ['module.b["x"].aws_s3_bucket_versioning.v']);
    const ref = attribute(keyed, 'module.b["y"].aws_s3_bucket_versioning.v', 'bucket');
    assert.deepEqual(ref.kind === 'unknown' ? ref.references : undefined, [{ address: 'aws_s3_bucket.this', fullAddress: 'module.b["y"].aws_s3_bucket.this', attribute: 'id' }]);
  });
});
