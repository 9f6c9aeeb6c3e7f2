// Following references between resources for the engine: "is there an aws_s3_bucket_versioning
// whose `bucket` refers to this bucket?", "which security group rules point at this group?".

import type { ModuleModel, ResourceInstance } from './model';
import type { EvaluatedBlock } from './model';
import { collectReferences } from './values';

/**
 * The address without the resource's own instance key, with the module path (module instance keys
 * included): `module.m.aws_s3_bucket.x` for `module.m.aws_s3_bucket.x["a"]`. This is what
 * ResourceReference.fullAddress names.
 */
export function resourceFullAddress(instance: ResourceInstance): string {
  return instance.modulePath.map((m) => `module.${m}.`).join('') + instance.localAddress;
}

interface ReferenceIndex {
  readonly byFullAddress: ReadonlyMap<string, readonly ResourceInstance[]>;
  /** Full address of a referenced resource → the instances whose arguments refer to it. */
  readonly referrers: ReadonlyMap<string, readonly ResourceInstance[]>;
}

const indexes = new WeakMap<ModuleModel, ReferenceIndex>();

function indexOf(model: ModuleModel): ReferenceIndex {
  const known = indexes.get(model);
  if (known) return known;
  const byFullAddress = new Map<string, ResourceInstance[]>();
  const referrers = new Map<string, ResourceInstance[]>();
  for (const r of model.resources) {
    const full = resourceFullAddress(r);
    byFullAddress.set(full, [...(byFullAddress.get(full) ?? []), r]);
    const targets = new Set(blockReferences(r).map((ref) => ref.fullAddress));
    for (const target of targets) referrers.set(target, [...(referrers.get(target) ?? []), r]);
  }
  const index = { byFullAddress, referrers };
  indexes.set(model, index);
  return index;
}

function blockReferences(block: EvaluatedBlock): ReturnType<typeof collectReferences> {
  const refs = [...block.attributes.values()].flatMap((a) => collectReferences(a.value));
  for (const nested of block.blocks) refs.push(...blockReferences(nested));
  return refs;
}

/** All instances of the resource with this full address (`aws_s3_bucket.x`, `module.m.aws_s3_bucket.x`); one per count/for_each key. */
export function findResources(model: ModuleModel, fullAddress: string): readonly ResourceInstance[] {
  return indexOf(model).byFullAddress.get(fullAddress) ?? [];
}

/** The resource instances whose arguments (at any depth) reference `instance`'s resource, in model order. */
export function referencesTo(model: ModuleModel, instance: ResourceInstance): readonly ResourceInstance[] {
  return (indexOf(model).referrers.get(resourceFullAddress(instance)) ?? []).filter((r) => r !== instance);
}
