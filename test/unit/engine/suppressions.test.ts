// Inline suppressions: our own comment (above the resource, above or at the end of the offending
// line, above a nested block, on a module call), one finding per offending place so a suppression
// hides only what it is on, expiry, mistakes reported at their token, and Checkov / tfsec / Trivy
// comments through `references`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSuppressions, suppressionProblems } from '../../../server/src/engine';
import type { Comment } from '../../../server/src/hcl/ast';
import { modelOf, run, span } from './harness';

const POLICY = `id: aws-s3-test-acl
title: T
severity: high
description: d
remediation: r
references: [CKV_AWS_20, AVD-AWS-0092, aws-s3-no-public-access-with-acl]
rules:
  - resources: [aws_s3_bucket]
    require: { attribute: acl, equals: private, default: private }
`;

function statusOf(tf: string, extra: Record<string, string> = {}): { status: string; suppression?: unknown; message: string; related: string[] } {
  const results = run(POLICY, tf, extra);
  assert.equal(results.length, 1);
  const r = results[0]!;
  return { status: r.status, message: r.message, related: r.related.map((x) => `${x.range.start.line} ${x.message}`), ...(r.suppression ? { suppression: r.suppression } : {}) };
}

const bucket = (before: string, acl: string): string => `${before}resource "aws_s3_bucket" "b" {\n  ${acl}\n}\n`;

