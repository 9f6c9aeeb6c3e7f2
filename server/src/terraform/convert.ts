// Terraform's automatic conversions between primitive types (number ↔ string ↔ bool) and the
// accessors functions and operators use to demand a type. A demand met by an Unknown throws
// UnknownSignal; a demand that Terraform would reject throws EvalError.

import { EvalError, UnknownSignal } from './eval-errors';
import type { Value } from './model';
import { formatNumber, typeName, type ObjectValue, type TupleValue } from './values';

function known(value: Value): Exclude<Value, { kind: 'unknown' }> {
  if (value.kind === 'unknown') throw new UnknownSignal(value);
  return value;
}

/** The string a value converts to (numbers and bools convert), or an error. */
export function asString(value: Value, what = 'value'): string {
  const v = known(value);
  switch (v.kind) {
    case 'string': return v.value;
    case 'number': return formatNumber(v.value);
    case 'bool': return v.value ? 'true' : 'false';
    case 'null': throw new EvalError(`${what} must not be null`);
    default: throw new EvalError(`${what}: string required, but have ${typeName(v)}`);
  }
}

/** Parses a number the way Terraform converts a string to a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed !== text || trimmed === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export function asNumber(value: Value, what = 'value'): number {
  const v = known(value);
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string') {
    const n = parseNumber(v.value);
    if (n !== undefined) return n;
    throw new EvalError(`${what}: cannot convert ${JSON.stringify(v.value)} to number`);
  }
  if (v.kind === 'null') throw new EvalError(`${what} must not be null`);
  throw new EvalError(`${what}: number required, but have ${typeName(v)}`);
}

export function asInteger(value: Value, what = 'value'): number {
  const n = asNumber(value, what);
  if (!Number.isInteger(n)) throw new EvalError(`${what} must be a whole number, got ${formatNumber(n)}`);
  return n;
}

export function asBool(value: Value, what = 'value'): boolean {
  const v = known(value);
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  if (v.kind === 'null') throw new EvalError(`${what} must not be null`);
  throw new EvalError(`${what}: bool required, but have ${typeName(v)}`);
}

/** A list, set or tuple. */
export function asTuple(value: Value, what = 'value'): TupleValue {
  const v = known(value);
  if (v.kind === 'tuple') return v;
  if (v.kind === 'null') throw new EvalError(`${what} must not be null`);
  throw new EvalError(`${what}: list required, but have ${typeName(v)}`);
}

/** A map or object. */
export function asObject(value: Value, what = 'value'): ObjectValue {
  const v = known(value);
  if (v.kind === 'object') return v;
  if (v.kind === 'null') throw new EvalError(`${what} must not be null`);
  throw new EvalError(`${what}: map or object required, but have ${typeName(v)}`);
}

/** Elements of a list, or values of a map in key order: what `for` and many functions iterate. */
export function asCollection(value: Value, what = 'value'): readonly Value[] {
  const v = known(value);
  if (v.kind === 'tuple') return v.items;
  if (v.kind === 'object') return [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
  if (v.kind === 'null') throw new EvalError(`${what} must not be null`);
  throw new EvalError(`${what}: collection required, but have ${typeName(v)}`);
}

/** Throws UnknownSignal when anything inside the value is Unknown. */
export function requireWhollyKnown(value: Value): void {
  if (value.kind === 'unknown') throw new UnknownSignal(value);
  if (value.kind === 'tuple') for (const item of value.items) requireWhollyKnown(item);
  if (value.kind === 'object') for (const item of value.entries.values()) requireWhollyKnown(item);
}
