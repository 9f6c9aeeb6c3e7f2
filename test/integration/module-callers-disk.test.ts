// Callers found on disk: a module opened on its own shows the findings of every root that calls
// it — also roots the user never opened, and roots calling it through another module — exactly
// as `tfpolicy scan <workspace>` reports them; roots edited, created or deleted on disk (watched
// file events) update them, and a root `.tfpolicy.yaml` excludes is no caller.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, makeWorkspace, repoRoot } from './lsp-harness';

const MODULE = [
  'variable "acl" {',
  '  default = "private"',
  '}',
  'variable "encrypted" {',
  '  default = true',
  '}',
  '',
  'resource "aws_s3_bucket" "b" {',
  '  bucket = "b"',
  '  acl    = var.acl',
  '}',
  '',
  'resource "aws_ebs_volume" "v" {',
  '  availability_zone = "eu-west-1a"',
  '  encrypted         = var.encrypted',
  '}',
  '',
].join('\n');
/** A root calling the module with `args` (one `name = value` per line). */
const root = (source: string, ...args: string[]): string => `module "store" {\n  source = "${source}"\n${args.map((a) => `  ${a}\n`).join('')}}\n`;
const PROD = root('../../modules/store', 'acl = "public-read"');
const DEV = root('../../modules/store', 'encrypted = false');
const CONFIG = 'enable: [aws-s3-bucket-public-acl, aws-ebs-volume-unencrypted]\n';

const ACL: [string, number, number, string] = ['aws-s3-bucket-public-acl', 9, 11, 'S3 bucket ACL grants public access: acl is "public-read"'];
const EBS: [string, number, number, string] = ['aws-ebs-volume-unencrypted', 14, 22, 'EBS volume is not encrypted: encrypted is false'];

const clients: LspTestClient[] = [];
const workspaces: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

async function start(files: Record<string, string>): Promise<{ client: LspTestClient; ws: string; modUri: string }> {
  const ws = makeWorkspace({ 'modules/store/main.tf': MODULE, '.tfpolicy.yaml': CONFIG, ...files });
  workspaces.push(ws);
  const { client } = await LspTestClient.start(ws, { debounceMs: 10 });
  clients.push(client);
  const modUri = await client.open(path.join(ws, 'modules/store/main.tf'), MODULE);
  return { client, ws, modUri };
}

const brief = (d: Diagnostic): [unknown, number, number, unknown] => [d.code, d.range.start.line, d.range.start.character, d.message];
const sameAs = (expected: readonly (readonly unknown[])[]) => (ds: Diagnostic[]): boolean => JSON.stringify(ds.map(brief)) === JSON.stringify(expected);

/** What `tfpolicy scan <ws> --format json` reports for one file: [policy id, line, column] (0-based). */
function cliFindings(ws: string, rel: string): [string, number, number][] {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'scan', ws, '--format', 'json'], { encoding: 'utf8', cwd: ws });
  const report = JSON.parse(run.stdout) as { results: { policyId: string; file: string; range: { start: { line: number; column: number } } }[] };
  return report.results.filter((r) => r.file === rel).map((r) => [r.policyId, r.range.start.line - 1, r.range.start.column - 1]);
}
const located = (ds: Diagnostic[]): [unknown, number, number][] => ds.map((d) => [d.code, d.range.start.line, d.range.start.character]);

