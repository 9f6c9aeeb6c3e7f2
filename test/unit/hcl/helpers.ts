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
