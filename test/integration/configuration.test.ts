// Project configuration and custom policies in the editor: `.tfpolicy.yaml` severity overrides and
// disabled policies, errors in it shown in the file, `tfpolicy.policyDirs` with a custom policy
// (and a broken one, reported in its policy.yaml), and Workspace Trust.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace } from './lsp-harness';

const MAIN = [
  'resource "aws_s3_bucket" "logs" {',
  '  acl = "public-read"',
  '}',
  '',
  'resource "aws_ebs_volume" "scratch" {',
  '  availability_zone = "eu-west-1a"',
  '  encrypted         = false',
  '  tags              = { team = "" }',
  '}',
  '',
].join('\n');

// `enable` pins the policies under test, so the pack can grow without changing these expectations.
const PINNED = 'enable: [aws-s3-bucket-public-acl, aws-ebs-volume-unencrypted]\n';
const CONFIG = `${PINNED}severity:\n  aws-s3-bucket-public-acl: low\ndisable:\n  - aws-ebs-volume-unencrypted\n  - no-such-policy\n`;

const CUSTOM_POLICY = [
  'id: acme-ebs-volume-tagged',
  'title: EBS volumes carry a team tag',
  'severity: medium',
  'description: Every volume names the team that pays for it.',
  'remediation: Set tags.team.',
  'rules:',
  '  - resources: [aws_ebs_volume]',
  '    message: EBS volume has no team tag',
  '    require:',
  '      attribute: tags.team',
  '      matches: "^.+$"',
  '',
].join('\n');

const BROKEN_POLICY = 'id: acme-broken\ntitle: Broken\nseverity: severe\n';

function brief(d: Diagnostic): [unknown, unknown, unknown] {
  return [d.code, d.severity, d.range.start.line];
}

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

async function startIn(files: Record<string, string>, settings: Record<string, unknown>, trusted = true): Promise<{ client: LspTestClient; ws: string }> {
  const ws = makeWorkspace(files);
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, settings, trusted);
  clients.push(client);
  return { client, ws };
}

void describe('project configuration and custom policies', () => {
  void it('.tfpolicy.yaml: severity override and disabled policy apply; an unknown id is an error in the config file', async () => {
    const { client, ws } = await startIn({ 'main.tf': MAIN, '.tfpolicy.yaml': CONFIG }, { debounceMs: 10 });
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'findings under the project config');
    assert.deepEqual(diagnostics.map(brief), [['aws-s3-bucket-public-acl', 3, 1]], 'low → information; the EBS policy is disabled');
    const config = await client.waitForDiagnostics(fileUri(path.join(ws, '.tfpolicy.yaml')), (d) => d.length > 0, 'the config error');
    assert.deepEqual(config.map((d) => [d.source, d.code, d.severity, d.message]), [
      ['tfpolicy', 'config-file', 1, '.tfpolicy.yaml: unknown policy id "no-such-policy"'],
    ]);
  });

  void it('a .tfpolicy.yaml changed on disk is picked up when the watcher reports it', async () => {
    const { client, ws } = await startIn({ 'main.tf': MAIN, '.tfpolicy.yaml': PINNED }, { debounceMs: 10 });
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const builtIn = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'built-in findings');
    assert.deepEqual(builtIn.map(brief), [['aws-s3-bucket-public-acl', 1, 1], ['aws-ebs-volume-unencrypted', 1, 6]]);
    fs.writeFileSync(path.join(ws, '.tfpolicy.yaml'), `${PINNED}disable: [aws-ebs-volume-unencrypted]\n`);
    await client.filesChanged([{ file: path.join(ws, '.tfpolicy.yaml'), type: 2 }]);
    const configured = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'the EBS policy disabled');
    assert.deepEqual(configured.map(brief), [['aws-s3-bucket-public-acl', 1, 1]]);
  });

  void it('untrusted workspace: .tfpolicy.yaml is not loaded until trust is granted', async () => {
    const { client, ws } = await startIn({ 'main.tf': MAIN, '.tfpolicy.yaml': CONFIG }, { debounceMs: 10 }, false);
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const untrusted = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'built-in findings only');
    // Without the config, the whole built-in pack runs: both policies report, at their own severity.
    const pinned = new Set(['aws-s3-bucket-public-acl', 'aws-ebs-volume-unencrypted']);
    assert.deepEqual(untrusted.filter((d) => pinned.has(String(d.code))).map(brief), [['aws-s3-bucket-public-acl', 1, 1], ['aws-ebs-volume-unencrypted', 1, 6]]);
    assert.ok(untrusted.length > 2, 'and the other built-in policies too');
    await client.connection.sendNotification('tfpolicy/didGrantWorkspaceTrust');
    const trusted = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'the config to apply');
    assert.deepEqual(trusted.map(brief), [['aws-s3-bucket-public-acl', 3, 1]]);
  });

  void it('tfpolicy.variables and tfpolicy.varFiles give variables their values, like -var and -var-file', async () => {
    const main = 'variable "acl" {\n  default = "private"\n}\n\nresource "aws_s3_bucket" "logs" {\n  acl = var.acl\n}\n';
    const { client, ws } = await startIn({
      'main.tf': main,
      'prod.tfvars': 'acl = "public-read-write"\n',
      '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl]\n',
    }, { debounceMs: 10 });
    const uri = await client.open(path.join(ws, 'main.tf'), main);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 'the default to pass'), []);
    await client.changeSettings({ debounceMs: 10, variables: { acl: 'public-read' } });
    const fromSetting = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'the value from tfpolicy.variables');
    assert.deepEqual(fromSetting.map((d) => [d.range.start.line, d.message]), [[5, 'S3 bucket ACL grants public access: acl is "public-read"']]);
    await client.changeSettings({ debounceMs: 10, varFiles: ['prod.tfvars'] });
    const fromFile = await client.waitForDiagnostics(uri, (d) => d[0]?.message !== fromSetting[0]?.message, 'the value from the var file');
    assert.deepEqual(fromFile.map((d) => [d.range.start.line, d.message, d.relatedInformation?.[0]?.location.uri]), [
      [5, 'S3 bucket ACL grants public access: acl is "public-read-write"', fileUri(path.join(ws, 'prod.tfvars'))],
    ]);
  });

  void it('tfpolicy.minimumSeverity hides findings below it', async () => {
    const { client, ws } = await startIn({ 'main.tf': MAIN, '.tfpolicy.yaml': PINNED }, { debounceMs: 10, minimumSeverity: 'critical' });
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 'nothing below critical'), []);
    await client.changeSettings({ debounceMs: 10, minimumSeverity: 'high' });
    const high = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the high findings');
    assert.deepEqual(high.map(brief), [['aws-s3-bucket-public-acl', 1, 1], ['aws-ebs-volume-unencrypted', 1, 6]]);
  });

  void it('tfpolicy.policyDirs: a custom policy reports with its own docs link; a broken one is shown in its policy.yaml', async () => {
    const { client, ws } = await startIn({
      'main.tf': MAIN,
      'rules/acme-ebs-volume-tagged/policy.yaml': CUSTOM_POLICY,
      'rules/acme-ebs-volume-tagged/README.md': '# EBS volumes carry a team tag\n',
      'rules/acme-broken/policy.yaml': BROKEN_POLICY,
    }, { debounceMs: 10, policyDirs: ['rules'] });
    const uri = await client.open(path.join(ws, 'main.tf'), MAIN);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'acme-ebs-volume-tagged'), 'the custom finding');
    const custom = diagnostics.find((d) => d.code === 'acme-ebs-volume-tagged');
    assert.equal(custom?.severity, 2);
    assert.equal(custom?.codeDescription?.href, fileUri(path.join(ws, 'rules/acme-ebs-volume-tagged/README.md')));
    assert.deepEqual(custom?.range, { start: { line: 7, character: 31 }, end: { line: 7, character: 33 } });
    const broken = await client.waitForDiagnostics(fileUri(path.join(ws, 'rules/acme-broken/policy.yaml')), (d) => d.length > 0, 'the policy file errors');
    assert.ok(broken.every((d) => d.source === 'tfpolicy' && d.code === 'policy-file' && d.severity === 1), JSON.stringify(broken));
    assert.ok(broken.some((d) => d.range.start.line === 2), `the bad severity on line 3 is pointed at: ${JSON.stringify(broken)}`);
  });
});

