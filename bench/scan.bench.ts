// What users feel: a whole-corpus scan (parse + module model + every policy) against hcl2json's
// parse alone of the same files, and the editor's latency after one keystroke in a 100-file
// module (re-analysis with the changed buffer as overlay; unchanged files come from the parse
// cache). Measured on the esbuild bundle of the node host, as it ships.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { parse as hcl2jsonParse } from '@cdktf/hcl2json';
import { corpusDir, countLines, loadCorpus, median } from './corpus';

const SCAN_RUNS = 5;
const KEYSTROKES = 41;
const MODULE_FILES = 100;

interface HostBundle {
  Analyzer: new () => {
    analyzeModule(dir: string, policies: readonly unknown[], options?: { overlay?: (file: string) => string | undefined }): { results: readonly unknown[]; resourceCount: number };
  };
  findModuleDirs(root: string): { moduleDirs: string[] };
  loadPolicyDirs(dirs: readonly string[]): { policies: unknown[] };
  builtinPoliciesDir(): string;
}

export async function run(): Promise<void> {
  const files = loadCorpus();
  if (files.length === 0) {
    console.log(`skipped: corpus not found at ${corpusDir}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-scan-bench-'));
  try {
    const host = await bundleHost(dir);
    const { policies } = host.loadPolicyDirs([path.resolve(__dirname, '../policies')]);
    await corpusScan(host, policies, files.reduce((n, f) => n + f.lines, 0), files.map((f) => f.text));
    keystrokeLatency(host, policies, dir, files.map((f) => f.text));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function bundleHost(dir: string): Promise<HostBundle> {
  const entry = path.join(dir, 'entry.ts');
  const src = path.resolve(__dirname, '../server/src/node');
  fs.writeFileSync(entry, [
    `export { Analyzer } from ${JSON.stringify(path.join(src, 'analyzer'))};`,
    `export { findModuleDirs } from ${JSON.stringify(path.join(src, 'files'))};`,
    `export { loadPolicyDirs, builtinPoliciesDir } from ${JSON.stringify(path.join(src, 'policies'))};`,
  ].join('\n'));
  const bundle = path.join(dir, 'host.js');
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error', external: ['performance', '@cdktf/hcl2json'] });
  return (await import(pathToFileURL(bundle).href)) as HostBundle;
}

async function corpusScan(host: HostBundle, policies: unknown[], lines: number, texts: string[]): Promise<void> {
  const { moduleDirs } = host.findModuleDirs(corpusDir);
  let results = 0;
  let resources = 0;
  const scanOnce = (): void => {
    const analyzer = new host.Analyzer(); // fresh: no parse cache, as a CI run
    results = 0;
    resources = 0;
    for (const d of moduleDirs) {
      const a = analyzer.analyzeModule(d, policies);
      results += a.results.length;
      resources += a.resourceCount;
    }
  };
  scanOnce();
  const ours: number[] = [];
  for (let i = 0; i < SCAN_RUNS; i++) {
    const start = performance.now();
    scanOnce();
    ours.push(performance.now() - start);
  }
  await hcl2jsonParse('warm.tf', texts[0] ?? '');
  const theirs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    for (const t of texts) await hcl2jsonParse('bench.tf', t);
    theirs.push(performance.now() - start);
  }
  console.log(`corpus: ${moduleDirs.length} modules, ${texts.length} files, ${lines.toLocaleString('en-US')} lines; ${policies.length} policies; ${resources} resource instances, ${results} results per scan`);
  console.table([
    { job: 'tfpolicy scan (read + parse + model + all policies)', 'ms (median)': median(ours).toFixed(0), 'lines/s': Math.round(lines / (median(ours) / 1000)).toLocaleString('en-US'), runs: SCAN_RUNS },
    { job: '@cdktf/hcl2json parse only (same files, in memory)', 'ms (median)': median(theirs).toFixed(0), 'lines/s': Math.round(lines / (median(theirs) / 1000)).toLocaleString('en-US'), runs: 2 },
  ]);
  console.log(`ratio: our full scan is ${(median(theirs) / median(ours)).toFixed(1)}× faster than hcl2json's parse alone`);
}

function keystrokeLatency(host: HostBundle, policies: unknown[], dir: string, texts: string[]): void {
  const moduleDir = path.join(dir, 'module');
  fs.mkdirSync(moduleDir);
  const picked = texts.filter((t) => t.includes('resource "')).slice(0, MODULE_FILES);
  picked.forEach((t, i) => fs.writeFileSync(path.join(moduleDir, `f${String(i).padStart(3, '0')}.tf`), t));
  const lines = picked.reduce((n, t) => n + countLines(t), 0);
  const edited = path.join(moduleDir, 'f000.tf');
  const original = picked[0] ?? '';
  const analyzer = new host.Analyzer();
  analyzer.analyzeModule(moduleDir, policies);
  const times: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    // One typed character at the end of the file, as a didChange would bring.
    const text = `${original}\n# edit ${i}`;
    const start = performance.now();
    analyzer.analyzeModule(moduleDir, policies, { overlay: (file) => (file === edited ? text : undefined) });
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  console.log(`keystroke in a ${picked.length}-file module (${lines.toLocaleString('en-US')} lines): re-analysis ${median(times).toFixed(1)} ms median, ${p95.toFixed(1)} ms p95 over ${KEYSTROKES} edits (goal: < 50 ms median)`);
}
