// Human output: findings grouped by file with `line:col`, severity, message, resource and policy
// id, then a one-line summary. Colour only when writing to a terminal that wants it.

import { countBySeverity, findingsOf, type ReportResult, type ScanReport } from '../report';
import type { Severity } from '../../engine/types';

export interface TextFormatOptions {
  readonly showPassed: boolean;
  readonly color: boolean;
}

const SEVERITY_COLORS: Record<Severity, string> = { critical: '\x1b[35m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export function formatText(report: ScanReport, options: TextFormatOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const shown = report.results.filter((r) => r.result.status === 'fail' || options.showPassed);
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const r of shown) {
    if (r.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(paint(BOLD, r.file));
      currentFile = r.file;
    }
    lines.push(formatResultLine(r, paint));
  }
  if (report.errors.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(paint(BOLD, 'Errors'));
    for (const e of report.errors) {
      const where = e.range ? `${e.file}:${e.range.start.line + 1}:${e.range.start.character + 1}` : e.file;
      lines.push(`  ${where}  ${e.message}`);
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

function formatResultLine(r: ReportResult, paint: (code: string, text: string) => string): string {
  const { line, character } = r.result.range.start;
  const position = `${line + 1}:${character + 1}`.padEnd(7) + ' ';
  const status = r.result.status === 'fail'
    ? paint(SEVERITY_COLORS[r.result.severity], r.result.severity.padEnd(8))
    : paint(DIM, r.result.status.padEnd(8));
  const related = r.related.map((rel) => `\n            ${paint(DIM, `↳ ${rel.message} (${rel.file}:${rel.range.start.line + 1})`)}`).join('');
  return `  ${position}${status} ${r.result.message}  ${paint(DIM, `${r.result.resource}  ${r.result.policyId}`)}${related}`;
}

function summaryLine(report: ScanReport): string {
  const findings = findingsOf(report);
  const counts = countBySeverity(findings);
  const parts = (['critical', 'high', 'medium', 'low'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const suppressed = report.results.filter((r) => r.result.status === 'suppressed').length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  let text = findings.length === 0 ? 'No findings' : `${plural(findings.length, 'finding')} (${parts.join(', ')})`;
  text += ` in ${plural(report.fileCount, 'file')}, ${plural(report.resourceCount, 'resource')} checked`;
  if (suppressed > 0) text += `, ${suppressed} suppressed`;
  if (report.errors.length > 0) text += `, ${plural(report.errors.length, 'error')}`;
  return text + '.';
}
