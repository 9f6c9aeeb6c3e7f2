// The rest of the hclsyntax grammar (issue #3 step 2), table-driven: each case gives a value
// expression, then checks on its tree and the source text of exact sub-ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Attribute, type Block, type Expression, parseHcl, type TemplatePart } from '../../../server/src/hcl';
import { allRanges, assertRangeConsistent, slice } from './helpers';

function value(src: string): Expression {
  const file = parseHcl(src);
  assert.deepEqual(file.errors, []);
  const first = file.body.items[0];
  assert.ok(first?.kind === 'Attribute');
  for (const { range } of allRanges(file)) assertRangeConsistent(src, range);
  return first.expr;
}

function literalValues(parts: readonly TemplatePart[]): unknown[] {
  return parts.map((p) => {
    switch (p.kind) {
      case 'TemplateLiteral': return p.value;
      case 'TemplateInterpolation': return { interp: p.expr.kind, stripLeft: p.stripLeft, stripRight: p.stripRight };
      case 'TemplateIf': return { if: literalValues(p.then), else: p.else ? literalValues(p.else) : undefined };
      case 'TemplateFor': return { for: [p.keyVar, p.valueVar], body: literalValues(p.body) };
    }
  });
}

void describe('template directives and strip markers', () => {
  const cases: [string, unknown[]][] = [
    ['"a %{ if x }yes%{ else }no%{ endif } b"', ['a ', { if: ['yes'], else: ['no'] }, ' b']],
    ['"%{ for k, v in m }${k}=${v};%{ endfor }"', [{ for: ['k', 'v'], body: [{ interp: 'Variable', stripLeft: false, stripRight: false }, '=', { interp: 'Variable', stripLeft: false, stripRight: false }, ';'] }]],
    ['"a   ${~ x ~}   b"', ['a', { interp: 'Variable', stripLeft: true, stripRight: true }, 'b']],
    ['<<EOT\n%{ for x in l ~}\n- ${x}\n%{ endfor ~}\nEOT', [{ for: [undefined, 'x'], body: ['- ', { interp: 'Variable', stripLeft: false, stripRight: false }, '\n'] }]],
    ['"$${literal} %%{also}"', ['${literal} %{also}']],
    ['""', ['']],
  ];
  for (const [src, expected] of cases) {
    void it(src.replace(/\n/g, '\\n'), () => {
      const expr = value(`v = ${src}\n`);
      assert.ok(expr.kind === 'Template');
      assert.deepEqual(literalValues(expr.parts), expected);
    });
  }

  void it('gives directive parts ranges from %{ to the closing directive', () => {
    const src = 'v = "a %{ if x }yes%{ endif }"\n';
    const expr = value(src);
    assert.ok(expr.kind === 'Template');
    const part = expr.parts[1];
    assert.ok(part?.kind === 'TemplateIf');
    assert.equal(slice(src, part.range), '%{ if x }yes%{ endif }');
    assert.equal(slice(src, part.condition.range), 'x');
  });
});

void describe('heredocs', () => {
  const cases: [string, string][] = [
    ['<<EOT\n  keep\n    indent\nEOT', '  keep\n    indent\n'],
    ['<<-EOT\n    a\n      b\n\n    c\n    EOT', 'a\n  b\n\nc\n'],
    ['<<-EOT\n\tx\n\ty\n\tEOT', 'x\ny\n'],
    ['<<EOT\r\nwindows\r\nEOT', 'windows\r\n'],
    ['<<EOT\nEOT', ''],
  ];
  for (const [src, text] of cases) {
    void it(JSON.stringify(src), () => {
      const expr = value(`v = ${src}\nw = 1\n`);
      assert.ok(expr.kind === 'Template');
      assert.deepEqual(expr.parts.map((p) => p.kind === 'TemplateLiteral' && p.value), [text]);
    });
  }
});

