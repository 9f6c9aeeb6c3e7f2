// The .vsix ships exactly what the extension needs at run time (.vscodeignore is an allowlist):
// `vsce ls` must list these files and nothing else — no sources, no sourcemaps, no node_modules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

const EXPECTED = [
  'LICENSE',
  'README.md',
  'dist/client.js',
  'dist/hcl2json.wasm.gz',
  'dist/server.js',
  'language-configuration.json',
  'package.json',
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? filesUnder(rel) : [rel];
  });
}

void test('vsce ls lists exactly the bundles, the policy pack and the package metadata', (t) => {
  if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
    t.skip('dist/ is not built: run `npm run build` (npm test does) before this test');
    return;
  }
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const listed = run.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '').sort();
  const policies = listed.filter((f) => f.startsWith('policies/'));
  assert.deepEqual(listed.filter((f) => !f.startsWith('policies/')), EXPECTED);
  assert.deepEqual(policies, filesUnder('policies').sort(), 'the whole policy pack ships (policy.yaml files, READMEs, fixtures)');
  assert.ok(policies.some((f) => f.endsWith('/policy.yaml')) && policies.some((f) => f.endsWith('/README.md')), 'policies with their docs');
});
