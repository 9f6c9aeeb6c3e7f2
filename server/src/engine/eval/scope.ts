// What conditions are evaluated against (a resource, a nested block, or an object inside a list
// attribute) and how dotted paths walk through attributes, object keys and nested blocks.

import type { Range } from '../../hcl/ast';
import type { EvaluatedAttribute, EvaluatedBlock, ModuleModel, Origin, ResourceInstance, Value } from '../../terraform/model';
import type { Path } from '../policy';

/** A place in a file. */
export interface Place {
  readonly file: string;
  readonly range: Range;
}

export interface Scope {
  readonly resource: ResourceInstance;
  readonly model: ModuleModel;
  /** The nested block (or the resource itself) this scope is. Absent for object scopes. */
  readonly block?: EvaluatedBlock;
  /** An object value (an element of a list-of-objects attribute, or an object attribute). */
  readonly object?: Extract<Value, { kind: 'object' }>;
  /** Where "missing" is reported: the block header, or the object's place. */
  readonly header: Place;
  /** The path from the resource to this scope, for messages (`ingress`, `rule.filter`). */
  readonly label: string;
}

/** A value found at a path, with the narrowest place in the resource's own files to report it. */
export interface Found {
  readonly value: Value;
  readonly place: Place;
  /** Where the value was written, when that is somewhere else (a variable default, tfvars, a caller). */
  readonly origin?: Origin;
  readonly attribute?: EvaluatedAttribute;
}

export interface Resolution {
  readonly found: readonly Found[];
  /** Nested blocks at the path (for `exists` on a block). */
  readonly blocks: readonly Scope[];
  /** Set when the path went through an Unknown value, so we cannot tell what is there. */
  readonly unknown?: Extract<Value, { kind: 'unknown' }>;
}

export function resourceScope(resource: ResourceInstance, model: ModuleModel): Scope {
  return { resource, model, block: resource, header: { file: resource.file, range: resource.headerRange }, label: '' };
}

function within(outer: Range, inner: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/**
 * The place to report a value: its own origin when that lies inside the anchor (an element of a
 * list literal), else the anchor (the attribute's value), remembering the origin as related.
 */
export function locate(value: Value, anchor: Place): { place: Place; origin?: Origin } {
  const origin = value.origin;
  if (!origin) return { place: anchor };
  if (origin.file === anchor.file && within(anchor.range, origin.range)) return { place: { file: origin.file, range: origin.range } };
  return { place: anchor, origin };
}

function childLabel(scope: Scope, name: string): string {
  return scope.label ? `${scope.label}.${name}` : name;
}

/** The scopes one step down: nested blocks named `name`, or the object(s) of attribute `name`. */
function step(scope: Scope, name: string): { scopes: Scope[]; found: Found[]; unknown?: Extract<Value, { kind: 'unknown' }> } {
  const label = childLabel(scope, name);
  const found = lookup(scope, name);
  const scopes: Scope[] = [];
  if (scope.block) {
    for (const b of scope.block.blocks) {
      if (b.type === name) scopes.push({ resource: scope.resource, model: scope.model, block: b, header: { file: b.file, range: b.headerRange }, label });
    }
  }
  let unknown: Extract<Value, { kind: 'unknown' }> | undefined;
  if (found) {
    const values = found.value.kind === 'tuple' ? found.value.items : [found.value];
    for (const v of values) {
      if (v.kind === 'unknown') unknown ??= v;
      if (v.kind !== 'object') continue;
      const { place } = locate(v, found.place);
      scopes.push({ resource: scope.resource, model: scope.model, object: v, header: place, label });
    }
  }
  return { scopes, found: found ? [found] : [], ...(unknown ? { unknown } : {}) };
}

/** The value of `name` directly in this scope, or undefined when not set. Null counts as not set. */
function lookup(scope: Scope, name: string): Found | undefined {
  if (scope.block) {
    const attribute = scope.block.attributes.get(name);
    if (!attribute || attribute.value.kind === 'null') return undefined;
    const located = locate(attribute.value, { file: attribute.file, range: attribute.valueRange });
    return { value: attribute.value, attribute, place: { file: attribute.file, range: attribute.valueRange }, ...(located.origin ? { origin: located.origin } : {}) };
  }
  const value = scope.object?.entries.get(name);
  if (!value || value.kind === 'null') return undefined;
  const located = locate(value, scope.header);
  return { value, place: located.place, ...(located.origin ? { origin: located.origin } : {}) };
}

/** Walks `path` from `scope`. Every match is returned (a path through repeated blocks has several). */
export function resolve(scope: Scope, path: Path): Resolution {
  let scopes: Scope[] = [scope];
  let unknown: Extract<Value, { kind: 'unknown' }> | undefined;
  for (const [i, name] of path.entries()) {
    const last = i === path.length - 1;
    if (last) {
      const found = scopes.flatMap((s) => { const f = lookup(s, name); return f ? [f] : []; });
      const blocks = scopes.flatMap((s) => step(s, name).scopes.filter((c) => c.block));
      return { found, blocks, ...(unknown ? { unknown } : {}) };
    }
    const next: Scope[] = [];
    for (const s of scopes) {
      const r = step(s, name);
      next.push(...r.scopes);
      if (r.found[0]?.value.kind === 'unknown') unknown ??= r.found[0].value;
      else if (r.unknown) unknown ??= r.unknown;
    }
    scopes = next;
  }
  return { found: [], blocks: scopes, ...(unknown ? { unknown } : {}) };
}

/** The scopes a `blocks:` quantifier iterates: nested blocks, or objects of a list attribute. */
export function resolveScopes(scope: Scope, path: Path): { scopes: Scope[]; unknown?: Extract<Value, { kind: 'unknown' }> } {
  let scopes: Scope[] = [scope];
  let unknown: Extract<Value, { kind: 'unknown' }> | undefined;
  for (const name of path) {
    const next: Scope[] = [];
    for (const s of scopes) {
      const r = step(s, name);
      next.push(...r.scopes);
      if (r.found[0]?.value.kind === 'unknown') unknown ??= r.found[0].value;
      else if (r.unknown) unknown ??= r.unknown;
    }
    scopes = next;
  }
  return { scopes, ...(unknown ? { unknown } : {}) };
}
