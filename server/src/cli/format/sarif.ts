// SARIF 2.1.0 for code-scanning dashboards. Every policy that produced a result is a rule;
// suppressed results are kept and carry a SARIF `suppressions` entry so dashboards show them as such.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Severity } from '../../engine/types';
import { resourceLabel, toCliRange, type ReportResult, type ScanReport } from '../report';

export interface SarifRuleInfo {
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly helpUri?: string;
}

const LEVELS: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to bucket findings. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const SRCROOT = '%SRCROOT%';

/** A relative path as a URI reference: each segment percent-encoded (a space, `#`, or `c:` must not read as URI syntax). */
export function sarifUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split('/').map(encodeURIComponent).join('/');
}

function artifact(file: string): Sarif.ArtifactLocation {
  return path.isAbsolute(file) ? { uri: sarifUri(file) } : { uri: sarifUri(file), uriBaseId: SRCROOT };
}

/**
 * `srcRoot`: the absolute directory relative file names start from (the working directory), so
 * viewers resolve them even when the job ran in a subdirectory of the checkout.
 */
export function formatSarif(report: ScanReport, rules: ReadonlyMap<string, SarifRuleInfo>, version: string, srcRoot?: string): string {
  const listed = report.results.filter((r) => r.result.status === 'fail' || r.result.status === 'suppressed');
  const ruleIds = [...new Set(listed.map((r) => r.result.policyId))].sort();
  // A rule has one security-severity; with per-directory severity overrides, take the highest so
  // a dashboard never ranks a finding below what the project asked for. Each result keeps its own level.
  const severityOf = new Map<string, Severity>();
  for (const r of listed) {
    const current = severityOf.get(r.result.policyId);
    if (!current || RANK[r.result.severity] > RANK[current]) severityOf.set(r.result.policyId, r.result.severity);
  }
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
      ...(srcRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(srcRoot).href.replace(/\/?$/, '/') } } } : {}),
      results: withFingerprints(listed).map(([r, fingerprint]) => resultJson(r, ruleIds.indexOf(r.result.policyId), fingerprint)),
      invocations: [{
        executionSuccessful: report.errors.length === 0,
        toolExecutionNotifications: report.errors.map((e) => ({
          level: 'error' as const,
          message: { text: e.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(e.file), ...(e.range ? { region: region(e.range) } : {}) } }],
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

/**
 * A fingerprint that survives edits elsewhere in the file: policy, root module, resource address,
 * file, and which of that resource's findings of the policy it is (two open ingress rules), so a
 * dashboard neither merges envs/dev's result with envs/prod's nor reopens an alert when lines move.
 */
function withFingerprints(listed: readonly ReportResult[]): [ReportResult, string][] {
  const seen = new Map<string, number>();
  return listed.map((r) => {
    const key = [r.result.policyId, r.root, r.result.resource, r.file].join('\u0000');
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return [r, createHash('sha256').update(`${key}\u0000${ordinal}`).digest('hex').slice(0, 32)];
  });
}

function resultJson(r: ReportResult, ruleIndex: number, fingerprint: string): Sarif.Result {
  return {
    ruleId: r.result.policyId,
    ruleIndex,
    level: LEVELS[r.result.severity],
    message: { text: `${r.result.message} (${resourceLabel(r)})` },
    partialFingerprints: { 'tfpolicyResult/v1': fingerprint },
    properties: { 'security-severity': SECURITY_SEVERITY[r.result.severity] },
    locations: [{
      physicalLocation: { artifactLocation: artifact(r.file), region: region(r.result.range) },
      logicalLocations: [{ fullyQualifiedName: r.result.resource, kind: 'resource' }],
    }],
    relatedLocations: r.related.map((rel, i) => ({
      id: i,
      message: { text: rel.message },
      physicalLocation: { artifactLocation: artifact(rel.file), region: region(rel.range) },
    })),
    ...(r.result.status === 'suppressed'
      ? { suppressions: [{ kind: 'inSource' as const, justification: r.result.suppression?.reason ?? r.result.suppression?.comment ?? '' }] }
      : {}),
  };
}
