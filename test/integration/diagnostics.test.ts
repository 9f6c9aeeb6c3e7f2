// The bundled server over a real stdio LSP connection: exact diagnostics on open, incremental
// edits that fix and re-break a value, code actions, and settings changes that re-run the analysis.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const S3_README = '/policies/aws/aws-s3-bucket-public-acl/README.md';

const INSECURE_BUCKET = [
  'resource "aws_s3_bucket" "logs" {',
  '  bucket = "acme-logs"',
  '  acl    = "public-read"',
  '}',
  '',
].join('\n');

/** The finding on line 3 `acl    = "public-read"`: exactly the value, columns 11..24. */
function publicAclDiagnostic(uri: string, docsHref: string, version: number): Diagnostic {
  const range = { start: { line: 2, character: 11 }, end: { line: 2, character: 24 } };
  return {
    range,
    severity: 1,
    source: 'tfpolicy',
    code: 'aws-s3-bucket-public-acl',
    codeDescription: { href: docsHref },
    message: 'S3 bucket ACL grants public access: acl is "public-read"',
    data: {
      kind: 'finding',
      policyId: 'aws-s3-bucket-public-acl',
      resource: 'aws_s3_bucket.logs',
      docsUri: docsHref,
      version,
      fix: { title: 'Set the ACL to "private"', edits: [{ uri, range, newText: '"private"' }] },
      suppress: { headerLine: 0, item: { line: 2, name: 'acl' } },
    },
  };
}

void describe('diagnostics over stdio', () => {
  let client: LspTestClient;
  let ws: string;
  let uri: string;

  before(async () => {
    // Pin the policies under test, so the pack can grow without changing these expectations.
    ws = makeWorkspace({ 'main.tf': INSECURE_BUCKET, '.tfpolicy.yaml': 'enable: [aws-s3-bucket-public-acl]\n' });
    ({ client } = await LspTestClient.start(ws, { debounceMs: 10 }));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void it('initialize announces incremental sync, save notifications and quick fixes', async () => {
    const { client: other, init } = await LspTestClient.start(ws);
    await other.stop();
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.tfpolicy'], resolveProvider: false });
  });

  void it('didOpen publishes the finding on the offending value, with code, source, severity and docs link', async () => {
    uri = await client.open(path.join(ws, 'main.tf'), INSECURE_BUCKET);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the public ACL finding');
    const href = diagnostics[0]?.codeDescription?.href ?? '';
    assert.ok(href.startsWith('file://') && href.endsWith(S3_README), href);
    assert.ok(fs.existsSync(fileURLToPath(href)), `the docs link points at an existing README: ${href}`);
    assert.deepEqual(diagnostics, [publicAclDiagnostic(uri, href, 1)]);
  });

  void it('an incremental didChange that fixes the value clears the diagnostics', async () => {
    // Replace `public-read` (inside the quotes) with `private`.
    await client.change(uri, [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 23 } }, text: 'private' }]);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the finding to clear'), []);
  });

  void it('an edit that inserts a line and breaks the value again moves the finding with it', async () => {
    await client.change(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  # the log bucket\n' },
      { range: { start: { line: 3, character: 12 }, end: { line: 3, character: 19 } }, text: 'public-read-write' },
    ]);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 'the finding to come back');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range, d.message]), [[
      'aws-s3-bucket-public-acl',
      { start: { line: 3, character: 11 }, end: { line: 3, character: 30 } },
      'S3 bucket ACL grants public access: acl is "public-read-write"',
    ]]);
  });

  void it('code actions: the policy fix (preferred) and "Show documentation"', async () => {
    const diagnostics = client.diagnostics(uri) ?? [];
    const actions = await client.codeActions(uri, diagnostics);
    const href = diagnostics[0]?.codeDescription?.href;
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Set the ACL to "private"', 'quickfix', true],
      ['Suppress aws-s3-bucket-public-acl on this line', 'quickfix', false],
      ['Suppress aws-s3-bucket-public-acl for aws_s3_bucket.logs', 'quickfix', false],
      ['Show documentation for aws-s3-bucket-public-acl', 'quickfix', false],
    ]);
    assert.deepEqual(actions[0]?.edit, { changes: { [uri]: [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 30 } }, newText: '"private"' }] } });
    assert.deepEqual(actions[3]?.command, { title: 'Show documentation for aws-s3-bucket-public-acl', command: 'tfpolicy.showPolicyDocs', arguments: [href] });
  });

  void it('applying the quick fix clears the finding', async () => {
    const [fix] = await client.codeActions(uri, client.diagnostics(uri) ?? []);
    const edits = fix?.edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 1);
    await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the fixed file to be clean'), []);
  });

  void it('changing tfpolicy.diagnosticSeverity re-runs the analysis with the new severity', async () => {
    await client.change(uri, [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 19 } }, text: 'public-read' }]);
    const asError = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'the finding');
    assert.equal(asError[0]?.severity, 1);
    await client.changeSettings({ debounceMs: 10, diagnosticSeverity: { high: 'warning' } });
    const afterChange = await client.waitForDiagnostics(uri, (d) => d[0]?.severity === 2, 'a warning instead of an error');
    assert.equal(afterChange.length, 1);
  });

  void it('tfpolicy.enable = false clears the file; true brings the finding back', async () => {
    await client.changeSettings({ enable: false });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'nothing while disabled'), []);
    await client.changeSettings({});
    const back = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'the finding again');
    assert.equal(back[0]?.code, 'aws-s3-bucket-public-acl');
  });
});
