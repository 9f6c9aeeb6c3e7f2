// Composition, quantifiers over nested blocks, Unknown propagation (an Unknown never fails),
// related resources, IAM documents, and where a finding points when the value came from elsewhere.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

function policy(resources: string, condition: string): string {
  return `id: test-logic
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [${resources}]
    require: ${condition}
`;
}

function only(results: ReturnType<typeof run>): { status: string; span: string; message: string } {
  assert.equal(results.length, 1);
  const r = results[0]!;
  return { status: r.status, span: span(r), message: r.message };
}

const SSH = '{ blocks: ingress, none: { all: [ { port_range: { from: from_port, to: to_port }, includes_port: 22 }, { attribute: cidr_blocks, open_to_world: true } ] } }';

void describe('composition and quantifiers', () => {
  void it('none of the blocks: the matching block\'s last condition is the finding', () => {
    const tf = `resource "sg" "x" {
  ingress {
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
    assert.deepEqual(only(run(policy('sg', SSH), tf)), { status: 'fail', span: '9:19-9:30', message: 'T: ingress.cidr_blocks includes "0.0.0.0/0"' });
  });

  void it('blocks also iterate a list-of-objects attribute', () => {
    const tf = `resource "sg" "x" {
  ingress = [{ from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }]
}
`;
    assert.equal(only(run(policy('sg', SSH), tf)).status, 'fail');
  });

  void it('no blocks: none passes, any fails at the header with a clear fact', () => {
    const tf = 'resource "sg" "x" {\n}\n';
    assert.equal(only(run(policy('sg', SSH), tf)).status, 'pass');
    assert.deepEqual(only(run(policy('sg', '{ blocks: rule, any: { attribute: enabled, is_true: true } }'), tf)), { status: 'fail', span: '0:0-0:19', message: 'T: no rule block' });
  });

  void it('all of the blocks, through a nested path', () => {
    const tf = `resource "b" "x" {
  rule {
    apply { sse = "aws:kms" }
  }
  rule {
    apply { sse = "NONE" }
  }
}
`;
    assert.deepEqual(only(run(policy('b', '{ blocks: rule.apply, all: { attribute: sse, in: ["aws:kms", AES256] } }'), tf)), { status: 'fail', span: '5:18-5:24', message: 'T: rule.apply.sse is "NONE"' });
    assert.deepEqual(only(run(policy('b', '{ attribute: rule.apply.sse, equals: "aws:kms" }'), tf)).status, 'fail');
  });

  void it('a failing any points at its first alternative, not at an attribute a later one found', () => {
    const p = policy('t', '{ any: [ { attribute: inline, is_true: true }, { attribute: status, equals: Enabled } ] }');
    assert.deepEqual(only(run(p, 'resource "t" "x" {\n  status = "Suspended"\n}\n')), { status: 'fail', span: '0:0-0:18', message: 'T: inline is not set' });
    assert.deepEqual(only(run(p, 'resource "t" "x" {\n}\n')), { status: 'fail', span: '0:0-0:18', message: 'T: inline is not set' });
  });

  void it('a failing any points at the offending value of a related resource when the first alternative found nothing', () => {
    const p = policy('t', '{ any: [ { attribute: inline, is_true: true }, { related: { type: v, link: bucket, any: { attribute: status, equals: Enabled } } } ] }');
    const tf = 'resource "t" "x" {\n}\nresource "v" "y" {\n  bucket = t.x.id\n  status = "Suspended"\n}\n';
    assert.deepEqual(only(run(p, tf)), { status: 'fail', span: '4:11-4:22', message: 'T: v.y: status is "Suspended"' });
  });

  void it('any / not compose', () => {
    const tf = 'resource "t" "x" {\n  a = "x"\n}\n';
    assert.equal(only(run(policy('t', '{ any: [ { attribute: a, equals: y }, { attribute: a, equals: x } ] }'), tf)).status, 'pass');
    assert.equal(only(run(policy('t', '{ not: { any: [ { attribute: a, equals: y }, { attribute: a, equals: x } ] } }'), tf)).status, 'fail');
  });

  void it('a condition message replaces the fact and can quote the value', () => {
    const tf = 'resource "t" "x" {\n  acl = "public-read"\n}\n';
    const p = policy('t', '{ attribute: acl, equals: private, message: "ACL {value} is public" }');
    assert.equal(only(run(p, tf)).message, 'T: ACL "public-read" is public');
  });

  void it('a rule that does not apply (when) passes', () => {
    const p = `id: test-when
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [r]
    when: { attribute: type, equals: ingress }
    require: { attribute: cidr, not_equals: "0.0.0.0/0" }
`;
    assert.equal(only(run(p, 'resource "r" "x" {\n  type = "egress"\n  cidr = "0.0.0.0/0"\n}\n')).status, 'pass');
    assert.equal(only(run(p, 'resource "r" "x" {\n  type = "ingress"\n  cidr = "0.0.0.0/0"\n}\n')).status, 'fail');
  });
});

void describe('unknown values', () => {
  const p = policy('t', '{ attribute: acl, not_equals: public-read }');

  void it('a variable without value gives unknown (never fail), saying why', () => {
    assert.deepEqual(only(run(p, 'variable "acl" {}\nresource "t" "x" {\n  acl = var.acl\n}\n')), {
      status: 'unknown',
      span: '2:8-2:15',
      message: 'T: cannot tell, acl: var.acl has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_acl',
    });
  });

  void it('Kleene logic: a known true branch decides an any, a known false decides an all', () => {
    const tf = 'variable "u" {}\nresource "t" "x" {\n  a = var.u\n  b = "ok"\n}\n';
    assert.equal(only(run(policy('t', '{ any: [ { attribute: a, equals: x }, { attribute: b, equals: ok } ] }'), tf)).status, 'pass');
    assert.equal(only(run(policy('t', '{ all: [ { attribute: a, equals: x }, { attribute: b, equals: no } ] }'), tf)).status, 'fail');
    assert.equal(only(run(policy('t', '{ all: [ { attribute: a, equals: x }, { attribute: b, equals: ok } ] }'), tf)).status, 'unknown');
  });

  void it('an unknown list element only matters when no known element decides', () => {
    const tf = (list: string): string => `variable "u" {}\nresource "t" "x" {\n  a = ${list}\n}\n`;
    const p2 = policy('t', '{ not: { attribute: a, open_to_world: true } }');
    assert.equal(only(run(p2, tf('[var.u, "0.0.0.0/0"]'))).status, 'fail');
    assert.equal(only(run(p2, tf('[var.u, "10.0.0.0/8"]'))).status, 'unknown');
  });

  void it('a value from a variable default is reported at the attribute, with the default as related', () => {
    const results = run(p, 'variable "acl" {\n  default = "public-read"\n}\nresource "t" "x" {\n  acl = var.acl\n}\n');
    assert.equal(results[0]!.status, 'fail');
    assert.equal(span(results[0]!), '4:8-4:15');
    assert.deepEqual(results[0]!.related.map((r) => `${r.file} ${span(r)} ${r.message}`), ['/m/main.tf 1:12-1:25 value set here (variable "acl" default)']);
  });
});

void describe('related resources', () => {
  const p = `id: test-related
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_s3_bucket]
    require:
      related:
        type: aws_s3_bucket_versioning
        link: bucket
        by_name: bucket
        any:
          blocks: versioning_configuration
          any: { attribute: status, equals: Enabled }
`;
  const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n';

  void it('linked by reference and satisfying the condition passes', () => {
    assert.equal(only(run(p, `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`)).status, 'pass');
  });

  void it('linked by the same literal name', () => {
    assert.equal(only(run(p, `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = "logs"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`)).status, 'pass');
  });

  void it('a linked resource that does not satisfy the condition is the finding', () => {
    const r = run(p, `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n`);
    assert.deepEqual(only(r), { status: 'fail', span: '6:13-6:24', message: 'T: aws_s3_bucket_versioning.v: versioning_configuration.status is "Suspended"' });
  });

  void it('no related resource fails at the bucket header; one for another bucket does not count', () => {
    const r = run(p, `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = "other"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`);
    assert.deepEqual(only(r), { status: 'fail', span: '0:0-0:30', message: 'T: no aws_s3_bucket_versioning refers to this resource' });
  });

  void it('a related resource whose link is unknown makes the result unknown', () => {
    const r = run(p, `variable "name" {}\n${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = var.name\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`);
    assert.equal(only(r).status, 'unknown');
    assert.match(only(r).message, /cannot tell which aws_s3_bucket_versioning refers to this resource/);
  });

  void it('"exists: false" fails when such a resource exists', () => {
    const p2 = p.replace(/ {8}any:\n[\s\S]*$/, '        exists: false\n');
    assert.equal(only(run(p2, bucket)).status, 'pass');
    assert.equal(only(run(p2, `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n}\n`)).status, 'fail');
  });
});

void describe('IAM documents', () => {
  const p = policy('aws_iam_policy', '{ not: { attribute: policy, has_iam_statement: { action: "*", resource: "*", without_condition: true } } }');
  const doc = (statement: string): string => `resource "aws_iam_policy" "x" {\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

  void it('points at the Action of the matching statement in jsonencode', () => {
    assert.deepEqual(only(run(p, doc('{ Effect = "Allow", Action = ["s3:*", "*"], Resource = "*" }'))), {
      status: 'fail',
      span: '2:55-2:58',
      message: 'T: policy has an Allow statement with Action "*", Resource "*", no Condition',
    });
  });

  void it('a Condition, a Deny, NotAction or a scoped resource do not match', () => {
    assert.equal(only(run(p, doc('{ Effect = "Allow", Action = "*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }'))).status, 'pass');
    assert.equal(only(run(p, doc('{ Effect = "Deny", Action = "*", Resource = "*" }'))).status, 'pass');
    assert.equal(only(run(p, doc('{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }'))).status, 'pass');
    assert.equal(only(run(p, doc('{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::x" }'))).status, 'pass');
  });

  void it('an invalid JSON string is not a match; an unknown document is unknown', () => {
    assert.equal(only(run(p, 'resource "aws_iam_policy" "x" {\n  policy = "not json"\n}\n')).status, 'pass');
    assert.equal(only(run(p, 'variable "doc" {}\nresource "aws_iam_policy" "x" {\n  policy = var.doc\n}\n')).status, 'unknown');
  });

  void it('public principals: AWS "*" matches, a Service principal (even unknown) never does', () => {
    const trust = policy('aws_iam_role', '{ not: { attribute: assume_role_policy, has_iam_statement: { principal: "*", without_condition: true } } }');
    const role = (principals: string): string => `variable "svc" {}\ndata "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n${principals}  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n`;
    assert.equal(only(run(trust, role('    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n'))).status, 'fail');
    assert.equal(only(run(trust, role('    principals {\n      type        = "Service"\n      identifiers = [var.svc]\n    }\n'))).status, 'pass');
    assert.equal(only(run(trust, role('    principals {\n      type        = "AWS"\n      identifiers = [var.svc]\n    }\n'))).status, 'unknown');
  });
});

void describe('rule selection', () => {
  void it('a data. prefix selects data sources, and only them', () => {
    const p = policy('data.aws_iam_policy_document', '{ blocks: statement, none: { attribute: actions, contains: "*" } }');
    const tf = 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["*"]\n  }\n}\nresource "aws_iam_policy_document" "r" {}\n';
    assert.deepEqual(run(p, tf).map((r) => `${r.resource} ${r.status}`), ['data.aws_iam_policy_document.d fail']);
  });

  void it('several rules for one type must all hold; the failing rule gives the message', () => {
    const p = `id: test-two-rules
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [t]
    message: first
    require: { attribute: a, less_or_equal: 10 }
  - resources: [t]
    message: second
    require: { attribute: b, equals: ok }
`;
    assert.deepEqual(run(p, 'resource "t" "x" {\n  a = 10\n  b = "no"\n}\n').map((r) => [r.status, r.message]), [['fail', 'second: b is "no"']]);
    assert.deepEqual(run(p, 'resource "t" "x" {\n  a = 11\n  b = "ok"\n}\n').map((r) => [r.status, r.message]), [['fail', 'first: a is 11']]);
    assert.deepEqual(run(p, 'resource "t" "x" {\n  a = 1\n  b = "ok"\n}\n').map((r) => [r.status, r.message]), [['pass', 'passed: "T" not found']]);
  });

  void it('count instances each get a result with their own address', () => {
    const p = policy('t', '{ attribute: n, less_than: 1 }');
    assert.deepEqual(run(p, 'resource "t" "x" {\n  count = 2\n  n     = count.index\n}\n').map((r) => `${r.resource} ${r.status}`), ['t.x[0] pass', 't.x[1] fail']);
  });
});

void describe('findings inside called modules', () => {
  const p = policy('aws_s3_bucket', '{ attribute: acl, not_equals: public-read }');
  const root = 'module "site" {\n  source = "./site"\n  acl    = "public-read"\n}\n';
  const child = 'variable "acl" {}\nresource "aws_s3_bucket" "b" {\n  acl = var.acl\n}\n';

  void it('reports in the module and points at the caller argument that passed the value', () => {
    const [r] = run(p, root, { '/m/site/main.tf': child });
    assert.equal(r!.resource, 'module.site.aws_s3_bucket.b');
    assert.equal(`${r!.file} ${span(r!)}`, '/m/site/main.tf 2:8-2:15');
    assert.deepEqual(r!.related.map((x) => `${x.file} ${span(x)} ${x.message}`), ['/m/main.tf 2:11-2:24 value set here (module "site" input)']);
  });

  void it('when the module writes the value itself, the call is a related location', () => {
    const [r] = run(p, 'module "site" {\n  source = "./site"\n}\n', { '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n' });
    assert.deepEqual(r!.related.map((x) => `${x.file} ${span(x)} ${x.message}`), ['/m/main.tf 0:0-0:15 in module "site" called here']);
  });
});

