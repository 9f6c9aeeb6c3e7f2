// Reading the disk: module directories found (skipping .terraform, .git, node_modules and
// excludes), binary files refused with a reason, unreadable directories reported, not fatal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { decodeText, excludeMatcher, findModuleDirs, listModuleFiles, readTerraformFile, terraformFileKind } from '../../../server/src/node/files';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-files-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

test('terraformFileKind', () => {
  assert.deepEqual(['a.tf', 'a.tf.json', 'x.tfvars', 'x.tfvars.json', 'a.tfstate', 'a.json'].map(terraformFileKind),
    ['config', 'config', 'tfvars', 'tfvars', undefined, undefined]);
});

test('findModuleDirs: directories with .tf/.tf.json files, skipping caches and excludes', () => {
  const root = tree({
    'main.tf': '', 'vars.tfvars': '',
    'modules/a/main.tf.json': '{}',
    'modules/b/README.md': '',
    'legacy/old.tf': '',
    '.terraform/modules/x/main.tf': '', '.git/x.tf': '', 'node_modules/y/main.tf': '',
  });
  const { moduleDirs, failures } = findModuleDirs(root, excludeMatcher(root, ['legacy/**']));
  assert.deepEqual(moduleDirs.map((d) => path.relative(root, d)), ['', 'modules/a']);
  assert.deepEqual(failures, []);
});

test('listModuleFiles: the Terraform files of one directory, sorted', () => {
  const root = tree({ 'b.tf': '', 'a.tf.json': '', 'c.tfvars': '', 'notes.txt': '', 'sub/d.tf': '' });
  assert.deepEqual(listModuleFiles(root).files.map((f) => path.basename(f)), ['a.tf.json', 'b.tf', 'c.tfvars']);
  assert.equal(listModuleFiles(path.join(root, 'missing')).failure?.message, 'cannot read directory: no such file or directory');
});

test('decodeText refuses binary content with a reason', () => {
  assert.deepEqual(decodeText(Buffer.from([0x41, 0x00, 0x42])), { ok: false, message: 'binary file (contains NUL bytes); not scanned' });
  assert.deepEqual(decodeText(Buffer.from('résumé = "ok"\n')), { ok: true, text: 'résumé = "ok"\n' });
  assert.deepEqual(decodeText(Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a])), { ok: false, message: 'file is not valid UTF-8 (Terraform reads only UTF-8); not scanned' });
});

test('an unreadable directory is a failure, the walk goes on', (t) => {
  if (process.getuid?.() === 0) return t.skip('running as root: permissions do not restrict reads');
  const root = tree({ 'ok/main.tf': '', 'locked/main.tf': '' });
  fs.chmodSync(path.join(root, 'locked'), 0o000);
  try {
    const { moduleDirs, failures } = findModuleDirs(root);
    assert.deepEqual(moduleDirs.map((d) => path.relative(root, d)), ['ok']);
    assert.deepEqual(failures.map((f) => [path.relative(root, f.file), f.message]), [['locked', 'cannot read directory: permission denied']]);
  } finally {
    fs.chmodSync(path.join(root, 'locked'), 0o755);
  }
});

test('a pipe behind a *.tf symlink, or named *.tf, is reported instead of blocking the read', () => {
  const root = tree({ 'z.tf': 'resource "aws_ebs_volume" "z" {}\n' });
  spawnSync('mkfifo', [path.join(root, 'pipe'), path.join(root, 'named.tf')]);
  fs.symlinkSync('pipe', path.join(root, 'link.tf'));
  assert.deepEqual(listModuleFiles(root).files.map((f) => path.basename(f)), ['link.tf', 'named.tf', 'z.tf']);
  const expected = { ok: false, message: 'not a regular file (a pipe, socket or device); not scanned' };
  assert.deepEqual(readTerraformFile(path.join(root, 'link.tf')), expected);
  assert.deepEqual(readTerraformFile(path.join(root, 'named.tf')), expected);
});

test('a UTF-8 byte order mark is dropped, so line 1 columns match the editor', () => {
  assert.deepEqual(decodeText(Buffer.from('\uFEFFvariable "a" {}\n', 'utf8')), { ok: true, text: 'variable "a" {}\n' });
});
