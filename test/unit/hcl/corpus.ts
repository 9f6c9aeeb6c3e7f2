// The shared real-world corpus (../shared/corpus from the repository root), if it is present.
import fs from 'node:fs';
import path from 'node:path';

export const corpusDir = path.resolve(__dirname, '../../../../shared/corpus');

/** Every .tf file of the corpus, sorted; empty when the corpus is missing. */
export function corpusFiles(): string[] {
  if (!fs.existsSync(corpusDir)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tf')) found.push(full);
    }
  };
  walk(corpusDir);
  return found.sort();
}
