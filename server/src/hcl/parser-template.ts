// Quoted strings and heredocs: strip markers (`~`), `<<-` indentation removal, and nesting of
// `%{ if }` / `%{ for }` directives over the flat pieces that template-scan.ts reads.
import type { TemplateExpr, TemplatePart } from './ast';
import { MAX_NESTING, type Parser } from './parser-core';
import { type Piece, scanTemplate } from './template-scan';

export function parseQuotedTemplate(p: Parser): TemplateExpr {
  const start = p.start;
  const plain = plainStringEnd(p.text, start + 1);
  if (plain >= 0) {
    // Most strings are plain: no escapes, no interpolation, so no piece list to build.
    const value = p.text.slice(start + 1, plain);
    resume(p, plain + 1);
    return { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value, range: p.range(start + 1, plain) }], range: p.range(start, plain + 1) };
  }
  const scanned = scanTemplate(p, p.end, undefined, start);
  applyStripMarkers(scanned.pieces);
  const parts = buildParts(p, mergeLiterals(scanned.pieces), start + 1);
  resume(p, scanned.end);
  return { kind: 'Template', parts, range: p.range(start, scanned.end) };
}

export function parseHeredoc(p: Parser): TemplateExpr {
  const start = p.start;
  const marker = p.heredocMarker;
  const indented = p.heredocIndented;
  // (Interpolations move the scanner: keep where the heredoc's content starts.)
  const contentStart = p.end;
  const errorsBefore = p.errors.length;
  const knownUnclosed = (p.unclosedHeredocFrom.get(marker) ?? Number.MAX_SAFE_INTEGER) <= contentStart;
  let scanned = knownUnclosed ? undefined : scanTemplate(p, contentStart, marker, start);
  if (scanned === undefined || scanned.unterminated) {
    // A heredoc being typed has no closing marker yet: rather than swallow the rest of the file,
    // end it before the next line that looks like the configuration going on.
    if (!knownUnclosed) p.unclosedHeredocFrom.set(marker, contentStart);
    const cut = heredocRecoveryPoint(p.text, contentStart);
    p.errors.length = errorsBefore;
    scanned = scanTemplate(p, contentStart, marker, start, cut);
  }
  applyStripMarkers(scanned.pieces);
  if (indented) removeHeredocIndentation(scanned.pieces);
  const parts = buildParts(p, mergeLiterals(scanned.pieces), scanned.contentEnd);
  resume(p, scanned.end);
  return { kind: 'Template', parts, heredoc: { marker, indented }, range: p.range(start, scanned.end) };
}

/** A whole text that is template content with escapes already decoded (a JSON string's value). */
export function parseDecodedTemplate(p: Parser): TemplatePart[] {
  const scanned = scanTemplate(p, 0, '', 0);
  applyStripMarkers(scanned.pieces);
  return buildParts(p, mergeLiterals(scanned.pieces), 0);
}

/** A top-level item header (`name =`, `type "label" {`, `type {`) or a lone `}`, at column 0. */
const configurationLine = /^(?:[A-Za-z_][\w-]*[ \t]*(?:=|\{|(?:"[^"\n]*"[ \t]*|[A-Za-z_][\w-]*[ \t]+)+\{)|\}[ \t]*\r?$)/m;

function heredocRecoveryPoint(text: string, contentStart: number): number {
  const match = configurationLine.exec(text.slice(contentStart));
  return match === null ? text.length : contentStart + match.index;
}

/** The closing quote's offset if the string has no escape, `$`, `%` or line break before it; else -1. */
function plainStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13) return -1;
  }
  return -1;
}

/** Continue token scanning (in the enclosing newline mode) after the template. */
function resume(p: Parser, end: number): void {
  p.end = end;
  p.pos = end;
  p.advance();
}

const whitespace = /^\s+/;
const trailingWhitespace = /\s+$/;

/** `${~` / `%{~` trim the whitespace before them; `~}` trims the whitespace after them. */
function applyStripMarkers(pieces: Piece[]): void {
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    if (piece === undefined || piece.kind === 'literal') continue;
    const before = pieces[k - 1];
    if (piece.stripLeft && before?.kind === 'literal') before.value = before.value.replace(trailingWhitespace, '');
    const after = pieces[k + 1];
    if (piece.stripRight && after?.kind === 'literal') after.value = after.value.replace(whitespace, '');
  }
}

/**
 * `<<-` removes the smallest indentation of the non-blank lines from every line, exactly as
 * hclsyntax's flushHeredocTemplateParts does (a line starting with an interpolation counts as 0).
 */
