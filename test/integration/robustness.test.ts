// Bad input never takes the server down: a half-typed block gives syntax errors while the rest of
// the file and the other files of the module keep their findings; a binary file gets one warning;
// the server keeps answering afterwards.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace } from './lsp-harness';

const BROKEN = [
  'resource "aws_s3_bucket" "a" {',
  '  acl = "public-read"',
  '}',
  '',
  'resource "aws_s3_bucket" "b" {',
  '  acl = ',
  '}',
  '',
  'resource "aws_s3_bucket" "c" {',
  '  acl = "authenticated-read"',
  '}',
  '',
].join('\n');
const EBS = 'resource "aws_ebs_volume" "scratch" {\n  availability_zone = "eu-west-1a"\n  size              = 40\n  encrypted         = false\n}\n';
const BINARY = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x0a, 0x00]);

function brief(d: Diagnostic): [unknown, unknown, unknown, unknown] {
  return [d.code, d.severity, d.range, d.message];
}

function range(line: number, start: number, endLine: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

void describe('robustness', () => {
  let client: LspTestClient;
  let ws: string;

  before(async () => {
    // Pin the policies under test, so the pack can grow without changing these expectations.
    ws = makeWorkspace({ 'main.tf': BROKEN, 'storage.tf': EBS, 'blob.tf': BINARY, '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl, aws-ebs-volume-unencrypted]\n' });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('a half-typed block: a syntax error there, findings before and after it, findings in the other files', async () => {
    const uri = await client.open(path.join(ws, 'main.tf'), BROKEN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'syntax error and findings');
    assert.deepEqual(diagnostics.map(brief), [
      ['aws-s3-bucket-public-acl', 1, range(1, 8, 1, 21), 'S3 bucket ACL grants public access: acl is "public-read"'],
      ['syntax', 1, range(5, 8, 6, 0), 'Invalid expression: expected the start of an expression, found newline'],
      ['aws-s3-bucket-public-acl', 1, range(9, 8, 9, 28), 'S3 bucket ACL grants public access: acl is "authenticated-read"'],
    ]);
    const ebs = await client.waitForDiagnostics(fileUri(path.join(ws, 'storage.tf')), (d) => d.length > 0, 'the EBS finding in a healthy file');
    assert.deepEqual(ebs.map((d) => [d.source, d.code, d.range]), [['tfpolicy', 'aws-ebs-volume-unencrypted', range(3, 22, 3, 27)]]);
  });

  void it('a binary file on disk gets one warning instead of parse errors', async () => {
    const blob = await client.waitForDiagnostics(fileUri(path.join(ws, 'blob.tf')), (d) => d.length > 0, 'the binary-file warning');
    assert.deepEqual(blob.map(brief), [['unreadable', 2, range(0, 0, 0, 0), 'binary file (contains NUL bytes); not scanned']]);
  });

  void it('a binary document opened in the editor: one warning, and the server keeps serving', async () => {
    // On disk a harmless file; in the editor buffer, binary content (the buffer is what counts).
    fs.writeFileSync(path.join(ws, 'opened-blob.tf'), '# placeholder\n');
    const uri = await client.open(path.join(ws, 'opened-blob.tf'), BINARY.toString('latin1'));
    const blob = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the binary-document warning');
    assert.deepEqual(blob.map(brief), [['unreadable', 2, range(0, 0, 0, 0), 'binary file (contains NUL bytes); not scanned']]);
    assert.ok(client.running, 'the server is still running');

    const mainUri = fileUri(path.join(ws, 'main.tf'));
    await client.change(mainUri, [{ range: range(5, 7, 5, 8), text: ' "private"' }]);
    const fixed = await client.waitForDiagnostics(mainUri, (d) => !d.some((x) => x.code === 'syntax'), 'the syntax error to go');
    assert.deepEqual(fixed.map((d) => d.range.start.line), [1, 9]);
  });

  void it('pathological text (deep nesting, stray braces, control characters) gives errors, not a crash', async () => {
    const text = `${'{'.repeat(5000)}\n}}}} resource "x" "y" { a = "\u0001\u0002 \n${'['.repeat(3000)}`;
    fs.writeFileSync(path.join(ws, 'weird.tf'), '');
    const uri = await client.open(path.join(ws, 'weird.tf'), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'errors for the pathological file');
    assert.ok(diagnostics.every((d) => d.source === 'tfpolicy' && d.code === 'syntax' && d.severity === 1));
    assert.ok(client.running);
    // Still answering requests.
    const actions = await client.codeActions(uri, []);
    assert.deepEqual(actions, []);
  });

  void it('a .tf.json file (Terraform JSON syntax) gets its finding on the exact JSON value', async () => {
    const json = '{\n  "resource": {\n    "aws_s3_bucket": {\n      "site": { "acl": "public-read" }\n    }\n  }\n}\n';
    const dir = path.join(ws, 'json');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.tf.json'), json);
    const uri = await client.open(path.join(dir, 'main.tf.json'), json, 'json');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the JSON finding');
    assert.deepEqual(diagnostics.map(brief), [['aws-s3-bucket-public-acl', 1, range(3, 23, 3, 36), 'S3 bucket ACL grants public access: acl is "public-read"']]);
  });

  void it('documents that are not Terraform files or not on disk are ignored', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'terraform', version: 1, text: 'resource "aws_s3_bucket" "x" { acl = "public-read" }' } });
    await client.open(path.join(ws, 'notes.md'), '# not terraform', 'markdown');
    const actions = await client.codeActions('untitled:Untitled-1', []);
    assert.deepEqual(actions, []);
    assert.equal(client.diagnostics('untitled:Untitled-1'), undefined);
    assert.equal(client.diagnostics(fileUri(path.join(ws, 'notes.md'))), undefined);
    assert.ok(client.running);
  });
});
