// Where inline suppressions apply. A comment is anchored to a line: its own line when it ends a
// line of code, else the first line below its run of comment lines. It then covers
// - the whole resource, when anchored to the resource header or to a `module` call the resource
//   is in; Checkov's `checkov:skip` covers the resource from anywhere inside it, as Checkov does;
// - otherwise the findings inside the attribute or nested block it is anchored to (the outermost
//   one starting on that line; for a comment ending a line inside one, the innermost such), and
//   any finding that starts on the anchor line (a comment above one element of a list).
// So a suppression on one offending value never hides another offending value of the resource.

import type { Attribute, Block, Comment, File, Range } from '../hcl/ast';
import type { ModuleModel, ResourceInstance, SourceFile } from '../terraform/model';
import type { Policy } from './policy';
import { parseSuppressions, type Suppression } from './suppression-comments';

export { parseSuppressions, suppressionProblems, type Suppression, type SuppressionProblem } from './suppression-comments';

/** A suppression with the line it is anchored to and the attribute or block it covers. */
interface Placed {
  readonly suppression: Suppression;
  readonly anchorLine: number;
  readonly region?: Range;
}

/** A place a finding is reported at. */
export interface Site {
  readonly file: string;
  readonly range: Range;
}

/** `AVD-AWS-0086`, `AWS-0086` and `aws-0086` name the same Trivy check. */
function normalizeId(id: string): string {
  return id.toLowerCase().replace(/^avd-/, '');
}

function names(s: Suppression, policy: Policy): boolean {
  if (s.tool === 'tfpolicy') return s.ids.includes(policy.id);
  const refs = policy.references.map(normalizeId);
  return s.ids.some((id) => refs.includes(normalizeId(id)));
}

function contains(outer: Range, inner: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** Every attribute and block of the file, nested ones included. */
function itemsOf(file: File): (Attribute | Block)[] {
  const out: (Attribute | Block)[] = [];
  const visit = (items: readonly (Attribute | Block)[]): void => {
    for (const item of items) {
      out.push(item);
      if (item.kind === 'Block') visit(item.body.items);
    }
  };
  visit(file.body.items);
  return out;
}

/** Per line, the smallest offset where a syntax node starts or ends: is there code before a comment? */
function codeStarts(file: File): Map<number, number> {
  const first = new Map<number, number>();
  const note = (line: number, offset: number): void => {
    const known = first.get(line);
    if (known === undefined || offset < known) first.set(line, offset);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const { kind, range } = node as { kind?: unknown; range?: Range };
    // A body's range spans the whitespace (and comments) around its items: not code.
    if (typeof kind === 'string' && kind !== 'Body' && range?.start && range.end) {
      note(range.start.line, range.start.offset);
      if (range.end.character > 0) note(range.end.line, range.end.offset - 1);
    }
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  visit(file.body);
  return first;
}

function place(file: File, placedComments: readonly { comment: Comment; suppressions: Suppression[] }[]): Placed[] {
  const items = itemsOf(file);
  const code = codeStarts(file);
  const trailing = (c: Comment): boolean => (code.get(c.range.start.line) ?? Infinity) < c.range.start.offset;
  const standalone = new Map<number, Comment>();
  for (const c of file.comments) if (!trailing(c) && !standalone.has(c.range.start.line)) standalone.set(c.range.start.line, c);
  const outermostStartingOn = (line: number, before = Infinity): Range | undefined => items
    .filter((i) => i.range.start.line === line && i.range.start.offset < before)
    .sort((a, b) => a.range.start.offset - b.range.start.offset || b.range.end.offset - a.range.end.offset)[0]?.range;
  const out: Placed[] = [];
  for (const { comment, suppressions } of placedComments) {
    let anchorLine: number;
    let region: Range | undefined;
    if (trailing(comment)) {
      anchorLine = comment.range.start.line;
      const at = comment.range.start.offset;
      region = outermostStartingOn(anchorLine, at) ?? items
        .filter((i) => i.range.start.offset < at && i.range.start.line < anchorLine && i.range.end.line >= anchorLine)
        .sort((a, b) => b.range.start.offset - a.range.start.offset)[0]?.range;
    } else {
      anchorLine = comment.range.end.line + 1;
      for (let next = standalone.get(anchorLine); next; next = standalone.get(anchorLine)) anchorLine = next.range.end.line + 1;
      region = outermostStartingOn(anchorLine);
    }
    for (const suppression of suppressions) out.push({ suppression, anchorLine, ...(region ? { region } : {}) });
  }
  return out;
}

/** Every suppression comment of the model's files (called modules' too), placed. */
export class SuppressionIndex {
  private readonly byFile = new Map<string, Placed[]>();

  constructor(model: ModuleModel) {
    for (const source of [...model.files, ...model.moduleFiles]) this.add(source);
  }

  private add(source: SourceFile): void {
    const json = source.file.syntax === 'json';
    const parsed = source.file.comments
      .map((comment) => ({ comment, suppressions: parseSuppressions(comment, source.name, json) }))
      .filter((c) => c.suppressions.length > 0);
    this.byFile.set(source.name, parsed.length > 0 ? place(source.file, parsed) : []);
  }

  private anchoredTo(file: string, line: number): Placed[] {
    return (this.byFile.get(file) ?? []).filter((p) => p.anchorLine === line);
  }

  /** The suppressions of `policy` that cover its finding on `resource` reported at `site`. */
  find(policy: Policy, resource: ResourceInstance, site: Site): Suppression[] {
    const wholeResource = [
      ...this.anchoredTo(resource.file, resource.headerRange.start.line),
      ...(resource.callers ?? []).flatMap((c) => this.anchoredTo(c.file, c.headerRange.start.line)),
    ].filter((p) => p.suppression.tool !== 'checkov');
    const checkov = (this.byFile.get(resource.file) ?? []).filter((p) => p.suppression.tool === 'checkov' && contains(resource.range, p.suppression.range));
    const atSite = (this.byFile.get(site.file) ?? []).filter((p) => p.suppression.tool !== 'checkov'
      && (p.anchorLine === site.range.start.line || (p.region !== undefined && contains(p.region, site.range))));
    const seen = new Set<Suppression>();
    return [...atSite, ...wholeResource, ...checkov]
      .map((p) => p.suppression)
      .filter((s) => names(s, policy) && !seen.has(s) && (seen.add(s), true));
  }
}
