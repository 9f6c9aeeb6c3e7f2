// The bundled CLI (dist/cli.js) as a CI job runs it: exact findings on the bundled example, exit
// codes (0 clean, 1 findings, 2 could not do it), and every format on stdout or --output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const corpus = path.resolve(repoRoot, '../shared/corpus');

function run(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

interface JsonFinding { policyId: string; file: string; resource: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }

/** The policies of the walking skeleton; the example has exactly one finding for each. */
const CORE_POLICIES = new Set([
  'aws-iam-policy-admin-wildcard', 'aws-rds-storage-unencrypted', 'aws-rds-publicly-accessible', 'aws-ebs-volume-unencrypted',
  'aws-s3-bucket-public-acl', 'aws-security-group-ssh-open-to-world', 'aws-security-group-rdp-open-to-world',
  'azure-storage-account-https-only', 'gcp-compute-firewall-ssh-open-to-world',
]);

function exampleFindingCount(): number {
  return (JSON.parse(run(['scan', 'examples', '--format', 'json']).stdout) as { findings: unknown[] }).findings.length;
}

test('scan examples/ --format json: exact findings, 1-based ranges on the offending value, exit 1', () => {
  const r = run(['scan', 'examples', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[]; summary: { findings: number } };
  assert.deepEqual(json.errors, []);
  assert.equal(json.summary.findings, json.findings.length);
  const brief = json.findings.filter((f) => CORE_POLICIES.has(f.policyId)).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.policyId} ${f.resource}`);
  assert.deepEqual(brief, [
    'insecure-project/iam.tf:10:20-10:23 aws-iam-policy-admin-wildcard aws_iam_policy.deployer',
    'insecure-project/main.tf:30:25-30:30 aws-rds-storage-unencrypted aws_db_instance.orders',
    'insecure-project/main.tf:31:25-31:29 aws-rds-publicly-accessible aws_db_instance.orders',
    'insecure-project/main.tf:35:1-35:38 aws-ebs-volume-unencrypted aws_ebs_volume.scratch',
    'insecure-project/modules/storage/main.tf:12:12-12:19 aws-s3-bucket-public-acl module.logs.aws_s3_bucket.this',
    'insecure-project/network.tf:11:20-11:31 aws-security-group-ssh-open-to-world aws_security_group.bastion',
    'insecure-project/network.tf:36:24-36:30 aws-security-group-rdp-open-to-world aws_security_group_rule.windows_rdp',
    'insecure-project/other-clouds.tf:7:32-7:37 azure-storage-account-https-only azurerm_storage_account.reports',
    'insecure-project/other-clouds.tf:20:20-20:31 gcp-compute-firewall-ssh-open-to-world google_compute_firewall.allow_ssh',
  ]);
});

test('the insecure module input is traced to terraform.tfvars and the module call', () => {
  const json = JSON.parse(run(['scan', 'examples', '--format', 'json']).stdout) as { findings: (JsonFinding & { related: { file: string; range: JsonFinding['range'] }[] })[] };
  const acl = json.findings.find((f) => f.policyId === 'aws-s3-bucket-public-acl')!;
  assert.deepEqual(acl.related.map((r) => `${r.file}:${r.range.start.line}`), ['insecure-project/terraform.tfvars:2', 'insecure-project/main.tf:20'] /* the caller's `acl = var.logs_acl` */);
});

test('text output ends with a summary; --fail-on critical still fails on critical findings', () => {
  const r = run(['scan', 'examples', '--fail-on', 'critical']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^\d+ findings \(\d+ critical, \d+ high[a-z0-9, ]*\) in 7 files, 9 resources checked\.$/m);
});

test('exit 0 when no finding reaches --fail-on, and on a clean project', () => {
  const dir = tempProject({ 'main.tf': 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size = 1\n}\n' });
  assert.equal(run(['scan', dir, '--fail-on', 'critical']).status, 0);
  assert.equal(run(['scan', dir]).status, 1);
  const clean = tempProject({ 'main.tf': 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size      = 1\n  encrypted = true\n}\n' });
  const r = run(['scan', clean]);
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, 'No findings in 1 file, 1 resource checked.\n');
});

test('exit 2 on usage errors and missing paths', () => {
  assert.equal(run(['scan', 'no/such/dir']).status, 2);
  assert.match(run(['scan', 'no/such/dir']).stderr, /no such file or directory: no\/such\/dir/);
  assert.equal(run(['scan', 'examples', '--format', 'yaml']).status, 2);
  assert.equal(run(['scan', 'examples', '--fail-on', 'urgent']).status, 2);
  assert.equal(run(['frobnicate']).status, 2);
  assert.equal(run(['--help']).status, 0);
});

test('a path that is neither a directory nor a Terraform file is a usage error', () => {
  const dev = run(['scan', '/dev/null']);
  assert.equal(dev.status, 2);
  assert.equal(dev.stderr, 'tfpolicy: not a file or directory: /dev/null\n');
  const readme = run(['scan', 'README.md']);
  assert.equal(readme.status, 2);
  assert.equal(readme.stderr, 'tfpolicy: not a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json): README.md\n');
});

test('a scan that finds no Terraform file warns on stderr instead of passing silently', () => {
  const empty = tempProject({ 'notes.md': '# nothing here\n' });
  const r = run(['scan', empty]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'No findings in 0 files, 0 resources checked.\n');
  assert.equal(r.stderr, `tfpolicy: warning: no Terraform files (.tf, .tf.json) found in ${empty}\n`);
  const excluded = run(['scan', 'examples', '--exclude', '**']);
  assert.equal(excluded.stderr, 'tfpolicy: warning: no Terraform files (.tf, .tf.json) found in examples after --exclude\n');
});

test('a broken policy file is reported with its position and exits 2; the other policies still run', () => {
  const policies = tempProject({ 'mine/policy.yaml': 'id: my-policy\ntitle: Mine\nseverity: urgent\n' });
  const r = run(['scan', 'examples', '--format', 'json', '--policy-dir', policies]);
  assert.equal(r.status, 2);
  const json = JSON.parse(r.stdout) as { findings: unknown[]; errors: { file: string; kind: string; message: string; range?: unknown }[] };
  assert.equal(json.findings.length, exampleFindingCount());
  const severity = json.errors.find((e) => e.message === '"severity" must be one of "low", "medium", "high", "critical"');
  assert.equal(severity?.kind, 'policy');
  assert.equal(severity?.file, path.join(policies, 'mine/policy.yaml'), 'files outside the scanned path are shown absolute');
  assert.deepEqual(severity?.range, { start: { line: 3, column: 11 }, end: { line: 3, column: 17 } });
});

test('binary and broken .tf files are reported, every other file is still scanned, exit 2', () => {
  const dir = tempProject({
    'good.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n',
    'blob.tf': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
    'broken.tf': 'resource "aws_ebs_volume" "v" {\n  size = \n',
  });
  const r = run(['scan', dir, '--format', 'json']);
  assert.equal(r.status, 2);
  const json = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: { file: string; kind: string; message: string }[] };
  assert.ok(json.findings.some((f) => f.policyId === 'aws-rds-publicly-accessible' && f.file === 'good.tf'));
  assert.deepEqual(json.errors.filter((e) => e.kind === 'read').map((e) => [e.file, e.message]), [['blob.tf', 'binary file (contains NUL bytes); not scanned']]);
  assert.ok(json.errors.some((e) => e.kind === 'syntax' && e.file === 'broken.tf'));
});

test('--output writes the report to a file; sarif, junit and github formats render', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-out-')), 'report.sarif');
  const r = run(['scan', 'examples', '--format', 'sarif', '--output', out]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const sarif = JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const count = exampleFindingCount();
  assert.equal(sarif.runs[0]!.results.length, count);
  assert.match(run(['scan', 'examples', '--format', 'junit']).stdout, new RegExp(`<testsuites name="tfpolicy" tests="\\d+" failures="${count}" errors="0">`));
  assert.match(run(['scan', 'examples', '--format', 'github']).stdout, /^::error file=examples\/insecure-project\/iam.tf,line=10,col=20,/m);
});

test('TF_VAR_ and --var-file values reach the model', () => {
  const dir = tempProject({
    'main.tf': 'variable "public" {\n  type = bool\n}\nresource "aws_db_instance" "db" {\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n',
    'prod.tfvars': 'public = true\n',
  });
  const resultOf = (args: string[], env: NodeJS.ProcessEnv = {}): string[] =>
    (JSON.parse(run(['scan', dir, '--format', 'json', ...args], repoRoot, env).stdout) as { findings: JsonFinding[] }).findings
      .map((f) => f.policyId).filter((id) => id === 'aws-rds-publicly-accessible');
  assert.deepEqual(resultOf([]), [], 'a variable without a value is unknown: no finding');
  assert.deepEqual(resultOf([], { TF_VAR_public: 'true' }), ['aws-rds-publicly-accessible']);
  assert.deepEqual(resultOf(['--var-file', path.join(dir, 'prod.tfvars')]), ['aws-rds-publicly-accessible']);
});

test('policies --format json lists id, title, severity, resourceTypes, references', () => {
  const r = run(['policies', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const list = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.ok(list.length >= 8);
  for (const p of list) assert.deepEqual(Object.keys(p), ['id', 'title', 'severity', 'resourceTypes', 'references']);
  const acl = list.find((p) => p.id === 'aws-s3-bucket-public-acl');
  assert.deepEqual(acl?.resourceTypes, ['aws_s3_bucket', 'aws_s3_bucket_acl']);
});

test('terragoat (real-world corpus): exit 1 with findings that each have id, severity, file, 1-based range and address', (t) => {
  const terragoat = path.join(corpus, 'terragoat');
  if (!fs.existsSync(terragoat)) return t.skip(`corpus not found at ${terragoat}`);
  const r = run(['scan', terragoat, '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { findings: (JsonFinding & { severity: string })[]; errors: unknown[] };
  assert.deepEqual(json.errors, []);
  assert.ok(json.findings.length >= 5, `only ${json.findings.length} findings`);
  for (const f of json.findings) {
    assert.match(f.policyId, /^(aws|azure|gcp)-[a-z0-9-]+$/);
    assert.match(f.severity, /^(low|medium|high|critical)$/);
    assert.ok(fs.existsSync(path.join(terragoat, f.file)), f.file);
    assert.ok(f.range.start.line >= 1 && f.range.start.column >= 1);
    assert.match(f.resource, /^(module\.[^.]+\.)*[a-z0-9_]+\.[A-Za-z0-9_-]+(\[.+\])?$/);
    const line = fs.readFileSync(path.join(terragoat, f.file), 'utf8').split('\n')[f.range.start.line - 1] ?? '';
    assert.ok(line.trim().length > 0, `finding on an empty line: ${f.file}:${f.range.start.line}`);
  }
});

test('.tfpolicy.yaml above the scanned path: disable, severity override, exclude; its errors exit 2 with a position', () => {
  const dir = tempProject({
    '.tfpolicy.yaml': [
      'enable: [aws-rds-publicly-accessible, aws-rds-storage-unencrypted, aws-ebs-volume-unencrypted]',
      'disable: [aws-rds-storage-unencrypted]',
      'severity:',
      '  aws-rds-publicly-accessible: low',
      'exclude: ["app/legacy/**"]', // relative to the .tfpolicy.yaml
      '',
    ].join('\n'),
    'app/main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n',
    'app/legacy/old.tf': 'resource "aws_ebs_volume" "old" {\n  size = 1\n}\n',
  });
  const r = run(['scan', path.join(dir, 'app'), '--format', 'json', '--fail-on', 'medium']);
  assert.equal(r.status, 0, 'the only finding was lowered to low, below --fail-on medium');
  const json = JSON.parse(r.stdout) as { findings: (JsonFinding & { severity: string })[] };
  assert.deepEqual(json.findings.map((f) => [f.file, f.policyId, f.severity]), [['main.tf', 'aws-rds-publicly-accessible', 'low']]);

  fs.writeFileSync(path.join(dir, '.tfpolicy.yaml'), 'disable: [aws-rds-storage-unencrypted]\nseverty: {}\n');
  const broken = run(['scan', path.join(dir, 'app'), '--format', 'json']);
  assert.equal(broken.status, 2);
  const errors = (JSON.parse(broken.stdout) as { errors: { kind: string; message: string; range: JsonFinding['range'] }[] }).errors;
  assert.deepEqual(errors.map((e) => [e.kind, e.message, e.range.start.line, e.range.start.column]), [['config', '.tfpolicy.yaml: unknown setting "severty"', 2, 1]]);
});

test('github and SARIF paths are relative to the working directory; several roots never collide', () => {
  const a = tempProject({ 'main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n' });
  const b = tempProject({ 'main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n' });
  const parent = path.dirname(a);
  const json = JSON.parse(run(['scan', path.basename(a), path.basename(b), '--format', 'json'], parent).stdout) as { findings: JsonFinding[] };
  const files = new Set(json.findings.map((f) => f.file));
  assert.deepEqual([...files].sort(), [`${path.basename(a)}/main.tf`, `${path.basename(b)}/main.tf`].sort());
  const sarif = JSON.parse(run(['scan', path.basename(a), '--format', 'sarif'], parent).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, `${path.basename(a)}/main.tf`);
});

test('scanning a .tfvars file reports the findings whose bad value it sets', () => {
  const dir = tempProject({
    'main.tf': 'variable "public" {\n  type    = bool\n  default = false\n}\nresource "aws_db_instance" "db" {\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n',
    'terraform.tfvars': 'public = true\n',
  });
  const r = run(['scan', path.join(dir, 'terraform.tfvars'), '--format', 'json']);
  assert.equal(r.status, 1, r.stdout);
  const json = JSON.parse(r.stdout) as { findings: (JsonFinding & { related: { file: string }[] })[] };
  const finding = json.findings.find((f) => f.policyId === 'aws-rds-publicly-accessible');
  assert.equal(finding?.file, 'main.tf');
  assert.deepEqual(finding?.related.map((x) => x.file), ['terraform.tfvars']);
});

test('a custom policy reusing a built-in id is an error, and the built-in still runs', () => {
  const policies = tempProject({ 'mine/policy.yaml': fs.readFileSync(path.join(repoRoot, 'policies/aws/aws-ebs-volume-unencrypted/policy.yaml'), 'utf8') });
  const dir = tempProject({ 'main.tf': 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n' });
  const r = run(['scan', dir, '--format', 'json', '--policy-dir', policies]);
  assert.equal(r.status, 2);
  const json = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: { message: string }[] };
  assert.ok(json.findings.some((f) => f.policyId === 'aws-ebs-volume-unencrypted'));
  assert.deepEqual(json.errors.map((e) => e.message), ['duplicate policy id "aws-ebs-volume-unencrypted" (already defined by a built-in policy); this file is ignored']);
});

test('overlapping paths analyse each module once: no duplicates, no called module re-reported as a root', () => {
  const dir = tempProject({
    'main.tf': 'module "m" {\n  source = "./mod"\n  acl    = "private"\n}\n',
    'mod/main.tf': 'variable "acl" {\n  default = "public-read"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = var.acl\n}\n',
    'single/a.tf': 'resource "aws_ebs_volume" "a" {\n  availability_zone = "eu-west-1a"\n}\n',
    'single/b.tf': 'resource "aws_ebs_volume" "b" {\n  availability_zone = "eu-west-1a"\n}\n',
  });
  const ids = (args: string[]): string[] => (JSON.parse(run(['scan', ...args, '--format', 'json'], dir).stdout) as { findings: JsonFinding[] }).findings
    .filter((f) => f.policyId === 'aws-s3-bucket-public-acl' || f.policyId === 'aws-ebs-volume-unencrypted').map((f) => `${f.file} ${f.resource}`);
  assert.deepEqual(ids(['.', 'mod']), ['single/a.tf aws_ebs_volume.a', 'single/b.tf aws_ebs_volume.b']);
  assert.deepEqual(ids(['single', 'single']), ['single/a.tf aws_ebs_volume.a', 'single/b.tf aws_ebs_volume.b']);
  const twoFiles = JSON.parse(run(['scan', 'single/a.tf', 'single/b.tf', '--format', 'json'], dir).stdout) as { summary: { files: number; resources: number; findings: number } };
  assert.deepEqual([twoFiles.summary.files, twoFiles.summary.resources], [2, 2]);
  assert.deepEqual(ids(['single/a.tf', 'single/b.tf']), ['single/a.tf aws_ebs_volume.a', 'single/b.tf aws_ebs_volume.b']);
});

test('a path .tfpolicy.yaml excludes is named on stderr; a pipe behind a .tf symlink is an error, not a hang', () => {
  const dir = tempProject({ '.tfpolicy.yaml': 'exclude: ["legacy/**"]\n', 'legacy/main.tf': 'resource "aws_ebs_volume" "x" {\n}\n' });
  const excluded = run(['scan', 'legacy'], dir);
  assert.equal(excluded.status, 0);
  assert.equal(excluded.stderr, 'tfpolicy: warning: legacy is excluded by .tfpolicy.yaml; not scanned\n');
  const excludedFile = run(['scan', 'legacy/main.tf'], dir);
  assert.equal(excludedFile.stderr, 'tfpolicy: warning: legacy/main.tf is excluded by .tfpolicy.yaml; not scanned\n');

  const piped = tempProject({ 'z.tf': 'resource "aws_ebs_volume" "z" {\n  encrypted = true\n}\n' });
  spawnSync('mkfifo', [path.join(piped, 'pipe')]);
  fs.symlinkSync('pipe', path.join(piped, 'link.tf'));
  const r = spawnSync(process.execPath, [cli, 'scan', piped, '--format', 'json'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2);
  assert.deepEqual((JSON.parse(r.stdout) as { errors: unknown[] }).errors, [{ file: 'link.tf', kind: 'read', message: 'not a regular file (a pipe, socket or device); not scanned' }]);
});

test('a module called by two roots: one result per root, told apart in JSON (root), SARIF (message, fingerprint) and GitHub annotations', () => {
  const module = 'variable "acl" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = var.acl\n}\n';
  const caller = 'module "q" {\n  source = "../../modules/q"\n  acl    = "public-read"\n}\n';
  const dir = tempProject({ 'modules/q/main.tf': module, 'envs/dev/main.tf': caller, 'envs/prod/main.tf': caller });
  const json = JSON.parse(run(['scan', '.', '--format', 'json'], dir).stdout) as { findings: (JsonFinding & { root: string })[] };
  const acl = json.findings.filter((f) => f.policyId === 'aws-s3-bucket-public-acl');
  assert.deepEqual(acl.map((f) => [f.file, f.resource, f.root]), [
    ['modules/q/main.tf', 'module.q.aws_s3_bucket.b', 'envs/dev'],
    ['modules/q/main.tf', 'module.q.aws_s3_bucket.b', 'envs/prod'],
  ]);
  const sarif = JSON.parse(run(['scan', '.', '--format', 'sarif'], dir).stdout) as { runs: { results: { ruleId: string; message: { text: string }; partialFingerprints: Record<string, string> }[] }[] };
  const results = sarif.runs[0]!.results.filter((r) => r.ruleId === 'aws-s3-bucket-public-acl');
  assert.deepEqual(results.map((r) => r.message.text), [
    'S3 bucket ACL grants public access: acl is "public-read" (module.q.aws_s3_bucket.b in envs/dev)',
    'S3 bucket ACL grants public access: acl is "public-read" (module.q.aws_s3_bucket.b in envs/prod)',
  ]);
  assert.notEqual(results[0]!.partialFingerprints['tfpolicyResult/v1'], results[1]!.partialFingerprints['tfpolicyResult/v1']);
  assert.match(run(['scan', '.', '--format', 'github'], dir).stdout, /\[module\.q\.aws_s3_bucket\.b in envs\/prod\]/);
});
