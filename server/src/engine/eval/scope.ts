// What conditions are evaluated against (a resource, a nested block, or an object inside a list
// attribute) and how dotted paths walk through attributes, object keys and nested blocks.

import type { Expression, Range } from '../../hcl/ast';
import type { EvaluatedAttribute, EvaluatedBlock, ModuleModel, Origin, ResourceInstance, Value } from '../../terraform/model';
import { stepName, type ReadPath, type Step } from '../policy';
import { decodeBase64Found } from './base64-decode';
import { decodeFound } from './json-decode';
import { writtenElement, writtenEntry, writtenIn } from './written';

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
  /** For an object scope, the object as written in the resource, when it is written there. */
  readonly written?: Expression;
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
  /** The expression written at `place` for this value, when the value is written in the resource. */
  readonly written?: Expression;
}

export interface Resolution {
  readonly found: readonly Found[];
  /** Nested blocks at the path (for `exists` on a block). */
  readonly blocks: readonly Scope[];
  /** Set when the path went through an Unknown value, so we cannot tell what is there. */
  readonly unknown?: Extract<Value, { kind: 'unknown' }>;
  /** Where that Unknown value is written. */
  readonly unknownAt?: Place;
  /**
   * Set when the path went through a block a `dynamic` with an unknown for_each stands for: there
   * may be no such block (or several), so the caller weighs the answer with and without it.
   */
  readonly uncertain?: Uncertain;
}

/** A block that may not exist, and where the collection that decides it is written. */
export interface Uncertain {
  readonly value: Extract<Value, { kind: 'unknown' }>;
  readonly place: Place;
}

/** `certainOnly`: walk as if every block that may not exist (see Resolution.uncertain) did not. */
export interface ResolveOptions {
  readonly certainOnly?: boolean;
}

/** An Unknown value met on a path, and where it is written. */
interface Pending {
  readonly value: Extract<Value, { kind: 'unknown' }>;
  readonly place: Place;
}

