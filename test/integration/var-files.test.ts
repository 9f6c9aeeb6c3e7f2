// A var file that cannot be read fails a CLI scan; the editor shows it too: an error on the
// `.tfpolicy.yaml` entry that names it (on disk and in the open buffer), and a warning message
// once for a file named by the `tfpolicy.varFiles` setting. Creating the file clears the error.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

const MAIN = 'variable "acl" {\n  default = "private"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = var.acl\n}\n';
const CONFIG = 'enable: [aws-s3-bucket-public-acl]\nvarFiles:\n  - env/prod.tfvars\n  - env/missing.tfvars\n';
const MISSING = 'var file env/missing.tfvars: cannot read file: no such file or directory';

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

async function start(settings: Record<string, unknown>, config = CONFIG): Promise<{ client: LspTestClient; ws: string }> {
  const ws = makeWorkspace({ 'main.tf': MAIN, 'env/prod.tfvars': 'acl = "public-read"\n', '.tfpolicy.yaml': config });
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, settings);
  clients.push(client);
  return { client, ws };
}

function brief(d: Diagnostic): [unknown, number, Diagnostic['range'], unknown] {
  return [d.code, d.severity ?? 0, d.range, d.message];
}

const ENTRY = { start: { line: 3, character: 4 }, end: { line: 3, character: 22 } };

void describe('var files that cannot be read', () => {
  void it('.tfpolicy.yaml: an error on the entry (the CLI fails too); the readable var file still applies; creating the file clears it', async () => {
    const { client, ws } = await start({ debounceMs: 10 });
    const configUri = fileUri(path.join(ws, '.tfpolicy.yaml'));
    const mainUri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const main = await client.waitForDiagnostics(mainUri, (d) => d.length > 0, 'the value from env/prod.tfvars');
    assert.deepEqual(main.map((d) => d.message), ['S3 bucket ACL grants public access: acl is "public-read"']);
    const config = await client.waitForDiagnostics(configUri, (d) => d.length > 0, 'the error on the varFiles entry');
    assert.deepEqual(config.map(brief), [['config-file', 1, ENTRY, MISSING]]);

    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'scan', '.', '--format', 'json'], { encoding: 'utf8', cwd: ws });
    assert.equal(cli.status, 2, 'the CLI fails the scan');
    assert.deepEqual((JSON.parse(cli.stdout) as { errors: { file: string; message: string }[] }).errors.map((e) => [e.file, e.message]), [
      ['env/missing.tfvars', 'cannot read file: no such file or directory'],
    ]);

    fs.writeFileSync(path.join(ws, 'env/missing.tfvars'), 'acl = "private"\n');
    await client.filesChanged([{ file: path.join(ws, 'env/missing.tfvars'), type: 1 }]);
    assert.deepEqual(await client.waitForDiagnostics(configUri, (d) => d.length === 0, 'the entry error to clear'), []);
    assert.deepEqual(await client.waitForDiagnostics(mainUri, (d) => d.length === 0, 'the later var file to win'), []);
  });

  void it('the open .tfpolicy.yaml shows the error as it is typed, and loses it when the entry names a readable file', async () => {
    const { client, ws } = await start({ debounceMs: 10 });
    const configUri = await client.open(path.join(ws, '.tfpolicy.yaml'), CONFIG, 'yaml');
    const typed = await client.waitForDiagnostics(configUri, (d) => d.length > 0, 'the error in the buffer');
    assert.deepEqual(typed.map(brief), [['config-file', 1, ENTRY, MISSING]]);
    // `env/missing.tfvars` → `env/prod.tfvars`
    await client.change(configUri, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } }, text: 'prod' }]);
    assert.deepEqual(await client.waitForDiagnostics(configUri, (d) => d.length === 0, 'the buffer error to clear'), []);
  });

  void it('tfpolicy.varFiles: a warning message, once, and a line in the status', async () => {
    const { client, ws } = await start({ debounceMs: 10, varFiles: ['nowhere.tfvars'] }, 'enable: [aws-s3-bucket-public-acl]\n');
    const mainUri = await client.open(path.join(ws, 'main.tf'), MAIN);
    await client.waitForDiagnostics(mainUri, () => true, 'the first analysis');
    // A second analysis must not repeat the message.
    const statuses = client.notificationCount('tfpolicy/status');
    await client.change(mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await client.waitForNotificationCount('tfpolicy/status', statuses);
    assert.deepEqual(client.messages(), [[2, 'tfpolicy: the tfpolicy.varFiles setting names a file that cannot be read, so its values are not used: var file nowhere.tfvars: cannot read file: no such file or directory']]);
    const status = client.notifications.filter((n) => n.method === 'tfpolicy/status').at(-1)?.params as { message?: string };
    assert.equal(status.message, 'tfpolicy.varFiles: a file cannot be read (see the output)');
  });
});
