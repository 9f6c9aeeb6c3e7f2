// `data "aws_iam_policy_document"`: its `statement` blocks, merged with the documents it names in
// `source_policy_documents` / `source_json` (earlier) and `override_policy_documents` /
// `override_json` (later), as the AWS provider merges them: a statement with a non-empty Sid
// replaces an earlier statement with the same Sid. Where a Sid or a whole merged document is not
// known, an earlier statement might be replaced, so a match on it is only unknown — never a wrong
// pass or fail.

import type { EvaluatedBlock, Origin, ResourceInstance, ResourceReference, UnknownValue, Value } from '../../terraform/model';
import { unknownValue } from '../../terraform/values';
import { writtenElement, writtenIn } from './written';
import { describeUnknown, sidOf, unknownDocument, type PolicyDocument, type ReadContext, type Statement } from './iam-statement';
import { locate, type Place } from './scope';
import { asString } from './values';

type Read = (value: Value, ctx: ReadContext) => PolicyDocument | { invalid: string };

/** `data.aws_iam_policy_document.x.json` (or `.minified_json`) and nothing else derived from other values. */
export function isDataDocumentReference(value: UnknownValue): boolean {
  const refs = value.references ?? [];
  const ref = refs[0];
  return refs.length === 1 && value.partial === undefined && ref !== undefined
    && ref.address.startsWith('data.aws_iam_policy_document.') && (ref.attribute === 'json' || ref.attribute === 'minified_json');
}

/** `module.m.data.aws_iam_policy_document.x`: the address a reference names, without instance key. */
export function unkeyedAddress(resource: ResourceInstance): string {
  return resource.modulePath.map((m) => `module.${m}.`).join('') + resource.localAddress;
}

/**
 * The instance of the data source `ref` names: the only one, or the one with the key written
 * (`data.aws_iam_policy_document.x[each.key].json`); undefined (so the document is unknown) when
 * the key is missing or not known for a data source with count or for_each.
 */
function dataInstance(ref: ResourceReference, ctx: ReadContext): ResourceInstance | undefined {
  const instances = ctx.model.resources.filter((r) => r.mode === 'data' && unkeyedAddress(r) === ref.fullAddress);
  const key = ref.key && 'value' in ref.key ? String(ref.key.value) : undefined;
  return instances.find((r) => r.instanceKey === undefined || (key !== undefined && String(r.instanceKey) === key));
}

/** The merged document of the data source `value` refers to; undefined when it is not in the model. */
export function dataDocument(value: UnknownValue, ctx: ReadContext, read: Read): PolicyDocument | undefined {
  const ref = value.references?.[0];
  const data = ref && dataInstance(ref, ctx);
  if (!data) return undefined;
  if (ctx.visiting.has(data.address)) return unknownDocument(ctx.anchor, `${ctx.label} refers to ${data.address}, which includes itself`);
  const inner: ReadContext = { ...ctx, visiting: new Set([...ctx.visiting, data.address]) };
  const docs = (name: string): PolicyDocument[] => mergedDocuments(data, name, inner, read);
  const current: PolicyDocument = { statements: data.blocks.filter((b) => b.type === 'statement').map(blockStatement), unknown: [] };
  return merge([...docs('source_json'), ...docs('source_policy_documents'), current, ...docs('override_policy_documents'), ...docs('override_json')]);
}

/** The documents of a merge argument: one (`source_json`) or a list (`source_policy_documents`). */
function mergedDocuments(data: ResourceInstance, name: string, ctx: ReadContext, read: Read): PolicyDocument[] {
  const attribute = data.attributes.get(name);
  if (!attribute || attribute.value.kind === 'null') return [];
  const anchor: Place = { file: attribute.file, range: attribute.valueRange };
  const label = `${data.address}.${name}`;
  const written = writtenIn(data, name);
  const one = (value: Value, place: Place, itemLabel: string, expr = written): PolicyDocument => {
    const doc = read(value, { ...ctx, anchor: place, label: itemLabel, ...(expr ? { written: expr } : {}) });
    return 'invalid' in doc ? unknownDocument(place, `${itemLabel} ${doc.invalid}`) : doc;
  };
  const value = attribute.value;
  if (value.kind !== 'tuple') {
    if (value.kind === 'unknown' && !name.endsWith('_json')) return [unknownDocument(anchor, describeUnknown(label, value))];
    return [one(value, anchor, label)];
  }
  return value.items.flatMap((item, i) => {
    if (item.kind === 'null') return [];
    const expr = writtenElement(written, i);
    return [one(item, expr ? { file: attribute.file, range: expr.range } : locate(item, anchor).place, `${label}[${i}]`, expr)];
  });
}

/** Values writtenValue placed where the data source refers to them → where they were set. */
const setElsewhere = new WeakMap<Value, Origin>();

/**
 * The value of attribute `name`, remembering where it is written when it has no origin inside
 * the attribute (a reference, a variable's default): the value at the attribute, and each
 * element of a written list at its element, so findings point at `aws_iam_role.r.arn` in
 * `identifiers = ["x", aws_iam_role.r.arn]`.
 */
