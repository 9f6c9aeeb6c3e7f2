// count, for_each and dynamic blocks: instance addresses, each/count values, and what happens
// when the collection is not known before apply.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvaluatedBlock, ModuleModel } from '../../../server/src/terraform';
import { attribute, buildModel, data, resource, ROOT } from './memory-host';

const addresses = (model: ModuleModel) => model.resources.map((r) => r.address);

void describe('count and for_each', () => {
  void it('for_each over a map: one instance per key, only one of them with the interesting value', () => {
    const model = buildModel({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  for_each = var.buckets\n  bucket = each.key\n  acl    = each.value.acl\n}\n',
      'variables.tf': 'variable "buckets" {\n  default = {\n    logs   = { acl = "private" }\n    public = { acl = "public-read" }\n  }\n}\n',
    });
    assert.deepEqual(addresses(model), ['aws_s3_bucket.b["logs"]', 'aws_s3_bucket.b["public"]']);
    assert.deepEqual(model.resources.map((r) => r.instanceKey), ['logs', 'public']);
    assert.deepEqual(['logs', 'public'].map((k) => data(attribute(model, `aws_s3_bucket.b["${k}"]`, 'acl'))), ['private', 'public-read']);
    const origin = attribute(model, 'aws_s3_bucket.b["public"]', 'acl').origin;
    assert.deepEqual([origin?.file, origin?.range.start.line, origin?.range.start.character, origin?.via], [`${ROOT}/variables.tf`, 3, 21, 'variable "buckets" default']);
    assert.equal(resource(model, 'aws_s3_bucket.b["logs"]').localAddress, 'aws_s3_bucket.b');
  });

  void it('for_each over a set of strings: each.key and each.value are the element, in lexical order', () => {
    const model = buildModel({ 'main.tf': 'resource "aws_iam_user" "u" {\n  for_each = toset(["zed", "amy"])\n  name = "${each.key}-${each.value}"\n}\n' });
    assert.deepEqual(addresses(model), ['aws_iam_user.u["amy"]', 'aws_iam_user.u["zed"]']);
    assert.equal(data(attribute(model, 'aws_iam_user.u["zed"]', 'name')), 'zed-zed');
  });

  void it('count with count.index', () => {
    const model = buildModel({ 'main.tf': 'resource "aws_instance" "web" {\n  count = 3\n  tags = { Name = "web-${count.index}" }\n}\n' });
    assert.deepEqual(addresses(model), ['aws_instance.web[0]', 'aws_instance.web[1]', 'aws_instance.web[2]']);
    assert.deepEqual(model.resources.map((r) => data(r.attributes.get('tags')?.value ?? { kind: 'null' })), [0, 1, 2].map((i) => ({ Name: `web-${i}` })));
    assert.deepEqual(model.resources.map((r) => r.instanceKey), [0, 1, 2]);
    assert.equal(model.resources[0]?.attributes.has('count'), false, 'count is a meta-argument, not an attribute');
  });

  void it('count = 0 and for_each = {} give no instances; a conditional count works', () => {
    const model = buildModel({
      'main.tf': 'resource "a" "none" {\n  count = 0\n}\nresource "b" "none" {\n  for_each = {}\n}\nresource "c" "maybe" {\n  count = var.on ? 1 : 0\n}\n',
      'v.tf': 'variable "on" {\n  default = true\n}\n',
    });
    assert.deepEqual(addresses(model), ['c.maybe[0]']);
  });

  void it('an unknown count gives one instance without a key whose count.index is Unknown', () => {
    const model = buildModel({ 'main.tf': 'variable "n" {}\nresource "aws_instance" "web" {\n  count = var.n\n  ami = "ami-1"\n  name = "web-${count.index}"\n}\n' });
    assert.deepEqual(addresses(model), ['aws_instance.web']);
    assert.equal(resource(model, 'aws_instance.web').instanceKey, undefined);
    assert.equal(data(attribute(model, 'aws_instance.web', 'ami')), 'ami-1');
    const name = attribute(model, 'aws_instance.web', 'name');
    assert.equal(name.kind === 'unknown' ? name.reason : '', 'count is unknown: var.n has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_n');
  });

  void it('an unknown for_each gives one instance whose each values are Unknown and carry references', () => {
    const model = buildModel({ 'main.tf': 'resource "aws_subnet" "s" {\n  for_each = aws_vpc.x.cidrs\n  cidr_block = each.value\n  vpc_id = "v"\n}\nresource "aws_vpc" "x" {}\n' });
    assert.deepEqual(addresses(model), ['aws_subnet.s', 'aws_vpc.x']);
    const cidr = attribute(model, 'aws_subnet.s', 'cidr_block');
    assert.deepEqual(cidr.kind === 'unknown' ? [cidr.reason, cidr.references] : undefined, [
      'for_each is unknown: aws_vpc.x.cidrs is known after apply', [{ address: 'aws_vpc.x', fullAddress: 'aws_vpc.x', attribute: 'cidrs' }],
    ]);
  });
});

