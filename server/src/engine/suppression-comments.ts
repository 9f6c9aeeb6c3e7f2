// Reading suppression comments, with the position of every token so a mistake in one of ours is
// reported where it is (as ESLint reports an unknown rule in an eslint-disable comment):
//   # tfpolicy:ignore <id>[,<id>…] [until=YYYY-MM-DD] [-- reason]
// and, through a policy's `references`, the comments of other tools:
//   #checkov:skip=CKV_AWS_20:reason   #tfsec:ignore:aws-s3-enable-bucket-encryption   #trivy:ignore:AVD-AWS-0086
// Other tools' comments are never errors here: ids we do not map belong to those tools.

import type { Comment, Position, Range } from '../hcl/ast';
import type { SourceFile } from '../terraform/model';

export interface Suppression {
  readonly tool: 'tfpolicy' | 'checkov' | 'tfsec' | 'trivy';
  readonly ids: readonly string[];
  readonly file: string;
  /** The whole comment. */
  readonly range: Range;
  readonly comment: string;
  readonly until?: string;
  readonly reason?: string;
}

/** A `tfpolicy:ignore` comment we cannot honour as written, at the offending token. */
export interface SuppressionProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

interface Token {
  readonly text: string;
  readonly range: Range;
}

/** Our directive as written: its tokens, the intrinsic problems, and whether it can apply. */
interface OwnDirective {
  readonly ids: readonly Token[];
  readonly until?: Token;
  readonly reason?: string;
  readonly problems: readonly { readonly range: Range; readonly message: string }[];
  readonly applies: boolean;
}

// The directive starts the comment, as ESLint's do, so prose that mentions it is not read as one.
const DIRECTIVE = /^\s*tfpolicy:ignore(?![\w-])/;
const CHECKOV = /checkov:skip=([A-Za-z0-9_]+)(?::([^\n]*))?/g;
const FOREIGN = /(tfsec|trivy):ignore:([A-Za-z0-9_-]+?)(?::exp:(\d{4}-\d{2}-\d{2}))?(?=$|[\s,:\]])/g;

/** True for an existing calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The source position of `index` in the comment's text. The text starts right after the marker
 * (`#`, `//`, `/*`); in `.tf.json` a comment is a `"//"` property whose text is a JSON string, so
 * positions inside it are not known and the whole comment stands in.
 */
function positionIn(comment: Comment, index: number, json: boolean): Position | undefined {
  if (json) return undefined;
  const marker = comment.style === '#' ? 1 : 2;
  const before = comment.text.slice(0, index);
  const newline = before.lastIndexOf('\n');
  const start = comment.range.start;
  const line = start.line + (before.match(/\n/g)?.length ?? 0);
  const character = newline < 0 ? start.character + marker + index : index - newline - 1;
  return { line, character, offset: start.offset + marker + index };
}

function tokenAt(comment: Comment, index: number, text: string, json: boolean): Token {
  const start = positionIn(comment, index, json);
  const end = positionIn(comment, index + text.length, json);
  return { text, range: start && end ? { start, end } : comment.range };
}

function readOwn(comment: Comment, json: boolean): OwnDirective | undefined {
  const directive = DIRECTIVE.exec(comment.text);
  if (!directive) return undefined;
  const restStart = directive[0].length;
  const rest = comment.text.slice(restStart);
  const dashes = /(?:^|\s)--/.exec(rest);
  const head = dashes ? rest.slice(0, dashes.index) : rest;
  const reason = dashes ? rest.slice(dashes.index + dashes[0].length).trim() : '';
  const ids: Token[] = [];
  let until: Token | undefined;
  const problems: { range: Range; message: string }[] = [];
  for (const m of head.matchAll(/[^\s,]+/g)) {
    const token = tokenAt(comment, restStart + m.index, m[0], json);
    if (!m[0].startsWith('until=')) {
      ids.push(token);
      continue;
    }
    const value = m[0].slice('until='.length);
    const valueToken = value === '' ? token : tokenAt(comment, restStart + m.index + 'until='.length, value, json);
    if (until) {
      problems.push({ range: token.range, message: 'tfpolicy:ignore has more than one until=; the suppression does not apply' });
    } else if (!isIsoDate(value)) {
      problems.push({ range: valueToken.range, message: `tfpolicy:ignore has an invalid until date "${value}" (expected an existing date as YYYY-MM-DD); the suppression does not apply` });
    }
    until ??= { text: value, range: valueToken.range };
  }
  const directiveToken = tokenAt(comment, directive[0].length - 'tfpolicy:ignore'.length, 'tfpolicy:ignore', json);
  if (ids.length === 0) problems.push({ range: directiveToken.range, message: 'tfpolicy:ignore names no policy id' });
  return { ids, ...(until ? { until } : {}), ...(reason ? { reason } : {}), problems, applies: problems.length === 0 };
}

/** The suppressions a comment makes; one of ours with a mistake in it makes none (see suppressionProblems). */
export function parseSuppressions(comment: Comment, file: string, json = false): Suppression[] {
  const text = comment.text.trim();
  const base = { file, range: comment.range, comment: text };
  const out: Suppression[] = [];
  const own = readOwn(comment, json);
  if (own?.applies) {
    out.push({ ...base, tool: 'tfpolicy', ids: own.ids.map((t) => t.text), ...(own.until ? { until: own.until.text } : {}), ...(own.reason ? { reason: own.reason } : {}) });
  }
  for (const m of text.matchAll(CHECKOV)) out.push({ ...base, tool: 'checkov', ids: [m[1]!], ...(m[2]?.trim() ? { reason: m[2].trim() } : {}) });
  for (const m of text.matchAll(FOREIGN)) out.push({ ...base, tool: m[1] as 'tfsec' | 'trivy', ids: [m[2]!], ...(m[3] ? { until: m[3] } : {}) });
  return out;
}

/** True when the comment is one of ours (well formed or not). */
export function isOwnDirective(comment: Comment): boolean {
  return DIRECTIVE.test(comment.text);
}

/**
 * Mistakes written in the `tfpolicy:ignore` comments of a file: an id no loaded policy has
 * (`knownIds` are all loaded policies, enabled or not, so disabling a policy does not turn its
 * suppressions into errors), a missing id, a bad `until=` date.
 */
export function commentProblems(source: SourceFile, knownIds: ReadonlySet<string>): SuppressionProblem[] {
  const problems: SuppressionProblem[] = [];
  const json = source.file.syntax === 'json';
  for (const comment of source.file.comments) {
    const own = readOwn(comment, json);
    if (!own) continue;
    const found = [
      ...own.ids.filter((id) => !knownIds.has(id.text)).map((id) => ({ range: id.range, message: `tfpolicy:ignore names an unknown policy id "${id.text}"` })),
      ...own.problems,
    ];
    for (const p of found) problems.push({ file: source.name, ...p });
  }
  return problems;
}
