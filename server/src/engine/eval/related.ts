// Related resources: resources of another type that point at this one, either through a
// reference (`bucket = aws_s3_bucket.logs.id`) or by repeating its literal name
// (`bucket = "my-logs"`). Used for the provider-v4 companion resources of S3 and friends. With
// `same_module`, every resource of the type in the module relates: account-wide settings
// (aws_s3_account_public_access_block) cover resources they never name.

import type { Condition, RelatedCondition } from '../policy';
import type { ResourceInstance, ResourceReference } from '../../terraform/model';
import { unkeyedAddress } from './iam';
import { conjunction, disjunction, mapEvidence, negate, type Evidence, type Outcome } from './outcome';
import { resolve, resourceScope, type Scope } from './scope';
import { asString } from './values';

type Evaluate = (condition: Condition, scope: Scope) => Outcome;

type Link = { linked: true } | { linked: false } | { linked: 'maybe'; reason: string };

/** The literal names of this resource a related one may repeat (e.g. the bucket's `bucket`). */
function namesOf(condition: RelatedCondition, scope: Scope): { names: string[]; unknown: boolean } {
  const names: string[] = [];
  let unknown = false;
  for (const path of condition.byName) {
    for (const found of resolve(scope, path).found) {
      const text = asString(found.value);
      if (text !== undefined) names.push(text);
      else if (found.value.kind === 'unknown') unknown = true;
    }
  }
  return { names, unknown };
}

/**
 * Whether reference `ref` names the instance `target` (full address `address`): `c[0]` names only
 * `c[0]`; a reference without a key, or with a key not known, may name any instance of a resource
 * with count or for_each, so it is only a maybe, never a link to all of them.
 */
function refersTo(ref: ResourceReference, target: ResourceInstance, address: string, where: string): Link {
  if (ref.fullAddress !== address) return { linked: false };
  if (target.instanceKey === undefined) return { linked: true };
  if (!ref.key) return { linked: 'maybe', reason: `${where} refers to ${ref.address} without an instance key` };
  if ('unknown' in ref.key) return { linked: 'maybe', reason: `${where}: the instance key of ${ref.address} is not known (${ref.key.unknown})` };
  return { linked: String(ref.key.value) === String(target.instanceKey) };
}

/**
 * Whether `candidate` names this resource through one of the link attributes (e.g. the newer
 * `storage_account_id` or the older `storage_account_name`): a reference to it, or its literal name.
 */
function linkOf(candidate: ResourceInstance, condition: RelatedCondition, scope: Scope, target: string, names: { names: string[]; unknown: boolean }): Link {
  const candidateScope = resourceScope(candidate, scope.model);
  const values = condition.links.flatMap((link) => resolve(candidateScope, link).found.map((f) => ({ link, value: f.value })));
  let maybe: string | undefined;
  for (const { link, value } of values) {
    const where = `${candidate.address}.${link.join('.')}`;
    if (value.kind === 'unknown') {
      const refs = value.references ?? [];
      for (const ref of refs) {
        const found = refersTo(ref, scope.resource, target, where);
        if (found.linked === true) return found;
        if (found.linked === 'maybe') maybe ??= found.reason;
      }
      if (refs.length === 0) maybe ??= `${where}: ${value.reason}`;
      continue;
    }
    const text = asString(value);
    if (text === undefined) continue;
    if (names.names.includes(text)) return { linked: true };
    if (names.unknown && condition.byName.length > 0) maybe ??= `the name of this resource is not known`;
  }
  return maybe === undefined ? { linked: false } : { linked: 'maybe', reason: maybe };
}

/** An outcome decided in another resource, saying which (in its facts and in why it is unknown). */
function prefixed(outcome: Outcome, address: string): Outcome {
  const mapped = mapEvidence(outcome, (e) => ({ ...e, fact: `${address}: ${e.fact}`, resource: address }));
  return mapped.reason === undefined ? mapped : { ...mapped, reason: `${address}: ${mapped.reason}` };
}

/** Same module instance: `module.a[0]` and `module.a[1]` are two modules. */
function sameModule(a: ResourceInstance, b: ResourceInstance): boolean {
  return a.modulePath.length === b.modulePath.length && a.modulePath.every((m, i) => m === b.modulePath[i]);
}

export function evaluateRelated(condition: RelatedCondition, scope: Scope, evaluate: Evaluate): Outcome {
  const target = unkeyedAddress(scope.resource);
  const names = namesOf(condition, scope);
  const outcomes: Outcome[] = [];
  const relation = condition.sameModule ? 'in this module' : 'refers to this resource';
  let maybeReason: string | undefined;
  for (const candidate of scope.model.resources) {
    if (candidate.mode !== 'managed' || candidate.resourceType !== condition.resourceType || candidate === scope.resource) continue;
    if (condition.sameModule && !sameModule(candidate, scope.resource)) continue;
    const link: Link = condition.sameModule ? { linked: true } : linkOf(candidate, condition, scope, target, names);
    if (link.linked === 'maybe') maybeReason ??= link.reason;
    if (link.linked !== true) continue;
    const candidateScope = resourceScope(candidate, scope.model);
    const outcome: Outcome = condition.condition
      ? evaluate(condition.condition, candidateScope)
      : { verdict: 'true', evidence: { place: candidateScope.header, fact: `${candidate.address} ${relation}`, resource: candidate.address } };
    outcomes.push(condition.condition ? prefixed(outcome, candidate.address) : outcome);
  }
  const missing: Evidence = { place: scope.header, fact: `no ${condition.resourceType} ${relation}` };
  if (maybeReason !== undefined) {
    outcomes.push({ verdict: 'unknown', evidence: missing, reason: `cannot tell which ${condition.resourceType} refers to this resource (${maybeReason})` });
  }
  switch (condition.quantifier) {
    case 'any': {
      const result = disjunction(outcomes, missing);
      return result.verdict === 'false' && outcomes.length === 0 ? { verdict: 'false', evidence: missing } : result;
    }
    case 'none':
      return negate(disjunction(outcomes, missing));
    case 'all':
      return conjunction(outcomes, missing);
  }
}
