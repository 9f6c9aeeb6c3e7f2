// Running a scan over paths: load the project config and policies, find module directories,
// analyse each, and collect a report with file names relative to the scanned path. No rendering,
// no exit codes.

import path from 'node:path';
import type { Policy } from '../engine';
import { Analyzer, type ModuleAnalysis } from '../node/analyzer';
import { applyConfig, loadProjectConfig } from '../node/config';
import { excludeMatcher, findModuleDirs, readTerraformFile } from '../node/files';
import { builtinPoliciesDir, loadPolicyDirs } from '../node/policies';
import type { ModelOptions } from '../terraform';
import type { ReportError, ReportResult, ScanReport } from './report';
import { compareResults } from './report';
import { scanTargets, type ScanTarget } from './scan-targets';

export interface ScanRequest {
  /** Absolute paths of directories or files. */
  readonly paths: readonly string[];
  readonly extraPolicyDirs: readonly string[];
  readonly varFiles: readonly string[];
  /** Globs relative to each scanned directory. */
  readonly excludes: readonly string[];
  readonly environment: NodeJS.ProcessEnv;
  /**
   * The directory reported file names are relative to. Default: each scanned path (design.md).
   * The CLI passes the working directory for SARIF and GitHub annotations (they resolve paths
   * against the repository checkout) and when several paths are scanned (so names stay unique).
   */
  readonly displayBase?: string;
  /** YYYY-MM-DD, for suppression expiry; defaults to today. */
  readonly today?: string;
}

export interface ScanOutput {
  readonly report: ScanReport;
  /** The policies that ran (for SARIF rule metadata). */
  readonly policies: readonly Policy[];
  /** Scanned paths that `.tfpolicy.yaml` excludes: nothing was reported for them. */
  readonly excludedPaths: readonly string[];
}

/** One scanned target after its configuration and policies are loaded, with its analyses. */
interface AnalysedTarget {
  readonly target: ScanTarget;
  readonly rel: (file: string) => string;
  readonly keep: (file: string) => boolean;
  readonly analyses: readonly ModuleAnalysis[];
}

export function runScan(request: ScanRequest): ScanOutput {
  const errors: ReportError[] = [];
  const ran = new Map<string, Policy>();
  const analyzer = new Analyzer();
  const skipped: string[] = [];
  const analysed = scanTargets(request.paths).map((target) => analyseTarget(target, request, analyzer, errors, ran, skipped));

  // A directory any scanned directory calls as a local module is reported through its callers
  // (with `module.x.` addresses and the caller's inputs), not again as a root with unset variables.
  const called = new Set<string>();
  for (const t of analysed) for (const a of t.analyses) for (const dir of a.calledModuleDirs) if (dir !== a.dir) called.add(dir);

  const results: ReportResult[] = [];
  const files = new Set<string>();
  let resourceCount = 0;
  for (const { target, rel, keep, analyses } of analysed) {
    for (const analysis of analyses.filter((a) => !called.has(a.dir))) {
      for (const f of analysis.files) if (keep(f)) files.add(f);
      // Files of called local modules are scanned through their callers: count them too.
      for (const r of analysis.model.resources) {
        if (!keep(r.file)) continue;
        files.add(r.file);
        resourceCount++;
      }
      collectErrors(analysis, keep, rel, errors);
      for (const result of analysis.results) {
        // Scanning one file (as pre-commit hooks do) also reports findings whose bad value is
        // set in it, e.g. `acl = "public-read"` in terraform.tfvars.
        const concernsFile = keep(result.file) || (target.files !== undefined && result.related.some((r) => target.files?.has(r.file)));
        if (!concernsFile) continue;
        files.add(result.file);
        results.push({
          result,
          title: ran.get(result.policyId)?.title ?? result.policyId,
          file: rel(result.file),
          related: result.related.map((r) => ({ ...r, file: rel(r.file) })),
          root: relativeDir(request.displayBase ?? target.root, analysis.dir),
        });
      }
    }
  }
  return {
    report: { results: results.sort(compareResults), errors: uniqueErrors(errors), fileCount: files.size, resourceCount },
    policies: [...ran.values()],
    excludedPaths: skipped,
  };
}

