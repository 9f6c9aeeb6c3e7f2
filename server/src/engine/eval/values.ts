// Comparing model Values with the plain values written in policies. Terraform converts between
// primitive types when a provider expects one (`encrypted = "true"` is a true bool), so the
// comparisons here do the same conversions.

import type { Value } from '../../terraform/model';
import { rootCause } from '../../terraform/values';
import type { PlainValue } from '../policy';

export function fromPlain(plain: PlainValue): Value {
  if (plain === null) return { kind: 'null' };
  if (typeof plain === 'string') return { kind: 'string', value: plain };
  if (typeof plain === 'number') return { kind: 'number', value: plain };
  if (typeof plain === 'boolean') return { kind: 'bool', value: plain };
  if (Array.isArray(plain)) return { kind: 'tuple', items: (plain as PlainValue[]).map(fromPlain) };
  const entries = new Map(Object.entries(plain as Record<string, PlainValue>).map(([k, v]) => [k, fromPlain(v)] as const));
  return { kind: 'object', entries };
}

/** The first Unknown inside a value (itself, or an element/entry), if any. */
export function findUnknown(value: Value): Extract<Value, { kind: 'unknown' }> | undefined {
  if (value.kind === 'unknown') return value;
  if (value.kind === 'tuple') for (const item of value.items) { const u = findUnknown(item); if (u) return u; }
  if (value.kind === 'object') for (const item of value.entries.values()) { const u = findUnknown(item); if (u) return u; }
  return undefined;
}

export function asNumber(value: Value): number | undefined {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) return Number(value.value);
  return undefined;
}

export function asBool(value: Value): boolean | undefined {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}

/** The string form of a primitive (numbers and bools convert to strings in Terraform). */
export function asString(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'bool') return String(value.value);
  return undefined;
}

/** Equality with Terraform's primitive conversions. Both sides must be known (no Unknown inside). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.kind === 'tuple' || b.kind === 'tuple') {
    return a.kind === 'tuple' && b.kind === 'tuple' && a.items.length === b.items.length && a.items.every((x, i) => valuesEqual(x, b.items[i]!));
  }
  if (a.kind === 'object' || b.kind === 'object') {
    if (a.kind !== 'object' || b.kind !== 'object' || a.entries.size !== b.entries.size) return false;
    return [...a.entries].every(([k, v]) => { const w = b.entries.get(k); return w !== undefined && valuesEqual(v, w); });
  }
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind;
  if (a.kind === 'bool' || b.kind === 'bool') return asBool(a) !== undefined && asBool(a) === asBool(b);
  if (a.kind === 'number' || b.kind === 'number') return asNumber(a) !== undefined && asNumber(a) === asNumber(b);
  return asString(a) !== undefined && asString(a) === asString(b);
}

/** A short rendering for messages: `"public-read"`, `false`, `["0.0.0.0/0"]`. */
export function renderValue(value: Value, limit = 60): string {
  return shorten(render(value), limit);
}

function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * For tests where being set is what matters (`exists`, `absent`, `non_empty`): a value known only
 * after apply is still set, so the fact says so rather than reading like an unknown:
 * `user is set (aws_iam_user.this.name)`, `users is [aws_iam_user.a.name]`.
 */
export function presenceFact(label: string, value: Value, limit = 60): string {
  if (value.kind === 'unknown') return `${label} is set (${shorten(referenceText(value) ?? `its value is not known: ${rootCause(value.reason).split(': ')[0] ?? ''}`, limit)})`;
  return `${label} is ${shorten(render(value, true), limit)}`;
}

/** `aws_iam_user.u.name`, or `a, b` for a value derived from several resource attributes. */
function referenceText(value: Extract<Value, { kind: 'unknown' }>): string | undefined {
  const refs = value.references ?? [];
  return refs.length > 0 ? refs.map((r) => (r.attribute ? `${r.address}.${r.attribute}` : r.address)).join(', ') : undefined;
}

/** `asWritten`: Unknown parts as the references they are, without "(known only after apply)". */
function render(value: Value, asWritten = false): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'tuple':
      return `[${value.items.map((v) => render(v, asWritten)).join(', ')}]`;
    case 'object':
      return `{${[...value.entries].map(([k, v]) => `${k} = ${render(v, asWritten)}`).join(', ')}}`;
    case 'unknown': {
      // Say what the value is, never just "(known after apply)": `aws_iam_user.u.name (known only after apply)`.
      const refs = referenceText(value);
      if (refs !== undefined) return asWritten ? refs : `${refs} (known only after apply)`;
      return `a value that is not known (${rootCause(value.reason).split(': ')[0] ?? ''})`;
    }
  }
}

export function renderPlain(plain: PlainValue): string {
  return renderValue(fromPlain(plain));
}
