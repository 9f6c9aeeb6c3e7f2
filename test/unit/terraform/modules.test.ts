// Module calls: local modules called twice with different inputs, nested modules, module
// outputs, count/for_each on calls, downloaded remote modules, and the problems we report.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModuleModel } from '../../../server/src/terraform';
import { attribute, buildModel, data, resource, ROOT } from './memory-host';

const BUCKET_MODULE = {
  'modules/bucket/variables.tf': 'variable "acl" {\n  default = "private"\n}\nvariable "name" {}\n',
  'modules/bucket/main.tf': 'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n  acl    = var.acl\n}\noutput "arn" {\n  value = aws_s3_bucket.this.arn\n}\noutput "name" {\n  value = upper(var.name)\n}\n',
};

const diagnostics = (model: ModuleModel) => model.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.severity, d.message]);

void describe('local module calls', () => {
  const model = buildModel({
    'main.tf': 'module "logs" {\n  source = "./modules/bucket"\n  name   = "logs"\n}\n\nmodule "site" {\n  source = "./modules/bucket"\n  name   = "site"\n  acl    = "public-read"\n}\n',
    ...BUCKET_MODULE,
  });

  void it('a module called twice gives two resources with module addresses and their own inputs', () => {
    assert.deepEqual(model.resources.map((r) => [r.address, r.localAddress, r.modulePath, data(r.attributes.get('acl')?.value ?? { kind: 'null' })]), [
      ['module.logs.aws_s3_bucket.this', 'aws_s3_bucket.this', ['logs'], 'private'],
      ['module.site.aws_s3_bucket.this', 'aws_s3_bucket.this', ['site'], 'public-read'],
    ]);
    assert.deepEqual(model.diagnostics, []);
  });

  void it('an input keeps the caller position and says it came through the module input', () => {
    const acl = attribute(model, 'module.site.aws_s3_bucket.this', 'acl');
    assert.deepEqual([acl.origin?.file, acl.origin?.range.start.line, acl.origin?.range.start.character, acl.origin?.range.end.character, acl.origin?.via], [`${ROOT}/main.tf`, 8, 11, 24, 'module "site" input']);
    const defaulted = attribute(model, 'module.logs.aws_s3_bucket.this', 'acl');
    assert.deepEqual([defaulted.origin?.file, defaulted.origin?.via], [`${ROOT}/modules/bucket/variables.tf`, 'variable "acl" default']);
  });

  void it('resources in a module know their callers and their own file', () => {
    const site = resource(model, 'module.site.aws_s3_bucket.this');
    assert.equal(site.file, `${ROOT}/modules/bucket/main.tf`);
    assert.deepEqual(site.callers?.map((c) => [c.name, c.file, c.headerRange.start.line, c.headerRange.end.line, c.headerRange.end.character]), [['site', `${ROOT}/main.tf`, 5, 5, 15]]);
    assert.equal(resource(model, 'module.logs.aws_s3_bucket.this').attributes.get('bucket')?.value.kind, 'string');
  });
});