function pendingFields(pending: Pending | undefined): { unknown?: Extract<Value, { kind: 'unknown' }>; unknownAt?: Place } {
  return pending ? { unknown: pending.value, unknownAt: pending.place } : {};
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

/**
 * The place of a part of `found` (an element, an entry) that `written` (its written expression,
 * if known) brought in: the part's own origin when that lies inside `found`, else the written
 * text (`local.k`), else `found`'s place — with the origin elsewhere kept as related.
 */
export function locatePart(value: Value, found: Found, written: Expression | undefined): { place: Place; origin?: Origin } {
  const located = locate(value, found.place);
  if (!written || (value.origin && !located.origin)) return located;
  return { place: { file: found.place.file, range: written.range }, ...(located.origin ? { origin: located.origin } : {}) };
}

interface Stepped {
  scopes: Scope[];
  found: Found[];
  unknown?: Pending;
  uncertain?: Uncertain;
}

/** The scopes one step down: nested blocks named `name`, or the object(s) of attribute `name` (decoded, for a JSON step). */
function step(scope: Scope, name: Step, options: ResolveOptions = {}): Stepped {
  const label = childLabel(scope, stepName(name));
  const found = lookup(scope, name, label);
  const scopes: Scope[] = [];
  let uncertain: Uncertain | undefined;
  if (scope.block && typeof name === 'string') {
    for (const b of scope.block.blocks) {
      if (b.type !== name) continue;
      if (b.unknownCount) {
        if (options.certainOnly) continue;
        uncertain ??= { value: b.unknownCount, place: b.unknownCount.origin ?? { file: b.file, range: b.headerRange } };
      }
      scopes.push({ resource: scope.resource, model: scope.model, block: b, header: { file: b.file, range: b.headerRange }, label });
    }
  }
  let unknown: Pending | undefined;
  if (found) {
    const list = found.value.kind === 'tuple';
    const values = found.value.kind === 'tuple' ? found.value.items : [found.value];
    for (const [i, v] of values.entries()) {
      const written = list ? writtenElement(found.written, i) : found.written;
      const { place } = locatePart(v, found, written);
      if (v.kind === 'unknown') unknown ??= { value: v, place };
      if (v.kind !== 'object') continue;
      scopes.push({ resource: scope.resource, model: scope.model, object: v, header: place, label, ...(written ? { written } : {}) });
    }
  }
  return { scopes, found: found ? [found] : [], ...(unknown ? { unknown } : {}), ...(uncertain ? { uncertain } : {}) };
}

/** The value of `name` directly in this scope (decoded, for a JSON or base64 step), or undefined when not set. Null counts as not set. */
function lookup(scope: Scope, name: Step, label: string): Found | undefined {
  const found = lookupName(scope, stepName(name));
  if (!found || typeof name === 'string') return found;
  return name.decode === 'json' ? decodeFound(found, label) : decodeBase64Found(found, label);
}

function lookupName(scope: Scope, name: string): Found | undefined {
  if (scope.block) {
    const attribute = scope.block.attributes.get(name);
    if (!attribute || attribute.value.kind === 'null') return undefined;
    const located = locate(attribute.value, { file: attribute.file, range: attribute.valueRange });
    const written = writtenIn(scope.block, name);
    return {
      value: attribute.value, attribute, place: { file: attribute.file, range: attribute.valueRange },
      ...(located.origin ? { origin: located.origin } : {}), ...(written ? { written } : {}),
    };
  }
  const value = scope.object?.entries.get(name);
  if (!value || value.kind === 'null') return undefined;
  const written = writtenEntry(scope.written, name);
  const located = locatePart(value, { value: scope.object!, place: scope.header }, written);
  return { value, place: located.place, ...(located.origin ? { origin: located.origin } : {}), ...(written ? { written } : {}) };
}

/** Walks `path` from `scope`. Every match is returned (a path through repeated blocks has several). */
export function resolve(scope: Scope, path: ReadPath, options: ResolveOptions = {}): Resolution {
  let scopes: Scope[] = [scope];
  let unknown: Pending | undefined;
  let uncertain: Uncertain | undefined;
  for (const [i, name] of path.entries()) {
    const last = i === path.length - 1;
    if (last) {
      const found = scopes.flatMap((s) => { const f = lookup(s, name, childLabel(s, stepName(name))); return f ? [f] : []; });
      const below = typeof name === 'string' ? scopes.map((s) => step(s, name, options)) : [];
      uncertain ??= below.find((b) => b.uncertain)?.uncertain;
      const blocks = below.flatMap((b) => b.scopes.filter((c) => c.block));
      return { found, blocks, ...pendingFields(unknown), ...(uncertain ? { uncertain } : {}) };
    }
    const next = stepAll(scopes, name, options);
    scopes = next.scopes;
    unknown ??= next.unknown;
    uncertain ??= next.uncertain;
  }
  return { found: [], blocks: scopes, ...pendingFields(unknown), ...(uncertain ? { uncertain } : {}) };
}

/** One step from each scope: the scopes below, the first Unknown met, and the first block that may not exist. */
function stepAll(scopes: readonly Scope[], name: Step, options: ResolveOptions): { scopes: Scope[]; unknown?: Pending; uncertain?: Uncertain } {
  const next: Scope[] = [];
  let unknown: Pending | undefined;
  let uncertain: Uncertain | undefined;
  for (const s of scopes) {
    const r = step(s, name, options);
    next.push(...r.scopes);
    uncertain ??= r.uncertain;
    const whole = r.found[0];
    if (whole?.value.kind === 'unknown') unknown ??= { value: whole.value, place: whole.place };
    else if (r.unknown) unknown ??= r.unknown;
  }
  return { scopes: next, ...(unknown ? { unknown } : {}), ...(uncertain ? { uncertain } : {}) };
}

/** The scopes a `blocks:` quantifier iterates: nested blocks, or objects of a list attribute. */
export function resolveScopes(scope: Scope, path: ReadPath, options: ResolveOptions = {}): { scopes: Scope[]; unknown?: Extract<Value, { kind: 'unknown' }>; unknownAt?: Place; uncertain?: Uncertain } {
  let scopes: Scope[] = [scope];
  let unknown: Pending | undefined;
  let uncertain: Uncertain | undefined;
  for (const name of path) {
    const next = stepAll(scopes, name, options);
    scopes = next.scopes;
    unknown ??= next.unknown;
    uncertain ??= next.uncertain;
  }
  return { scopes, ...pendingFields(unknown), ...(uncertain ? { uncertain } : {}) };
}