const SECURITY_GROUP = `resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port   = ingress.value.port
      cidr_blocks = ingress.value.cidrs
      description = "rule \${ingress.key}"
    }
  }
  dynamic "egress" {
    for_each = [443]
    iterator = port
    content {
      from_port = port.value
    }
  }
}
`;

void describe('dynamic blocks', () => {
  const model = buildModel({
    'main.tf': SECURITY_GROUP,
    'variables.tf': 'variable "ingress" {\n  default = [\n    { port = 22, cidrs = ["0.0.0.0/0"] },\n    { port = 443, cidrs = ["10.0.0.0/8"] },\n  ]\n}\n',
  });
  const sg = resource(model, 'aws_security_group.sg');
  const summary = (b: EvaluatedBlock) => [b.type, ...[...b.attributes].map(([k, a]) => `${k}=${JSON.stringify(data(a.value))}`)];

  void it('expand into ordinary nested blocks, with the default and a custom iterator', () => {
    assert.deepEqual(sg.blocks.map(summary), [
      ['ingress', 'from_port=22', 'cidr_blocks=["0.0.0.0/0"]', 'description="rule 0"'],
      ['ingress', 'from_port=443', 'cidr_blocks=["10.0.0.0/8"]', 'description="rule 1"'],
      ['egress', 'from_port=443'],
    ]);
  });

  void it('the expanded blocks point at the content block; values keep their origin', () => {
    const first = sg.blocks[0];
    assert.ok(first);
    assert.deepEqual([first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character], [4, 4, 8, 5]);
    assert.deepEqual([first.headerRange.start.line, first.headerRange.start.character, first.headerRange.end.character], [4, 4, 13]);
    assert.equal(first.source.type, 'content');
    const cidrs = first.attributes.get('cidr_blocks');
    assert.deepEqual([cidrs?.valueRange.start.line, cidrs?.valueRange.start.character], [6, 20]);
    assert.deepEqual([cidrs?.value.origin?.file, cidrs?.value.origin?.range.start.line, cidrs?.value.origin?.range.start.character], [`${ROOT}/variables.tf`, 2, 25]);
  });

  void it('an unknown for_each gives one block whose iterator values are Unknown', () => {
    const m = buildModel({ 'main.tf': SECURITY_GROUP.replace('var.ingress', 'data.x.y.rules'), 'data.tf': 'data "x" "y" {}\n' });
    const ingress = resource(m, 'aws_security_group.sg').blocks.filter((b) => b.type === 'ingress');
    assert.equal(ingress.length, 1);
    const port = ingress[0]?.attributes.get('from_port')?.value;
    assert.equal(port?.kind === 'unknown' ? port.reason : '', 'dynamic "ingress" for_each is unknown: data.x.y.rules is known after apply');
  });

  void it('nested dynamic blocks expand inside their parent', () => {
    const m = buildModel({
      'main.tf': 'resource "t" "r" {\n  dynamic "outer" {\n    for_each = { a = [1, 2] }\n    content {\n      name = outer.key\n      dynamic "inner" {\n        for_each = outer.value\n        content {\n          n = inner.value\n        }\n      }\n    }\n  }\n}\n',
    });
    const outer = resource(m, 't.r').blocks;
    assert.deepEqual(outer.map(summary), [['outer', 'name="a"']]);
    assert.deepEqual(outer[0]?.blocks.map(summary), [['inner', 'n=1'], ['inner', 'n=2']]);
  });
});
