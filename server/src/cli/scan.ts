// Running a scan over paths: load policies, find module directories, analyse each, and collect
// a report with file names relative to the scanned path. No rendering, no exit codes.

import path from 'node:path';
import fs from 'node:fs';
import type { Policy } from '../engine';
import { Analyzer, type ModuleAnalysis } from '../node/analyzer';
import { findModuleDirs, readTerraformFile } from '../node/files';
import { builtinPoliciesDir, loadPolicyDirs } from '../node/policies';
import type { ModelOptions } from '../terraform';
import type { ReportError, ReportResult, ScanReport } from './report';
import { compareResults } from './report';

export interface ScanRequest {
  /** Absolute paths of directories or files. */
  readonly paths: readonly string[];
  readonly extraPolicyDirs: readonly string[];
  readonly varFiles: readonly string[];
  readonly excludes: readonly string[];
  readonly environment: NodeJS.ProcessEnv;
  readonly today?: string;
}

export interface ScanOutput {
  readonly report: ScanReport;
  readonly policies: readonly Policy[];
}

export function runScan(request: ScanRequest): ScanOutput {
  const errors: ReportError[] = [];
  const loaded = loadPolicyDirs([builtinPoliciesDir(), ...request.extraPolicyDirs]);
  for (const e of loaded.errors) errors.push({ file: e.file, message: e.message, kind: 'policy', ...(e.range ? { range: e.range } : {}) });
  const analyzer = new Analyzer();
  const modelOptions = buildModelOptions(analyzer, request, errors);
  const results: ReportResult[] = [];
  const files = new Set<string>();
  let resourceCount = 0;
  for (const target of request.paths) {
    const isFile = fs.statSync(target).isFile();
    const root = isFile ? path.dirname(target) : target;
    const walk = isFile ? { moduleDirs: [root], failures: [] } : findModuleDirs(root, request.excludes);
    for (const f of walk.failures) errors.push({ file: relative(root, f.file), message: f.message, kind: 'read' });
    const analyses = walk.moduleDirs.map((dir) => analyzer.analyzeModule(dir, loaded.policies, {
      model: modelOptions, ...(request.today ? { today: request.today } : {}),
    }));
    for (const analysis of rootAnalyses(analyses)) {
      const keep = (file: string): boolean => !isFile || file === target;
      for (const f of analysis.files) if (keep(f)) files.add(f);
      resourceCount += analysis.resourceCount;
      collectErrors(analysis, root, keep, errors);
      for (const result of analysis.results) {
        if (!keep(result.file)) continue;
        const policy = loaded.policies.find((p) => p.id === result.policyId);
        results.push({
          result,
          title: policy?.title ?? result.policyId,
          file: relative(root, result.file),
          related: result.related.map((rel) => ({ ...rel, file: relative(root, rel.file) })),
        });
      }
    }
  }
  return { report: { results: results.sort(compareResults), errors, fileCount: files.size, resourceCount }, policies: loaded.policies };
}

/**
 * A directory another scanned directory calls as a local module is reported through its callers
 * (with `module.x.` addresses and the caller's inputs), not a second time as a root module with
 * unset variables.
 */
function rootAnalyses(analyses: readonly ModuleAnalysis[]): ModuleAnalysis[] {
  const called = new Set<string>();
  for (const a of analyses) for (const dir of a.calledModuleDirs) if (dir !== a.dir) called.add(dir);
  return analyses.filter((a) => !called.has(a.dir));
}

function collectErrors(analysis: ModuleAnalysis, root: string, keep: (file: string) => boolean, errors: ReportError[]): void {
  for (const e of analysis.parseErrors) if (keep(e.file)) errors.push({ file: relative(root, e.file), message: e.message, kind: 'syntax', ...(e.range ? { range: e.range } : {}) });
  for (const f of analysis.readFailures) if (keep(f.file)) errors.push({ file: relative(root, f.file), message: f.message, kind: 'read' });
  for (const d of analysis.modelDiagnostics) {
    if (d.severity === 'error' && keep(d.file)) errors.push({ file: relative(root, d.file), message: d.message, range: d.range, kind: 'model' });
  }
}

/** `--var-file` files and `TF_VAR_name` environment variables, as Terraform takes them. */
function buildModelOptions(analyzer: Analyzer, request: ScanRequest, errors: ReportError[]): ModelOptions {
  const varFiles = [];
  for (const file of request.varFiles) {
    const read = readTerraformFile(file);
    if (!read.ok) {
      errors.push({ file, message: read.message, kind: 'read' });
      continue;
    }
    const tree = analyzer.parse(file, read.text);
    for (const e of tree.errors) errors.push({ file, message: e.message, range: e.range, kind: 'syntax' });
    varFiles.push({ name: file, file: tree });
  }
  const variables = new Map<string, string>();
  for (const [key, value] of Object.entries(request.environment)) {
    if (key.startsWith('TF_VAR_') && value !== undefined) variables.set(key.slice('TF_VAR_'.length), value);
  }
  return { varFiles, environmentVariables: variables };
}

function relative(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}
