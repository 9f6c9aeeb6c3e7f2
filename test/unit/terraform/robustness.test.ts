// Half-typed and broken configurations never make the model throw, and every module of the real
// corpus (../shared/corpus, skipped when absent) builds with well-formed addresses.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseFile } from '../../../server/src/hcl';
import { buildModuleModel, type ModuleHost, type SourceFile } from '../../../server/src/terraform';
import { buildModel } from './memory-host';

const BROKEN: readonly string[] = [
  'resource "aws_s3_bucket" "b" {\n  acl = var.\n}\n',
  'resource "aws_s3_bucket" "b" {\n  acl = \n',
  'locals {\n  a = \n}\nresource "t" "r" {\n  v = local.a\n}\n',
  'module "m" {\n  source = \n}\n',
  'module "m" {\n  source = var.x\n}\n',
  'resource "t" {\n}\nresource "t" "r" "extra" {}\n',
  'resource "t" "r" {\n  count = -1\n  for_each = 3\n}\n',
  'resource "t" "r" {\n  dynamic {\n    content {}\n  }\n  dynamic "x" {\n    for_each = 1\n    content { a = x.value }\n  }\n}\n',
  'resource "t" "r" {\n  v = [for x in 5 : x]\n  w = { for k, v in { a = 1, b = 1 } : v => k }\n  u = "${[1]}"\n  z = 1 / 0\n}\n',
  'variable "v" {\n  type = object({ a = optional() })\n}\nresource "t" "r" {\n  v = var.v\n}\n',
  'resource "t" "r" {\n  v = format("%d %z", "x")\n  w = cidrsubnet("nonsense", 1, 1)\n  x = regex("(", "a")\n}\n',
];

void describe('robustness', () => {
  for (const [i, text] of BROKEN.entries()) {
    void it(`broken configuration ${i + 1} builds a model without throwing`, () => {
      const model = buildModel({ 'main.tf': text });
      for (const r of model.resources) assert.match(r.address, /^t\.r(\[\d+\])?$|^aws_s3_bucket\.b$/);
    });
  }

  void it('every module directory of the corpus builds, with addresses matching their modules', (t) => {
    const corpus = path.resolve('../shared/corpus');
    if (!fs.existsSync(corpus)) {
      t.skip(`corpus not found at ${corpus}`);
      return;
    }
    const dirs = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== '.terraform' && entry.name !== '.git') walk(path.join(dir, entry.name));
        else if (entry.name.endsWith('.tf')) dirs.add(dir);
      }
    };
    walk(corpus);
    let resources = 0;
    const parsed = new Map<string, SourceFile>();
    for (const dir of dirs) {
      const model = buildModuleModel(dir, diskHost(parsed));
      resources += model.resources.length;
      for (const r of model.resources) {
        const prefix = r.modulePath.map((m) => `module.${m}.`).join('');
        assert.ok(r.address.startsWith(prefix + r.localAddress), `${r.address} in ${dir}`);
      }
    }
    assert.ok(resources > 1000, `only ${resources} resources in ${dirs.size} corpus modules`);
  });
});

/** A read-only disk host for the corpus (tests may touch the disk; the model may not). */
function diskHost(parsed: Map<string, SourceFile>): ModuleHost {
  const read = (file: string): SourceFile => {
    let source = parsed.get(file);
    if (!source) {
      source = { name: file, file: parseFile(file, fs.readFileSync(file, 'utf8')) };
      parsed.set(file, source);
    }
    return source;
  };
  return {
    moduleFiles(dir) {
      if (!fs.existsSync(dir)) return undefined;
      const names = fs.readdirSync(dir).sort().map((n) => path.join(dir, n));
      return {
        sources: names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).map(read),
        tfvars: names.filter((n) => n.endsWith('.tfvars') || n.endsWith('.tfvars.json')).map(read),
      };
    },
    resolveModuleSource: (from, source) => path.resolve(from, source),
    readText: (file) => (fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined),
  };
}
