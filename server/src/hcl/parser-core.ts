// Parser state shared by the body, expression and template parsers: the scanner plus nesting
// depth, range construction, and the token-skipping used for error recovery.
import type { InvalidExpr, Range } from './ast';
import { isDigit, isIdentStartAscii, Scanner, Tok as TokEnum } from './scanner';

// A module-local alias: under tsx (tests, benchmarks) every use of an imported binding goes through
// an export getter, which costs this hot code about a fifth of its speed; bundles are unaffected.
const Tok = TokEnum;
type Tok = TokEnum;

/**
 * Deeper nesting than this is reported instead of parsed: it keeps the recursive descent far from
 * the JavaScript stack limit (a 10,000-deep `[[[[…` must give an error, not a crash).
 */
export const MAX_NESTING = 128;

const closerOf: Partial<Record<Tok, Tok>> = { [Tok.LBrace]: Tok.RBrace, [Tok.LBrack]: Tok.RBrack, [Tok.LParen]: Tok.RParen };

export class Parser extends Scanner {
  /** Current nesting of expressions and blocks, checked against MAX_NESTING. */
  depth = 0;
  /** Set once the nesting limit was reported, so one deep file gives one error, not thousands. */
  tooDeepReported = false;
  /**
   * Second-pass recovery mode: an item indented no deeper than its block's header closes that
   * (unterminated) block. Only used when the first pass found an unclosed block.
   */
  indentClosesBlocks = false;
  /** Blocks still open at end of file: when there are any, index.ts runs the second pass. */
  unclosedBlocks = 0;
  /**
   * Second-pass recovery mode for bracketed expressions: a line that starts, no deeper than the
   * attribute being parsed, with what only an argument or block can start (`name =`, `name {`,
   * `name "label" {`, or a `}` left of the attribute) ends an unclosed `{`, `[` or `(`.
   */
  indentClosesExpressions = false;
  /** Indentation (in characters) of the line of the attribute being parsed; second pass only. */
  attributeIndent = 0;
  /**
   * Heredoc markers known to have no closing line after an offset: a later heredoc with the same
   * marker goes straight to recovery instead of searching to the end of the file again.
   */
  readonly unclosedHeredocFrom = new Map<string, number>();
  /** Inside JSON strings, JSON's extra escapes (`\/`, `\b`, `\f`) are valid too. */
  jsonEscapes = false;

  range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  invalid(start: number, end: number): InvalidExpr {
    return { kind: 'Invalid', range: this.lines.range(start, end) };
  }

  atLineStart(offset: number): boolean {
    const before = this.text.charCodeAt(offset - 1);
    return offset === 0 || before === 10 || before === 13 || (offset === 1 && before === 0xfeff);
  }

  describe(): string {
    switch (this.tok) {
      case Tok.EOF: return 'end of file';
      case Tok.Newline: return 'newline';
      case Tok.OQuote: return 'a quoted string';
      case Tok.OHeredoc: return 'a heredoc';
      case Tok.Invalid: return `invalid character ${JSON.stringify(this.tokenText())}`;
      default: return JSON.stringify(this.text.slice(this.start, Math.min(this.end, this.start + 40)));
    }
  }

  /** Consume `closer` (restoring the outer newline mode first) or report it missing. */
  close(closer: Tok, savedNewlines: boolean, what: string, openStart: number): boolean {
    this.newlines = savedNewlines;
    if (this.tok === closer) {
      this.advance();
      return true;
    }
    this.error(`Unclosed ${what}: expected ${closerText(closer)} to close the ${openerText(closer)} here, found ${this.describe()}`, openStart, openStart + 1);
    // The current token was scanned in the inner newline mode; re-scan it in the outer one.
    this.resetTo(this.start);
    return false;
  }

  /**
   * Second pass: the current token begins the next argument or block of the enclosing body, by
   * the indentation rule of `indentClosesExpressions`. Only then may an open bracket end early:
   * in a well-formed file the same lines are valid object items (`a = 1` at the attribute's
   * indentation) or closers, which is why the first pass never looks at indentation.
   */
  startsItemByIndent(): boolean {
    if (!this.indentClosesExpressions) return false;
    const tok = this.tok;
    if (tok !== Tok.Ident && tok !== Tok.RBrace) return false;
    const indent = this.indentBefore(this.start);
    if (indent < 0) return false;
    // A `}` at the attribute's own indentation is the usual place of the object's closing brace.
    if (tok === Tok.RBrace) return indent < this.attributeIndent;
    return indent <= this.attributeIndent && startsArgumentOrBlock(this.text, this.end);
  }

