// Every attribute operator, on values from the real parser and model: the verdict, the exact
// range of the finding (the value, the list element, or the header when missing) and the message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

/** A one-rule policy over `test_thing` whose `require` is `condition` (YAML flow syntax). */
function policy(condition: string): string {
  return `id: test-operator
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [test_thing]
    require: ${condition}
`;
}

interface Case {
  readonly name: string;
  readonly condition: string;
  /** The body of `resource "test_thing" "x" {…}`, one attribute per line, starting on line 1. */
  readonly body: string;
  readonly status: 'pass' | 'fail' | 'unknown';
  readonly span?: string;
  readonly message?: string;
}

const HEADER = '0:0-0:27';

const cases: Case[] = [
  { name: 'exists: set', condition: '{ attribute: a, exists: true }', body: 'a = 1', status: 'pass' },
  { name: 'exists: missing → header', condition: '{ attribute: a, exists: true }', body: 'b = 1', status: 'fail', span: HEADER, message: 'T: a is not set' },
  { name: 'exists: null counts as missing', condition: '{ attribute: a, exists: true }', body: 'a = null', status: 'fail', span: HEADER },
  { name: 'exists: nested block', condition: '{ attribute: logging, exists: true }', body: 'logging {\n  target = "x"\n}', status: 'pass' },
  { name: 'exists false = absent', condition: '{ attribute: a, exists: false }', body: 'a = 1', status: 'fail', span: '1:6-1:7', message: 'T: a is 1' },
  { name: 'absent', condition: '{ attribute: a, absent: true }', body: 'b = 1', status: 'pass' },
  { name: 'non_empty: set', condition: '{ attribute: a, non_empty: true }', body: 'a = "alias/aws/sns"', status: 'pass' },
  { name: 'non_empty: empty string → the value', condition: '{ attribute: a, non_empty: true }', body: 'a = ""', status: 'fail', span: '1:6-1:8', message: 'T: a is ""' },
  { name: 'non_empty: null → header', condition: '{ attribute: a, non_empty: true }', body: 'a = null', status: 'fail', span: HEADER, message: 'T: a is not set' },
  { name: 'non_empty: missing → header', condition: '{ attribute: a, non_empty: true }', body: 'b = 1', status: 'fail', span: HEADER, message: 'T: a is not set' },
  { name: 'non_empty: empty list', condition: '{ attribute: a, non_empty: true }', body: 'a = []', status: 'fail', span: '1:6-1:8' },
  { name: 'non_empty: a value known only after apply counts as set', condition: '{ attribute: a, non_empty: true }', body: 'a = var.p', status: 'pass' },
  { name: 'equals: string', condition: '{ attribute: a, equals: private }', body: 'a = "public"', status: 'fail', span: '1:6-1:14', message: 'T: a is "public"' },
  { name: 'equals: bool written as a string', condition: '{ attribute: a, equals: true }', body: 'a = "true"', status: 'pass' },
  { name: 'equals: number written as a string', condition: '{ attribute: a, equals: 443 }', body: 'a = "443"', status: 'pass' },
  { name: 'equals: missing with default', condition: '{ attribute: a, equals: private, default: private }', body: 'b = 1', status: 'pass' },
  { name: 'equals: missing without default', condition: '{ attribute: a, equals: private }', body: 'b = 1', status: 'fail', span: HEADER, message: 'T: a is not set' },
  { name: 'not_equals', condition: '{ attribute: a, not_equals: "*" }', body: 'a = "*"', status: 'fail', span: '1:6-1:9' },
  { name: 'in', condition: '{ attribute: a, in: [TLS1_2, TLS1_3] }', body: 'a = "TLS1_0"', status: 'fail', span: '1:6-1:14', message: 'T: a is "TLS1_0"' },
  { name: 'not_in: default applies', condition: '{ attribute: a, not_in: [public-read], default: public-read }', body: 'b = 1', status: 'fail', span: HEADER, message: 'T: a is not set (defaults to "public-read")' },
  { name: 'contains: list element range', condition: '{ attribute: a, not_contains: "0.0.0.0/0" }', body: 'a = ["10.0.0.0/8", "0.0.0.0/0"]', status: 'fail', span: '1:21-1:32', message: 'T: a includes "0.0.0.0/0"' },
  { name: 'contains: substring', condition: '{ attribute: a, contains: "kms" }', body: 'a = "aws:kms"', status: 'pass' },
  { name: 'contains: object key', condition: '{ attribute: a, contains: Owner }', body: 'a = { Owner = "me" }', status: 'pass' },
  { name: 'matches', condition: '{ attribute: a, matches: "^arn:aws:kms:" }', body: 'a = "alias/aws/s3"', status: 'fail', span: '1:6-1:20' },
  { name: 'matches: case-insensitive', condition: '{ attribute: a, matches: "(?i)^https$" }', body: 'a = "HTTPS"', status: 'pass' },
  { name: 'not_matches', condition: '{ attribute: a, not_matches: "password" }', body: 'a = "db_password"', status: 'fail', span: '1:6-1:19' },
  { name: 'keys_match: the matching entry is the finding', condition: '{ not: { attribute: env, keys_match: "(?i)passw" } }', body: 'env = { MODE = "x", DB_PASSWORD = "hunter2" }', status: 'fail', span: '1:36-1:45', message: 'T: env has DB_PASSWORD' },
  { name: 'keys_match: no such key', condition: '{ not: { attribute: env, keys_match: "(?i)passw" } }', body: 'env = { MODE = "x" }', status: 'pass' },
  { name: 'has_entry: key and value match → the value', condition: '{ not: { attribute: env, has_entry: { key: "(?i)api_key", value: "." } } }', body: 'env = { MODE = "x", API_KEY = "k-123" }', status: 'fail', span: '1:32-1:39', message: 'T: env has API_KEY' },
  { name: 'has_entry: an empty value does not match', condition: '{ not: { attribute: env, has_entry: { key: "(?i)api_key", value: "." } } }', body: 'env = { API_KEY = "" }', status: 'pass' },
  { name: 'has_entry: an unknown value is unknown at the value, never a failure', condition: '{ not: { attribute: env, has_entry: { key: "(?i)api_key", value: "." } } }', body: 'env = { API_KEY = var.p }', status: 'unknown', span: '1:20-1:25' },
  { name: 'has_entry: without value, any value of a matching key', condition: '{ not: { attribute: env, has_entry: { key: "(?i)api_key" } } }', body: 'env = { API_KEY = "" }', status: 'fail', span: '1:20-1:22' },
  { name: 'any: the first alternative is the evidence, not a later one that found a value', condition: '{ any: [{ attribute: a, is_true: true, default: false }, { attribute: b, equals: serverless }] }', body: 'b = "provisioned"', status: 'fail', span: HEADER, message: 'T: a is not set (defaults to false)' },
  { name: 'any: the first alternative with its value', condition: '{ any: [{ attribute: a, is_true: true }, { attribute: b, equals: serverless }] }', body: 'a = false\nb = "provisioned"', status: 'fail', span: '1:6-1:11', message: 'T: a is false' },
  { name: 'any: a message on the any replaces the fact', condition: '{ any: [{ attribute: a, is_true: true }, { attribute: b, equals: x }], message: "neither a nor b" }', body: 'b = "y"', status: 'fail', span: HEADER, message: 'T: neither a nor b' },
  { name: 'greater_or_equal', condition: '{ attribute: a, greater_or_equal: 7 }', body: 'a = 1', status: 'fail', span: '1:6-1:7', message: 'T: a is 1' },
  { name: 'less_than: numeric string', condition: '{ attribute: a, less_than: 3600 }', body: 'a = "300"', status: 'pass' },
  { name: 'greater_than: not a number fails', condition: '{ attribute: a, greater_than: 0 }', body: 'a = "many"', status: 'fail' },
  { name: 'is_true', condition: '{ attribute: a, is_true: true }', body: 'a = false', status: 'fail', span: '1:6-1:11', message: 'T: a is false' },
  { name: 'is_false: default', condition: '{ attribute: a, is_false: true, default: false }', body: 'b = 1', status: 'pass' },
  { name: 'length', condition: '{ attribute: a, length: { greater_or_equal: 2 } }', body: 'a = ["x"]', status: 'fail', span: '1:6-1:11', message: 'T: a has length 1' },
  { name: 'open_to_world: not', condition: '{ not: { attribute: a, open_to_world: true } }', body: 'a = ["10.0.0.0/8", "::/0"]', status: 'fail', span: '1:21-1:27', message: 'T: a includes "::/0"' },
  { name: 'open_to_world: Azure tag', condition: '{ not: { attribute: a, open_to_world: true } }', body: 'a = "Internet"', status: 'fail' },
  { name: 'open_to_world: private range', condition: '{ not: { attribute: a, open_to_world: true } }', body: 'a = ["10.0.0.0/8"]', status: 'pass' },
  { name: 'includes_port: range string', condition: '{ not: { attribute: a, includes_port: 22 } }', body: 'a = ["80", "20-30"]', status: 'fail', span: '1:13-1:20', message: 'T: a "20-30" includes port 22' },
  { name: 'includes_port: star', condition: '{ not: { attribute: a, includes_port: 3389 } }', body: 'a = "*"', status: 'fail' },
  { name: 'includes_port: other ports', condition: '{ not: { attribute: a, includes_port: 22 } }', body: 'a = [80, 443]', status: 'pass' },
  { name: 'port_range: inside', condition: '{ not: { port_range: { from: f, to: t }, includes_port: 22 } }', body: 'f = 0\nt = 1024', status: 'fail', span: '1:6-1:7', message: 'T: ports 0-1024 include 22' },
  { name: 'port_range: 0..0 is port 0 only', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 22 } }', body: 'f = 0\nt = 0\np = "tcp"', status: 'pass' },
  { name: 'port_range: 0..0 with protocol -1 is every port', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 22 } }', body: 'f = 0\nt = 0\np = -1', status: 'fail', span: '3:6-3:8', message: 'T: protocol -1 allows every port' },
  { name: 'port_range: 0..65535 includes every port', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 3389 } }', body: 'f = 0\nt = 65535\np = "6"', status: 'fail', span: '1:6-1:7', message: 'T: ports 0-65535 include 3389' },
  { name: 'port_range: all protocols', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 22 } }', body: 'f = 80\nt = 80\np = "-1"', status: 'fail', span: '3:6-3:10', message: 'T: protocol "-1" allows every port' },
  { name: 'port_range: unknown protocol may mean all ports', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 22 } }', body: 'f = 80\nt = 80\np = var.p', status: 'unknown', span: '3:6-3:11' },
  { name: 'port_range: outside', condition: '{ not: { port_range: { from: f, to: t, protocol: p }, includes_port: 22 } }', body: 'f = 80\nt = 80\np = "tcp"', status: 'pass' },
];

void describe('attribute operators', () => {
  for (const c of cases) {
    void it(c.name, () => {
      const tf = `resource "test_thing" "x" {\n${c.body.split('\n').map((l) => `  ${l}`).join('\n')}\n}\nvariable "p" {}\n`;
      const results = run(policy(c.condition), tf);
      assert.equal(results.length, 1);
      const r = results[0]!;
      assert.equal(r.status, c.status, r.message);
      if (c.span) assert.equal(span(r), c.span);
      if (c.message) assert.equal(r.message, c.message);
    });
  }
});
