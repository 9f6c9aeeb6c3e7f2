// .tfpolicy.yaml: values resolved against the file's directory, errors with exact positions,
// unknown policy ids reported, severity overrides and enable/disable applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyConfig, findConfigFile, parseConfig } from '../../../server/src/node/config';
import type { Policy } from '../../../server/src/engine';

const FILE = '/repo/infra/.tfpolicy.yaml';

function policy(id: string, severity: Policy['severity'] = 'high'): Policy {
  return { id, title: id, severity, description: '', resourceTypes: [], remediation: '', references: [], rules: [], fixtures: [] };
}

test('a valid file: paths resolved relative to the config file', () => {
  const { config, errors } = parseConfig([
    'disable: [aws-ebs-volume-unencrypted]',
    'severity:',
    '  aws-rds-storage-unencrypted: critical',
    'exclude: ["legacy/**"]',
    'policyDirs: [../security/policies]',
    'varFiles: [env/prod.tfvars]',
  ].join('\n'), FILE);
  assert.deepEqual(errors, []);
  assert.deepEqual(config, {
    file: FILE,
    disable: ['aws-ebs-volume-unencrypted'],
    severity: { 'aws-rds-storage-unencrypted': 'critical' },
    exclude: ['legacy/**'],
    policyDirs: ['/repo/security/policies'],
    varFiles: ['/repo/infra/env/prod.tfvars'],
  });
});

test('an empty file is the default configuration', () => {
  assert.deepEqual(parseConfig('', FILE), { config: { file: FILE, disable: [], severity: {}, exclude: [], policyDirs: [], varFiles: [] }, errors: [] });
});

test('schema errors point at the offending key or value (0-based)', () => {
  const { errors } = parseConfig('disable: [aws-x]\nseverity:\n  aws-x: urgent\nexlude: []\n', FILE);
  assert.deepEqual(errors.map((e) => [e.message, e.range?.start.line, e.range?.start.character]), [
    ['.tfpolicy.yaml: unknown setting "exlude"', 3, 0],
    ['.tfpolicy.yaml: "severity.aws-x" must be one of low, medium, high, critical', 2, 9],
  ]);
});

test('YAML syntax errors carry their position and fall back to defaults', () => {
  const { config, errors } = parseConfig('disable: [unclosed\nseverity: {}\n', FILE);
  assert.equal(errors.length > 0, true);
  assert.equal(errors[0]!.file, FILE);
  assert.equal(typeof errors[0]!.range?.start.line, 'number');
  assert.deepEqual(config.disable, []);
});

test('applyConfig: disable, enable and severity overrides; unknown ids are errors', () => {
  const all = [policy('aws-a'), policy('aws-b'), policy('aws-c', 'low')];
  const base = { disable: ['aws-a'], severity: { 'aws-c': 'critical' as const, 'aws-typo': 'low' as const }, exclude: [], policyDirs: [], varFiles: [], file: FILE };
  const { policies, errors } = applyConfig(all, base);
  assert.deepEqual(policies.map((p) => [p.id, p.severity]), [['aws-b', 'high'], ['aws-c', 'critical']]);
  assert.deepEqual(errors.map((e) => e.message), ['.tfpolicy.yaml: unknown policy id "aws-typo"']);
  const only = applyConfig(all, { ...base, disable: [], severity: {}, enable: ['aws-b'] });
  assert.deepEqual(only.policies.map((p) => p.id), ['aws-b']);
});

test('findConfigFile takes the nearest ancestor', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-config-'));
  fs.mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
  fs.writeFileSync(path.join(root, '.tfpolicy.yaml'), '');
  fs.writeFileSync(path.join(root, 'a/.tfpolicy.yaml'), '');
  assert.equal(findConfigFile(path.join(root, 'a/b/c')), path.join(root, 'a/.tfpolicy.yaml'));
  assert.equal(findConfigFile(root), path.join(root, '.tfpolicy.yaml'));
});
