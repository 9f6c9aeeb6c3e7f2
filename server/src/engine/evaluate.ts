// The engine's entry point: every policy against every resource instance of its types, giving
// one PolicyResult each (pass / fail / unknown / suppressed) with the narrowest range.

import type { ModuleModel, ResourceInstance } from '../terraform/model';
import { evaluate } from './eval/conditions';
import { conjunction, type Outcome } from './eval/outcome';
import { resourceScope } from './eval/scope';
import { callerLocations } from './callers';
import { computeFix } from './fixes';
import type { Policy, Rule } from './policy';
import { SuppressionIndex, type Suppression } from './suppressions';
import type { PolicyResult, RelatedLocation } from './types';

export interface EvaluateOptions {
  /** The evaluation date (YYYY-MM-DD) for suppression expiry; defaults to today (UTC). */
  readonly today?: string;
}

function ruleApplies(rule: Rule, resource: ResourceInstance): boolean {
  const name = resource.mode === 'data' ? `data.${resource.resourceType}` : resource.resourceType;
  return rule.resourceTypes.includes(name);
}

function evaluateRule(rule: Rule, resource: ResourceInstance, model: ModuleModel): Outcome {
  const scope = resourceScope(resource, model);
  if (rule.when) {
    const applies = evaluate(rule.when, scope);
    if (applies.verdict === 'false') return { verdict: 'true', evidence: { place: scope.header, fact: `does not apply (${applies.evidence.fact})` } };
    if (applies.verdict === 'unknown') return applies;
  }
  return evaluate(rule.require, scope);
}

function relatedLocations(outcome: Outcome, resource: ResourceInstance): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const { origin, place } = outcome.evidence;
  if (origin) related.push({ file: origin.file, range: origin.range, message: origin.via ? `value set here (${origin.via})` : 'value set here' });
  related.push(...callerLocations(resource, place.file, place.range, origin?.file, origin?.range));
  return related;
}

function resultFor(policy: Policy, resource: ResourceInstance, model: ModuleModel): PolicyResult | undefined {
  const rules = policy.rules.filter((r) => ruleApplies(r, resource));
  if (rules.length === 0) return undefined;
  const outcomes = rules.map((r) => evaluateRule(r, resource, model));
  const outcome = conjunction(outcomes, { place: { file: resource.file, range: resource.headerRange }, fact: 'resource' });
  const decisive = rules[outcomes.indexOf(outcome)] ?? rules[0]!;
  const base = { policyId: policy.id, severity: policy.severity, resource: resource.address, references: policy.references };
  const headline = decisive.message ?? policy.title;
  if (outcome.verdict === 'true') {
    return { ...base, status: 'pass', message: `${policy.title}: passed`, file: resource.file, range: resource.headerRange, related: [] };
  }
  const { place } = outcome.evidence;
  if (outcome.verdict === 'unknown') {
    return { ...base, status: 'unknown', message: `${headline}: cannot tell, ${outcome.reason ?? 'a value is not known'}`, file: place.file, range: place.range, related: relatedLocations(outcome, resource) };
  }
  const isJson = (file: string): boolean => model.files.find((f) => f.name === file)?.file.syntax === 'json';
  const fix = decisive.fix ? computeFix(decisive.fix, resource, isJson) : undefined;
  return {
    ...base,
    status: 'fail',
    message: `${headline}: ${outcome.evidence.fact}`,
    file: place.file,
    range: place.range,
    related: relatedLocations(outcome, resource),
    ...(fix ? { fix } : {}),
  };
}

function applySuppressions(result: PolicyResult, policy: Policy, resource: ResourceInstance, index: SuppressionIndex, today: string): PolicyResult {
  if (result.status !== 'fail' && result.status !== 'unknown') return result;
  const found = index.find(policy, resource, result.file, result.range.start.line);
  const active = found.find((s) => s.until === undefined || s.until >= today);
  if (active) return { ...result, status: 'suppressed', suppression: suppressionInfo(active) };
  const expired = found[0];
  if (!expired) return result;
  return {
    ...result,
    message: `${result.message} (suppression expired on ${expired.until ?? '?'})`,
    related: [...result.related, { file: expired.file, range: expired.range, message: `suppression expired on ${expired.until ?? '?'}` }],
  };
}

function suppressionInfo(s: Suppression): NonNullable<PolicyResult['suppression']> {
  return { comment: s.comment, ...(s.reason ? { reason: s.reason } : {}), ...(s.until ? { until: s.until } : {}) };
}

export function evaluatePolicies(model: ModuleModel, policies: readonly Policy[], options: EvaluateOptions = {}): PolicyResult[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const index = new SuppressionIndex(model);
  const results: PolicyResult[] = [];
  for (const policy of policies) {
    for (const resource of model.resources) {
      const result = resultFor(policy, resource, model);
      if (result) results.push(applySuppressions(result, policy, resource, index, today));
    }
  }
  return results;
}
