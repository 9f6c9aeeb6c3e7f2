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
import { commentProblems, isOwnDirective, parseSuppressions, type Suppression, type SuppressionProblem } from './suppression-comments';

export { parseSuppressions, type Suppression, type SuppressionProblem } from './suppression-comments';

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

/** Calls `visit` with the range of every syntax node of the file but its bodies. */
function eachNode(file: File, visit: (range: Range) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const { kind, range } = node as { kind?: unknown; range?: Range };
    // A body's range spans the whitespace (and comments) around its items: not code.
    if (typeof kind === 'string' && kind !== 'Body' && range?.start && range.end) visit(range);
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(file.body);
}

/** Per line, the smallest offset of a node starting there (`ends` too: where a node ends). */
function firstOffsets(file: File, ends: boolean): Map<number, number> {
  const first = new Map<number, number>();
  const note = (line: number, offset: number): void => {
    const known = first.get(line);
    if (known === undefined || offset < known) first.set(line, offset);
  };
  eachNode(file, (range) => {
    note(range.start.line, range.start.offset);
    if (ends && range.end.character > 0) note(range.end.line, range.end.offset - 1);
  });
  return first;
}

/** Per line, the smallest offset where a syntax node starts or ends: is there code before a comment? */
function codeStarts(file: File): Map<number, number> {
  return firstOffsets(file, true);
}

/** Where a comment is anchored: the line it applies to and the attribute or block it covers. */
interface Anchor {
  readonly trailing: boolean;
  readonly anchorLine: number;
  readonly region?: Range;
}

/** Anchors comments of `file` as the index matches them (see the top of this file). */
function anchorer(file: File): (comment: Comment) => Anchor {
  const items = itemsOf(file);
  const code = codeStarts(file);
  const trailing = (c: Comment): boolean => (code.get(c.range.start.line) ?? Infinity) < c.range.start.offset;
  const standalone = new Map<number, Comment>();
  for (const c of file.comments) if (!trailing(c) && !standalone.has(c.range.start.line)) standalone.set(c.range.start.line, c);
  const outermostStartingOn = (line: number, before = Infinity): Range | undefined => items
    .filter((i) => i.range.start.line === line && i.range.start.offset < before)
    .sort((a, b) => a.range.start.offset - b.range.start.offset || b.range.end.offset - a.range.end.offset)[0]?.range;
  return (comment) => {
    if (trailing(comment)) {
      const anchorLine = comment.range.start.line;
      const at = comment.range.start.offset;
      const region = outermostStartingOn(anchorLine, at) ?? items
        .filter((i) => i.range.start.offset < at && i.range.start.line < anchorLine && i.range.end.line >= anchorLine)
        .sort((a, b) => b.range.start.offset - a.range.start.offset)[0]?.range;
      return { trailing: true, anchorLine, ...(region ? { region } : {}) };
    }
    let anchorLine = comment.range.end.line + 1;
    for (let next = standalone.get(anchorLine); next; next = standalone.get(anchorLine)) anchorLine = next.range.end.line + 1;
    const region = outermostStartingOn(anchorLine);
    return { trailing: false, anchorLine, ...(region ? { region } : {}) };
  };
}

function place(file: File, placedComments: readonly { comment: Comment; suppressions: Suppression[] }[]): Placed[] {
  const anchorOf = anchorer(file);
  const out: Placed[] = [];
  for (const { comment, suppressions } of placedComments) {
    const { anchorLine, region } = anchorOf(comment);
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

// Findings are reported in `resource` and `data` blocks (a value set in a variable, a local or a
// module argument is reported where the resource uses it), and a module call is covered only by a
// comment on its header: the bodies of these blocks never hold a finding. Blocks not listed (a
// `check` block holds `data` blocks) are given the benefit of the doubt.
const NO_FINDINGS = new Set(['locals', 'variable', 'output', 'provider', 'terraform', 'module', 'moved', 'import', 'removed']);

/**
 * Our comments placed where no finding can ever be: not anchored to any code (a blank line below,
 * the end of the file, a closing brace), or inside a block that never holds a finding. Only what
 * the matching above can never honour is reported; `.tf.json` comments (`"//"` properties) and
 * files with syntax errors (a half-typed tree) are left alone.
 */
function placementProblems(source: SourceFile): SuppressionProblem[] {
  const { file } = source;
  const own = file.comments.filter(isOwnDirective);
  if (own.length === 0 || file.syntax === 'json' || file.errors.length > 0) return [];
  const anchorOf = anchorer(file);
  const starts = firstOffsets(file, false);
  const code = codeStarts(file);
  const lastStart = Math.max(-1, ...starts.keys());
  const lines = file.text.split(/\r?\n/);
  const problems: SuppressionProblem[] = [];
  const report = (comment: Comment, why: string, hint = ''): void => {
    problems.push({ file: source.name, range: comment.range, message: `this tfpolicy:ignore comment ${why}, so it suppresses nothing${hint}` });
  };
  for (const comment of own) {
    const { trailing, anchorLine } = anchorOf(comment);
    const at = trailing ? code.get(anchorLine) : starts.get(anchorLine);
    if (at === undefined) {
      const blank = lines[anchorLine]?.trim() === '' && lastStart > anchorLine;
      report(comment, 'is not directly above a resource, attribute or block', blank ? ' (remove the blank line below it?)' : '');
      continue;
    }
    const top = file.body.items.find((i) => i.range.start.offset <= at && at < i.range.end.offset);
    if (top?.kind === 'Attribute') report(comment, 'is outside any resource, where no finding is reported');
    if (top?.kind !== 'Block' || !NO_FINDINGS.has(top.type)) continue;
    if (top.type !== 'module') report(comment, `is inside ${/^[aeiou]/.test(top.type) ? 'an' : 'a'} ${top.type} block, where no finding is reported`);
    else if (anchorLine !== top.range.start.line) report(comment, 'is inside a module block, where no finding is reported', ' (above the module block it covers the module\'s resources)');
  }
  return problems;
}

/**
 * Mistakes in `tfpolicy:ignore` comments, in source order: what is written (an unknown or missing
 * id, a bad `until=` date, see commentProblems) and where it is (see placementProblems).
 */
export function suppressionProblems(files: readonly SourceFile[], knownIds: ReadonlySet<string>): SuppressionProblem[] {
  return files.flatMap((source) => [...placementProblems(source), ...commentProblems(source, knownIds)]
    .sort((a, b) => a.range.start.offset - b.range.start.offset));
}
