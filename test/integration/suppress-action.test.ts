// The "Suppress …" quick fixes end to end over JSON-RPC: each action's edit, applied to the open
// document with didChange as the editor would, inserts a comment the engine honours — the finding
// disappears, and no other finding goes with it (a comment on one ingress rule leaves the other).

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const SSH = 'aws-security-group-ssh-open-to-world';
const ACL = 'aws-s3-bucket-public-acl';
/** Pins the policies under test, so the pack can grow without changing these expectations. */
const CONFIG = `enable: [${SSH}, ${ACL}]\n`;

const RULE = ['  ingress {', '    from_port   = 22', '    to_port     = 22', '    protocol    = "tcp"', '    cidr_blocks = ["0.0.0.0/0"]', '  }'];
/** Two open SSH rules: two findings, on lines 6 and 12. */
const GROUP = ['resource "aws_security_group" "bastion" {', '  name = "bastion"', ...RULE, ...RULE, '}', ''];
const CALLER = 'module "logs" {\n  source = "./modules/storage"\n  acl    = "public-read"\n}\n';
const STORAGE = 'variable "acl" {\n  type = string\n}\n\nresource "aws_s3_bucket" "this" {\n  bucket = "logs"\n  acl    = var.acl\n}\n';

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

async function start(files: Record<string, string>): Promise<{ client: LspTestClient; ws: string }> {
  const ws = makeWorkspace({ '.tfpolicy.yaml': CONFIG, ...files });
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
  clients.push(client);
  return { client, ws };
}

const findings = (ds: Diagnostic[], id: string): Diagnostic[] => ds.filter((d) => d.code === id);
const lines = (ds: Diagnostic[]): number[] => ds.map((d) => d.range.start.line);

/** The single edit of `action` in `uri`, applied as the editor applies a WorkspaceEdit. */
async function apply(client: LspTestClient, uri: string, action: CodeAction | undefined): Promise<TextEdit> {
  const edits = action?.edit?.changes?.[uri];
  assert.equal(edits?.length, 1, JSON.stringify(action));
  const edit = edits[0]!;
  await client.change(uri, [{ range: edit.range, text: edit.newText }]);
  return edit;
}

void describe('suppress quick fixes', () => {
  void it('"on this line" suppresses that ingress rule only; "for the resource" the rest', async () => {
    const { client, ws } = await start({});
    const uri = await client.open(path.join(ws, 'main.tf'), GROUP.join('\n'));
    const before = findings(await client.waitForDiagnostics(uri, (d) => findings(d, SSH).length === 2, 'two open rules'), SSH);
    assert.deepEqual(lines(before), [6, 12]);

    const actions = await client.codeActions(uri, [before[1]!]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [
      [`Suppress ${SSH} on this line`, false],
      [`Suppress ${SSH} for aws_security_group.bastion`, false],
      [`Show documentation for ${SSH}`, false],
    ]);
    const line = await apply(client, uri, actions[0]);
    assert.deepEqual(line, { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, newText: `    # tfpolicy:ignore ${SSH} -- TODO: reason\n` });
    const after = await client.waitForDiagnostics(uri, (d) => findings(d, SSH).length === 1, 'the second rule suppressed');
    assert.deepEqual(lines(findings(after, SSH)), [6]);
    assert.deepEqual(after.filter((d) => d.code === 'invalid-suppression'), []);

    const whole = (await client.codeActions(uri, findings(after, SSH))).find((a) => a.title === `Suppress ${SSH} for aws_security_group.bastion`);
    const header = await apply(client, uri, whole);
    assert.deepEqual(header, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# tfpolicy:ignore ${SSH} -- TODO: reason\n` });
    const none = await client.waitForDiagnostics(uri, (d) => findings(d, SSH).length === 0, 'the resource suppressed');
    assert.deepEqual(none, []);
  });

  void it('a CRLF document gets a CRLF comment line, honoured', async () => {
    const { client, ws } = await start({});
    const text = ['', ...GROUP.map((l) => `  ${l}`)].join('\r\n');
    const uri = await client.open(path.join(ws, 'main.tf'), text);
    const before = findings(await client.waitForDiagnostics(uri, (d) => findings(d, SSH).length === 2, 'two open rules'), SSH);
    const actions = await client.codeActions(uri, [before[0]!]);
    const edit = await apply(client, uri, actions.find((a) => a.title === `Suppress ${SSH} on this line`));
    assert.deepEqual(edit, { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: `      # tfpolicy:ignore ${SSH} -- TODO: reason\r\n` });
    const after = await client.waitForDiagnostics(uri, (d) => findings(d, SSH).length === 1, 'the first rule suppressed');
    assert.deepEqual(lines(findings(after, SSH)), [14]);
  });

  void it('a module call argument offers the suppression above the module block, which clears both places', async () => {
    const { client, ws } = await start({ 'modules/storage/main.tf': STORAGE });
    const uri = await client.open(path.join(ws, 'main.tf'), CALLER);
    const before = findings(await client.waitForDiagnostics(uri, (d) => findings(d, ACL).length === 1, 'the finding on the argument'), ACL);
    assert.deepEqual(before.map((d) => d.message), ['S3 bucket ACL grants public access: acl is "public-read" (in module.logs.aws_s3_bucket.this)']);
    const actions = await client.codeActions(uri, before);
    assert.deepEqual(actions.map((a) => a.title), [`Suppress ${ACL} for module "logs"`, `Show documentation for ${ACL}`]);
    const edit = await apply(client, uri, actions[0]);
    assert.deepEqual(edit.newText, `# tfpolicy:ignore ${ACL} -- TODO: reason\n`);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => findings(d, ACL).length === 0, 'the module suppressed'), []);
    const storage = path.join(ws, 'modules/storage/main.tf');
    const storageUri = await client.open(storage, STORAGE);
    await client.waitForDiagnostics(storageUri, (d) => findings(d, ACL).length === 0, 'the module resource suppressed too');
  });
});
