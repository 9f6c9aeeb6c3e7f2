// `tfpolicy parse`: our parser's view in hcl2json's shape, errors 1-based, directories walked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runParseCommand } from '../../../server/src/cli/parse-command';

void describe('runParseCommand', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-parse-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "logs-${var.env}"\n  count  = 2\n  versioning {\n    enabled = true\n  }\n}\n');
  write('sub/vars.tf.json', '{ "variable": { "env": { "default": "dev" } } }');
  write('sub/broken.tf', 'locals {\n  a = \n}\n');
  write('.terraform/modules/x/ignored.tf', 'a = 1\n');
  write('notes.txt', 'not terraform');

  void it('walks a directory, relative names with /, hcl2json-shaped JSON and 1-based errors', () => {
    const { exitCode, json } = runParseCommand(['.'], dir);
    assert.equal(exitCode, 1);
    assert.deepEqual(json.files, [
      {
        file: 'main.tf',
        json: { resource: { aws_s3_bucket: { b: [{ bucket: 'logs-${var.env}', count: 2, versioning: [{ enabled: true }] }] } } },
        errors: [],
      },
      {
        file: 'sub/broken.tf',
        json: { locals: [{ a: '${}' }] },
        errors: [{ message: 'Invalid expression: expected the start of an expression, found newline', range: { start: { line: 2, column: 7 }, end: { line: 3, column: 1 } } }],
      },
      { file: 'sub/vars.tf.json', json: { variable: { env: [{ default: 'dev' }] } }, errors: [] },
    ]);
  });

  void it('takes a file PATH as given and exits 0 when it is clean', () => {
    const { exitCode, json } = runParseCommand([path.join(dir, 'main.tf')], '/');
    assert.equal(exitCode, 0);
    assert.equal(json.files.length, 1);
    assert.equal(json.files[0]?.file, path.join(dir, 'main.tf').split(path.sep).join('/'));
  });

  void it('reports a missing PATH with exit code 2', () => {
    const { exitCode, json } = runParseCommand(['nope.tf'], dir);
    assert.equal(exitCode, 2);
    assert.deepEqual(json.files, [{ file: 'nope.tf', json: null, errors: [{ message: 'no such file or directory', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }] }]);
  });
});
