// `tfpolicy test`: runs policy fixtures like `opa test` — the built-in pack passes, and a custom
// policy whose fixture disagrees is reported resource by resource with exit code 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POLICY = `id: acme-ebs-size-limit
title: EBS volumes stay under 100 GiB
severity: low
description: Large volumes need a capacity review.
remediation: Reduce size or ask for a review.
references: []
rules:
  - resources: [aws_ebs_volume]
    message: EBS volume is too large
    require:
      attribute: size
      less_or_equal: 100
fixtures:
  - path: fixtures/volumes.tf
    fail: [aws_ebs_volume.huge]
    pass: [aws_ebs_volume.small, aws_ebs_volume.medium]
`;

const VOLUMES = `resource "aws_ebs_volume" "small" {
  size = 10
}

resource "aws_ebs_volume" "medium" {
  size = 500
}

resource "aws_ebs_volume" "huge" {
  size = 1000
}
`;

test('the built-in pack passes its own fixtures (exit 0, closing "N passed, 0 failed")', () => {
  const r = run(['test'], repoRoot);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^PASS {2}aws-ebs-volume-unencrypted {2}policies\/aws\/aws-ebs-volume-unencrypted\/fixtures\/fail\.tf$/m);
  assert.match(r.stdout, /\n\d+ passed, 0 failed\n$/);
});

test('a fixture that disagrees fails with the resource, the expectation and the actual message (exit 1)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-test-'));
  fs.mkdirSync(path.join(dir, 'acme/fixtures'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'acme/policy.yaml'), POLICY);
  fs.writeFileSync(path.join(dir, 'acme/fixtures/volumes.tf'), VOLUMES);
  const r = run(['test', '.'], dir);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'FAIL  acme-ebs-size-limit  acme/fixtures/volumes.tf');
  assert.match(lines[1]!, /^ {6}expected aws_ebs_volume\.medium to pass, got fail: EBS volume is too large/);
  assert.equal(lines.at(-2), '0 passed, 1 failed');

  fs.writeFileSync(path.join(dir, 'acme/fixtures/volumes.tf'), VOLUMES.replace('size = 500', 'size = 50'));
  const fixed = run(['test', '.'], dir);
  assert.equal(fixed.status, 0, fixed.stdout);
  assert.equal(fixed.stdout, 'PASS  acme-ebs-size-limit  acme/fixtures/volumes.tf\n\n1 passed, 0 failed\n');
});

test('a policy that does not load is an error with its position (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-test-'));
  fs.mkdirSync(path.join(dir, 'broken'));
  fs.writeFileSync(path.join(dir, 'broken/policy.yaml'), POLICY.replace('severity: low', 'severity: urgent'));
  const r = run(['test', '.'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /^ERROR broken\/policy\.yaml:3:11: "severity" must be one of "low", "medium", "high", "critical"$/m);
  assert.equal(run(['test', 'missing'], dir).status, 2);
});

test('a resource the fixture does not list is a disagreement too, whatever its status', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-test-'));
  fs.mkdirSync(path.join(dir, 'acme/fixtures'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'acme/policy.yaml'), POLICY);
  fs.writeFileSync(path.join(dir, 'acme/fixtures/volumes.tf'), VOLUMES.replace('size = 500', 'size = 50') + '\nresource "aws_ebs_volume" "extra" {\n  size = 1\n}\n');
  const r = run(['test', '.'], dir);
  assert.equal(r.status, 1, r.stdout);
  assert.equal(r.stdout.split('\n')[1], '      aws_ebs_volume.extra is not listed in the fixture, but the policy gives it pass');
});

test('a directory without policies is a usage error, not "0 passed"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-test-'));
  const r = run(['test', '.'], dir);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'tfpolicy: no policy.yaml files found in .\n');
});
