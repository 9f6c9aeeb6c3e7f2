// The one build: esbuild writes dist/ (client, server, CLI). tsc only type-checks.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const dist = path.join(root, 'dist');

// @cdktf/hcl2json reads its WASM from `join(__dirname, "..", "main.wasm.gz")`. Once bundled,
// __dirname is dist/, so we point it at a copy placed beside the bundle instead.
const hcl2jsonWasm = {
  name: 'hcl2json-wasm-path',
  setup(build) {
    build.onLoad({ filter: /@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const patched = text.replace('(0, path_1.join)(__dirname, "..", "main.wasm.gz")', '(0, path_1.join)(__dirname, "hcl2json.wasm.gz")');
      if (patched === text) throw new Error('hcl2json bridge.js changed shape: update scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [hcl2jsonWasm],
  // hcl2json's Go runtime shim does `globalThis.performance ??= require("performance")`; Node has
  // a global `performance`, so the require never runs, but esbuild must not try to resolve it.
  external: ['performance'],
};

const builds = [
  { ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode', 'performance'] },
  { ...common, entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(dist, 'server.js') },
  { ...common, entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(dist, 'cli.js'), banner: { js: '#!/usr/bin/env node' } },
];

fs.mkdirSync(dist, { recursive: true });
fs.copyFileSync(path.join(root, 'node_modules/@cdktf/hcl2json/main.wasm.gz'), path.join(dist, 'hcl2json.wasm.gz'));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}
