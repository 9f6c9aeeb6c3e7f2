// Every node's range, checked exactly: for each source, the source text under every node (in
// tree order) must be exactly the expected list. A wrong offset anywhere changes the list.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseHcl, type Range } from '../../../server/src/hcl';
import { assertRangeConsistent } from './helpers';

/** `kind: text` for every node with a range, and `key: text` for the other ranges, in tree order. */
function rangeTexts(node: unknown, text: string, out: string[] = []): string[] {
  if (Array.isArray(node)) { for (const child of node) rangeTexts(child, text, out); return out; }
  if (node === null || typeof node !== 'object') return out;
  const record = node as Record<string, unknown>;
  const label = typeof record.kind === 'string' ? record.kind : 'range';
  const push = (name: string, range: Range): void => {
    assertRangeConsistent(text, range);
    out.push(`${name}: ${text.slice(range.start.offset, range.end.offset)}`);
  };
  // The node's own range first (pre-order), then its other ranges and children in field order.
  if (record.range !== undefined) push(label, record.range as Range);
  for (const [key, value] of Object.entries(record)) {
    if (key === 'range') continue;
    if (['nameRange', 'typeRange', 'openBrace', 'closeBrace'].includes(key)) {
      push(key, value as Range);
    } else if (key !== 'comments' && key !== 'errors') {
      rangeTexts(value, text, out);
    }
  }
  return out;
}

const table: [string, string[]][] = [
  ['b "x" y {\n  a = f(1, [2])\n}\n', [
    'Block: b "x" y {\n  a = f(1, [2])\n}', 'typeRange: b', 'range: "x"', 'range: y',
    'Body: \n  a = f(1, [2])\n', 'Attribute: a = f(1, [2])', 'nameRange: a',
    'FunctionCall: f(1, [2])', 'nameRange: f', 'Literal: 1', 'Tuple: [2]', 'Literal: 2',
    'openBrace: {', 'closeBrace: }',
  ]],
  ['v = a.b[0].*.c\n', [
    'Attribute: v = a.b[0].*.c', 'nameRange: v', 'Splat: a.b[0].*.c',
    'Index: a.b[0]', 'GetAttr: a.b', 'Variable: a', 'nameRange: b', 'Literal: 0', 'GetAttr: .c',
  ]],
  ['v = x[*].y[1]\n', [
    'Attribute: v = x[*].y[1]', 'nameRange: v', 'Splat: x[*].y[1]', 'Variable: x', 'GetAttr: .y', 'Index: [1]', 'Literal: 1',
  ]],
  ['v = {for k, s in m : k => s.n... if !s.off}\n', [
    'Attribute: v = {for k, s in m : k => s.n... if !s.off}', 'nameRange: v', 'For: {for k, s in m : k => s.n... if !s.off}',
    'Variable: m', 'GetAttr: s.n', 'Variable: s', 'nameRange: n', 'Variable: k', 'Unary: !s.off', 'GetAttr: s.off', 'Variable: s', 'nameRange: off',
  ]],
  ['v = c ? -1 : (2 + 3) * 4\n', [
    'Attribute: v = c ? -1 : (2 + 3) * 4', 'nameRange: v', 'Conditional: c ? -1 : (2 + 3) * 4', 'Variable: c',
    'Unary: -1', 'Literal: 1', 'Binary: (2 + 3) * 4', 'Parentheses: (2 + 3)', 'Binary: 2 + 3', 'Literal: 2', 'Literal: 3', 'Literal: 4',
  ]],
  ['v = { a = 1, "b" : [] }\n', [
    'Attribute: v = { a = 1, "b" : [] }', 'nameRange: v', 'Object: { a = 1, "b" : [] }',
    'range: a = 1', 'Variable: a', 'Literal: 1', 'range: "b" : []', 'Template: "b"', 'TemplateLiteral: b', 'Tuple: []',
  ]],
  ['v = "a${b}%{ if c }d%{ endif }"\n', [
    'Attribute: v = "a${b}%{ if c }d%{ endif }"', 'nameRange: v', 'Template: "a${b}%{ if c }d%{ endif }"',
    'TemplateLiteral: a', 'TemplateInterpolation: ${b}', 'Variable: b', 'TemplateIf: %{ if c }d%{ endif }', 'Variable: c', 'TemplateLiteral: d',
  ]],
  ['v = <<-EOT\n    x ${y}\n    EOT\n', [
    'Attribute: v = <<-EOT\n    x ${y}\n    EOT', 'nameRange: v', 'Template: <<-EOT\n    x ${y}\n    EOT',
    'TemplateLiteral: x ', 'TemplateInterpolation: ${y}', 'Variable: y', 'TemplateLiteral: \n',
  ]],
  ['v = provider::p::f(a...)\n', [
    'Attribute: v = provider::p::f(a...)', 'nameRange: v', 'FunctionCall: provider::p::f(a...)', 'nameRange: provider::p::f', 'Variable: a',
  ]],
];

for (const [src, expected] of table) {
  void it(JSON.stringify(src), () => {
    const file = parseHcl(src);
    assert.deepEqual(file.errors, []);
    assert.deepEqual(rangeTexts(file.body.items, src), expected);
  });
}
