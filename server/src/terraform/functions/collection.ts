// Collection functions on lists (tuples) and maps (objects). Elements keep their own origins, so
// `lookup(var.settings, "acl")` still points at the tfvars line that set `acl`.

import { asBool, asCollection, asInteger, asNumber, asObject, asString, asTuple, requireWhollyKnown } from '../convert';
import { EvalError, UnknownSignal } from '../eval-errors';
import type { Value } from '../model';
import { boolValue, nullValue, numberValue, objectValue, sortedEntries, stringValue, tupleValue, valuesEqual } from '../values';
import { arg, fixed, variadic, type FunctionTable } from './types';

/** The most elements setproduct may generate, as a guard against runaway input. */
const MAX_GENERATED_ELEMENTS = 100_000;

const list = (args: readonly Value[], i: number): readonly Value[] => asTuple(arg(args, i), 'list').items;

/** Terraform's set semantics for our tuples: first occurrence wins, order kept. */
export function distinctValues(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    requireWhollyKnown(item);
    if (!out.some((o) => valuesEqual(o, item))) out.push(item);
  }
  return out;
}

function flattenItems(items: readonly Value[]): Value[] {
  return items.flatMap((item) => {
    if (item.kind === 'unknown') throw new UnknownSignal(item);
    return item.kind === 'tuple' ? flattenItems(item.items) : [item];
  });
}

function containsValue(items: readonly Value[], needle: Value): boolean {
  requireWhollyKnown(needle);
  let sawUnknown: Value | undefined;
  for (const item of items) {
    if (item.kind === 'unknown') sawUnknown ??= item;
    else if (valuesEqual(item, needle)) return true;
  }
  if (sawUnknown) requireWhollyKnown(sawUnknown);
  return false;
}

function coalesce(args: readonly Value[]): Value {
  for (const a of args) {
    if (a.kind === 'unknown') throw new UnknownSignal(a);
    if (a.kind === 'null' || (a.kind === 'string' && a.value === '')) continue;
    return a;
  }
  throw new EvalError('no non-null, non-empty argument');
}

function rangeValues(args: readonly Value[]): Value {
  const nums = args.map((a) => asNumber(a, 'range argument'));
  const [start, limit, step] = nums.length === 1 ? [0, nums[0] as number, 1] : [nums[0] as number, nums[1] as number, nums[2] ?? ((nums[0] as number) <= (nums[1] as number) ? 1 : -1)];
  if (step === 0) throw new EvalError('step must not be zero');
  if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new EvalError('step has the wrong sign for this start and limit');
  const out: Value[] = [];
  for (let v = start; step > 0 ? v < limit : v > limit; v += step) {
    // Terraform's own limit.
    if (out.length >= 1024) throw new EvalError('more than 1024 elements');
    out.push(numberValue(v));
  }
  return tupleValue(out);
}

function slice(items: readonly Value[], start: number, end: number): Value {
  if (start < 0 || end > items.length || start > end) throw new EvalError(`invalid slice indexes ${start}, ${end} for a list of ${items.length}`);
  return tupleValue(items.slice(start, end));
}

function setOperation(args: readonly Value[], keep: (item: Value, others: readonly (readonly Value[])[]) => boolean, union: boolean): Value {
  const sets = args.map((a) => distinctValues(asTuple(a, 'set').items));
  const first = sets[0] ?? [];
  const pool = union ? distinctValues(sets.flat()) : first;
  return tupleValue(pool.filter((item) => keep(item, sets.slice(1))));
}

const has = (set: readonly Value[], item: Value): boolean => set.some((s) => valuesEqual(s, item));

