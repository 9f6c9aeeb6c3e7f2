// What a reference to a whole resource or data source evaluates to, as in Terraform: a map of its
// instances by for_each key, a list of them for count, the one instance otherwise; Unknown when
// its instances are not known before apply. So `for_each = aws_security_group.sg` has the keys of
// `sg`, `length(aws_instance.x)` is known, and `each.value.id` refers to `sg["web"]`.
//
// An instance is an Unknown object that knows the arguments its configuration sets (`name`) and
// nothing else: computed attributes (`id`, `arn`) are Unknown "known after apply" and refer to the
// instance (key included), so the engine can follow them to it.

import type { Block } from '../hcl/ast';
import { evaluateBody } from './blocks';
import { blockAttribute, type Declared } from './declarations';
import { expandInstances, instanceKeySuffix, type InstanceBinding } from './expand';
import type { EvaluatedBlock, ResourceReference, UnknownValue, Value } from './model';
import type { ModuleInstance } from './module-instance';
import { objectValue, rootCause, tupleValue, unknownValue } from './values';

/** Arguments and blocks that steer Terraform rather than describe the resource (not attributes of it). */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

/** The value of `address` (`aws_s3_bucket.x`, `data.aws_iam_policy_document.d`) declared by `decl` in `module`. */
export function resourceValue(module: ModuleInstance, address: string, decl: Declared<Block>): Value {
  const reference: ResourceReference = { address, fullAddress: `${module.prefix}${address}` };
  const bindings = expandInstances(decl.node, module.scope(decl.file), module.ctx.diagnostics);
  const only = bindings[0];
  if (bindings.length === 1 && only && only.key === undefined) {
    // A single instance, or instances not known before apply (count or for_each is unknown).
    const unknownKeys = only.countIndex ?? only.eachKey;
    if (unknownKeys?.kind === 'unknown') return unknownValue(`the instances of ${address} are not known: ${rootCause(unknownKeys.reason)}`, [reference]);
    return instanceValue(module, address, decl, reference, only);
  }
  const instances = bindings.map((b): [string | number, Value] => [b.key ?? '', instanceValue(module, address, decl, reference, b)]);
  if (blockAttribute(decl.node, 'count')) return tupleValue(instances.map(([, v]) => v));
  return objectValue(new Map(instances.map(([k, v]) => [String(k), v])));
}

function instanceValue(module: ModuleInstance, address: string, decl: Declared<Block>, reference: ResourceReference, binding: InstanceBinding): UnknownValue {
  const key = binding.key;
  const label = `${address}${instanceKeySuffix(key)}`;
  const content = evaluateBody(decl.node.body, module.scope(decl.file, binding), { json: decl.file.file.syntax === 'json', skip: NOT_ATTRIBUTES });
  const ref: ResourceReference = key === undefined ? reference : { ...reference, key: { value: key } };
  return partialObject(label, ref, content.attributes, content.blocks);
}

/**
 * An Unknown object knowing `attributes` (a null argument is left to the provider, so it is not
 * known) and the nested blocks, as lists of such objects by block type.
 */
function partialObject(label: string, ref: ResourceReference, attributes: EvaluatedBlock['attributes'], blocks: readonly EvaluatedBlock[]): UnknownValue {
  const entries = new Map<string, Value>();
  for (const [name, attr] of attributes) if (attr.value.kind !== 'null') entries.set(name, attr.value);
  const byType = new Map<string, EvaluatedBlock[]>();
  for (const b of blocks) if (!entries.has(b.type)) byType.set(b.type, [...(byType.get(b.type) ?? []), b]);
  for (const [type, list] of byType) {
    const unknownCount = list.find((b) => b.unknownCount)?.unknownCount;
    const nestedRef = { ...ref, attribute: ref.attribute ?? type };
    if (unknownCount) entries.set(type, unknownValue(unknownCount.reason, [nestedRef, ...(unknownCount.references ?? [])]));
    else entries.set(type, tupleValue(list.map((b, i) => partialObject(`${label}.${type}[${i}]`, nestedRef, b.attributes, b.blocks))));
  }
  const value = unknownValue(`${label} is known after apply`, [ref]);
  return { ...value, partial: { kind: 'object', label, entries } };
}