function analyseTarget(target: ScanTarget, request: ScanRequest, analyzer: Analyzer, errors: ReportError[], ran: Map<string, Policy>, skipped: string[]): AnalysedTarget {
  const { root } = target;
  const rel = (file: string): string => relative(request.displayBase ?? root, file);
  const { config, errors: configErrors } = loadProjectConfig(root);
  for (const e of configErrors) errors.push({ file: rel(e.file), message: e.message, kind: 'config', ...(e.range ? { range: e.range } : {}) });
  const loaded = loadPolicyDirs([builtinPoliciesDir(), ...config.policyDirs, ...request.extraPolicyDirs]);
  for (const e of loaded.errors) errors.push({ file: rel(e.file), message: e.message, kind: 'policy', ...(e.range ? { range: e.range } : {}) });
  const selected = applyConfig(loaded.policies, config);
  for (const e of selected.errors) errors.push({ file: rel(e.file), message: e.message, kind: 'config', ...(e.range ? { range: e.range } : {}) });
  for (const p of selected.policies) ran.set(p.id, p);

  const configExcluded = excludeMatcher(config.file ? path.dirname(config.file) : root, config.exclude);
  const cliExcluded = excludeMatcher(root, request.excludes);
  const isExcluded = (p: string): boolean => configExcluded(p) || cliExcluded(p);
  // Files named on the command line follow `exclude` too (as ESLint does), so a pre-commit hook
  // passing every changed file does not scan what the project excluded.
  const wanted = target.files ? [...target.files].filter((f) => !configExcluded(f)) : undefined;
  if (target.files) skipped.push(...[...target.files].filter((f) => configExcluded(f)));
  else if (configExcluded(root)) skipped.push(root);
  const keep = (file: string): boolean => (wanted ? wanted.includes(file) : !isExcluded(file));
  const walk = wanted ? { moduleDirs: wanted.length > 0 ? [root] : [], failures: [] } : findModuleDirs(root, isExcluded);
  for (const f of walk.failures) errors.push({ file: rel(f.file), message: f.message, kind: 'read' });
  const modelOptions = buildModelOptions(analyzer, [...config.varFiles, ...request.varFiles], request.environment, errors, rel);
  const knownPolicyIds = new Set(loaded.policies.map((p) => p.id));
  const analyses = walk.moduleDirs.map((dir) => analyzer.analyzeModule(dir, selected.policies, {
    model: modelOptions, knownPolicyIds, ...(request.today ? { today: request.today } : {}),
  }));
  return { target, rel, keep, analyses };
}

/** Several targets may load the same broken config or policy file: report each problem once. */
function uniqueErrors(errors: readonly ReportError[]): ReportError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.kind}:${e.file}:${e.range?.start.offset ?? ''}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectErrors(analysis: ModuleAnalysis, keep: (file: string) => boolean, rel: (file: string) => string, errors: ReportError[]): void {
  for (const e of analysis.parseErrors) if (keep(e.file)) errors.push({ file: rel(e.file), message: e.message, kind: 'syntax', ...(e.range ? { range: e.range } : {}) });
  for (const f of analysis.readFailures) if (keep(f.file)) errors.push({ file: rel(f.file), message: f.message, kind: 'read' });
  for (const d of analysis.modelDiagnostics) {
    if (d.severity === 'error' && keep(d.file)) errors.push({ file: rel(d.file), message: d.message, range: d.range, kind: 'model' });
  }
  // A module called by several scanned roots has its comments checked once per caller: report once.
  const known = new Set(errors.map((e) => `${e.kind}:${e.file}:${e.range?.start.offset ?? ''}:${e.message}`));
  for (const p of analysis.suppressionProblems) {
    const error: ReportError = { file: rel(p.file), message: p.message, kind: 'suppression', ...(p.range ? { range: p.range } : {}) };
    const key = `${error.kind}:${error.file}:${p.range?.start.offset ?? ''}:${error.message}`;
    if (!keep(p.file) || known.has(key)) continue;
    known.add(key);
    errors.push(error);
  }
}

/** Extra var files (config, then `--var-file`) and `TF_VAR_name` environment variables, as Terraform takes them. */
function buildModelOptions(analyzer: Analyzer, varFiles: readonly string[], environment: NodeJS.ProcessEnv, errors: ReportError[], rel: (file: string) => string): ModelOptions {
  const parsed = [];
  for (const file of varFiles) {
    const read = readTerraformFile(file);
    if (!read.ok) {
      errors.push({ file: rel(file), message: read.message, kind: 'read' });
      continue;
    }
    const tree = analyzer.parse(file, read.text);
    for (const e of tree.errors) errors.push({ file: rel(file), message: e.message, range: e.range, kind: 'syntax' });
    parsed.push({ name: file, file: tree });
  }
  const variables = new Map<string, string>();
  for (const [key, value] of Object.entries(environment)) {
    if (key.startsWith('TF_VAR_') && value !== undefined) variables.set(key.slice('TF_VAR_'.length), value);
  }
  return { varFiles: parsed, environmentVariables: variables };
}

/** A directory relative to `base` with `/`, `.` for `base` itself; outside it, absolute. */
function relativeDir(base: string, dir: string): string {
  const rel = path.relative(base, dir);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return dir;
  return rel.split(path.sep).join('/');
}

/** Relative to the scanned path with `/`; a file outside it (an extra policy dir) stays absolute. */
function relative(root: string, file: string): string {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}
