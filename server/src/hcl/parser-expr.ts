// Expressions of HCL native syntax (hclsyntax spec): conditional, binary operators by precedence,
// unary operators, terms with traversals and splats. Collections and `for` live in
// parser-collections.ts, strings and heredocs in parser-template.ts.
import type { BinaryOperator, Expression, FunctionCallExpr, LiteralExpr, SplatExpr, SplatStep } from './ast';
import { MAX_NESTING, type Parser } from './parser-core';
import { isForeignCloser, parseObject, parseTuple } from './parser-collections';
import { parseHeredoc, parseQuotedTemplate } from './parser-template';
import { isDigit, Tok as TokEnum } from './scanner';

// A module-local alias: under tsx (tests, benchmarks) every use of an imported binding goes through
// an export getter, which costs this hot code about a fifth of its speed; bundles are unaffected.
const Tok = TokEnum;
type Tok = TokEnum;

export function parseExpression(p: Parser): Expression {
  if (p.depth >= MAX_NESTING) return p.tooDeep();
  p.depth++;
  const condition = parseBinary(p, 0);
  // Starts come from the first child: an empty (invalid) child sits where the previous token ended.
  const start = condition.range.start.offset;
  let result = condition;
  if (p.is(Tok.Question)) {
    p.advance();
    const trueExpr = parseExpression(p);
    let falseExpr: Expression;
    if (p.is(Tok.Colon)) {
      p.advance();
      falseExpr = parseExpression(p);
    } else {
      p.error(`Missing false expression in conditional: expected ":", found ${p.describe()}`, p.start, p.end);
      falseExpr = p.invalid(p.prevEnd, p.prevEnd);
    }
    result = { kind: 'Conditional', condition, trueExpr, falseExpr, range: p.range(start, p.prevEnd) };
  }
  p.depth--;
  return result;
}

/**
 * Operator and traversal chains build left-nested trees as deep as the chain is long; consumers
 * walk trees recursively, so an absurdly long chain is reported and the rest of it skipped.
 */
const MAX_CHAIN = 1000;

function tooLong(p: Parser, expr: Expression, what: string): Expression {
  p.error(`Expression too long: more than ${MAX_CHAIN} ${what} in a row`, p.start, p.end);
  p.skipUntil((t) => t === Tok.Newline || t === Tok.Comma);
  return expr;
}

/** hclsyntax precedence, lowest first; -1 for tokens that are not binary operators. */
function precedence(tok: Tok): number {
  switch (tok) {
    case Tok.Or: return 0;
    case Tok.And: return 1;
    case Tok.Eq: case Tok.Ne: return 2;
    case Tok.Lt: case Tok.Le: case Tok.Gt: case Tok.Ge: return 3;
    case Tok.Plus: case Tok.Minus: return 4;
    case Tok.Star: case Tok.Slash: case Tok.Percent: return 5;
    default: return -1;
  }
}

function parseBinary(p: Parser, minPrecedence: number): Expression {
  let left = parseTerm(p);
  const start = left.range.start.offset;
  for (let operators = 0; ; operators++) {
    const prec = precedence(p.tok);
    if (prec < minPrecedence) return left;
    if (operators === MAX_CHAIN) return tooLong(p, left, 'operators');
    const operator = p.tokenText() as BinaryOperator;
    p.advance();
    const right = parseBinary(p, prec + 1);
    left = { kind: 'Binary', operator, left, right, range: p.range(start, p.prevEnd) };
  }
}

/** A term with its traversals; unary operators bind to a term (`-a.b + c` is `(-(a.b)) + c`). */
export function parseTerm(p: Parser): Expression {
  if (p.is(Tok.Minus) || p.is(Tok.Bang)) {
    if (p.depth >= MAX_NESTING) return p.tooDeep();
    const start = p.start;
    const operator = p.is(Tok.Minus) ? '-' : '!';
    p.advance();
    p.depth++;
    const operand = parseTerm(p);
    p.depth--;
    return { kind: 'Unary', operator, operand, range: p.range(start, p.prevEnd) };
  }
  const primary = parsePrimary(p);
  return parseTraversals(p, primary.range.start.offset, primary);
}

function parsePrimary(p: Parser): Expression {
  const start = p.start;
  switch (p.tok) {
    case Tok.Number: {
      const raw = p.tokenText();
      const value = Number(raw);
      if (Number.isNaN(value)) p.error(`Invalid number literal: ${JSON.stringify(raw)} is not a number`, p.start, p.end);
      p.advance();
      return { kind: 'Literal', value, raw, range: p.range(start, p.prevEnd) };
    }
    case Tok.Ident: return parseIdentifierTerm(p);
    case Tok.OQuote: return parseQuotedTemplate(p);
    case Tok.OHeredoc: return parseHeredoc(p);
    case Tok.LParen: return parseParentheses(p);
    case Tok.LBrack: return parseTuple(p);
    case Tok.LBrace: return parseObject(p);
    default: {
      p.error(`Invalid expression: expected the start of an expression, found ${p.describe()}`, p.start, p.end);
      // Consume a stray token so callers always make progress; keep structural ones for them.
      if (p.is(Tok.Invalid) || p.is(Tok.Star) || p.is(Tok.Dot) || p.is(Tok.Ellipsis)) p.advance();
      return p.prevEnd > start ? p.invalid(start, p.prevEnd) : p.invalid(p.prevEnd, p.prevEnd);
    }
  }
}