void describe('suppressions', () => {
  void it('an unsuppressed finding fails', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read"')).status, 'fail');
  });

  void it('our comment above the resource, with reason', () => {
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl -- public website bucket\n', 'acl = "public-read"')).suppression, {
      comment: 'tfpolicy:ignore aws-s3-test-acl -- public website bucket',
      reason: 'public website bucket',
    });
  });

  void it('our comment at the end of the offending line, in a list of ids', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read" # tfpolicy:ignore other-id,aws-s3-test-acl')).status, 'suppressed');
  });

  void it('our comment above the offending attribute, in a run of comment lines above the resource', () => {
    assert.equal(statusOf(bucket('', '# tfpolicy:ignore aws-s3-test-acl\n  acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('// tfpolicy:ignore aws-s3-test-acl\n# the website bucket\n', 'acl = "public-read"')).status, 'suppressed');
  });

  void it('a comment for another policy, or further away, does not apply', () => {
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-other\n', 'acl = "public-read"')).status, 'fail');
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl\n\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('until in the future applies; an expired one does not, and says so', () => {
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2026-06-01 -- migrating\n', 'acl = "public-read"')).suppression, {
      comment: 'tfpolicy:ignore aws-s3-test-acl until=2026-06-01 -- migrating',
      reason: 'migrating',
      until: '2026-06-01',
    });
    assert.deepEqual(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2026-05-31\n', 'acl = "public-read"')), {
      status: 'fail',
      message: 'T: acl is "public-read" (suppression expired on 2026-05-31)',
      related: ['0 suppression expired on 2026-05-31'],
    });
  });

  void it('Checkov skip anywhere inside the resource block, through references', () => {
    assert.deepEqual(statusOf(bucket('', '#checkov:skip=CKV_AWS_20:The bucket is a public website\n  acl = "public-read"')).suppression, {
      comment: 'checkov:skip=CKV_AWS_20:The bucket is a public website',
      reason: 'The bucket is a public website',
    });
    assert.equal(statusOf(bucket('', '#checkov:skip=CKV_AWS_19\n  acl = "public-read"')).status, 'fail');
  });

  void it('tfsec and Trivy ignores by short, AVD or long id', () => {
    assert.equal(statusOf(bucket('', 'acl = "public-read" #tfsec:ignore:aws-s3-no-public-access-with-acl')).status, 'suppressed');
    assert.equal(statusOf(bucket('#trivy:ignore:AVD-AWS-0092\n', 'acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('#trivy:ignore:aws-0092\n', 'acl = "public-read"')).status, 'suppressed');
    assert.equal(statusOf(bucket('#tfsec:ignore:aws-s3-no-public-access-with-acl:exp:2026-01-01\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('an invalid until date makes the suppression not apply', () => {
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2027-02-30\n', 'acl = "public-read"')).status, 'fail');
    assert.equal(statusOf(bucket('# tfpolicy:ignore aws-s3-test-acl until=2027-1-5\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('a comment at the end of a line does not reach the next line', () => {
    assert.equal(statusOf(bucket('', 'tags = {} # tfpolicy:ignore aws-s3-test-acl\n  acl = "public-read"')).status, 'fail');
  });

  void it('only a comment that starts with the directive is one', () => {
    assert.equal(statusOf(bucket('# see tfpolicy:ignore aws-s3-test-acl in the docs\n', 'acl = "public-read"')).status, 'fail');
  });

  void it('inside a called module\'s resource', () => {
    const root = 'module "site" {\n  source = "./site"\n}\n';
    const results = run(POLICY, root, { '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {\n  # tfpolicy:ignore aws-s3-test-acl\n  acl = "public-read"\n}\n' });
    assert.deepEqual(results.map((r) => `${r.resource} ${r.status}`), ['module.site.aws_s3_bucket.b suppressed']);
  });

  void it('on a module block it covers the module\'s resources', () => {
    const root = '# tfpolicy:ignore aws-s3-test-acl -- vendor module\nmodule "site" {\n  source = "./site"\n}\n';
    const results = run(POLICY, root, { '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n' });
    assert.deepEqual(results.map((r) => `${r.resource} ${r.status}`), ['module.site.aws_s3_bucket.b suppressed']);
  });
});

const SSH = `id: aws-test-ssh
title: SSH open
severity: high
description: d
remediation: r
rules:
  - resources: [aws_security_group]
    require:
      blocks: ingress
      none:
        all:
          - port_range: { from: from_port, to: to_port }
            includes_port: 22
          - attribute: cidr_blocks
            open_to_world: true
`;

/** A security group with two ingress rules open to the world on 22; `mark(n)` puts text in rule n. */
function securityGroup(mark: { header?: string; aboveBlock?: number; aboveCidr?: number; endOfCidr?: number }): string {
  const rule = (n: number): string => [
    mark.aboveBlock === n ? '  # tfpolicy:ignore aws-test-ssh -- bastion\n' : '',
    '  ingress {\n    from_port = 22\n    to_port   = 22\n',
    mark.aboveCidr === n ? '    # tfpolicy:ignore aws-test-ssh -- bastion\n' : '',
    `    cidr_blocks = ["0.0.0.0/0"]${mark.endOfCidr === n ? ' # tfpolicy:ignore aws-test-ssh -- bastion' : ''}\n  }\n`,
  ].join('');
  return `${mark.header ?? ''}resource "aws_security_group" "sg" {\n${rule(1)}${rule(2)}}\n`;
}

const outcomes = (tf: string): string[] => run(SSH, tf).map((r) => `${r.status} ${span(r)} ${r.message}`);

void describe('one finding per offending place, suppressed on its own', () => {
  void it('two open rules are two findings, each at its value', () => {
    assert.deepEqual(outcomes(securityGroup({})), [
      'fail 4:19-4:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
      'fail 9:19-9:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
    ]);
  });

  void it('a comment above the first rule\'s cidr_blocks hides that rule only', () => {
    assert.deepEqual(outcomes(securityGroup({ aboveCidr: 1 })), [
      'suppressed 5:19-5:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
      'fail 10:19-10:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
    ]);
  });

  void it('a comment at the end of the first rule\'s cidr_blocks line hides that rule only', () => {
    assert.deepEqual(outcomes(securityGroup({ endOfCidr: 1 })), [
      'suppressed 4:19-4:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
      'fail 9:19-9:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
    ]);
  });

  void it('a comment above a nested block header covers the findings inside that block', () => {
    assert.deepEqual(outcomes(securityGroup({ aboveBlock: 2 })), [
      'fail 4:19-4:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
      'suppressed 10:19-10:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
    ]);
  });

  void it('a comment above the resource covers every finding of it', () => {
    const results = run(SSH, securityGroup({ header: '# tfpolicy:ignore aws-test-ssh -- bastion\n' }));
    assert.deepEqual(results.map((r) => [r.status, r.suppression?.reason]), [['suppressed', 'bastion'], ['suppressed', 'bastion']]);
  });

  void it('a comment at the end of a nested block\'s header or closing line covers that block', () => {
    const tf = securityGroup({}).replace('  ingress {\n', '  ingress { # tfpolicy:ignore aws-test-ssh\n');
    assert.deepEqual(run(SSH, tf).map((r) => r.status), ['suppressed', 'fail']);
    const closing = securityGroup({}).replace(/(\]\n {2}\})\n {2}ingress/, '$1 # tfpolicy:ignore aws-test-ssh\n  ingress');
    assert.deepEqual(run(SSH, closing).map((r) => r.status), ['suppressed', 'fail']);
  });

  void it('a comment above one element of a multi-line list covers that element', () => {
    const tf = securityGroup({}).replace('    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress', '    cidr_blocks = [\n      # tfpolicy:ignore aws-test-ssh\n      "0.0.0.0/0",\n    ]\n  }\n  ingress');
    assert.deepEqual(outcomes(tf), [
      'suppressed 6:6-6:17 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
      'fail 12:19-12:30 SSH open: ingress.cidr_blocks includes "0.0.0.0/0"',
    ]);
  });
});

void describe('suppressionProblems', () => {
  const known = new Set(['aws-test-ssh', 'aws-disabled-in-config']);
  const problems = (tf: string): string[] => suppressionProblems(modelOf({ '/m/main.tf': tf }).files, known)
    .map((p) => `${p.file} ${span(p)} ${p.message}`);

  void it('an unknown id, at its token; the known ids of the same comment still apply', () => {
    const tf = securityGroup({ header: '# tfpolicy:ignore aws-test-shh,aws-test-ssh -- typo\n' });
    assert.deepEqual(problems(tf), ['/m/main.tf 0:18-0:30 tfpolicy:ignore names an unknown policy id "aws-test-shh"']);
    assert.deepEqual(run(SSH, tf).map((r) => r.status), ['suppressed', 'suppressed']);
  });

  void it('a bad until date, at the date: wrong shape or a day that does not exist', () => {
    assert.deepEqual(problems('resource "a" "b" {\n  x = 1 // tfpolicy:ignore aws-test-ssh until=2027-02-30 -- later\n}\n'), [
      '/m/main.tf 1:46-1:56 tfpolicy:ignore has an invalid until date "2027-02-30" (expected an existing date as YYYY-MM-DD); the suppression does not apply',
    ]);
    assert.deepEqual(problems('/* tfpolicy:ignore aws-test-ssh until=31.01.2027 */\nresource "a" "b" {}\n'), [
      '/m/main.tf 0:38-0:48 tfpolicy:ignore has an invalid until date "31.01.2027" (expected an existing date as YYYY-MM-DD); the suppression does not apply',
    ]);
    assert.deepEqual(problems('# tfpolicy:ignore aws-test-ssh until=\nresource "a" "b" {}\n'), [
      '/m/main.tf 0:31-0:37 tfpolicy:ignore has an invalid until date "" (expected an existing date as YYYY-MM-DD); the suppression does not apply',
    ]);
  });

  void it('no id at all', () => {
    assert.deepEqual(problems('  #   tfpolicy:ignore -- why\nresource "a" "b" {}\n'), ['/m/main.tf 0:6-0:21 tfpolicy:ignore names no policy id']);
  });

  void it('valid comments, ids of disabled policies and other tools\' ids are no problem', () => {
    assert.deepEqual(problems([
      '# tfpolicy:ignore aws-test-ssh, aws-disabled-in-config until=2028-02-29 -- leap day',
      '#checkov:skip=CKV_AWS_999:not ours',
      '#tfsec:ignore:aws-not-mapped',
      '#trivy:ignore:AVD-AWS-9999',
      '# a comment that mentions tfpolicy:ignore in passing',
      'resource "a" "b" {}',
      '',
    ].join('\n')), []);
  });
});

void describe('suppressionProblems: placement', () => {
  const problems = (files: Record<string, string>): string[] => suppressionProblems(modelOf(files).files, new Set(['aws-test-ssh']))
    .map((p) => `${p.file} ${span(p)} ${p.message}`);
  const IGNORE = '# tfpolicy:ignore aws-test-ssh';
  const site = 'module "site" {\n  source = "./site"\n}\n';

  // Every placement the index honours (see the suppressions and one-finding-per-place tests above).
  const valid: [string, string][] = [
    ['above a resource', `${IGNORE}\n${securityGroup({})}`],
    ['above a data block', `${IGNORE}\ndata "aws_iam_policy_document" "d" {\n  statement {}\n}\n`],
    ['in a run of comment lines above a resource', `${IGNORE}\n// the bastion\n/* reviewed */\n${securityGroup({})}`],
    ['a block comment above a resource', `/* tfpolicy:ignore aws-test-ssh */\n${securityGroup({})}`],
    ['at the end of a resource header', securityGroup({}).replace('{\n', `{ ${IGNORE}\n`)],
    ['above an attribute', securityGroup({ aboveCidr: 1 })],
    ['at the end of an attribute line', securityGroup({ endOfCidr: 2 })],
    ['above a nested block', securityGroup({ aboveBlock: 1 })],
    ['at the end of a nested block header', securityGroup({}).replace('  ingress {\n', `  ingress { ${IGNORE}\n`)],
    ['at the end of a nested block\'s closing line', securityGroup({}).replace(/\]\n {2}\}\n/, `]\n  } ${IGNORE}\n`)],
    ['at the end of a resource\'s closing line', `${securityGroup({}).trimEnd()} ${IGNORE}\n`],
    ['above one element of a multi-line list', securityGroup({}).replace('["0.0.0.0/0"]', `[\n      ${IGNORE}\n      "0.0.0.0/0",\n    ]`)],
    ['above a module block', `${IGNORE}\n${site}`],
    ['at the end of a module header', site.replace('{\n', `{ ${IGNORE}\n`)],
    ['inside a check block (it holds data blocks)', `check "c" {\n  ${IGNORE}\n  data "aws_s3_bucket" "b" {\n    bucket = "b"\n  }\n  assert {\n    condition     = true\n    error_message = "x"\n  }\n}\n`],
  ];
  for (const [name, tf] of valid) {
    void it(`a comment ${name} can apply: not reported`, () => {
      assert.deepEqual(problems({ '/m/main.tf': tf, '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {}\n' }), []);
    });
  }

  const misplaced = (why: string, hint = ''): string => `this tfpolicy:ignore comment ${why}, so it suppresses nothing${hint}`;

  void it('separated from the resource by a blank line: reported at the comment, with the likely fix', () => {
    assert.deepEqual(problems({ '/m/main.tf': `${IGNORE} -- bastion\n\n${securityGroup({})}` }), [
      `/m/main.tf 0:0-0:41 ${misplaced('is not directly above a resource, attribute or block', ' (remove the blank line below it?)')}`,
    ]);
    assert.deepEqual(problems({ '/m/main.tf': securityGroup({}).replace('    cidr_blocks', `    ${IGNORE}\n\n    cidr_blocks`) }), [
      `/m/main.tf 4:4-4:34 ${misplaced('is not directly above a resource, attribute or block', ' (remove the blank line below it?)')}`,
    ]);
  });

  void it('at the end of the file, or above a closing brace', () => {
    assert.deepEqual(problems({ '/m/main.tf': `${securityGroup({})}\n${IGNORE}\n` }), [
      `/m/main.tf 13:0-13:30 ${misplaced('is not directly above a resource, attribute or block')}`,
    ]);
    assert.deepEqual(problems({ '/m/main.tf': `${securityGroup({})}${IGNORE}` }), [
      `/m/main.tf 12:0-12:30 ${misplaced('is not directly above a resource, attribute or block')}`,
    ]);
    assert.deepEqual(problems({ '/m/main.tf': securityGroup({}).replace(/\n\}\n$/, `\n  ${IGNORE}\n}\n`) }), [
      `/m/main.tf 11:2-11:32 ${misplaced('is not directly above a resource, attribute or block')}`,
    ]);
  });

  void it('inside a block that never holds a finding', () => {
    assert.deepEqual(problems({ '/m/main.tf': `locals {\n  ${IGNORE}\n  cidr = "0.0.0.0/0"\n  port = 22 ${IGNORE}\n}\n` }), [
      `/m/main.tf 1:2-1:32 ${misplaced('is inside a locals block, where no finding is reported')}`,
      `/m/main.tf 3:12-3:42 ${misplaced('is inside a locals block, where no finding is reported')}`,
    ]);
    assert.deepEqual(problems({ '/m/main.tf': `${IGNORE}\nvariable "cidr" {\n  default = "0.0.0.0/0"\n}\noutput "o" { ${IGNORE}\n  value = 1\n}\n` }), [
      `/m/main.tf 0:0-0:30 ${misplaced('is inside a variable block, where no finding is reported')}`,
      `/m/main.tf 4:13-4:43 ${misplaced('is inside an output block, where no finding is reported')}`,
    ]);
  });

  void it('inside a module block: only its header covers the module\'s resources', () => {
    assert.deepEqual(problems({ '/m/main.tf': site.replace('  source', `  ${IGNORE}\n  source`), '/m/site/main.tf': 'resource "aws_s3_bucket" "b" {}\n' }), [
      `/m/main.tf 1:2-1:32 ${misplaced('is inside a module block, where no finding is reported', ' (above the module block it covers the module\'s resources)')}`,
    ]);
  });

  void it('in a variable definitions file', () => {
    assert.deepEqual(problems({ '/m/main.tf': securityGroup({}), '/m/terraform.tfvars': `${IGNORE}\ncidr = "0.0.0.0/0"\n` }), [
      `/m/terraform.tfvars 0:0-0:30 ${misplaced('is outside any resource, where no finding is reported')}`,
    ]);
  });

  void it('a misplaced comment with a mistake in it: both, in source order', () => {
    assert.deepEqual(problems({ '/m/main.tf': `${IGNORE}, aws-test-shh\n` }), [
      `/m/main.tf 0:0-0:44 ${misplaced('is not directly above a resource, attribute or block')}`,
      '/m/main.tf 0:32-0:44 tfpolicy:ignore names an unknown policy id "aws-test-shh"',
    ]);
  });

  void it('files with syntax errors and .tf.json files are not checked for placement', () => {
    assert.deepEqual(problems({ '/m/main.tf': `${IGNORE}\n\nresource "a" "b" {\n  x = \n}\n` }), []);
    assert.deepEqual(problems({ '/m/main.tf.json': '{"//": "tfpolicy:ignore aws-test-ssh", "locals": {"a": 1}}' }), []);
  });
});

void describe('parseSuppressions', () => {
  const comment = (text: string): Comment => ({ kind: 'Comment', style: '#', text, range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: text.length + 1, offset: text.length + 1 } } });

  void it('reads every directive of a comment', () => {
    assert.deepEqual(parseSuppressions(comment(' tfsec:ignore:aws-a tfsec:ignore:aws-b:exp:2027-01-01'), 'f.tf').map((s) => [s.tool, s.ids, s.until]), [
      ['tfsec', ['aws-a'], undefined],
      ['tfsec', ['aws-b'], '2027-01-01'],
    ]);
    assert.deepEqual(parseSuppressions(comment(' just a comment about tfpolicy'), 'f.tf'), []);
  });
});
