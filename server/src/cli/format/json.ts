// The stable JSON output (design.md "CLI"; documented in README.md). Fields may be added, never
// renamed or removed.

import { countBySeverity, findingsOf, toCliRange, type ReportResult, type ScanReport } from '../report';

export interface JsonFormatOptions {
  /** Also list pass and unknown results (fail and suppressed are always listed). */
  readonly showPassed: boolean;
}

export function formatJson(report: ScanReport, options: JsonFormatOptions): string {
  const findings = findingsOf(report);
  const listed = report.results.filter((r) => options.showPassed || r.result.status === 'fail' || r.result.status === 'suppressed');
  const statusCounts = { pass: 0, fail: 0, unknown: 0, suppressed: 0 };
  for (const r of report.results) statusCounts[r.result.status]++;
  const output = {
    findings: findings.map(findingJson),
    results: listed.map((r) => ({
      policyId: r.result.policyId,
      resource: r.result.resource,
      root: r.root,
      file: r.file,
      range: toCliRange(r.result.range),
      status: r.result.status,
      message: r.result.message,
      ...(r.result.suppression ? { suppression: r.result.suppression } : {}),
    })),
    errors: report.errors.map((e) => ({
      file: e.file,
      message: e.message,
      kind: e.kind,
      ...(e.range ? { range: toCliRange(e.range) } : {}),
    })),
    summary: {
      files: report.fileCount,
      resources: report.resourceCount,
      findings: findings.length,
      bySeverity: countBySeverity(findings),
      byStatus: statusCounts,
      errors: report.errors.length,
    },
  };
  return JSON.stringify(output, null, 2) + '\n';
}

function findingJson(r: ReportResult): Record<string, unknown> {
  return {
    policyId: r.result.policyId,
    title: r.title,
    severity: r.result.severity,
    message: r.result.message,
    file: r.file,
    range: toCliRange(r.result.range),
    resource: r.result.resource,
    root: r.root,
    references: r.result.references,
    related: r.related.map((rel) => ({ file: rel.file, range: toCliRange(rel.range), message: rel.message, ...(rel.kind ? { kind: rel.kind } : {}) })),
  };
}
