// A whole resource or data source as a value: a map of its instances by for_each key, a list for
// count, one instance otherwise. for_each / count over it expands per key; an instance knows the
// arguments its configuration sets, and its computed attributes are Unknown and refer to it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModuleModel, Value } from '../../../server/src/terraform';
import { attribute, buildModel, data } from './memory-host';

const addresses = (model: ModuleModel): string[] => model.resources.map((r) => r.address);
const unknown = (value: Value): unknown => (value.kind === 'unknown' ? { reason: value.reason, references: value.references } : `known: ${JSON.stringify(data(value))}`);

const SG = 'resource "aws_security_group" "sg" {\n  for_each = { web = 443, ssh = 22 }\n  name     = each.key\n  ingress {\n    from_port = each.value\n  }\n}\n';
const BUCKETS = (buckets: string): string => `variable "buckets" {\n  default = ${buckets}\n}\n`
  + 'resource "aws_s3_bucket" "this" {\n  for_each = var.buckets\n  bucket   = "acme-${each.key}"\n}\n'
  + 'data "aws_iam_policy_document" "public_read" {\n  for_each = { for k, v in var.buckets : k => v if v.public }\n'
  + '  statement {\n    resources = ["${aws_s3_bucket.this[each.key].arn}/*"]\n  }\n}\n'
  + 'resource "aws_s3_bucket_policy" "public_read" {\n  for_each = data.aws_iam_policy_document.public_read\n  bucket   = aws_s3_bucket.this[each.key].id\n  policy   = each.value.json\n}\n';

