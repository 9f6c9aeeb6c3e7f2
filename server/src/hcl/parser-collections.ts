// Tuple and object constructors and `for` expressions. Newlines are whitespace inside `[ ]` and
// `for`, but separate items inside `{ }` (as in hclsyntax).
import type { Expression, ForExpr, ObjectItem } from './ast';
import { MAX_NESTING, type Parser } from './parser-core';
import { parseExpression } from './parser-expr';
import { Tok as TokEnum } from './scanner';

// A module-local alias: under tsx (tests, benchmarks) every use of an imported binding goes through
// an export getter, which costs this hot code about a fifth of its speed; bundles are unaffected.
const Tok = TokEnum;
type Tok = TokEnum;

export function parseTuple(p: Parser): Expression {
  if (p.depth >= MAX_NESTING) return p.tooDeep();
  const start = p.start;
  const saved = p.newlines;
  p.newlines = false;
  p.advance();
  if (p.isKeyword('for')) return parseFor(p, start, saved, false);
  const elements: Expression[] = [];
  while (!p.is(Tok.RBrack) && !p.is(Tok.EOF)) {
    if (p.startsItemByIndent()) return unterminatedTuple(p, start, saved, elements);
    const before = p.start;
    elements.push(parseExpression(p));
    if (p.is(Tok.Comma)) { p.advance(); continue; }
    if (p.is(Tok.RBrack) || isForeignCloser(p)) break;
    if (p.startsItemByIndent()) return unterminatedTuple(p, start, saved, elements);
    p.error(`Missing item separator: expected "," or "]", found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === Tok.Comma || t === Tok.RBrack);
    if (p.is(Tok.Comma)) p.advance();
    else if (p.start === before || !p.is(Tok.RBrack)) break;
  }
  p.close(Tok.RBrack, saved, 'tuple', start);
  return { kind: 'Tuple', elements, range: p.range(start, p.prevEnd) };
}

function unterminatedTuple(p: Parser, start: number, saved: boolean, elements: Expression[]): Expression {
  p.closeByIndent(saved, 'Unterminated tuple constructor expression: there is no closing "]" for this "["', start);
  return { kind: 'Tuple', elements, range: p.range(start, p.prevEnd) };
}

export function parseObject(p: Parser): Expression {
  if (p.depth >= MAX_NESTING) return p.tooDeep();
  const start = p.start;
  const saved = p.newlines;
  p.newlines = true;
  p.advance();
  while (p.is(Tok.Newline)) p.advance();
  if (p.isKeyword('for')) {
    p.newlines = false;
    p.resetTo(p.start);
    return parseFor(p, start, saved, true);
  }
  const items: ObjectItem[] = [];
  for (;;) {
    while (p.is(Tok.Newline)) p.advance();
    if (p.startsItemByIndent()) return unterminatedObject(p, start, saved, items);
    if (p.is(Tok.RBrace) || p.is(Tok.EOF)) break;
    const item = parseObjectItem(p);
    if (item !== undefined) items.push(item);
    if (p.is(Tok.Comma) || p.is(Tok.Newline)) { p.advance(); continue; }
    if (p.is(Tok.RBrace) || p.is(Tok.EOF) || isForeignCloser(p)) break;
    // A bracket inside the value was cut short before the next item: so is this object.
    if (p.startsItemByIndent()) return unterminatedObject(p, start, saved, items);
    if (item !== undefined) p.error(`Missing attribute separator: expected a newline or "," after an object attribute, found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === Tok.Comma || t === Tok.Newline);
    if (!p.is(Tok.Comma) && !p.is(Tok.Newline)) break;
  }
  p.close(Tok.RBrace, saved, 'object', start);
  return { kind: 'Object', items, range: p.range(start, p.prevEnd) };
}

function unterminatedObject(p: Parser, start: number, saved: boolean, items: ObjectItem[]): Expression {
  p.closeByIndent(saved, 'Unterminated object constructor expression: there is no closing "}" for this "{"', start);
  return { kind: 'Object', items, range: p.range(start, p.prevEnd) };
}

/** `key = value` or `key: value`; undefined (error reported) when the separator is missing. */
function parseObjectItem(p: Parser): ObjectItem | undefined {
  const key = parseExpression(p);
  const start = key.range.start.offset;
  if (!p.is(Tok.Assign) && !p.is(Tok.Colon)) {
    p.error(`Missing key/value separator: expected "=" or ":" after the object key, found ${p.describe()}`, p.start, p.end);
    return undefined;
  }
  const separator = p.is(Tok.Assign) ? '=' : ':';
  p.advance();
  const value = parseExpression(p);
  return { key, value, separator, range: p.range(start, p.prevEnd) };
}

/** After `[` or `{` (newlines already off), starting at the `for` keyword. */
function parseFor(p: Parser, start: number, savedNewlines: boolean, isObject: boolean): Expression {
  const closer = isObject ? Tok.RBrace : Tok.RBrack;
  const fail = (message: string): Expression => {
    p.error(message, p.start, p.end);
    p.skipUntil((t) => t === closer);
    p.close(closer, savedNewlines, 'for expression', start);
    return p.invalid(start, p.prevEnd);
  };
  p.advance();
  const first = identifier(p);
  if (first === undefined) { return fail(`Invalid for expression: expected an iterator name, found ${p.describe()}`); }
  let keyVar: string | undefined;
  let valueVar = first;
  if (p.is(Tok.Comma)) {
    p.advance();
    const second = identifier(p);
    if (second === undefined) { return fail(`Invalid for expression: expected a value iterator name, found ${p.describe()}`); }
    keyVar = first;
    valueVar = second;
  }
  if (!p.isKeyword('in')) { return fail(`Invalid for expression: expected "in", found ${p.describe()}`); }
  p.advance();
  const collection = parseExpression(p);
  if (!p.is(Tok.Colon)) { return fail(`Invalid for expression: expected ":" after the collection, found ${p.describe()}`); }
  p.advance();
  let keyExpr: Expression | undefined;
  if (isObject) {
    keyExpr = parseExpression(p);
    if (!p.is(Tok.Arrow)) { return fail(`Invalid for expression: expected "=>" after the key expression, found ${p.describe()}`); }
    p.advance();
  }
  const valueExpr = parseExpression(p);
  let grouping = false;
  if (isObject && p.is(Tok.Ellipsis)) { grouping = true; p.advance(); }
  let condition: Expression | undefined;
  if (p.isKeyword('if')) { p.advance(); condition = parseExpression(p); }
  if (p.tok !== closer) {
    p.error(`Invalid for expression: expected ${isObject ? '"}"' : '"]"'} to end it, found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === closer);
  }
  p.close(closer, savedNewlines, 'for expression', start);
  const expr: ForExpr = {
    kind: 'For', valueVar, collection, valueExpr, grouping, range: p.range(start, p.prevEnd),
    ...(keyVar !== undefined ? { keyVar } : {}), ...(keyExpr !== undefined ? { keyExpr } : {}), ...(condition !== undefined ? { condition } : {}),
  };
  return expr;
}

function identifier(p: Parser): string | undefined {
  if (!p.is(Tok.Ident)) return undefined;
  const name = p.tokenText();
  p.advance();
  return name;
}

/** A closing bracket of another kind (or end of file): the construct is unclosed, not mis-separated. */
export function isForeignCloser(p: Parser): boolean {
  return p.is(Tok.RBrace) || p.is(Tok.RBrack) || p.is(Tok.RParen) || p.is(Tok.EOF);
}