export const collectionFunctions: FunctionTable = {
  length: fixed(1, (a) => {
    const v = arg(a, 0);
    if (v.kind === 'tuple') return numberValue(v.items.length);
    if (v.kind === 'object') return numberValue(v.entries.size);
    return numberValue([...asString(v, 'length argument')].length);
  }),
  concat: variadic(0, (a) => tupleValue(a.flatMap((l) => asTuple(l, 'concat argument').items))),
  flatten: fixed(1, (a) => tupleValue(flattenItems(list(a, 0)))),
  distinct: fixed(1, (a) => tupleValue(distinctValues(list(a, 0)))),
  compact: fixed(1, (a) => tupleValue(list(a, 0).filter((v) => v.kind !== 'null' && asString(v, 'list element') !== '').map((v) => (v.kind === 'string' ? v : stringValue(asString(v), v.origin))))),
  contains: fixed(2, (a) => boolValue(containsValue(asCollection(arg(a, 0), 'collection'), arg(a, 1)))),
  index: fixed(2, (a) => {
    requireWhollyKnown(arg(a, 0));
    const at = list(a, 0).findIndex((v) => valuesEqual(v, arg(a, 1)));
    if (at < 0) throw new EvalError('the given value is not in the list');
    return numberValue(at);
  }),
  element: fixed(2, (a) => {
    const items = list(a, 0);
    if (items.length === 0) throw new EvalError('cannot use element() with an empty list');
    const i = asInteger(arg(a, 1), 'index');
    if (i < 0) throw new EvalError('index must not be negative');
    return items[i % items.length] as Value;
  }),
  slice: fixed(3, (a) => slice(list(a, 0), asInteger(arg(a, 1), 'start'), asInteger(arg(a, 2), 'end'))),
  reverse: fixed(1, (a) => tupleValue([...list(a, 0)].reverse())),
  sort: fixed(1, (a) => tupleValue(list(a, 0).map((v) => stringValue(asString(v, 'list element'), v.origin)).sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0)))),
  range: { minArgs: 1, maxArgs: 3, call: rangeValues },
  chunklist: fixed(2, (a) => {
    const items = list(a, 0);
    const size = asInteger(arg(a, 1), 'size');
    if (size < 0) throw new EvalError('size must not be negative');
    if (size === 0) return tupleValue([tupleValue(items)]);
    const chunks: Value[] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(tupleValue(items.slice(i, i + size)));
    return tupleValue(chunks);
  }),
  coalesce: { minArgs: 1, maxArgs: Infinity, handlesUnknown: true, call: coalesce },
  coalescelist: variadic(1, (a) => {
    for (const l of a) if (asTuple(l, 'coalescelist argument').items.length > 0) return l;
    throw new EvalError('no non-empty list argument');
  }),
  one: fixed(1, (a) => {
    const items = list(a, 0);
    if (items.length > 1) throw new EvalError(`must be a list with at most one element, got ${items.length}`);
    return items[0] ?? nullValue();
  }),
  alltrue: fixed(1, (a) => boolValue(list(a, 0).every((v) => asBool(v, 'list element')))),
  anytrue: fixed(1, (a) => boolValue(list(a, 0).some((v) => asBool(v, 'list element')))),
  sum: fixed(1, (a) => {
    const items = asCollection(arg(a, 0), 'list');
    if (items.length === 0) throw new EvalError('cannot sum an empty list');
    return numberValue(items.reduce((total, v) => total + asNumber(v, 'list element'), 0));
  }),
  keys: fixed(1, (a) => tupleValue(sortedEntries(asObject(arg(a, 0), 'map')).map(([k]) => stringValue(k)))),
  values: fixed(1, (a) => tupleValue(sortedEntries(asObject(arg(a, 0), 'map')).map(([, v]) => v))),
  lookup: { minArgs: 2, maxArgs: 3, call: (a) => {
    const found = asObject(arg(a, 0), 'map').entries.get(asString(arg(a, 1), 'key'));
    if (found) return found;
    if (a.length === 3) return arg(a, 2);
    throw new EvalError(`the map has no element for the key ${JSON.stringify(asString(arg(a, 1)))} and no default was given`);
  } },
  merge: variadic(0, (a) => {
    const entries = new Map<string, Value>();
    for (const m of a) {
      if (m.kind === 'null') continue;
      for (const [k, v] of asObject(m, 'merge argument').entries) entries.set(k, v);
    }
    return objectValue(entries);
  }),
  zipmap: fixed(2, (a) => {
    const [ks, vs] = [list(a, 0), list(a, 1)];
    if (ks.length !== vs.length) throw new EvalError('the key and value lists must have the same length');
    return objectValue(new Map(ks.map((k, i) => [asString(k, 'key'), vs[i] as Value])));
  }),
  matchkeys: fixed(3, (a) => {
    const [vs, ks, search] = [list(a, 0), list(a, 1), list(a, 2)];
    if (vs.length !== ks.length) throw new EvalError('the values and keys lists must have the same length');
    return tupleValue(vs.filter((_, i) => containsValue(search, ks[i] as Value)));
  }),
  transpose: fixed(1, (a) => {
    const out = new Map<string, Value[]>();
    for (const [k, l] of sortedEntries(asObject(arg(a, 0), 'map'))) {
      for (const v of asTuple(l, 'map value').items) {
        const key = asString(v, 'list element');
        out.set(key, [...(out.get(key) ?? []), stringValue(k)]);
      }
    }
    return objectValue(new Map([...out].map(([k, vs]) => [k, tupleValue(vs)])));
  }),
  setunion: variadic(1, (a) => setOperation(a, () => true, true)),
  setintersection: variadic(1, (a) => setOperation(a, (item, others) => others.every((o) => has(o, item)), false)),
  setsubtract: fixed(2, (a) => setOperation(a, (item, others) => !has(others[0] ?? [], item), false)),
  setproduct: variadic(1, (a) => {
    let rows: Value[][] = [[]];
    const sets = a.map((s) => asTuple(s, 'set').items);
    // A product of a few long lists explodes; an editor must not build millions of rows.
    if (sets.reduce((n, set) => n * set.length, 1) > MAX_GENERATED_ELEMENTS) throw new EvalError(`the product has more than ${MAX_GENERATED_ELEMENTS} elements`);
    for (const set of sets) rows = rows.flatMap((row) => set.map((item) => [...row, item]));
    return tupleValue(rows.map((row) => tupleValue(row)));
  }),
};
