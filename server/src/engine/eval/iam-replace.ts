// A policy document passed through `replace(doc, "_PLACEHOLDER_", arn)` (terraform-aws-s3-bucket
// builds its bucket policy so): the statements of `doc` with the placeholder replaced in their
// string values. Replacing text in JSON is the same as replacing in its string values only when
// neither the search nor the replacement can change the JSON around them, so a search with JSON
// punctuation, whitespace or escaped characters, or a replacement with a quote, a backslash or a
// control character, leaves the document unknown; a search inside a key (or a number) makes its
// statement uncertain.

import { fromParts, replaceParts } from '../../terraform/functions/string';
import type { Value } from '../../terraform/model';
import { withPartial } from '../../terraform/values';
import type { PolicyDocument, Statement } from './iam-statement';

/** Characters whose JSON text is not themselves, or that are JSON structure. */
const UNSAFE_SEARCH = /["\\{}[\]:,\s<>&\u2028\u2029]/;
const UNSAFE_REPLACEMENT = /["\\]/;
const hasControl = (text: string): boolean => [...text].some((c) => c < ' ');
/** JSON text of a string's content, escaped as Terraform and the AWS provider write it. */
const jsonText = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** Keys (and a default value) a document's JSON may hold that its statements do not show. */
const HIDDEN_TEXT = ['Version', 'Statement', 'Id', 'Sid', 'Effect', 'Allow'];

/** `doc` with `search` replaced by `replacement`, or undefined when that cannot be known. */
export function replaceInDocument(doc: PolicyDocument, search: string, replacement: Value): PolicyDocument | undefined {
  if (UNSAFE_SEARCH.test(search) || hasControl(search) || HIDDEN_TEXT.some((t) => t.includes(search))) return undefined;
  if (replacement.kind !== 'unknown' && replacement.kind !== 'string') return undefined;
  if (replacement.kind === 'string' && (UNSAFE_REPLACEMENT.test(replacement.value) || hasControl(replacement.value))) return undefined;
  return { statements: doc.statements.map((s) => replaceInStatement(s, search, replacement)), unknown: doc.unknown };
}

function replaceInStatement(statement: Statement, search: string, replacement: Value): Statement {
  let uncertain = false;
  const leaf = (value: Value): Value => {
    switch (value.kind) {
      case 'string': {
        // A search matching into an escape (`n` of `\n`) changes the JSON text, not the value.
        const escaped = jsonText(value.value);
        if (escaped !== value.value && escaped.includes(search)) uncertain = true;
        if (!value.value.includes(search)) return value;
        const replaced = fromParts(replaceParts([value.value], search, replacement) ?? []);
        return value.origin ? { ...replaced, origin: value.origin } : replaced;
      }
      case 'unknown': {
        if (!value.partial) return value;
        // What else is known of it may no longer hold: only a template's text is replaced in.
        const template = value.partial.kind === 'template' ? value.partial.parts : undefined;
        const escapes = template?.some((p) => typeof p === 'string' && jsonText(p) !== p && jsonText(p).includes(search));
        const parts = template && !escapes ? replaceParts(template, search, replacement) : undefined;
        const replaced = parts && fromParts(parts);
        if (replaced?.kind === 'unknown' && replaced.partial) return withPartial(value, replaced.partial);
        const { partial: _dropped, ...rest } = value;
        return rest;
      }
      case 'tuple': {
        const items = value.items.map(leaf);
        return items.every((item, i) => item === value.items[i]) ? value : { ...value, items };
      }
      case 'object': {
        for (const key of value.entries.keys()) if (jsonText(key).includes(search)) uncertain = true;
        const entries = new Map([...value.entries].map(([k, v]) => [k, leaf(v)]));
        return [...entries].every(([k, v]) => v === value.entries.get(k)) ? value : { ...value, entries };
      }
      default:
        // A number, bool or null is written as its JSON text.
        if (String(value.kind === 'null' ? 'null' : value.value).includes(search)) uncertain = true;
        return value;
    }
  };
  const fields = new Map([...statement.fields].map(([k, v]) => [k, leaf(v)]));
  if ([...statement.fields.keys()].some((k) => jsonText(k).includes(search))) uncertain = true;
  const sid = statement.sid && leaf(statement.sid);
  return {
    ...statement,
    fields,
    ...(sid ? { sid } : {}),
    ...(uncertain && !statement.uncertain ? { uncertain: `replace() of ${JSON.stringify(search)} changes a key or a number of the statement` } : {}),
  };
}
