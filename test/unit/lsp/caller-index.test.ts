// The index of module callers on disk: which local modules a directory calls (literal local
// sources only, buffers over the disk, .tf.json too), the roots a module is reported through
// (callers of callers, cycles), and the walk (skipped and excluded directories, the cap).

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../../server/src/hcl';
import { localModuleCalls, ModuleCallGraph } from '../../../server/src/node/module-calls';
import { CallerIndex, type CallerIndexHost } from '../../../server/src/lsp/caller-index';

const workspaces: string[] = [];
after(() => {
  for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-callers-')));
  workspaces.push(ws);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  return ws;
}

const call = (name: string, source: string): string => `module "${name}" {\n  source = ${source}\n}\n`;

void describe('localModuleCalls', () => {
  void it('lists literal local sources as absolute directories; registry, git and computed sources are not local calls', () => {
    const ws = workspace({
      'root/main.tf': [call('a', '"../mods/a"'), call('b', '"./b"'), call('reg', '"hashicorp/consul/aws"'), call('git', '"git::https://x/y.git"'), call('v', '"${var.x}"'), call('self', '"."')].join(''),
      'root/more.tf.json': JSON.stringify({ module: { c: { source: '../mods/c' } } }),
      'root/terraform.tfvars': 'x = "./nope"\n',
    });
    const calls = localModuleCalls(path.join(ws, 'root'), { parse: parseFile });
    assert.deepEqual(calls, [path.join(ws, 'mods/a'), path.join(ws, 'mods/c'), path.join(ws, 'root/b')]);
  });

  void it('reads open buffers over the disk, also unsaved new files; a directory without configuration is no module', () => {
    const ws = workspace({ 'root/main.tf': call('a', '"../a"'), 'vars/terraform.tfvars': 'x = 1\n' });
    const dir = path.join(ws, 'root');
    const unsaved = path.join(dir, 'new.tf');
    const buffers = new Map([[path.join(dir, 'main.tf'), ''], [unsaved, call('b', '"../b"')]]);
    const calls = localModuleCalls(dir, { parse: parseFile, overlay: (f) => buffers.get(f), unsavedFiles: () => [unsaved] });
    assert.deepEqual(calls, [path.join(ws, 'b')]);
    assert.equal(localModuleCalls(path.join(ws, 'vars'), { parse: parseFile }), undefined);
    assert.equal(localModuleCalls(path.join(ws, 'missing'), { parse: parseFile }), undefined);
  });
});

void describe('ModuleCallGraph.rootCallersOf', () => {
  void it('follows callers of callers up to the modules nobody calls; cycles end', () => {
    const g = new ModuleCallGraph();
    g.set('/prod', ['/wrapper', '/net']);
    g.set('/dev', ['/net']);
    g.set('/wrapper', ['/net']);
    g.set('/net', []);
    g.set('/x', ['/y']);
    g.set('/y', ['/x', '/net']);
    assert.deepEqual(g.rootCallersOf('/net'), ['/dev', '/prod']);
    assert.deepEqual(g.rootCallersOf('/wrapper'), ['/prod']);
    assert.deepEqual(g.rootCallersOf('/prod'), []);
    assert.equal(g.set('/dev', ['/net']), false, 'the same calls are no change');
    assert.equal(g.set('/dev', []), true);
    assert.deepEqual(g.rootCallersOf('/net'), ['/prod']);
    assert.equal(g.delete('/prod'), true);
    assert.deepEqual(g.rootCallersOf('/net'), ['/wrapper'], 'nobody calls the wrapper now; the cycle x ⇄ y has no root');
    assert.deepEqual(g.rootCallersOf('/wrapper'), []);
  });
});

void describe('CallerIndex', () => {
  const host = (ws: string, extra: Partial<CallerIndexHost> = {}): CallerIndexHost & { lines: string[] } => {
    const lines: string[] = [];
    return {
      folders: () => [ws],
      excludedIn: () => Promise.resolve((p: string) => p.startsWith(path.join(ws, 'old'))),
      overlay: () => undefined,
      unsavedFiles: () => [],
      log: (line) => lines.push(line),
      lines,
      ...extra,
    };
  };

  void it('walks the folders as the CLI does: .terraform, .git, node_modules and excluded paths call nothing', async () => {
    const ws = workspace({
      'modules/net/main.tf': 'resource "null_resource" "x" {}\n',
      'envs/prod/main.tf': call('net', '"../../modules/net"'),
      'envs/prod/.terraform/modules/cached/main.tf': call('net', '"../../../../../modules/net"'),
      'node_modules/pkg/main.tf': call('net', '"../../modules/net"'),
      'old/main.tf': call('net', '"../modules/net"'),
    });
    const index = new CallerIndex(host(ws));
    assert.equal(await index.rebuild(), true);
    assert.deepEqual(index.rootCallersOf(path.join(ws, 'modules/net')), [path.join(ws, 'envs/prod')]);
    // Events for skipped or excluded directories do not add them.
    assert.equal(index.refresh(path.join(ws, 'old')), false);
    assert.equal(index.refresh(path.join(ws, 'node_modules/pkg')), false);
  });

  void it('follows files changed, folders created and deleted', async () => {
    const ws = workspace({ 'modules/net/main.tf': '', 'envs/prod/main.tf': call('net', '"../../modules/net"') });
    const index = new CallerIndex(host(ws));
    await index.rebuild();
    const net = path.join(ws, 'modules/net');
    fs.mkdirSync(path.join(ws, 'envs/dev/app'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'envs/dev/app/main.tf'), call('net', '"../../../modules/net"'));
    assert.equal(index.addTree(path.join(ws, 'envs/dev')), true);
    assert.deepEqual(index.rootCallersOf(net), [path.join(ws, 'envs/dev/app'), path.join(ws, 'envs/prod')]);
    fs.writeFileSync(path.join(ws, 'envs/prod/main.tf'), '');
    assert.equal(index.refresh(path.join(ws, 'envs/prod')), true);
    assert.equal(index.refresh(path.join(ws, 'envs/prod')), false, 'read again unchanged: no change');
    assert.deepEqual(index.rootCallersOf(net), [path.join(ws, 'envs/dev/app')]);
    assert.equal(index.forgetUnder(path.join(ws, 'envs')), true);
    assert.deepEqual(index.rootCallersOf(net), []);
  });

  void it('indexes at most maxModules directories and says so once', async () => {
    const ws = workspace({ 'a/main.tf': call('m', '"../m"'), 'b/main.tf': call('m', '"../m"'), 'm/main.tf': '' });
    const h = host(ws, { maxModules: 2 });
    const index = new CallerIndex(h);
    await index.rebuild();
    assert.deepEqual(index.rootCallersOf(path.join(ws, 'm')), [path.join(ws, 'a'), path.join(ws, 'b')]);
    assert.equal(index.refresh(path.join(ws, 'm')), false, 'a third directory is not added');
    assert.deepEqual(h.lines.filter((l) => l.includes('module directories;')), [
      'tfpolicy: the workspace has 3 module directories; only the first 2 are searched for module calls, so a module called from the others is reported only through callers you open',
    ]);
  });
});
