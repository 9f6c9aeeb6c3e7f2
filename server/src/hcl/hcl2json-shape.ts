// Our tree rendered in the JSON shape of @cdktf/hcl2json's parse() (tmccombs/hcl2json's
// converter): blocks as objects keyed by type then labels, holding arrays of bodies; literal values
// as JSON; other expressions as "${source text}"; templates re-assembled part by part. Used by
// `tfpolicy parse` and by the conformance test that compares us with hcl2json.
import type { Body, Expression, File, TemplateExpr, TemplatePart } from './ast';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

export function toHcl2JsonShape(file: File, text: string): JsonObject {
  return body(file.body, { text, json: file.syntax === 'json' });
}

/** The file's text; in JSON syntax, expression source sits JSON-escaped inside strings. */
interface SourceText { readonly text: string; readonly json: boolean }

function body(b: Body, src: SourceText): JsonObject {
  const out: JsonObject = {};
  for (const item of b.items) {
    if (item.kind === 'Attribute') out[item.name] = expression(item.expr, src);
  }
  for (const item of b.items) {
    if (item.kind !== 'Block') continue;
    // Like hcl2json, a block whose key is already taken by something else is left out.
    let target: JsonObject | undefined = out;
    let key = item.type;
    for (const label of item.labels) {
      const inner: JsonValue | undefined = target[key];
      if (inner === undefined) target[key] = {};
      else if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) { target = undefined; break; }
      target = target[key] as JsonObject;
      key = label.value;
    }
    if (target === undefined) continue;
    const existing = target[key];
    const value = body(item.body, src);
    if (existing === undefined) target[key] = [value];
    else if (Array.isArray(existing)) existing.push(value);
  }
  return out;
}

function source(e: Expression, src: SourceText): string {
  const raw = src.text.slice(e.range.start.offset, e.range.end.offset);
  if (!src.json || !raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function wrap(e: Expression, src: SourceText): string {
  return '${' + source(e, src) + '}';
}

export function expression(e: Expression, src: SourceText): JsonValue {
  switch (e.kind) {
    case 'Literal': return e.value;
    case 'Unary':
      if (e.operand.kind === 'Literal') {
        if (e.operator === '-' && typeof e.operand.value === 'number') return -e.operand.value;
        if (e.operator === '!' && typeof e.operand.value === 'boolean') return !e.operand.value;
      }
      return wrap(e, src);
    case 'Template': {
      const only = e.parts[0];
      // hclsyntax wraps a lone `"${expr}"` in a TemplateWrapExpr, converted as the expression itself.
      if (e.parts.length === 1 && only?.kind === 'TemplateInterpolation' && e.heredoc === undefined) return expression(only.expr, src);
      return template(e, src);
    }
    case 'Tuple': return e.elements.map((element) => expression(element, src));
    case 'Object': {
      const out: JsonObject = {};
      for (const item of e.items) out[objectKey(item.key, src)] = expression(item.value, src);
      return out;
    }
    default: return wrap(e, src);
  }
}

function objectKey(key: Expression, src: SourceText): string {
  // A bare keyword key is written as itself (`{ null = 1 }` has the key "null").
  if (isTraversal(key) || (key.kind === 'Literal' && key.value === null)) return source(key, src);
  return stringPart(key, src);
}

/** A bare name with attribute and literal-index steps: hclsyntax's ScopeTraversalExpr. */
function isTraversal(e: Expression): boolean {
  if (e.kind === 'Variable') return true;
  if (e.kind === 'GetAttr') return isTraversal(e.object);
  if (e.kind === 'Index') return (e.legacy || e.key.kind === 'Literal') && isTraversal(e.object);
  return false;
}

function template(t: TemplateExpr, src: SourceText): string {
  return parts(t.parts, src);
}

function parts(list: readonly TemplatePart[], src: SourceText): string {
  let out = '';
  for (const part of list) {
    switch (part.kind) {
      case 'TemplateLiteral': out += escapeTemplateSequences(part.value); break;
      case 'TemplateInterpolation': out += stringPart(part.expr, src); break;
      case 'TemplateIf': {
        out += '%{if ' + source(part.condition, src) + '}' + parts(part.then, src);
        const otherwise = part.else ? parts(part.else, src) : '';
        if (otherwise !== '') out += '%{else}' + otherwise;
        out += '%{endif}';
        break;
      }
      case 'TemplateFor':
        out += '%{for ' + (part.keyVar !== undefined ? part.keyVar + ', ' : '') + part.valueVar + ' in ' + source(part.collection, src) + '}';
        out += parts(part.body, src) + '%{endfor}';
        break;
    }
  }
  return out;
}

/** hcl2json's convertStringPart: how one expression appears inside a template string. */
function stringPart(e: Expression, src: SourceText): string {
  switch (e.kind) {
    case 'Literal': return e.value === null ? '' : String(e.value);
    case 'Template': {
      const only = e.parts[0];
      if (e.parts.length === 1 && only?.kind === 'TemplateInterpolation' && e.heredoc === undefined) return stringPart(only.expr, src);
      return template(e, src);
    }
    case 'Conditional': {
      const otherwise = stringPart(e.falseExpr, src);
      return '%{if ' + source(e.condition, src) + '}' + stringPart(e.trueExpr, src) + (otherwise !== '' ? '%{else}' + otherwise : '') + '%{endif}';
    }
    default: return wrap(e, src);
  }
}

/** hcl2json writes literal `${` / `%{` in their escaped forms, so its strings stay templates. */
function escapeTemplateSequences(value: string): string {
  return value.includes('{') ? value.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{') : value;
}
