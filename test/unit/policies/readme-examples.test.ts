// The examples in each policy's README are what a security engineer copies: they must be valid
// Terraform (whole resources, not fragments), the "Incorrect" example must fail the policy and the
// "Correct" one must not.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseFile } from '../../../server/src/hcl';
import { evaluatePolicies, loadPolicy } from '../../../server/src/engine';
import { modelOf } from '../engine/harness';

const PACK = path.resolve(__dirname, '../../../policies');

function policyDirs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (!e.isDirectory() || e.name === 'fixtures') return [];
    return fs.existsSync(path.join(full, 'policy.yaml')) ? [full] : policyDirs(full);
  });
}

/** The ```hcl blocks of a README section (`## Incorrect`), joined: one module. */
function sectionExamples(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const next = readme.indexOf('\n## ', start + heading.length + 2);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

void describe('policy README examples', () => {
  for (const dir of policyDirs(PACK).sort()) {
    const id = path.basename(dir);
    void it(id, () => {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      const loaded = loadPolicy(fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8'), path.join(dir, 'policy.yaml'));
      assert.ok(loaded.policy, `${id} loads`);
      const verdicts: Record<string, string[]> = {};
      for (const heading of ['## Incorrect', '## Correct']) {
        const text = sectionExamples(readme, heading);
        assert.notEqual(text.trim(), '', `${id}: "${heading}" has an hcl example`);
        assert.deepEqual(parseFile('/m/main.tf', text).errors.map((e) => e.message), [], `${id}: "${heading}" example is valid HCL`);
        const results = evaluatePolicies(modelOf({ '/m/main.tf': text }), [loaded.policy], { today: '2026-06-01' });
        verdicts[heading] = results.map((r) => r.status);
      }
      assert.ok(verdicts['## Incorrect']!.includes('fail'), `${id}: the "Incorrect" example fails (got ${verdicts['## Incorrect']!.join(', ') || 'no result'})`);
      // A correct example may use another resource type (a group attachment instead of a user's).
      assert.ok(!verdicts['## Correct']!.includes('fail'), `${id}: the "Correct" example does not fail (got ${verdicts['## Correct']!.join(', ')})`);
    });
  }
});
