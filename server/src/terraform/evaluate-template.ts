// String templates: literal parts, `${…}` interpolations (with `~` whitespace stripping) and the
// `%{if}` / `%{for}` directives. A template that is a single interpolation and nothing else yields
// the interpolated value itself, unconverted, as Terraform does; that also keeps its origin, so
// `acl = "${var.acl}"` still points at the tfvars line that set it.

import type { Expression, TemplateExpr, TemplatePart } from '../hcl/ast';
import { asBool, asString } from './convert';
import { EvalError, UnknownSignal } from './eval-errors';
import type { Scope } from './evaluate-expr';
import { bindScope, iterationPairs, originAt } from './evaluate-expr';
import type { UnknownValue, Value } from './model';
import { dedupeReferences, stringValue, unknownValue, withPartial } from './values';

type Evaluate = (expr: Expression, scope: Scope) => Value;

export function evaluateTemplate(expr: TemplateExpr, scope: Scope, evaluate: Evaluate): Value {
  const origin = originAt(scope, expr.range);
  const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
  if (only?.kind === 'TemplateInterpolation' && !expr.heredoc) return evaluate(only.expr, scope);
  try {
    const pieces = renderParts(expr.parts, scope, evaluate);
    const unknowns = pieces.filter((p): p is UnknownValue => typeof p !== 'string');
    if (unknowns.length === 0) return stringValue(pieces.filter((p) => typeof p === 'string').join(''), origin);
    // The string is Unknown, but its literal text is not: keep it, so a policy can still read
    // the structure of a JSON heredoc or tell that "${aws_s3_bucket.b.arn}/*" is not "*".
    const first = unknowns[0]!;
    const refs = dedupeReferences(unknowns.flatMap((u) => u.references ?? []));
    return withPartial(unknownValue(first.reason, refs, origin), { kind: 'template', parts: pieces });
  } catch (error) {
    if (error instanceof UnknownSignal) return unknownValue(error.value.reason, error.value.references, origin);
    throw error;
  }
}

type Piece = string | UnknownValue;

/** Appends text (merged with a preceding text piece) or an Unknown. */
function append(pieces: Piece[], piece: Piece): void {
  const last = pieces.length - 1;
  if (typeof piece !== 'string') pieces.push(piece);
  else if (typeof pieces[last] === 'string') pieces[last] += piece;
  else if (piece !== '') pieces.push(piece);
}

/**
 * Renders parts to text pieces and Unknown interpolations (an interpolated partial template
 * contributes its own pieces). An Unknown `%{if}` condition or `%{for}` collection leaves the
 * shape of the text unknown: that throws UnknownSignal.
 */
function renderParts(parts: readonly TemplatePart[], scope: Scope, evaluate: Evaluate): Piece[] {
  const pieces: Piece[] = [];
  let stripNext = false;
  for (const part of parts) {
    switch (part.kind) {
      case 'TemplateLiteral':
        append(pieces, stripNext ? part.value.replace(/^\s+/, '') : part.value);
        stripNext = false;
        continue;
      case 'TemplateInterpolation': {
        const last = pieces.length - 1;
        if (part.stripLeft && typeof pieces[last] === 'string') pieces[last] = pieces[last].replace(/\s+$/, '');
        const value = evaluate(part.expr, scope);
        if (value.kind === 'unknown') {
          for (const p of value.partial?.kind === 'template' ? value.partial.parts : [value]) append(pieces, p);
        } else {
          if (value.kind === 'null') throw new EvalError('the template interpolates a null value');
          append(pieces, asString(value, 'template interpolation'));
        }
        stripNext = part.stripRight;
        continue;
      }
      case 'TemplateIf': {
        const cond = evaluate(part.condition, scope);
        if (cond.kind === 'unknown') throw new UnknownSignal(cond);
        const branch = asBool(cond, 'template if condition') ? part.then : (part.else ?? []);
        for (const p of renderParts(branch, scope, evaluate)) append(pieces, p);
        stripNext = false;
        continue;
      }
      case 'TemplateFor': {
        const collection = evaluate(part.collection, scope);
        if (collection.kind === 'unknown') throw new UnknownSignal(collection);
        for (const [key, value] of iterationPairs(collection)) {
          const names = new Map<string, Value>([[part.valueVar, value]]);
          if (part.keyVar) names.set(part.keyVar, key);
          for (const p of renderParts(part.body, bindScope(scope, names), evaluate)) append(pieces, p);
        }
        stripNext = false;
        continue;
      }
    }
  }
  return pieces;
}
