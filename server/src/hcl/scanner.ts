// The token scanner of HCL native syntax. It works on char codes and offsets only: no regex per
// token and no substrings in the hot path. Templates (string contents) are not scanned here; the
// template parser reads them directly from the text (see parser-template.ts).
import type { Comment, ParseError } from './ast';
import { LineMap } from './positions';

export enum Tok {
  EOF, Newline, Ident, Number, OQuote, OHeredoc,
  LBrace, RBrace, LBrack, RBrack, LParen, RParen,
  Comma, Dot, Ellipsis, Assign, Colon, DoubleColon, Question, Arrow,
  Or, And, Eq, Ne, Lt, Le, Gt, Ge, Plus, Minus, Star, Slash, Percent, Bang,
  /** `~}`: closes an interpolation or directive and strips the whitespace after it. */
  TildeRBrace,
  /** A character that cannot start any token. */
  Invalid,
}

export const MAX_ERRORS = 100;

const nonAsciiIdStart = /^\p{ID_Start}$/u;
const nonAsciiIdContinue = /^\p{ID_Continue}$/u;

export function isIdentStartAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentContinueAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class Scanner {
  readonly text: string;
  readonly len: number;
  readonly lines: LineMap;
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];
  /** Where the next token scan starts. */
  pos = 0;
  /** The current (lookahead) token: its kind and offsets. */
  tok: Tok = Tok.EOF;
  start = 0;
  end = 0;
  /** End of the last consumed token: where a node that just finished ends. */
  prevEnd = 0;
  /** Whether newlines are tokens (in bodies and objects) or whitespace (in brackets and parens). */
  newlines = true;
  /** Heredoc opener details, valid while tok is OHeredoc. */
  heredocMarker = '';
  heredocIndented = false;
  /** Offset from which the text is known to contain no `*\/`. */
  private noCommentCloseFrom = Number.MAX_SAFE_INTEGER;
  /** Comments and scanner errors are recorded once even if a region is scanned twice. */
  private recordedUpTo = 0;

  constructor(text: string) {
    this.text = text;
    this.len = text.length;
    this.lines = new LineMap(text);
    // A byte order mark is not part of the configuration.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  error(message: string, start: number, end: number): void {
    // A binary or badly broken file could yield an error per token; nobody reads past the first few.
    if (this.errors.length > MAX_ERRORS) return;
    // One broken token often trips two rules (e.g. "invalid expression", then "missing newline"): keep the first.
    if (this.errors[this.errors.length - 1]?.range.start.offset === start) return;
    if (this.errors.length === MAX_ERRORS) message = `Too many errors: only the first ${MAX_ERRORS} are reported`;
    this.errors.push({ message, range: this.lines.range(start, end) });
  }

  /** Whether the current token is `tok` (a method, so TypeScript does not narrow across advance()). */
  is(tok: Tok): boolean {
    return this.tok === tok;
  }

  /** Consume the current token and scan the next one. */
  advance(): void {
    this.prevEnd = this.end;
    this.scan();
  }

  /** Re-scan from an offset (after the template parser has read raw text). */
  resetTo(offset: number): void {
    this.pos = offset;
    this.scan();
  }

  /** The source text of the current token. */
  tokenText(): string {
    return this.text.slice(this.start, this.end);
  }

  isKeyword(word: string): boolean {
    return this.tok === Tok.Ident && this.end - this.start === word.length && this.text.startsWith(word, this.start);
  }

  private set(tok: Tok, start: number, end: number): void {
    this.tok = tok;
    this.start = start;
    this.end = end;
    this.pos = end;
  }

  scan(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    for (;;) {
      if (pos >= len) return this.set(Tok.EOF, len, len);
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || (c === 13 && text.charCodeAt(pos + 1) === 10)) { pos++; continue; }
      if (c === 10) {
        if (this.newlines) return this.set(Tok.Newline, pos, pos + 1);
        pos++;
        continue;
      }
      if (c === 35 || (c === 47 && text.charCodeAt(pos + 1) === 47)) { pos = this.lineComment(pos, c === 35 ? 1 : 2); continue; }
      if (c === 47 && text.charCodeAt(pos + 1) === 42) { pos = this.blockComment(pos); continue; }
      if (isIdentStartAscii(c)) return this.set(Tok.Ident, pos, this.identEnd(pos + 1));
      if (isDigit(c)) return this.set(Tok.Number, pos, this.numberEnd(pos));
      if (c >= 0x80) return this.scanNonAscii(pos);
      return this.punctuation(pos, c);
    }
  }

  private punctuation(pos: number, c: number): void {
    const n = this.text.charCodeAt(pos + 1);
    switch (c) {
      case 34: return this.set(Tok.OQuote, pos, pos + 1);
      case 123: return this.set(Tok.LBrace, pos, pos + 1);
      case 125: return this.set(Tok.RBrace, pos, pos + 1);
      case 91: return this.set(Tok.LBrack, pos, pos + 1);
      case 93: return this.set(Tok.RBrack, pos, pos + 1);
      case 40: return this.set(Tok.LParen, pos, pos + 1);
      case 41: return this.set(Tok.RParen, pos, pos + 1);
      case 44: return this.set(Tok.Comma, pos, pos + 1);
      case 63: return this.set(Tok.Question, pos, pos + 1);
      case 43: return this.set(Tok.Plus, pos, pos + 1);
      case 45: return this.set(Tok.Minus, pos, pos + 1);
      case 42: return this.set(Tok.Star, pos, pos + 1);
      case 47: return this.set(Tok.Slash, pos, pos + 1);
      case 37: return this.set(Tok.Percent, pos, pos + 1);
      case 46:
        if (n === 46 && this.text.charCodeAt(pos + 2) === 46) return this.set(Tok.Ellipsis, pos, pos + 3);
        return this.set(Tok.Dot, pos, pos + 1);
      case 61:
        if (n === 61) return this.set(Tok.Eq, pos, pos + 2);
        if (n === 62) return this.set(Tok.Arrow, pos, pos + 2);
        return this.set(Tok.Assign, pos, pos + 1);
      case 33: return n === 61 ? this.set(Tok.Ne, pos, pos + 2) : this.set(Tok.Bang, pos, pos + 1);
      case 62: return n === 61 ? this.set(Tok.Ge, pos, pos + 2) : this.set(Tok.Gt, pos, pos + 1);
      case 60:
        if (n === 61) return this.set(Tok.Le, pos, pos + 2);
        if (n === 60 && this.heredocOpener(pos)) return;
        return this.set(Tok.Lt, pos, pos + 1);
      case 58: return n === 58 ? this.set(Tok.DoubleColon, pos, pos + 2) : this.set(Tok.Colon, pos, pos + 1);
      case 38: if (n === 38) return this.set(Tok.And, pos, pos + 2); break;
      case 124: if (n === 124) return this.set(Tok.Or, pos, pos + 2); break;
      case 126: if (n === 125) return this.set(Tok.TildeRBrace, pos, pos + 2); break;
    }
    return this.set(Tok.Invalid, pos, pos + 1);
  }

  private scanNonAscii(pos: number): void {
    const cp = this.text.codePointAt(pos) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (nonAsciiIdStart.test(String.fromCodePoint(cp))) return this.set(Tok.Ident, pos, this.identEnd(pos + width));
    return this.set(Tok.Invalid, pos, pos + width);
  }

  identEnd(pos: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (isIdentContinueAscii(c)) { pos++; continue; }
      if (c >= 0x80 && pos < this.len) {
        const cp = text.codePointAt(pos) ?? 0;
        // Zero-width (non-)joiners are ID_Continue only since Unicode 15.1; hclsyntax rejects them.
        if (cp !== 0x200c && cp !== 0x200d && nonAsciiIdContinue.test(String.fromCodePoint(cp))) { pos += cp > 0xffff ? 2 : 1; continue; }
      }
      return pos;
    }
  }

  /** Digits, an optional fraction and an optional exponent, as hclsyntax numbers. */
  private numberEnd(pos: number): number {
    const text = this.text;
    pos = this.digitsEnd(pos);
    // hclsyntax scans `1.2.3` as one (invalid) number token, so we do too: the parser reports it.
    while (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) pos = this.digitsEnd(pos + 1);
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      let p = pos + 1;
      const sign = text.charCodeAt(p);
      if (sign === 43 || sign === 45) p++;
      if (isDigit(text.charCodeAt(p))) pos = this.digitsEnd(p);
    }
    return pos;
  }

  digitsEnd(pos: number): number {
    while (isDigit(this.text.charCodeAt(pos))) pos++;
    return pos;
  }

  /** `<<EOT` or `<<-EOT` directly followed by a newline; the token ends after that newline. */
  private heredocOpener(pos: number): boolean {
    const text = this.text;
    let p = pos + 2;
    const indented = text.charCodeAt(p) === 45;
    if (indented) p++;
    const c = text.charCodeAt(p);
    if (!isIdentStartAscii(c) && !(c >= 0x80 && nonAsciiIdStart.test(String.fromCodePoint(text.codePointAt(p) ?? 0)))) return false;
    const markerEnd = this.identEnd(p + 1);
    let q = markerEnd;
    if (text.charCodeAt(q) === 13) q++;
    if (text.charCodeAt(q) !== 10) return false;
    this.heredocMarker = text.slice(p, markerEnd);
    this.heredocIndented = indented;
    this.set(Tok.OHeredoc, pos, q + 1);
    return true;
  }

  private lineComment(pos: number, markerLength: number): number {
    let end = this.text.indexOf('\n', pos);
    if (end < 0) end = this.len;
    let textEnd = end;
    if (this.text.charCodeAt(textEnd - 1) === 13) textEnd--;
    if (pos >= this.recordedUpTo) {
      this.recordedUpTo = end;
      this.comments.push({
        kind: 'Comment', style: markerLength === 1 ? '#' : '//',
        text: this.text.slice(pos + markerLength, textEnd), range: this.lines.range(pos, textEnd),
      });
    }
    return end;
  }

  private blockComment(pos: number): number {
    // Once a search for `*/` has failed, every later one would too: skip it (many unterminated
    // comments would otherwise each search to the end of the file).
    const close = pos >= this.noCommentCloseFrom ? -1 : this.text.indexOf('*/', pos + 2);
    if (close < 0) this.noCommentCloseFrom = Math.min(this.noCommentCloseFrom, pos);
    // An unterminated comment (often one being typed) is reported and ends with its line, so the
    // rest of the file is still read as configuration rather than vanishing into the comment.
    let end = close + 2;
    if (close < 0) {
      const newline = this.text.indexOf('\n', pos);
      end = newline < 0 ? this.len : this.text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    }
    if (pos >= this.recordedUpTo) {
      this.recordedUpTo = end;
      this.comments.push({
        kind: 'Comment', style: '/*', text: this.text.slice(pos + 2, close < 0 ? end : close), range: this.lines.range(pos, end),
      });
      if (close < 0) this.error('Unterminated comment: a /* comment must end with */', pos, end);
    }
    return end;
  }
}
