// `tfpolicy scan`: validate options, run the scan, render the report, pick the exit code.

import fs from 'node:fs';
import path from 'node:path';
import type { Severity } from '../engine/types';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandOutcome } from './outcome';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif, type SarifRuleInfo } from './format/sarif';
import { formatText } from './format/text';
import { describeFsError, terraformFileKind } from '../node/files';
import { findingsOf, severityRank } from './report';
import { runScan, type ScanRequest } from './scan';
import { VERSION } from './version';

type Format = 'text' | 'json' | 'sarif' | 'junit' | 'github';

interface ScanOptions {
  format: Format;
  output?: string;
  failOn: Severity;
  showPassed: boolean;
  policyDir?: string[];
  varFile?: string[];
  exclude?: string[];
  color: boolean;
}

export function runScanCommand(paths: readonly string[], raw: Record<string, unknown>, cwd: string, env: NodeJS.ProcessEnv): CommandOutcome {
  const options = raw as unknown as ScanOptions;
  const missing = paths.filter((p) => !fs.existsSync(path.resolve(cwd, p)));
  if (missing.length > 0) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: missing.map((p) => `tfpolicy: no such file or directory: ${p}\n`).join('') };
  }
  const unusable = paths.map((p) => unusablePath(p, path.resolve(cwd, p))).filter((m) => m !== undefined);
  if (unusable.length > 0) return { exitCode: EXIT_USAGE, stdout: '', stderr: unusable.map((m) => `tfpolicy: ${m}\n`).join('') };
  const request: ScanRequest = {
    paths: paths.map((p) => path.resolve(cwd, p)),
    extraPolicyDirs: (options.policyDir ?? []).map((d) => path.resolve(cwd, d)),
    varFiles: (options.varFile ?? []).map((f) => path.resolve(cwd, f)),
    excludes: options.exclude ?? [],
    environment: env,
    ...(options.format === 'sarif' || options.format === 'github' || paths.length > 1 ? { displayBase: cwd } : {}),
  };
  const { report, policies, excludedPaths } = runScan(request);
  const stdout = render(report, options, policies, cwd);
  const threshold = severityRank(options.failOn);
  const blocking = findingsOf(report).filter((r) => severityRank(r.result.severity) >= threshold);
  // Anything the scan could not do (an unreadable file, a broken policy) makes the verdict
  // incomplete: exit 2 so a pipeline does not pass on a partial scan.
  const exitCode = report.errors.length > 0 ? EXIT_USAGE : blocking.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  // A gate that scanned nothing must not look like a clean pass (a wrong path, an over-broad exclude).
  const excludedNotes = excludedPaths.map((p) => `tfpolicy: warning: ${path.relative(cwd, p) || '.'} is excluded by .tfpolicy.yaml; not scanned\n`).join('');
  const emptyNote = report.fileCount === 0 && report.errors.length === 0 && excludedPaths.length === 0
    ? `tfpolicy: warning: no Terraform files (.tf, .tf.json) found in ${paths.join(', ')}${(options.exclude ?? []).length > 0 ? ' after --exclude' : ''}\n`
    : '';
  const stderr = excludedNotes + emptyNote;
  return { exitCode, stdout, ...(stderr ? { stderr } : {}), ...(options.output ? { outputFile: path.resolve(cwd, options.output) } : {}) };
}

/** Why a scan path that exists cannot be scanned (a device, a README), or undefined when it can. */
function unusablePath(shown: string, absolute: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    return `cannot read ${shown}: ${describeFsError(error)}`;
  }
  if (stat.isDirectory()) return undefined;
  if (!stat.isFile()) return `not a file or directory: ${shown}`;
  if (terraformFileKind(absolute) === undefined) return `not a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json): ${shown}`;
  return undefined;
}

function render(report: ReturnType<typeof runScan>['report'], options: ScanOptions, policies: ReturnType<typeof runScan>['policies'], cwd: string): string {
  switch (options.format) {
    case 'json':
      return formatJson(report, { showPassed: options.showPassed });
    case 'sarif': {
      // No helpUri: the docs live next to the policy on this machine, and a file:// link would
      // leak the runner's paths into a report meant for a dashboard.
      const rules = new Map<string, SarifRuleInfo>(policies.map((p) => [p.id, {
        title: p.title, description: p.description, remediation: p.remediation,
      }]));
      return formatSarif(report, rules, VERSION, cwd);
    }
    case 'junit':
      return formatJunit(report);
    case 'github':
      return formatGithub(report);
    default:
      return formatText(report, { showPassed: options.showPassed, color: options.color && !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
  }
}
