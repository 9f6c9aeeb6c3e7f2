// The shared corpus for benchmarks: ../shared/corpus from the repository root.
import fs from 'node:fs';
import path from 'node:path';

export const corpusDir = path.resolve(__dirname, '../../shared/corpus');

export interface CorpusFile { name: string; text: string; lines: number }

export function loadCorpus(): CorpusFile[] {
  if (!fs.existsSync(corpusDir)) return [];
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tf')) {
        const text = fs.readFileSync(full, 'utf8');
        out.push({ name: path.relative(corpusDir, full), text, lines: countLines(text) });
      }
    }
  };
  walk(corpusDir);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
