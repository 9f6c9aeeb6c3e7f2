// The meta-test of the built-in pack (conventions.md, "Policies"): every policy loads against the
// schema, has a unique id that matches its folder, complete docs, and fixtures that fail, pass
// (or stay unknown / suppressed) exactly as declared — evaluated with the real parser and model —
// and every fix it offers there parses (ours and hashicorp/hcl's parser) and removes its finding.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { compareFixture, evaluatePolicies, loadPolicy, SEVERITIES, type Policy, type PolicyResult } from '../../../server/src/engine';
import { applyEdits, checkFixes, describeFixProblem } from '../../../server/src/engine/fixtures';
import { modelOf, type Files } from '../engine/harness';

const PACK = path.resolve(__dirname, '../../../policies');
const README_SECTIONS = ['## What', '## Why it matters', '## Incorrect', '## Correct', '## How to fix', '## References'];
const TODAY = '2026-06-01';
const VIRTUAL_ROOT = '/fixture';

function policyFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : policyFiles(full);
    return e.name === 'policy.yaml' ? [full] : [];
  });
}

/** A fixture as in-memory files under /fixture: one .tf file, or a directory tree. */
function fixtureFiles(policyDir: string, fixturePath: string): Files {
  const full = path.join(policyDir, fixturePath);
  if (fs.statSync(full).isFile()) return { [`${VIRTUAL_ROOT}/main.tf`]: fs.readFileSync(full, 'utf8') };
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files[`${VIRTUAL_ROOT}/${path.relative(full, p).split(path.sep).join('/')}`] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(full);
  return files;
}

function evaluateFixture(policy: Policy, files: Files): PolicyResult[] {
  return evaluatePolicies(modelOf(files, VIRTUAL_ROOT), [policy], { today: TODAY });
}

const loaded = policyFiles(PACK).sort().map((file) => ({ file, ...loadPolicy(fs.readFileSync(file, 'utf8'), file) }));

void describe('policy pack', () => {
  void it('has policies', () => assert.ok(loaded.length >= 8, `only ${loaded.length} policies`));

  void it('every policy loads without errors', () => {
    for (const l of loaded) assert.deepEqual(l.errors, [], `${l.file}: ${l.errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`).join('; ')}`);
  });

  void it('ids are unique and match <provider>/<id>/ folders', () => {
    const ids = new Set<string>();
    for (const l of loaded) {
      const id = l.policy!.id;
      assert.ok(!ids.has(id), `duplicate id ${id}`);
      ids.add(id);
      const dir = path.dirname(l.file);
      assert.equal(path.basename(dir), id);
      assert.equal(path.basename(path.dirname(dir)), id.split('-')[0]);
      assert.ok(SEVERITIES.includes(l.policy!.severity));
    }
  });

  for (const l of loaded) {
    const policy = l.policy;
    if (!policy) continue;
    const dir = path.dirname(l.file);
    void describe(policy.id, () => {
      void it('README has the required sections and names the id and references', () => {
        const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
        assert.ok(readme.startsWith(`# ${policy.id} `), 'README title starts with the id');
        for (const section of README_SECTIONS) assert.ok(readme.includes(`\n${section}\n`), `missing section ${section}`);
        for (const ref of policy.references) assert.ok(readme.includes(ref), `README does not explain reference ${ref}`);
      });

      void it('declares fixtures that fail and pass', () => {
        assert.ok(policy.fixtures.some((f) => f.fail.length > 0), 'no failing fixture resource');
        assert.ok(policy.fixtures.some((f) => f.pass.length > 0), 'no passing fixture resource');
      });

      for (const fixture of policy.fixtures) {
        void it(`fixture ${fixture.path} behaves as declared`, () => {
          const results = evaluateFixture(policy, fixtureFiles(dir, fixture.path));
          const mismatches = compareFixture(fixture, results);
          assert.deepEqual(mismatches, [], mismatches.map((m) => `${m.resource}: expected ${m.expected ?? '(not listed)'}, got ${m.actual ?? '(no result)'} ${m.message ?? ''}`).join('\n'));
        });

        // The same check as `tfpolicy test`, plus hashicorp/hcl's parser on the fixed text.
        void it(`fixes in ${fixture.path} parse and remove their findings`, async () => {
          const files = fixtureFiles(dir, fixture.path);
          const results = evaluateFixture(policy, files);
          const textOf = (file: string): string | undefined => files[file];
          const problems = checkFixes(results, textOf, (changed) => evaluateFixture(policy, { ...files, ...Object.fromEntries(changed) }));
          assert.deepEqual(problems.map(describeFixProblem), []);
          for (const result of results) {
            const changed = result.status === 'fail' && result.fix ? applyEdits(textOf, result.fix.edits) : undefined;
            for (const [file, text] of changed ?? []) if (!file.endsWith('.json')) await hcl2json(file, text);
          }
        });
      }
    });
  }
});
