// Locals (chains across files, cycles) and the expression forms: operators, conditionals, for
// expressions, splats, templates with directives, heredocs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attribute, buildModel, data, ROOT } from './memory-host';

const LOCALS = `
variable "env" {
  default = "prod"
}
variable "ports" {
  default = [22, 443]
}
variable "rules" {
  default = {
    ssh   = { port = 22, cidr = "0.0.0.0/0" }
    https = { port = 443, cidr = "10.0.0.0/8" }
  }
}
locals {
  name   = "app-\${var.env}"
  tags   = merge(local.common, { Name = local.name })
  common = { Env = var.env }
  public = [for k, r in var.rules : k if r.cidr == "0.0.0.0/0"]
  ports  = { for r in values(var.rules) : tostring(r.port) => r.cidr }
  groups = { for k, r in var.rules : r.cidr => k... }
}
`;

const EXPRESSION_CASES: readonly [string, unknown][] = [
  ['local.name', 'app-prod'],
  ['local.tags', { Env: 'prod', Name: 'app-prod' }],
  ['local.public', ['ssh']],
  ['local.ports', { 22: '0.0.0.0/0', 443: '10.0.0.0/8' }],
  ['local.groups', { '0.0.0.0/0': ['ssh'], '10.0.0.0/8': ['https'] }],
  ['var.env == "prod" ? "enabled" : "disabled"', 'enabled'],
  ['var.env != "prod" || length(var.ports) > 1', true],
  ['!(1 < 2) && true', false],
  ['(1 + 2) * 3 - 4 / 2 % 3', 7],
  ['-var.ports[0]', -22],
  ['"1" + 2', 3],
  ['[for p in var.ports : p * 2]', [44, 886]],
  ['[for i, p in var.ports : "${i}:${p}"]', ['0:22', '1:443']],
  ['values(var.rules)[*].port', [443, 22]],
  ['values(var.rules).*.cidr', ['10.0.0.0/8', '0.0.0.0/0']],
  ['var.rules["ssh"].port', 22],
  ['var.ports.1', 443],
  ['"%{ if var.env == "prod" }P%{ else }D%{ endif }"', 'P'],
  ['"%{ for p in var.ports }${p},%{ endfor }"', '22,443,'],
  ['"a  ${~ "b" ~}  c"', 'abc'],
  ['"${var.ports[0]}"', 22],
  ['<<-EOT\n    hello ${var.env}\n      indented\n    EOT', 'hello prod\n  indented\n'],
  ['null', null],
  ['{ "quoted key" = 1, (var.env) = 2 }', { 'quoted key': 1, prod: 2 }],
];

void describe('terraform expressions', () => {
  for (const [expr, expected] of EXPRESSION_CASES) {
    void it(`${expr.replace(/\n/g, '\\n')} → ${JSON.stringify(expected)}`, () => {
      const model = buildModel({ 'main.tf': `resource "t" "r" {\n  v = ${expr}\n}\n`, 'locals.tf': LOCALS });
      const value = attribute(model, 't.r', 'v');
      assert.notEqual(value.kind, 'unknown', value.kind === 'unknown' ? value.reason : '');
      assert.deepEqual(data(value), expected);
    });
  }

  void it('a condition that is unknown makes the result Unknown, keeping its references', () => {
    const model = buildModel({ 'main.tf': 'resource "t" "r" {\n  v = aws_vpc.x.id == "" ? "a" : "b"\n}\nresource "aws_vpc" "x" {}\n' });
    const value = attribute(model, 't.r', 'v');
    assert.deepEqual(value, {
      kind: 'unknown', reason: 'condition is unknown: aws_vpc.x.id is known after apply',
      references: [{ address: 'aws_vpc.x', fullAddress: 'aws_vpc.x', attribute: 'id' }],
      origin: value.origin,
    });
  });

  void it('nested Unknowns keep one level of context and the root cause', () => {
    const model = buildModel({ 'main.tf': 'resource "t" "r" {\n  v = [for s in (aws_vpc.x.id == "" ? [1] : [2]) : s]\n}\nresource "aws_vpc" "x" {}\n' });
    const value = attribute(model, 't.r', 'v');
    assert.equal(value.kind === 'unknown' ? value.reason : '', 'for expression over an unknown collection: aws_vpc.x.id is known after apply');
  });

  void it('an unknown condition with equal known branches gives that value', () => {
    const model = buildModel({ 'main.tf': 'variable "on" {}\nresource "t" "r" {\n  v = var.on ? "private" : "private"\n  w = var.on ? "private" : "public"\n}\n' });
    assert.equal(data(attribute(model, 't.r', 'v')), 'private');
    assert.equal(attribute(model, 't.r', 'w').kind, 'unknown');
  });

  void it('false && unknown is false; true || unknown is true', () => {
    const model = buildModel({ 'main.tf': 'resource "t" "r" {\n  a = false && aws_vpc.x.id == ""\n  b = true || aws_vpc.x.id == ""\n}\n' });
    assert.deepEqual([data(attribute(model, 't.r', 'a')), data(attribute(model, 't.r', 'b'))], [false, true]);
  });
});

void describe('terraform locals', () => {
  void it('a chain of locals across files keeps the origin of the literal at its end', () => {
    const model = buildModel({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = local.acl\n}\n',
      'a.tf': 'locals {\n  acl = local.base\n}\n',
      'b.tf': 'locals {\n  base = local.raw\n  raw = "public-read"\n}\n',
    });
    const value = attribute(model, 'aws_s3_bucket.b', 'acl');
    assert.equal(data(value), 'public-read');
    assert.deepEqual([value.origin?.file, value.origin?.range.start.line, value.origin?.range.start.character, value.origin?.range.end.character], [`${ROOT}/b.tf`, 2, 8, 21]);
  });

  void it('a cycle makes every local in it Unknown, with a diagnostic on each', () => {
    const model = buildModel({
      'main.tf': 'resource "t" "r" {\n  a = local.a\n  c = local.c\n  d = local.d\n}\n',
      'locals.tf': 'locals {\n  a = local.b\n  b = "${local.c}-x"\n  c = local.a\n  d = "fine"\n}\n',
    });
    const reason = (name: string) => {
      const v = attribute(model, 't.r', name);
      return v.kind === 'unknown' ? v.reason : data(v);
    };
    assert.equal(reason('a'), 'local.a is part of a cycle: local.a → local.b → local.c → local.a');
    assert.equal(reason('c'), 'local.c is part of a cycle: local.a → local.b → local.c → local.a');
    assert.equal(reason('d'), 'fine');
    assert.deepEqual(model.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.message]), ['a', 'b', 'c'].map((name, i) => [
      `${ROOT}/locals.tf`, i + 1, 2, 3, 'error', `local.${name} depends on itself (cycle: local.a → local.b → local.c → local.a); its value is unknown`,
    ]));
  });

  void it('a local that refers to itself is a cycle of one', () => {
    const model = buildModel({ 'main.tf': 'locals {\n  x = [local.x]\n}\nresource "t" "r" {\n  v = local.x\n}\n' });
    const value = attribute(model, 't.r', 'v');
    assert.equal(value.kind === 'unknown' ? value.reason : '', 'local.x is part of a cycle: local.x → local.x');
    assert.equal(model.diagnostics.length, 1);
  });
});
