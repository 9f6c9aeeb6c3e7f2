// Shared helpers for the parser tests: the source text a range covers, and a check that a
// range's line/character agree with its offset (computed independently, the slow obvious way).
import assert from 'node:assert/strict';
import type { Position, Range } from '../../../server/src/hcl';

export function slice(text: string, range: Range): string {
  return text.slice(range.start.offset, range.end.offset);
}

export function expectedPosition(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart, offset };
}

export function assertRangeConsistent(text: string, range: Range): void {
  assert.deepEqual(range.start, expectedPosition(text, range.start.offset));
  assert.deepEqual(range.end, expectedPosition(text, range.end.offset));
}

/** Every `range`-like property in a tree, with the path that leads to it. */
export function allRanges(node: unknown, path = '$', out: { path: string; range: Range }[] = []): { path: string; range: Range }[] {
  if (Array.isArray(node)) node.forEach((child, i) => allRanges(child, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['range', 'nameRange', 'typeRange', 'openBrace', 'closeBrace'].includes(key)) out.push({ path: `${path}.${key}`, range: value as Range });
      else allRanges(value, `${path}.${key}`, out);
    }
  }
  return out;
}

const rangeKeys = new Set(['range', 'nameRange', 'typeRange', 'openBrace', 'closeBrace']);

export function within(inner: Range, outer: Range): boolean {
  return outer.start.offset <= inner.start.offset && inner.start.offset <= inner.end.offset && inner.end.offset <= outer.end.offset;
}

/** Every range of a node lies inside the node's own range, recursively; returns the violations. */
export function nestingViolations(node: unknown, outer: Range, path: string, out: string[]): string[] {
  if (Array.isArray(node)) { node.forEach((child, i) => nestingViolations(child, outer, `${path}[${i}]`, out)); return out; }
  if (node === null || typeof node !== 'object') return out;
  const own = (node as { range?: Range }).range;
  const bounds = own ?? outer;
  if (own !== undefined && !within(own, outer)) out.push(`${path}.range`);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'range') continue;
    if (rangeKeys.has(key)) { if (!within(value as Range, bounds)) out.push(`${path}.${key}`); continue; }
    nestingViolations(value, bounds, `${path}.${key}`, out);
  }
  return out;
}
