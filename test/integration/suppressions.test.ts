// Inline suppressions end to end, in the bundled CLI and the bundled language server: a comment on
// one offending value hides that finding only (the other open ingress rule is still reported, the
// suppressed one stays visible in JSON and SARIF), and a tfpolicy:ignore that cannot apply as
// written (unknown id, impossible date) is an error of the scan (exit 2) and a warning in the
// editor, at the offending token.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

const cli = path.join(repoRoot, 'dist/cli.js');
const SSH = 'aws-security-group-ssh-open-to-world';

const MAIN = [
  '# tfpolicy:ignore aws-s3-bucket-public-acls until=2027-02-30 -- typo and impossible date',
  'resource "aws_security_group" "bastion" {',
  '  ingress {',
  '    from_port   = 22',
  '    to_port     = 22',
  '    protocol    = "tcp"',
  `    cidr_blocks = ["0.0.0.0/0"] # tfpolicy:ignore ${SSH} -- the bastion`,
  '  }',
  '  ingress {',
  '    from_port   = 22',
  '    to_port     = 22',
  '    protocol    = "tcp"',
  '    cidr_blocks = ["0.0.0.0/0"]',
  '  }',
  '}',
  '',
].join('\n');

// `enable` pins the policies under test, so the pack can grow without changing these expectations.
const CONFIG = `enable: [${SSH}, aws-s3-bucket-public-acl]\n`;

const workspaces: string[] = [];
const clients: LspTestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  workspaces.push(dir);
  return dir;
}

function scan(dir: string, format: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', format], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout };
}

interface Span { start: { line: number; column: number }; end: { line: number; column: number } }
const at = (r: { range: Span }): string => `${r.range.start.line}:${r.range.start.column}-${r.range.end.line}:${r.range.end.column}`;

void describe('suppressions in the CLI', () => {
  void it('a comment on the first rule hides that rule only; bad comments are errors (exit 2) with their positions', () => {
    const dir = project({ 'main.tf': MAIN, '.tfpolicy.yaml': CONFIG });
    const r = scan(dir, 'json');
    assert.equal(r.status, 2);
    const json = JSON.parse(r.stdout) as {
      findings: { policyId: string; range: Span }[];
      results: { status: string; range: Span; suppression?: { reason?: string } }[];
      errors: { file: string; kind: string; message: string; range: Span }[];
    };
    assert.deepEqual(json.findings.map((f) => `${f.policyId} ${at(f)}`), [`${SSH} 13:20-13:31`]);
    assert.deepEqual(json.results.map((x) => `${x.status} ${at(x)} ${x.suppression?.reason ?? ''}`), ['suppressed 7:20-7:31 the bastion', 'fail 13:20-13:31 ']);
    assert.deepEqual(json.errors.map((e) => `${e.file}:${at(e)} ${e.kind} ${e.message}`), [
      'main.tf:1:19-1:44 suppression tfpolicy:ignore names an unknown policy id "aws-s3-bucket-public-acls"',
      'main.tf:1:51-1:61 suppression tfpolicy:ignore has an invalid until date "2027-02-30" (expected an existing date as YYYY-MM-DD); the suppression does not apply',
    ]);
  });

  void it('SARIF keeps the suppressed result, with its justification', () => {
    const dir = project({ 'main.tf': MAIN, '.tfpolicy.yaml': CONFIG });
    const sarif = JSON.parse(scan(dir, 'sarif').stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; suppressions?: { justification: string }[] }[] }[];
    };
    assert.deepEqual(sarif.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.region.startLine, x.suppressions?.[0]?.justification]), [
      [SSH, 7, 'the bastion'],
      [SSH, 13, undefined],
    ]);
  });

  void it('valid comments only: exit 1 for the remaining finding, no errors', () => {
    const dir = project({ 'main.tf': MAIN.replace(/^# tfpolicy:ignore .*\n/, ''), '.tfpolicy.yaml': CONFIG });
    const r = scan(dir, 'json');
    assert.equal(r.status, 1);
    assert.deepEqual((JSON.parse(r.stdout) as { errors: unknown[] }).errors, []);
  });
});

void describe('suppressions in the editor', () => {
  void it('the unsuppressed rule is a finding; the bad comment gets warnings at its tokens', async () => {
    const ws = project({ 'main.tf': MAIN, '.tfpolicy.yaml': CONFIG });
    const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
    clients.push(client);
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'findings and suppression warnings');
    assert.deepEqual(diagnostics.map((d) => [d.source, d.code, d.severity, `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, d.message]), [
      ['tfpolicy', 'invalid-suppression', 2, '0:18-0:43', 'tfpolicy:ignore names an unknown policy id "aws-s3-bucket-public-acls"'],
      ['tfpolicy', 'invalid-suppression', 2, '0:50-0:60', 'tfpolicy:ignore has an invalid until date "2027-02-30" (expected an existing date as YYYY-MM-DD); the suppression does not apply'],
      ['tfpolicy', SSH, 1, '12:19-12:30', 'Security group allows SSH (port 22) from the internet: ingress.cidr_blocks includes "0.0.0.0/0"'],
    ]);
    // Fixing the comment clears its warnings as it is typed.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    const fixed = await client.waitForDiagnostics(uri, (d) => d.every((x) => x.code !== 'invalid-suppression'), 'the warnings cleared');
    assert.deepEqual(fixed.map((d) => [d.code, d.range.start.line]), [[SSH, 11]]);
  });
});
