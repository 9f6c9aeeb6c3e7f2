// package.json and server/src/protocol describe the same settings and commands: same keys, same
// defaults, same enums. The manifest is what users see in the Settings UI; the protocol module is
// what the server reads. They must never drift apart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  COMMANDS, DEFAULT_SETTINGS, DIAGNOSTIC_LEVELS, POLICY_SEVERITIES, RESTRICTED_SETTINGS, RUN_MODES, TRACE_LEVELS,
} from '../../../server/src/protocol';
import picomatch from 'picomatch';
import { DOCUMENT_SELECTOR } from '../../../client/src/selector';
import { WATCHED_GLOBS } from '../../../server/src/lsp/server';
import { sanitizeSettings } from '../../../server/src/lsp/settings';
import { terraformFileKind } from '../../../server/src/node/files';

const root = path.resolve(__dirname, '../../..');

interface SettingSchema {
  type?: string;
  default?: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  properties?: Record<string, SettingSchema>;
}
interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] } };
  contributes: {
    languages: { id: string; extensions: string[]; aliases: string[]; configuration: string }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, SettingSchema> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

/**
 * The manifest key of every setting in DEFAULT_SETTINGS. An object value is one setting when the
 * manifest declares it (e.g. `tfpolicy.diagnosticSeverity`), otherwise a group (`tfpolicy.trace.server`).
 */
function protocolSettings(value: Record<string, unknown>, prefix: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    const name = `${prefix}.${key}`;
    if (name in properties || typeof v !== 'object' || v === null || Array.isArray(v)) out.set(name, v);
    else for (const [k, nested] of protocolSettings(v as Record<string, unknown>, name)) out.set(k, nested);
  }
  return out;
}

const fromProtocol = protocolSettings(DEFAULT_SETTINGS as unknown as Record<string, unknown>, 'tfpolicy');

void test('package.json declares exactly the settings of the protocol module', () => {
  assert.deepEqual(Object.keys(properties).sort(), [...fromProtocol.keys()].sort());
});

void test('every setting has the same default in package.json and in the protocol module', () => {
  for (const [key, value] of fromProtocol) assert.deepEqual(properties[key]?.default, value, key);
});

void test('every setting is prefixed, typed, scoped and documented', () => {
  for (const [key, schema] of Object.entries(properties)) {
    assert.match(key, /^tfpolicy\.[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/, key);
    assert.ok(schema.type, `${key} has a type`);
    assert.ok(['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(schema.scope ?? ''), `${key} has a scope`);
    assert.ok((schema.description ?? schema.markdownDescription ?? '').length > 20, `${key} is documented`);
  }
});

void test('enum settings offer exactly the values the server accepts', () => {
  assert.deepEqual(properties['tfpolicy.run']?.enum, RUN_MODES);
  assert.deepEqual(properties['tfpolicy.minimumSeverity']?.enum, POLICY_SEVERITIES);
  assert.deepEqual(properties['tfpolicy.trace.server']?.enum, TRACE_LEVELS);
  const perSeverity = properties['tfpolicy.diagnosticSeverity']?.properties ?? {};
  assert.deepEqual(Object.keys(perSeverity).sort(), [...POLICY_SEVERITIES].sort());
  for (const schema of Object.values(perSeverity)) assert.deepEqual(schema.enum, DIAGNOSTIC_LEVELS);
});

void test('the manifest defaults, read by the server, are the protocol defaults', () => {
  const nested: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const parts = key.split('.').slice(1);
    let target = nested;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1] as string] = schema.default;
  }
  assert.deepEqual(sanitizeSettings(nested), DEFAULT_SETTINGS);
});

void test('commands: the protocol ids, each with the tfpolicy category and a title', () => {
  const commands = manifest.contributes.commands;
  assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  for (const c of commands) {
    assert.equal(c.category, 'tfpolicy', c.command);
    assert.ok(c.title.length > 0 && !c.title.startsWith('tfpolicy'), `${c.command}: the category already names the extension`);
  }
});

void test('activation is narrow: Terraform languages and workspaces with Terraform files', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:terraform', 'onLanguage:terraform-vars', 'workspaceContains:**/*.{tf,tf.json,tfvars,tfvars.json}']);
  assert.equal(manifest.main, './dist/client.js');
});

/** One file of every kind the server reads as Terraform, in a nested folder. */
const TERRAFORM_FILES = ['infra/main.tf', 'infra/main.tf.json', 'infra/prod.tfvars', 'infra/terraform.tfvars.json'];

void test('a workspace with only JSON-syntax Terraform files activates the extension too', () => {
  const globs = manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  for (const file of TERRAFORM_FILES) {
    assert.ok(terraformFileKind(file), file);
    assert.ok(globs.some((g) => picomatch(g)(file)), `${file} activates the extension`);
  }
});

void test('the client hands the server every file kind the server watches (by pattern, whatever the language id)', () => {
  const patterns = DOCUMENT_SELECTOR.flatMap((s) => ('pattern' in s && s.pattern ? [s.pattern] : []));
  for (const glob of WATCHED_GLOBS) assert.ok(patterns.includes(glob), `${glob} is in the document selector`);
  for (const file of TERRAFORM_FILES) assert.ok(patterns.some((p) => picomatch(p)(file)), file);
  assert.ok(DOCUMENT_SELECTOR.every((s) => s.scheme === 'file'), 'the server reads the file system: file: documents only');
});

void test('languages: terraform for .tf and terraform-vars for .tfvars, with a language configuration', () => {
  const languages = manifest.contributes.languages.map((l) => ({ id: l.id, extensions: l.extensions }));
  assert.deepEqual(languages, [{ id: 'terraform', extensions: ['.tf'] }, { id: 'terraform-vars', extensions: ['.tfvars'] }]);
  for (const l of manifest.contributes.languages) {
    const config = JSON.parse(fs.readFileSync(path.join(root, l.configuration), 'utf8')) as { comments: unknown };
    assert.deepEqual(config.comments, { lineComment: '#', blockComment: ['/*', '*/'] });
  }
});

void test('untrusted workspaces: limited, restricting exactly the settings that load workspace files', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(untrusted.restrictedConfigurations, RESTRICTED_SETTINGS);
  for (const key of untrusted.restrictedConfigurations) assert.ok(key in properties, key);
});
