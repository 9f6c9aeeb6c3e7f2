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
  const unknown = firstUnknown([left, r]);
  if (unknown) return unknownValue(unknown.reason, unknown.references, origin);
  switch (operator) {
    case '==': return boolValue(valuesEqual(left, r), origin);
    case '!=': return boolValue(!valuesEqual(left, r), origin);
    default: break;
  }
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
