// Fixes follow the file's layout: one-line blocks are opened up, CRLF and tab indentation are
// kept, and .tf.json files get JSON edits. Every result is parsed again by our parser and (for
// native syntax) by hashicorp/hcl through @cdktf/hcl2json, and the finding must be gone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import type { PolicyResult } from '../../../server/src/engine';
import { LineMap, parseFile } from '../../../server/src/hcl';
import { run } from './harness';

function policy(require: string, fix: string): string {
  return `id: test-fix\ntitle: T\nseverity: low\ndescription: d\nremediation: r\nrules:\n  - resources: [t]\n    require: ${require}\n    fix:\n${fix.split('\n').map((l) => `      ${l}`).join('\n')}\n`;
}

const ENCRYPTED = policy('{ attribute: encrypted, is_true: true }', 'title: Encrypt\nset: { encrypted: "true" }');
const ENCRYPTED_WITH_KEY = policy('{ attribute: encrypted, is_true: true }', 'title: Encrypt\nset: { encrypted: "true", kms_key_id: \'"k"\' }');
const KEY_REFERENCE = policy('{ attribute: kms_key_id, exists: true }', 'title: Key\nset: { kms_key_id: aws_kms_key.k.arn }');
const IMDS = policy('{ attribute: metadata_options.http_tokens, equals: required }', 'title: Require IMDSv2\nset: { metadata_options.http_tokens: \'"required"\' }');

/** The edits applied back to front; each edit's line/character must match its offsets. */
function applied(text: string, result: PolicyResult): string {
  const lines = new LineMap(text);
  let out = text;
  for (const e of [...(result.fix?.edits ?? [])].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    assert.deepEqual(e.range, lines.range(e.range.start.offset, e.range.end.offset), 'edit positions agree with offsets');
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  }
  return out;
}

