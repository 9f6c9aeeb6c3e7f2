// What the engine gives the editor and the CLI: per (policy, resource instance) one pass or unknown
// result, or one failed (or suppressed) result per offending place.
// Both front ends call the same entry point, so they report the same findings on the same files.

import type { Range } from '../hcl/ast';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type ResultStatus = 'pass' | 'fail' | 'unknown' | 'suppressed';

/** The metadata every policy has (design.md, "Policy metadata"). */
export interface PolicyMetadata {
  /** Stable kebab-case id, provider first: `aws-s3-bucket-public-acl`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly resourceTypes: readonly string[];
  readonly remediation: string;
  /** Ids of equivalent checks in other tools (Checkov, Trivy/tfsec), listed only when semantics match. */
  readonly references: readonly string[];
  /** Where the policy was loaded from (a path or URI), for docs links and error positions. */
  readonly source?: string;
}

/** A place related to a finding: where the bad value was set, or the module call that passed it. */
export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  /**
   * `module-argument`: the argument of a module call that passes the offending value into the
   * module: editors flag it too, so the problem shows in the file where a module user fixes it.
   */
  readonly kind?: 'module-argument';
}

/** One text edit of a fix, in the file it applies to. */
export interface TextEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface PolicyResult {
  readonly policyId: string;
  readonly severity: Severity;
  readonly status: ResultStatus;
  /** For fail: what is wrong, possibly quoting the value. For unknown: why the value is unknown. */
  readonly message: string;
  /** Terraform address of the resource instance. */
  readonly resource: string;
  readonly file: string;
  /** The narrowest range: the offending value, or the block header when the attribute is missing. */
  readonly range: Range;
  readonly related: readonly RelatedLocation[];
  readonly references: readonly string[];
  readonly fix?: Fix;
  /** For suppressed results: the suppression's reason, if it gave one. */
  readonly suppression?: { readonly comment: string; readonly reason?: string; readonly until?: string };
}
