// Reading an IAM policy document into statements, as far as it is known. A document may be a JSON
// string (literal or heredoc), `jsonencode({...})`, a template with Unknown interpolations, or
// `data.aws_iam_policy_document.x.json`. What is Unknown stays local: an Unknown Resource leaves
// the statement's other fields readable, and an Unknown statement leaves the other statements.

import type { UnknownValue, Value } from '../../terraform/model';
import { dataDocument, isDataDocumentReference } from './iam-data-document';
import { parseJsonTemplate } from './iam-json-holes';
import { placeInJsonencode } from './iam-positions';
import { replaceInDocument } from './iam-replace';
import { describeUnknown, sidOf, unknownDocument, type PolicyDocument, type ReadContext, type Statement, type UnknownPart } from './iam-statement';
import { locate, type Place } from './scope';
import { jsonTextPlaces, type TextPlaces } from './template-positions';
import { fromPlain } from './values';

/** The statements of a document value, or why it is not a policy document. */
export function readDocument(value: Value, ctx: ReadContext): PolicyDocument | { invalid: string } {
  if (value.kind === 'unknown') return readUnknown(value, ctx);
  if (value.kind === 'object') return fromObject(value, ctx, new Set());
  if (value.kind !== 'string') return { invalid: 'is not a policy document' };
  let doc: Value;
  try {
    doc = fromPlain(JSON.parse(value.value) as never);
  } catch {
    return { invalid: 'is not a JSON policy document' };
  }
  return doc.kind === 'object' ? fromObject(doc, ctx, new Set(), jsonTextPlaces(ctx.written, ctx.anchor.file, value.value)) : { invalid: 'is not a policy document' };
}

function readUnknown(value: UnknownValue, ctx: ReadContext): PolicyDocument | { invalid: string } {
  if (value.partial?.kind === 'json') return readDocument(value.partial.value, ctx);
  if (value.partial?.kind === 'template') {
    const parsed = parseJsonTemplate(value.partial.parts);
    if (parsed?.value.kind === 'object') {
      return fromObject(parsed.value, { ...ctx, written: undefined }, parsed.loose, jsonTextPlaces(ctx.written, ctx.anchor.file, parsed.text));
    }
  }
  if (value.partial?.kind === 'replace') {
    const { source, search, replacement } = value.partial;
    // Places inside the document are found in the written source: `replace(jsonencode({...}), …)`.
    const written = ctx.written?.kind === 'FunctionCall' && ctx.written.name === 'replace' ? ctx.written.args[0] : undefined;
    const doc = readUnknown(source, { ...ctx, written });
    const replaced = 'invalid' in doc ? undefined : replaceInDocument(doc, search, replacement);
    if (replaced) return replaced;
  }
  if (isDataDocumentReference(value)) {
    const doc = dataDocument(value, ctx, readDocument);
    if (doc) return doc;
  }
  return unknownDocument(ctx.anchor, describeUnknown(ctx.label, value));
}

function entry(object: Extract<Value, { kind: 'object' }>, key: string): [string, Value] | undefined {
  for (const [k, v] of object.entries) if (k.toLowerCase() === key.toLowerCase()) return [k, v];
  return undefined;
}

/**
 * The statements of a document object. `inText` places a path inside the heredoc or string the
 * document was written as; `ctx.written` (a `jsonencode({...})`) places it inside the expression.
 */
function fromObject(doc: Extract<Value, { kind: 'object' }>, ctx: ReadContext, loose: ReadonlySet<Value>, inText?: TextPlaces): PolicyDocument {
  const found = entry(doc, 'Statement');
  if (!found) return { statements: [], unknown: [] };
  const [key, raw] = found;
  const placeIn = (path: readonly (string | number)[]): Place | undefined => placeInJsonencode(ctx.written, ctx.anchor.file, path) ?? inText?.(path);
  const placeAt = (path: readonly (string | number)[], value: Value): Place => placeIn(path) ?? locate(value, ctx.anchor).place;
  if (raw.kind === 'unknown') return unknownDocument(placeAt([key], raw), describeUnknown(key, raw));
  const list = raw.kind === 'tuple' ? raw.items : [raw];
  const statements: Statement[] = [];
  const unknown: UnknownPart[] = [];
  list.forEach((s, i) => {
    const at = raw.kind === 'tuple' ? [key, i] : [key];
    if (s.kind === 'unknown') unknown.push({ place: placeAt(at, s), reason: describeUnknown(`${key}[${i}]`, s) });
    if (s.kind !== 'object') return;
    const keyOf = (field: string): string => entry(s, field)?.[0] ?? field;
    const uncertain = looseInside(s, loose);
    statements.push({
      fields: s.entries,
      place: placeAt(at, s),
      placeOf: (field: string, index?: number) => {
        const value = entry(s, field)?.[1];
        const path = index === undefined || value?.kind !== 'tuple' ? [...at, keyOf(field)] : [...at, keyOf(field), index];
        return placeIn(path);
      },
      placeAt: ([field, ...rest]) => (typeof field === 'string' ? placeIn([...at, keyOf(field), ...rest]) : undefined),
      labelOf: keyOf,
      ...sidOf(entry(s, 'Sid')?.[1]),
      ...(uncertain ? { uncertain: `an interpolation outside a JSON string could add fields to the statement, and ${describeUnknown('it', uncertain)}` } : {}),
    });
  });
  return { statements, unknown };
}

/** The first loose interpolation inside a value, if any. */
function looseInside(value: Value, loose: ReadonlySet<Value>): UnknownValue | undefined {
  if (loose.size === 0) return undefined;
  if (value.kind === 'unknown') return loose.has(value) ? value : undefined;
  const children = value.kind === 'tuple' ? value.items : value.kind === 'object' ? [...value.entries.values()] : [];
  for (const child of children) {
    const found = looseInside(child, loose);
    if (found) return found;
  }
  return undefined;
}
