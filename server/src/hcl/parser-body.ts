// Bodies, attributes and blocks of HCL native syntax, with the recovery that keeps the items
// around a broken one: an error skips to the end of its line, and an unclosed block is closed
// by indentation in a second pass (see parseHcl in index.ts).
import type { Attribute, Block, Body, Label } from './ast';
import type { Parser } from './parser-core';
import { MAX_NESTING } from './parser-core';
import { parseExpression } from './parser-expr';
import { parseQuotedTemplate } from './parser-template';
import { Tok as TokEnum } from './scanner';

// A module-local alias: under tsx (tests, benchmarks) every use of an imported binding goes through
// an export getter, which costs this hot code about a fifth of its speed; bundles are unaffected.
const Tok = TokEnum;
type Tok = TokEnum;

/**
 * Parse body items until end of file or (when `headerColumn` is defined, i.e. inside a block)
 * the `}` of the block. In the second recovery pass an item indented no deeper than its block's
 * header also ends the body: that block was left unclosed.
 */
export function parseBody(p: Parser, start: number, headerColumn: number | undefined): Body {
  const items: (Attribute | Block)[] = [];
  let seen: Map<string, Attribute> | undefined;
  for (;;) {
    while (p.is(Tok.Newline)) p.advance();
    if (p.is(Tok.EOF)) break;
    if (p.is(Tok.RBrace)) {
      if (headerColumn !== undefined) break;
      p.error('Unexpected "}": there is no block open here to close', p.start, p.end);
      p.advance();
      continue;
    }
    if (headerColumn !== undefined && p.indentClosesBlocks && startsLineAtOrLeftOf(p, headerColumn)) break;
    const item = parseItem(p);
    if (item === undefined) continue;
    items.push(item);
    if (item.kind === 'Attribute') checkRedefinition(p, item, seen ??= new Map<string, Attribute>());
  }
  const end = p.is(Tok.RBrace) ? p.start : p.prevEnd;
  return { kind: 'Body', items, range: p.range(start, Math.max(start, end)) };
}

/** hclsyntax rejects a body that sets the same argument twice; both stay in the tree. */
function checkRedefinition(p: Parser, attribute: Attribute, seen: Map<string, Attribute>): void {
  const first = seen.get(attribute.name);
  if (first === undefined) {
    seen.set(attribute.name, attribute);
    return;
  }
  const at = first.nameRange.start;
  p.error(`Attribute redefined: the argument "${attribute.name}" was already set at line ${at.line + 1}, column ${at.character + 1}; each argument may be set only once`, attribute.nameRange.start.offset, attribute.nameRange.end.offset);
}