void describe('references to a whole resource', () => {
  const expansions: [string, Record<string, string>, string[]][] = [
    ['for_each over a resource with for_each: one instance per key', {
      'main.tf': `${SG}resource "aws_security_group_rule" "r" {\n  for_each          = aws_security_group.sg\n  security_group_id = each.value.id\n}\n`,
    }, ['aws_security_group.sg["ssh"]', 'aws_security_group.sg["web"]', 'aws_security_group_rule.r["ssh"]', 'aws_security_group_rule.r["web"]']],
    ['for_each over a data source with for_each over a filtered map', { 'main.tf': BUCKETS('{ assets = { public = true }, data = { public = false } }') },
      ['aws_s3_bucket.this["assets"]', 'aws_s3_bucket.this["data"]', 'data.aws_iam_policy_document.public_read["assets"]', 'aws_s3_bucket_policy.public_read["assets"]']],
    ['for_each over a data source without instances: no instances at all', { 'main.tf': BUCKETS('{ logs = { public = false } }') },
      ['aws_s3_bucket.this["logs"]']],
    ['count = length() of a resource with a known count', {
      'main.tf': 'resource "aws_instance" "x" {\n  count = 2\n}\nresource "aws_eip" "ip" {\n  count    = length(aws_instance.x)\n  instance = aws_instance.x[count.index].id\n}\n',
    }, ['aws_instance.x[0]', 'aws_instance.x[1]', 'aws_eip.ip[0]', 'aws_eip.ip[1]']],
    ['count = 0: an empty list, so length() is 0', {
      'main.tf': 'resource "aws_instance" "x" {\n  count = 0\n}\nresource "aws_eip" "ip" {\n  count = length(aws_instance.x)\n}\n',
    }, []],
    ['for_each over keys() of a resource map', {
      'main.tf': `${SG}resource "aws_security_group_rule" "r" {\n  for_each = toset(keys(aws_security_group.sg))\n}\n`,
    }, ['aws_security_group.sg["ssh"]', 'aws_security_group.sg["web"]', 'aws_security_group_rule.r["ssh"]', 'aws_security_group_rule.r["web"]']],
    ['for_each over a module output that is a resource map', {
      'main.tf': 'module "b" {\n  source = "./b"\n}\nresource "aws_s3_bucket_versioning" "v" {\n  for_each = module.b.buckets\n  bucket   = each.value.bucket\n}\n',
      'b/main.tf': 'resource "aws_s3_bucket" "this" {\n  for_each = toset(["a", "b"])\n  bucket   = each.key\n}\noutput "buckets" {\n  value = aws_s3_bucket.this\n}\n',
    }, ['aws_s3_bucket_versioning.v["a"]', 'aws_s3_bucket_versioning.v["b"]', 'module.b.aws_s3_bucket.this["a"]', 'module.b.aws_s3_bucket.this["b"]']],
    ['for_each over a resource whose instances are unknown: one instance without a key', {
      'main.tf': 'variable "names" {}\nresource "aws_iam_user" "u" {\n  for_each = var.names\n}\nresource "aws_iam_user_policy" "p" {\n  for_each = aws_iam_user.u\n  user     = each.value.name\n}\n',
    }, ['aws_iam_user.u', 'aws_iam_user_policy.p']],
  ];
  for (const [name, files, expected] of expansions) {
    void it(name, () => assert.deepEqual(addresses(buildModel(files)), expected));
  }

  void it('each.value knows the arguments set in the configuration; computed attributes refer to the instance', () => {
    const model = buildModel({
      'main.tf': `${SG}resource "aws_security_group_rule" "r" {\n  for_each          = aws_security_group.sg\n  security_group_id = each.value.id\n`
        + '  description       = each.value.name\n  from_port         = each.value.ingress[0].from_port\n  tags              = each.value.tags\n}\n',
    });
    const rows = ['web', 'ssh'].map((k) => ['security_group_id', 'description', 'from_port', 'tags'].map((a) => unknown(attribute(model, `aws_security_group_rule.r["${k}"]`, a))));
    const ref = (key: string, attr: string) => [{ address: 'aws_security_group.sg', fullAddress: 'aws_security_group.sg', key: { value: key }, attribute: attr }];
    assert.deepEqual(rows, [
      [{ reason: 'aws_security_group.sg["web"].id is known after apply', references: ref('web', 'id') }, 'known: "web"', 'known: 443',
        { reason: 'aws_security_group.sg["web"].tags is known after apply', references: ref('web', 'tags') }],
      [{ reason: 'aws_security_group.sg["ssh"].id is known after apply', references: ref('ssh', 'id') }, 'known: "ssh"', 'known: 22',
        { reason: 'aws_security_group.sg["ssh"].tags is known after apply', references: ref('ssh', 'tags') }],
    ]);
  });

  void it('each.value of a data source instance: its json refers to that instance', () => {
    const model = buildModel({ 'main.tf': BUCKETS('{ a = { public = true }, b = { public = true } }') });
    assert.deepEqual(['a', 'b'].map((k) => unknown(attribute(model, `aws_s3_bucket_policy.public_read["${k}"]`, 'policy'))), ['a', 'b'].map((k) => ({
      reason: `data.aws_iam_policy_document.public_read["${k}"].json is known after apply`,
      references: [{ address: 'data.aws_iam_policy_document.public_read', fullAddress: 'data.aws_iam_policy_document.public_read', key: { value: k }, attribute: 'json' }],
    })));
  });

  const values: [string, string, unknown][] = [
    ['a splat over a counted resource: one reference per instance', 'aws_instance.x[*].id', {
      items: [0, 1].map((i) => ({ reason: `aws_instance.x[${i}].id is known after apply`, references: [{ address: 'aws_instance.x', fullAddress: 'aws_instance.x', key: { value: i }, attribute: 'id' }] })),
    }],
    ['a splat over a single resource: a list of one', 'aws_instance.one[*].ami', { known: ['ami-1'] }],
    ['an attribute set in the configuration of one instance', 'aws_instance.x[1]["ami"]', { known: 'ami-1' }],
    ['a for expression over a resource map keeps its keys', '{ for k, sg in aws_security_group.sg : k => sg.name }', { known: { ssh: 'ssh', web: 'web' } }],
    ['length() of a resource map', 'length(aws_security_group.sg)', { known: 2 }],
    ['an attribute right after the name stays a reference to the resource', 'aws_instance.one.ami', {
      reason: 'aws_instance.one.ami is known after apply', references: [{ address: 'aws_instance.one', fullAddress: 'aws_instance.one', attribute: 'ami' }],
    }],
  ];
  for (const [name, expr, expected] of values) {
    void it(name, () => {
      const model = buildModel({
        'main.tf': `${SG}resource "aws_instance" "x" {\n  count = 2\n  ami   = "ami-1"\n}\nresource "aws_instance" "one" {\n  ami = "ami-1"\n}\nresource "t" "probe" {\n  v = ${expr}\n}\n`,
      });
      const value = attribute(model, 't.probe', 'v');
      const shown = value.kind === 'tuple' && value.items.some((i) => i.kind === 'unknown') ? { items: value.items.map(unknown) }
        : value.kind === 'unknown' ? unknown(value) : { known: data(value) };
      assert.deepEqual(shown, expected);
    });
  }

  void it('a resource whose instances are unknown: each.value says why, and refers to the resource', () => {
    const model = buildModel({
      'main.tf': 'variable "names" {}\nresource "aws_iam_user" "u" {\n  for_each = var.names\n}\nresource "aws_iam_user_policy" "p" {\n  for_each = aws_iam_user.u\n  user     = each.value.name\n}\n',
    });
    assert.deepEqual(unknown(attribute(model, 'aws_iam_user_policy.p', 'user')), {
      reason: 'for_each is unknown: the instances of aws_iam_user.u are not known: var.names has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_names',
      references: [{ address: 'aws_iam_user.u', fullAddress: 'aws_iam_user.u', attribute: 'name' }],
    });
  });

  void it('resources that expand over each other are a cycle: a diagnostic, unknown instances, no hang', () => {
    const model = buildModel({
      'main.tf': 'resource "a" "x" {\n  for_each = b.y\n}\nresource "b" "y" {\n  for_each = a.x\n}\n',
    });
    assert.deepEqual(addresses(model), ['a.x', 'b.y']);
    assert.deepEqual(model.diagnostics.map((d) => [d.range.start.line, d.message]), [
      [3, 'b.y depends on itself (cycle: b.y → a.x → b.y); its value is unknown'],
      [0, 'a.x depends on itself (cycle: b.y → a.x → b.y); its value is unknown'],
    ]);
  });
});
