// Our tree rendered in the JSON shape of @cdktf/hcl2json's parse() (tmccombs/hcl2json's
// converter): blocks as objects keyed by type then labels, holding arrays of bodies; literal values
// as JSON; other expressions as "${source text}"; templates re-assembled part by part. Used by
// `tfpolicy parse` and by the conformance test that compares us with hcl2json.
import type { Body, Expression, File, TemplateExpr, TemplatePart } from './ast';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

export function toHcl2JsonShape(file: File, text: string): JsonObject {
  return body(file.body, text);
}

function body(b: Body, text: string): JsonObject {
  const out: JsonObject = {};
  for (const item of b.items) {
    if (item.kind === 'Attribute') out[item.name] = expression(item.expr, text);
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
    const value = body(item.body, text);
    if (existing === undefined) target[key] = [value];
    else if (Array.isArray(existing)) existing.push(value);
  }
  return out;
}

function source(e: Expression, text: string): string {
  return text.slice(e.range.start.offset, e.range.end.offset);
}

function wrap(e: Expression, text: string): string {
  return '${' + source(e, text) + '}';
}

export function expression(e: Expression, text: string): JsonValue {
  switch (e.kind) {
    case 'Literal': return e.value;
    case 'Unary':
      if (e.operand.kind === 'Literal') {
        if (e.operator === '-' && typeof e.operand.value === 'number') return -e.operand.value;
        if (e.operator === '!' && typeof e.operand.value === 'boolean') return !e.operand.value;
      }
      return wrap(e, text);
    case 'Template': {
      const only = e.parts[0];
      // hclsyntax wraps a lone `"${expr}"` in a TemplateWrapExpr, converted as the expression itself.
      if (e.parts.length === 1 && only?.kind === 'TemplateInterpolation' && e.heredoc === undefined) return expression(only.expr, text);
      return template(e, text);
    }
    case 'Tuple': return e.elements.map((element) => expression(element, text));
    case 'Object': {
      const out: JsonObject = {};
      for (const item of e.items) out[objectKey(item.key, text)] = expression(item.value, text);
      return out;
    }
    default: return wrap(e, text);
  }
}

function objectKey(key: Expression, text: string): string {
  // A bare keyword key is written as itself (`{ null = 1 }` has the key "null").
  if (isTraversal(key) || (key.kind === 'Literal' && key.value === null)) return source(key, text);
  return stringPart(key, text);
}

/** A bare name with attribute and literal-index steps: hclsyntax's ScopeTraversalExpr. */
function isTraversal(e: Expression): boolean {
  if (e.kind === 'Variable') return true;
  if (e.kind === 'GetAttr') return isTraversal(e.object);
  if (e.kind === 'Index') return (e.legacy || e.key.kind === 'Literal') && isTraversal(e.object);
  return false;
}

function template(t: TemplateExpr, text: string): string {
  return parts(t.parts, text);
}

function parts(list: readonly TemplatePart[], text: string): string {
  let out = '';
  for (const part of list) {
    switch (part.kind) {
      case 'TemplateLiteral': out += escapeTemplateSequences(part.value); break;
      case 'TemplateInterpolation': out += stringPart(part.expr, text); break;
      case 'TemplateIf': {
        out += '%{if ' + source(part.condition, text) + '}' + parts(part.then, text);
        const otherwise = part.else ? parts(part.else, text) : '';
        if (otherwise !== '') out += '%{else}' + otherwise;
        out += '%{endif}';
        break;
      }
      case 'TemplateFor':
        out += '%{for ' + (part.keyVar !== undefined ? part.keyVar + ', ' : '') + part.valueVar + ' in ' + source(part.collection, text) + '}';
        out += parts(part.body, text) + '%{endfor}';
        break;
    }
  }
  return out;
}

/** hcl2json's convertStringPart: how one expression appears inside a template string. */
function stringPart(e: Expression, text: string): string {
  switch (e.kind) {
    case 'Literal': return e.value === null ? '' : String(e.value);
    case 'Template': {
      const only = e.parts[0];
      if (e.parts.length === 1 && only?.kind === 'TemplateInterpolation' && e.heredoc === undefined) return stringPart(only.expr, text);
      return template(e, text);
    }
    case 'Conditional': {
      const otherwise = stringPart(e.falseExpr, text);
      return '%{if ' + source(e.condition, text) + '}' + stringPart(e.trueExpr, text) + (otherwise !== '' ? '%{else}' + otherwise : '') + '%{endif}';
    }
    default: return wrap(e, text);
  }
}

/** hcl2json writes literal `${` / `%{` in their escaped forms, so its strings stay templates. */
function escapeTemplateSequences(value: string): string {
  return value.includes('{') ? value.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{') : value;
}