void describe('a module opened alone is reported through its callers on disk', () => {
  void it('shows every root\'s findings as the CLI does, and follows a root edited, added and deleted on disk', async () => {
    const { client, ws, modUri } = await start({ 'envs/prod/main.tf': PROD, 'envs/dev/main.tf': DEV });
    const both = await client.waitForDiagnostics(modUri, sameAs([ACL, EBS]), 'both roots\' findings in the module');
    assert.deepEqual(located(both), cliFindings(ws, 'modules/store/main.tf'), 'the same findings as the CLI');
    assert.deepEqual(both.map((d) => d.relatedInformation?.map((r) => [r.location.uri, r.message])), [
      [[fileUri(path.join(ws, 'envs/prod/main.tf')), 'value set here (module "store" input)']],
      [[fileUri(path.join(ws, 'envs/dev/main.tf')), 'value set here (module "store" input)']],
    ], 'each value is shown where its root sets it');

    // prod fixed on disk (a pull, another editor): its finding goes.
    const prod = path.join(ws, 'envs/prod/main.tf');
    fs.writeFileSync(prod, root('../../modules/store', 'acl = "private"'));
    await client.filesChanged([{ file: prod, type: 2 }]);
    const devOnly = await client.waitForDiagnostics(modUri, sameAs([EBS]), 'prod\'s finding to go');
    assert.deepEqual(located(devOnly), cliFindings(ws, 'modules/store/main.tf'));

    // A new root created on disk brings its finding.
    const stage = path.join(ws, 'envs/stage/main.tf');
    fs.mkdirSync(path.dirname(stage));
    fs.writeFileSync(stage, root('../../modules/store', 'acl = "public-read"'));
    await client.filesChanged([{ file: path.dirname(stage), type: 1 }, { file: stage, type: 1 }]);
    const withStage = await client.waitForDiagnostics(modUri, sameAs([ACL, EBS]), 'the new root\'s finding');
    assert.deepEqual(located(withStage), cliFindings(ws, 'modules/store/main.tf'));

    // dev deleted (as VS Code reports a deleted folder: the folder alone): its finding goes.
    fs.rmSync(path.join(ws, 'envs/dev'), { recursive: true });
    await client.filesChanged([{ file: path.join(ws, 'envs/dev'), type: 3 }]);
    const stageOnly = await client.waitForDiagnostics(modUri, sameAs([ACL]), 'the deleted root\'s finding to go');
    assert.deepEqual(located(stageOnly), cliFindings(ws, 'modules/store/main.tf'));
  });

  void it('reaches roots that call it through another module, and the module call added on disk to a root', async () => {
    const wrapper = 'variable "encrypted" {}\nmodule "inner" {\n  source    = "../store"\n  encrypted = var.encrypted\n}\n';
    const { client, ws, modUri } = await start({
      'modules/wrapper/main.tf': wrapper,
      'live/main.tf': root('../modules/wrapper', 'encrypted = false'),
      'other/main.tf': 'resource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\n',
    });
    const through = await client.waitForDiagnostics(modUri, sameAs([EBS]), 'the finding through live → wrapper → store');
    assert.deepEqual(located(through), cliFindings(ws, 'modules/store/main.tf'));
    assert.deepEqual(through[0]?.relatedInformation?.map((r) => r.location.uri), [fileUri(path.join(ws, 'live/main.tf')), fileUri(path.join(ws, 'modules/wrapper/main.tf'))], 'set in live, passed on by the wrapper');

    // `other` starts calling the module (saved by another tool): its input counts too.
    const other = path.join(ws, 'other/main.tf');
    fs.writeFileSync(other, `${fs.readFileSync(other, 'utf8')}${root('../modules/store', 'acl = "public-read"')}`);
    await client.filesChanged([{ file: other, type: 2 }]);
    const more = await client.waitForDiagnostics(modUri, sameAs([ACL, EBS]), 'the new caller\'s finding');
    assert.deepEqual(located(more), cliFindings(ws, 'modules/store/main.tf'));
  });

  void it('a root .tfpolicy.yaml excludes is no caller, as in the CLI', async () => {
    const { client, ws, modUri } = await start({
      '.tfpolicy.yaml': `${CONFIG}exclude: ["envs/old/**"]\n`,
      'envs/old/main.tf': PROD,
      'envs/dev/main.tf': DEV,
    });
    const devOnly = await client.waitForDiagnostics(modUri, sameAs([EBS]), 'only dev\'s finding');
    assert.deepEqual(located(devOnly), cliFindings(ws, 'modules/store/main.tf'));
    assert.equal(client.diagnostics(fileUri(path.join(ws, 'envs/old/main.tf'))), undefined, 'the excluded root is not analysed');
  });
});
