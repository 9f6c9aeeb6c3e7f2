// JUnit XML for CI systems that show test reports: one test suite per policy, one test case per
// checked resource; a finding is a failure, a suppressed or unknown result is skipped.

import { toCliRange, type ReportResult, type ScanReport } from '../report';

/** Escaped for attributes and text alike; line breaks as character references, which attribute normalisation would turn into spaces. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export function formatJunit(report: ScanReport): string {
  const byPolicy = new Map<string, ReportResult[]>();
  for (const r of report.results) {
    const list = byPolicy.get(r.result.policyId) ?? [];
    list.push(r);
    byPolicy.set(r.result.policyId, list);
  }
  const suites = [...byPolicy.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([policyId, results]) => {
    const failures = results.filter((r) => r.result.status === 'fail').length;
    const skipped = results.filter((r) => r.result.status === 'suppressed' || r.result.status === 'unknown').length;
    const cases = results.map((r) => {
      const start = toCliRange(r.result.range).start;
      // The line tells apart two findings of one policy on one resource (two open ingress rules).
      const name = xml(`${r.result.resource} (${r.file}:${start.line})`);
      const head = `    <testcase name="${name}" classname="${xml(policyId)}" file="${xml(r.file)}">`;
      if (r.result.status === 'fail') {
        return `${head}\n      <failure message="${xml(r.result.message)}" type="${r.result.severity}">${xml(`${r.file}:${start.line}:${start.column} ${r.result.message}`)}</failure>\n    </testcase>`;
      }
      if (r.result.status === 'pass') return `${head}</testcase>`;
      return `${head}\n      <skipped message="${xml(r.result.status + ': ' + r.result.message)}"/>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(policyId)}" tests="${results.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  // Anything the scan could not do is an <error> test case, so a CI test report shows it too.
  if (report.errors.length > 0) {
    const cases = report.errors.map((e) => {
      const where = e.range ? `${e.file}:${e.range.start.line + 1}:${e.range.start.character + 1}` : e.file;
      return `    <testcase name="${xml(where)}" classname="tfpolicy.${e.kind}" file="${xml(e.file)}">\n      <error message="${xml(e.message)}" type="${e.kind}">${xml(`${where} ${e.message}`)}</error>\n    </testcase>`;
    });
    suites.push(`  <testsuite name="tfpolicy errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const total = report.results.length + report.errors.length;
  const failures = report.results.filter((r) => r.result.status === 'fail').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tfpolicy" tests="${total}" failures="${failures}" errors="${report.errors.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
