// `has_iam_statement`: does an IAM policy document have a statement matching a pattern? Each
// statement is judged on the fields the pattern needs: a statement with Allow and Principal "*"
// is public whatever its (unknown) Resource is, and a statement whose needed fields are unknown is
// unknown. The document has a match if any statement does; it is unknown if none does and any
// statement (or unknown part of the document) is unknown. Reading documents: iam-document.ts.

import type { Origin, UnknownValue, Value } from '../../terraform/model';
import type { IamStatementPattern } from '../policy';
import { readDocument } from './iam-document';
import { writtenExpression } from './iam-positions';
import { describeUnknown, type Statement } from './iam-statement';
import { conjunction, disjunction, mapEvidence, truth, type Outcome } from './outcome';
import { locate, type Found, type Place, type Scope } from './scope';
import { asString, renderValue } from './values';

export { unkeyedAddress } from './iam-data-document';

/** A leaf of a field: its value, where to report it, and where it was set when that is elsewhere. */
interface Leaf {
  readonly value: Value;
  readonly place: Place;
  readonly origin?: Origin;
}

/**
 * The leaves of field `name` (a principal can be `"*"`, `{AWS = "*"}`, `{AWS = ["…"]}`), each at
 * the narrowest place we know, with the origin of the value (or of the list or object it came in)
 * when that was set elsewhere (a tfvars value, a module argument). Of a Principal object only the
 * keys that can name anyone are kept: `"*"` and `AWS` (and `*` / `?` for data-source principals of
 * any or unknown type); `Service`, `Federated` and `CanonicalUser` principals are never "anyone",
 * so an unknown service name must not make a public-principal test unknown.
 */
function leaves(statement: Statement, name: string, value: Value, anchor: Place): Leaf[] {
  const walk = (v: Value, path: readonly (string | number)[], place: Place, outer?: Origin): Leaf[] => {
    const here = statement.placeAt?.(path) ?? locate(v, place).place;
    const origin = statement.originOf?.(v) ?? locate(v, here).origin ?? outer;
    if (v.kind === 'tuple') return v.items.flatMap((item, i) => walk(item, [...path, i], here, origin));
    if (v.kind !== 'object') return [{ value: v, place: here, ...(origin ? { origin } : {}) }];
    const keys = [...v.entries].filter(([k]) => path.length > 1 || name !== 'Principal' || ['aws', '*', '?'].includes(k.toLowerCase()));
    return keys.flatMap(([k, item]) => walk(item, [...path, k], here, origin));
  };
  return walk(value, [name], anchor);
}

