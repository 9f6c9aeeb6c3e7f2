// The custom requests the client's commands use: the policy list behind "Show Policy
// Documentation", and the workspace scan, which publishes findings for files nobody opened.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ListPoliciesResult, ScanWorkspaceResult, StatusParams } from '../../server/src/protocol';
import { fileUri, LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

void describe('custom requests', () => {
  let client: LspTestClient;
  let ws: string;

  before(async () => {
    ws = makeWorkspace({
      'prod/main.tf': 'resource "aws_s3_bucket" "site" {\n  acl = "public-read"\n}\n',
      'prod/.terraform/modules/skipped/main.tf': 'resource "aws_s3_bucket" "cached" {\n  acl = "public-read"\n}\n',
      'dev/db.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n  storage_encrypted   = true\n}\n',
      'dev/clean.tf': 'resource "aws_s3_bucket" "private" {\n  acl = "private"\n}\n',
      'docs/readme.txt': 'not terraform\n',
      // Pin the policies under test per folder (the workspace root keeps the whole pack for listPolicies).
      'prod/.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl, aws-rds-publicly-accessible]\n',
      'dev/.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl, aws-rds-publicly-accessible]\n',
    });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('tfpolicy/listPolicies: the same policies as `tfpolicy policies`, each with an existing README', async () => {
    const { policies } = await client.connection.sendRequest<ListPoliciesResult>('tfpolicy/listPolicies', { scopeUri: fileUri(ws) });
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'policies', '--format', 'json'], { encoding: 'utf8' });
    const listed = (JSON.parse(cli.stdout) as { id: string; title: string; severity: string }[]).map((p) => [p.id, p.title, p.severity]);
    assert.deepEqual(policies.map((p) => [p.id, p.title, p.severity]), listed);
    for (const p of policies) {
      assert.ok(p.docsUri.endsWith(`/${p.id}/README.md`), p.docsUri);
      assert.ok(fs.existsSync(fileURLToPath(p.docsUri)), p.docsUri);
    }
  });

  void it('tfpolicy/scanWorkspace: every module analysed, findings published for files never opened, .terraform skipped', async () => {
    const result = await client.connection.sendRequest<ScanWorkspaceResult>('tfpolicy/scanWorkspace');
    assert.deepEqual(result, { modules: 2, files: 3, findings: 2 });
    const codes = (d: Diagnostic[] | undefined): unknown => d?.map((x) => [x.code, x.range.start.line]);
    assert.deepEqual(codes(client.diagnostics(fileUri(path.join(ws, 'prod/main.tf')))), [['aws-s3-bucket-public-acl', 1]]);
    assert.deepEqual(codes(client.diagnostics(fileUri(path.join(ws, 'dev/db.tf')))), [['aws-rds-publicly-accessible', 1]]);
    assert.deepEqual(codes(client.diagnostics(fileUri(path.join(ws, 'dev/clean.tf')))), []);
    assert.equal(client.diagnostics(fileUri(path.join(ws, 'prod/.terraform/modules/skipped/main.tf'))), undefined);
    const statuses = client.notifications.filter((n) => n.method === 'tfpolicy/status').map((n) => n.params as StatusParams);
    // policyCount: the policies that ran on the last module analysed (both folders pin two).
    assert.deepEqual(statuses.at(-1), { state: 'ready', policyCount: 2, findingCount: 2 });
  });
});