void describe('traversals, calls and collections', () => {
  void it('legacy index .0 is an Index with a number key', () => {
    const src = 'v = aws_instance.web.0.id\n';
    const expr = value(src);
    assert.ok(expr.kind === 'GetAttr' && expr.object.kind === 'Index');
    assert.equal(expr.object.legacy, true);
    assert.deepEqual(expr.object.key, { kind: 'Literal', value: 0, raw: '0', range: { start: { line: 0, character: 21, offset: 21 }, end: { line: 0, character: 22, offset: 22 } } });
    assert.equal(slice(src, expr.object.range), 'aws_instance.web.0');
  });

  void it('full splat keeps index and attribute steps; attribute splat only attributes', () => {
    const full = value('v = a[*].b[0]\n');
    assert.ok(full.kind === 'Splat');
    assert.deepEqual(full.steps.map((s) => s.kind), ['GetAttr', 'Index']);
    const attrOnly = value('v = a.*.b[0]\n');
    assert.ok(attrOnly.kind === 'Index' && attrOnly.object.kind === 'Splat');
    assert.deepEqual(attrOnly.object.steps.map((s) => s.kind), ['GetAttr']);
  });

  void it('object for with grouping and condition', () => {
    const src = 'v = {for k, v in m : v.group => k... if v.enabled}\n';
    const expr = value(src);
    assert.ok(expr.kind === 'For');
    assert.deepEqual([expr.keyVar, expr.valueVar, expr.grouping], ['k', 'v', true]);
    assert.equal(slice(src, expr.keyExpr!.range), 'v.group');
    assert.equal(slice(src, expr.condition!.range), 'v.enabled');
  });

  void it('object keys: bare, quoted, parenthesised; newline and comma separators', () => {
    const src = 'v = {\n  a = 1, "b" = 2\n  (local.k) : 3\n}\n';
    const expr = value(src);
    assert.ok(expr.kind === 'Object');
    assert.deepEqual(expr.items.map((i) => [i.key.kind, slice(src, i.key.range), i.separator, slice(src, i.range)]), [
      ['Variable', 'a', '=', 'a = 1'], ['Template', '"b"', '=', '"b" = 2'], ['Parentheses', '(local.k)', ':', '(local.k) : 3'],
    ]);
  });

  void it('tuples ignore newlines and allow a trailing comma', () => {
    const src = 'v = [\n  1,\n  "two",\n]\n';
    const expr = value(src);
    assert.ok(expr.kind === 'Tuple');
    assert.deepEqual(expr.elements.map((e) => slice(src, e.range)), ['1', '"two"']);
  });

  void it('conditional is the lowest precedence and right-associative', () => {
    const src = 'v = a || b ? c : d ? e : f\n';
    const expr = value(src);
    assert.ok(expr.kind === 'Conditional');
    assert.equal(slice(src, expr.condition.range), 'a || b');
    assert.equal(slice(src, expr.falseExpr.range), 'd ? e : f');
  });

  void it('comparison binds tighter than && and looser than +', () => {
    const src = 'v = a + 1 < b && c != d\n';
    const expr = value(src);
    assert.ok(expr.kind === 'Binary' && expr.operator === '&&');
    assert.ok(expr.left.kind === 'Binary' && expr.left.operator === '<');
    assert.equal(slice(src, expr.left.left.range), 'a + 1');
    assert.equal(slice(src, expr.right.range), 'c != d');
  });
});

void describe('text encodings', () => {
  void it('CRLF line endings: positions count \\r\\n as one line break', () => {
    const src = 'a = 1\r\nblock "x" {\r\n  b = "two"\r\n}\r\n';
    const file = parseHcl(src);
    assert.deepEqual(file.errors, []);
    const block = file.body.items[1] as Block;
    const b = block.body.items[0] as Attribute;
    assert.deepEqual(b.expr.range, { start: { line: 2, character: 6, offset: 26 }, end: { line: 2, character: 11, offset: 31 } });
    assert.deepEqual(block.closeBrace?.start, { line: 3, character: 0, offset: 33 });
  });

  void it('a byte order mark is skipped', () => {
    const src = '\ufeffa = 1\n';
    const file = parseHcl(src);
    assert.deepEqual(file.errors, []);
    assert.deepEqual((file.body.items[0] as Attribute).nameRange.start, { line: 0, character: 1, offset: 1 });
  });

  void it('Unicode identifiers and UTF-16 characters', () => {
    const src = 'é_name = "😀${naïve}"\n';
    const file = parseHcl(src);
    assert.deepEqual(file.errors, []);
    const attr = file.body.items[0] as Attribute;
    assert.equal(attr.name, 'é_name');
    assert.ok(attr.expr.kind === 'Template');
    const interp = attr.expr.parts[1];
    assert.ok(interp?.kind === 'TemplateInterpolation' && interp.expr.kind === 'Variable');
    assert.equal(interp.expr.name, 'naïve');
    // "😀" is two UTF-16 code units: the interpolation starts at character 12.
    assert.deepEqual(interp.range.start, { line: 0, character: 12, offset: 12 });
  });
});
