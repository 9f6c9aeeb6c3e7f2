// Terraform JSON syntax mapped into the same tree, with ranges into the JSON text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Attribute, type Block, parseFile, parseJson } from '../../../server/src/hcl';
import { allRanges, assertRangeConsistent, slice } from './helpers';

void describe('parseJson', () => {
  const src = [
    '{',
    '  "//": "generated",',
    '  "resource": {',
    '    "aws_s3_bucket": {',
    '      "logs": { "bucket": "b-${var.env}", "count": 2, "tags": { "a": true } },',
    '      "other": [{ "bucket": "x" }, { "bucket": "y" }]',
    '    }',
    '  },',
    '  "variable": { "env": { "default": null } },',
    '  "locals": { "l": [1, "two"] },',
    '  "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws" } }, "backend": { "s3": { "bucket": "tf" } } }',
    '}',
  ].join('\n');
  const file = parseJson(src);
  const blocks = file.body.items as Block[];

  void it('parses without errors, keeping "//" as a comment', () => {
    assert.deepEqual(file.errors, []);
    assert.equal(file.syntax, 'json');
    assert.deepEqual(file.comments.map((c) => [c.style, c.text, slice(src, c.range)]), [['//', 'generated', '"//": "generated"']]);
  });

  void it('maps block types to blocks with Terraform label counts', () => {
    assert.deepEqual(blocks.map((b) => [b.type, b.labels.map((l) => l.value)]), [
      ['resource', ['aws_s3_bucket', 'logs']],
      ['resource', ['aws_s3_bucket', 'other']],
      ['resource', ['aws_s3_bucket', 'other']],
      ['variable', ['env']],
      ['locals', []],
      ['terraform', []],
    ]);
    assert.equal(slice(src, blocks[0]!.labels[1]!.range), '"logs"');
    assert.equal(slice(src, blocks[0]!.typeRange), '"resource"');
  });

  void it('reads body properties as attributes, strings as templates with in-place ranges', () => {
    const attrs = blocks[0]!.body.items as Attribute[];
    assert.deepEqual(attrs.map((a) => [a.name, a.expr.kind]), [['bucket', 'Template'], ['count', 'Literal'], ['tags', 'Object']]);
    const bucket = attrs[0]!.expr;
    assert.equal(slice(src, bucket.range), '"b-${var.env}"');
    assert.ok(bucket.kind === 'Template' && bucket.parts[1]?.kind === 'TemplateInterpolation');
    assert.equal(slice(src, bucket.parts[1].expr.range), 'var.env');
    assert.deepEqual(bucket.parts[1].expr.range.start, { line: 4, character: 31, offset: src.indexOf('var.env') });
  });

  void it('decodes nested terraform blocks', () => {
    const terraform = blocks[5]!;
    assert.deepEqual(terraform.body.items.map((i) => i.kind === 'Block' ? [i.type, i.labels.map((l) => l.value)] : i.name), [['required_providers', []], ['backend', ['s3']]]);
  });

  void it('keeps every range consistent', () => {
    for (const { range } of allRanges(file)) assertRangeConsistent(src, range);
  });

  void it('reads .tfvars.json top-level properties as attributes', () => {
    const vars = parseFile('prod.tfvars.json', '{ "region": "eu-west-1", "resource": 1 }');
    assert.deepEqual(vars.body.items.map((i) => i.kind === 'Attribute' && i.name), ['region', 'resource']);
  });

  void it('decodes JSON escapes in strings; an interpolation with escaped quotes is parsed after decoding', () => {
    const text = '{ "locals": { "a": "x\\/y\\n", "b": "${lookup(m, \\"k\\")}" } }';
    const f = parseJson(text);
    assert.deepEqual(f.errors, []);
    const [a, b] = (f.body.items[0] as Block).body.items as Attribute[];
    assert.ok(a?.expr.kind === 'Template' && b?.expr.kind === 'Template');
    assert.deepEqual(a.expr.parts.map((p) => p.kind === 'TemplateLiteral' && p.value), ['x/y\n']);
    const interpolation = b.expr.parts[0];
    assert.ok(interpolation?.kind === 'TemplateInterpolation' && interpolation.expr.kind === 'FunctionCall');
    assert.equal(interpolation.expr.name, 'lookup');
    // Ranges point into the JSON text, escapes included.
    assert.equal(slice(text, interpolation.expr.range), 'lookup(m, \\"k\\")');
    assert.equal(slice(text, interpolation.expr.args[1]!.range), '\\"k\\"');
    for (const { range } of allRanges(f)) assertRangeConsistent(text, range);
  });

  void it('a \\r escape next to an interpolation is just a character', () => {
    // (The escaped quotes send it through the decoded-string path.)
    const f = parseJson('{ "locals": { "c": "a\\r${f(\\"k\\")}" } }');
    assert.deepEqual(f.errors, []);
    const c = (f.body.items[0] as Block).body.items[0] as Attribute;
    assert.ok(c.expr.kind === 'Template');
    assert.deepEqual(c.expr.parts.map((p) => p.kind), ['TemplateLiteral', 'TemplateInterpolation']);
    assert.equal(c.expr.parts[0]?.kind === 'TemplateLiteral' && c.expr.parts[0].value, 'a\r');
  });

  void it('parseFile dispatches on the file name', () => {
    assert.equal(parseFile('main.tf', 'a = 1\n').syntax, 'hcl');
    assert.equal(parseFile('terraform.tfvars', 'a = 1\n').syntax, 'hcl');
    assert.equal(parseFile('main.TF.JSON', '{}').syntax, 'json');
  });

  void it('reports malformed JSON with a position, keeping what came before', () => {
    const broken = parseJson('{\n  "variable": { "a": {} },\n  "output": { "b": { "value": 1 }\n');
    assert.deepEqual(broken.errors.map((e) => [e.message, e.range.start.line, e.range.start.character]), [['Invalid JSON: expected "," or "}" after an object property', 3, 0]]);
    assert.deepEqual(broken.body.items.map((i) => i.kind === 'Block' && i.type), ['variable', 'output']);
  });
});
