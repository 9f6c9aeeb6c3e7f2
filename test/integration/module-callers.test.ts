// A called module is reported through its callers, as the CLI reports it: opening the module's
// own file adds nothing the caller overrides (a default the call replaces), a module opened before
// its caller loses its standalone findings once the caller is seen, and gets them back when the
// call goes away. Deleting or renaming a module folder (reported as the folder alone, as VS Code
// does) clears its files and shows the broken call in the caller, as `tfpolicy scan` does.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

const ROOT = 'module "m" {\n  source = "./mod"\n  acl    = "private"\n}\n';
const MODULE = [
  'variable "acl" {',
  '  default = "public-read"',
  '}',
  '',
  'resource "aws_s3_bucket" "b" {',
  '  bucket = "b"',
  '  acl    = var.acl',
  '}',
  '',
  'resource "aws_ebs_volume" "v" {',
  '  availability_zone = "eu-west-1a"',
  '  encrypted         = false',
  '}',
  '',
].join('\n');
const CONFIG = 'enable: [aws-s3-bucket-public-acl, aws-ebs-volume-unencrypted]\n';
const STATUS = 'tfpolicy/status';

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

async function start(files: Record<string, string>): Promise<{ client: LspTestClient; ws: string }> {
  const ws = makeWorkspace(files);
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
  clients.push(client);
  return { client, ws };
}

function brief(d: Diagnostic): [unknown, number, number, unknown] {
  return [d.code, d.range.start.line, d.range.start.character, d.message];
}

const codes = (ds: Diagnostic[]): unknown[] => ds.map((d) => d.code);

/** What `tfpolicy scan --format json` reports for one file: [policy id, line (0-based)]. */
function cliFindings(ws: string, rel: string): [string, number][] {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'scan', ws, '--format', 'json'], { encoding: 'utf8', cwd: ws });
  const report = JSON.parse(run.stdout) as { results: { policyId: string; file: string; range: { start: { line: number } } }[] };
  return report.results.filter((r) => r.file === rel).map((r) => [r.policyId, r.range.start.line - 1]);
}

