// What a `set` fix may rewrite: only a value written as a constant (or the branch of a conditional
// the value came from), never an expression that gets its value elsewhere; keys of a map
// attribute are set inside its braces, never as a second `tags`. Every fixed text is parsed again
// by our parser and by hashicorp/hcl (through @cdktf/hcl2json), and the finding must be gone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import type { PolicyResult } from '../../../server/src/engine';
import { applyEdits } from '../../../server/src/engine/fixtures';
import { parseFile } from '../../../server/src/hcl';
import { run } from './harness';

function policy(require: string, set: string, resources = 't'): string {
  return `id: test-fix\ntitle: T\nseverity: low\ndescription: d\nremediation: r\nrules:\n  - resources: [${resources}]\n    require: ${require}\n    fix:\n      title: Fix it\n      set: ${set}\n`;
}

const RETENTION = policy('{ attribute: backup_retention_period, greater_or_equal: 7 }', '{ backup_retention_period: "7" }');
const OWNER_INDEX = policy('{ attribute: tags, contains: Owner }', `{ 'tags["Owner"]': '"platform"' }`);
const OWNER_DOTTED = policy('{ attribute: tags, contains: Owner }', `{ tags.Owner: '"platform"' }`);
const OWNER_IS_PLATFORM = policy('{ attribute: tags.Owner, equals: platform }', `{ 'tags["Owner"]': '"platform"' }`);

/** The one result of `p` on main.tf (with `extra` files). */
function only(p: string, tf: string, file = '/m/main.tf'): PolicyResult {
  const results = run(p, '', { [file]: tf });
  assert.equal(results.length, 1, JSON.stringify(results));
  return results[0]!;
}

/** The fixed text, after checking that it parses (both parsers) and that the finding is gone. */
async function fixed(p: string, tf: string, file = '/m/main.tf'): Promise<string> {
  const result = only(p, tf, file);
  assert.equal(result.status, 'fail');
  assert.ok(result.fix, 'a fix is offered');
  const text = applyEdits((f) => (f === file ? tf : undefined), result.fix.edits)?.get(file);
  assert.ok(text !== undefined, 'the fix edits main.tf only');
  assert.deepEqual(parseFile(file, text).errors, [], 'our parser accepts the result');
  if (file.endsWith('.json')) JSON.parse(text);
  else await hcl2json(file, text);
  assert.equal(only(p, text, file).status, 'pass', `the finding is gone:\n${text}`);
  return text;
}

function noFix(p: string, tf: string, file = '/m/main.tf'): PolicyResult {
  const result = only(p, tf, file);
  assert.deepEqual([result.status, result.fix], ['fail', undefined]);
  return result;
}