  /** Leading whitespace before `offset` when only whitespace precedes it on its line, else -1. */
  indentBefore(offset: number): number {
    let i = offset - 1;
    for (let c = this.text.charCodeAt(i); c === 32 || c === 9; c = this.text.charCodeAt(--i));
    const c = this.text.charCodeAt(i);
    if (i < 0 || c === 10 || c === 13 || (i === 0 && c === 0xfeff)) return offset - i - 1;
    return -1;
  }

  /** Indentation of the line holding `offset` (spaces and tabs count one each). */
  lineIndent(offset: number): number {
    let lineStart = offset;
    for (let c = this.text.charCodeAt(lineStart - 1); lineStart > 0 && c !== 10 && c !== 13; c = this.text.charCodeAt(--lineStart - 1));
    let i = lineStart;
    if (this.text.charCodeAt(i) === 0xfeff) i++;
    while (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9) i++;
    return i - lineStart;
  }

  /**
   * End an unclosed bracket before the current token (which `startsItemByIndent` matched): one
   * error at the opening bracket, worded like hashicorp/hcl's for a bracket unclosed at end of file.
   */
  closeByIndent(savedNewlines: boolean, what: string, openStart: number): void {
    this.newlines = savedNewlines;
    this.error(`${what} before the next argument or block`, openStart, openStart + 1);
    // The current token was scanned in the inner newline mode; re-scan it in the outer one.
    this.resetTo(this.start);
  }

  /**
   * Skip tokens (keeping brackets balanced) until one for which `stop` is true at nesting level 0,
   * a closing bracket that belongs to an enclosing construct, or end of file. Iterative, so a
   * deeply nested region cannot overflow the stack.
   */
  skipUntil(stop: (tok: Tok) => boolean, stopAtLineStartName = true): void {
    const open: Tok[] = [];
    for (;;) {
      const tok = this.tok;
      if (tok === Tok.EOF) return;
      if (open.length === 0) {
        if (stop(tok)) return;
        if (tok === Tok.RBrace || tok === Tok.RBrack || tok === Tok.RParen) return;
        // A top-level-looking block header starts a new item: a missing closer must not eat it.
        if (stopAtLineStartName && tok === Tok.Ident && this.atLineStart(this.start) && this.depth > 0) return;
      }
      const closer = closerOf[tok];
      if (closer !== undefined) open.push(closer);
      else if (tok === Tok.RBrace || tok === Tok.RBrack || tok === Tok.RParen) {
        if (open[open.length - 1] === tok) open.pop();
        else if (open.length > 0) { open.length = 0; continue; }
      }
      this.advance();
    }
  }

  /** Report nesting beyond MAX_NESTING once and skip the construct that starts here. */
  tooDeep(): InvalidExpr {
    const start = this.start;
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error(`Nesting too deep: more than ${MAX_NESTING} levels of brackets, parentheses or blocks`, start, this.end);
    }
    const saved = this.newlines;
    this.newlines = false;
    const closer = closerOf[this.tok];
    this.advance();
    if (closer !== undefined) {
      this.skipUntil((t) => t === closer, false);
      this.newlines = saved;
      if (this.tok === closer) this.advance();
      else this.resetTo(this.start);
    }
    this.newlines = saved;
    return this.invalid(start, this.prevEnd);
  }
}

/**
 * After a name at `from`: `= value` (not `==` or `=>`), `{`, or labels (quoted strings or names)
 * then `{` on the same line. A char-level look-ahead, so the token stream is left alone.
 */
function startsArgumentOrBlock(text: string, from: number): boolean {
  let i = from;
  for (let labels = 0; ; labels++) {
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const c = text.charCodeAt(i);
    if (c === 123) return true;
    if (c === 61) return labels === 0 && text.charCodeAt(i + 1) !== 61 && text.charCodeAt(i + 1) !== 62;
    if (c === 34) {
      for (let d = text.charCodeAt(++i); d !== 34; d = text.charCodeAt(++i)) {
        if (Number.isNaN(d) || d === 10 || d === 13) return false;
        if (d === 92) i++;
      }
      i++;
    } else if (isIdentStartAscii(c) || c >= 0x80) {
      for (i++; isIdentPart(text.charCodeAt(i)); i++);
    } else {
      return false;
    }
  }
}

/** Letters, digits, `_` and `-`, or any non-ASCII character (a look-ahead may be generous). */
function isIdentPart(c: number): boolean {
  return isIdentStartAscii(c) || isDigit(c) || c === 45 || c >= 0x80;
}

function closerText(tok: Tok): string {
  return tok === Tok.RBrace ? '"}"' : tok === Tok.RBrack ? '"]"' : '")"';
}

function openerText(tok: Tok): string {
  return tok === Tok.RBrace ? '"{"' : tok === Tok.RBrack ? '"["' : '"("';
}
