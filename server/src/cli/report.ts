// The scan report both the CLI formats and its tests work from: results with file names relative
// to the scan root, 1-based positions, and the errors the scan met. Formats only render it.

import type { Range } from '../hcl/ast';
import type { PolicyResult, Severity } from '../engine/types';
import { SEVERITIES } from '../engine/types';

/** 1-based line and column (UTF-16 code units), as SARIF and editors' "file:line:col" use. */
export interface CliPosition {
  readonly line: number;
  readonly column: number;
}
export interface CliRange {
  readonly start: CliPosition;
  readonly end: CliPosition;
}

export function toCliRange(range: Range): CliRange {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

/** A result as the report carries it: the engine's result plus the file relative to the scan root. */
export interface ReportResult {
  readonly result: PolicyResult;
  readonly title: string;
  readonly file: string;
  readonly related: readonly { readonly file: string; readonly range: Range; readonly message: string; readonly kind?: 'module-argument' }[];
  /**
   * The root module (directory, relative like `file`; `.` for the scanned directory itself) the
   * result was evaluated in: a module called by envs/dev and envs/prod gives one result per root.
   */
  readonly root: string;
}

/** `[resource]`, or `[module.x.resource in envs/prod]` when the resource lives in a called module. */
export function resourceLabel(r: ReportResult): string {
  return r.result.resource.startsWith('module.') ? `${r.result.resource} in ${r.root}` : r.result.resource;
}

export interface ReportError {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
  /**
   * Where it came from: a .tf file that would not parse, a policy file, the file system, the
   * model, `.tfpolicy.yaml`, a `tfpolicy:ignore` comment that cannot apply as written.
   */
  readonly kind: 'syntax' | 'policy' | 'read' | 'model' | 'config' | 'suppression';
}

export interface ScanReport {
  readonly results: readonly ReportResult[];
  readonly errors: readonly ReportError[];
  readonly fileCount: number;
  readonly resourceCount: number;
}

export function findingsOf(report: ScanReport): ReportResult[] {
  return report.results.filter((r) => r.result.status === 'fail');
}

export function countBySeverity(results: readonly ReportResult[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const r of results) counts[r.result.severity]++;
  return counts;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Findings first by file, then position, then policy id: stable output for diffs and tests. */
export function compareResults(a: ReportResult, b: ReportResult): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const pa = a.result.range.start;
  const pb = b.result.range.start;
  if (pa.line !== pb.line) return pa.line - pb.line;
  if (pa.character !== pb.character) return pa.character - pb.character;
  if (a.result.policyId !== b.result.policyId) return a.result.policyId < b.result.policyId ? -1 : 1;
  return a.result.resource < b.result.resource ? -1 : a.result.resource > b.result.resource ? 1 : 0;
}