function writtenValue(block: EvaluatedBlock, name: string): Value | undefined {
  const attribute = block.attributes.get(name);
  if (!attribute || attribute.value.kind === 'null') return undefined;
  const anchor: Place = { file: attribute.file, range: attribute.valueRange };
  const at = (value: Value, place: Place): Value => {
    if (value.origin && locate(value, anchor).origin === undefined) return value;
    const moved: Value = { ...value, origin: place };
    // The place it was set (a tfvars value, a module argument) stays a related location.
    if (value.origin) setElsewhere.set(moved, value.origin);
    return moved;
  };
  const value = at(attribute.value, anchor);
  if (value.kind !== 'tuple') return value;
  const written = writtenIn(block, name);
  return { ...value, items: value.items.map((item, i) => { const e = writtenElement(written, i); return e ? at(item, { file: attribute.file, range: e.range }) : item; }) };
}

const FIELDS: Readonly<Record<string, string>> = { Effect: 'effect', Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources', Principal: 'principals', Condition: 'condition' };

function blockStatement(b: EvaluatedBlock): Statement {
  const fields = new Map<string, Value>();
  for (const [key, name] of Object.entries(FIELDS)) {
    // Principals and conditions are blocks (in .tf.json also attributes): read below.
    const value = key === 'Principal' || key === 'Condition' ? undefined : writtenValue(b, name);
    if (value) fields.set(key, value);
  }
  const principal = principals(b);
  if (principal) fields.set('Principal', principal);
  const condition = conditions(b);
  if (condition) fields.set('Condition', condition);
  const placeOf = (field: string, index?: number): Place | undefined => {
    // Principals and conditions are blocks, located inside the statement block by their origins.
    if (field === 'Principal' || field === 'Condition') return { file: b.file, range: b.range };
    const name = FIELDS[field];
    const attribute = name ? b.attributes.get(name) : undefined;
    if (!attribute) return undefined;
    const anchor = { file: attribute.file, range: attribute.valueRange };
    const value = attribute.value;
    return index !== undefined && value.kind === 'tuple' && value.items[index] ? locate(value.items[index], anchor).place : anchor;
  };
  return {
    fields,
    place: { file: b.file, range: b.headerRange },
    placeOf,
    // The identifiers are what a Principal pattern tests (a principal's type only selects the key).
    labelOf: (field) => (field === 'Principal' ? 'statement.principals.identifiers' : `statement.${FIELDS[field] ?? field}`),
    originOf: (value) => setElsewhere.get(value),
    ...sidOf(b.attributes.get('sid')?.value),
    ...(b.unknownCount ? { uncertain: `there may be no such statement: ${b.unknownCount.reason}`, fromUnknownCollection: true } : {}),
  };
}

/**
 * `principals { type = "AWS", identifiers = [...] }` blocks as a JSON Principal object. An
 * unknown type is kept under `?` (it could be AWS); the identifiers of a block a `dynamic` with an
 * unknown for_each stands for are unknown, since there may be no such block.
 */
function principals(b: EvaluatedBlock): Value | undefined {
  const entries = new Map<string, Value>();
  for (const p of b.blocks.filter((x) => x.type === 'principals')) {
    const type = p.attributes.get('type')?.value;
    const attribute = p.attributes.get('identifiers');
    let ids = writtenValue(p, 'identifiers');
    if (!attribute || !ids) continue;
    if (p.unknownCount) ids = unknownValue(p.unknownCount.reason, p.unknownCount.references, { file: attribute.file, range: attribute.valueRange });
    const key = type?.kind === 'unknown' ? '?' : (type && asString(type)) ?? 'AWS';
    const previous = entries.get(key);
    entries.set(key, previous ? { kind: 'tuple', items: [previous, ids] } : ids);
  }
  return entries.size > 0 ? { kind: 'object', entries } : undefined;
}

/** Any certain `condition` block is a Condition; blocks that may not exist make it unknown. */
function conditions(b: EvaluatedBlock): Value | undefined {
  const blocks = b.blocks.filter((x) => x.type === 'condition');
  if (blocks.length === 0) return undefined;
  const certain = blocks.find((c) => !c.unknownCount);
  if (certain) return { kind: 'object', entries: new Map([['condition', { kind: 'string', value: 'present' }]]) };
  const unknown = blocks[0]!.unknownCount!;
  return unknownValue(unknown.reason, unknown.references, { file: blocks[0]!.file, range: blocks[0]!.headerRange });
}

/** Merges documents in order: a statement with a Sid replaces earlier statements with the same Sid. */
function merge(documents: readonly PolicyDocument[]): PolicyDocument {
  let statements: Statement[] = [];
  const unknown = documents.flatMap((d) => d.unknown);
  for (const doc of documents) {
    for (const s of doc.statements) {
      const sid = s.sid;
      if (sid?.kind === 'unknown') {
        statements = statements.map((m) => (m.sid ? uncertain(m, `a later one: ${describeUnknown('its Sid', sid)}`) : m));
      } else if (sid) {
        const text = asString(sid);
        statements = statements
          .filter((m) => m.sid?.kind === 'unknown' || asString(m.sid ?? { kind: 'null' }) !== text)
          .map((m) => (m.sid?.kind === 'unknown' ? uncertain(m, `a later one with Sid ${JSON.stringify(text)}: ${describeUnknown('its own Sid', m.sid)}`) : m));
      }
      statements.push(s);
    }
    // A document that is not known may hold a statement with any Sid.
    const first = doc.unknown[0];
    if (first) statements = statements.map((m) => (m.sid ? uncertain(m, `a later document: ${first.reason}`) : m));
  }
  return { statements, unknown };
}

function uncertain(statement: Statement, why: string): Statement {
  return statement.uncertain ? statement : { ...statement, uncertain: `the statement may be replaced by ${why}` };
}
