// The policies that apply to a module directory: the built-in pack, plus — in a trusted workspace —
// the nearest `.tfpolicy.yaml` (enable/disable, severity overrides, excludes, policy directories,
// var files) and the `tfpolicy.policyDirs` setting. Loaded once per distinct configuration and
// kept until a policy file, the config file or the settings change.

import path from 'node:path';
import type { Policy } from '../engine';
import type { Range } from '../hcl/ast';
import { applyConfig, DEFAULT_CONFIG, findConfigFile, loadProjectConfig, type ProjectConfig } from '../node/config';
import { excludeMatcher } from '../node/files';
import { builtinPoliciesDir, loadPolicyDirs, policyDocsUri } from '../node/policies';
import type { TfpolicySettings } from '../protocol';

export interface SetupError {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
  /** `config` for `.tfpolicy.yaml`, `policy` for policy files and directories. */
  readonly kind: 'config' | 'policy';
}

export interface PolicySet {
  /** The key this set is cached under (also the diagnostics origin of its errors). */
  readonly key: string;
  readonly policies: readonly Policy[];
  /** Every policy id loaded, before `.tfpolicy.yaml` enabled or disabled any. */
  readonly loadedIds: ReadonlySet<string>;
  /** The directories the policies were loaded from: built-in, config, setting. */
  readonly dirs: readonly string[];
  readonly config: ProjectConfig;
  readonly errors: readonly SetupError[];
  /** Extra var files: the config's, then the setting's (absolute). */
  readonly varFiles: readonly string[];
  readonly isExcluded: (file: string) => boolean;
  readonly docsUri: (policyId: string) => string | undefined;
}

export class PolicySets {
  private readonly cache = new Map<string, PolicySet>();

  /** `log` receives one line per policy set loaded (shown in the client's output channel). */
  constructor(private trusted: boolean, private readonly log: (line: string) => void = () => undefined) {}

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Trust granted: workspace policies and config may load now. */
  grantTrust(): void {
    this.trusted = true;
    this.invalidate();
  }

  invalidate(): void {
    this.cache.clear();
  }

  all(): PolicySet[] {
    return [...this.cache.values()];
  }

  /** The set for a module directory; `folder` resolves relative paths in settings. */
  forDir(dir: string, settings: TfpolicySettings, folder: string | undefined): PolicySet {
    const base = folder ?? dir;
    const configFile = this.trusted ? findConfigFile(dir) : undefined;
    const settingDirs = this.trusted ? settings.policyDirs.map((d) => path.resolve(base, d)) : [];
    const settingVarFiles = this.trusted ? settings.varFiles.map((f) => path.resolve(base, f)) : [];
    const key = JSON.stringify([configFile ?? '', settingDirs, settingVarFiles]);
    let set = this.cache.get(key);
    if (!set) {
      set = loadSet(key, configFile, settingDirs, settingVarFiles);
      this.cache.set(key, set);
      this.log(`loaded ${set.policies.length} policies from ${set.dirs.join(', ')}${configFile ? ` with ${configFile}` : ''}${set.errors.length > 0 ? ` (${set.errors.length} problems, shown in their files)` : ''}`);
    }
    return set;
  }
}

function loadSet(key: string, configFile: string | undefined, settingDirs: readonly string[], settingVarFiles: readonly string[]): PolicySet {
  const errors: SetupError[] = [];
  let config = DEFAULT_CONFIG;
  if (configFile) {
    const loaded = loadProjectConfig(path.dirname(configFile));
    config = loaded.config;
    for (const e of loaded.errors) errors.push({ ...e, kind: 'config' });
  }
  const dirs = [builtinPoliciesDir(), ...config.policyDirs, ...settingDirs];
  const loaded = loadPolicyDirs(dirs);
  for (const e of loaded.errors) errors.push({ ...e, kind: 'policy' });
  const selected = applyConfig(loaded.policies, config);
  for (const e of selected.errors) errors.push({ ...e, kind: 'config' });
  const docs = new Map<string, string>();
  for (const p of selected.policies) if (p.source) docs.set(p.id, policyDocsUri(p.source));
  const excluded = config.file ? excludeMatcher(path.dirname(config.file), config.exclude) : () => false;
  return {
    key,
    policies: selected.policies,
    loadedIds: new Set(loaded.policies.map((p) => p.id)),
    dirs,
    config,
    errors,
    varFiles: [...config.varFiles, ...settingVarFiles],
    isExcluded: excluded,
    docsUri: (id) => docs.get(id),
  };
}
