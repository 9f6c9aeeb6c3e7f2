// `tfpolicy test [DIR...]`: runs the fixtures of policies (the built-in pack when no DIR is given)
// like `opa test`: each fixture is analysed with its own policy and every resource it names must
// end with the declared status, and every fix offered on a failing resource, applied to the
// fixture's text, must parse and make the resource pass. Exit 1 when a fixture disagrees, 2 when a
// policy does not load.

import fs from 'node:fs';
import path from 'node:path';
import type { Policy } from '../engine';
import { compareFixture, type FixtureExpectation, type FixtureMismatch } from '../engine';
import { checkFixes, describeFixProblem } from '../engine/fixtures';
import type { ResultStatus } from '../engine/types';
import { Analyzer } from '../node/analyzer';
import { builtinPoliciesDir, loadPolicyDirs } from '../node/policies';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandOutcome } from './outcome';

/** Suppression expiry in fixtures is judged on a fixed date, so fixtures do not rot. */
export const FIXTURE_DATE = '2026-06-01';

export interface FixtureRun {
  readonly policyId: string;
  readonly fixture: string;
  /** Disagreements as sentences; empty when the fixture behaves as declared. */
  readonly problems: readonly string[];
}

export function runTestCommand(dirs: readonly string[], cwd: string): CommandOutcome {
  const roots = dirs.length > 0 ? dirs.map((d) => path.resolve(cwd, d)) : [builtinPoliciesDir()];
  const missing = roots.filter((d) => !fs.existsSync(d));
  if (missing.length > 0) return { exitCode: EXIT_USAGE, stdout: '', stderr: missing.map((d) => `tfpolicy: no such directory: ${d}\n`).join('') };
  const { policies, errors } = loadPolicyDirs(roots);
  // A mistyped directory must not pass a CI job with "0 passed, 0 failed".
  if (policies.length === 0 && errors.length === 0) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `tfpolicy: no policy.yaml files found in ${dirs.join(', ')}\n` };
  }
  const analyzer = new Analyzer();
  const runs = policies.flatMap((policy) => policy.fixtures.map((fixture) => runFixture(analyzer, policy, fixture)));
  const lines: string[] = [];
  for (const e of errors) {
    const where = e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '';
    lines.push(`ERROR ${path.relative(cwd, e.file) || e.file}${where}: ${e.message}`);
  }
  for (const run of runs) {
    lines.push(`${run.problems.length === 0 ? 'PASS' : 'FAIL'}  ${run.policyId}  ${run.fixture}`);
    for (const p of run.problems) lines.push(`      ${p}`);
  }
  const failed = runs.filter((r) => r.problems.length > 0).length;
  const withoutFixtures = policies.filter((p) => p.fixtures.length === 0).map((p) => p.id);
  if (withoutFixtures.length > 0) lines.push(`note: no fixtures for ${withoutFixtures.join(', ')}`);
  lines.push('', `${runs.length - failed} passed, ${failed} failed`);
  const exitCode = errors.length > 0 ? EXIT_USAGE : failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  return { exitCode, stdout: lines.join('\n') + '\n' };
}

export function runFixture(analyzer: Analyzer, policy: Policy, fixture: FixtureExpectation): FixtureRun {
  const policyDir = path.dirname(policy.source ?? '.');
  const target = path.resolve(policyDir, fixture.path);
  const label = path.relative(process.cwd(), target) || target;
  if (!fs.existsSync(target)) return { policyId: policy.id, fixture: label, problems: [`fixture ${fixture.path} does not exist`] };
  const isFile = fs.statSync(target).isFile();
  const dir = isFile ? path.dirname(target) : target;
  const options = { today: FIXTURE_DATE, ...(isFile ? { onlyFiles: [target] } : {}) };
  const analysis = analyzer.analyzeModule(dir, [policy], options);
  const problems: string[] = [];
  for (const e of analysis.parseErrors) problems.push(`syntax error in ${path.basename(e.file)}:${(e.range?.start.line ?? 0) + 1}: ${e.message}`);
  // One definition of "behaves as declared", shared with the pack meta-test: every resource the
  // policy checks is listed, under the status it actually gets.
  for (const m of compareFixture(fixture, analysis.results)) problems.push(describeMismatch(m));
  if (analysis.parseErrors.length === 0) {
    const sources = [...analysis.model.files, ...analysis.model.moduleFiles];
    const textOf = (file: string): string | undefined => sources.find((f) => f.name === file)?.file.text;
    const reevaluate = (changed: ReadonlyMap<string, string>) => analyzer.analyzeModule(dir, [policy], { ...options, overlay: (file) => changed.get(file) }).results;
    for (const p of checkFixes(analysis.results, textOf, reevaluate)) problems.push(describeFixProblem(p));
  }
  return { policyId: policy.id, fixture: label, problems };
}

function describeMismatch(m: FixtureMismatch): string {
  if (m.expected === undefined) {
    const why = m.actual === 'pass' || !m.message ? '' : `: ${m.message}`;
    return `${m.resource} is not listed in the fixture, but the policy gives it ${m.actual ?? 'no result'}${why}`;
  }
  if (m.actual === undefined) return `expected ${m.resource} to ${verb(m.expected)}, but the policy did not check it`;
  return `expected ${m.resource} to ${verb(m.expected)}, got ${m.actual}: ${m.message ?? ''}`;
}

function verb(status: ResultStatus): string {
  return status === 'fail' ? 'fail' : status === 'pass' ? 'pass' : `be ${status}`;
}
