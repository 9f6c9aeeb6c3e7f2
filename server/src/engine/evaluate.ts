// The engine's entry point: every policy against every resource instance of its types, giving
// one pass or unknown result, or one failure per offending place (each suppressed or not on its
// own), always with the narrowest range.

import type { ModuleModel, ResourceInstance } from '../terraform/model';
import { evaluate } from './eval/conditions';
import { conjunction, sitesOf, type Evidence, type Outcome } from './eval/outcome';
import { resourceScope } from './eval/scope';
import { callerLocations, isWrittenInCaller } from './callers';
import { computeFix, type SourceOf } from './fixes';
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
  const applies = rule.when ? evaluate(rule.when, scope) : undefined;
  if (applies?.verdict === 'false') return { verdict: 'true', evidence: { place: scope.header, fact: `does not apply (${applies.evidence.fact})` } };
  const required = evaluate(rule.require, scope);
  // `when` → `require` in Kleene logic: a rule whose applicability is unknown still holds when its
  // requirement does (a bucket with its own public access block, whatever an account-level block
  // of unknown settings does); otherwise it is unknown, for the `when`'s reason.
  if (applies?.verdict === 'unknown' && required.verdict !== 'true') return applies;
  return required;
}

function relatedLocations(evidence: Evidence, resource: ResourceInstance, model: ModuleModel): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const { origin, place } = evidence;
  if (origin) {
    related.push({
      file: origin.file, range: origin.range, message: origin.via ? `value set here (${origin.via})` : 'value set here',
      ...(isWrittenInCaller(resource, origin.file, origin.range) ? { kind: 'module-argument' as const } : {}),
    });
  }
  related.push(...callerLocations(resource, place.file, place.range, origin?.file, origin?.range, model));
  return related;
}

/**
 * The results of `policy` for `resource`: one pass, or one unknown, or one failure per site that
 * fails (each offending block or value, under the message and fix of the rule it broke).
 */
function resultsFor(policy: Policy, resource: ResourceInstance, model: ModuleModel): PolicyResult[] {
  const rules = policy.rules.filter((r) => ruleApplies(r, resource));
  if (rules.length === 0) return [];
  const outcomes = rules.map((r) => evaluateRule(r, resource, model));
  const outcome = conjunction(outcomes, { place: { file: resource.file, range: resource.headerRange }, fact: 'resource' });
  const base = { policyId: policy.id, severity: policy.severity, resource: resource.address, references: policy.references };
  if (outcome.verdict === 'true') {
    // Titles state the problem ("EBS volume is not encrypted"), so a pass must not read like one.
    return [{ ...base, status: 'pass', message: passMessage(policy), file: resource.file, range: resource.headerRange, related: [] }];
  }
  if (outcome.verdict === 'unknown') {
    const decisive = rules[outcomes.indexOf(outcome)] ?? rules[0]!;
    const { place } = outcome.evidence;
    const message = `${decisive.message ?? policy.title}: cannot tell, ${outcome.reason ?? 'a value is not known'}`;
    return [{ ...base, status: 'unknown', message, file: place.file, range: place.range, related: relatedLocations(outcome.evidence, resource, model) }];
  }
  const sourceOf: SourceOf = (file) => [...model.files, ...model.moduleFiles].find((f) => f.name === file)?.file;
  const results: PolicyResult[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (outcomes[i]!.verdict !== 'false') return;
    const fix = rule.fix ? computeFix(rule.fix, resource, sourceOf) : undefined;
    for (const site of sitesOf(outcomes[i]!)) {
      const { place } = site;
      // Two rules failing at one place (both at the header, say) are one finding: the first rule's.
      const key = `${place.file}:${place.range.start.offset}:${place.range.end.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      results.push({
        ...base,
        status: 'fail',
        message: `${rule.message ?? policy.title}: ${site.fact}`,
        file: place.file,
        range: place.range,
        related: relatedLocations(site, resource, model),
        ...(fix ? { fix } : {}),
      });
    }
  });
  return results;
}

/** `passed: "EBS volume is not encrypted" not found`: the title quoted as what was looked for. */
function passMessage(policy: Pick<Policy, 'title'>): string {
  return `passed: ${JSON.stringify(policy.title)} not found`;
}

function applySuppressions(result: PolicyResult, policy: Policy, resource: ResourceInstance, index: SuppressionIndex, today: string): PolicyResult {
  if (result.status !== 'fail' && result.status !== 'unknown') return result;
  const found = index.find(policy, resource, { file: result.file, range: result.range });
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
      for (const result of resultsFor(policy, resource, model)) results.push(applySuppressions(result, policy, resource, index, today));
    }
  }
  return results;
}
