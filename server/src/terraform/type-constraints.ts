// Variable type constraints (`string`, `list(string)`, `object({ a = optional(bool, true) })`…)
// and the conversion Terraform applies to a variable's value, including the defaults of
// `optional()` object attributes. Conversions keep the origins of the leaves they keep.

import type { Expression } from '../hcl/ast';
import { asBool, asNumber, asString } from './convert';
import { EvalError } from './eval-errors';
import type { Value } from './model';
import { boolValue, numberValue, objectValue, stringValue, tupleValue, typeName, valuesEqual } from './values';

export interface OptionalAttribute {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  /** The `optional(type, default)` default, evaluated (it is a constant expression). */
  readonly default?: Value;
}

export type TypeConstraint =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, OptionalAttribute> }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] };

const ANY: TypeConstraint = { kind: 'any' };

/** Reads a type expression; `evaluateDefault` evaluates `optional()` defaults. Throws EvalError when malformed. */
export function parseTypeConstraint(expr: Expression, evaluateDefault: (e: Expression) => Value): TypeConstraint {
  if (expr.kind === 'Variable') {
    if (expr.name === 'any' || expr.name === 'string' || expr.name === 'number' || expr.name === 'bool') return { kind: expr.name };
    if (expr.name === 'list' || expr.name === 'set' || expr.name === 'map') return { kind: expr.name, element: ANY };
    throw new EvalError(`unknown type ${JSON.stringify(expr.name)}`);
  }
  if (expr.kind === 'Template') {
    // Terraform 0.11's quoted types, still accepted: "string", "list", "map".
    const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
    const name = only?.kind === 'TemplateLiteral' ? only.value : '';
    if (name === 'string') return { kind: 'string' };
    if (name === 'list' || name === 'map') return { kind: name, element: ANY };
    throw new EvalError(`invalid quoted type ${JSON.stringify(name)}`);
  }
  if (expr.kind === 'Parentheses') return parseTypeConstraint(expr.expr, evaluateDefault);
  if (expr.kind !== 'FunctionCall') throw new EvalError('a type constraint must be a type keyword or constructor');
  const first = expr.args[0];
  switch (expr.name) {
    case 'list': case 'set': case 'map':
      if (!first || expr.args.length !== 1) throw new EvalError(`${expr.name}() takes one element type`);
      return { kind: expr.name, element: parseTypeConstraint(first, evaluateDefault) };
    case 'tuple':
      if (first?.kind !== 'Tuple') throw new EvalError('tuple() takes a list of element types');
      return { kind: 'tuple', elements: first.elements.map((e) => parseTypeConstraint(e, evaluateDefault)) };
    case 'object': {
      if (first?.kind !== 'Object') throw new EvalError('object() takes an object of attribute types');
      const attributes = new Map<string, OptionalAttribute>();
      for (const item of first.items) {
        const name = item.key.kind === 'Variable' ? item.key.name : asString(evaluateDefault(item.key), 'attribute name');
        attributes.set(name, parseAttribute(item.value, evaluateDefault));
      }
      return { kind: 'object', attributes };
    }
    default: throw new EvalError(`unknown type constructor ${expr.name}()`);
  }
}

function parseAttribute(expr: Expression, evaluateDefault: (e: Expression) => Value): OptionalAttribute {
  if (expr.kind !== 'FunctionCall' || expr.name !== 'optional') return { type: parseTypeConstraint(expr, evaluateDefault), optional: false };
  const [typeExpr, defaultExpr] = expr.args;
  if (!typeExpr || expr.args.length > 2) throw new EvalError('optional() takes a type and an optional default');
  const type = parseTypeConstraint(typeExpr, evaluateDefault);
  return defaultExpr ? { type, optional: true, default: evaluateDefault(defaultExpr) } : { type, optional: true };
}

/** Converts a value to a type as Terraform does for variables. Unknowns pass through; errors throw EvalError. */
export function convertToType(value: Value, type: TypeConstraint, what = 'value'): Value {
  if (value.kind === 'unknown' || value.kind === 'null' || type.kind === 'any') return value;
  const origin = value.origin;
  switch (type.kind) {
    case 'string': return value.kind === 'string' ? value : stringValue(asString(value, what), origin);
    case 'number': return value.kind === 'number' ? value : numberValue(asNumber(value, what), origin);
    case 'bool': return value.kind === 'bool' ? value : boolValue(asBool(value, what), origin);
    case 'list': case 'set': {
      if (value.kind !== 'tuple') throw new EvalError(`${what}: ${type.kind} required, but have ${typeName(value)}`);
      const items = value.items.map((item, i) => convertToType(item, type.element, `${what}[${i}]`));
      return tupleValue(type.kind === 'set' ? dedupe(items) : items, origin);
    }
    case 'tuple': {
      if (value.kind !== 'tuple' || value.items.length !== type.elements.length) throw new EvalError(`${what}: tuple of ${type.elements.length} elements required`);
      return tupleValue(value.items.map((item, i) => convertToType(item, type.elements[i] as TypeConstraint, `${what}[${i}]`)), origin);
    }
    case 'map': {
      if (value.kind !== 'object') throw new EvalError(`${what}: map required, but have ${typeName(value)}`);
      return objectValue(new Map([...value.entries].map(([k, v]) => [k, convertToType(v, type.element, `${what}["${k}"]`)])), origin);
    }
    case 'object': return convertObject(value, type.attributes, what);
  }
}

function convertObject(value: Value, attributes: ReadonlyMap<string, OptionalAttribute>, what: string): Value {
  if (value.kind !== 'object') throw new EvalError(`${what}: object required, but have ${typeName(value)}`);
  const entries = new Map<string, Value>();
  for (const [name, attribute] of attributes) {
    const given = value.entries.get(name);
    const path = `${what}.${name}`;
    if (given && given.kind !== 'null') entries.set(name, convertToType(given, attribute.type, path));
    else if (attribute.default) entries.set(name, convertToType(attribute.default, attribute.type, path));
    else if (given || attribute.optional) entries.set(name, given ?? { kind: 'null' });
    else throw new EvalError(`${what}: attribute ${JSON.stringify(name)} is required`);
  }
  return objectValue(entries, value.origin);
}

function dedupe(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (item.kind === 'unknown' || !out.some((o) => valuesEqual(o, item))) out.push(item);
  return out;
}
