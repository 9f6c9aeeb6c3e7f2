// IAM policy documents in whatever form Terraform code writes them: a JSON string (literal or
// heredoc), `jsonencode({...})` (an object value from the model), or a reference to a
// `data "aws_iam_policy_document"` whose statement blocks we read directly.

import type { ResourceInstance, Value } from '../../terraform/model';
import type { IamStatementPattern } from '../policy';
import { conjunction, disjunction, mapEvidence, truth, type Outcome } from './outcome';
import { placeInJsonencode, writtenExpression } from './iam-positions';
import { locate, type Found, type Place, type Scope } from './scope';
import { asString, fromPlain, renderValue } from './values';

interface Statement {
  readonly fields: ReadonlyMap<string, Value>;
  readonly place: Place;
  /** The place of a field (or of element `index` of it), when we know one narrower than `place`. */
  readonly placeOf: (field: string, index?: number) => Place | undefined;
}

/** The statements of a policy document value, or a reason when we cannot read them. */
function statementsOf(found: Found, scope: Scope): Statement[] | { unknown: string } | { invalid: string } {
  const value = found.value;
  if (value.kind === 'unknown') {
    const data = dataDocument(value, scope);
    return data ?? { unknown: value.reason };
  }
  let doc: Value = value;
  if (value.kind === 'string') {
    try {
      doc = fromPlain(JSON.parse(value.value) as never);
    } catch {
      return { invalid: 'is not a JSON policy document' };
    }
  }
  if (doc.kind !== 'object') return { invalid: 'is not a policy document' };
  const raw = entry(doc, 'Statement');
  if (!raw) return [];
  const list = raw.kind === 'tuple' ? raw.items : [raw];
  const written = found.attribute ? writtenExpression(scope, found.attribute.name) : undefined;
  const file = found.place.file;
  return list.flatMap((s, i) => {
    if (s.kind !== 'object') return [];
    const at = raw.kind === 'tuple' ? ['Statement', i] : ['Statement'];
    const keyOf = (field: string): string => [...s.entries.keys()].find((k) => k.toLowerCase() === field.toLowerCase()) ?? field;
    return [{
      fields: s.entries,
      place: placeInJsonencode(written, file, at) ?? locate(s, found.place).place,
      placeOf: (field: string, index?: number) => {
        const value = entry(s, field);
        const path = index === undefined || value?.kind !== 'tuple' ? [...at, keyOf(field)] : [...at, keyOf(field), index];
        return placeInJsonencode(written, file, path);
      },
    }];
  });
}

function entry(object: Extract<Value, { kind: 'object' }>, key: string): Value | undefined {
  for (const [k, v] of object.entries) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}

