// Custom requests that look at a whole workspace folder: the policy list (for the docs picker)
// and the workspace scan (every module of every folder, published like open files).

import { findModuleDirs } from '../node/files';
import type { ListPoliciesResult, PolicySummary, ScanWorkspaceResult } from '../protocol';
import type { ModuleRunner } from './module-runner';
import { uriToPath } from './paths';
import type { PolicySets } from './policy-sets';
import type { ModuleScheduler } from './scheduler';

export interface RequestContext {
  readonly folders: readonly string[];
  readonly runner: ModuleRunner;
  readonly scheduler: ModuleScheduler;
  readonly policySets: PolicySets;
}

export async function listPolicies(ctx: RequestContext, scopeUri: string | undefined): Promise<ListPoliciesResult> {
  const scope = (scopeUri ? uriToPath(scopeUri) : undefined) ?? ctx.folders[0] ?? process.cwd();
  const settings = await ctx.runner.settingsFor(scope);
  const set = ctx.policySets.forDir(scope, settings, ctx.folders.find((f) => scope.startsWith(f)));
  const policies: PolicySummary[] = set.policies.flatMap((p) => {
    const docsUri = set.docsUri(p.id);
    return docsUri ? [{ id: p.id, title: p.title, severity: p.severity, docsUri }] : [];
  });
  return { policies };
}

/** Analyses every module directory below every workspace folder (skipping excluded paths). */
export async function scanWorkspace(ctx: RequestContext): Promise<ScanWorkspaceResult> {
  let modules = 0;
  let files = 0;
  const dirs: string[] = [];
  for (const folder of ctx.folders) {
    const settings = await ctx.runner.settingsFor(folder);
    const set = ctx.policySets.forDir(folder, settings, folder);
    const walk = findModuleDirs(folder, set.isExcluded);
    for (const dir of walk.moduleDirs) {
      void ctx.scheduler.enqueue(dir);
      dirs.push(dir);
    }
  }
  // A module may be put back behind its callers (module-runner.ts): count once all are done.
  await ctx.scheduler.idle();
  for (const dir of dirs) {
    modules += 1;
    files += ctx.runner.fileCount(dir);
  }
  return { modules, files, findings: ctx.runner.findingCount() };
}
