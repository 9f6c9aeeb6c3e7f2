// A policy document written as a template — a heredoc or templatefile() with `${…}` — is Unknown
// when an interpolation is, but its JSON structure usually is not: `"Resource": "${aws_s3_bucket
// .b.arn}/*"` leaves Effect, Principal and Action known. We parse the text with a placeholder for
// each Unknown interpolation and turn the placeholders back into Unknown values afterwards.

import type { UnknownValue, Value } from '../../terraform/model';
import { dedupeReferences } from '../../terraform/values';

/** Private-use characters: a placeholder inside a JSON string, one standing for a whole JSON value, and their end. */
const IN_STRING = '\uE000';
const WHOLE = '\uE001';
const END = '\uE002';
const MARKERS = /[\uE000-\uE002]/;

export interface ParsedTemplate {
  readonly value: Value;
  /**
   * Interpolations written outside a JSON string whose text is not known to be one JSON value
   * (anything but a jsonencode() result): such text could add fields to the object around it,
   * so an object that contains one is not certain to be what we read.
   */
  readonly loose: ReadonlySet<Value>;
  /** The text parsed: the template's text with a placeholder for each Unknown interpolation. */
  readonly text: string;
}

/** Parses the template's text; undefined when it is not JSON with the interpolations as values or parts of strings. */
export function parseJsonTemplate(parts: readonly (string | UnknownValue)[]): ParsedTemplate | undefined {
  const holes: UnknownValue[] = [];
  let text = '';
  let inString = false;
  let escaped = false;
  for (const part of parts) {
    if (typeof part === 'string') {
      if (MARKERS.test(part)) return undefined;
      for (const c of part) {
        if (escaped) escaped = false;
        else if (inString && c === '\\') escaped = true;
        else if (c === '"') inString = !inString;
      }
      text += part;
      continue;
    }
    const index = holes.push(part) - 1;
    text += inString ? `${IN_STRING}${index}${END}` : `"${WHOLE}${index}${END}"`;
    escaped = false;
  }
  const loose = new Set<Value>();
  try {
    const value = toValue(JSON.parse(text), holes, loose);
    return value ? { value, loose, text } : undefined;
  } catch {
    // Not JSON once interpolated (or nested too deeply to read): the document stays unknown.
    return undefined;
  }
}

function toValue(data: unknown, holes: readonly UnknownValue[], loose: Set<Value>): Value | undefined {
  if (data === null) return { kind: 'null' };
  if (typeof data === 'string') return stringWithHoles(data, holes, loose);
  if (typeof data === 'number') return { kind: 'number', value: data };
  if (typeof data === 'boolean') return { kind: 'bool', value: data };
  if (Array.isArray(data)) {
    const items: Value[] = [];
    for (const d of data as unknown[]) {
      const item = toValue(d, holes, loose);
      if (!item) return undefined;
      items.push(item);
    }
    return { kind: 'tuple', items };
  }
  const entries = new Map<string, Value>();
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    // An interpolated key could be any field (a Principal, a Condition): the object is not known.
    if (MARKERS.test(key)) return undefined;
    const value = toValue(item, holes, loose);
    if (!value) return undefined;
    entries.set(key, value);
  }
  return { kind: 'object', entries };
}

function stringWithHoles(text: string, holes: readonly UnknownValue[], loose: Set<Value>): Value | undefined {
  if (!MARKERS.test(text)) return { kind: 'string', value: text };
  const whole = new RegExp(`^${WHOLE}(\\d+)${END}$`).exec(text);
  if (whole) {
    const hole = holes[Number(whole[1])];
    if (!hole) return undefined;
    // jsonencode(x) is exactly one JSON value: x, as far as it is known.
    if (hole.partial?.kind === 'json') return hole.partial.value;
    loose.add(hole);
    return hole;
  }
  const parts: (string | UnknownValue)[] = [];
  for (const [i, piece] of text.split(new RegExp(`${IN_STRING}(\\d+)${END}`)).entries()) {
    if (i % 2 === 0) {
      if (MARKERS.test(piece)) return undefined;
      if (piece !== '') parts.push(piece);
      continue;
    }
    const hole = holes[Number(piece)];
    if (!hole) return undefined;
    parts.push(hole);
  }
  const unknowns = parts.filter((p): p is UnknownValue => typeof p !== 'string');
  const first = unknowns[0]!;
  const references = dedupeReferences(unknowns.flatMap((u) => u.references ?? []));
  return { kind: 'unknown', reason: first.reason, ...(references.length > 0 ? { references } : {}), partial: { kind: 'template', parts } };
}