/** `data.aws_iam_policy_document.x.json` → the statements of that data source's blocks. */
function dataDocument(value: Extract<Value, { kind: 'unknown' }>, scope: Scope): Statement[] | undefined {
  const ref = value.references?.find((r) => r.address.startsWith('data.aws_iam_policy_document.'));
  if (!ref) return undefined;
  const doc = scope.model.resources.find((r) => r.mode === 'data' && unkeyedAddress(r) === ref.fullAddress);
  if (!doc) return undefined;
  return doc.blocks.filter((b) => b.type === 'statement').map((b) => {
    const fields = new Map<string, Value>();
    const put = (name: string, key: string): void => { const a = b.attributes.get(name); if (a && a.value.kind !== 'null') fields.set(key, a.value); };
    put('effect', 'Effect'); put('actions', 'Action'); put('not_actions', 'NotAction'); put('resources', 'Resource'); put('not_resources', 'NotResource');
    const principals = new Map<string, Value>();
    for (const p of b.blocks.filter((x) => x.type === 'principals')) {
      const type = p.attributes.get('type')?.value;
      const ids = p.attributes.get('identifiers')?.value;
      if (!ids) continue;
      const key = type && type.kind === 'string' ? type.value : type?.kind === 'unknown' ? '?' : 'AWS';
      principals.set(key, principals.has(key) ? { kind: 'tuple', items: [principals.get(key)!, ids] } : ids);
    }
    if (principals.size > 0) fields.set('Principal', { kind: 'object', entries: principals });
    if (b.blocks.some((c) => c.type === 'condition')) fields.set('Condition', { kind: 'object', entries: new Map() });
    const placeOf = (field: string, index?: number): Place | undefined => {
      const name = { Effect: 'effect', Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources' }[field];
      const attribute = name ? b.attributes.get(name) : undefined;
      if (!attribute) return undefined;
      const anchor = { file: attribute.file, range: attribute.valueRange };
      const value = attribute.value;
      return index !== undefined && value.kind === 'tuple' && value.items[index] ? locate(value.items[index], anchor).place : anchor;
    };
    return { fields, place: { file: b.file, range: b.headerRange }, placeOf };
  });
}

/** `module.m.data.aws_iam_policy_document.x`: the address a reference names, without instance key. */
export function unkeyedAddress(resource: ResourceInstance): string {
  return resource.modulePath.map((m) => `module.${m}.`).join('') + resource.localAddress;
}

/** All string leaves of a value (a principal can be `"*"`, `{AWS = "*"}`, `{AWS = ["…"]}`). */
function leaves(value: Value, place: Place): { text?: string; value: Value; place: Place }[] {
  const here = locate(value, place).place;
  if (value.kind === 'tuple') return value.items.flatMap((v) => leaves(v, here));
  if (value.kind === 'object') return [...value.entries.values()].flatMap((v) => leaves(v, here));
  const text = asString(value);
  return [{ ...(text !== undefined ? { text } : {}), value, place: here }];
}

/**
 * Only `"*"` and the `AWS` key of a Principal name arbitrary accounts; `Service`, `Federated` and
 * `CanonicalUser` principals are never "anyone", so an unknown service name must not make a
 * public-principal test unknown. (`*` and `?` keep data-source principals of any/unknown type.)
 */
function principalsThatCanBePublic(value: Value, name: string): Value {
  if (name !== 'Principal' || value.kind !== 'object') return value;
  const kept = [...value.entries].filter(([k]) => ['aws', '*', '?'].includes(k.toLowerCase())).map(([, v]) => v);
  return { kind: 'tuple', items: kept };
}

/** Does `value` (a string or list) contain one of `wanted` (case-insensitive)? */
function containsOneOf(statement: Statement, value: Value | undefined, wanted: readonly string[], name: string): Outcome {
  const place = statement.placeOf(name) ?? statement.place;
  if (!value) return { verdict: 'false', evidence: { place, fact: `the statement has no ${name}` } };
  const wantedLower = wanted.map((w) => w.toLowerCase());
  const all = leaves(principalsThatCanBePublic(value, name), place).map((leaf, i) => (value.kind === 'tuple' ? { ...leaf, place: statement.placeOf(name, i) ?? leaf.place } : leaf));
  const outcomes = all.map((leaf): Outcome => {
    if (leaf.value.kind === 'unknown') return { verdict: 'unknown', evidence: { place: leaf.place, fact: `${name} is not known` }, reason: `${name}: ${leaf.value.reason}` };
    const hit = leaf.text !== undefined && wantedLower.includes(leaf.text.toLowerCase());
    return { verdict: truth(hit), evidence: { place: leaf.place, fact: `${name} is ${renderValue(leaf.value)}`, value: leaf.value } };
  });
  return disjunction(outcomes, { place, fact: `${name} is empty` });
}

function statementMatches(statement: Statement, pattern: IamStatementPattern): Outcome {
  const get = (key: string): Value | undefined => {
    for (const [k, v] of statement.fields) if (k.toLowerCase() === key.toLowerCase()) return v;
    return undefined;
  };
  const place = statement.place;
  const effect = get('Effect') ?? { kind: 'string', value: 'Allow' };
  const parts: Outcome[] = [
    effect.kind === 'unknown'
      ? { verdict: 'unknown', evidence: { place, fact: 'Effect is not known' }, reason: `Effect: ${effect.reason}` }
      : { verdict: truth(asString(effect) === pattern.effect), evidence: { place, fact: `Effect is ${renderValue(effect)}` } },
  ];
  if (pattern.withoutCondition) parts.push({ verdict: truth(get('Condition') === undefined), evidence: { place, fact: 'the statement has a Condition' } });
  if (pattern.principal) parts.push(containsOneOf(statement, get('Principal'), pattern.principal, 'Principal'));
  if (pattern.resource) parts.push(containsOneOf(statement, get('Resource'), pattern.resource, 'Resource'));
  if (pattern.action) parts.push(containsOneOf(statement, get('Action'), pattern.action, 'Action'));
  return conjunction(parts, { place, fact: 'statement' });
}

/** True when some statement of the document matches the pattern. */
export function hasIamStatement(found: Found, scope: Scope, pattern: IamStatementPattern, label: string): Outcome {
  const statements = statementsOf(found, scope);
  if ('unknown' in statements) return { verdict: 'unknown', evidence: { place: found.place, fact: `${label} is not known` }, reason: `${label}: ${statements.unknown}` };
  if ('invalid' in statements) return { verdict: 'false', evidence: { place: found.place, fact: `${label} ${statements.invalid}` } };
  const outcomes = statements.map((s) => statementMatches(s, pattern));
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

