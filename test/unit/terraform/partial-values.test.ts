// What the model keeps of a value that is Unknown as a whole: the structure jsonencode() encodes,
// the literal text of a template around its Unknown interpolations, and the fact that a block a
// `dynamic` with an unknown for_each stands for may not exist at all.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UnknownValue, Value } from '../../../server/src/terraform';
import { attribute, buildModel, resource } from './memory-host';

function unknown(value: Value): UnknownValue {
  if (value.kind !== 'unknown') assert.fail(`expected an Unknown, got ${value.kind}`);
  return value;
}

/** A template's parts, Unknown ones shown by their reason. */
function parts(value: Value): string[] {
  const partial = unknown(value).partial;
  assert.equal(partial?.kind, 'template');
  return partial.kind === 'template' ? partial.parts.map((p) => (typeof p === 'string' ? p : `<${p.reason}>`)) : [];
}

const MAIN = `resource "aws_s3_bucket" "b" {}
variable "who" {}
resource "t" "x" {
  doc      = jsonencode({ Effect = "Allow", Resource = "\${aws_s3_bucket.b.arn}/*", Who = var.who })
  whole    = jsonencode(var.who)
  known    = jsonencode({ Effect = "Allow" })
  arn      = "\${aws_s3_bucket.b.arn}/logs/\${var.who}"
  nested   = "prefix-\${"\${aws_s3_bucket.b.id}-\${upper("x")}"}"
  directive = "%{ if var.who == "a" }yes%{ endif }"
  derived  = upper("\${aws_s3_bucket.b.arn}/*")
  dynamic "rule" {
    for_each = var.who
    content {
      name = "fixed"
    }
  }
  dynamic "known" {
    for_each = ["a"]
    content {
      name = known.value
    }
  }
}
`;

void describe('partial values', () => {
  const model = buildModel({ 'main.tf': MAIN });
  const value = (name: string): Value => attribute(model, 't.x', name);

  void it('jsonencode() of a value with Unknown parts is Unknown, and keeps the value it encodes', () => {
    const doc = unknown(value('doc'));
    assert.equal(doc.reason, 'aws_s3_bucket.b.arn is known after apply');
    assert.deepEqual(doc.references?.map((r) => `${r.address}.${r.attribute ?? ''}`), ['aws_s3_bucket.b.arn']);
    assert.equal(doc.partial?.kind, 'json');
    const encoded = doc.partial?.kind === 'json' ? doc.partial.value : undefined;
    assert.equal(encoded?.kind, 'object');
    const entries = encoded?.kind === 'object' ? encoded.entries : new Map<string, Value>();
    assert.deepEqual(entries.get('Effect'), { kind: 'string', value: 'Allow', origin: entries.get('Effect')?.origin });
    assert.deepEqual(parts(entries.get('Resource')!), ['<aws_s3_bucket.b.arn is known after apply>', '/*']);
    assert.equal(entries.get('Who')?.kind, 'unknown');
  });

  void it('jsonencode() of an Unknown value is one JSON value, not known; of a known value a string', () => {
    const whole = unknown(value('whole'));
    assert.equal(whole.partial?.kind, 'json');
    assert.equal(whole.partial?.kind === 'json' ? whole.partial.value.kind : '', 'unknown');
    assert.deepEqual(value('known'), { kind: 'string', value: '{"Effect":"Allow"}', origin: value('known').origin });
  });

  void it('a template keeps its literal text around Unknown interpolations, and the references of all of them', () => {
    assert.deepEqual(parts(value('arn')), [
      '<aws_s3_bucket.b.arn is known after apply>',
      '/logs/',
      '<var.who has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_who>',
    ]);
    assert.deepEqual(unknown(value('arn')).references?.map((r) => r.address), ['aws_s3_bucket.b']);
    // An interpolated partial template contributes its own parts; known interpolations become text.
    assert.deepEqual(parts(value('nested')), ['prefix-', '<aws_s3_bucket.b.id is known after apply>', '-X']);
  });

  void it('an Unknown directive condition, or a function of a partial template, leaves nothing known', () => {
    assert.equal(unknown(value('directive')).partial, undefined);
    assert.equal(unknown(value('derived')).partial, undefined);
  });

  void it('a dynamic block with an unknown for_each is one block marked as maybe absent; a known one is not marked', () => {
    const x = resource(model, 't.x');
    const rule = x.blocks.find((b) => b.type === 'rule');
    assert.equal(rule?.unknownCount?.reason.startsWith('dynamic "rule" for_each is unknown: var.who has no value'), true);
    assert.equal(rule?.attributes.get('name')?.value.kind, 'string');
    const known = x.blocks.find((b) => b.type === 'known');
    assert.equal(known?.unknownCount, undefined);
  });
});