const cases: { name: string; policy: string; file?: string; before: string; after: string }[] = [
  { name: 'a one-line block is opened up', policy: ENCRYPTED, before: 'resource "t" "two" { size = 1 }\n', after: 'resource "t" "two" {\n  size = 1\n  encrypted = true\n}\n' },
  { name: 'an indented one-line block', policy: ENCRYPTED, before: 'module "m" {}\n  resource "t" "x" {size = 1}\n', after: 'module "m" {}\n  resource "t" "x" {\n    size = 1\n    encrypted = true\n  }\n' },
  { name: 'an empty block with a space', policy: ENCRYPTED, before: 'resource "t" "x" { }\n', after: 'resource "t" "x" {\n  encrypted = true\n}\n' },
  { name: 'two values into one one-line block', policy: ENCRYPTED_WITH_KEY, before: 'resource "t" "x" { size = 1 }\n', after: 'resource "t" "x" {\n  size = 1\n  encrypted = true\n  kms_key_id = "k"\n}\n' },
  {
    name: 'a nested one-line block', policy: IMDS,
    before: 'resource "t" "x" {\n  metadata_options { http_endpoint = "enabled" }\n}\n',
    after: 'resource "t" "x" {\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens = "required"\n  }\n}\n',
  },
  { name: 'CRLF: an attribute', policy: ENCRYPTED, before: 'resource "t" "x" {\r\n  size = 40\r\n}\r\n', after: 'resource "t" "x" {\r\n  size = 40\r\n  encrypted = true\r\n}\r\n' },
  { name: 'CRLF: a one-line block', policy: ENCRYPTED, before: 'resource "t" "x" { size = 1 }\r\n', after: 'resource "t" "x" {\r\n  size = 1\r\n  encrypted = true\r\n}\r\n' },
  {
    name: 'CRLF: a nested block created', policy: IMDS,
    before: 'resource "t" "x" {\r\n  ami = "a"\r\n}\r\n',
    after: 'resource "t" "x" {\r\n  ami = "a"\r\n  metadata_options {\r\n    http_tokens = "required"\r\n  }\r\n}\r\n',
  },
  { name: 'tabs: an attribute', policy: ENCRYPTED, before: 'resource "t" "x" {\n\tsize = 40\n}\n', after: 'resource "t" "x" {\n\tsize = 40\n\tencrypted = true\n}\n' },
  {
    name: 'tabs: a nested block created', policy: IMDS,
    before: 'resource "t" "x" {\n\tami = "a"\n}\n',
    after: 'resource "t" "x" {\n\tami = "a"\n\tmetadata_options {\n\t\thttp_tokens = "required"\n\t}\n}\n',
  },
  {
    name: 'tabs: a nested one-line block', policy: IMDS,
    before: 'resource "t" "x" {\n\tmetadata_options { http_endpoint = "enabled" }\n}\n',
    after: 'resource "t" "x" {\n\tmetadata_options {\n\t\thttp_endpoint = "enabled"\n\t\thttp_tokens = "required"\n\t}\n}\n',
  },
  { name: 'tabs: an empty block in a tab-indented file', policy: ENCRYPTED, before: 'locals {\n\ta = 1\n}\nresource "t" "x" {}\n', after: 'locals {\n\ta = 1\n}\nresource "t" "x" {\n\tencrypted = true\n}\n' },
  { name: 'JSON: a literal replaced', policy: ENCRYPTED, file: 'main.tf.json', before: '{"resource": {"t": {"x": {"encrypted": false}}}}', after: '{"resource": {"t": {"x": {"encrypted": true}}}}' },
  { name: 'JSON: a property added on one line', policy: ENCRYPTED, file: 'main.tf.json', before: '{"resource": {"t": {"x": {"size": 1}}}}', after: '{"resource": {"t": {"x": {"size": 1, "encrypted": true}}}}' },
  { name: 'JSON: into an empty object', policy: ENCRYPTED, file: 'main.tf.json', before: '{"resource": {"t": {"x": {}}}}', after: '{"resource": {"t": {"x": {"encrypted": true}}}}' },
  {
    name: 'JSON: a property added to a pretty-printed object, CRLF kept', policy: ENCRYPTED, file: 'main.tf.json',
    before: '{\r\n  "resource": {\r\n    "t": {\r\n      "x": {\r\n        "size": 1\r\n      }\r\n    }\r\n  }\r\n}\r\n',
    after: '{\r\n  "resource": {\r\n    "t": {\r\n      "x": {\r\n        "size": 1,\r\n        "encrypted": true\r\n      }\r\n    }\r\n  }\r\n}\r\n',
  },
  {
    name: 'JSON: an empty pretty-printed object', policy: ENCRYPTED, file: 'main.tf.json',
    before: '{\n  "resource": {\n    "t": {\n      "x": {\n      }\n    }\n  }\n}\n',
    after: '{\n  "resource": {\n    "t": {\n      "x": {\n        "encrypted": true\n      }\n    }\n  }\n}\n',
  },
  { name: 'JSON: a nested object created', policy: IMDS, file: 'main.tf.json', before: '{"resource": {"t": {"x": {"ami": "a"}}}}', after: '{"resource": {"t": {"x": {"ami": "a", "metadata_options": {"http_tokens": "required"}}}}}' },
  {
    name: 'JSON: into an existing nested object', policy: IMDS, file: 'main.tf.json',
    before: '{"resource": {"t": {"x": {"metadata_options": {"http_endpoint": "enabled"}}}}}',
    after: '{"resource": {"t": {"x": {"metadata_options": {"http_endpoint": "enabled", "http_tokens": "required"}}}}}',
  },
];

void describe('fixes keep the file valid and in its own layout', () => {
  for (const c of cases) {
    void it(c.name, async () => {
      const file = `/m/${c.file ?? 'main.tf'}`;
      const results = run(c.policy, '', { [file]: c.before });
      assert.equal(results.length, 1);
      const fixed = applied(c.before, results[0]!);
      assert.equal(fixed, c.after);
      assert.deepEqual(parseFile(file, fixed).errors, [], 'our parser accepts the result');
      if (file.endsWith('.json')) JSON.parse(fixed);
      else await hcl2json(file, fixed);
      assert.deepEqual(run(c.policy, '', { [file]: fixed }).map((r) => r.status), ['pass'], 'the finding is gone');
    });
  }

  void it('offers no JSON fix for a value that is not a JSON literal', () => {
    const results = run(KEY_REFERENCE, '', { '/m/main.tf.json': '{"resource": {"t": {"x": {"size": 1}}}}' });
    assert.deepEqual(results.map((r) => [r.status, r.fix]), [['fail', undefined]]);
  });
});
