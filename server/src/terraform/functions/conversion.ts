// Type conversion functions. Our Values do not distinguish lists from sets or maps from objects,
// so tolist/toset/tomap check the shape and convert elements the way Terraform unifies them.

import { asString, parseNumber, requireWhollyKnown } from '../convert';
import { EvalError } from '../eval-errors';
import type { Value } from '../model';
import { boolValue, numberValue, objectValue, stringValue, tupleValue, typeName } from '../values';
import { distinctValues } from './collection';
import { arg, fixed, type FunctionTable } from './types';

/**
 * Terraform converts the elements of a list/map to one type: when they mix strings with numbers
 * or bools, they all become strings; anything else mixed is an error.
 */
function unifyElements(items: readonly Value[]): Value[] {
  const kinds = new Set(items.filter((v) => v.kind !== 'null' && v.kind !== 'unknown').map((v) => v.kind));
  if (kinds.size <= 1) return [...items];
  if ([...kinds].every((k) => k === 'string' || k === 'number' || k === 'bool')) {
    return items.map((v) => (v.kind === 'number' || v.kind === 'bool' ? stringValue(asString(v), v.origin) : v));
  }
  throw new EvalError(`all elements must have the same type, found ${[...kinds].join(' and ')}`);
}

function toList(value: Value): Value {
  if (value.kind === 'null') return value;
  if (value.kind !== 'tuple') throw new EvalError(`cannot convert ${typeName(value)} to list`);
  return tupleValue(unifyElements(value.items), value.origin);
}

function toMap(value: Value): Value {
  if (value.kind === 'null') return value;
  if (value.kind !== 'object') throw new EvalError(`cannot convert ${typeName(value)} to map`);
  const keys = [...value.entries.keys()];
  const unified = unifyElements([...value.entries.values()]);
  return objectValue(new Map(keys.map((k, i) => [k, unified[i] as Value])), value.origin);
}

export const conversionFunctions: FunctionTable = {
  tostring: fixed(1, (a) => {
    const v = arg(a, 0);
    if (v.kind === 'null' || v.kind === 'string') return v;
    if (v.kind === 'number' || v.kind === 'bool') return stringValue(asString(v), v.origin);
    throw new EvalError(`cannot convert ${typeName(v)} to string`);
  }),
  tonumber: fixed(1, (a) => {
    const v = arg(a, 0);
    if (v.kind === 'null' || v.kind === 'number') return v;
    const n = v.kind === 'string' ? parseNumber(v.value) : undefined;
    if (n === undefined) throw new EvalError(`cannot convert ${v.kind === 'string' ? JSON.stringify(v.value) : typeName(v)} to number`);
    return numberValue(n, v.origin);
  }),
  tobool: fixed(1, (a) => {
    const v = arg(a, 0);
    if (v.kind === 'null' || v.kind === 'bool') return v;
    if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return boolValue(v.value === 'true', v.origin);
    throw new EvalError(`cannot convert ${v.kind === 'string' ? JSON.stringify(v.value) : typeName(v)} to bool`);
  }),
  tolist: fixed(1, (a) => toList(arg(a, 0))),
  toset: fixed(1, (a) => {
    const list = toList(arg(a, 0));
    if (list.kind !== 'tuple') return list;
    requireWhollyKnown(list);
    const items = distinctValues(list.items);
    // Terraform iterates a set of strings in lexical order (for_each instances come out sorted).
    if (items.every((v) => v.kind === 'string')) items.sort((x, y) => (asString(x) < asString(y) ? -1 : asString(x) > asString(y) ? 1 : 0));
    return tupleValue(items, list.origin);
  }),
  tomap: fixed(1, (a) => toMap(arg(a, 0))),
  sensitive: fixed(1, (a) => arg(a, 0)),
  // Ephemeral values do not exist before apply; a non-ephemeral value passes through.
  ephemeralasnull: fixed(1, (a) => arg(a, 0)),
  nonsensitive: fixed(1, (a) => arg(a, 0)),
  issensitive: fixed(1, () => boolValue(false)),
};
