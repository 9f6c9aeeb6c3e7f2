// Mistakes in `.tfpolicy.yaml`, in the bundled CLI and language server: each bad value is reported
// at its position and left out, while the rest of the file still applies (a bad severity does not
// switch `exclude` off); an unknown policy id is reported where it is written.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

const cli = path.join(repoRoot, 'dist/cli.js');

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n';
const CONFIG = [
  'enable: [aws-s3-bucket-public-acl, aws-s3-bucket-public-acls]',
  'severity:',
  '  aws-s3-bucket-public-acl: urgent',
  'exclude: ["legacy/**"]',
  '',
].join('\n');

const workspaces: string[] = [];
const clients: LspTestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

function project(): string {
  const dir = makeWorkspace({ 'main.tf': BUCKET, 'legacy/main.tf': BUCKET, '.tfpolicy.yaml': CONFIG });
  workspaces.push(dir);
  return dir;
}

interface Span { start: { line: number; column: number }; end: { line: number; column: number } }
const at = (r: { range?: Span }): string => (r.range ? `${r.range.start.line}:${r.range.start.column}-${r.range.end.line}:${r.range.end.column}` : 'no range');

void describe('.tfpolicy.yaml mistakes', () => {
  void it('CLI: every mistake with its position, exit 2, and the valid keys still apply', () => {
    const dir = project();
    const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2);
    const json = JSON.parse(r.stdout) as { findings: { file: string; severity: string }[]; errors: { file: string; kind: string; message: string; range?: Span }[] };
    assert.deepEqual(json.errors.map((e) => `${e.file}:${at(e)} ${e.kind} ${e.message}`), [
      '.tfpolicy.yaml:3:29-3:35 config .tfpolicy.yaml: "severity.aws-s3-bucket-public-acl" must be one of low, medium, high, critical',
      '.tfpolicy.yaml:1:36-1:61 config .tfpolicy.yaml: unknown policy id "aws-s3-bucket-public-acls"',
    ]);
    // `exclude` still keeps legacy/ out; the policy keeps its own severity.
    assert.deepEqual(json.findings.map((f) => `${f.file} ${f.severity}`), ['main.tf high']);
  });

  void it('editor: the open config shows the schema error and the unknown id together, each at its place', async () => {
    const ws = project();
    const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
    clients.push(client);
    const uri = await client.open(path.join(ws, '.tfpolicy.yaml'), CONFIG, 'yaml');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length >= 2, 'both config errors');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, d.message]), [
      ['config-file', 1, '0:35-0:60', '.tfpolicy.yaml: unknown policy id "aws-s3-bucket-public-acls"'],
      ['config-file', 1, '2:28-2:34', '.tfpolicy.yaml: "severity.aws-s3-bucket-public-acl" must be one of low, medium, high, critical'],
    ]);
  });
});
