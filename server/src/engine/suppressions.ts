// Inline suppressions, read from the comments the parser keeps:
//   # tfpolicy:ignore <id>[,<id>…] [until=YYYY-MM-DD] [-- reason]
// and, through a policy's `references`, the comments of other tools:
//   #checkov:skip=CKV_AWS_20:reason   #tfsec:ignore:aws-s3-enable-bucket-encryption   #trivy:ignore:AVD-AWS-0086
// Ours and tfsec/Trivy's apply on the line above (or at the end of) the resource header, the
// offending line, or a `module` call of the resource; Checkov's anywhere inside the resource block.

import type { Comment, Range } from '../hcl/ast';
import type { ModuleModel, ResourceInstance } from '../terraform/model';
import type { Policy } from './policy';

export interface Suppression {
  readonly tool: 'tfpolicy' | 'checkov' | 'tfsec' | 'trivy';
  readonly ids: readonly string[];
  readonly file: string;
  readonly range: Range;
  readonly comment: string;
  readonly until?: string;
  readonly reason?: string;
}

const OWN = /tfpolicy:ignore\s+([A-Za-z0-9_,\s-]+?)(?:\s+until=(\d{4}-\d{2}-\d{2}))?\s*(?:--\s*(.*))?$/;
const CHECKOV = /checkov:skip=([A-Za-z0-9_]+)(?::([^\n]*))?/g;
const FOREIGN = /(tfsec|trivy):ignore:([A-Za-z0-9_-]+?)(?::exp:(\d{4}-\d{2}-\d{2}))?(?=$|[\s,:\]])/g;

export function parseSuppressions(comment: Comment, file: string): Suppression[] {
  const text = comment.text.trim();
  const base = { file, range: comment.range, comment: text };
  const out: Suppression[] = [];
  const own = OWN.exec(text);
  if (own) {
    const ids = own[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
    out.push({ ...base, tool: 'tfpolicy', ids, ...(own[2] ? { until: own[2] } : {}), ...(own[3]?.trim() ? { reason: own[3].trim() } : {}) });
  }
  for (const m of text.matchAll(CHECKOV)) out.push({ ...base, tool: 'checkov', ids: [m[1]!], ...(m[2]?.trim() ? { reason: m[2].trim() } : {}) });
  for (const m of text.matchAll(FOREIGN)) out.push({ ...base, tool: m[1] as 'tfsec' | 'trivy', ids: [m[2]!], ...(m[3] ? { until: m[3] } : {}) });
  return out;
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

/** Every suppression comment of the model's files, by file, sorted by line. */
export class SuppressionIndex {
  private readonly byFile = new Map<string, Suppression[]>();
  private readonly commentLines = new Map<string, Set<number>>();

  constructor(model: ModuleModel) {
    for (const source of model.files) {
      const list = source.file.comments.flatMap((c) => parseSuppressions(c, source.name));
      this.byFile.set(source.name, list);
      this.commentLines.set(source.name, new Set(source.file.comments.map((c) => c.range.start.line)));
    }
  }

  /** Suppressions on `line` or in the run of comment lines directly above it. */
  private atLine(file: string, line: number): Suppression[] {
    const list = this.byFile.get(file) ?? [];
    const lines = this.commentLines.get(file) ?? new Set<number>();
    let top = line;
    while (lines.has(top - 1)) top--;
    return list.filter((s) => s.range.start.line >= top && s.range.start.line <= line);
  }

  private within(file: string, range: Range): Suppression[] {
    return (this.byFile.get(file) ?? []).filter((s) => s.range.start.offset >= range.start.offset && s.range.end.offset <= range.end.offset);
  }

  /** The suppressions of `policy` that cover a result of `resource` reported at `file`:`line`. */
  find(policy: Policy, resource: ResourceInstance, file: string, line: number): Suppression[] {
    const candidates = [
      ...this.atLine(file, line),
      ...this.atLine(resource.file, resource.headerRange.start.line),
      ...(resource.callers ?? []).flatMap((c) => this.atLine(c.file, c.headerRange.start.line)),
    ].filter((s) => s.tool !== 'checkov');
    const checkov = this.within(resource.file, resource.range).filter((s) => s.tool === 'checkov');
    const seen = new Set<Suppression>();
    return [...candidates, ...checkov].filter((s) => names(s, policy) && !seen.has(s) && (seen.add(s), true));
  }
}
