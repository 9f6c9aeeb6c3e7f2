// A value that reaches a finding through a `dynamic` block's iterator, `each.value`, or a
// data "aws_iam_policy_document" keeps its trail: where it was set (terraform.tfvars, a module
// argument) and the module argument that passed it, marked `module-argument` for the editor.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

const OPEN_INGRESS = `id: test-open
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_security_group]
    require: { not: { attribute: ingress.cidr_blocks, open_to_world: true } }
`;
const PUBLIC_POLICY = `id: test-public
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_s3_bucket_policy]
    require: { not: { attribute: policy, has_iam_statement: { principal: "*", without_condition: true } } }
`;
const ADMIN_POLICY = PUBLIC_POLICY.replace('principal: "*"', 'action: "*"');

/** "file span message [kind]" for each related location of each result. */
function trail(results: ReturnType<typeof run>): string[][] {
  return results.map((r) => [`${r.status} ${r.file} ${span(r)}`, ...r.related.map((x) => `${x.file} ${span(x)} ${x.message}${x.kind ? ` [${x.kind}]` : ''}`)]);
}

/** Root module: passes var.x (set in terraform.tfvars) to module "n" as `x`. */
const ROOT = 'variable "x" {}\nmodule "n" {\n  source = "./n"\n  x      = var.x\n}\n';
const PASSED = '/m/main.tf 3:11-3:16 passed by module "n" here [module-argument]';

void describe('origins through dynamic blocks', () => {
  const module = (ingress: string): string => `variable "x" {}\nresource "aws_security_group" "g" {\n${ingress}}\n`;

  void it('iterator.value: set in terraform.tfvars, passed by the module call', () => {
    const tf = module('  dynamic "ingress" {\n    for_each = var.x\n    content {\n      cidr_blocks = ingress.value.cidrs\n    }\n  }\n');
    const results = run(OPEN_INGRESS, ROOT, { '/m/terraform.tfvars': 'x = [{ cidrs = ["0.0.0.0/0"] }]\n', '/m/n/main.tf': tf });
    assert.deepEqual(trail(results), [['fail /m/n/main.tf 5:20-5:39', '/m/terraform.tfvars 0:16-0:27 value set here (terraform.tfvars)', PASSED]]);
  });

  void it('a named iterator in a nested dynamic block: the outer for_each is what the module passed', () => {
    const tf = module(`  dynamic "ingress" {
    for_each = var.x
    iterator = rule
    content {
      dynamic "nested" {
        for_each = rule.value.nested
        content {
          cidr_blocks = nested.value
        }
      }
    }
  }
`);
    const policy = OPEN_INGRESS.replace('ingress.cidr_blocks', 'ingress.nested.cidr_blocks');
    const results = run(policy, ROOT, { '/m/terraform.tfvars': 'x = [{ nested = [["0.0.0.0/0"]] }]\n', '/m/n/main.tf': tf });
    assert.deepEqual(trail(results), [['fail /m/n/main.tf 9:24-9:36', '/m/terraform.tfvars 0:18-0:29 value set here (terraform.tfvars)', PASSED]]);
  });

  void it('each.value of the resource\'s for_each', () => {
    const tf = 'variable "x" {}\nresource "aws_security_group" "g" {\n  for_each = var.x\n  ingress {\n    cidr_blocks = each.value\n  }\n}\n';
    const results = run(OPEN_INGRESS, ROOT, { '/m/terraform.tfvars': 'x = { web = ["0.0.0.0/0"] }\n', '/m/n/main.tf': tf });
    assert.deepEqual(trail(results), [['fail /m/n/main.tf 4:18-4:28', '/m/terraform.tfvars 0:13-0:24 value set here (terraform.tfvars)', PASSED]]);
  });

  void it('a value written in the module call is itself the module argument', () => {
    const tf = module('  dynamic "ingress" {\n    for_each = var.x\n    content {\n      cidr_blocks = ingress.value\n    }\n  }\n');
    const root = 'module "n" {\n  source = "./n"\n  x      = [["0.0.0.0/0"]]\n}\n';
    assert.deepEqual(trail(run(OPEN_INGRESS, root, { '/m/n/main.tf': tf })), [
      ['fail /m/n/main.tf 5:20-5:33', '/m/main.tf 2:13-2:24 value set here (module "n" input) [module-argument]'],
    ]);
  });
});

void describe('origins through data "aws_iam_policy_document"', () => {
  const document = (principals: string, extra = ''): string => `variable "x" {}
data "aws_iam_policy_document" "d" {
${extra}  statement {
    actions = ["s3:GetObject"]
    principals {
      type        = "AWS"
      identifiers = ${principals}
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = data.aws_iam_policy_document.d.json
}
`;

  void it('an element set in terraform.tfvars: value set here', () => {
    const results = run(PUBLIC_POLICY, document('[var.x]'), { '/m/terraform.tfvars': 'x = "*"\n' });
    assert.deepEqual(trail(results), [['fail /m/main.tf 6:21-6:26', '/m/terraform.tfvars 0:4-0:7 value set here (terraform.tfvars)']]);
  });

  void it('a list passed into a module: value set here and passed by module', () => {
    const results = run(PUBLIC_POLICY, ROOT, { '/m/terraform.tfvars': 'x = ["*"]\n', '/m/n/main.tf': document('var.x') });
    assert.deepEqual(trail(results), [['fail /m/n/main.tf 6:20-6:25', '/m/terraform.tfvars 0:5-0:8 value set here (terraform.tfvars)', PASSED]]);
  });

  void it('a literal module argument: value set here, marked as the module argument', () => {
    const root = 'module "n" {\n  source = "./n"\n  x      = "*"\n}\n';
    assert.deepEqual(trail(run(PUBLIC_POLICY, root, { '/m/n/main.tf': document('[var.x]') })), [
      ['fail /m/n/main.tf 6:21-6:26', '/m/main.tf 2:11-2:14 value set here (module "n" input) [module-argument]'],
    ]);
  });

  void it('a dynamic statement inside the document: the iterator value traced to the module argument', () => {
    const tf = `variable "x" {}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.x
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = data.aws_iam_policy_document.d.json
}
`;
    const results = run(ADMIN_POLICY, ROOT, { '/m/terraform.tfvars': 'x = [{ actions = ["*"] }]\n', '/m/n/main.tf': tf });
    assert.deepEqual(trail(results), [['fail /m/n/main.tf 5:18-5:41', '/m/terraform.tfvars 0:18-0:21 value set here (terraform.tfvars)', PASSED]]);
  });
});
