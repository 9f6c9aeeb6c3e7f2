// GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.

import type { Severity } from '../../engine/types';
import { findingsOf, resourceLabel, toCliRange, type ScanReport } from '../report';

const COMMANDS: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** Workflow-command property values escape %, CR, LF, and also `:` and `,`. */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function formatGithub(report: ScanReport): string {
  const lines = findingsOf(report).map((r) => {
    const range = toCliRange(r.result.range);
    const props = [
      `file=${escapeProperty(r.file)}`,
      `line=${range.start.line}`,
      `col=${range.start.column}`,
      `endLine=${range.end.line}`,
      `endColumn=${range.end.column}`,
      `title=${escapeProperty(`${r.result.policyId} (${r.result.severity})`)}`,
    ];
    return `::${COMMANDS[r.result.severity]} ${props.join(',')}::${escapeData(`${r.result.message} [${resourceLabel(r)}]`)}`;
  });
  for (const e of report.errors) {
    const where = e.range ? `,line=${e.range.start.line + 1},col=${e.range.start.character + 1}` : '';
    lines.push(`::error file=${escapeProperty(e.file)}${where}::${escapeData(e.message)}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
