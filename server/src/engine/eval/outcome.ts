// Three-valued outcomes (Kleene logic) with evidence: every outcome says where it was decided, so
// a failure points at the offending value and a negated match can point at what matched.

import type { Origin, Value } from '../../terraform/model';
import type { Place } from './scope';
import { renderValue } from './values';

export type Verdict = 'true' | 'false' | 'unknown';

export interface Evidence {
  readonly place: Place;
  /** A neutral statement of what is there: `acl is "public-read"`, `encrypted is not set`. */
  readonly fact: string;
  /** Where the value was written when that is not at `place`. */
  readonly origin?: Origin;
  readonly value?: Value;
  /** The resource the evidence is in, when it is another (related) resource. */
  readonly resource?: string;
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly evidence: Evidence;
  /**
   * Every place that on its own decides the verdict (two open ingress blocks, two failing rules),
   * `evidence` first; absent means just `evidence`. The engine gives one finding per site, so a
   * suppression on one offending value does not hide another.
   */
  readonly sites?: readonly Evidence[];
  /** For unknown: why the value could not be known. */
  readonly reason?: string;
}

/** The places that decide `outcome` (see Outcome.sites). */
export function sitesOf(outcome: Outcome): readonly Evidence[] {
  return outcome.sites ?? [outcome.evidence];
}

/** `outcome` with `change` applied to its evidence and every site. */
export function mapEvidence(outcome: Outcome, change: (e: Evidence) => Evidence): Outcome {
  return { ...outcome, evidence: change(outcome.evidence), ...(outcome.sites ? { sites: outcome.sites.map(change) } : {}) };
}

/** The first of `deciding` with the sites of all of them, one per distinct place. */
function decidedBy(deciding: readonly Outcome[]): Outcome {
  const first = deciding[0]!;
  if (deciding.length === 1) return first;
  const seen = new Set<string>();
  const sites = deciding.flatMap(sitesOf).filter((e) => {
    const key = `${e.place.file}:${e.place.range.start.offset}:${e.place.range.end.offset}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ...first, sites };
}

export const truth = (verdict: boolean): Verdict => (verdict ? 'true' : 'false');

export function negate(outcome: Outcome): Outcome {
  const verdict: Verdict = outcome.verdict === 'unknown' ? 'unknown' : outcome.verdict === 'true' ? 'false' : 'true';
  return { ...outcome, verdict };
}

/** Replaces the fact with a policy author's message; `{value}` quotes the offending value. */
export function withMessage(outcome: Outcome, message: string | undefined): Outcome {
  if (!message || outcome.verdict === 'unknown') return outcome;
  return mapEvidence(outcome, (e) => ({ ...e, fact: message.replace(/\{value\}/g, e.value ? renderValue(e.value) : '') }));
}

/**
 * Kleene conjunction. A false item decides (the first is the evidence; every false item is a
 * site); otherwise an unknown item makes the whole unknown; when all hold, the last item is the
 * evidence (authors list the most specific test last, e.g. the open CIDR after the port range).
 */
export function conjunction(outcomes: readonly Outcome[], empty: Evidence): Outcome {
  const failed = outcomes.filter((o) => o.verdict === 'false');
  if (failed.length > 0) return decidedBy(failed);
  const unknown = outcomes.find((o) => o.verdict === 'unknown');
  if (unknown) return unknown;
  const last = outcomes[outcomes.length - 1];
  return last ?? { verdict: 'true', evidence: empty };
}

/**
 * Kleene disjunction. A true item decides (every true item is a site, so `none` over blocks
 * reports each offending block); else unknown if any is; else false, with the evidence of
 * the first item that found an offending value (e.g. `status = "Suspended"` in a companion
 * resource) rather than one that found nothing, or else of the first item.
 */
export function disjunction(outcomes: readonly Outcome[], empty: Evidence): Outcome {
  const held = outcomes.filter((o) => o.verdict === 'true');
  if (held.length > 0) return decidedBy(held);
  const unknown = outcomes.find((o) => o.verdict === 'unknown');
  if (unknown) return unknown;
  return outcomes.find((o) => o.evidence.value !== undefined) ?? outcomes[0] ?? { verdict: 'false', evidence: empty };
}

/**
 * `any:` over alternative conditions: decided like `disjunction`, but when every alternative fails
 * the evidence is the first alternative's (the attribute the policy names first is the one to
 * change, not an unrelated attribute a later alternative happened to find), unless the first found
 * nothing and a later one found the offending value in a related resource (`status = "Suspended"`
 * in an aws_s3_bucket_versioning), which is where that configuration is written.
 */
export function alternatives(outcomes: readonly Outcome[], empty: Evidence): Outcome {
  const result = disjunction(outcomes, empty);
  const first = outcomes[0];
  if (result.verdict !== 'false' || !first) return result;
  if (first.evidence.value !== undefined) return first;
  return outcomes.find((o) => o.evidence.resource !== undefined && o.evidence.value !== undefined) ?? first;
}
