// `base64decode(path)` steps: a base64 string attribute read as the text it encodes — a literal,
// base64encode("...") or base64encode(<<EOT … EOT) — with findings at the text as written. Values
// known only after apply, strings that are not base64 and bytes that are not text are unknown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPolicy } from '../../../server/src/engine';
import { run, span } from './harness';

const KEY_IN_USER_DATA = `id: test-base64
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_instance]
    require:
      not:
        attribute: base64decode(user_data_base64)
        matches: "AKIA[A-Z0-9]{16}"
`;

function report(results: ReturnType<typeof run>): string[] {
  return results.map((r) => `${r.status} ${span(r)} ${r.message}`);
}

function instance(userData: string, before = ''): string {
  return `${before}resource "aws_instance" "i" {\n  user_data_base64 = ${userData}\n}\n`;
}

const ENCODED = 'ZXhwb3J0IEs9QUtJQUlPU0ZPRE5ON0VYQU1QTEU='; // "export K=AKIAIOSFODNN7EXAMPLE"
const FOUND = 'T: user_data_base64 is "export K=AKIAIOSFODNN7EXAMPLE"';

void describe('base64decode() path steps', () => {
  void it('a literal base64 string is decoded; the finding is the string', () => {
    assert.deepEqual(report(run(KEY_IN_USER_DATA, instance(`"${ENCODED}"`))), [`fail 1:21-1:63 ${FOUND}`]);
  });

  void it('base64encode("..."): the finding is the text inside the call', () => {
    assert.deepEqual(report(run(KEY_IN_USER_DATA, instance('base64encode("export K=AKIAIOSFODNN7EXAMPLE")'))), [`fail 1:34-1:65 ${FOUND}`]);
  });

  void it('base64encode(<<EOT … EOT) with an interpolated local: the finding is the heredoc', () => {
    const tf = instance('base64encode(<<-EOT\n    #!/bin/sh\n    export K=${local.k}\n  EOT\n  )', 'locals {\n  k = "AKIAIOSFODNN7EXAMPLE"\n}\n');
    const results = run(KEY_IN_USER_DATA, tf);
    assert.deepEqual(report(results), ['fail 4:34-7:5 T: user_data_base64 is "#!/bin/sh\\nexport K=AKIAIOSFODNN7EXAMPLE\\n"']);
  });

  void it('line breaks inside the base64 text are ignored, as the provider and Terraform do', () => {
    const tf = instance(`"${ENCODED.slice(0, 20)}\\n${ENCODED.slice(20)}"`);
    assert.deepEqual(report(run(KEY_IN_USER_DATA, tf)), [`fail 1:21-1:65 ${FOUND}`]);
  });

  void it('text without a key passes; no attribute passes', () => {
    assert.deepEqual(report(run(KEY_IN_USER_DATA, instance('base64encode("#!/bin/sh\\n/opt/app/start")'))).map((r) => r.split(' ')[0]), ['pass']);
    assert.deepEqual(report(run(KEY_IN_USER_DATA, 'resource "aws_instance" "i" {}\n')).map((r) => r.split(' ')[0]), ['pass']);
  });

  void it('a string that is not base64 is unknown, never a failure', () => {
    assert.deepEqual(report(run(KEY_IN_USER_DATA, instance('"export K=AKIAIOSFODNN7EXAMPLE"'))), [
      'unknown 1:21-1:52 T: cannot tell, user_data_base64: user_data_base64 is not valid base64',
    ]);
  });

  void it('bytes that are not UTF-8 text (gzip) are unknown', () => {
    assert.deepEqual(report(run(KEY_IN_USER_DATA, instance('"H4sIAAAAAAAA/w=="'))), [
      'unknown 1:21-1:39 T: cannot tell, user_data_base64: user_data_base64 does not decode to UTF-8 text (compressed or binary data)',
    ]);
  });

  void it('a value known only after apply, base64gzip() and filebase64() are unknown', () => {
    const unknownOf = (expr: string, before = ''): string => {
      const results = run(KEY_IN_USER_DATA, instance(expr, before));
      assert.equal(results.length, 1);
      assert.equal(results[0]!.status, 'unknown');
      return results[0]!.message;
    };
    assert.equal(unknownOf('base64encode(var.script)', 'variable "script" {}\n'),
      'T: cannot tell, user_data_base64: var.script has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_script');
    assert.equal(unknownOf('base64gzip("export K=AKIAIOSFODNN7EXAMPLE")'), 'T: cannot tell, user_data_base64: function base64gzip() is not implemented');
    assert.equal(unknownOf('filebase64("init.sh")'), 'T: cannot tell, user_data_base64: function filebase64() reads the file system, which the model does not; not evaluated');
  });

  void it('the loader accepts base64decode(a.b) and rejects a path after it or a nested decode', () => {
    const yaml = (path: string): string => KEY_IN_USER_DATA.replace('base64decode(user_data_base64)', path);
    assert.deepEqual(loadPolicy(yaml('base64decode(a.b)'), 'p.yaml').errors, []);
    assert.equal(loadPolicy(yaml('base64decode(a).c'), 'p.yaml').errors.length, 1);
    assert.equal(loadPolicy(yaml('base64decode(jsondecode(a))'), 'p.yaml').errors.length, 1);
  });
});
