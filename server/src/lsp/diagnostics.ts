// From the engine's results and the host's errors to LSP diagnostics. Every diagnostic carries
// `source: "tfpolicy"`, a code (the policy id, or a kind of problem), the exact range the engine
// computed (the offending value, or the block header), and for findings a docs link and the data
// the code actions need — so code actions never have to re-run an analysis.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range as LspRange } from 'vscode-languageserver';
import type { PolicyResult, RelatedLocation, Severity } from '../engine/types';
import type { Range } from '../hcl/ast';
import type { ModelDiagnostic } from '../terraform/model';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, POLICY_SEVERITIES, type DiagnosticLevel, type TfpolicySettings } from '../protocol';

/** What a finding's diagnostic carries in `data` for code actions (see code-actions.ts). */
export interface FindingData {
  readonly kind: 'finding';
  readonly policyId: string;
  readonly resource: string;
  readonly docsUri?: string;
  /** The document version the finding was computed on (undefined: the file was not open). */
  readonly version?: number;
  readonly fix?: {
    readonly title: string;
    readonly edits: readonly { readonly uri: string; readonly range: LspRange; readonly newText: string }[];
  };
  /** Where a `tfpolicy:ignore` comment covering the finding goes (see suppress-action.ts). */
  readonly suppress?: SuppressAnchors;
}

/** Lines (0-based) of the diagnostic's document above which a suppression comment is honoured. */
export interface SuppressAnchors {
  /** The header of the block that covers the whole finding: the resource, or the module call. */
  readonly headerLine: number;
  /** For a module call argument: the call's name. */
  readonly module?: string;
  /** For a finding inside an attribute or nested block: the innermost one's first line and name. */
  readonly item?: { readonly line: number; readonly name: string };
}

export function isFindingData(data: unknown): data is FindingData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'finding'
    && typeof (data as { policyId?: unknown }).policyId === 'string';
}

/** Everything the conversion needs from its surroundings. */
export interface DiagnosticContext {
  readonly settings: TfpolicySettings;
  readonly toUri: (file: string) => string;
  /** The `file://` URI of a policy's README, when the policy is known and has a source. */
  readonly docsUri: (policyId: string) => string | undefined;
  /** The open document's version for a file, if it is open. */
  readonly versionOf: (file: string) => number | undefined;
}

const LEVELS: Record<DiagnosticLevel, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** LSP ranges have no offsets; ours do. */
export function toLspRange(range: Range): LspRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

const FILE_START: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function severityFor(severity: Severity, settings: TfpolicySettings): DiagnosticSeverity {
  return LEVELS[settings.diagnosticSeverity[severity]];
}

export function meetsMinimum(severity: Severity, settings: TfpolicySettings): boolean {
  return POLICY_SEVERITIES.indexOf(severity) >= POLICY_SEVERITIES.indexOf(settings.minimumSeverity);
}

export function findingDiagnostic(result: PolicyResult, ctx: DiagnosticContext, suppress?: SuppressAnchors): Diagnostic {
  const docsUri = ctx.docsUri(result.policyId);
  const related: DiagnosticRelatedInformation[] = result.related.map((r) => ({
    location: { uri: ctx.toUri(r.file), range: toLspRange(r.range) },
    message: r.message,
  }));
  const data: FindingData = {
    kind: 'finding',
    policyId: result.policyId,
    resource: result.resource,
    ...(docsUri ? { docsUri } : {}),
    ...(ctx.versionOf(result.file) !== undefined ? { version: ctx.versionOf(result.file) } : {}),
    ...(result.fix ? {
      fix: {
        title: result.fix.title,
        edits: result.fix.edits.map((e) => ({ uri: ctx.toUri(e.file), range: toLspRange(e.range), newText: e.newText })),
      },
    } : {}),
    ...(suppress ? { suppress } : {}),
  };
  return {
    range: toLspRange(result.range),
    severity: severityFor(result.severity, ctx.settings),
    source: DIAGNOSTIC_SOURCE,
    code: result.policyId,
    ...(docsUri ? { codeDescription: { href: docsUri } } : {}),
    message: result.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/**
 * The same finding shown on the module call argument that passes the offending value (issue:
 * "the caller's argument is also flagged"): the user editing the root module sees it where they
 * fix it. No quick fix here: the policy's fix edits the module's resource, not this argument.
 */
export function moduleArgumentDiagnostic(result: PolicyResult, argument: RelatedLocation, ctx: DiagnosticContext, suppress?: SuppressAnchors): Diagnostic {
  const docsUri = ctx.docsUri(result.policyId);
  const version = ctx.versionOf(argument.file);
  const data: FindingData = {
    kind: 'finding', policyId: result.policyId, resource: result.resource, ...(docsUri ? { docsUri } : {}),
    // The version of the argument's document: the suppress action's line is in it.
    ...(version !== undefined ? { version } : {}), ...(suppress ? { suppress } : {}),
  };
  return {
    range: toLspRange(argument.range),
    severity: severityFor(result.severity, ctx.settings),
    source: DIAGNOSTIC_SOURCE,
    code: result.policyId,
    ...(docsUri ? { codeDescription: { href: docsUri } } : {}),
    message: `${result.message} (in ${result.resource})`,
    relatedInformation: [{ location: { uri: ctx.toUri(result.file), range: toLspRange(result.range) }, message: `the resource this value reaches: ${result.resource}` }],
    data,
  };
}

export function syntaxDiagnostic(message: string, range: Range | undefined): Diagnostic {
  return { range: range ? toLspRange(range) : FILE_START, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: DIAGNOSTIC_CODES.syntax, message };
}

/** A file the host could not read (binary, too large): one warning at its start, with the reason. */
export function unreadableDiagnostic(message: string): Diagnostic {
  return { range: FILE_START, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: DIAGNOSTIC_CODES.unreadable, message };
}

const MODEL_LEVELS: Record<ModelDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function modelDiagnostic(d: ModelDiagnostic): Diagnostic {
  return { range: toLspRange(d.range), severity: MODEL_LEVELS[d.severity], source: DIAGNOSTIC_SOURCE, code: DIAGNOSTIC_CODES.model, message: d.message };
}

/**
 * A `tfpolicy:ignore` comment that cannot apply as written, at the offending token: a warning, as
 * ESLint reports a disable comment naming an unknown rule (the file itself is fine).
 */
export function suppressionDiagnostic(message: string, range: Range): Diagnostic {
  return { range: toLspRange(range), severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: DIAGNOSTIC_CODES.suppression, message };
}

/** A problem in a policy file or `.tfpolicy.yaml`, shown in that file. */
export function configurationDiagnostic(code: string, message: string, range: Range | undefined): Diagnostic {
  return { range: range ? toLspRange(range) : FILE_START, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code, message };
}
