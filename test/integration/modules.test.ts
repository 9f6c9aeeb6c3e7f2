// Module = directory: one open file's analysis publishes for every file of its module, an edit in
// one file republishes the others, and a called module's files get the findings their caller's
// inputs cause (and lose them when the caller is fixed).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace } from './lsp-harness';

const MAIN = 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  acl    = var.logs_acl\n}\n';
const VARIABLES = 'variable "logs_acl" {\n  type    = string\n  default = "public-read"\n}\n';
const NETWORK = [
  'resource "aws_security_group" "ssh" {',
  '  name = "ssh"',
  '  ingress {',
  '    from_port   = 22',
  '    to_port     = 22',
  '    protocol    = "tcp"',
  '    cidr_blocks = ["0.0.0.0/0"]',
  '  }',
  '}',
  '',
].join('\n');
/** Pins the policies under test, so the pack can grow without changing these expectations. */
const CONFIG = 'enable: [aws-s3-bucket-public-acl, aws-security-group-ssh-open-to-world, aws-ebs-volume-unencrypted]\n';
const CALLER = 'module "logs" {\n  source = "./modules/storage"\n  acl    = "public-read"\n}\n';
const STORAGE = 'variable "acl" {\n  type = string\n}\n\nresource "aws_s3_bucket" "this" {\n  bucket = "logs"\n  acl    = var.acl\n}\n';

/** The comparable part of a diagnostic (data is covered by diagnostics.test.ts). */
function summary(d: Diagnostic): unknown {
  return { code: d.code, range: d.range, message: d.message, related: d.relatedInformation };
}

function range(line: number, start: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line, character: end } };
}