void describe('a called module is reported through its callers', () => {
  void it('opening the module after its caller shows what the CLI shows: the default the call overrides is no finding', async () => {
    const { client, ws } = await start({ 'main.tf': ROOT, 'mod/main.tf': MODULE, '.tfpolicy.yaml': CONFIG });
    const modUri = fileUri(path.join(ws, 'mod/main.tf'));
    await client.open(path.join(ws, 'main.tf'), ROOT);
    await client.waitForDiagnostics(modUri, (d) => d.length > 0, 'the module finding through the caller');
    // Opening the module analyses it and its caller: wait for both analyses to be done.
    const before = client.notificationCount(STATUS);
    await client.open(path.join(ws, 'mod/main.tf'), MODULE);
    await client.waitForNotificationCount(STATUS, before + 1);
    const mod = client.diagnostics(modUri) ?? [];
    assert.deepEqual(mod.map(brief), [
      ['aws-ebs-volume-unencrypted', 11, 22, 'EBS volume is not encrypted: encrypted is false'],
    ]);
    assert.deepEqual(mod.map((d) => [d.code, d.range.start.line]), cliFindings(ws, 'mod/main.tf'), 'the same findings as the CLI');
  });

  void it('a module opened before its caller: its own findings until the caller is seen, again once the call is removed', async () => {
    // The caller is a new buffer, not on disk: callers on disk are found at once (module-callers-disk.test.ts).
    const { client, ws } = await start({ 'mod/main.tf': MODULE, '.tfpolicy.yaml': CONFIG });
    const modUri = await client.open(path.join(ws, 'mod/main.tf'), MODULE);
    const alone = await client.waitForDiagnostics(modUri, (d) => d.length === 2, 'the module analysed alone (no caller known)');
    assert.deepEqual(codes(alone), ['aws-s3-bucket-public-acl', 'aws-ebs-volume-unencrypted']);

    const rootUri = await client.open(path.join(ws, 'main.tf'), ROOT);
    const through = await client.waitForDiagnostics(modUri, (d) => d.length === 1, 'the standalone finding withdrawn');
    assert.deepEqual(codes(through), ['aws-ebs-volume-unencrypted']);

    // The caller stops calling the module: it is a root of its own again.
    await client.change(rootUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' }]);
    const again = await client.waitForDiagnostics(modUri, (d) => d.length === 2, 'the module analysed alone again');
    assert.deepEqual(codes(again), ['aws-s3-bucket-public-acl', 'aws-ebs-volume-unencrypted']);
  });
});

void describe('deleting or renaming a module folder', () => {
  void it('clears the module\'s files and shows the broken call in the caller, as the CLI does; restoring the folder brings the findings back', async () => {
    const { client, ws } = await start({ 'main.tf': ROOT, 'mod/main.tf': MODULE, '.tfpolicy.yaml': CONFIG });
    const modDir = path.join(ws, 'mod');
    const modUri = fileUri(path.join(modDir, 'main.tf'));
    const rootUri = await client.open(path.join(ws, 'main.tf'), ROOT);
    await client.waitForDiagnostics(modUri, (d) => d.length === 1, 'the module finding through the caller');

    fs.rmSync(modDir, { recursive: true });
    await client.filesChanged([{ file: modDir, type: 3 }]);
    assert.deepEqual(await client.waitForDiagnostics(modUri, (d) => d.length === 0, 'the deleted module file to clear'), []);
    const broken = await client.waitForDiagnostics(rootUri, (d) => d.length > 0, 'the broken module call');
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'scan', ws, '--format', 'json'], { encoding: 'utf8' });
    const cliErrors = (JSON.parse(cli.stdout) as { errors: { message: string }[] }).errors.map((e) => e.message);
    assert.deepEqual(broken.map((d) => [d.code, d.severity, d.range, d.message]), [[
      'terraform', 1, { start: { line: 1, character: 11 }, end: { line: 1, character: 18 } }, `Module "m": cannot read the module directory ${modDir}`,
    ]]);
    assert.deepEqual(cliErrors, broken.map((d) => d.message), 'the CLI reports the same error');

    // Restored (git checkout, undo): VS Code reports the folder's creation.
    fs.mkdirSync(modDir);
    fs.writeFileSync(path.join(modDir, 'main.tf'), MODULE);
    await client.filesChanged([{ file: modDir, type: 1 }]);
    assert.deepEqual(await client.waitForDiagnostics(rootUri, (d) => d.length === 0, 'the call to resolve again'), []);
    assert.deepEqual(codes(await client.waitForDiagnostics(modUri, (d) => d.length === 1, 'the module finding back')), ['aws-ebs-volume-unencrypted']);

    // Renamed: the old folder is deleted, the new one created; the call still names the old one.
    const renamed = path.join(ws, 'storage');
    fs.renameSync(modDir, renamed);
    await client.filesChanged([{ file: modDir, type: 3 }, { file: renamed, type: 1 }]);
    assert.deepEqual(await client.waitForDiagnostics(modUri, (d) => d.length === 0, 'the old path to clear'), []);
    const stillBroken = await client.waitForDiagnostics(rootUri, (d) => d.length > 0, 'the call to the old path');
    assert.deepEqual(stillBroken.map((d) => d.message), [`Module "m": cannot read the module directory ${modDir}`]);
    // The call follows the rename: the module's finding shows at its new path.
    await client.change(rootUri, [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 17 } }, text: 'storage' }]);
    assert.deepEqual(await client.waitForDiagnostics(rootUri, (d) => d.length === 0, 'the call to resolve'), []);
    const moved = await client.waitForDiagnostics(fileUri(path.join(renamed, 'main.tf')), (d) => d.length === 1, 'the finding at the new path');
    assert.deepEqual(codes(moved), ['aws-ebs-volume-unencrypted']);
  });
});
