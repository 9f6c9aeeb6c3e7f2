// Custom LSP messages between the client and the server, declared once for both sides. Only
// plain method names and parameter shapes live here: each side wraps them in its library's
// RequestType / NotificationType, so this module imports nothing.

/** Client → server: the user granted workspace trust; the server may now load workspace policies and config. */
export const DID_GRANT_WORKSPACE_TRUST = 'tfpolicy/didGrantWorkspaceTrust';

/** Server → client: what the status bar shows. */
export const STATUS_NOTIFICATION = 'tfpolicy/status';
/** `ready`: serving (the last analysis succeeded); `error`: the last analysis failed (see the output channel). */
export type ServerState = 'ready' | 'error';
export interface StatusParams {
  readonly state: ServerState;
  /** Number of policies loaded (built-in plus workspace). */
  readonly policyCount: number;
  /** Findings currently shown across all files. */
  readonly findingCount: number;
  /** A problem worth the user's attention (a broken policy file, an internal error). */
  readonly message?: string;
}

/** Client → server: the policies that apply to a workspace folder (for the docs picker). */
export const LIST_POLICIES_REQUEST = 'tfpolicy/listPolicies';
export interface ListPoliciesParams {
  /** A workspace folder or file URI whose configuration applies; the first folder when absent. */
  readonly scopeUri?: string;
}
export interface PolicySummary {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  /** `file://` URI of the policy's README.md. */
  readonly docsUri: string;
}
export interface ListPoliciesResult {
  readonly policies: readonly PolicySummary[];
}

/** Client → server: analyse every module of every workspace folder and publish all findings. */
export const SCAN_WORKSPACE_REQUEST = 'tfpolicy/scanWorkspace';
export interface ScanWorkspaceResult {
  readonly modules: number;
  readonly files: number;
  readonly findings: number;
}

/** Client → server initializationOptions. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted` at start; without trust only the built-in policies run. */
  readonly workspaceTrusted: boolean;
}