const keywordLiterals: Record<string, boolean | null> = { true: true, false: false, null: null };

function parseIdentifierTerm(p: Parser): Expression {
  const start = p.start;
  const name = p.tokenText();
  p.advance();
  if (p.is(Tok.LParen) || p.is(Tok.DoubleColon)) return parseFunctionCall(p, name, start);
  if (name === 'true' || name === 'false' || name === 'null') {
    const literal: LiteralExpr = { kind: 'Literal', value: keywordLiterals[name] ?? null, raw: name, range: p.range(start, p.prevEnd) };
    return literal;
  }
  return { kind: 'Variable', name, range: p.range(start, p.prevEnd) };
}

function parseFunctionCall(p: Parser, firstName: string, start: number): Expression {
  let name = firstName;
  while (p.is(Tok.DoubleColon)) {
    p.advance();
    if (!p.is(Tok.Ident)) {
      p.error(`Invalid function name: expected a name after "::", found ${p.describe()}`, p.start, p.end);
      return p.invalid(start, p.prevEnd);
    }
    name += '::' + p.tokenText();
    p.advance();
  }
  const nameRange = p.range(start, p.prevEnd);
  if (!p.is(Tok.LParen)) {
    p.error(`Missing function arguments: expected "(" after ${JSON.stringify(name)}, found ${p.describe()}`, p.start, p.end);
    return p.invalid(start, p.prevEnd);
  }
  const open = p.start;
  const saved = p.newlines;
  p.newlines = false;
  p.advance();
  const args: Expression[] = [];
  let expandFinal = false;
  while (!p.is(Tok.RParen) && !p.is(Tok.EOF)) {
    if (p.startsItemByIndent()) return unterminatedCall(p, saved, open, { kind: 'FunctionCall', name, nameRange, args, expandFinal, range: p.range(start, p.prevEnd) });
    args.push(parseExpression(p));
    if (p.is(Tok.Ellipsis)) {
      expandFinal = true;
      p.advance();
      if (!p.is(Tok.RParen)) p.error('Invalid expanding argument: "..." may only follow the final argument', p.start, p.end);
    }
    if (p.is(Tok.Comma)) { p.advance(); continue; }
    if (p.is(Tok.RParen) || isForeignCloser(p)) break;
    if (p.startsItemByIndent()) return unterminatedCall(p, saved, open, { kind: 'FunctionCall', name, nameRange, args, expandFinal, range: p.range(start, p.prevEnd) });
    p.error(`Missing argument separator: expected "," or ")", found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === Tok.Comma || t === Tok.RParen);
    if (p.is(Tok.Comma)) p.advance();
    else break;
  }
  p.close(Tok.RParen, saved, 'function call', open);
  const call: FunctionCallExpr = { kind: 'FunctionCall', name, nameRange, args, expandFinal, range: p.range(start, p.prevEnd) };
  return call;
}

function unterminatedCall(p: Parser, saved: boolean, open: number, call: FunctionCallExpr): Expression {
  p.closeByIndent(saved, 'Unterminated function call: there is no closing ")" for this function call', open);
  return call;
}

function parseParentheses(p: Parser): Expression {
  if (p.depth >= MAX_NESTING) return p.tooDeep();
  const start = p.start;
  const saved = p.newlines;
  p.newlines = false;
  p.advance();
  const cutShort = (expr: Expression): Expression => {
    p.closeByIndent(saved, 'Unbalanced parentheses: there is no closing ")" for this "("', start);
    return { kind: 'Parentheses', expr, range: p.range(start, p.prevEnd) };
  };
  if (p.startsItemByIndent()) return cutShort(p.invalid(p.prevEnd, p.prevEnd));
  const expr = parseExpression(p);
  if (p.startsItemByIndent()) return cutShort(expr);
  if (!p.is(Tok.RParen) && !isForeignCloser(p)) {
    p.error(`Unbalanced parentheses: expected ")" to end the expression, found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === Tok.RParen);
  }
  p.close(Tok.RParen, saved, 'parentheses', start);
  return { kind: 'Parentheses', expr, range: p.range(start, p.prevEnd) };
}

