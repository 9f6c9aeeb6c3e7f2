// Where a map entry or list element found by an operator is reported when its value was set
// elsewhere (a local, a variable with a tfvars value): at the text in the resource that brings it
// in (`local.k`), with the place it was set as a related location.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { evaluatePolicies, loadPolicy } from '../../../server/src/engine';
import { modelOf, run, span } from './harness';

function policy(condition: string): string {
  return `id: test-entry
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_lambda_function]
    require: ${condition}
`;
}

const ACCESS_KEY = policy('{ not: { attribute: environment.variables, has_entry: { key: ".*", value: "^AKIA" } } }');

function lambda(variables: string): string {
  return `locals {
  k = "AKIAIOSFODNN7EXAMPLE"
}
variable "v" {}
resource "aws_lambda_function" "f" {
  environment {
    variables = ${variables}
  }
}
`;
}

function report(results: ReturnType<typeof run>): { status: string; span: string; message: string; related: string[] }[] {
  return results.map((r) => ({ status: r.status, span: span(r), message: r.message, related: r.related.map((x) => `${x.file} ${span(x)} ${x.message}`) }));
}

void describe('has_entry and keys_match on values set elsewhere', () => {
  void it('an entry from a local points at `local.k`, the local as related', () => {
    assert.deepEqual(report(run(ACCESS_KEY, lambda('{ MODE = "x", DEPLOY_KEY_ID = local.k }'))), [
      { status: 'fail', span: '6:46-6:53', message: 'T: environment.variables has DEPLOY_KEY_ID', related: ['/m/main.tf 1:6-1:28 value set here'] },
    ]);
  });

  void it('an entry from a variable points at `var.v`, the tfvars value as related', () => {
    const results = run(ACCESS_KEY, lambda('{\n      DEPLOY_KEY_ID = var.v\n    }'), { '/m/terraform.tfvars': 'v = "AKIAIOSFODNN7EXAMPLE"\n' });
    assert.deepEqual(report(results), [
      { status: 'fail', span: '7:22-7:27', message: 'T: environment.variables has DEPLOY_KEY_ID', related: ['/m/terraform.tfvars 0:4-0:26 value set here (terraform.tfvars)'] },
    ]);
  });

  void it('a literal entry is its own place, without related', () => {
    assert.deepEqual(report(run(ACCESS_KEY, lambda('{ DEPLOY_KEY_ID = "AKIAIOSFODNN7EXAMPLE" }'))), [
      { status: 'fail', span: '6:34-6:56', message: 'T: environment.variables has DEPLOY_KEY_ID', related: [] },
    ]);
  });

  void it('a whole map from a local points at `local.m`, the entry\'s own definition as related', () => {
    const tf = `locals {\n  m = { DEPLOY_KEY_ID = "AKIAIOSFODNN7EXAMPLE" }\n}\nresource "aws_lambda_function" "f" {\n  environment {\n    variables = local.m\n  }\n}\n`;
    assert.deepEqual(report(run(ACCESS_KEY, tf)), [
      { status: 'fail', span: '5:16-5:23', message: 'T: environment.variables has DEPLOY_KEY_ID', related: ['/m/main.tf 1:24-1:46 value set here'] },
    ]);
  });

  void it('an unknown entry from a variable without value is unknown at `var.v`', () => {
    assert.deepEqual(report(run(ACCESS_KEY, lambda('{ DEPLOY_KEY_ID = var.v }'))).map((r) => `${r.status} ${r.span}`), ['unknown 6:34-6:39']);
  });

  void it('keys_match points at the entry\'s value the same way', () => {
    const p = policy('{ not: { attribute: environment.variables, keys_match: "(?i)key_id" } }');
    assert.deepEqual(report(run(p, lambda('{ DEPLOY_KEY_ID = local.k }'))), [
      { status: 'fail', span: '6:34-6:41', message: 'T: environment.variables has DEPLOY_KEY_ID', related: ['/m/main.tf 1:6-1:28 value set here'] },
    ]);
  });

  void it('a list element from a local points at the element, the local as related', () => {
    const p = policy('{ not: { attribute: cidrs, open_to_world: true } }');
    const tf = `locals {\n  any = "0.0.0.0/0"\n}\nresource "aws_lambda_function" "f" {\n  cidrs = ["10.0.0.0/8", local.any]\n}\n`;
    assert.deepEqual(report(run(p, tf)), [
      { status: 'fail', span: '4:25-4:34', message: 'T: cidrs includes "0.0.0.0/0"', related: ['/m/main.tf 1:8-1:19 value set here'] },
    ]);
  });
});

void describe('the built-in Lambda secret policy on its fixture with values set elsewhere', () => {
  void it('points at local.api_key and var.db_password, with the local and terraform.tfvars as related', () => {
    const dir = path.resolve(__dirname, '../../../policies/aws/aws-lambda-function-secret-in-environment');
    const loaded = loadPolicy(fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8'), 'policy.yaml');
    const fixture = path.join(dir, 'fixtures/from-variables');
    const files = Object.fromEntries(fs.readdirSync(fixture).map((f) => [`/f/${f}`, fs.readFileSync(path.join(fixture, f), 'utf8')]));
    const results = evaluatePolicies(modelOf(files, '/f'), [loaded.policy!], { today: '2026-06-01' });
    assert.deepEqual(report(results), [
      {
        status: 'fail', span: '19:23-19:36', message: 'Lambda function keeps a secret in an environment variable: environment.variables has STRIPE_API_KEY',
        related: ['/f/main.tf 3:12-3:26 value set here'],
      },
      {
        status: 'fail', span: '33:20-33:35', message: 'Lambda function keeps a secret in an environment variable: environment.variables has DB_PASSWORD',
        related: ['/f/terraform.tfvars 0:14-0:28 value set here (terraform.tfvars)'],
      },
    ]);
  });
});
