// `count` and `for_each`: how many instances a resource or module call has, their keys, and the
// values of `count.index` / `each.key` / `each.value` in each. When the count or the collection is
// not known before apply, there is one instance without a key whose instance values are Unknown:
// its other arguments are still checked, but nothing that depends on the instance can fail.

import type { Block } from '../hcl/ast';
import { asString } from './convert';
import { blockAttribute } from './declarations';
import { isErrorReason } from './eval-errors';
import { evaluate, type Scope } from './evaluate-expr';
import { scopeForItem } from './overrides';
import type { ModelDiagnostic, Value } from './model';
import { numberValue, sortedEntries, stringValue, rootCause, unknownValue } from './values';

export interface InstanceBinding {
  /** The instance key: a number for count, a string for for_each, absent for single or unknown expansion. */
  readonly key?: number | string;
  readonly countIndex?: Value;
  readonly eachKey?: Value;
  readonly eachValue?: Value;
}

/** `[0]` / `["key"]`, as in Terraform addresses. */
export function instanceKeySuffix(key: number | string | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function expandInstances(block: Block, scope: Scope, diagnostics: ModelDiagnostic[]): InstanceBinding[] {
  const count = blockAttribute(block, 'count');
  const forEach = blockAttribute(block, 'for_each');
  const report = (message: string, range = block.typeRange, file = scope.file): void => {
    diagnostics.push({ file, range, message, severity: 'warning' });
  };
  if (count && forEach) {
    report('"count" and "for_each" cannot both be set; the instances are unknown', count.range);
    return [unknownCount('both count and for_each are set')];
  }
  if (count) {
    const value = evaluate(count.expr, scopeForItem(scope, count));
    if (value.kind === 'unknown') {
      if (isErrorReason(value.reason)) report(`Invalid count: ${value.reason}`, count.expr.range, scopeForItem(scope, count).file);
      return [unknownCount(`count is unknown: ${rootCause(value.reason)}`, value)];
    }
    const n = value.kind === 'number' ? value.value : value.kind === 'string' ? Number(value.value) : NaN;
    if (!Number.isInteger(n) || n < 0) {
      report('Invalid count: a whole number of zero or more is required', count.expr.range, scopeForItem(scope, count).file);
      return [unknownCount('count is invalid')];
    }
    return Array.from({ length: n }, (_, i) => ({ key: i, countIndex: numberValue(i, value.origin) }));
  }
  if (forEach) {
    const value = evaluate(forEach.expr, scopeForItem(scope, forEach));
    const bindings = forEachBindings(value);
    if (typeof bindings === 'string') {
      if (value.kind !== 'unknown' || isErrorReason(value.reason)) report(`Invalid for_each: ${bindings}`, forEach.expr.range, scopeForItem(scope, forEach).file);
      const unknown = unknownValue(`for_each is unknown: ${rootCause(bindings)}`, value.kind === 'unknown' ? value.references : undefined);
      return [{ eachKey: unknown, eachValue: unknown }];
    }
    return bindings;
  }
  return [{}];
}

function unknownCount(reason: string, value?: Value): InstanceBinding {
  return { countIndex: unknownValue(reason, value?.kind === 'unknown' ? value.references : undefined) };
}

/** Instances of a for_each over a map (keys sorted) or a set of strings; a string is the reason it cannot be expanded. */
function forEachBindings(value: Value): InstanceBinding[] | string {
  if (value.kind === 'unknown') return value.reason;
  if (value.kind === 'object') {
    return sortedEntries(value).map(([key, item]) => ({ key, eachKey: stringValue(key, item.origin), eachValue: item }));
  }
  if (value.kind === 'tuple') {
    const keys = new Map<string, Value>();
    for (const item of value.items) {
      if (item.kind === 'unknown') return item.reason;
      if (item.kind === 'null') return 'the set must not contain null';
      if (item.kind !== 'string' && item.kind !== 'number' && item.kind !== 'bool') return 'for_each needs a map, or a set of strings';
      const key = asString(item);
      if (!keys.has(key)) keys.set(key, item.kind === 'string' ? item : stringValue(key, item.origin));
    }
    return [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => ({ key, eachKey: item, eachValue: item }));
  }
  return value.kind === 'null' ? 'for_each must not be null' : 'for_each needs a map, or a set of strings';
}