void describe('a module is a directory', () => {
  let client: LspTestClient;
  let ws: string;
  const uris = { main: '', variables: '', network: '' };

  before(async () => {
    ws = makeWorkspace({ 'main.tf': MAIN, 'variables.tf': VARIABLES, 'network.tf': NETWORK, '.tfpolicy.yaml': CONFIG });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
    uris.variables = fileUri(path.join(ws, 'variables.tf'));
    uris.network = fileUri(path.join(ws, 'network.tf'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('opening one file publishes the findings of every file of the module, with where the value came from', async () => {
    uris.main = await client.open(path.join(ws, 'main.tf'), MAIN);
    const main = await client.waitForDiagnostics(uris.main, (d) => d.length > 0, 'the finding fed by a variable default');
    assert.deepEqual(main.map(summary), [{
      code: 'aws-s3-bucket-public-acl',
      range: range(2, 11, 23),
      message: 'S3 bucket ACL grants public access: acl is "public-read"',
      related: [{ location: { uri: uris.variables, range: range(2, 12, 25) }, message: 'value set here (variable "logs_acl" default)' }],
    }]);
    const network = await client.waitForDiagnostics(uris.network, (d) => d.length > 0, 'the finding in a file that is not open');
    assert.deepEqual(network.map(summary), [{
      code: 'aws-security-group-ssh-open-to-world',
      range: range(6, 19, 30),
      message: 'Security group allows SSH (port 22) from the internet: ingress.cidr_blocks includes "0.0.0.0/0"',
      related: undefined,
    }]);
    assert.deepEqual(await client.waitForDiagnostics(uris.variables, () => true, 'variables.tf to be published'), [], 'files without findings are published empty');
  });

  void it('fixing the variable default in variables.tf clears the finding in main.tf, which was not edited', async () => {
    await client.open(path.join(ws, 'variables.tf'), VARIABLES);
    await client.change(uris.variables, [{ range: range(2, 13, 24), text: 'private' }]);
    assert.deepEqual(await client.waitForDiagnostics(uris.main, (d) => d.length === 0, 'main.tf to be republished clean'), []);
    assert.equal(client.diagnostics(uris.network)?.length, 1, 'the other file keeps its finding');
  });

  void it('editing terraform.tfvars (language terraform-vars) re-analyses the module it belongs to', async () => {
    const tfvars = path.join(ws, 'terraform.tfvars');
    fs.writeFileSync(tfvars, 'logs_acl = "private"\n');
    const tfvarsUri = await client.open(tfvars, 'logs_acl = "private"\n', 'terraform-vars');
    assert.deepEqual(await client.waitForDiagnostics(tfvarsUri, () => true, 'the tfvars file to be published'), []);
    await client.change(tfvarsUri, [{ range: range(0, 12, 19), text: 'authenticated-read' }]);
    const main = await client.waitForDiagnostics(uris.main, (d) => d.length > 0, 'the finding fed by terraform.tfvars');
    assert.deepEqual(main.map(summary), [{
      code: 'aws-s3-bucket-public-acl',
      range: range(2, 11, 23),
      message: 'S3 bucket ACL grants public access: acl is "authenticated-read"',
      related: [{ location: { uri: tfvarsUri, range: range(0, 11, 31) }, message: 'value set here (terraform.tfvars)' }],
    }]);
    await client.change(tfvarsUri, [{ range: range(0, 12, 30), text: 'private' }]);
    assert.deepEqual(await client.waitForDiagnostics(uris.main, (d) => d.length === 0, 'main.tf to clear again'), []);
  });

  void it('a file that is not open, fixed on disk, is re-analysed when the watcher reports it', async () => {
    fs.writeFileSync(path.join(ws, 'network.tf'), NETWORK.replace('0.0.0.0/0', '10.0.0.0/8'));
    await client.filesChanged([{ file: path.join(ws, 'network.tf'), type: 2 }]);
    assert.deepEqual(await client.waitForDiagnostics(uris.network, (d) => d.length === 0, 'network.tf to clear'), []);
  });

  void it('a deleted file loses its diagnostics', async () => {
    fs.writeFileSync(path.join(ws, 'extra.tf'), 'resource "aws_ebs_volume" "x" {\n  availability_zone = "eu-west-1a"\n}\n');
    await client.filesChanged([{ file: path.join(ws, 'extra.tf'), type: 1 }]);
    const extra = fileUri(path.join(ws, 'extra.tf'));
    assert.equal((await client.waitForDiagnostics(extra, (d) => d.length > 0, 'the new file\'s finding'))[0]?.code, 'aws-ebs-volume-unencrypted');
    fs.rmSync(path.join(ws, 'extra.tf'));
    await client.filesChanged([{ file: path.join(ws, 'extra.tf'), type: 3 }]);
    assert.deepEqual(await client.waitForDiagnostics(extra, (d) => d.length === 0, 'the deleted file to clear'), []);
  });
});

void describe('local module calls', () => {
  let client: LspTestClient;
  let ws: string;

  before(async () => {
    ws = makeWorkspace({ 'main.tf': CALLER, 'modules/storage/main.tf': STORAGE, '.tfpolicy.yaml': CONFIG });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('an insecure module input shows on the module\'s resource, pointing back at the caller', async () => {
    // main.tf calls the module on disk: opening the module alone shows the caller's finding.
    const storageUri = await client.open(path.join(ws, 'modules/storage/main.tf'), STORAGE);
    const storage = await client.waitForDiagnostics(storageUri, (d) => d.length > 0, 'the finding through the caller');
    const callerUri = await client.open(path.join(ws, 'main.tf'), CALLER);
    assert.deepEqual(storage.map(summary), [{
      code: 'aws-s3-bucket-public-acl',
      range: range(6, 11, 18),
      message: 'S3 bucket ACL grants public access: acl is "public-read"',
      related: [{ location: { uri: callerUri, range: range(2, 11, 24) }, message: 'value set here (module "logs" input)' }],
    }]);
    // The caller's argument is flagged too: the root module's author sees it where they fix it.
    const caller = await client.waitForDiagnostics(callerUri, (d) => d.length > 0, 'the argument in the caller');
    assert.deepEqual(caller.map(summary), [{
      code: 'aws-s3-bucket-public-acl',
      range: range(2, 11, 24),
      message: 'S3 bucket ACL grants public access: acl is "public-read" (in module.logs.aws_s3_bucket.this)',
      related: [{ location: { uri: storageUri, range: range(6, 11, 18) }, message: 'the resource this value reaches: module.logs.aws_s3_bucket.this' }],
    }]);

    await client.change(callerUri, [{ range: range(2, 12, 23), text: 'private' }]);
    assert.deepEqual(await client.waitForDiagnostics(storageUri, (d) => d.length === 0, 'the module file to clear'), []);
    assert.deepEqual(await client.waitForDiagnostics(callerUri, (d) => d.length === 0, 'the caller to clear'), []);
  });

  void it('editing the called module re-analyses its known callers', async () => {
    const storageUri = fileUri(path.join(ws, 'modules/storage/main.tf'));
    // `acl = var.acl` → `acl = "public-read-write"`: a literal, found in both analyses.
    await client.change(storageUri, [{ range: range(6, 11, 18), text: '"public-read-write"' }]);
    const storage = await client.waitForDiagnostics(storageUri, (d) => d.length > 0, 'the literal finding');
    assert.deepEqual(storage.map((d) => [d.code, d.range, d.message]), [
      ['aws-s3-bucket-public-acl', range(6, 11, 30), 'S3 bucket ACL grants public access: acl is "public-read-write"'],
    ]);
  });
});
