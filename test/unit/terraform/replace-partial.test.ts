// replace() with Unknown arguments keeps what is known when the search is a literal: a known text
// becomes a template with the replacement in each gap, and an Unknown text remembers the
// replacement (nested calls nest). A regex search, or an Unknown search, gives a plain Unknown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UnknownValue, Value } from '../../../server/src/terraform';
import { attribute, buildModel } from './memory-host';

function unknown(value: Value): UnknownValue {
  if (value.kind !== 'unknown') assert.fail(`expected an Unknown, got ${value.kind}`);
  return value;
}

/** A template's parts, Unknown ones shown by their reason. */
function parts(value: Value): string[] {
  const partial = unknown(value).partial;
  if (partial?.kind !== 'template') return assert.fail(`expected a template, got ${partial?.kind}`);
  return partial.parts.map((p) => (typeof p === 'string' ? p : `<${p.reason}>`));
}

const MAIN = `resource "aws_s3_bucket" "b" {}
resource "t" "x" {
  known_text   = replace("_ARN_/*,_ARN_", "_ARN_", aws_s3_bucket.b.arn)
  no_match     = replace("abc", "_ARN_", aws_s3_bucket.b.arn)
  both_known   = replace("a-b", "-", "+")
  template_in  = replace("x=_V_", "_V_", "\${aws_s3_bucket.b.id}/*")
  unknown_text = replace(aws_s3_bucket.b.policy, "_ARN_", "arn:aws:s3:::b")
  nested       = replace(replace(aws_s3_bucket.b.policy, "_A_", aws_s3_bucket.b.arn), "_B_", aws_s3_bucket.b.id)
  regex        = replace("_ARN_/*", "/_A.N_/", aws_s3_bucket.b.arn)
  regex_text   = replace(aws_s3_bucket.b.policy, "/_A.N_/", "x")
  unknown_find = replace("_ARN_/*", aws_s3_bucket.b.id, "x")
}
`;

const ARN = '<aws_s3_bucket.b.arn is known after apply>';

void describe('replace() with Unknown arguments', () => {
  const model = buildModel({ 'main.tf': MAIN });
  const value = (name: string): Value => attribute(model, 't.x', name);

  void it('a known text with an Unknown replacement is a template with the replacement in each gap', () => {
    assert.deepEqual(parts(value('known_text')), [ARN, '/*,', ARN]);
    assert.equal(unknown(value('known_text')).reason, 'aws_s3_bucket.b.arn is known after apply');
    assert.deepEqual(unknown(value('known_text')).references?.map((r) => `${r.address}.${r.attribute ?? ''}`), ['aws_s3_bucket.b.arn']);
  });

  void it('a known text without the search is known, whatever the replacement', () => {
    assert.deepEqual(value('no_match'), { kind: 'string', value: 'abc', origin: value('no_match').origin });
    const both = value('both_known');
    assert.equal(both.kind === 'string' && both.value, 'a+b');
  });

  void it('a replacement that is a partial template is spliced in', () => {
    assert.deepEqual(parts(value('template_in')), ['x=', '<aws_s3_bucket.b.id is known after apply>', '/*']);
  });

  void it('an Unknown text remembers the replacement, and nested calls nest', () => {
    const partial = unknown(value('unknown_text')).partial;
    if (partial?.kind !== 'replace') return assert.fail(`expected replace, got ${partial?.kind}`);
    assert.equal(partial.search, '_ARN_');
    assert.equal(partial.source.reason, 'aws_s3_bucket.b.policy is known after apply');
    assert.equal(partial.replacement.kind === 'string' && partial.replacement.value, 'arn:aws:s3:::b');

    const outer = unknown(value('nested')).partial;
    if (outer?.kind !== 'replace') return assert.fail(`expected replace, got ${outer?.kind}`);
    assert.equal(outer.search, '_B_');
    assert.equal(outer.source.partial?.kind === 'replace' && outer.source.partial.search, '_A_');
    assert.deepEqual(unknown(value('nested')).references?.map((r) => `${r.address}.${r.attribute ?? ''}`), ['aws_s3_bucket.b.policy', 'aws_s3_bucket.b.arn', 'aws_s3_bucket.b.id']);
  });

  void it('a regex search or an Unknown search gives a plain Unknown', () => {
    for (const name of ['regex', 'regex_text', 'unknown_find']) assert.equal(unknown(value(name)).partial, undefined, name);
  });
});
