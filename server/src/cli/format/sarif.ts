// SARIF 2.1.0 for code-scanning dashboards. Every policy that produced a result is a rule;
// suppressed results are kept and carry a SARIF `suppressions` entry so dashboards show them as such.

import type * as Sarif from 'sarif';
import type { Severity } from '../../engine/types';
import { toCliRange, type ReportResult, type ScanReport } from '../report';

export interface SarifRuleInfo {
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly helpUri?: string;
}

const LEVELS: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to bucket findings. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export function formatSarif(report: ScanReport, rules: ReadonlyMap<string, SarifRuleInfo>, version: string): string {
  const listed = report.results.filter((r) => r.result.status === 'fail' || r.result.status === 'suppressed');
  const ruleIds = [...new Set(listed.map((r) => r.result.policyId))].sort();
  const severityOf = new Map(listed.map((r) => [r.result.policyId, r.result.severity]));
  const log: Sarif.Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: {
        driver: {
          name: 'tfpolicy',
          version,
          rules: ruleIds.map((id) => ruleJson(id, rules.get(id), severityOf.get(id) ?? 'medium')),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: listed.map((r) => resultJson(r, ruleIds.indexOf(r.result.policyId))),
      invocations: [{
        executionSuccessful: report.errors.length === 0,
        toolExecutionNotifications: report.errors.map((e) => ({
          level: 'error' as const,
          message: { text: e.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: e.file }, ...(e.range ? { region: region(e.range) } : {}) } }],
        })),
      }],
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleJson(id: string, info: SarifRuleInfo | undefined, severity: Severity): Sarif.ReportingDescriptor {
  return {
    id,
    name: id,
    shortDescription: { text: info?.title ?? id },
    fullDescription: { text: info?.description ?? info?.title ?? id },
    help: { text: info?.remediation ?? '' },
    ...(info?.helpUri ? { helpUri: info.helpUri } : {}),
    defaultConfiguration: { level: LEVELS[severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[severity], tags: ['security', 'terraform'] },
  };
}

function region(range: ReportResult['result']['range']): Sarif.Region {
  const r = toCliRange(range);
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function resultJson(r: ReportResult, ruleIndex: number): Sarif.Result {
  return {
    ruleId: r.result.policyId,
    ruleIndex,
    level: LEVELS[r.result.severity],
    message: { text: `${r.result.message} (${r.result.resource})` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: r.file }, region: region(r.result.range) },
      logicalLocations: [{ fullyQualifiedName: r.result.resource, kind: 'resource' }],
    }],
    relatedLocations: r.related.map((rel, i) => ({
      id: i,
      message: { text: rel.message },
      physicalLocation: { artifactLocation: { uri: rel.file }, region: region(rel.range) },
    })),
    ...(r.result.status === 'suppressed'
      ? { suppressions: [{ kind: 'inSource' as const, justification: r.result.suppression?.reason ?? r.result.suppression?.comment ?? '' }] }
      : {}),
  };
}
