// Offset → LSP position (0-based line, UTF-16 character). The parser works on offsets only and
// converts when it builds a node, so the hot scanning loop never tracks lines.
import type { Position, Range } from './ast';

export class LineMap {
  /** Offset at which each line starts; line breaks are `\n`, `\r\n` and a lone `\r` (as in LSP). */
  private readonly starts: number[];
  /** The line of the last lookup: node positions arrive nearly in order, so this is usually a hit. */
  private hint = 0;

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
    const line = this.lineOf(offset);
    return { line, character: offset - (this.starts[line] ?? 0), offset };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
