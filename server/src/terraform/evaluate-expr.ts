// Evaluates HCL expressions to Values the way Terraform does before `plan`. What only `plan` or
// `apply` could know (resource attributes, unset variables, impure functions) is Unknown with a
// reason; errors Terraform would report are Unknown too (the reason says what went wrong), so a
// broken or half-typed expression never produces a finding.

import type { Expression, ForExpr, FunctionCallExpr, ObjectExpr, Range, VariableExpr } from '../hcl/ast';
import { asBool, asString } from './convert';
import { ERROR_REASON_PREFIX, EvalError, isErrorReason, UnknownSignal } from './eval-errors';
import { evaluateBinary, evaluateUnary } from './evaluate-ops';
import { applySteps, evaluateSplat, type ReferenceStep } from './evaluate-traversal';
import { evaluateTemplate } from './evaluate-template';
import { callFileFunction, callTemplateString, FILE_FUNCTIONS, type FileRead } from './file-functions';
import { callFunction } from './functions';
import type { Origin, Value } from './model';
import { deepUnknown, nullValue, numberValue, objectValue, rootCause, stringValue, tupleValue, unknownValue, valuesEqual, withOrigin } from './values';

export type { ReferenceStep } from './evaluate-traversal';

/** The result of resolving a reference root: the value and how many of the steps it used. */
export interface ResolvedReference {
  readonly value: Value;
  readonly consumed: number;
}

/** Where names come from while evaluating: the module's variables, locals, resources, loop variables. */
export interface Scope {
  /** The file the expressions are written in; echoed in the origins of the values they produce. */
  readonly file: string;
  /** Names bound by `for` expressions, template `for` directives and `dynamic` iterators. */
  readonly bindings?: ReadonlyMap<string, Value>;
  /**
   * Resolves `root.step.step…` (var.x, local.y, aws_s3_bucket.z.id, each.key, count.index, module.m.out).
   * May use as many leading steps as it needs; the evaluator applies the rest.
   */
  resolveReference(root: VariableExpr, steps: readonly ReferenceStep[]): ResolvedReference;
  /** Reads a file for file()/templatefile(); absent where files may not be read (tfvars, defaults). */
  readonly readFile?: (path: string) => FileRead;
}

export function bindScope(scope: Scope, names: ReadonlyMap<string, Value>): Scope {
  const bindings = new Map(scope.bindings ?? []);
  for (const [k, v] of names) bindings.set(k, v);
  return { ...scope, bindings };
}

export function originAt(scope: Scope, range: Range): Origin {
  return { file: scope.file, range };
}

/** Evaluates an expression; never throws. */
export function evaluate(expr: Expression, scope: Scope): Value {
  try {
    return evaluateUnchecked(expr, scope);
  } catch (error) {
    return errorToUnknown(error, originAt(scope, expr.range));
  }
}

export function errorToUnknown(error: unknown, origin?: Origin): Value {
  if (error instanceof UnknownSignal) return error.value;
  if (error instanceof EvalError) return unknownValue(`${ERROR_REASON_PREFIX}${error.message}`, undefined, origin);
  if (error instanceof RangeError) return unknownValue(`${ERROR_REASON_PREFIX}evaluation too deep: ${error.message}`, undefined, origin);
  // A bug in the evaluator must not take the editor down: the value is Unknown, and says why.
  return unknownValue(`internal error while evaluating: ${error instanceof Error ? error.message : String(error)}`, undefined, origin);
}

function evaluateUnchecked(expr: Expression, scope: Scope): Value {
  const origin = originAt(scope, expr.range);
  switch (expr.kind) {
    case 'Literal':
      if (expr.value === null) return nullValue(origin);
      return typeof expr.value === 'number' ? numberValue(expr.value, origin) : { kind: 'bool', value: expr.value, origin };
    case 'Template': return evaluateTemplate(expr, scope, evaluate);
    case 'Tuple': return tupleValue(expr.elements.map((e) => evaluate(e, scope)), origin);
    case 'Object': return evaluateObject(expr, scope);
    case 'Variable': case 'GetAttr': case 'Index': return evaluateTraversal(expr, scope);
    case 'Splat': return evaluateSplat(expr, evaluate(expr.source, scope), (e) => evaluate(e, scope), origin);
    case 'FunctionCall': return evaluateCall(expr, scope);
    case 'Conditional': return evaluateConditional(expr.condition, expr.trueExpr, expr.falseExpr, scope, origin);
    case 'Binary': return evaluateBinary(expr.operator, evaluate(expr.left, scope), () => evaluate(expr.right, scope), origin);
    case 'Unary': return evaluateUnary(expr.operator, evaluate(expr.operand, scope), origin);
    case 'Parentheses': return evaluate(expr.expr, scope);
    case 'For': return evaluateFor(expr, scope, origin);
    case 'Invalid': return unknownValue('the expression has a syntax error', undefined, origin);
  }
}

/** An object key: a bare identifier is its own name; anything else is evaluated and must be a string. */
export function objectKey(key: Expression, scope: Scope): Value {
  if (key.kind === 'Variable') return stringValue(key.name, originAt(scope, key.range));
  return evaluate(key, scope);
}

function evaluateObject(expr: ObjectExpr, scope: Scope): Value {
  const entries = new Map<string, Value>();
  for (const item of expr.items) {
    const key = objectKey(item.key, scope);
    if (key.kind === 'unknown') return unknownValue(`object key is unknown: ${rootCause(key.reason)}`, key.references, originAt(scope, expr.range));
    entries.set(asString(key, 'object key'), evaluate(item.value, scope));
  }
  return objectValue(entries, originAt(scope, expr.range));
}

