// `jsondecode(attr)` path steps: JSON strings (jsonencode(), heredocs, templates with values known
// only after apply) read as values. Exact ranges: the offending element inside jsonencode() or a heredoc, else
// the attribute's value; unknown leaves stay unknown and never fail; invalid JSON is unknown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPolicy } from '../../../server/src/engine';
import { run, span } from './harness';

const SECRET_ENV = `id: test-decode
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_ecs_task_definition]
    require:
      blocks: jsondecode(container_definitions).environment
      none:
        all:
          - attribute: value
            matches: "."
          - attribute: name
            matches: "(?i)passw"
`;

function report(results: ReturnType<typeof run>): string[] {
  return results.map((r) => `${r.status} ${span(r)} ${r.message}${r.related.map((x) => ` | ${span(x)} ${x.message}`).join('')}`);
}

function task(definitions: string, before = ''): string {
  return `${before}resource "aws_ecs_task_definition" "t" {\n  container_definitions = ${definitions}\n}\n`;
}

void describe('jsondecode() path steps', () => {
  void it('jsonencode(): the finding is the offending name inside the written list', () => {
    const tf = task('jsonencode([{ name = "app", environment = [{ name = "MODE", value = "x" }, { name = "DB_PASSWORD", value = "hunter2" }] }])');
    assert.deepEqual(report(run(SECRET_ENV, tf)), ['fail 1:110-1:123 T: container_definitions.environment.name is "DB_PASSWORD"']);
  });

  void it('jsonencode() with a leaf known only after apply still decodes: a literal secret fails', () => {
    const tf = task('jsonencode([{ image = aws_ecr_repository.r.repository_url, environment = [{ name = "DB_PASSWORD", value = "hunter2" }] }])');
    assert.deepEqual(report(run(SECRET_ENV, tf)), ['fail 1:109-1:122 T: container_definitions.environment.name is "DB_PASSWORD"']);
  });

  void it('an unknown value under a secret name is unknown, at that value', () => {
    const tf = task('jsonencode([{ environment = [{ name = "DB_PASSWORD", value = aws_db_instance.d.password }] }])');
    const results = run(SECRET_ENV, tf);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.status, 'unknown');
    assert.equal(span(results[0]!), '1:87-1:113');
    assert.equal(results[0]!.message, 'T: cannot tell, container_definitions.environment.value: aws_db_instance.d is not declared in this module');
  });

  void it('a literal environment list from a local: the finding is `local.env`, the text in the resource that brings it in', () => {
    const tf = task('jsonencode([{ environment = local.env }])', 'locals {\n  env = [{ name = "DB_PASSWORD", value = "hunter2" }]\n}\n');
    assert.deepEqual(report(run(SECRET_ENV, tf)), ['fail 4:54-4:63 T: container_definitions.environment.name is "DB_PASSWORD"']);
  });

  void it('a JSON heredoc: the finding is the offending element in the heredoc text', () => {
    const tf = task('<<EOF\n[{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]\nEOF');
    assert.deepEqual(report(run(SECRET_ENV, tf)), ['fail 2:42-2:55 T: container_definitions.environment.name is "DB_PASSWORD"']);
  });

  void it('a heredoc with an interpolation outside a string (`"cpu": ${var.cpu}`) still decodes', () => {
    const tf = task('<<EOF\n[{"cpu": ${var.cpu}, "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]\nEOF', 'variable "cpu" {}\n');
    assert.deepEqual(report(run(SECRET_ENV, tf)).map((r) => r.split(' ')[0]), ['fail']);
  });

  void it('a heredoc whose secret value is interpolated from a variable without value is unknown', () => {
    const tf = task('<<EOF\n[{"environment": [{"name": "DB_PASSWORD", "value": "${var.p}"}]}]\nEOF', 'variable "p" {}\n');
    assert.deepEqual(report(run(SECRET_ENV, tf)).map((r) => r.split(' ')[0]), ['unknown']);
  });

  void it('a whole definition known only after apply is unknown', () => {
    const tf = task('data.template_file.defs.rendered');
    assert.deepEqual(report(run(SECRET_ENV, tf)).map((r) => r.split(' ')[0]), ['unknown']);
  });

  void it('a string that is not JSON is unknown, never a failure', () => {
    assert.deepEqual(report(run(SECRET_ENV, task('"[{"'))), ['unknown 1:26-1:30 T: cannot tell, container_definitions.environment: container_definitions is not valid JSON']);
  });

  void it('no secret, and no container_definitions, pass', () => {
    assert.deepEqual(report(run(SECRET_ENV, task('jsonencode([{ environment = [{ name = "MODE", value = "x" }] }])'))).map((r) => r.split(' ')[0]), ['pass']);
    assert.deepEqual(report(run(SECRET_ENV, 'resource "aws_ecs_task_definition" "t" {}\n')).map((r) => r.split(' ')[0]), ['pass']);
  });

  void it('an attribute test through a decoded path', () => {
    const p = SECRET_ENV.replace(/require:[\s\S]*$/, 'require: { attribute: jsondecode(container_definitions).privileged, is_false: true, default: false }\n');
    assert.deepEqual(report(run(p, task('jsonencode({ privileged = true })'))), ['fail 1:52-1:56 T: container_definitions.privileged is true']);
  });

  void it('the loader accepts jsondecode(a.b).c and rejects other forms with the position', () => {
    const yaml = (path: string): string => SECRET_ENV.replace('jsondecode(container_definitions).environment', path);
    assert.deepEqual(loadPolicy(yaml('jsondecode(a.b).c.d'), 'p.yaml').errors, []);
    assert.equal(loadPolicy(yaml('jsondecode(a).c)'), 'p.yaml').errors.length, 1);
    assert.equal(loadPolicy(yaml('jsondecode(jsondecode(a).b)'), 'p.yaml').errors.length, 1);
  });
});