function removeHeredocIndentation(pieces: Piece[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let lineStart = true;
  const adjust: Extract<Piece, { kind: 'literal' }>[] = [];
  for (const piece of pieces) {
    if (lineStart) {
      lineStart = false;
      if (piece.kind === 'literal') {
        const spaces = leadingWhitespace(piece.value);
        const blankLine = spaces === piece.value.length && piece.value.endsWith('\n');
        if (!blankLine) {
          min = Math.min(min, spaces);
          adjust.push(piece);
        }
      } else {
        min = 0;
      }
    }
    if (piece.kind === 'literal' && piece.value.endsWith('\n')) lineStart = true;
  }
  if (min === Number.MAX_SAFE_INTEGER || min === 0) return;
  for (const piece of adjust) {
    piece.value = piece.value.slice(min);
    piece.start += min;
  }
}

function leadingWhitespace(s: string): number {
  let n = 0;
  for (let c = s.charCodeAt(0); c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0; c = s.charCodeAt(++n));
  return n;
}

/** Heredocs are read line by line; consumers want one literal per run of text, and no empty ones. */
function mergeLiterals(pieces: Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    // Strip markers can empty a literal entirely; it then carries nothing.
    if (piece.kind === 'literal' && piece.value === '') continue;
    const last = merged[merged.length - 1];
    if (piece.kind === 'literal' && last?.kind === 'literal') {
      merged[merged.length - 1] = { kind: 'literal', value: last.value + piece.value, start: last.start, end: piece.end };
    } else {
      merged.push(piece);
    }
  }
  return merged;
}

interface Frame {
  opener: Extract<Piece, { kind: 'if' | 'for' }>;
  then: TemplatePart[];
  else?: TemplatePart[];
}

/** Nest `%{ if }…%{ else }…%{ endif }` and `%{ for }…%{ endfor }` into parts. */
function buildParts(p: Parser, pieces: Piece[], contentStart: number): TemplatePart[] {
  const root: TemplatePart[] = [];
  const stack: Frame[] = [];
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'literal': openList(stack, root).push({ kind: 'TemplateLiteral', value: piece.value, range: p.range(piece.start, piece.end) }); break;
      case 'interpolation': openList(stack, root).push({ kind: 'TemplateInterpolation', expr: piece.expr, stripLeft: piece.stripLeft, stripRight: piece.stripRight, range: p.range(piece.start, piece.end) }); break;
      case 'if': case 'for':
        // Consumers walk templates recursively: refuse nesting that could exhaust their stack.
        if (stack.length >= MAX_NESTING) p.error(`Nesting too deep: more than ${MAX_NESTING} levels of template directives`, piece.start, piece.end);
        else stack.push({ opener: piece, then: [] });
        break;
      case 'else': {
        const top = stack[stack.length - 1];
        if (top?.opener.kind === 'if' && top.else === undefined) top.else = [];
        else p.error('Unexpected else directive: %{ else } must be inside an %{ if } block', piece.start, piece.end);
        break;
      }
      case 'endif': case 'endfor': {
        const top = stack[stack.length - 1];
        if (top !== undefined && (top.opener.kind === 'if') === (piece.kind === 'endif')) {
          stack.pop();
          openList(stack, root).push(directivePart(p, top, piece.end));
        } else {
          p.error(`Unexpected ${piece.kind} directive: there is no open %{ ${piece.kind === 'endif' ? 'if' : 'for'} } to close`, piece.start, piece.end);
        }
        break;
      }
    }
  }
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const o = top.opener;
    p.error(`Unterminated template directive: %{ ${o.kind} } needs a matching %{ end${o.kind} }`, o.start, o.end);
    openList(stack, root).push(directivePart(p, top, pieces[pieces.length - 1]?.end ?? o.end));
  }
  if (root.length === 0) root.push({ kind: 'TemplateLiteral', value: '', range: p.range(contentStart, contentStart) });
  return root;
}

/** Where parts go now: the innermost open directive's branch, or the template itself. */
function openList(stack: Frame[], root: TemplatePart[]): TemplatePart[] {
  const top = stack[stack.length - 1];
  return top === undefined ? root : top.else ?? top.then;
}

function directivePart(p: Parser, frame: Frame, end: number): TemplatePart {
  const o = frame.opener;
  const range = p.range(o.start, end);
  return o.kind === 'if'
    ? { kind: 'TemplateIf', condition: o.condition, then: frame.then, ...(frame.else ? { else: frame.else } : {}), range }
    : { kind: 'TemplateFor', ...(o.keyVar !== undefined ? { keyVar: o.keyVar } : {}), valueVar: o.valueVar, collection: o.collection, body: frame.then, range };
}
