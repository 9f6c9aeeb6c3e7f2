// The engine's public API: load declarative policies, evaluate them against a module model.
// Pure: no file system; the node host reads policy files and Terraform files and passes text in.

export { loadPolicy, type LoadedPolicy } from './policy-load';
export { evaluatePolicies, type EvaluateOptions } from './evaluate';
export { parseSuppressions, suppressionProblems, type Suppression, type SuppressionProblem } from './suppressions';
export { policyDocsPath } from './docs';
export { compareFixture, type FixtureMismatch } from './fixtures';
export type { Condition, FixSpec, FixtureExpectation, Policy, PolicyLoadError, Rule, Test } from './policy';
export type { Fix, PolicyMetadata, PolicyResult, RelatedLocation, ResultStatus, Severity, TextEdit } from './types';
export { SEVERITIES } from './types';
