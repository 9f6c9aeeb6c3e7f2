// Error recovery: broken input gives errors with ranges and keeps everything it can; pathological
// input (NUL bytes, binary, huge, 10,000-deep nesting) gives errors, never an exception.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Body, type File, parseHcl, parseJson } from '../../../server/src/hcl';
import { allRanges } from './helpers';

/** A compact picture of a body: `type label… {items}` for blocks, `name:Kind` for attributes. */
function outline(body: Body): string[] {
  return body.items.map((i) => i.kind === 'Attribute'
    ? `${i.name}:${i.expr.kind}`
    : `${[i.type, ...i.labels.map((l) => l.value)].join(' ')} {${outline(i.body).join(', ')}}${i.closeBrace ? '' : ' (unclosed)'}`);
}

function errors(file: File): string[] {
  return file.errors.map((e) => `${e.range.start.line}:${e.range.start.character} ${e.message}`);
}

void describe('error recovery keeps the surrounding items', () => {
  const cases: { name: string; src: string; outline: string[]; errors: string[] }[] = [
    {
      name: 'a broken block between two good ones',
      src: 'resource "a" "one" {\n  x = 1\n}\nresource "a" "two" {\n  y = = 2\n  z = 3\n}\nresource "a" "three" {\n  w = 4\n}\n',
      outline: ['resource a one {x:Literal}', 'resource a two {y:Invalid, z:Literal}', 'resource a three {w:Literal}'],
      errors: ['4:6 Invalid expression: expected the start of an expression, found "="'],
    },
    {
      name: 'a half-typed attribute keeps the rest of its block',
      src: 'resource "a" "one" {\n  acl = \n  bucket = "b"\n}\nresource "a" "two" {}\n',
      outline: ['resource a one {acl:Invalid, bucket:Template}', 'resource a two {}'],
      errors: ['1:8 Invalid expression: expected the start of an expression, found newline'],
    },
    {
      name: 'an unclosed block is closed by the next block at its indentation',
      src: 'resource "a" "one" {\n  x = 1\n\nresource "a" "two" {\n  y = 2\n}\n',
      outline: ['resource a one {x:Literal} (unclosed)', 'resource a two {y:Literal}'],
      errors: ['0:19 Unclosed configuration block: there is no closing brace for this resource block'],
    },
    {
      name: 'an unclosed nested block',
      src: 'resource "a" "one" {\n  lifecycle {\n    x = 1\n\n  y = 2\n}\nresource "a" "two" {\n  z = 1\n}\n',
      outline: ['resource a one {lifecycle {x:Literal} (unclosed), y:Literal}', 'resource a two {z:Literal}'],
      errors: ['1:12 Unclosed configuration block: there is no closing brace for this lifecycle block'],
    },
    {
      name: 'an unterminated string ends at its line',
      src: 'resource "a" "one" {\n  x = "abc\n  y = 2\n}\nresource "a" "two" {}\n',
      outline: ['resource a one {x:Template, y:Literal}', 'resource a two {}'],
      errors: ['1:6 Unterminated template string: a quoted string must end with " on the same line'],
    },
    {
      name: 'an unterminated heredoc stops before a closing brace at column 0',
      src: 'variable "v" {}\nlocals {\n  x = <<EOT\n  abc\n}\n',
      outline: ['variable v {}', 'locals {x:Template}'],
      errors: ['2:6 Unterminated heredoc: missing the closing EOT marker'],
    },
    {
      name: 'an unterminated heredoc with nothing that looks like configuration runs to the end',
      src: 'locals {\n  x = <<EOT\n  abc\n  def\n',
      outline: ['locals {x:Template} (unclosed)'],
      errors: ['0:7 Unclosed configuration block: there is no closing brace for this locals block', '1:6 Unterminated heredoc: missing the closing EOT marker'],
    },
    {
      name: 'a heredoc being typed ends before the next top-level block',
      src: 'locals {\n  policy = <<EOT\n  {"a": 1}\n}\nvariable "v" {}\n',
      outline: ['locals {policy:Template}', 'variable v {}'],
      errors: ['1:11 Unterminated heredoc: missing the closing EOT marker'],
    },
    {
      name: 'heredocs with interpolations being typed, one after another',
      src: 'a = <<EOT\n${x}\nb = <<EOT\n%{ if y }z%{ endif }\nc = 1\n',
      outline: ['a:Template', 'b:Template', 'c:Literal'],
      errors: ['0:4 Unterminated heredoc: missing the closing EOT marker', '2:4 Unterminated heredoc: missing the closing EOT marker'],
    },
    {
      name: 'an unterminated comment ends with its line',
      src: 'a = 1\n/* never closed\nb = 2\n',
      outline: ['a:Literal', 'b:Literal'],
      errors: ['1:0 Unterminated comment: a /* comment must end with */'],
    },
    {
      name: 'stray closing braces and brackets',
      src: '}\nresource "a" "one" {\n  x = 1\n}\n}\n]]\nvariable "v" {}\n',
      outline: ['resource a one {x:Literal}', 'variable v {}'],
      errors: ['0:0 Unexpected "}": there is no block open here to close', '4:0 Unexpected "}": there is no block open here to close', '5:0 Argument or block definition required: expected an argument name or a block type, found "]"'],
    },
    {
      name: 'a half-typed block type between blocks',
      src: 'resource "a" "one" {\n  x = 1\n}\nresou\nresource "a" "two" {\n  y = 1\n}\n',
      outline: ['resource a one {x:Literal}', 'resource a two {y:Literal}'],
      errors: ['3:0 Argument or block definition required: to set an argument, use "=" to introduce its value'],
    },
    {
      name: 'an unclosed function call stops at the block end',
      src: 'locals {\n  a = foo(1, 2\n}\nvariable "v" {}\n',
      outline: ['locals {a:FunctionCall}', 'variable v {}'],
      errors: ['1:9 Unclosed function call: expected ")" to close the "(" here, found "}"'],
    },
    {
      name: 'a half-typed call keeps the next top-level block',
      src: 'resource "a" "b" {\n  policy = jsonencode({\n  acl = "private"\n}\n\nresource "a" "c" {\n  bucket = "c"\n}\n',
      // The call and its object end before `acl =`, which is at the attribute's indentation.
      outline: ['resource a b {policy:FunctionCall, acl:Template}', 'resource a c {bucket:Template}'],
      errors: [
        '1:21 Unterminated function call: there is no closing ")" for this function call before the next argument or block',
        '1:22 Unterminated object constructor expression: there is no closing "}" for this "{" before the next argument or block',
      ],
    },
    {
      name: 'a broken interpolation keeps the next attribute',
      src: 'locals {\n  a = "${var.x"\n  b = 1\n}\n',
      outline: ['locals {a:Template, b:Literal}'],
      errors: ['1:7 Unterminated template interpolation: expected "}" to close the one opened here, found a quoted string'],
    },
    {
      name: 'two arguments in a single-line block',
      src: 'b { c = 1, d = 2 }\ne = 3\n',
      outline: ['b {c:Literal}', 'e:Literal'],
      errors: ['0:9 Invalid single-argument block definition: a single-line block can contain only one argument; use one argument per line in a multi-line block'],
    },
  ];
  for (const c of cases) {
    void it(c.name, () => {
      const file = parseHcl(c.src);
      assert.deepEqual(outline(file.body), c.outline);
      assert.deepEqual(errors(file), c.errors);
    });
  }
});

