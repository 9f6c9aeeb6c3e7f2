// The function library and operators, evaluated through the real parser and model: each case is
// an expression written as a resource argument, and the plain data it must evaluate to.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '../../../server/src/terraform';
import { attribute, buildModel, data } from './memory-host';

function evaluateText(expr: string, extra: Record<string, string> = {}): Value {
  const model = buildModel({ 'main.tf': `resource "t" "r" {\n  v = ${expr}\n}\n`, ...extra });
  return attribute(model, 't.r', 'v');
}

const CASES: readonly [string, unknown][] = [
  // string
  ['lower("HeLLo")', 'hello'],
  ['upper("abc")', 'ABC'],
  ['title("hello world")', 'Hello World'],
  ['trimspace("  a b \\n")', 'a b'],
  ['trim("?!hello?!", "!?")', 'hello'],
  ['trimprefix("helloworld", "hello")', 'world'],
  ['trimsuffix("helloworld", "world")', 'hello'],
  ['chomp("hello\\n\\n")', 'hello'],
  ['startswith("hello world", "hello")', true],
  ['endswith("hello world", "hello")', false],
  ['strcontains("hello world", "o w")', true],
  ['substr("hello world", 1, 4)', 'ello'],
  ['substr("hello world", -5, -1)', 'world'],
  ['strrev("abc")', 'cba'],
  ['join(", ", ["a", "b", "c"])', 'a, b, c'],
  ['join("-", ["a"], ["b", 1])', 'a-b-1'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
  ['replace("hello world", "/w.*d/", "everybody")', 'hello everybody'],
  ['replace("a-1 b-2", "/([a-z])-(\\\\d)/", "$2$1")', '1a 2b'],
  ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
  ['regex("^(\\\\d+)-(\\\\d+)$", "10-20")', ['10', '20']],
  ['regex("^(?P<user>[^@]+)@(?P<domain>.+)$", "me@example.com")', { user: 'me', domain: 'example.com' }],
  ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
  ['format("Hello, %s!", "Ander")', 'Hello, Ander!'],
  ['format("There are %d lights", 4)', 'There are 4 lights'],
  ['format("%05.2f|%-4s|%4s|%q|%t|%x", 3.14159, "a", "b", "c", true, 255)', '03.14|a   |   b|"c"|true|ff'],
  ['format("%v %v", 1, [1, "a"])', '1 [1,"a"]'],
  ['formatlist("%s=%s", ["a", "b"], "x")', ['a=x', 'b=x']],
  ['indent(2, "a\\nb")', 'a\n  b'],
  ['basename("/a/b/c.txt")', 'c.txt'],
  ['dirname("/a/b/c.txt")', '/a/b'],
  // collection
  ['length([1, 2, 3])', 3],
  ['length({ a = 1 })', 1],
  ['length("héllo")', 5],
  ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
  ['flatten([["a", "b"], [], ["c", ["d"]]])', ['a', 'b', 'c', 'd']],
  ['distinct(["a", "b", "a", "c"])', ['a', 'b', 'c']],
  ['compact(["a", "", "b", null])', ['a', 'b']],
  ['contains(["a", "b"], "b")', true],
  ['contains(["a", "b"], "z")', false],
  ['element(["a", "b", "c"], 4)', 'b'],
  ['index(["a", "b"], "b")', 1],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['lookup({ a = "ay", b = "bee" }, "a", "what?")', 'ay'],
  ['lookup({ a = "ay" }, "c", "what?")', 'what?'],
  ['merge({ a = 1, b = 2 }, { b = 3 }, null)', { a: 1, b: 3 }],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['coalesce("", null, "b", "c")', 'b'],
  ['coalescelist([], ["c"])', ['c']],
  ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
  ['reverse([1, 2])', [2, 1]],
  ['sort(["b", "a", "c"])', ['a', 'b', 'c']],
  ['range(3)', [0, 1, 2]],
  ['range(1, 8, 3)', [1, 4, 7]],
  ['chunklist(["a", "b", "c"], 2)', [['a', 'b'], ['c']]],
  ['one(["x"])', 'x'],
  ['one([])', null],
  ['alltrue([true, "true"])', true],
  ['anytrue([false])', false],
  ['sum([1, 2, 3.5])', 6.5],
  ['setunion(["a", "b"], ["b", "c"])', ['a', 'b', 'c']],
  ['setintersection(["a", "b"], ["b", "c"])', ['b']],
  ['setsubtract(["a", "b", "c"], ["a"])', ['b', 'c']],
  ['setproduct(["a", "b"], [1])', [['a', 1], ['b', 1]]],
  ['transpose({ a = ["1", "2"], b = ["2"] })', { 1: ['a'], 2: ['a', 'b'] }],
  ['matchkeys(["i-1", "i-2"], ["us", "eu"], ["eu"])', ['i-2']],
  // numeric
  ['abs(-12.4)', 12.4],
  ['ceil(5.1)', 6],
  ['floor(-4.5)', -5],
  ['min(12, 54, 3)', 3],
  ['max(12, 54, 3)', 54],
  ['max([4, 9]...)', 9],
  ['pow(2, 10)', 1024],
  ['signum(-3)', -1],
  ['parseint("FF", 16)', 255],
  ['parseint("-101", 2)', -5],
  // conversion
  ['tostring(12)', '12'],
  ['tonumber("1.5")', 1.5],
  ['tobool("true")', true],
  ['tolist(["a", 1])', ['a', '1']],
  ['toset(["c", "a", "c"])', ['a', 'c']],
  ['tomap({ a = 1, b = "x" })', { a: '1', b: 'x' }],
  // encoding
  ['jsonencode({ b = [1, true, null], a = "<x>" })', '{"a":"\\u003cx\\u003e","b":[1,true,null]}'],
  ['jsondecode("{\\"a\\": [1, \\"b\\"]}")', { a: [1, 'b'] }],
  ['base64encode("Hello World")', 'SGVsbG8gV29ybGQ='],
  ['base64decode("SGVsbG8gV29ybGQ=")', 'Hello World'],
  ['urlencode("a b&c/d")', 'a+b%26c%2Fd'],
  ['md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
  ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
  ['uuidv5("dns", "www.terraform.io")', 'a5008fae-b28c-5ba5-96cd-82b4c53552d6'],
  ['yamldecode("a: [1, x]")', { a: [1, 'x'] }],
  ['csvdecode("a,b\\n1,\\"x, \\"\\"y\\"\\"\\"\\n")', [{ a: '1', b: 'x, "y"' }]],
  ['templatestring("Hi $${name}%%{ if admin } (admin)%%{ endif }", { name = "ann", admin = true })', 'Hi ann (admin)'],
  ['ephemeralasnull("x")', 'x'],
  // network
  ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
  ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
  ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
  ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
  ['cidrhost("10.12.112.0/20", -2)', '10.12.127.254'],
  ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
  ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
  // date and time
  ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 23:12 UTC'],
  ['formatdate("EEEE, MMMM D, YYYY \'at\' H:mmaa", "2018-01-02T23:12:01-08:00")', 'Tuesday, January 2, 2018 at 11:12pm'],
  ['formatdate("YYYYMMDDhhmmss Z ZZZZ ZZZZZ", "2017-11-22T00:00:00+05:30")', '20171122000000 +05:30 +0530 +05:30'],
  ['timeadd("2017-11-22T00:00:00Z", "10m")', '2017-11-22T00:10:00Z'],
  ['timeadd("2017-11-22T00:00:00+01:00", "-1h30m")', '2017-11-21T22:30:00+01:00'],
  ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00+01:00")', 0],
  ['timecmp("2017-11-22T00:00:01Z", "2017-11-22T00:00:00Z")', 1],
  // try / can
  ['try(local.nope, "fallback")', 'fallback'],
  ['try({ a = 1 }.b, { a = 1 }.a)', 1],
  ['can(regex("^ami-", "ami-123"))', true],
  ['can(regex("^ami-", "foo"))', false],
  ['can(tonumber("x"))', false],
];

void describe('terraform functions', () => {
  for (const [expr, expected] of CASES) {
    void it(`${expr} → ${JSON.stringify(expected)}`, () => {
      const value = evaluateText(expr);
      assert.notEqual(value.kind, 'unknown', value.kind === 'unknown' ? value.reason : '');
      assert.deepEqual(data(value), expected);
    });
  }
});

const UNKNOWN_CASES: readonly [string, string][] = [
  ['timestamp()', 'function timestamp() is impure (its result changes on every run)'],
  ['uuid()', 'function uuid() is impure (its result changes on every run)'],
  ['filebase64("${path.module}/logo.png")', 'function filebase64() reads the file system, which the model does not; not evaluated'],
  ['nosuchfunction(1)', 'function nosuchfunction() is not implemented'],
  ['provider::aws::arn_parse("x")', 'provider function provider::aws::arn_parse() is not evaluated'],
  ['upper(var.missing)', 'error: var.missing is not declared: there is no variable "missing" in this module'],
  ['length(1, 2)', 'error: length() takes 1 argument, got 2'],
  ['element([], 0)', 'error: element(): cannot use element() with an empty list'],
  ['tonumber("x")', 'error: tonumber(): cannot convert "x" to number'],
  ['range(2000)', 'error: range(): more than 1024 elements'],
  ['regex("^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")', 'the pattern "^(a+)+$" has nested quantifiers, which JavaScript may take exponential time to match; not evaluated'],
  ['length(setproduct(range(100), range(100), range(100)))', 'error: setproduct(): the product has more than 100000 elements'],
  ['format("%99999s", "x")', 'error: format(): %99999s: width and precision are limited to 10000'],
  ['regex("z", "abc")', 'error: regex(): pattern did not match any part of the given string'],
  ['cidrsubnet("10.0.0.0/30", 4, 0)', 'error: cidrsubnet(): insufficient address space to extend prefix of 30 by 4'],
  ['jsonencode({ id = aws_s3_bucket.b.id })', 'aws_s3_bucket.b.id is known after apply'],
  ['try(aws_s3_bucket.b.id, "x")', 'aws_s3_bucket.b.id is known after apply'],
  ['can(aws_s3_bucket.b.id)', 'aws_s3_bucket.b.id is known after apply'],
];

void describe('terraform functions that give Unknown', () => {
  for (const [expr, reason] of UNKNOWN_CASES) {
    void it(`${expr} → Unknown: ${reason}`, () => {
      const value = evaluateText(expr, { 'b.tf': 'resource "aws_s3_bucket" "b" {}\n' });
      assert.equal(value.kind, 'unknown');
      assert.equal(value.kind === 'unknown' ? value.reason : '', reason);
    });
  }

  void it('keeps the resource references of Unknown arguments', () => {
    const value = evaluateText('jsonencode({ Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"] })', { 'b.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    assert.deepEqual(value.kind === 'unknown' ? value.references : undefined, [{ address: 'aws_s3_bucket.b', fullAddress: 'aws_s3_bucket.b', attribute: 'arn' }]);
  });
});
