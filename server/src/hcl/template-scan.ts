// Reads the raw text of a quoted string or heredoc into a flat list of pieces (literals,
// interpolations, directive markers). parser-template.ts then applies strip markers and heredoc
// indentation and nests the directives.
import type { Expression } from './ast';
import type { Parser } from './parser-core';
import { parseExpression } from './parser-expr';
import { Tok as TokEnum } from './scanner';

// A module-local alias: under tsx (tests, benchmarks) every use of an imported binding goes through
// an export getter, which costs this hot code about a fifth of its speed; bundles are unaffected.
const Tok = TokEnum;
type Tok = TokEnum;

export type Piece =
  | { kind: 'literal'; value: string; start: number; end: number }
  | { kind: 'interpolation'; expr: Expression; stripLeft: boolean; stripRight: boolean; start: number; end: number }
  | { kind: 'if'; condition: Expression; stripLeft: boolean; stripRight: boolean; start: number; end: number }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expression; stripLeft: boolean; stripRight: boolean; start: number; end: number }
  | { kind: 'else' | 'endif' | 'endfor'; stripLeft: boolean; stripRight: boolean; start: number; end: number };

export interface ScannedTemplate {
  pieces: Piece[];
  /** Offset just after the closing quote or heredoc marker (or where recovery stopped). */
  end: number;
  /** For heredocs, the offset of the closing marker line start (the content ends there). */
  contentEnd: number;
  /** True when the text (or the given limit) ended before the closing quote or marker. */
  unterminated?: boolean;
}

/**
 * `marker` undefined: a quoted string starting at `from` (just after `"`); a name: a heredoc body
 * ending at that marker; '' : already-decoded template text running to `limit` (no escapes).
 */
export function scanTemplate(p: Parser, from: number, marker: string | undefined, openStart: number, limit = p.len): ScannedTemplate {
  const text = p.text;
  const len = limit;
  const lit = new LiteralReader(text, from);
  const pieces = lit.pieces;
  let i = from;
  for (;;) {
    // The closing marker counts only at the start of a line (`${x}EOT` is content).
    if (marker && i === lit.start && (i === from || text.charCodeAt(i - 1) === 10)) {
      const close = closingMarkerEnd(text, i, marker);
      if (close >= 0) { lit.flush(i); return { pieces, end: close, contentEnd: i }; }
    }
    if (i >= len) {
      lit.flush(i);
      if (marker === '') return { pieces, end: i, contentEnd: i };
      p.error(marker === undefined ? 'Unterminated template string: a quoted string must end with "' : `Unterminated heredoc: missing the closing ${marker} marker`, openStart, i);
      return { pieces, end: i, contentEnd: i, unterminated: true };
    }
    const c = text.charCodeAt(i);
    if (marker === undefined) {
      if (c === 34) { lit.flush(i); return { pieces, end: i + 1, contentEnd: i }; }
      if (c === 10 || c === 13) {
        lit.flush(i);
        p.error('Unterminated template string: a quoted string must end with " on the same line', openStart, i);
        return { pieces, end: i, contentEnd: i };
      }
      if (c === 92) { lit.take(i); i = decodeEscape(p, i, lit); lit.segment = i; continue; }
    } else if (c === 10) {
      lit.flush(i + 1);
      i++;
      continue;
    } else if (c === 13 && marker && text.charCodeAt(i + 1) !== 10) {
      // hclsyntax's heredoc lines end in \n or \r\n; a lone \r is rejected.
      p.error('Invalid character: a carriage return must be followed by a newline in a heredoc', i, i + 1);
    }
    const next = text.charCodeAt(i + 1);
    if ((c === 36 || c === 37) && next === 123) {
      lit.flush(i);
      const piece = c === 36 ? scanInterpolation(p, i) : scanDirective(p, i);
      pieces.push(piece);
      i = lit.start = lit.segment = piece.end;
      if (!p.is(Tok.RBrace) && !p.is(Tok.TildeRBrace) && piece.end < len && marker === undefined) {
        // A broken interpolation: end the string here rather than misread the rest of the line
        // (taking the closing quote if the scanner stopped at it).
        const end = text.charCodeAt(piece.end) === 34 ? piece.end + 1 : piece.end;
        return { pieces, end, contentEnd: piece.end };
      }
      continue;
    }
    if ((c === 36 || c === 37) && next === c && text.charCodeAt(i + 2) === 123) {
      // `$${` and `%%{` are the escaped, literal forms of `${` and `%{`.
      lit.take(i + 1);
      i += 2;
      lit.segment = i;
      continue;
    }
    i++;
  }
}

/** Accumulates one literal's decoded value: raw segments of the text plus decoded escapes. */
class LiteralReader {
  readonly pieces: Piece[] = [];
  /** Where the current literal starts in the text. */
  start: number;
  /** Start of the raw text not yet appended to `value`. */
  segment: number;
  value = '';

  constructor(private readonly text: string, from: number) {
    this.start = this.segment = from;
  }

  /** Append the raw text up to `end` (exclusive). */
  take(end: number): void {
    this.value += this.text.slice(this.segment, end);
  }

  append(decoded: string): void {
    this.value += decoded;
  }

  /** End the current literal at `end` (a piece if it has any text) and start the next one there. */
  flush(end: number): void {
    this.take(end);
    if (end > this.start || this.value !== '') this.pieces.push({ kind: 'literal', value: this.value, start: this.start, end });
    this.value = '';
    this.start = this.segment = end;
  }
}

