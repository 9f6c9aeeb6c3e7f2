// Syntax errors: our parser's while typing, Terraform's own (hashicorp/hcl via @cdktf/hcl2json)
// once the file is saved, never both at once, and back to ours after the next edit.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const BROKEN = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n\nresource "aws_s3_bucket" "b" {\n  acl = \n}\n';
const OURS = 'Invalid expression: expected the start of an expression, found newline';
const TERRAFORM = 'Invalid expression: Expected the start of an expression, but found an invalid expression token.';

function syntax(diagnostics: Diagnostic[]): [unknown, unknown][] {
  return diagnostics.filter((d) => d.code === 'syntax').map((d) => [d.range, d.message]);
}

function range(line: number, start: number, endLine: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

void describe('syntax errors while typing and on save', () => {
  let client: LspTestClient;
  let ws: string;
  let uri: string;

  before(async () => {
    ws = makeWorkspace({ 'main.tf': BROKEN, '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl]\n' });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('while typing: our parser\'s error, next to the findings it did not lose', async () => {
    uri = await client.open(path.join(ws, 'main.tf'), BROKEN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'our syntax error');
    assert.deepEqual(syntax(diagnostics), [[range(5, 8, 6, 0), OURS]]);
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'syntax').map((d) => d.code), ['aws-s3-bucket-public-acl']);
  });

  void it('on save: Terraform\'s message replaces ours (one error, not two)', async () => {
    await client.save(uri);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.message === TERRAFORM), 'Terraform\'s syntax error');
    assert.deepEqual(syntax(diagnostics), [[range(5, 8, 6, 0), TERRAFORM]]);
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'syntax').map((d) => d.code), ['aws-s3-bucket-public-acl']);
  });

  void it('after the next edit: our parser\'s error again, on the moved line', async () => {
    await client.change(uri, [{ range: range(0, 0, 0, 0), text: '# storage\n' }]);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.message === OURS), 'our error again');
    assert.deepEqual(syntax(diagnostics), [[range(6, 8, 7, 0), OURS]]);
  });
});

void describe('syntax errors of a called module on save', () => {
  let client: LspTestClient;
  let ws: string;
  const CALLER = 'module "storage" {\n  source = "./storage"\n}\n';

  before(async () => {
    ws = makeWorkspace({ 'main.tf': CALLER, 'storage/main.tf': BROKEN, '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl]\n' });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('reported through its caller, the module file gets Terraform\'s message on save too (one error, not two)', async () => {
    await client.open(path.join(ws, 'main.tf'), CALLER);
    const uri = await client.open(path.join(ws, 'storage/main.tf'), BROKEN);
    assert.deepEqual(syntax(await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'syntax'), 'our syntax error')), [[range(5, 8, 6, 0), OURS]]);
    await client.save(uri);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.message === TERRAFORM), 'Terraform\'s syntax error');
    assert.deepEqual(syntax(diagnostics), [[range(5, 8, 6, 0), TERRAFORM]]);
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'syntax').map((d) => d.code), ['aws-s3-bucket-public-acl']);
  });
});