void describe('set fixes replace only what is written as a constant', () => {
  void it('replaces the failing branch of a conditional, not the whole expression', async () => {
    const tf = (prod: boolean): string => `locals {\n  is_prod = ${prod}\n}\nresource "t" "x" {\n  backup_retention_period = local.is_prod ? 14 : 0\n}\n`;
    assert.equal(await fixed(RETENTION, tf(false)), tf(false).replace('? 14 : 0', '? 14 : 7'));
    const prodShort = tf(true).replace('? 14 : 0', '? 3 : 14');
    assert.equal(await fixed(RETENTION, prodShort), prodShort.replace('? 3 : 14', '? 7 : 14'));
    // Nested and parenthesized conditionals: the branch the value came from.
    const nested = 'locals {\n  env = "dev"\n}\nresource "t" "x" {\n  backup_retention_period = local.env == "prod" ? 14 : (local.env == "dev" ? 1 : 7)\n}\n';
    assert.equal(await fixed(RETENTION, nested), nested.replace('? 1 : 7', '? 7 : 7'));
  });

  void it('replaces both branches when they agree and the condition is unknown', async () => {
    const tf = 'variable "prod" {\n  type = bool\n}\nresource "t" "x" {\n  backup_retention_period = var.prod ? 1 : 1\n}\n';
    assert.equal(await fixed(RETENTION, tf), tf.replace('? 1 : 1', '? 7 : 7'));
  });

  void it('offers no fix when the failing branch is not a constant', () => {
    noFix(RETENTION, 'variable "days" {\n  default = 1\n}\nlocals {\n  is_prod = true\n}\nresource "t" "x" {\n  backup_retention_period = local.is_prod ? var.days : 14\n}\n');
  });

  void it('offers no fix for a value set elsewhere; the related location shows where', () => {
    const viaVariable = noFix(RETENTION, 'variable "days" {\n  default = 1\n}\nresource "t" "x" {\n  backup_retention_period = var.days\n}\n');
    assert.deepEqual(viaVariable.related.map((r) => r.range.start.line), [1]);
    noFix(RETENTION, 'locals {\n  days = 1\n}\nresource "t" "x" {\n  backup_retention_period = local.days\n}\n');
    noFix(RETENTION, 'resource "t" "x" {\n  backup_retention_period = max(1, 2)\n}\n');
    noFix(RETENTION, 'resource "t" "x" {\n  backup_retention_period = 1 + 2\n}\n');
    const encrypted = policy('{ attribute: encrypted, is_true: true }', '{ encrypted: "true" }');
    noFix(encrypted, 'variable "env" {\n  default = "dev"\n}\nresource "t" "x" {\n  encrypted = var.env == "prod"\n}\n');
    const acl = policy('{ attribute: acl, equals: private }', `{ acl: '"private"' }`);
    noFix(acl, 'variable "p" {\n  default = "public"\n}\nresource "t" "x" {\n  acl = "${var.p}-read"\n}\n');
  });

  void it('replaces a string without interpolation, a negative number and a list of constants', async () => {
    const acl = policy('{ attribute: acl, equals: private }', `{ acl: '"private"' }`);
    assert.equal(await fixed(acl, 'resource "t" "x" {\n  acl = "public-read"\n}\n'), 'resource "t" "x" {\n  acl = "private"\n}\n');
    assert.equal(await fixed(RETENTION, 'resource "t" "x" {\n  backup_retention_period = -1\n}\n'), 'resource "t" "x" {\n  backup_retention_period = 7\n}\n');
    const cidrs = policy('{ attribute: cidr_blocks, not_contains: 0.0.0.0/0 }', `{ cidr_blocks: '["10.0.0.0/8"]' }`);
    assert.equal(await fixed(cidrs, 'resource "t" "x" {\n  cidr_blocks = ["0.0.0.0/0"]\n}\n'), 'resource "t" "x" {\n  cidr_blocks = ["10.0.0.0/8"]\n}\n');
  });

  void it('a fix with a value it cannot set is not offered at all', () => {
    const both = policy('{ attribute: encrypted, is_true: true }', `{ encrypted: "true", kms_key_id: '"k"' }`);
    noFix(both, 'variable "k" {\n  default = "x"\n}\nresource "t" "x" {\n  encrypted  = false\n  kms_key_id = var.k\n}\n');
  });

  void it('JSON: a literal is replaced, an interpolated string is not', async () => {
    const encrypted = policy('{ attribute: encrypted, is_true: true }', '{ encrypted: "true" }');
    assert.equal(await fixed(encrypted, '{"resource": {"t": {"x": {"encrypted": false}}}}', '/m/main.tf.json'), '{"resource": {"t": {"x": {"encrypted": true}}}}');
    const acl = policy('{ attribute: acl, equals: private }', `{ acl: '"private"' }`);
    noFix(acl, '{"variable": {"p": {"default": "public"}}, "resource": {"t": {"x": {"acl": "${var.p}"}}}}', '/m/main.tf.json');
  });
});