void describe('nested modules and outputs', () => {
  void it('nested modules get nested addresses, inputs flow down, outputs flow up', () => {
    const model = buildModel({
      'main.tf': 'module "app" {\n  source = "./app"\n  env    = "prod"\n}\nresource "t" "r" {\n  v = module.app.bucket_name\n  arn = module.app.bucket_arn\n}\n',
      'app/main.tf': 'variable "env" {}\nmodule "store" {\n  source = "../modules/bucket"\n  name   = "${var.env}-store"\n}\noutput "bucket_name" {\n  value = module.store.name\n}\noutput "bucket_arn" {\n  value = module.store.arn\n}\n',
      ...BUCKET_MODULE,
    });
    const inner = resource(model, 'module.app.module.store.aws_s3_bucket.this');
    assert.deepEqual([inner.modulePath, inner.callers?.map((c) => c.name), data(inner.attributes.get('bucket')?.value ?? { kind: 'null' })], [['app', 'store'], ['app', 'store'], 'prod-store']);
    assert.equal(data(attribute(model, 't.r', 'v')), 'PROD-STORE');
    const arn = attribute(model, 't.r', 'arn');
    assert.deepEqual(arn.kind === 'unknown' ? arn.references : undefined, [
      { address: 'aws_s3_bucket.this', fullAddress: 'module.app.module.store.aws_s3_bucket.this', attribute: 'arn' },
    ]);
  });

  void it('count and for_each on a module call expand its instances', () => {
    const model = buildModel({
      'main.tf': 'module "b" {\n  for_each = { x = "public-read", y = "private" }\n  source = "./modules/bucket"\n  name = each.key\n  acl = each.value\n}\nmodule "c" {\n  count = 2\n  source = "./modules/bucket"\n  name = "c${count.index}"\n}\nresource "t" "r" {\n  v = module.b["y"].name\n  w = module.c[*].name\n}\n',
      ...BUCKET_MODULE,
    });
    assert.deepEqual(model.resources.map((r) => [r.address, data(r.attributes.get('acl')?.value ?? { kind: 'null' })]), [
      ['t.r', null],
      ['module.b["x"].aws_s3_bucket.this', 'public-read'],
      ['module.b["y"].aws_s3_bucket.this', 'private'],
      ['module.c[0].aws_s3_bucket.this', 'private'],
      ['module.c[1].aws_s3_bucket.this', 'private'],
    ]);
    assert.deepEqual(resource(model, 'module.b["x"].aws_s3_bucket.this').modulePath, ['b["x"]']);
    assert.deepEqual(resource(model, 'module.c[1].aws_s3_bucket.this').callers?.map((c) => c.name), ['c']);
    assert.equal(data(attribute(model, 't.r', 'v')), 'Y');
    assert.deepEqual(data(attribute(model, 't.r', 'w')), ['C0', 'C1']);
  });
});

void describe('module problems and remote modules', () => {
  void it('a module that calls itself is reported and not followed', () => {
    const model = buildModel({ 'main.tf': 'module "loop" {\n  source = "./loop"\n}\n', 'loop/main.tf': 'module "again" {\n  source = "../loop"\n}\nresource "t" "r" {}\n' });
    assert.deepEqual(model.resources.map((r) => r.address), ['module.loop.t.r']);
    assert.deepEqual(diagnostics(model), [[`${ROOT}/loop/main.tf`, 1, 11, 'error', 'Module "again" calls ../loop, which is already being loaded (a recursive module call); not followed']]);
  });

  void it('a missing local module directory and an unknown input are reported at the call', () => {
    const model = buildModel({ 'main.tf': 'module "gone" {\n  source = "./nowhere"\n}\nmodule "b" {\n  source = "./modules/bucket"\n  name = "n"\n  colour = "red"\n}\n', ...BUCKET_MODULE });
    assert.deepEqual(diagnostics(model), [
      [`${ROOT}/main.tf`, 1, 11, 'error', `Module "gone": cannot read the module directory ${ROOT}/nowhere`],
      [`${ROOT}/main.tf`, 6, 2, 'warning', 'Module "b" has no variable "colour"'],
    ]);
  });

  void it('a remote module is found through .terraform/modules/modules.json; without it, it is reported as not downloaded', () => {
    const files = {
      'main.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n  name = "main"\n}\n',
      '.terraform/modules/vpc/main.tf': 'variable "name" {}\nresource "aws_vpc" "this" {\n  tags = { Name = var.name }\n}\n',
    };
    const modulesJson = JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'vpc', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Version: '5.0.0', Dir: '.terraform/modules/vpc' }] });
    const downloaded = buildModel({ ...files, '.terraform/modules/modules.json': modulesJson });
    assert.deepEqual(downloaded.resources.map((r) => [r.address, r.file]), [['module.vpc.aws_vpc.this', `${ROOT}/.terraform/modules/vpc/main.tf`]]);
    const notDownloaded = buildModel(files);
    assert.deepEqual(notDownloaded.resources, []);
    assert.deepEqual(diagnostics(notDownloaded), [[`${ROOT}/main.tf`, 1, 12, 'info', 'Module "vpc" (source "terraform-aws-modules/vpc/aws") is not downloaded: run terraform init to include its resources']]);
  });
});
