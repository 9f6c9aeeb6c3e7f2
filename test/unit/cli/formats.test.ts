// The output formats render a report exactly: 1-based positions, stable JSON fields, escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../../server/src/hcl/ast';
import type { PolicyResult } from '../../../server/src/engine/types';
import type { ReportResult, ScanReport } from '../../../server/src/cli/report';
import { formatJson } from '../../../server/src/cli/format/json';
import { formatText } from '../../../server/src/cli/format/text';
import { formatSarif } from '../../../server/src/cli/format/sarif';
import { formatGithub } from '../../../server/src/cli/format/github';
import { formatJunit } from '../../../server/src/cli/format/junit';

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start, offset: 0 }, end: { line, character: end, offset: 0 } };
}

function result(partial: Partial<PolicyResult> & Pick<PolicyResult, 'status'>): PolicyResult {
  return {
    policyId: 'aws-s3-bucket-public-acl', severity: 'high', message: 'S3 bucket ACL "public-read" grants public access',
    resource: 'aws_s3_bucket.logs', file: '/ws/main.tf', range: range(11, 11, 24), related: [], references: ['CKV_AWS_20'],
    ...partial,
  };
}

function entry(r: PolicyResult, file = 'main.tf'): ReportResult {
  return { result: r, title: 'S3 bucket ACL allows public access', file, related: r.related.map((rel) => ({ ...rel, file: 'terraform.tfvars' })), root: '.' };
}

const report: ScanReport = {
  results: [
    entry(result({ status: 'fail', related: [{ file: '/ws/terraform.tfvars', range: range(2, 11, 24), message: 'value set in terraform.tfvars:3' }] })),
    entry(result({ status: 'pass', resource: 'aws_s3_bucket.ok', range: range(20, 0, 30) })),
    entry(result({ status: 'suppressed', resource: 'aws_s3_bucket.legacy', range: range(30, 11, 24), suppression: { comment: 'tfpolicy:ignore aws-s3-bucket-public-acl -- legacy', reason: 'legacy' } })),
  ],
  errors: [{ file: 'broken.tf', message: 'Unclosed configuration block', range: range(4, 0, 1), kind: 'syntax' }],
  fileCount: 3,
  resourceCount: 3,
};

test('json: findings carry 1-based ranges, resource, references; results list fail + suppressed unless --show-passed', () => {
  const json = JSON.parse(formatJson(report, { showPassed: false })) as Record<string, unknown>;
  assert.deepEqual(json.findings, [{
    policyId: 'aws-s3-bucket-public-acl', title: 'S3 bucket ACL allows public access', severity: 'high',
    message: 'S3 bucket ACL "public-read" grants public access', file: 'main.tf',
    range: { start: { line: 12, column: 12 }, end: { line: 12, column: 25 } },
    resource: 'aws_s3_bucket.logs', root: '.', references: ['CKV_AWS_20'],
    related: [{ file: 'terraform.tfvars', range: { start: { line: 3, column: 12 }, end: { line: 3, column: 25 } }, message: 'value set in terraform.tfvars:3' }],
  }]);
  assert.deepEqual((json.results as { status: string }[]).map((r) => r.status), ['fail', 'suppressed']);
  assert.deepEqual(json.errors, [{ file: 'broken.tf', message: 'Unclosed configuration block', kind: 'syntax', range: { start: { line: 5, column: 1 }, end: { line: 5, column: 2 } } }]);
  assert.deepEqual(json.summary, {
    files: 3, resources: 3, findings: 1, bySeverity: { low: 0, medium: 0, high: 1, critical: 0 },
    byStatus: { pass: 1, fail: 1, unknown: 0, suppressed: 1 }, errors: 1,
  });
  const all = JSON.parse(formatJson(report, { showPassed: true })) as { results: { status: string }[] };
  assert.deepEqual(all.results.map((r) => r.status), ['fail', 'pass', 'suppressed']);
});

test('text: file heading, line:col, severity, message, resource and policy id, related value, summary', () => {
  assert.equal(formatText(report, { showPassed: false, color: false }), [
    'main.tf',
    '  12:12   high     S3 bucket ACL "public-read" grants public access  aws_s3_bucket.logs  aws-s3-bucket-public-acl',
    '            ↳ value set in terraform.tfvars:3 (terraform.tfvars:3)',
    '',
    'Errors',
    '  broken.tf:5:1  Unclosed configuration block',
    '',
    '1 finding (1 high) in 3 files, 3 resources checked, 1 suppressed, 1 error.',
    '',
  ].join('\n'));
});

