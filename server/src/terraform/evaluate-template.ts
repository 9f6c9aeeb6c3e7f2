// String templates: literal parts, `${…}` interpolations (with `~` whitespace stripping) and the
// `%{if}` / `%{for}` directives. A template that is a single interpolation and nothing else yields
// the interpolated value itself, unconverted, as Terraform does; that also keeps its origin, so
// `acl = "${var.acl}"` still points at the tfvars line that set it.

import type { Expression, TemplateExpr, TemplatePart } from '../hcl/ast';
import { asBool, asString } from './convert';
import { EvalError, UnknownSignal } from './eval-errors';
import type { Scope } from './evaluate-expr';
import { bindScope, iterationPairs, originAt } from './evaluate-expr';
import type { Value } from './model';
import { stringValue, unknownValue } from './values';

type Evaluate = (expr: Expression, scope: Scope) => Value;

export function evaluateTemplate(expr: TemplateExpr, scope: Scope, evaluate: Evaluate): Value {
  const origin = originAt(scope, expr.range);
  const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
  if (only?.kind === 'TemplateInterpolation' && !expr.heredoc) return evaluate(only.expr, scope);
  try {
    return stringValue(renderParts(expr.parts, scope, evaluate), origin);
  } catch (error) {
    if (error instanceof UnknownSignal) return unknownValue(error.value.reason, error.value.references, origin);
    throw error;
  }
}

/** Renders parts to text; an Unknown interpolation throws UnknownSignal. */
function renderParts(parts: readonly TemplatePart[], scope: Scope, evaluate: Evaluate): string {
  let out = '';
  let stripNext = false;
  for (const part of parts) {
    switch (part.kind) {
      case 'TemplateLiteral':
        out += stripNext ? part.value.replace(/^\s+/, '') : part.value;
        stripNext = false;
        continue;
      case 'TemplateInterpolation': {
        if (part.stripLeft) out = out.replace(/\s+$/, '');
        const value = evaluate(part.expr, scope);
        if (value.kind === 'unknown') throw new UnknownSignal(value);
        if (value.kind === 'null') throw new EvalError('the template interpolates a null value');
        out += asString(value, 'template interpolation');
        stripNext = part.stripRight;
        continue;
      }
      case 'TemplateIf': {
        const cond = evaluate(part.condition, scope);
        if (cond.kind === 'unknown') throw new UnknownSignal(cond);
        const branch = asBool(cond, 'template if condition') ? part.then : (part.else ?? []);
        out += renderParts(branch, scope, evaluate);
        stripNext = false;
        continue;
      }
      case 'TemplateFor': {
        const collection = evaluate(part.collection, scope);
        if (collection.kind === 'unknown') throw new UnknownSignal(collection);
        for (const [key, value] of iterationPairs(collection)) {
          const names = new Map<string, Value>([[part.valueVar, value]]);
          if (part.keyVar) names.set(part.keyVar, key);
          out += renderParts(part.body, bindScope(scope, names), evaluate);
        }
        stripNext = false;
        continue;
      }
    }
  }
  return out;
}