/** `.name`, legacy `.0`, `[key]`, and the splats `.*` and `[*]` after a term. */
function parseTraversals(p: Parser, start: number, term: Expression): Expression {
  let expr = term;
  for (let steps = 0; ; steps++) {
    if (steps === MAX_CHAIN && (p.is(Tok.Dot) || p.is(Tok.LBrack))) return tooLong(p, expr, 'attribute and index steps');
    if (p.is(Tok.Dot)) {
      const afterDot = p.text.charCodeAt(p.end);
      if (afterDot === 42) {
        skipSplatOperator(p, 2);
        expr = parseSplat(p, start, expr, '.*');
        continue;
      }
      const step = parseDotStep(p);
      if (step === undefined) return expr;
      expr = step.kind === 'GetAttr'
        ? { kind: 'GetAttr', object: expr, name: step.name, nameRange: step.nameRange, range: p.range(start, p.prevEnd) }
        : { kind: 'Index', object: expr, key: step.key, legacy: true, range: p.range(start, p.prevEnd) };
    } else if (p.is(Tok.LBrack)) {
      if (isFullSplat(p)) {
        skipSplatOperator(p, 3);
        expr = parseSplat(p, start, expr, '[*]');
        continue;
      }
      const key = parseIndexKey(p);
      expr = { kind: 'Index', object: expr, key, legacy: false, range: p.range(start, p.prevEnd) };
    } else {
      return expr;
    }
  }
}

function isFullSplat(p: Parser): boolean {
  return p.text.charCodeAt(p.end) === 42 && p.text.charCodeAt(p.end + 1) === 93;
}

/** Consume `.*` or `[*]` (written without inner spaces, as the hclsyntax scanner requires). */
function skipSplatOperator(p: Parser, length: number): void {
  p.end = p.start + length;
  p.pos = p.end;
  p.advance();
}

type DotStep = { kind: 'GetAttr'; name: string; nameRange: ReturnType<Parser['range']> } | { kind: 'Index'; key: LiteralExpr };

/** After a `.`: a name, or a legacy numeric index. Undefined (with an error) when neither follows. */
function parseDotStep(p: Parser): DotStep | undefined {
  const afterDot = p.end;
  if (isDigit(p.text.charCodeAt(afterDot))) {
    const end = p.digitsEnd(afterDot);
    const raw = p.text.slice(afterDot, end);
    if (p.text.charCodeAt(end) === 46 && isDigit(p.text.charCodeAt(end + 1))) {
      p.error('Invalid legacy index syntax: chaining two legacy indexes (like .0.1) is not permitted; use [0][1] instead', afterDot, p.digitsEnd(end + 1));
    }
    p.end = end;
    p.pos = end;
    p.advance();
    return { kind: 'Index', key: { kind: 'Literal', value: Number(raw), raw, range: p.range(afterDot, end) } };
  }
  p.advance();
  if (!p.is(Tok.Ident)) {
    p.error(`Invalid attribute name: expected a name after ".", found ${p.describe()}`, p.start, p.end);
    return undefined;
  }
  const name = p.tokenText();
  const nameRange = p.range(p.start, p.end);
  p.advance();
  return { kind: 'GetAttr', name, nameRange };
}

function parseIndexKey(p: Parser): Expression {
  const open = p.start;
  const saved = p.newlines;
  p.newlines = false;
  p.advance();
  const key = parseExpression(p);
  if (!p.is(Tok.RBrack) && !isForeignCloser(p)) {
    p.error(`Missing close bracket on index: expected "]" after the index key, found ${p.describe()}`, p.start, p.end);
    p.skipUntil((t) => t === Tok.RBrack);
  }
  p.close(Tok.RBrack, saved, 'index', open);
  return key;
}

/** The steps a splat applies to each element: names (and legacy indexes) for `.*`, also `[i]` for `[*]`. */
function parseSplat(p: Parser, start: number, source: Expression, style: '.*' | '[*]'): SplatExpr {
  const steps: SplatStep[] = [];
  for (;;) {
    if (style === '.*' && p.is(Tok.Dot) && p.text.charCodeAt(p.end) === 42) {
      p.error('Nested splat expression not allowed: a splat expression (*) cannot be used inside another attribute-only splat expression', p.start, p.end + 1);
      break;
    }
    if (p.is(Tok.Dot) && p.text.charCodeAt(p.end) !== 42) {
      const stepStart = p.start;
      const step = parseDotStep(p);
      if (step === undefined) break;
      steps.push(step.kind === 'GetAttr'
        ? { kind: 'GetAttr', name: step.name, range: p.range(stepStart, p.prevEnd) }
        : { kind: 'Index', key: step.key, range: p.range(stepStart, p.prevEnd) });
    } else if (p.is(Tok.LBrack) && style === '[*]' && !isFullSplat(p)) {
      const stepStart = p.start;
      const key = parseIndexKey(p);
      steps.push({ kind: 'Index', key, range: p.range(stepStart, p.prevEnd) });
    } else {
      break;
    }
  }
  return { kind: 'Splat', style, source, steps, range: p.range(start, p.prevEnd) };
}
