// The attribute operators: one known value in, a three-valued outcome with evidence out. An
// Unknown (anywhere the operator has to look) yields unknown, never false.

import type { Value } from '../../terraform/model';
import type { NumericOp, Test } from '../policy';
import { hasIamStatement } from './iam';
import { isOpenToWorld, specIncludesPort } from './network';
import { disjunction, truth, type Outcome, type Verdict } from './outcome';
import { locatePart, type Found, type Scope } from './scope';
import { asBool, asNumber, asString, findUnknown, fromPlain, presenceFact, renderPlain, renderValue, valuesEqual } from './values';
import { writtenElement, writtenEntry } from './written';

function compare(op: NumericOp | 'equals', a: number, b: number): boolean {
  switch (op) {
    case 'greater_than': return a > b;
    case 'greater_or_equal': return a >= b;
    case 'less_than': return a < b;
    case 'less_or_equal': return a <= b;
    case 'equals': return a === b;
  }
}

function unknownOutcome(found: Found, unknown: Extract<Value, { kind: 'unknown' }>, label: string): Outcome {
  return { verdict: 'unknown', evidence: { place: found.place, fact: `${label} is not known` }, reason: `${label}: ${unknown.reason}` };
}

/**
 * Applies an element predicate to a value or to each element of a list: true as soon as one
 * element matches (its place is the evidence), unknown if an element is unknown and none matches.
 */
function someElement(found: Found, label: string, predicate: (v: Value) => boolean, describe: (v: Value) => string): Outcome {
  const items = found.value.kind === 'tuple' ? found.value.items : [found.value];
  const outcomes = items.map((item, i): Outcome => {
    const at = found.value.kind === 'tuple' ? locatePart(item, found, writtenElement(found.written, i)) : { place: found.place, origin: found.origin };
    const { place } = at;
    const origin = at.origin ? { origin: at.origin } : {};
    const unknown = findUnknown(item);
    if (unknown) return { verdict: 'unknown', evidence: { place, fact: `${label} is not known`, ...origin }, reason: `${label}: ${unknown.reason}` };
    return { verdict: truth(predicate(item)), evidence: { place, fact: describe(item), value: item, ...origin } };
  });
  const whole = { place: found.place, fact: `${label} is ${renderValue(found.value)}`, value: found.value };
  const result = disjunction(outcomes, whole);
  return result.verdict === 'false' ? { verdict: 'false', evidence: whole } : result;
}

/** Evaluates `test` on a value that is set. */
export function applyTest(test: Test, found: Found, label: string, scope: Scope): Outcome {
  const value = found.value;
  const evidence = { place: found.place, fact: `${label} is ${renderValue(value)}`, value, ...(found.origin ? { origin: found.origin } : {}) };
  const plain = (verdict: Verdict): Outcome => ({ verdict, evidence });
  // Being set is the point of these tests, so their fact says a value known only after apply is set.
  const presence = (verdict: Verdict): Outcome => ({ verdict, evidence: { ...evidence, fact: presenceFact(label, value) } });
  switch (test.op) {
    case 'exists': return presence('true');
    case 'absent': return presence('false');
    // A value known only after apply (a key ARN from another resource, a variable) counts as set,
    // as in Checkov and Trivy; only a known "", [] or {} is empty.
    case 'non_empty': return presence(truth(!isEmpty(value)));
    case 'contains':
    case 'not_contains': {
      const outcome = contains(found, label, fromPlain(test.operand));
      return test.op === 'contains' ? outcome : { ...outcome, verdict: flip(outcome.verdict) };
    }
    case 'open_to_world':
      return someElement(found, label, (v) => { const s = asString(v); return s !== undefined && isOpenToWorld(s); }, (v) => `${label} includes ${renderValue(v)}`);
    case 'includes_port':
      return someElement(found, label, (v) => {
        const n = v.kind === 'number' ? v.value : asString(v);
        return n !== undefined && specIncludesPort(n, test.port);
      }, (v) => `${label} ${renderValue(v)} includes port ${test.port}`);
    case 'has_iam_statement':
      return hasIamStatement(found, scope, test.statement, label);
    case 'keys_match':
      return entryMatching(found, label, test.pattern);
    case 'has_entry':
      return entryMatching(found, label, test.key, test.value);
    default:
      break;
  }
  const unknown = findUnknown(value);
  if (unknown) return unknownOutcome(found, unknown, label);
  switch (test.op) {
    case 'equals': return plain(truth(valuesEqual(value, fromPlain(test.operand))));
    case 'not_equals': return plain(truth(!valuesEqual(value, fromPlain(test.operand))));
    case 'in': return plain(truth(test.operand.some((o) => valuesEqual(value, fromPlain(o)))));
    case 'not_in': return plain(truth(!test.operand.some((o) => valuesEqual(value, fromPlain(o)))));
    case 'matches':
    case 'not_matches': {
      const text = asString(value);
      const hit = text !== undefined && test.pattern.test(text);
      return plain(truth(test.op === 'matches' ? hit : text !== undefined && !hit));
    }
    case 'is_true': return plain(truth(asBool(value) === true));
    case 'is_false': return plain(truth(asBool(value) === false));
    case 'length': {
      const size = value.kind === 'tuple' ? value.items.length : value.kind === 'object' ? value.entries.size : asString(value)?.length;
      const ok = size !== undefined && test.comparisons.every((c) => compare(c.op, size, c.operand));
      return { verdict: truth(ok), evidence: { ...evidence, fact: `${label} has length ${size ?? 'n/a'}` } };
    }
    default: {
      const n = asNumber(value);
      return plain(truth(n !== undefined && compare(test.op, n, test.operand)));
    }
  }
}

