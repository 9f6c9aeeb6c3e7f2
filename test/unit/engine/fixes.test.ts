// Fixes: the exact text edits, and the edited text they produce.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyResult } from '../../../server/src/engine';
import { run } from './harness';

function policy(require: string, fix: string): string {
  return `id: test-fix
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [t]
    require: ${require}
    fix:
${fix.split('\n').map((l) => `      ${l}`).join('\n')}
`;
}

function applied(tf: string, result: PolicyResult): string {
  let text = tf;
  for (const e of [...(result.fix?.edits ?? [])].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    text = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
  }
  return text;
}

const SET_ENCRYPTED = policy('{ attribute: encrypted, is_true: true }', 'title: Encrypt\nset: { encrypted: "true" }');

void describe('fixes', () => {
  void it('replaces the offending value', () => {
    const tf = 'resource "t" "x" {\n  size      = 40\n  encrypted = false\n}\n';
    const [r] = run(SET_ENCRYPTED, tf);
    assert.deepEqual(r!.fix?.edits.map((e) => [e.range.start.offset, e.range.end.offset, e.newText]), [[50, 55, 'true']]);
    assert.equal(applied(tf, r!), 'resource "t" "x" {\n  size      = 40\n  encrypted = true\n}\n');
  });

  void it('inserts a missing attribute before the closing brace, indented like the block\'s items', () => {
    const tf = 'module "m" {}\n  resource "t" "x" {\n      size = 40\n  }\n';
    const [r] = run(SET_ENCRYPTED, tf);
    assert.equal(r!.fix?.title, 'Encrypt');
    assert.equal(applied(tf, r!), 'module "m" {}\n  resource "t" "x" {\n      size = 40\n      encrypted = true\n  }\n');
  });

  void it('opens an empty one-line block', () => {
    const tf = 'resource "t" "x" {}\n';
    assert.equal(applied(tf, run(SET_ENCRYPTED, tf)[0]!), 'resource "t" "x" {\n  encrypted = true\n}\n');
  });

  void it('creates the nested blocks of a path, or sets inside the existing one', () => {
    const p = policy('{ attribute: metadata_options.http_tokens, equals: required }', 'title: Require IMDSv2\nset: { metadata_options.http_tokens: \'"required"\' }');
    const missing = 'resource "t" "x" {\n  ami = "ami-1"\n}\n';
    assert.equal(applied(missing, run(p, missing)[0]!), 'resource "t" "x" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n');
    const partial = 'resource "t" "x" {\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n';
    assert.equal(applied(partial, run(p, partial)[0]!), 'resource "t" "x" {\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens = "required"\n  }\n}\n');
  });

  void it('adds a block given as text', () => {
    const p = policy('{ attribute: versioning, exists: true }', 'title: Enable versioning\nadd_block:\n  path: versioning\n  text: |\n    versioning {\n      enabled = true\n    }');
    const tf = 'resource "t" "x" {\n  bucket = "b"\n}\n';
    assert.equal(applied(tf, run(p, tf)[0]!), 'resource "t" "x" {\n  bucket = "b"\n  versioning {\n    enabled = true\n  }\n}\n');
    // Each two-space level of the text becomes one level of the file's own indentation.
    const wide = 'resource "t" "x" {\n    bucket = "b"\n}\n';
    assert.equal(applied(wide, run(p, wide)[0]!), 'resource "t" "x" {\n    bucket = "b"\n    versioning {\n        enabled = true\n    }\n}\n');
  });

  void it('offers no block given as HCL text in JSON syntax files', () => {
    const p = policy('{ attribute: versioning, exists: true }', 'title: Enable versioning\nadd_block:\n  path: versioning\n  text: |\n    versioning {\n      enabled = true\n    }');
    const results = run(p, '', { '/m/main.tf.json': '{"resource": {"t": {"x": {"bucket": "b"}}}}' });
    assert.deepEqual(results.map((r) => [r.status, r.fix]), [['fail', undefined]]);
  });
});
