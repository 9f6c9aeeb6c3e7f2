// Maps a path inside a parsed YAML document (["rules", 0, "require", "attribute"]) to a 0-based
// range in the policy file, so every error says where it is.

import { isMap, isScalar, LineCounter, type Document } from 'yaml';
import type { Position, Range } from '../hcl/ast';

export type YamlPath = readonly (string | number)[];

export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The range of the value at `path`, or of its nearest ancestor that has one. */
  valueRange(path: YamlPath): Range {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (r) return this.range(r[0], r[1]);
    }
    return this.range(0, 0);
  }

  /** The range of the key `key` in the map at `path` (for "unknown operator" errors). */
  keyRange(path: YamlPath, key: string): Range {
    const node: unknown = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return this.range(pair.key.range[0], pair.key.range[1]);
      }
    }
    return this.valueRange(path);
  }

  private position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = this.lineCounter.linePos(clamped);
    return { line: line - 1, character: col - 1, offset: clamped };
  }
}

/** `/rules/0/require` (a JSON pointer from ajv) → ["rules", 0, "require"]. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}
