// The common constructs of real Terraform, with exact ranges (step 1 of issue #3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Attribute, type Block, type Expression, parseHcl } from '../../../server/src/hcl';
import { allRanges, assertRangeConsistent, slice } from './helpers';

function attr(src: string): { expr: Expression; a: Attribute } {
  const file = parseHcl(src);
  assert.deepEqual(file.errors, []);
  const a = file.body.items[0];
  assert.equal(a?.kind, 'Attribute');
  return { expr: a.expr, a };
}

void describe('parseHcl: blocks and attributes', () => {
  const src = '# header\nresource "aws_s3_bucket" "logs" {\n  bucket = "my-logs"\n  versioning {\n    enabled = true\n  }\n}\n';
  const file = parseHcl(src);

  void it('parses without errors and keeps the comment', () => {
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.comments, [{ kind: 'Comment', style: '#', text: ' header', range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 8, offset: 8 } } }]);
  });

  void it('gives the block, its labels and braces exact ranges', () => {
    const block = file.body.items[0] as Block;
    assert.equal(block.kind, 'Block');
    assert.equal(block.type, 'resource');
    assert.deepEqual(block.typeRange, { start: { line: 1, character: 0, offset: 9 }, end: { line: 1, character: 8, offset: 17 } });
    assert.deepEqual(block.labels.map((l) => [l.value, l.quoted, slice(src, l.range)]), [['aws_s3_bucket', true, '"aws_s3_bucket"'], ['logs', true, '"logs"']]);
    assert.deepEqual(block.openBrace?.start, { line: 1, character: 32, offset: 41 });
    assert.deepEqual(block.closeBrace?.start, { line: 6, character: 0, offset: src.length - 2 });
    assert.equal(slice(src, block.range), src.slice(9, -1));
  });

  void it('gives attributes name and value ranges', () => {
    const block = file.body.items[0] as Block;
    const bucket = block.body.items[0] as Attribute;
    assert.equal(bucket.name, 'bucket');
    assert.deepEqual(bucket.nameRange, { start: { line: 2, character: 2, offset: 45 }, end: { line: 2, character: 8, offset: 51 } });
    assert.equal(slice(src, bucket.expr.range), '"my-logs"');
    assert.equal(slice(src, bucket.range), 'bucket = "my-logs"');
    const versioning = block.body.items[1] as Block;
    assert.equal(versioning.type, 'versioning');
    assert.deepEqual(versioning.labels, []);
    const enabled = versioning.body.items[0] as Attribute;
    assert.deepEqual(enabled.expr, { kind: 'Literal', value: true, raw: 'true', range: { start: { line: 4, character: 14, offset: 93 }, end: { line: 4, character: 18, offset: 97 } } });
  });

  void it('every range is consistent with its offset', () => {
    for (const { range } of allRanges(file)) assertRangeConsistent(src, range);
  });

  void it('accepts bare labels and one-line blocks', () => {
    const f = parseHcl('provider aws { region = "us-east-1" }\n');
    assert.deepEqual(f.errors, []);
    const block = f.body.items[0] as Block;
    assert.deepEqual(block.labels.map((l) => [l.value, l.quoted]), [['aws', false]]);
    assert.equal((block.body.items[0] as Attribute).name, 'region');
  });
});

