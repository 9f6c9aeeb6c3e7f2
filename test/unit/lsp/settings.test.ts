// Whatever the client sends, the server ends up with complete, valid settings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysesOnType, LARGE_DOCUMENT_CHARS, sanitizeSettings } from '../../../server/src/lsp/settings';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';

void test('missing or malformed settings fall back to the defaults, field by field', () => {
  assert.deepEqual(sanitizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(sanitizeSettings('nonsense'), DEFAULT_SETTINGS);
  assert.deepEqual(sanitizeSettings({
    enable: 'yes', run: 'sometimes', debounceMs: 'fast', minimumSeverity: 'urgent', diagnosticSeverity: { high: 'fatal', low: 'hint' },
    showSyntaxErrors: 0, policyDirs: ['rules', 3, ''], varFiles: 'prod.tfvars', variables: { region: 'eu-west-1', count: 2, bad: {} },
    trace: { server: 'loud' },
  }), {
    ...DEFAULT_SETTINGS,
    diagnosticSeverity: { ...DEFAULT_SETTINGS.diagnosticSeverity, low: 'hint' },
    policyDirs: ['rules'],
    variables: { region: 'eu-west-1', count: '2' },
  });
});

void test('valid values are kept; the debounce is clamped to 0..10000 ms', () => {
  const s = sanitizeSettings({ enable: false, run: 'onSave', debounceMs: 99999, minimumSeverity: 'medium', trace: { server: 'verbose' } });
  assert.deepEqual([s.enable, s.run, s.debounceMs, s.minimumSeverity, s.trace.server], [false, 'onSave', 10000, 'medium', 'verbose']);
  assert.equal(sanitizeSettings({ debounceMs: -5 }).debounceMs, 0);
});

test('documents over 1,000,000 characters are analysed on open and save only, even with run: onType', () => {
  assert.equal(analysesOnType({ run: 'onType' }, LARGE_DOCUMENT_CHARS), true);
  assert.equal(analysesOnType({ run: 'onType' }, LARGE_DOCUMENT_CHARS + 1), false);
  assert.equal(analysesOnType({ run: 'onSave' }, 10), false);
});
