// Parser throughput on the corpus: ours vs @cdktf/hcl2json (hashicorp/hcl in WASM), warm medians,
// cold time to first result (fresh processes), and the largest file's warm parse time. Our parser
// is measured bundled by esbuild, as it ships in dist/ (under tsx every cross-module reference
// goes through an export getter, which costs about half the speed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { parse as hcl2jsonParse } from '@cdktf/hcl2json';
import type * as Hcl from '../server/src/hcl';
import { corpusDir, type CorpusFile, loadCorpus, median } from './corpus';

const OUR_RUNS = 15;
const THEIR_RUNS = 3;
const LARGEST_RUNS = 51;

export async function run(): Promise<void> {
  const files = loadCorpus();
  if (files.length === 0) {
    console.log(`skipped: corpus not found at ${corpusDir}`);
    return;
  }
  const lines = files.reduce((n, f) => n + f.lines, 0);
  const largest = files.reduce((a, b) => (b.lines > a.lines ? b : a));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-bench-'));
  try {
    await measure(files, lines, largest, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(files: CorpusFile[], lines: number, largest: CorpusFile, dir: string): Promise<void> {
  const bundle = path.join(dir, 'hcl.js');
  esbuild.buildSync({ entryPoints: [path.join(__dirname, '../server/src/hcl/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
  const { parseHcl } = (await import(pathToFileURL(bundle).href)) as typeof Hcl;

  const ours = timeRuns(OUR_RUNS, 6, () => { for (const f of files) parseHcl(f.text); });
  const theirs = await timeRunsAsync(THEIR_RUNS, async () => { for (const f of files) await hcl2jsonParse('bench.tf', f.text); });
  const largestMs = median(timeRuns(LARGEST_RUNS, 10, () => parseHcl(largest.text)));
  const cold = coldStarts(largest, bundle, dir);

  const ourRate = lines / (median(ours) / 1000);
  const theirRate = lines / (median(theirs) / 1000);
  console.log(`corpus: ${files.length} files, ${lines.toLocaleString('en-US')} lines (${corpusDir})`);
  console.table([
    { parser: 'tfpolicy (ours)', 'lines/s (median)': fmt(ourRate), 'corpus ms': median(ours).toFixed(1), 'runs': OUR_RUNS, 'cold first result ms': cold.ours.toFixed(0) },
    { parser: '@cdktf/hcl2json', 'lines/s (median)': fmt(theirRate), 'corpus ms': median(theirs).toFixed(1), 'runs': THEIR_RUNS, 'cold first result ms': cold.theirs.toFixed(0) },
  ]);
  console.log(`ratio: ours is ${(ourRate / theirRate).toFixed(1)}× hcl2json (goal ≥ 10×)`);
  console.log(`largest file ${largest.name} (${largest.lines} lines): ${largestMs.toFixed(2)} ms warm (median of ${LARGEST_RUNS}; goal < 5 ms)`);
}

function fmt(rate: number): string {
  return `${Math.round(rate).toLocaleString('en-US')}`;
}

function timeRuns(runs: number, warmup: number, body: () => void): number[] {
  for (let i = 0; i < warmup; i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  return times;
}

async function timeRunsAsync(runs: number, body: () => Promise<void>): Promise<number[]> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Time from process start to the first parse result, each parser in a fresh `node` process:
 * ours bundled by esbuild (as it ships), hcl2json loaded from node_modules.
 */
function coldStarts(file: CorpusFile, bundle: string, dir: string): { ours: number; theirs: number } {
  const input = path.join(dir, 'input.tf');
  fs.writeFileSync(input, file.text);
  const ours = `const t=require('fs').readFileSync(${JSON.stringify(input)},'utf8');require(${JSON.stringify(bundle)}).parseHcl(t);console.log(performance.now())`;
  const hcl2json = require.resolve('@cdktf/hcl2json');
  const theirs = `const t=require('fs').readFileSync(${JSON.stringify(input)},'utf8');require(${JSON.stringify(hcl2json)}).parse('input.tf',t).then(()=>console.log(performance.now()))`;
  return { ours: medianOfProcesses(ours), theirs: medianOfProcesses(theirs) };
}

function medianOfProcesses(script: string): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cold-start child failed: ${result.stderr}`);
    times.push(Number(result.stdout.trim()));
  }
  return median(times);
}