void describe('parseHcl: expressions', () => {
  // [source of the value, expected kind, text of a sub-expression reached by `pick`]
  const cases: [string, string, (e: Expression) => Expression | undefined, string][] = [
    ['42', 'Literal', (e) => e, '42'],
    ['1.5e3', 'Literal', (e) => e, '1.5e3'],
    ['null', 'Literal', (e) => e, 'null'],
    ['var.name', 'GetAttr', (e) => (e.kind === 'GetAttr' ? e.object : undefined), 'var'],
    ['a.b[0].c', 'GetAttr', (e) => (e.kind === 'GetAttr' && e.object.kind === 'Index' ? e.object.key : undefined), '0'],
    ['"x-${var.env}-y"', 'Template', (e) => (e.kind === 'Template' && e.parts[1]?.kind === 'TemplateInterpolation' ? e.parts[1].expr : undefined), 'var.env'],
    ['[1, "two", three]', 'Tuple', (e) => (e.kind === 'Tuple' ? e.elements[2] : undefined), 'three'],
    ['{ a = 1, "b" : 2 }', 'Object', (e) => (e.kind === 'Object' ? e.items[1]?.key : undefined), '"b"'],
    ['max(1, 2)', 'FunctionCall', (e) => (e.kind === 'FunctionCall' ? e.args[1] : undefined), '2'],
    ['a ? b : c', 'Conditional', (e) => (e.kind === 'Conditional' ? e.falseExpr : undefined), 'c'],
    ['a || b && c', 'Binary', (e) => (e.kind === 'Binary' ? e.right : undefined), 'b && c'],
    ['1 + 2 * 3', 'Binary', (e) => (e.kind === 'Binary' ? e.right : undefined), '2 * 3'],
    ['a == b + 1', 'Binary', (e) => (e.kind === 'Binary' ? e.right : undefined), 'b + 1'],
    ['-x.y', 'Unary', (e) => (e.kind === 'Unary' ? e.operand : undefined), 'x.y'],
    ['!a', 'Unary', (e) => (e.kind === 'Unary' ? e.operand : undefined), 'a'],
    ['(a + b) * c', 'Binary', (e) => (e.kind === 'Binary' ? e.left : undefined), '(a + b)'],
    ['[for s in var.l : s.id if s.ok]', 'For', (e) => (e.kind === 'For' ? e.condition : undefined), 's.ok'],
    ['{for k, v in m : k => v}', 'For', (e) => (e.kind === 'For' ? e.keyExpr : undefined), 'k'],
    ['x[*].id', 'Splat', (e) => (e.kind === 'Splat' ? e.source : undefined), 'x'],
    ['x.*.id', 'Splat', (e) => (e.kind === 'Splat' ? e.source : undefined), 'x'],
  ];
  for (const [value, kind, pick, subText] of cases) {
    void it(`${value} → ${kind}`, () => {
      const src = `v = ${value}\n`;
      const { expr, a } = attr(src);
      assert.equal(expr.kind, kind);
      assert.equal(slice(src, expr.range), value);
      assert.equal(slice(src, a.range), `v = ${value}`);
      const sub = pick(expr);
      assert.ok(sub, 'sub-expression present');
      assert.equal(slice(src, sub.range), subText);
      for (const { range } of allRanges(expr)) assertRangeConsistent(src, range);
    });
  }

  void it('decodes string escapes and keeps literal values', () => {
    const { expr } = attr('v = "a\\n\\"b\\u00e9 $${x}"\n');
    assert.equal(expr.kind, 'Template');
    assert.deepEqual(expr.kind === 'Template' && expr.parts.map((p) => p.kind === 'TemplateLiteral' && p.value), ['a\n"bé ${x}']);
  });

  void it('reads heredocs, removing indentation for <<-', () => {
    const src = 'v = <<-EOT\n    hello\n      world\n    EOT\nw = 1\n';
    const file = parseHcl(src);
    assert.deepEqual(file.errors, []);
    const expr = (file.body.items[0] as Attribute).expr;
    assert.equal(expr.kind, 'Template');
    if (expr.kind !== 'Template') return;
    assert.deepEqual(expr.heredoc, { marker: 'EOT', indented: true });
    assert.deepEqual(expr.parts.map((p) => p.kind === 'TemplateLiteral' && p.value), ['hello\n  world\n']);
    assert.equal(slice(src, expr.range), '<<-EOT\n    hello\n      world\n    EOT');
    assert.equal((file.body.items[1] as Attribute).name, 'w');
  });

  void it('parses function calls with expansion and provider functions', () => {
    const { expr } = attr('v = provider::aws::arn_parse(concat(a, b...))\n');
    assert.equal(expr.kind, 'FunctionCall');
    if (expr.kind !== 'FunctionCall') return;
    assert.equal(expr.name, 'provider::aws::arn_parse');
    assert.deepEqual(expr.nameRange, { start: { line: 0, character: 4, offset: 4 }, end: { line: 0, character: 28, offset: 28 } });
    const inner = expr.args[0];
    assert.equal(inner?.kind === 'FunctionCall' && inner.expandFinal, true);
  });

  void it('keeps // and /* */ comments', () => {
    const file = parseHcl('a = 1 // one\n/* two\n lines */ b = 2\n');
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.comments.map((c) => [c.style, c.text]), [['//', ' one'], ['/*', ' two\n lines ']]);
    assert.deepEqual(file.body.items.map((i) => i.kind === 'Attribute' && i.name), ['a', 'b']);
  });
});
