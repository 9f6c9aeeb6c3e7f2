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

const OWNER_POLICY = (path: string): string => `id: acme-owner-tag
title: Buckets have an Owner tag
severity: low
description: Every bucket needs an owner.
remediation: Add Owner to tags.
references: []
rules:
  - resources: [aws_s3_bucket]
    message: Bucket has no Owner tag
    require:
      attribute: tags
      contains: Owner
    fix:
      title: Add an Owner tag
      set:
        ${path}: '"platform"'
fixtures:
  - path: fixtures/fail.tf
    fail: [aws_s3_bucket.none, aws_s3_bucket.other, aws_s3_bucket.merged]
`;

const OWNER_FAIL = `resource "aws_s3_bucket" "none" {
  bucket = "a"
}

resource "aws_s3_bucket" "other" {
  bucket = "b"
  tags   = { Team = "x" }
}

resource "aws_s3_bucket" "merged" {
  bucket = "c"
  tags   = merge({ Team = "x" }, {})
}
`;

function ownerPolicyDir(fixPath: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-test-'));
  fs.mkdirSync(path.join(dir, 'acme/fixtures'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'acme/policy.yaml'), OWNER_POLICY(fixPath));
  fs.writeFileSync(path.join(dir, 'acme/fixtures/fail.tf'), OWNER_FAIL);
  return dir;
}

test('each fix is applied to the fixture and re-evaluated: one that leaves the finding fails the fixture (exit 1)', () => {
  // `tags.Owner` on a bucket without tags creates a `tags { }` block: not the map the policy reads.
  const dotted = run(['test', '.'], ownerPolicyDir('tags.Owner'));
  assert.equal(dotted.status, 1, dotted.stdout);
  assert.equal(dotted.stdout, [
    'FAIL  acme-owner-tag  acme/fixtures/fail.tf',
    '      fix "Add an Owner tag" on aws_s3_bucket.none does not remove the finding: fail: Bucket has no Owner tag: tags is not set',
    '', '0 passed, 1 failed', '',
  ].join('\n'));
  // Index syntax says tags is a map: `tags = { Owner = "platform" }`; the merge() gets no fix.
  const indexed = run(['test', '.'], ownerPolicyDir(`'tags["Owner"]'`));
  assert.equal(indexed.stdout, 'PASS  acme-owner-tag  acme/fixtures/fail.tf\n\n1 passed, 0 failed\n');
  assert.equal(indexed.status, 0);
  // A fix about something else leaves its finding.
  const unrelated = run(['test', '.'], ownerPolicyDir('bucket'));
  assert.equal(unrelated.status, 1, unrelated.stdout);
  assert.match(unrelated.stdout, /^ {6}fix "Add an Owner tag" on aws_s3_bucket\.none does not remove the finding: fail: Bucket has no Owner tag: tags is not set$/m);
  assert.match(unrelated.stdout, /^ {6}fix "Add an Owner tag" on aws_s3_bucket\.other does not remove the finding: fail: Bucket has no Owner tag/m);
});

test('a fix whose text does not parse fails the fixture with the syntax error', () => {
  const dir = ownerPolicyDir('bucket');
  fs.writeFileSync(path.join(dir, 'acme/policy.yaml'), OWNER_POLICY(`'tags["Owner"]'`).replace(`'"platform"'`, `'"platform'`));
  const r = run(['test', '.'], dir);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /^ {6}fix "Add an Owner tag" on aws_s3_bucket\.none produces invalid HCL: fail\.tf:3:\d+: .+$/m);
});