function startsLineAtOrLeftOf(p: Parser, column: number): boolean {
  const position = p.lines.position(p.start);
  const lineStart = p.start - position.character;
  for (let i = lineStart; i < p.start; i++) {
    const c = p.text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return position.character <= column;
}

function parseItem(p: Parser): Attribute | Block | undefined {
  if (!p.is(Tok.Ident)) {
    p.error(`Argument or block definition required: expected an argument name or a block type, found ${p.describe()}`, p.start, p.end);
    skipRestOfLine(p);
    return undefined;
  }
  const start = p.start;
  const name = p.tokenText();
  const nameRange = p.range(start, p.end);
  p.advance();
  if (p.is(Tok.Assign)) {
    const attribute = parseAttribute(p, start, name, nameRange);
    endOfItem(p, 'argument');
    return attribute;
  }
  return parseBlock(p, start, name, nameRange);
}

function parseAttribute(p: Parser, start: number, name: string, nameRange: Attribute['nameRange']): Attribute {
  p.advance();
  const savedIndent = p.attributeIndent;
  if (p.indentClosesExpressions) p.attributeIndent = p.lineIndent(start);
  const expr = parseExpression(p);
  p.attributeIndent = savedIndent;
  return { kind: 'Attribute', name, nameRange, expr, range: p.range(start, p.prevEnd) };
}

/** An item ends at a newline or end of file (`b {\n c = 1 }` is an error in hclsyntax). */
function endOfItem(p: Parser, what: string): void {
  if (p.is(Tok.Newline)) p.advance();
  // A token first on its line means the newline was taken by a construct that recovery cut short
  // (an unclosed call, a heredoc without its marker): that construct has its error already, and
  // the token (`}` or the next item) must not be skipped.
  else if (!p.is(Tok.EOF) && !firstOnLine(p, p.start)) {
    p.error(`Missing newline after ${what} definition: found ${p.describe()}`, p.start, p.end);
    skipRestOfLine(p);
  }
}

function firstOnLine(p: Parser, offset: number): boolean {
  let i = offset - 1;
  for (let c = p.text.charCodeAt(i); c === 32 || c === 9; c = p.text.charCodeAt(--i));
  return i < 0 || p.text.charCodeAt(i) === 10 || p.text.charCodeAt(i) === 13;
}

function skipRestOfLine(p: Parser): void {
  for (;;) {
    const from = p.start;
    p.skipUntil((t) => t === Tok.Newline);
    // A stray closer ("]" or ")") stops the skip where it started: step over it and go on.
    if (p.start !== from || p.is(Tok.Newline) || p.is(Tok.EOF) || p.is(Tok.RBrace)) break;
    p.advance();
  }
  if (p.is(Tok.Newline)) p.advance();
}

function parseBlock(p: Parser, start: number, type: string, typeRange: Block['typeRange']): Block | undefined {
  const labels: Label[] = [];
  while (p.is(Tok.OQuote) || p.is(Tok.Ident)) labels.push(parseLabel(p));
  if (!p.is(Tok.LBrace)) {
    const hint = labels.length === 0 && (p.is(Tok.Newline) || p.is(Tok.EOF))
      ? ': to set an argument, use "=" to introduce its value'
      : `: expected "{" to open the block, found ${p.describe()}`;
    p.error(`${labels.length === 0 ? 'Argument or block definition required' : 'Invalid block definition'}${hint}`, start, p.prevEnd);
    skipRestOfLine(p);
    return undefined;
  }
  if (p.depth >= MAX_NESTING) {
    p.tooDeep();
    return undefined;
  }
  const openBrace = p.range(p.start, p.end);
  const headerColumn = p.lines.position(start).character;
  p.depth++;
  p.advance();
  const body = p.is(Tok.Newline) || p.is(Tok.RBrace) || p.is(Tok.EOF)
    ? parseBody(p, p.prevEnd, headerColumn)
    : parseSingleLineBody(p);
  p.depth--;
  let closeBrace: Block['closeBrace'];
  if (p.is(Tok.RBrace)) {
    closeBrace = p.range(p.start, p.end);
    p.advance();
  } else {
    if (p.is(Tok.EOF)) p.unclosedBlocks++;
    p.error(`Unclosed configuration block: there is no closing brace for this ${type} block`, openBrace.start.offset, openBrace.end.offset);
  }
  const block: Block = { kind: 'Block', type, typeRange, labels, body, openBrace, ...(closeBrace ? { closeBrace } : {}), range: p.range(start, p.prevEnd) };
  if (closeBrace) endOfItem(p, 'block');
  return block;
}

function parseLabel(p: Parser): Label {
  if (p.is(Tok.Ident)) {
    const label: Label = { value: p.tokenText(), quoted: false, range: p.range(p.start, p.end) };
    p.advance();
    return label;
  }
  const template = parseQuotedTemplate(p);
  const only = template.parts[0];
  if (template.parts.length === 1 && only?.kind === 'TemplateLiteral') return { value: only.value, quoted: true, range: template.range };
  p.error('Invalid block label: a block label must be a literal string, without interpolation or directives', template.range.start.offset, template.range.end.offset);
  const raw = p.text.slice(template.range.start.offset + 1, Math.max(template.range.start.offset + 1, template.range.end.offset - 1));
  return { value: raw, quoted: true, range: template.range };
}

/** `block { name = value }`: hclsyntax allows at most one argument, and no nested block. */
function parseSingleLineBody(p: Parser): Body {
  const start = p.start;
  const items: Attribute[] = [];
  if (p.is(Tok.Ident)) {
    const nameStart = p.start;
    const name = p.tokenText();
    const nameRange = p.range(p.start, p.end);
    p.advance();
    if (p.is(Tok.Assign)) items.push(parseAttribute(p, nameStart, name, nameRange));
    else p.error('Argument definition required: a single-line block can contain only a single argument; to define a nested block, place it on a line of its own within its parent block', nameStart, p.prevEnd);
  } else {
    p.error(`Argument definition required: expected an argument name in the single-line block, found ${p.describe()}`, p.start, p.end);
  }
  if (!p.is(Tok.RBrace)) {
    if (items.length > 0) p.error('Invalid single-argument block definition: a single-line block can contain only one argument; use one argument per line in a multi-line block', p.start, p.end);
    p.skipUntil((t) => t === Tok.Newline || t === Tok.RBrace);
  }
  return { kind: 'Body', items, range: p.range(start, p.is(Tok.RBrace) ? p.start : p.prevEnd) };
}
