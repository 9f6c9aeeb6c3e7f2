// Constructors and small helpers for model Values. Values are immutable; "changing" the origin of a
// value makes a copy. Unknown values absorb everything they touch: an operation with an Unknown
// operand is Unknown, and it carries the union of the operands' resource references so the engine
// can still follow `"${aws_s3_bucket.x.id}-suffix"` to `aws_s3_bucket.x`.

import type { Origin, PartialKnowledge, ResourceReference, UnknownValue, Value } from './model';

export type StringValue = Extract<Value, { kind: 'string' }>;
export type NumberValue = Extract<Value, { kind: 'number' }>;
export type BoolValue = Extract<Value, { kind: 'bool' }>;
export type TupleValue = Extract<Value, { kind: 'tuple' }>;
export type ObjectValue = Extract<Value, { kind: 'object' }>;
export type KnownValue = Exclude<Value, UnknownValue>;

export function stringValue(value: string, origin?: Origin): StringValue {
  return origin ? { kind: 'string', value, origin } : { kind: 'string', value };
}

export function numberValue(value: number, origin?: Origin): NumberValue {
  return origin ? { kind: 'number', value, origin } : { kind: 'number', value };
}

export function boolValue(value: boolean, origin?: Origin): BoolValue {
  return origin ? { kind: 'bool', value, origin } : { kind: 'bool', value };
}

export function nullValue(origin?: Origin): Value {
  return origin ? { kind: 'null', origin } : { kind: 'null' };
}

export function tupleValue(items: readonly Value[], origin?: Origin): TupleValue {
  return origin ? { kind: 'tuple', items, origin } : { kind: 'tuple', items };
}

export function objectValue(entries: ReadonlyMap<string, Value>, origin?: Origin): ObjectValue {
  return origin ? { kind: 'object', entries, origin } : { kind: 'object', entries };
}

export function unknownValue(reason: string, references?: readonly ResourceReference[], origin?: Origin): UnknownValue {
  const value: { kind: 'unknown'; reason: string; references?: readonly ResourceReference[]; origin?: Origin } = { kind: 'unknown', reason };
  if (references && references.length > 0) value.references = references;
  if (origin) value.origin = origin;
  return value;
}

/** The same Unknown, remembering what is known of it. */
export function withPartial(value: UnknownValue, partial: PartialKnowledge): UnknownValue {
  return { ...value, partial };
}

export function isUnknown(value: Value): value is UnknownValue {
  return value.kind === 'unknown';
}

/** The first Unknown among `values`, with the references of all of them merged in; undefined when all are known. */
export function firstUnknown(values: readonly Value[]): UnknownValue | undefined {
  let first: UnknownValue | undefined;
  const refs: ResourceReference[] = [];
  for (const v of values) {
    const nested = deepUnknown(v);
    if (!nested) continue;
    first ??= nested;
    if (nested.references) refs.push(...nested.references);
  }
  if (!first) return undefined;
  return unknownValue(first.reason, dedupeReferences(refs));
}

/** A value is "wholly known" only when no Unknown hides inside it; returns that Unknown (with all nested references). */
export function deepUnknown(value: Value): UnknownValue | undefined {
  if (value.kind === 'unknown') return value;
  if (value.kind !== 'tuple' && value.kind !== 'object') return undefined;
  const children = value.kind === 'tuple' ? value.items : [...value.entries.values()];
  let first: UnknownValue | undefined;
  const refs: ResourceReference[] = [];
  for (const child of children) {
    const u = deepUnknown(child);
    if (!u) continue;
    first ??= u;
    if (u.references) refs.push(...u.references);
  }
  return first ? unknownValue(first.reason, dedupeReferences(refs)) : undefined;
}

export function dedupeReferences(refs: readonly ResourceReference[]): ResourceReference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.fullAddress}#${r.attribute ?? ''}#${r.key ? JSON.stringify(r.key) : ''}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Every resource reference anywhere inside a value (for `referencesTo`). */
export function collectReferences(value: Value, into: ResourceReference[] = []): ResourceReference[] {
  if (value.kind === 'unknown') into.push(...(value.references ?? []));
  else if (value.kind === 'tuple') for (const item of value.items) collectReferences(item, into);
  else if (value.kind === 'object') for (const item of value.entries.values()) collectReferences(item, into);
  return into;
}

