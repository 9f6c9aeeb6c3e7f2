// What `tfpolicy scan PATH...` analyses: overlapping paths are merged so that every module is
// analysed once (a directory inside another scanned directory is already covered; two files of
// one module are one analysis), in the order the paths were given.

import fs from 'node:fs';
import path from 'node:path';

export interface ScanTarget {
  /** The directory that is walked (or, for file paths, the module directory of the files). */
  readonly root: string;
  /** Set when only these files were asked for (pre-commit style); otherwise the whole tree. */
  readonly files?: ReadonlySet<string>;
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `paths` are absolute and exist (the command checked). */
export function scanTargets(paths: readonly string[]): ScanTarget[] {
  const unique = [...new Set(paths.map((p) => path.resolve(p)))];
  const isDir = new Map(unique.map((p) => [p, fs.statSync(p).isDirectory()]));
  const dirs = unique.filter((p) => isDir.get(p));
  const covered = (p: string, self?: string): boolean => dirs.some((d) => d !== self && isInside(d, p));
  const targets: ScanTarget[] = [];
  const fileGroups = new Map<string, Set<string>>();
  for (const p of unique) {
    if (isDir.get(p)) {
      if (!covered(p, p)) targets.push({ root: p });
      continue;
    }
    if (covered(p)) continue;
    const dir = path.dirname(p);
    const group = fileGroups.get(dir);
    if (group) {
      group.add(p);
      continue;
    }
    const files = new Set([p]);
    fileGroups.set(dir, files);
    targets.push({ root: dir, files });
  }
  return targets;
}
