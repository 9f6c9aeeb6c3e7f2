// Attribute access, indexing and splats on evaluated values. Stepping into an Unknown stays
// Unknown (keeping its references); stepping into a resource reference records which attribute
// was asked for, so `aws_s3_bucket.x[*].arn` still says it depends on `aws_s3_bucket.x`'s `arn`.

import type { Expression, Range, SplatExpr } from '../hcl/ast';
import { asString } from './convert';
import { EvalError } from './eval-errors';
import type { Origin, UnknownValue, Value } from './model';
import { formatNumber, tupleValue, typeName, rootCause, unknownValue } from './values';

export type ReferenceStep =
  | { readonly kind: 'attr'; readonly name: string; readonly range: Range }
  | { readonly kind: 'index'; readonly key: Value; readonly range: Range };

/**
 * An Unknown resource reference without an attribute gets the attribute of the step applied to it.
 * A resource instance (an object partly known) gives the attribute its configuration sets, or an
 * Unknown computed attribute of that instance (`aws_s3_bucket.x["a"].arn is known after apply`).
 */
function stepIntoUnknown(value: UnknownValue, step: ReferenceStep): Value {
  const name = step.kind === 'attr' ? step.name : step.key.kind === 'string' ? step.key.value : undefined;
  if (value.partial?.kind === 'object' && name !== undefined) {
    const known = value.partial.entries.get(name);
    if (known) return known;
    return unknownValue(`${value.partial.label}.${name} is known after apply`, withAttribute(value, name), value.origin);
  }
  if (step.kind !== 'attr' || !value.references?.some((r) => r.attribute === undefined)) return value;
  return unknownValue(value.reason, withAttribute(value, step.name), value.origin);
}

function withAttribute(value: UnknownValue, attribute: string): UnknownValue['references'] {
  return value.references?.map((r) => (r.attribute === undefined ? { ...r, attribute } : r));
}

export function applyStep(value: Value, step: ReferenceStep): Value {
  if (value.kind === 'unknown') return stepIntoUnknown(value, step);
  if (step.kind === 'attr') {
    if (value.kind === 'object') {
      const found = value.entries.get(step.name);
      if (found) return found;
      throw new EvalError(`unsupported attribute ${JSON.stringify(step.name)}: this object has no attribute of that name`);
    }
    if (value.kind === 'null') throw new EvalError(`attempt to get attribute ${JSON.stringify(step.name)} from a null value`);
    throw new EvalError(`unsupported attribute ${JSON.stringify(step.name)}: cannot access attributes on a ${typeName(value)}`);
  }
  const key = step.key;
  if (key.kind === 'unknown') return unknownValue(`index is unknown: ${rootCause(key.reason)}`, key.references);
  if (value.kind === 'tuple') {
    if (key.kind !== 'number' && key.kind !== 'string') throw new EvalError(`a list index must be a number, got ${typeName(key)}`);
    const index = key.kind === 'number' ? key.value : Number(key.value);
    const item = Number.isInteger(index) ? value.items[index] : undefined;
    if (!item) throw new EvalError(`invalid index ${key.kind === 'number' ? formatNumber(key.value) : key.value}: the list has ${value.items.length} elements`);
    return item;
  }
  if (value.kind === 'object') {
    const name = asString(key, 'map key');
    const item = value.entries.get(name);
    if (!item) throw new EvalError(`invalid index: the map has no element for the key ${JSON.stringify(name)}`);
    return item;
  }
  if (value.kind === 'null') throw new EvalError('attempt to index a null value');
  throw new EvalError(`cannot index a ${typeName(value)}`);
}

export function applySteps(value: Value, steps: readonly ReferenceStep[]): Value {
  let current = value;
  for (const step of steps) current = applyStep(current, step);
  return current;
}

/**
 * `source[*].a` and `source.*.a`: the steps applied to each element. A null source is an empty
 * list; any other non-list value is treated as a list of one (Terraform's splat on a single value).
 */
export function evaluateSplat(expr: SplatExpr, source: Value, evaluateKey: (e: Expression) => Value, origin: Origin): Value {
  const steps: ReferenceStep[] = expr.steps.map((s) =>
    s.kind === 'GetAttr' ? { kind: 'attr', name: s.name, range: s.range } : { kind: 'index', key: evaluateKey(s.key), range: s.range },
  );
  // A single resource instance is a known value of its own: the splat makes a list of one.
  if (source.kind === 'unknown' && source.partial?.kind !== 'object') return steps[0] ? applyStep(source, steps[0]) : source;
  if (source.kind === 'null') return tupleValue([], origin);
  const items = source.kind === 'tuple' ? source.items : [source];
  return tupleValue(items.map((item) => applySteps(item, steps)), origin);
}
