// docs/policies.md is generated from the pack (`npm run docs`); this keeps it from going stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { policiesMarkdown } from '../../../server/src/cli/policies-command';
import { builtinPoliciesDir, loadPolicyDirs } from '../../../server/src/node/policies';

test('docs/policies.md matches the built-in pack (regenerate with `npm run docs`)', () => {
  const { policies, errors } = loadPolicyDirs([builtinPoliciesDir()]);
  assert.deepEqual(errors, []);
  const committed = fs.readFileSync(path.resolve(__dirname, '../../../docs/policies.md'), 'utf8');
  assert.equal(committed, policiesMarkdown(policies));
});
