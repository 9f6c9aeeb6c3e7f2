// LineMap: LSP line breaks (\n, \r\n, lone \r), UTF-16 characters, lookups in any order.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LineMap } from '../../../server/src/hcl';
import { expectedPosition } from './helpers';

void it('maps every offset like the obvious slow computation, in any order', () => {
  const text = 'a\r\nbb\rccc\n\n😀x\r\n';
  const lines = new LineMap(text);
  const offsets = [...Array(text.length + 1).keys()];
  for (const offset of [...offsets, ...offsets.reverse(), 7, 0, 12, 3]) {
    assert.deepEqual(lines.position(offset), expectedPosition(text, offset), `offset ${offset}`);
  }
  assert.equal(lines.lineCount, 6);
});

void it('converts positions back to offsets, clamped', () => {
  const text = 'ab\ncd\n';
  const lines = new LineMap(text);
  assert.equal(lines.offsetAt(1, 1, text.length), 4);
  assert.equal(lines.offsetAt(9, 0, text.length), 6);
  assert.equal(lines.offsetAt(0, -3, text.length), 0);
  assert.equal(lines.offsetAt(2, 50, text.length), 6);
});
