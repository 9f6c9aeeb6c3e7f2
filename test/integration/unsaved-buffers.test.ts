// A new file the user has not saved yet (in an existing folder, or in a folder that does not exist
// yet) is analysed like a saved one: its module is its directory, the files on disk there plus the
// other open buffers of that directory.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const VARIABLES = 'variable "acl" {\n  default = "public-read"\n}\n';
const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = var.acl\n}\n';
const CONFIG = 'enable: [aws-s3-bucket-public-acl]\n';

function brief(d: Diagnostic): [unknown, number, number, number, unknown] {
  return [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message];
}

const ACL_FINDING: ReturnType<typeof brief> = ['aws-s3-bucket-public-acl', 2, 11, 18, 'S3 bucket ACL grants public access: acl is "public-read"'];

void describe('open buffers that are not on disk', () => {
  let client: LspTestClient;
  let ws: string;

  before(async () => {
    ws = makeWorkspace({ 'variables.tf': VARIABLES, '.tfpolicy.yaml': CONFIG });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('an unsaved new file in an existing folder is part of that folder\'s module', async () => {
    const file = path.join(ws, 'bucket.tf');
    assert.equal(fs.existsSync(file), false);
    const uri = await client.open(file, BUCKET);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the finding fed by variables.tf on disk');
    assert.deepEqual(diagnostics.map(brief), [ACL_FINDING]);
  });

  void it('closing it unsaved withdraws its diagnostics', async () => {
    const uri = (await client.open(path.join(ws, 'other.tf'), BUCKET.replace('"b"', '"c"')));
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the second unsaved file\'s finding');
    await client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the closed buffer to clear'), []);
  });

  void it('unsaved files in a folder that does not exist yet make up one module together', async () => {
    const dir = path.join(ws, 'new/deeper');
    assert.equal(fs.existsSync(dir), false);
    const bucketUri = await client.open(path.join(dir, 'main.tf'), BUCKET);
    // Alone, var.acl is undeclared: no finding (and no crash).
    await client.waitForDiagnostics(bucketUri, () => true, 'the buffer to be analysed');
    await client.open(path.join(dir, 'variables.tf'), VARIABLES);
    const diagnostics = await client.waitForDiagnostics(bucketUri, (d) => d.length > 0, 'the finding fed by the other unsaved buffer');
    assert.deepEqual(diagnostics.map(brief), [ACL_FINDING]);
  });
});