test('sarif: one rule per policy, suppressed results carry a suppression, regions are 1-based', () => {
  const log = JSON.parse(formatSarif(report, new Map([['aws-s3-bucket-public-acl', { title: 'T', description: 'D', remediation: 'R', helpUri: 'file:///p/README.md' }]]), '1.2.3')) as {
    runs: { tool: { driver: { version: string; rules: { id: string; properties: Record<string, unknown> }[] } }; results: { level: string; suppressions?: unknown[]; locations: { physicalLocation: { region: unknown } }[] }[] }[];
  };
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.version, '1.2.3');
  assert.deepEqual(run.tool.driver.rules.map((r) => [r.id, r.properties['security-severity']]), [['aws-s3-bucket-public-acl', '8.0']]);
  assert.equal(run.results.length, 2);
  assert.deepEqual(run.results[0]!.locations[0]!.physicalLocation.region, { startLine: 12, startColumn: 12, endLine: 12, endColumn: 25 });
  assert.equal(run.results[0]!.suppressions, undefined);
  assert.deepEqual(run.results[1]!.suppressions, [{ kind: 'inSource', justification: 'legacy' }]);
});

test('sarif: URIs are percent-encoded and relative to %SRCROOT%; a rule takes the highest overridden severity', () => {
  const odd: ScanReport = { ...report, errors: [], results: [
    entry(result({ status: 'fail', severity: 'low' }), 'sp ace #1/main.tf'),
    entry(result({ status: 'fail', severity: 'critical' }), 'c:d/main.tf'),
  ] };
  const log = JSON.parse(formatSarif(odd, new Map(), '1.0.0', '/work/my repo')) as {
    runs: { originalUriBaseIds: Record<string, { uri: string }>; tool: { driver: { rules: { properties: Record<string, unknown> }[] } };
      results: { level: string; properties: Record<string, unknown>; locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[];
  };
  const run = log.runs[0]!;
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/my%20repo/' } });
  assert.deepEqual(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation), [
    { uri: 'sp%20ace%20%231/main.tf', uriBaseId: '%SRCROOT%' },
    { uri: 'c%3Ad/main.tf', uriBaseId: '%SRCROOT%' },
  ]);
  assert.deepEqual(run.tool.driver.rules.map((r) => r.properties['security-severity']), ['9.5']);
  assert.deepEqual(run.results.map((r) => [r.level, r.properties['security-severity']]), [['note', '3.0'], ['error', '9.5']]);
});

test('github: annotations escape workflow-command properties and data', () => {
  const odd: ScanReport = { ...report, errors: [], results: [entry(result({ status: 'fail', message: '50% open,\nreally' }), 'dir,1/a:b.tf')] };
  assert.equal(formatGithub(odd),
    '::error file=dir%2C1/a%3Ab.tf,line=12,col=12,endLine=12,endColumn=25,title=aws-s3-bucket-public-acl (high)::50%25 open,%0Areally [aws_s3_bucket.logs]\n');
});

test('junit: a suite per policy, a failure per finding, skipped for suppressed, XML-escaped', () => {
  const multiline: ScanReport = { ...report, errors: [], results: [entry(result({ status: 'fail', message: 'two\nlines' }), 'main.tf')] };
  assert.match(formatJunit(multiline), /<failure message="two&#10;lines" type="high">/);
  const xml = formatJunit(report);
  assert.match(xml, /<testsuite name="aws-s3-bucket-public-acl" tests="3" failures="1" skipped="1">/);
  assert.match(xml, /<testcase name="aws_s3_bucket.logs \(main.tf:12\)" classname="aws-s3-bucket-public-acl" file="main.tf">\n {6}<failure /);
  assert.match(xml, /<failure message="S3 bucket ACL &quot;public-read&quot; grants public access" type="high">main.tf:12:12 /);
  assert.match(xml, /<testsuites name="tfpolicy" tests="4" failures="1" errors="1">/);
  assert.match(xml, /<testsuite name="tfpolicy errors" tests="1" failures="0" errors="1">\n {4}<testcase name="broken.tf:5:1" classname="tfpolicy.syntax" file="broken.tf">\n {6}<error message="Unclosed configuration block" type="syntax">broken.tf:5:1 Unclosed configuration block<\/error>/);
});
