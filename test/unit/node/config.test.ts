// .tfpolicy.yaml: values resolved against the file's directory, errors with exact positions, a bad
// value dropped on its own (the rest applies), unknown policy ids reported at their mention,
// severity overrides and enable/disable applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyConfig, DEFAULT_CONFIG, findConfigFile, parseConfig } from '../../../server/src/node/config';
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
    mentions: [
      { id: 'aws-ebs-volume-unencrypted', range: { start: { line: 0, character: 10, offset: 10 }, end: { line: 0, character: 36, offset: 36 } } },
      { id: 'aws-rds-storage-unencrypted', range: { start: { line: 2, character: 2, offset: 50 }, end: { line: 2, character: 29, offset: 77 } } },
    ],
  });
});

test('an empty file is the default configuration', () => {
  assert.deepEqual(parseConfig('', FILE), { config: { file: FILE, disable: [], severity: {}, exclude: [], policyDirs: [], varFiles: [], mentions: [] }, errors: [] });
});

test('schema errors point at the offending key or value (0-based)', () => {
  const { errors } = parseConfig('disable: [aws-x]\nseverity:\n  aws-x: urgent\nexlude: []\n', FILE);
  assert.deepEqual(errors.map((e) => [e.message, e.range?.start.line, e.range?.start.character]), [
    ['.tfpolicy.yaml: unknown setting "exlude"', 3, 0],
    ['.tfpolicy.yaml: "severity.aws-x" must be one of low, medium, high, critical', 2, 9],
  ]);
});

/** `message @line:character-line:character` (0-based) for exact assertions. */
const at = (e: { message: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }): string =>
  `${e.message} @${e.range ? `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}` : 'none'}`;

test('a bad value is dropped on its own: every other key and entry still applies', () => {
  const { config, errors } = parseConfig([
    'disable: [aws-a, Not_An_Id, 7, aws-b]',
    'severity:',
    '  aws-c: urgent',
    '  aws-d: low',
    'exclude: ["legacy/**"]',
    'policyDirs: policies',
    'varFiles: [env/prod.tfvars, ""]',
    'exlude: []',
  ].join('\n'), FILE);
  assert.deepEqual(errors.map(at), [
    '.tfpolicy.yaml: unknown setting "exlude" @7:0-7:6',
    '.tfpolicy.yaml: "disable.1" must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$" @0:17-0:26',
    '.tfpolicy.yaml: "disable.2" must be string @0:28-0:29',
    '.tfpolicy.yaml: "severity.aws-c" must be one of low, medium, high, critical @2:9-2:15',
    '.tfpolicy.yaml: "policyDirs" must be array @5:12-5:20',
    '.tfpolicy.yaml: "varFiles.1" must NOT have fewer than 1 characters @6:28-6:30',
  ]);
  assert.deepEqual(config.disable, ['aws-a', 'aws-b']);
  assert.deepEqual(config.severity, { 'aws-d': 'low' });
  assert.deepEqual(config.exclude, ['legacy/**']);
  assert.deepEqual(config.policyDirs, []);
  assert.deepEqual(config.varFiles, ['/repo/infra/env/prod.tfvars']);
});

test('a file that is not a mapping is reported and ignored', () => {
  const { config, errors } = parseConfig('- disable\n', FILE);
  assert.deepEqual(errors.map(at), ['.tfpolicy.yaml: the configuration must be object @0:0-1:0']);
  assert.deepEqual(config, { ...DEFAULT_CONFIG, file: FILE });
});

test('unknown policy ids are reported at every mention, with their position', () => {
  const { config } = parseConfig('disable: [aws-a, aws-typo]\nenable:\n  - aws-b\nseverity:\n  aws-typo: low\n  "aws-other": high\n', FILE);
  const { policies, errors } = applyConfig([policy('aws-a'), policy('aws-b')], config);
  assert.deepEqual(policies.map((p) => p.id), ['aws-b']);
  assert.deepEqual(errors.map((e) => `${e.file} ${at(e)}`), [
    `${FILE} .tfpolicy.yaml: unknown policy id "aws-typo" @0:17-0:25`,
    `${FILE} .tfpolicy.yaml: unknown policy id "aws-typo" @4:2-4:10`,
    `${FILE} .tfpolicy.yaml: unknown policy id "aws-other" @5:2-5:13`,
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
