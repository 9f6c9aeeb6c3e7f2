// The extension's settings, declared once. The client's package.json `contributes.configuration`
// mirrors these keys and defaults under the `tfpolicy.` prefix (test/unit/manifest/settings.test.ts
// keeps the two in step); the server reads them with `workspace/configuration` (section `tfpolicy`).

/** The policy severities, lowest first (the engine's `Severity`, restated so the client needs nothing else). */
export type PolicySeverity = 'low' | 'medium' | 'high' | 'critical';
export const POLICY_SEVERITIES: readonly PolicySeverity[] = ['low', 'medium', 'high', 'critical'];

/** How a finding of a given policy severity is shown in the editor. */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';
export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint'];

/** When the server analyses a module: as you type (debounced) or only when a file is saved. */
export type RunMode = 'onType' | 'onSave';
export const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];

export type TraceLevel = 'off' | 'messages' | 'verbose';
export const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

export interface TfpolicySettings {
  /** Turns the analysis off for a folder (or everywhere). */
  readonly enable: boolean;
  readonly run: RunMode;
  /** Delay after the last keystroke before a module is analysed again (onType). */
  readonly debounceMs: number;
  /** Findings below this policy severity are not shown. */
  readonly minimumSeverity: PolicySeverity;
  /** Editor severity for each policy severity. */
  readonly diagnosticSeverity: Readonly<Record<PolicySeverity, DiagnosticLevel>>;
  /** Show the parser's syntax errors (turn off when another extension already reports them). */
  readonly showSyntaxErrors: boolean;
  /** Extra policy directories (absolute, or relative to the workspace folder). Ignored in untrusted workspaces. */
  readonly policyDirs: readonly string[];
  /** Extra `.tfvars` files applied after the automatic ones, like `terraform -var-file`. Ignored in untrusted workspaces. */
  readonly varFiles: readonly string[];
  /** Variable values with the highest precedence, like `terraform -var name=value`. */
  readonly variables: Readonly<Record<string, string>>;
  /** Read by vscode-languageclient itself: traces the LSP messages into the output channel. */
  readonly trace: { readonly server: TraceLevel };
}

export const DEFAULT_SETTINGS: TfpolicySettings = {
  enable: true,
  run: 'onType',
  debounceMs: 300,
  minimumSeverity: 'low',
  diagnosticSeverity: { critical: 'error', high: 'error', medium: 'warning', low: 'information' },
  showSyntaxErrors: true,
  policyDirs: [],
  varFiles: [],
  variables: {},
  trace: { server: 'off' },
};

/** The configuration section: every setting is `tfpolicy.<key>`. */
export const SETTINGS_SECTION = 'tfpolicy';

/**
 * Settings that load files from the workspace. In an untrusted workspace VS Code takes only their
 * user-level values (`capabilities.untrustedWorkspaces.restrictedConfigurations`).
 */
export const RESTRICTED_SETTINGS: readonly string[] = ['tfpolicy.policyDirs', 'tfpolicy.varFiles'];
