// Reading a JSON template whose interpolations are Unknown: each interpolation inside a JSON string
// becomes an Unknown part of that string, one outside a string an Unknown value (jsonencode(x): x).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UnknownValue, Value } from '../../../server/src/terraform';
import { parseJsonTemplate } from '../../../server/src/engine/eval/iam-json-holes';

const hole = (name: string): UnknownValue => ({ kind: 'unknown', reason: `${name} is known after apply` });

/** A compact rendering: strings quoted, Unknowns as <reason>, templates as `text<reason>text`. */
function show(value: Value): string {
  switch (value.kind) {
    case 'string': return JSON.stringify(value.value);
    case 'number': case 'bool': return String(value.value);
    case 'null': return 'null';
    case 'tuple': return `[${value.items.map(show).join(', ')}]`;
    case 'object': return `{${[...value.entries].map(([k, v]) => `${k}: ${show(v)}`).join(', ')}}`;
    case 'unknown':
      if (value.partial?.kind === 'template') return `\`${value.partial.parts.map((p) => (typeof p === 'string' ? p : `<${p.reason}>`)).join('')}\``;
      return `<${value.reason}>`;
  }
}

void describe('JSON templates with unknown interpolations', () => {
  void it('an interpolation inside a string is an unknown part of it, after escaped quotes too', () => {
    const parsed = parseJsonTemplate(['{"Resource": "', hole('a.arn'), '/*", "Say": "\\"', hole('b.id'), '\\""}']);
    assert.equal(parsed && show(parsed.value), '{Resource: `<a.arn is known after apply>/*`, Say: `"<b.id is known after apply>"`}');
    assert.equal(parsed?.loose.size, 0);
  });

  void it('an interpolation outside a string is one unknown value, remembered as loose unless it is jsonencode()', () => {
    const raw = hole('a.list');
    const parsed = parseJsonTemplate(['{"Resource": ', raw, ', "Action": ["s3:GetObject", ', hole('b.x'), ']}']);
    assert.equal(parsed && show(parsed.value), '{Resource: <a.list is known after apply>, Action: ["s3:GetObject", <b.x is known after apply>]}');
    assert.equal(parsed?.loose.has(raw), true);
    const encoded: UnknownValue = { ...hole('c.arn'), partial: { kind: 'json', value: { kind: 'tuple', items: [{ kind: 'string', value: 'x' }, hole('c.arn')] } } };
    const withJson = parseJsonTemplate(['{"Resource": ', encoded, '}']);
    assert.equal(withJson && show(withJson.value), '{Resource: ["x", <c.arn is known after apply>]}');
    assert.equal(withJson?.loose.size, 0);
  });

  void it('an interpolated key, invalid JSON, or our placeholder characters in the text: not read', () => {
    assert.equal(parseJsonTemplate(['{"', hole('k'), '": "*"}']), undefined);
    assert.equal(parseJsonTemplate(['{"Effect": "Allow", ', hole('rest'), '}']), undefined);
    assert.equal(parseJsonTemplate(['{"a": "\uE000', hole('x'), '"}']), undefined);
  });
});