/** No throw, errors reported, and every range inside the text with start ≤ end. */
function assertSurvives(file: File, text: string, expectErrors: boolean): void {
  assert.equal(file.errors.length > 0, expectErrors);
  assert.ok(file.errors.length <= 101, 'errors are capped');
  for (const { path, range } of allRanges(file)) {
    assert.ok(range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= text.length, path);
  }
}

void describe('pathological input', () => {
  const random = (seed: number, length: number): string => {
    let x = seed;
    let s = '';
    for (let i = 0; i < length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; s += String.fromCharCode(x % 256); }
    return s;
  };
  const deep = 10_000;
  const cases: [string, string][] = [
    ['NUL bytes', 'a = 1\n\0\0\0\nb = "\0"\n'],
    ['random binary', random(7, 50_000)],
    ['10,000-deep [', `a = ${'['.repeat(deep)}${']'.repeat(deep)}\n`],
    ['10,000-deep (', `a = ${'('.repeat(deep)}1${')'.repeat(deep)}\n`],
    ['10,000-deep { (unclosed)', `a = ${'{'.repeat(deep)}\n`],
    ['10,000-deep blocks', 'a {\n'.repeat(deep) + '}\n'.repeat(deep)],
    ['10,000 unary minus', `a = ${'-'.repeat(deep)}1\n`],
    ['10,000 nested interpolations', `a = ${'"${'.repeat(deep)}\n`],
    ['10,000 nested conditionals', `a = ${'x ? '.repeat(deep)}1\n`],
    ['10,000 nested template ifs', `a = "${'%{if x}'.repeat(deep)}"\n`],
    // Each of these once searched to the end of the file per line (quadratic): now linear.
    ['20,000 unterminated heredocs', 'x = <<EOT\n${y}\n'.repeat(20_000)],
    ['50,000 unterminated comments', '/*\n'.repeat(50_000)],
    ['100,000 binary operators', `a = ${'1 + '.repeat(10 * deep)}1\n`],
    ['100,000 attribute steps', `a = x${'.y'.repeat(10 * deep)}\n`],
  ];
  for (const [name, text] of cases) {
    void it(name, () => assertSurvives(parseHcl(text), text, true));
  }

  void it('errors are listed by position', () => {
    const file = parseHcl('locals {\n  a = (1\n  b = 2\n');
    const offsets = file.errors.map((e) => e.range.start.offset);
    assert.ok(offsets.length >= 2);
    assert.deepEqual(offsets, [...offsets].sort((x, y) => x - y));
  });

  void it('deep nesting gives one clear error', () => {
    const file = parseHcl(`a = ${'['.repeat(deep)}${']'.repeat(deep)}\nb = 2\n`);
    assert.deepEqual(errors(file), ['0:131 Nesting too deep: more than 128 levels of brackets, parentheses or blocks']);
    assert.deepEqual(outline(file.body), ['a:Tuple', 'b:Literal']);
  });

  void it('a 10 MB file parses', () => {
    const block = 'resource "aws_s3_bucket" "b" {\n  bucket = "x-${var.y}"\n  tags = { a = 1, b = [1, 2, 3] }\n}\n';
    const text = block.repeat(Math.ceil(10_000_000 / block.length));
    const file = parseHcl(text);
    assert.deepEqual(file.errors, []);
    assert.equal(file.body.items.length, Math.ceil(10_000_000 / block.length));
  });

  void it('deep and binary JSON', () => {
    const deepJson = '['.repeat(deep);
    assertSurvives(parseJson(deepJson), deepJson, true);
    const binary = random(11, 20_000);
    assertSurvives(parseJson(binary), binary, true);
  });
});
