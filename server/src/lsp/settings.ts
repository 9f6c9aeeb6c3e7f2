// Settings as the server sees them: pulled with `workspace/configuration` per module directory
// (settings may differ per workspace folder), validated field by field — a typo in settings.json
// falls back to that field's default instead of breaking the analysis — and cached until the
// client says the configuration changed.

import type { Connection } from 'vscode-languageserver/node';
import {
  DEFAULT_SETTINGS, DIAGNOSTIC_LEVELS, POLICY_SEVERITIES, RUN_MODES, SETTINGS_SECTION, TRACE_LEVELS,
  type DiagnosticLevel, type PolicySeverity, type TfpolicySettings,
} from '../protocol';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : fallback;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

function severityMap(value: unknown): Record<PolicySeverity, DiagnosticLevel> {
  const raw = isObject(value) ? value : {};
  const out = { ...DEFAULT_SETTINGS.diagnosticSeverity };
  for (const severity of POLICY_SEVERITIES) out[severity] = oneOf(DIAGNOSTIC_LEVELS, raw[severity], out[severity]);
  return out;
}

/** Turns whatever the client sent for the `tfpolicy` section into complete, valid settings. */
export function sanitizeSettings(raw: unknown): TfpolicySettings {
  const s = isObject(raw) ? raw : {};
  const d = DEFAULT_SETTINGS;
  const debounce = typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs) ? Math.min(Math.max(Math.round(s.debounceMs), 0), 10_000) : d.debounceMs;
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : d.enable,
    run: oneOf(RUN_MODES, s.run, d.run),
    debounceMs: debounce,
    minimumSeverity: oneOf(POLICY_SEVERITIES, s.minimumSeverity, d.minimumSeverity),
    diagnosticSeverity: severityMap(s.diagnosticSeverity),
    showSyntaxErrors: typeof s.showSyntaxErrors === 'boolean' ? s.showSyntaxErrors : d.showSyntaxErrors,
    policyDirs: stringList(s.policyDirs, d.policyDirs),
    varFiles: stringList(s.varFiles, d.varFiles),
    variables: stringMap(s.variables),
    trace: { server: oneOf(TRACE_LEVELS, isObject(s.trace) ? s.trace.server : undefined, d.trace.server) },
  };
}

/**
 * Settings per scope URI. Clients without `workspace/configuration` push settings with
 * `didChangeConfiguration` instead; those become the value for every scope.
 */
/**
 * Documents larger than this are analysed on open and save only, whatever `tfpolicy.run` says:
 * re-analysing a multi-megabyte (usually generated) file on every keystroke would take seconds
 * each time and leave the editor waiting. Real hand-written Terraform files are far smaller.
 */
export const LARGE_DOCUMENT_CHARS = 1_000_000;

/** Whether an edit of a document of `length` characters is analysed as you type. */
export function analysesOnType(settings: Pick<TfpolicySettings, 'run'>, length: number): boolean {
  return settings.run === 'onType' && length <= LARGE_DOCUMENT_CHARS;
}

export class SettingsCache {
  private readonly byScope = new Map<string, Promise<TfpolicySettings>>();
  private pushed: TfpolicySettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection, private readonly canPull: boolean) {}

  get(scopeUri: string): Promise<TfpolicySettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.byScope.get(scopeUri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }).then(
        (raw) => sanitizeSettings(raw),
        (error: unknown) => {
          this.connection.console.warn(`tfpolicy: could not read settings, using defaults: ${String(error)}`);
          return DEFAULT_SETTINGS;
        },
      );
      this.byScope.set(scopeUri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: forget pulled values; take pushed ones from clients that push. */
  changed(pushedSettings: unknown): void {
    this.byScope.clear();
    if (!this.canPull && isObject(pushedSettings)) this.pushed = sanitizeSettings(pushedSettings[SETTINGS_SECTION]);
  }
}