/** If a heredoc closing marker line starts at `i`, the offset after the marker; else -1. */
function closingMarkerEnd(text: string, i: number, marker: string): number {
  let j = i;
  for (let c = text.charCodeAt(j); c === 32 || c === 9; c = text.charCodeAt(++j));
  if (!text.startsWith(marker, j)) return -1;
  const end = j + marker.length;
  const after = text.charCodeAt(end);
  // hclsyntax requires a newline after the closing marker, even at the end of the file.
  if (after === 10 || (after === 13 && text.charCodeAt(end + 1) === 10)) return end;
  return -1;
}

const simpleEscapes: Record<number, string> = { 110: '\n', 114: '\r', 116: '\t', 34: '"', 92: '\\' };

const jsonOnlyEscapes: Record<number, string> = { 47: '/', 98: '\b', 102: '\f' };

function decodeEscape(p: Parser, i: number, lit: LiteralReader): number {
  const c = p.text.charCodeAt(i + 1);
  const simple = simpleEscapes[c] ?? (p.jsonEscapes ? jsonOnlyEscapes[c] : undefined);
  if (simple !== undefined) { lit.append(simple); return i + 2; }
  if (c === 117 || c === 85) {
    const digits = c === 117 ? 4 : 8;
    const hex = p.text.slice(i + 2, i + 2 + digits);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
    if (code >= 0xd800 && code <= 0xdfff) {
      p.error(`Invalid escape sequence: cannot encode character U+${hex.toUpperCase()} (a lone surrogate) in UTF-8`, i, i + 2 + digits);
      return i + 2 + digits;
    }
    if (code <= 0x10ffff) { lit.append(String.fromCodePoint(code)); return i + 2 + digits; }
    p.error(`Invalid escape sequence: \\${String.fromCharCode(c)} must be followed by ${digits} hexadecimal digits of a Unicode code point`, i, Math.min(i + 2 + digits, p.len));
    return i + 2;
  }
  p.error(`Invalid escape sequence: the symbol ${JSON.stringify(p.text.slice(i + 1, i + 2))} cannot be escaped (use \\n, \\r, \\t, \\", \\\\, \\u or \\U)`, i, Math.min(i + 2, p.len));
  lit.append(p.text.slice(i + 1, i + 2));
  return Math.min(i + 2, p.len);
}

/** At `${`: parse the expression up to `}` or `~}`. Leaves p.tok at the closer (if found). */
function scanInterpolation(p: Parser, start: number): Piece {
  const saved = p.newlines;
  const { from, stripLeft } = openMarker(p, start);
  p.newlines = false;
  p.prevEnd = from;
  p.resetTo(from);
  const expr = parseExpression(p);
  const stripRight = p.is(Tok.TildeRBrace);
  const end = finishMarker(p, saved, start, 'interpolation');
  return { kind: 'interpolation', expr, stripLeft, stripRight, start, end };
}

function openMarker(p: Parser, start: number): { from: number; stripLeft: boolean } {
  const stripLeft = p.text.charCodeAt(start + 2) === 126;
  return { from: start + (stripLeft ? 3 : 2), stripLeft };
}

/** Expect `}` / `~}` and return the offset after it (or where the broken sequence stops). */
function finishMarker(p: Parser, saved: boolean, start: number, what: string): number {
  p.newlines = saved;
  if (p.is(Tok.RBrace) || p.is(Tok.TildeRBrace)) return p.end;
  p.error(`Unterminated template ${what}: expected "}" to close the one opened here, found ${p.describe()}`, start, start + 2);
  return p.is(Tok.EOF) ? p.len : p.start;
}

/** At `%{`: an `if`, `else`, `endif`, `for` or `endfor` directive. */
function scanDirective(p: Parser, start: number): Piece {
  const saved = p.newlines;
  const { from, stripLeft } = openMarker(p, start);
  p.newlines = false;
  p.prevEnd = from;
  p.resetTo(from);
  const keyword = p.is(Tok.Ident) ? p.tokenText() : '';
  if (keyword === 'if') {
    p.advance();
    const condition = parseExpression(p);
    const stripRight = p.is(Tok.TildeRBrace);
    return { kind: 'if', condition, stripLeft, stripRight, start, end: finishMarker(p, saved, start, 'directive') };
  }
  if (keyword === 'for') return scanForDirective(p, start, saved, stripLeft);
  if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
    p.advance();
    const stripRight = p.is(Tok.TildeRBrace);
    return { kind: keyword, stripLeft, stripRight, start, end: finishMarker(p, saved, start, 'directive') };
  }
  p.error(`Invalid template directive: expected if, else, endif, for or endfor after "%{", found ${p.describe()}`, p.start, p.end);
  const expr = parseExpression(p);
  return { kind: 'interpolation', expr, stripLeft, stripRight: false, start, end: finishMarker(p, saved, start, 'directive') };
}

function scanForDirective(p: Parser, start: number, saved: boolean, stripLeft: boolean): Piece {
  p.advance();
  const names: string[] = [];
  while (p.is(Tok.Ident) && !p.isKeyword('in') && names.length < 2) {
    names.push(p.tokenText());
    p.advance();
    if (p.is(Tok.Comma)) p.advance();
  }
  if (names.length === 0 || !p.isKeyword('in')) {
    p.error(`Invalid template for directive: expected "for NAME in COLLECTION" or "for KEY, VALUE in COLLECTION", found ${p.describe()}`, p.start, p.end);
  } else {
    p.advance();
  }
  const collection = parseExpression(p);
  const stripRight = p.is(Tok.TildeRBrace);
  const end = finishMarker(p, saved, start, 'directive');
  const valueVar = names[names.length - 1] ?? '';
  return names.length === 2
    ? { kind: 'for', keyVar: names[0] ?? '', valueVar, collection, stripLeft, stripRight, start, end }
    : { kind: 'for', valueVar, collection, stripLeft, stripRight, start, end };
}