/** The same value remembered as written at `origin`. */
export function withOrigin<V extends Value>(value: V, origin: Origin | undefined): V {
  if (!origin) return value;
  return { ...value, origin };
}

/** The same value with `via` set on its origin (when it has one and none is set yet). */
export function withVia<V extends Value>(value: V, via: string): V {
  if (!value.origin || value.origin.via) return value;
  return { ...value, origin: { ...value.origin, via } };
}

/** Terraform's name for the type of a value, for messages. */
export function typeName(value: Value): string {
  switch (value.kind) {
    case 'tuple': return 'list';
    case 'object': return 'object';
    default: return value.kind;
  }
}

/** Structural equality as Terraform's `==` sees it (origins ignored). Unknown operands must be handled by the caller. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string': case 'number': case 'bool':
      return a.value === (b as typeof a).value;
    case 'null': return true;
    case 'tuple': {
      const items = (b as TupleValue).items;
      return a.items.length === items.length && a.items.every((v, i) => valuesEqual(v, items[i] as Value));
    }
    case 'object': {
      const entries = (b as ObjectValue).entries;
      if (a.entries.size !== entries.size) return false;
      for (const [k, v] of a.entries) {
        const other = entries.get(k);
        if (!other || !valuesEqual(v, other)) return false;
      }
      return true;
    }
    case 'unknown': return false;
  }
}

/** Formats a number the way Terraform prints it in strings: integers without a fraction. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A plain JavaScript value (for jsonencode, tests and callers that want data) or undefined when unknown. */
export function toJs(value: Value): unknown {
  switch (value.kind) {
    case 'string': case 'number': case 'bool': return value.value;
    case 'null': return null;
    case 'tuple': return value.items.map(toJs);
    case 'object': return Object.fromEntries([...value.entries].map(([k, v]) => [k, toJs(v)]));
    case 'unknown': return undefined;
  }
}

/** Builds a Value from plain JavaScript data (jsondecode, yamldecode), all parts sharing `origin`. */
export function fromJs(data: unknown, origin?: Origin): Value {
  if (data === null || data === undefined) return nullValue(origin);
  if (typeof data === 'string') return stringValue(data, origin);
  if (typeof data === 'number') return numberValue(data, origin);
  if (typeof data === 'boolean') return boolValue(data, origin);
  if (Array.isArray(data)) return tupleValue(data.map((d) => fromJs(d, origin)), origin);
  const entries = new Map<string, Value>();
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) entries.set(k, fromJs(v, origin));
  return objectValue(entries, origin);
}

/** Map helper: entries in Terraform's order for maps and objects (lexical by key). */
export function sortedEntries(value: ObjectValue): [string, Value][] {
  return [...value.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Sets `via` on the value and on every nested value whose origin has none yet. */
export function withViaDeep(value: Value, via: string): Value {
  const top = withVia(value, via);
  if (top.kind === 'tuple') return { ...top, items: top.items.map((item) => withViaDeep(item, via)) };
  if (top.kind === 'object') return { ...top, entries: new Map([...top.entries].map(([k, v]) => [k, withViaDeep(v, via)])) };
  return top;
}

const WRAPPER = /^[^:]*\bunknown\b[^:]*: /;

/**
 * The innermost cause of an Unknown's reason: "condition is unknown: for_each is unknown: X is
 * known after apply" → "X is known after apply". Wrappers add one level of context, not a chain.
 */
export function rootCause(reason: string): string {
  let cause = reason;
  while (WRAPPER.test(cause)) cause = cause.replace(WRAPPER, '');
  return cause;
}

/** The value with no origin anywhere inside (for values not written in any file, like TF_VAR_*). */
export function withoutOrigins(value: Value): Value {
  const { origin: _origin, ...rest } = value;
  if (rest.kind === 'tuple') return { ...rest, items: rest.items.map(withoutOrigins) };
  if (rest.kind === 'object') return { ...rest, entries: new Map([...rest.entries].map(([k, v]) => [k, withoutOrigins(v)])) };
  return rest;
}
