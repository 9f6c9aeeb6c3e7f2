// Runs every *.test.ts under the given directories with Node's own test runner (TypeScript via tsx).
// Node 20's --test takes no globs, so we collect the files here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function collect(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : collect(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('-'));
const files = dirs.flatMap(collect).sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${dirs.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...args.filter((a) => a.startsWith('-')), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
