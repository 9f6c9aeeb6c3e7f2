// The shape of resource instances: addresses, modes, exact ranges of blocks, headers and
// attributes, nested blocks, and meta-arguments left out of the attributes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from '../../../server/src/terraform';
import { buildModel, data, resource, ROOT } from './memory-host';

const MAIN = `resource "aws_s3_bucket" "logs" {
  provider   = aws.west
  depends_on = [aws_kms_key.k]
  bucket     = "logs"

  versioning {
    enabled = true
  }
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags, tags["Name"]]
  }
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions = ["s3:*"]
  }
}
`;

/** [startLine, startCharacter, endLine, endCharacter] */
const at = (r: Range | undefined) => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : undefined);

void describe('resource instances', () => {
  const model = buildModel({ 'main.tf': MAIN });
  const bucket = resource(model, 'aws_s3_bucket.logs');
  const doc = resource(model, 'data.aws_iam_policy_document.doc');

  void it('have their address, mode, type, name, labels and file', () => {
    assert.deepEqual(
      [bucket.mode, bucket.type, bucket.resourceType, bucket.name, bucket.labels, bucket.localAddress, bucket.modulePath, bucket.file, bucket.callers],
      ['managed', 'resource', 'aws_s3_bucket', 'logs', ['aws_s3_bucket', 'logs'], 'aws_s3_bucket.logs', [], `${ROOT}/main.tf`, undefined],
    );
    assert.deepEqual([doc.mode, doc.type, doc.address, doc.localAddress], ['data', 'data', 'data.aws_iam_policy_document.doc', 'data.aws_iam_policy_document.doc']);
  });

  void it('have exact block, header and attribute ranges', () => {
    assert.deepEqual(at(bucket.range), [0, 0, 12, 1]);
    assert.deepEqual(at(bucket.headerRange), [0, 0, 0, 33]);
    const attr = bucket.attributes.get('bucket');
    assert.deepEqual([at(attr?.range), at(attr?.nameRange), at(attr?.valueRange), attr?.file], [[3, 2, 3, 21], [3, 2, 3, 8], [3, 15, 3, 21], `${ROOT}/main.tf`]);
    assert.equal(bucket.source.labels[1]?.value, 'logs');
  });

  void it('leave meta-arguments out of the attributes but keep nested blocks such as lifecycle', () => {
    assert.deepEqual([...bucket.attributes.keys()], ['bucket']);
    assert.deepEqual(bucket.blocks.map((b) => [b.type, at(b.range), at(b.headerRange), [...b.attributes.keys()]]), [
      ['versioning', [5, 2, 7, 3], [5, 2, 5, 14], ['enabled']],
      ['lifecycle', [8, 2, 11, 3], [8, 2, 8, 13], ['prevent_destroy', 'ignore_changes']],
    ]);
    assert.deepEqual(doc.blocks.map((b) => [b.type, b.file, [...b.attributes.keys()]]), [['statement', `${ROOT}/main.tf`, ['actions']]]);
  });

  void it('lists the attribute paths of ignore_changes as strings', () => {
    const lifecycle = bucket.blocks.find((b) => b.type === 'lifecycle');
    assert.deepEqual(data(lifecycle?.attributes.get('ignore_changes')?.value ?? { kind: 'null' }), ['tags', 'tags["Name"]']);
    const all = buildModel({ 'main.tf': 'resource "t" "r" {\n  lifecycle {\n    ignore_changes = all\n  }\n}\n' });
    assert.equal(data(resource(all, 't.r').blocks[0]?.attributes.get('ignore_changes')?.value ?? { kind: 'null' }), 'all');
  });
});