/** `a.b[c].d`: resolves the root through the scope with as many static steps as it wants, then indexes the rest. */
function evaluateTraversal(expr: Expression, scope: Scope): Value {
  const steps: ReferenceStep[] = [];
  let node = expr;
  while (node.kind === 'GetAttr' || node.kind === 'Index') {
    if (node.kind === 'GetAttr') steps.push({ kind: 'attr', name: node.name, range: node.nameRange });
    else steps.push({ kind: 'index', key: evaluate(node.key, scope), range: node.key.range });
    node = node.object;
  }
  steps.reverse();
  if (node.kind !== 'Variable') return applySteps(evaluate(node, scope), steps);
  const bound = scope.bindings?.get(node.name);
  if (bound) return applySteps(bound, steps);
  const resolved = scope.resolveReference(node, steps);
  return applySteps(resolved.value, steps.slice(resolved.consumed));
}

function evaluateConditional(condition: Expression, whenTrue: Expression, whenFalse: Expression, scope: Scope, origin: Origin): Value {
  const cond = evaluate(condition, scope);
  if (cond.kind === 'unknown') {
    // Both branches agree: the result does not depend on the condition (`x ? "private" : "private"`).
    const [a, b] = [evaluate(whenTrue, scope), evaluate(whenFalse, scope)];
    if (!deepUnknown(a) && !deepUnknown(b) && valuesEqual(a, b)) return a;
    return unknownValue(`condition is unknown: ${rootCause(cond.reason)}`, cond.references, origin);
  }
  return asBool(cond, 'condition') ? evaluate(whenTrue, scope) : evaluate(whenFalse, scope);
}

function evaluateCall(expr: FunctionCallExpr, scope: Scope): Value {
  const origin = originAt(scope, expr.range);
  if (expr.name === 'try') {
    if (expr.args.length === 0) throw new EvalError('try() needs at least one argument');
    for (const arg of expr.args) {
      const value = evaluate(arg, scope);
      const unknown = deepUnknown(value);
      // An argument that is merely not known yet might still fail later: try() stays Unknown then.
      if (!unknown || !isErrorReason(unknown.reason)) return value;
    }
    return unknownValue(`${ERROR_REASON_PREFIX}no argument of try() could be evaluated`, undefined, origin);
  }
  if (expr.name === 'can') {
    if (expr.args.length !== 1) throw new EvalError('can() takes exactly one argument');
    const unknown = deepUnknown(evaluate(expr.args[0] as Expression, scope));
    if (unknown && !isErrorReason(unknown.reason)) return unknown;
    return { kind: 'bool', value: !unknown, origin };
  }
  let args = expr.args.map((a) => evaluate(a, scope));
  if (expr.expandFinal && args.length > 0) {
    const last = args[args.length - 1] as Value;
    if (last.kind === 'unknown') return last;
    if (last.kind !== 'tuple') throw new EvalError(`the final argument of ${expr.name}() followed by ... must be a list`);
    args = [...args.slice(0, -1), ...last.items];
  }
  let result: Value;
  if (FILE_FUNCTIONS.has(expr.name) && scope.readFile) result = callFileFunction(expr.name, args, scope.readFile, origin, evaluate);
  else if (expr.name === 'templatestring') result = callTemplateString(args, origin, evaluate);
  else result = callFunction(expr.name, args);
  return result.origin ? result : withOrigin(result, origin);
}

function evaluateFor(expr: ForExpr, scope: Scope, origin: Origin): Value {
  const collection = evaluate(expr.collection, scope);
  if (collection.kind === 'unknown') return unknownValue(`for expression over an unknown collection: ${rootCause(collection.reason)}`, collection.references, origin);
  const pairs = iterationPairs(collection);
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
  const entries = new Map<string, Value>();
  for (const [key, value] of pairs) {
    const names = new Map<string, Value>([[expr.valueVar, value]]);
    if (expr.keyVar) names.set(expr.keyVar, key);
    const inner = bindScope(scope, names);
    if (expr.condition) {
      const cond = evaluate(expr.condition, inner);
      if (cond.kind === 'unknown') return unknownValue(`for expression condition is unknown: ${rootCause(cond.reason)}`, cond.references, origin);
      if (!asBool(cond, 'for condition')) continue;
    }
    const itemValue = evaluate(expr.valueExpr, inner);
    if (!expr.keyExpr) {
      items.push(itemValue);
      continue;
    }
    const k = evaluate(expr.keyExpr, inner);
    if (k.kind === 'unknown') return unknownValue(`for expression key is unknown: ${rootCause(k.reason)}`, k.references, origin);
    const keyText = asString(k, 'for expression key');
    if (expr.grouping) groups.set(keyText, [...(groups.get(keyText) ?? []), itemValue]);
    else if (entries.has(keyText)) throw new EvalError(`duplicate key ${JSON.stringify(keyText)} in for expression; use ... to group`);
    else entries.set(keyText, itemValue);
  }
  if (!expr.keyExpr) return tupleValue(items, origin);
  if (expr.grouping) for (const [k, vs] of groups) entries.set(k, tupleValue(vs, origin));
  return objectValue(entries, origin);
}

/** (key, value) pairs a `for` iterates: list index and element, or map key (in lexical order) and value. */
export function iterationPairs(collection: Value): [Value, Value][] {
  if (collection.kind === 'tuple') return collection.items.map((v, i) => [numberValue(i), v]);
  if (collection.kind === 'object') {
    return [...collection.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [stringValue(k), v]);
  }
  if (collection.kind === 'null') throw new EvalError('cannot iterate over a null value');
  throw new EvalError(`cannot iterate over a ${collection.kind} value`);
}
