// "Fix all tfpolicy problems in this file" end to end over JSON-RPC: the `source.fixAll.tfpolicy`
// action editors run on save (`editor.codeActionsOnSave`), applied with didChange as the editor
// applies a WorkspaceEdit, removes every fixable finding at once and leaves text that parses.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseHcl } from '../../server/src/hcl';
import { LspTestClient, makeWorkspace } from './lsp-harness';

const EBS = 'aws-ebs-volume-unencrypted';
const PUBLIC = 'aws-rds-publicly-accessible';
const STORAGE = 'aws-rds-storage-unencrypted';
const DELETION = 'aws-rds-deletion-protection-disabled';
/** Pins the policies under test, so the pack can grow without changing these expectations. */
const CONFIG = `enable: [${EBS}, ${PUBLIC}, ${STORAGE}, ${DELETION}]\n`;
const FIXABLE = [EBS, PUBLIC, STORAGE, DELETION];
const FIX_ALL = 'Fix all tfpolicy problems in this file';

const MAIN = [
  'resource "aws_ebs_volume" "data" {',
  '  availability_zone = "eu-west-1a"',
  '  size              = 40',
  '}',
  '',
  'resource "aws_db_instance" "orders" {',
  '  engine              = "postgres"',
  '  instance_class      = "db.t3.micro"',
  '  publicly_accessible = true',
  '  storage_encrypted   = false',
  '  deletion_protection = true',
  '}',
  '',
].join('\n');

const FIXED = [
  'resource "aws_ebs_volume" "data" {',
  '  availability_zone = "eu-west-1a"',
  '  size              = 40',
  '  encrypted = true',
  '}',
  '',
  'resource "aws_db_instance" "orders" {',
  '  engine              = "postgres"',
  '  instance_class      = "db.t3.micro"',
  '  publicly_accessible = false',
  '  storage_encrypted   = true',
  '  deletion_protection = true',
  '}',
  '',
].join('\n');

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
const fixable = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => FIXABLE.includes(String(d.code)));

function codeActions(client: LspTestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

async function start(text: string): Promise<{ client: LspTestClient; uri: string }> {
  const ws = makeWorkspace({ '.tfpolicy.yaml': CONFIG });
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
  clients.push(client);
  return { client, uri: await client.open(path.join(ws, 'main.tf'), text) };
}

/** Applies `edits` as the editor applies a WorkspaceEdit: every change in the text the previous one left, so bottom up. */
async function apply(client: LspTestClient, uri: string, edits: TextEdit[]): Promise<void> {
  await client.change(uri, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
}

void describe('fix all', () => {
  void it('source.fixAll.tfpolicy fixes every fixable finding of the file in one edit; the text parses', async () => {
    const { client, uri } = await start(MAIN);
    const before = await client.waitForDiagnostics(uri, (d) => fixable(d).length === 3, 'three fixable findings');
    assert.deepEqual(codes(before), [EBS, PUBLIC, STORAGE]);

    // On save the editor sends the whole file's range and no diagnostics of its own: the server uses what it published.
    const actions = await codeActions(client, uri, [], ['source.fixAll.tfpolicy']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [[FIX_ALL, 'source.fixAll.tfpolicy']]);
    assert.deepEqual(codes(actions[0]?.diagnostics ?? []), [EBS, PUBLIC, STORAGE]);
    const edits = actions[0]?.edit?.changes?.[uri] ?? [];
    assert.deepEqual(Object.keys(actions[0]?.edit?.changes ?? {}), [uri]);
    assert.deepEqual(edits, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  encrypted = true\n' },
      { range: { start: { line: 8, character: 24 }, end: { line: 8, character: 28 } }, newText: 'false' },
      { range: { start: { line: 9, character: 24 }, end: { line: 9, character: 29 } }, newText: 'true' },
    ]);

    // The quick-fix menu offers the same edit, last, next to a finding's own fix.
    const menu = await codeActions(client, uri, fixable(before).filter((d) => d.code === PUBLIC), ['quickfix']);
    assert.equal(menu.at(-1)?.title, FIX_ALL);
    assert.equal(menu.at(-1)?.kind, 'quickfix');
    assert.deepEqual(menu.at(-1)?.edit, actions[0]?.edit);

    const text = TextDocument.applyEdits(TextDocument.create(uri, 'terraform', 1, MAIN), edits);
    assert.equal(text, FIXED);
    assert.deepEqual(parseHcl(text).errors, []);
    await apply(client, uri, edits);
    const fixed = await client.waitForDiagnostics(uri, (d) => fixable(d).length === 0, 'the fixable findings gone');
    assert.deepEqual(fixed, []);

    // Nothing left to fix: no action.
    assert.deepEqual(await codeActions(client, uri, [], ['source.fixAll.tfpolicy']), []);
  });

  void it('two insertions at one place: one now, the other on the next run (never both into one spot)', async () => {
    const db = ['resource "aws_db_instance" "billing" {', '  engine         = "mysql"', '  instance_class = "db.t3.micro"', '}', ''].join('\n');
    const { client, uri } = await start(db);
    await client.waitForDiagnostics(uri, (d) => codes(d).join() === [STORAGE, DELETION].sort().join(), 'two missing attributes');
    const [first] = await codeActions(client, uri, [], ['source.fixAll']);
    assert.equal(first?.diagnostics?.length, 1);
    const firstEdits = first?.edit?.changes?.[uri] ?? [];
    assert.equal(firstEdits.length, 1);
    await apply(client, uri, firstEdits);
    const left = await client.waitForDiagnostics(uri, (d) => d.length === 1, 'one finding left');
    const [second] = await codeActions(client, uri, [], ['source.fixAll.tfpolicy']);
    assert.deepEqual(second?.diagnostics, left);
    await apply(client, uri, second?.edit?.changes?.[uri] ?? []);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 'both fixed'), []);
  });
});
