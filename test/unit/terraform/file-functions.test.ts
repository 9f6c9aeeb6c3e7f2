// file(), fileexists() and templatefile() read through the host, only inside the module tree.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attribute, buildModel, data, ROOT } from './memory-host';

const FILES = {
  'main.tf': [
    'resource "aws_iam_policy" "p" {',
    '  policy  = file("${path.module}/policy.json")',
    '  decoded = jsondecode(file("policy.json")).Statement[0].Effect',
    '  exists  = [fileexists("policy.json"), fileexists("nope.json")]',
    '  missing = file("nope.json")',
    '  outside = file("/etc/passwd")',
    '  tpl     = templatefile("${path.module}/tpl/policy.tpl", { bucket = "logs", actions = ["s3:GetObject", "s3:PutObject"] })',
    '}',
    'module "m" {',
    '  source = "./m"',
    '}',
    '',
  ].join('\n'),
  'policy.json': '{"Statement": [{"Effect": "Allow", "Action": "*"}]}',
  'tpl/policy.tpl': '{"Resource": "arn:aws:s3:::${bucket}/*", "Action": [%{ for i, a in actions }%{ if i > 0 },%{ endif }"${a}"%{ endfor }]}',
  'm/main.tf': 'resource "t" "r" {\n  v = file("${path.module}/data.txt")\n}\n',
  'm/data.txt': 'inside the module\n',
};

void describe('file functions', () => {
  const model = buildModel(FILES);
  const value = (name: string) => attribute(model, 'aws_iam_policy.p', name);

  void it('file() reads a file of the module, with the call as origin', () => {
    assert.equal(data(value('policy')), FILES['policy.json']);
    assert.deepEqual([value('policy').origin?.file, value('policy').origin?.range.start.line, value('policy').origin?.range.start.character], [`${ROOT}/main.tf`, 1, 12]);
    assert.equal(data(value('decoded')), 'Allow');
    assert.equal(data(attribute(model, 'module.m.t.r', 'v')), 'inside the module\n');
  });

  void it('fileexists() says whether the file exists', () => {
    assert.deepEqual(data(value('exists')), [true, false]);
  });

  void it('a missing file is an error and a file outside the module is not read', () => {
    const missing = value('missing');
    const outside = value('outside');
    assert.equal(missing.kind === 'unknown' ? missing.reason : '', 'error: file(): no file exists at "nope.json"');
    assert.equal(outside.kind === 'unknown' ? outside.reason : '', 'function file("/etc/passwd"): the file is outside the module; not evaluated');
  });

  void it('templatefile() renders interpolations and directives with the given variables', () => {
    assert.equal(data(value('tpl')), '{"Resource": "arn:aws:s3:::logs/*", "Action": ["s3:GetObject","s3:PutObject"]}');
  });
});
