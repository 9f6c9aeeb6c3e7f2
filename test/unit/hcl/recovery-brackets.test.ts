// Recovery of a half-typed object, tuple, call or parenthesis: the bracket ends before the next
// line that can only start an argument or block of the enclosing body (`name =`, `name {`,
// `name "label" {`, or a `}` left of the attribute), so the items after it keep their findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Body, parseHcl } from '../../../server/src/hcl';

/** `type label… {items}` for blocks, `name:Kind` for attributes. */
function outline(body: Body): string[] {
  return body.items.map((i) => i.kind === 'Attribute'
    ? `${i.name}:${i.expr.kind}`
    : `${[i.type, ...i.labels.map((l) => l.value)].join(' ')} {${outline(i.body).join(', ')}}${i.closeBrace ? '' : ' (unclosed)'}`);
}

const UNTERMINATED_OBJECT = 'Unterminated object constructor expression: there is no closing "}" for this "{" before the next argument or block';
const UNTERMINATED_TUPLE = 'Unterminated tuple constructor expression: there is no closing "]" for this "[" before the next argument or block';
const UNTERMINATED_CALL = 'Unterminated function call: there is no closing ")" for this function call before the next argument or block';
const UNCLOSED_BLOCK = 'Unclosed configuration block: there is no closing brace for this resource block';

void describe('a half-typed bracket ends before the next argument or block', () => {
  // errors: `line:character-line:character message`, all 0-based.
  const cases: { name: string; src: string; outline: string[]; errors: string[] }[] = [
    {
      name: 'an object opened last in a block keeps the next block',
      src: 'resource "aws_s3_bucket" "c" {\n  acl = "public-read"\n  tags = {\nresource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n',
      outline: ['resource aws_s3_bucket c {acl:Template, tags:Object} (unclosed)', 'resource aws_s3_bucket b {acl:Template}'],
      errors: [`0:29-0:30 ${UNCLOSED_BLOCK}`, `2:9-2:10 ${UNTERMINATED_OBJECT}`],
    },
    {
      name: 'a tuple opened last in a block keeps the next block',
      src: 'resource "aws_s3_bucket" "c" {\n  acl = "public-read"\n  tags = [\nresource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n',
      outline: ['resource aws_s3_bucket c {acl:Template, tags:Tuple} (unclosed)', 'resource aws_s3_bucket b {acl:Template}'],
      errors: [`0:29-0:30 ${UNCLOSED_BLOCK}`, `2:9-2:10 ${UNTERMINATED_TUPLE}`],
    },
    {
      name: 'an object typed above an argument does not take the argument or the block\'s brace',
      src: 'resource "a" "c" {\n  tags = {\n  acl = "x"\n}\nresource "a" "b" {}\n',
      outline: ['resource a c {tags:Object, acl:Template}', 'resource a b {}'],
      errors: [`1:9-1:10 ${UNTERMINATED_OBJECT}`],
    },
    {
      name: 'a brace left of the attribute closes the block, not the object',
      src: 'resource "a" "c" {\n  tags = {\n}\n\nresource "a" "b" {\n  acl = "x"\n}\n',
      outline: ['resource a c {tags:Object}', 'resource a b {acl:Template}'],
      errors: [`1:9-1:10 ${UNTERMINATED_OBJECT}`],
    },
    {
      name: 'a tuple with elements stops before an argument at its indentation',
      src: 'x = [\n  1,\n  2\ny = 3\n',
      outline: ['x:Tuple', 'y:Literal'],
      errors: [`0:4-0:5 ${UNTERMINATED_TUPLE}`],
    },
    {
      name: 'a tuple stops before a nested block header (tabs count as indentation)',
      src: 'locals {\n\ttags = [\n\t"a",\n\tlifecycle "x" {\n\t}\n}\n',
      outline: ['locals {tags:Tuple, lifecycle x {}}'],
      errors: [`1:8-1:9 ${UNTERMINATED_TUPLE}`],
    },
    {
      name: 'a function call',
      src: 'resource "a" "c" {\n  tags = merge(\n  acl = "x"\n}\n',
      outline: ['resource a c {tags:FunctionCall, acl:Template}'],
      errors: [`1:14-1:15 ${UNTERMINATED_CALL}`],
    },
    {
      name: 'nested brackets: one error for each',
      src: 'x = {\n  a = f(\nz = 1\n',
      outline: ['x:Object', 'z:Literal'],
      errors: [`0:4-0:5 ${UNTERMINATED_OBJECT}`, `1:7-1:8 ${UNTERMINATED_CALL}`],
    },
    {
      name: 'parentheses',
      src: 'locals {\n  a = (\n  b = 1\n}\n',
      outline: ['locals {a:Parentheses, b:Literal}'],
      errors: ['1:6-1:7 Unbalanced parentheses: there is no closing ")" for this "(" before the next argument or block'],
    },
    {
      name: 'items deeper than the attribute stay in the object',
      src: 'x = {\n  a = 1\n',
      outline: ['x:Object'],
      errors: ['0:4-0:5 Unclosed object: expected "}" to close the "{" here, found end of file'],
    },
    {
      name: 'well-formed brackets in a file broken elsewhere are read as written',
      src: 'locals {\n  a = {\n    b = 1\n  }\n  c = [\n  d == e,\n  ]\n}\nresource "x" "y" {\n',
      outline: ['locals {a:Object, c:Tuple}', 'resource x y {} (unclosed)'],
      errors: [`8:17-8:18 ${UNCLOSED_BLOCK}`],
    },
    {
      name: 'an unindented object is valid HCL when nothing else is broken',
      src: 'locals {\n  tags = {\n  a = 1\n  }\n}\n',
      outline: ['locals {tags:Object}'],
      errors: [],
    },
  ];
  for (const c of cases) {
    void it(c.name, () => {
      const file = parseHcl(c.src);
      assert.deepEqual(outline(file.body), c.outline);
      assert.deepEqual(file.errors.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.message}`), c.errors);
    });
  }
});