function flip(v: Verdict): Verdict {
  return v === 'unknown' ? v : v === 'true' ? 'false' : 'true';
}

/** A list containing an element, a string containing a substring, or an object having a key. */
function contains(found: Found, label: string, wanted: Value): Outcome {
  const value = found.value;
  if (value.kind === 'tuple') {
    return someElement(found, label, (v) => valuesEqual(v, wanted), (v) => `${label} includes ${renderValue(v)}`);
  }
  if (value.kind === 'unknown') return unknownOutcome(found, value, label);
  const evidence = { place: found.place, fact: `${label} is ${renderValue(value)}`, value };
  if (value.kind === 'object') return { verdict: truth(value.entries.has(asString(wanted) ?? '')), evidence };
  const text = asString(value);
  const part = asString(wanted);
  return { verdict: truth(text !== undefined && part !== undefined && text.includes(part)), evidence };
}

/** The fact for a value that is not set, naming the provider default when the policy gives one. */
export function missingFact(label: string, defaultValue: unknown): string {
  return defaultValue === undefined ? `${label} is not set` : `${label} is not set (defaults to ${renderPlain(defaultValue as never)})`;
}

/** A known empty value: the empty string, list or map. */
function isEmpty(value: Value): boolean {
  if (value.kind === 'string') return value.value === '';
  if (value.kind === 'tuple') return value.items.length === 0;
  if (value.kind === 'object') return value.entries.size === 0;
  return false;
}

/**
 * A map with an entry whose key matches `keyPattern` (and whose value matches `valuePattern`, when
 * given); the evidence is that entry's value. Keys are always known; an entry whose value the
 * pattern must test but which is unknown makes the result unknown unless another entry matches.
 */
function entryMatching(found: Found, label: string, keyPattern: RegExp, valuePattern?: RegExp): Outcome {
  const value = found.value;
  if (value.kind === 'unknown') return unknownOutcome(found, value, label);
  const whole = { place: found.place, fact: `${label} has no key matching ${keyPattern.source}` };
  if (value.kind !== 'object') return { verdict: 'false', evidence: whole };
  let unknown: Outcome | undefined;
  for (const [key, entry] of value.entries) {
    if (!keyPattern.test(key)) continue;
    // The entry's value as written (`local.k`), with where it was set (the local) as related.
    const { place, origin } = locatePart(entry, found, writtenEntry(found.written, key));
    const from = origin ? { origin } : {};
    const evidence = { place, fact: `${label} has ${key}`, value: entry, ...from };
    if (!valuePattern) return { verdict: 'true', evidence };
    const pending = findUnknown(entry);
    if (pending) {
      unknown ??= { verdict: 'unknown', evidence: { place, fact: `${label}.${key} is not known`, ...from }, reason: `${label}.${key}: ${pending.reason}` };
      continue;
    }
    const text = asString(entry);
    if (text !== undefined && valuePattern.test(text)) return { verdict: 'true', evidence };
  }
  return unknown ?? { verdict: 'false', evidence: whole };
}
