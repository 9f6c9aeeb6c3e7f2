// The LSP contract at its edges: a code action request whose diagnostic data a client mangled is
// answered (without the broken fix), and after `shutdown` every request fails with InvalidRequest
// while `exit` still ends the process cleanly.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const MAIN = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n';
const INVALID_REQUEST = -32600;

void describe('protocol edges', () => {
  let client: LspTestClient;
  let ws: string;
  let uri: string;
  let finding: Diagnostic;

  before(async () => {
    ws = makeWorkspace({ 'main.tf': MAIN, '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl]\n' });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
    uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the finding');
    finding = diagnostics[0]!;
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('a finding\'s code actions: the quick fix and the docs action', async () => {
    const actions = await client.codeActions(uri, [finding]);
    assert.deepEqual(actions.map((a) => a.title), [
      'Set the ACL to "private"', 'Suppress aws-s3-bucket-public-acl on this line', 'Suppress aws-s3-bucket-public-acl for aws_s3_bucket.b', 'Show documentation for aws-s3-bucket-public-acl',
    ]);
  });

  void it('fix edits mangled by the client ([null], wrong types) give no fix and no error', async () => {
    const data = finding.data as { fix: { title: string; edits: unknown[] } };
    const edit = data.fix.edits[0];
    for (const edits of [[null], [edit, null], [{ ...(edit as object), range: 'x' }], [{ ...(edit as object), newText: 1 }], [42]]) {
      const mangled: Diagnostic = { ...finding, data: { ...data, fix: { ...data.fix, edits } } };
      const actions: CodeAction[] = await client.codeActions(uri, [mangled]);
      assert.deepEqual(actions.map((a) => a.title), [
        'Suppress aws-s3-bucket-public-acl on this line', 'Suppress aws-s3-bucket-public-acl for aws_s3_bucket.b', 'Show documentation for aws-s3-bucket-public-acl',
      ], JSON.stringify(edits));
    }
    assert.ok(client.running);
  });

  void it('after shutdown, requests fail with InvalidRequest; exit then ends the process with code 0', async () => {
    await client.connection.sendRequest('shutdown');
    const rejected = async (request: Promise<unknown>): Promise<number | undefined> => {
      try {
        await request;
        return undefined;
      } catch (error) {
        return (error as { code?: number }).code;
      }
    };
    assert.equal(await rejected(client.codeActions(uri, [finding])), INVALID_REQUEST);
    assert.equal(await rejected(client.connection.sendRequest('tfpolicy/listPolicies', {})), INVALID_REQUEST);
    assert.equal(await rejected(client.connection.sendRequest('tfpolicy/scanWorkspace')), INVALID_REQUEST);
    assert.equal(await rejected(client.connection.sendRequest('shutdown')), INVALID_REQUEST, 'a second shutdown too');
    const exited = client.exitCode();
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});