/** Whether an Unknown string could be one of `wanted`: a template's literal text may rule it out ("${arn}/*" is never "*"). */
function couldBeOneOf(value: UnknownValue, wanted: readonly string[]): boolean {
  if (value.partial?.kind !== 'template') return true;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${value.partial.parts.map((p) => (typeof p === 'string' ? escape(p) : '[\\s\\S]*')).join('')}$`, 'i');
  return wanted.some((w) => pattern.test(w));
}

/** A template as written, its unknown parts named: `"${aws_s3_bucket.b.arn}/*"`. */
function renderTemplate(value: UnknownValue): string {
  if (value.partial?.kind !== 'template') return 'not known';
  const text = value.partial.parts.map((p) => (typeof p === 'string' ? p : `\${${p.references?.map((r) => (r.attribute ? `${r.address}.${r.attribute}` : r.address)).join(', ') ?? '…'}}`)).join('');
  return JSON.stringify(text).replace(/\\"/g, '"');
}

function origin(leaf: Leaf): { origin?: Origin } {
  return leaf.origin ? { origin: leaf.origin } : {};
}

/** Does field `name` (a string or list) contain one of `wanted` (case-insensitive)? */
function containsOneOf(statement: Statement, value: Value | undefined, wanted: readonly string[], name: string): Outcome {
  const label = statement.labelOf(name);
  const place = statement.placeOf(name) ?? statement.place;
  if (!value) return { verdict: 'false', evidence: { place, fact: `the statement has no ${label}` } };
  const wantedLower = wanted.map((w) => w.toLowerCase());
  const all = leaves(statement, name, value, place);
  const outcomes = all.map((leaf): Outcome => {
    if (leaf.value.kind === 'unknown') {
      if (!couldBeOneOf(leaf.value, wanted)) return { verdict: 'false', evidence: { place: leaf.place, fact: `${label} is ${renderTemplate(leaf.value)}` } };
      return { verdict: 'unknown', evidence: { place: leaf.place, fact: `${label} is not known`, ...origin(leaf) }, reason: describeUnknown(label, leaf.value) };
    }
    const text = asString(leaf.value);
    const hit = text !== undefined && wantedLower.includes(text.toLowerCase());
    return { verdict: truth(hit), evidence: { place: leaf.place, fact: `${label} is ${renderValue(leaf.value)}`, value: leaf.value, ...origin(leaf) } };
  });
  return disjunction(outcomes, { place, fact: `${label} is empty` });
}

function field(statement: Statement, key: string): Value | undefined {
  for (const [k, v] of statement.fields) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}

/** A statement without Condition (or with an empty one) applies unconditionally. */
function withoutCondition(statement: Statement): Outcome {
  const condition = field(statement, 'Condition');
  const label = statement.labelOf('Condition');
  if (condition?.kind === 'unknown') {
    const place = locate(condition, statement.placeOf('Condition') ?? statement.place).place;
    return { verdict: 'unknown', evidence: { place, fact: `${label} is not known` }, reason: describeUnknown(label, condition) };
  }
  const none = condition === undefined || condition.kind === 'null' || (condition.kind === 'object' && condition.entries.size === 0);
  return { verdict: truth(none), evidence: { place: statement.place, fact: none ? 'the statement has no Condition' : 'the statement has a Condition' } };
}

function statementMatches(statement: Statement, pattern: IamStatementPattern): Outcome {
  const place = statement.place;
  const effect = field(statement, 'Effect') ?? { kind: 'string', value: 'Allow' };
  const effectLabel = statement.labelOf('Effect');
  const parts: Outcome[] = [
    effect.kind === 'unknown'
      ? { verdict: 'unknown', evidence: { place: statement.placeOf('Effect') ?? place, fact: `${effectLabel} is not known` }, reason: describeUnknown(effectLabel, effect) }
      : { verdict: truth(asString(effect) === pattern.effect), evidence: { place, fact: `${effectLabel} is ${renderValue(effect)}` } },
  ];
  if (pattern.withoutCondition) parts.push(withoutCondition(statement));
  if (pattern.principal) parts.push(containsOneOf(statement, field(statement, 'Principal'), pattern.principal, 'Principal'));
  if (pattern.resource) parts.push(containsOneOf(statement, field(statement, 'Resource'), pattern.resource, 'Resource'));
  if (pattern.action) parts.push(containsOneOf(statement, field(statement, 'Action'), pattern.action, 'Action'));
  const result = conjunction(parts, { place, fact: 'statement' });
  // A match on a statement that may not be in the final document is no evidence of a violation;
  // and where the statement's collection is not known, that (not one of its fields) is the reason.
  const undecided = result.verdict === 'true' || (result.verdict === 'unknown' && statement.fromUnknownCollection);
  if (undecided && statement.uncertain) return { verdict: 'unknown', evidence: { place, fact: 'the statement is not certain' }, reason: statement.uncertain };
  return result;
}

/** True when some statement of the document matches the pattern. */
export function hasIamStatement(found: Found, scope: Scope, pattern: IamStatementPattern, label: string): Outcome {
  const written = found.attribute ? writtenExpression(scope, found.attribute.name) : undefined;
  const doc = readDocument(found.value, { model: scope.model, anchor: found.place, label, visiting: new Set(), ...(written ? { written } : {}) });
  if ('invalid' in doc) return { verdict: 'false', evidence: { place: found.place, fact: `${label} ${doc.invalid}` } };
  const outcomes = [
    ...doc.statements.map((s) => statementMatches(s, pattern)),
    ...doc.unknown.map((u): Outcome => ({ verdict: 'unknown', evidence: { place: u.place, fact: `${label} is not known` }, reason: u.reason })),
  ];
  const result = disjunction(outcomes, { place: found.place, fact: `${label} has no statements` });
  if (result.verdict === 'true') return mapEvidence(result, (e) => ({ ...e, fact: `${label} has an ${pattern.effect} statement with ${describe(pattern)}` }));
  return result;
}

function describe(pattern: IamStatementPattern): string {
  const parts: string[] = [];
  if (pattern.action) parts.push(`Action ${pattern.action.map((a) => `"${a}"`).join(' or ')}`);
  if (pattern.resource) parts.push(`Resource ${pattern.resource.map((a) => `"${a}"`).join(' or ')}`);
  if (pattern.principal) parts.push(`Principal ${pattern.principal.map((a) => `"${a}"`).join(' or ')}`);
  if (pattern.withoutCondition) parts.push('no Condition');
  return parts.join(', ') || 'any content';
}