void describe('policy files and .tfpolicy.yaml while they are edited', () => {
  void it('an open policy.yaml in a policy directory is checked as it is typed; one elsewhere is left alone', async () => {
    const { client, ws } = await startIn({
      'main.tf': MAIN,
      'rules/acme-ebs-volume-tagged/policy.yaml': CUSTOM_POLICY,
      'rules/acme-ebs-volume-tagged/README.md': '# EBS volumes carry a team tag\n',
      'k8s/policy.yaml': 'kind: NetworkPolicy\n',
    }, { debounceMs: 10, policyDirs: ['rules'] });
    const policyFile = path.join(ws, 'rules/acme-ebs-volume-tagged/policy.yaml');
    const uri = await client.open(policyFile, CUSTOM_POLICY, 'yaml');
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 'the valid policy to be published'), []);
    // severity: medium → severity: severe (line 3, characters 10..16).
    await client.change(uri, [{ range: { start: { line: 2, character: 10 }, end: { line: 2, character: 16 } }, text: 'severe' }]);
    const broken = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the schema error');
    assert.ok(broken.every((d) => d.code === 'policy-file' && d.severity === 1 && d.source === 'tfpolicy'), JSON.stringify(broken));
    assert.ok(broken.some((d) => d.range.start.line === 2), JSON.stringify(broken));
    await client.change(uri, [{ range: { start: { line: 2, character: 10 }, end: { line: 2, character: 16 } }, text: 'high' }]);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the fixed policy'), []);

    const other = await client.open(path.join(ws, 'k8s/policy.yaml'), 'kind: NetworkPolicy\n', 'yaml');
    await client.open(path.join(ws, 'main.tf'), MAIN);
    await client.waitForDiagnostics(fileUri(path.join(ws, 'main.tf')), (d) => d.length > 0, 'the module analysed after the other policy.yaml');
    assert.equal(client.diagnostics(other), undefined, 'not a tfpolicy policy: no diagnostics');
  });

  void it('an open .tfpolicy.yaml: an unknown policy id is marked where it is written', async () => {
    const config = `${PINNED}disable: [aws-s3-bucket-public-acl]\n`;
    const { client, ws } = await startIn({ 'main.tf': MAIN, '.tfpolicy.yaml': config }, { debounceMs: 10 });
    const uri = await client.open(path.join(ws, '.tfpolicy.yaml'), config, 'yaml');
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 'the valid config'), []);
    await client.change(uri, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 34 } }, text: 'aws-s3-bucket-public-acls' }]);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the unknown id');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range, d.message]), [[
      'config-file',
      { start: { line: 1, character: 10 }, end: { line: 1, character: 35 } },
      '.tfpolicy.yaml: unknown policy id "aws-s3-bucket-public-acls"',
    ]]);
  });
});
