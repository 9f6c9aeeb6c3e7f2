// `jsondecode(attr)` in a policy path: the JSON string an attribute holds (`container_definitions
// = jsonencode([...])`, a JSON heredoc, `file("defs.json")`) read as a value, so conditions can
// look inside it. What is not known stays local, as for IAM documents: `jsonencode()` of a value
// with Unknown leaves decodes to that value (its leaves still Unknown), and a template whose
// interpolations are Unknown is parsed with them as Unknown values (iam-json-holes.ts).

import type { Expression } from '../../hcl/ast';
import type { UnknownValue, Value } from '../../terraform/model';
import { parseJsonTemplate } from './iam-json-holes';
import type { Found } from './scope';
import { jsonTextPlaces, type TextPlaces } from './template-positions';
import { fromPlain } from './values';
import { jsonencodeArgument, keyName } from './written';

/** The decoded value at `found`, at the same place; Unknown (never a failure) when it is not JSON. */
export function decodeFound(found: Found, label: string): Found {
  const argument = jsonencodeArgument(found.written);
  const { value, text } = decode(found.value, label);
  // A known jsonencode() result is one string without positions: give its parts the places of
  // the written sub-expressions, so a finding points at the offending element. A heredoc or
  // string is the JSON text itself: its parts get their places in that text.
  const inText = !argument && text !== undefined ? jsonTextPlaces(found.written, found.place.file, text) : undefined;
  const located = argument && !hasOrigins(value) ? withWrittenOrigins(value, argument, found.place.file)
    : inText ? withTextOrigins(value, inText, []) : value;
  return {
    value: located,
    place: found.place,
    ...(found.origin ? { origin: found.origin } : {}),
    ...(argument ? { written: argument } : {}),
  };
}

/** The decoded value, with the JSON text it was read from when there is one. */
function decode(value: Value, label: string): { value: Value; text?: string } {
  if (value.kind === 'unknown') return decodeUnknown(value);
  // A .tf.json file may hold the structure itself rather than its encoding.
  if (value.kind === 'tuple' || value.kind === 'object' || value.kind === 'null') return { value };
  const text = value.kind === 'string' ? value.value : String(value.value);
  try {
    return { value: fromPlain(JSON.parse(text) as never), text };
  } catch {
    // The provider rejects it; what it would hold is not ours to guess.
    return { value: { kind: 'unknown', reason: `${label} is not valid JSON` } };
  }
}

function decodeUnknown(value: UnknownValue): { value: Value; text?: string } {
  if (value.partial?.kind === 'json') return { value: value.partial.value };
  if (value.partial?.kind === 'template') {
    // An interpolation outside a JSON string is read as one JSON value (`"cpu": ${var.cpu}`).
    const parsed = parseJsonTemplate(value.partial.parts);
    if (parsed) return { value: parsed.value, text: parsed.text };
  }
  return { value };
}

/** `value` with each part that has no origin of its own placed at its text in the heredoc or string. */
function withTextOrigins(value: Value, inText: TextPlaces, path: readonly (string | number)[]): Value {
  const place = value.origin ? undefined : inText(path);
  const origin = place ? { origin: { file: place.file, range: place.range } } : {};
  if (value.kind === 'tuple') return { ...value, ...origin, items: value.items.map((item, i) => withTextOrigins(item, inText, [...path, i])) };
  if (value.kind === 'object') {
    return { ...value, ...origin, entries: new Map([...value.entries].map(([k, v]) => [k, withTextOrigins(v, inText, [...path, k])] as const)) };
  }
  return { ...value, ...origin };
}

function hasOrigins(value: Value): boolean {
  return value.origin !== undefined;
}

/** `value` with the origin of each part that is written literally inside `expr`. */
function withWrittenOrigins(value: Value, expr: Expression, file: string): Value {
  const inner = expr.kind === 'Parentheses' ? expr.expr : expr;
  const origin = { file, range: inner.range };
  if (value.kind === 'tuple' && inner.kind === 'Tuple') {
    return { ...value, origin, items: value.items.map((item, i) => { const e = inner.elements[i]; return e ? withWrittenOrigins(item, e, file) : item; }) };
  }
  if (value.kind === 'object' && inner.kind === 'Object') {
    const written = new Map<string, Expression>();
    for (const item of inner.items) { const k = keyName(item.key); if (k !== undefined) written.set(k, item.value); }
    const entries = new Map([...value.entries].map(([k, v]) => { const e = written.get(k); return [k, e ? withWrittenOrigins(v, e, file) : v] as const; }));
    return { ...value, origin, entries };
  }
  return { ...value, origin };
}
