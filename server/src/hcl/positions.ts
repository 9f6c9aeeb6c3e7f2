// Offset → LSP position (0-based line, UTF-16 character). The parser works on offsets only and
// converts when it builds a node, so the hot scanning loop never tracks lines.
import type { Position, Range } from './ast';

export class LineMap {
  /** Offset at which each line starts; line breaks are `\n`, `\r\n` and a lone `\r` (as in LSP). */
  private readonly starts: number[];
  /** The line of the last lookup: node positions arrive nearly in order, so this is usually a hit. */
  private hint = 0;
  /**
   * Recently made positions, by offset. A parent's range mostly starts where its first child starts
   * and ends where its last child ends, so sharing these (immutable) objects saves allocations.
   */
  private readonly recent: (Position | undefined)[] = new Array<Position | undefined>(256).fill(undefined);

  constructor(text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    const h = this.hint;
    const hs = starts[h] ?? 0;
    if (offset >= hs) {
      const next = starts[h + 1];
      if (next === undefined || offset < next) return h;
      const after = starts[h + 2];
      if (after === undefined || offset < after) return (this.hint = h + 1);
    } else {
      // Node ranges are completed after their children: their start is usually a few lines back.
      for (let l = h - 1; l >= 0 && l >= h - 8; l--) if (offset >= (starts[l] ?? 0)) return l;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  position(offset: number): Position {
    const slot = offset & 255;
    const cached = this.recent[slot];
    if (cached !== undefined && cached.offset === offset) return cached;
    const line = this.lineOf(offset);
    const position = { line, character: offset - (this.starts[line] ?? 0), offset };
    this.recent[slot] = position;
    return position;
  }

  /** The offset of a 0-based line and UTF-16 character, clamped to the line's start and the text. */
  offsetAt(line: number, character: number, textLength: number): number {
    const start = this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
    return Math.min(start + Math.max(0, character), textLength);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
