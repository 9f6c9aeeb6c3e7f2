// Terraform's operators. `&&` and `||` decide without their right operand when the left one is
// enough (`false && x`), so an Unknown on the undecisive side does not make the result Unknown.

import type { BinaryOperator } from '../hcl/ast';
import { asBool, asNumber } from './convert';
import { EvalError } from './eval-errors';
import type { Origin, Value } from './model';
import { boolValue, deepUnknown, firstUnknown, numberValue, unknownValue, valuesEqual } from './values';

export function evaluateBinary(operator: BinaryOperator, left: Value, right: () => Value, origin: Origin): Value {
  if (operator === '&&' || operator === '||') return evaluateLogical(operator, left, right, origin);
  const r = right();
  if (operator === '==' || operator === '!=') {
    const equal = knownEquality(left, r);
    if (equal === undefined) {
      const unknown = firstUnknown([left, r])!;
      return unknownValue(unknown.reason, unknown.references, origin);
    }
    return boolValue(operator === '==' ? equal : !equal, origin);
  }
  const unknown = firstUnknown([left, r]);
  if (unknown) return unknownValue(unknown.reason, unknown.references, origin);
  const a = asNumber(left, `left operand of ${operator}`);
  const b = asNumber(r, `right operand of ${operator}`);
  switch (operator) {
    case '<': return boolValue(a < b, origin);
    case '<=': return boolValue(a <= b, origin);
    case '>': return boolValue(a > b, origin);
    case '>=': return boolValue(a >= b, origin);
    case '+': return numberValue(a + b, origin);
    case '-': return numberValue(a - b, origin);
    case '*': return numberValue(a * b, origin);
    case '/':
      if (b === 0) throw new EvalError('division by zero');
      return numberValue(a / b, origin);
    case '%':
      if (b === 0) throw new EvalError('modulo by zero');
      return numberValue(a % b, origin);
  }
}

/**
 * Equality as Terraform decides it with Unknown parts: a known difference decides (`var.perms !=
 * null` is true for a map whose values hold an ARN known only after apply; lists of different
 * lengths differ), otherwise an Unknown part makes it undefined (unknown).
 */
function knownEquality(a: Value, b: Value): boolean | undefined {
  // A template or jsonencode() result is a string, never null, even when its text is not known
  // (Terraform refines such values as not null too).
  if ((a.kind === 'null' && b.kind === 'unknown' && b.partial) || (b.kind === 'null' && a.kind === 'unknown' && a.partial)) return false;
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.items.length !== b.items.length) return false;
    return allEqual(a.items.map((item, i) => knownEquality(item, b.items[i]!)));
  }
  if (a.kind === 'object' && b.kind === 'object') {
    if (a.entries.size !== b.entries.size) return false;
    const pairs: (boolean | undefined)[] = [];
    for (const [k, v] of a.entries) {
      const other = b.entries.get(k);
      if (!other) return false;
      pairs.push(knownEquality(v, other));
    }
    return allEqual(pairs);
  }
  return valuesEqual(a, b);
}

function allEqual(results: readonly (boolean | undefined)[]): boolean | undefined {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function evaluateLogical(operator: '&&' | '||', left: Value, right: () => Value, origin: Origin): Value {
  const decisive = operator === '||';
  if (left.kind !== 'unknown' && asBool(left, `left operand of ${operator}`) === decisive) return boolValue(decisive, origin);
  const r = right();
  if (r.kind !== 'unknown' && asBool(r, `right operand of ${operator}`) === decisive) return boolValue(decisive, origin);
  const unknown = deepUnknown(left) ?? deepUnknown(r);
  if (unknown) return unknownValue(unknown.reason, unknown.references, origin);
  return boolValue(!decisive, origin);
}

export function evaluateUnary(operator: '!' | '-', operand: Value, origin: Origin): Value {
  if (operand.kind === 'unknown') return unknownValue(operand.reason, operand.references, origin);
  if (operator === '!') return boolValue(!asBool(operand, 'operand of !'), origin);
  return numberValue(-asNumber(operand, 'operand of -'), origin);
}