void describe('set fixes on map attributes', () => {
  void it('adds the key inside an existing object, on one line or on its own line', async () => {
    for (const p of [OWNER_INDEX, OWNER_DOTTED]) {
      assert.equal(await fixed(p, 'resource "t" "x" {\n  tags = { Team = "x" }\n}\n'), 'resource "t" "x" {\n  tags = { Team = "x", Owner = "platform" }\n}\n');
    }
    assert.equal(await fixed(OWNER_INDEX, 'resource "t" "x" {\n  tags = { Team = "x", }\n}\n'), 'resource "t" "x" {\n  tags = { Team = "x", Owner = "platform" }\n}\n');
    assert.equal(await fixed(OWNER_INDEX, 'resource "t" "x" {\n  tags = {}\n}\n'), 'resource "t" "x" {\n  tags = { Owner = "platform" }\n}\n');
    assert.equal(
      await fixed(OWNER_INDEX, 'resource "t" "x" {\n  tags = {\n    Team = "x"\n  }\n}\n'),
      'resource "t" "x" {\n  tags = {\n    Team = "x"\n    Owner = "platform"\n  }\n}\n',
    );
    assert.equal(
      await fixed(OWNER_INDEX, 'resource "t" "x" {\r\n\ttags = {\r\n\t\t"Team": "x",\r\n\t}\r\n}\r\n'),
      'resource "t" "x" {\r\n\ttags = {\r\n\t\t"Team": "x",\r\n\t\t"Owner": "platform",\r\n\t}\r\n}\r\n',
    );
  });

  void it('inserts `tags = { … }` when the resource has none and the path says tags is an argument', async () => {
    assert.equal(await fixed(OWNER_INDEX, 'resource "t" "x" {\n  bucket = "a"\n}\n'), 'resource "t" "x" {\n  bucket = "a"\n  tags = { Owner = "platform" }\n}\n');
    const dotted = policy('{ attribute: tags, contains: kubernetes.io/role }', `{ 'tags["kubernetes.io/role"]': '"x"' }`);
    assert.equal(await fixed(dotted, 'resource "t" "x" {}\n'), 'resource "t" "x" {\n  tags = { "kubernetes.io/role" = "x" }\n}\n');
    assert.equal(await fixed(dotted, 'resource "t" "x" {\n  tags = { a = 1 }\n}\n'), 'resource "t" "x" {\n  tags = { a = 1, "kubernetes.io/role" = "x" }\n}\n');
  });

  void it('replaces the key\'s constant value; a value set elsewhere or a computed map gets no fix', async () => {
    assert.equal(await fixed(OWNER_IS_PLATFORM, 'resource "t" "x" {\n  tags = { Owner = "me" }\n}\n'), 'resource "t" "x" {\n  tags = { Owner = "platform" }\n}\n');
    noFix(OWNER_IS_PLATFORM, 'variable "o" {\n  default = "me"\n}\nresource "t" "x" {\n  tags = { Owner = var.o }\n}\n');
    noFix(OWNER_INDEX, 'resource "t" "x" {\n  tags = merge({ Team = "x" }, {})\n}\n');
    noFix(OWNER_INDEX, 'locals {\n  base = { Team = "x" }\n}\nresource "t" "x" {\n  tags = local.base\n}\n');
    noFix(OWNER_INDEX, 'locals {\n  k = "Team"\n}\nresource "t" "x" {\n  tags = { (local.k) = "x" }\n}\n');
  });

  void it('never writes a second tags: a tags block is not the map the path names', () => {
    noFix(OWNER_INDEX, 'resource "t" "x" {\n  tags {\n    Team = "x"\n  }\n}\n');
  });

  void it('JSON: the key goes into the existing object, or a new object property', async () => {
    const file = '/m/main.tf.json';
    assert.equal(await fixed(OWNER_INDEX, '{"resource": {"t": {"x": {"tags": {"Team": "x"}}}}}', file), '{"resource": {"t": {"x": {"tags": {"Team": "x", "Owner": "platform"}}}}}');
    assert.equal(await fixed(OWNER_INDEX, '{"resource": {"t": {"x": {"bucket": "a"}}}}', file), '{"resource": {"t": {"x": {"bucket": "a", "tags": {"Owner": "platform"}}}}}');
  });
});
