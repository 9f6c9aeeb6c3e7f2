// "Suppress <policy> …" quick fixes (ESLint's "Disable rule for this line"): insert a
// `tfpolicy:ignore <id> -- TODO: reason` comment on its own line where the engine honours it
// (see engine/suppressions.ts). The places are computed with the finding, from the model, and
// carried in the diagnostic's data; the text of the open document gives indentation and line ending.
//   - above the resource header: covers every finding of the resource;
//   - for a finding inside an attribute or nested block: above the innermost one's first line,
//     which covers the findings inside it only. Never at the offending value's own line when that
//     is inside a multi-line value: a comment inside a heredoc would change the string;
//   - for a module call argument: above the `module` block, which covers the module's resources.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { RelatedLocation } from '../engine/types';
import type { Attribute, Block, Range } from '../hcl/ast';
import type { ResourceInstance } from '../terraform/model';
import type { FindingData, SuppressAnchors } from './diagnostics';

/** What the actions need of an open document (TextDocument satisfies it). */
export interface OpenDocument {
  readonly version: number;
  getText(range?: LspRange): string;
}

/** The text a suppression starts with: a reason is required in review, so the placeholder says so. */
export const REASON_PLACEHOLDER = 'TODO: reason';

function contains(outer: Range, inner: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** The innermost attribute or nested block of `items` that holds `site`. */
function innermostItem(items: readonly (Attribute | Block)[], site: Range): Attribute | Block | undefined {
  for (const item of items) {
    if (!contains(item.range, site)) continue;
    return item.kind === 'Block' ? innermostItem(item.body.items, site) ?? item : item;
  }
  return undefined;
}

/** Where comments covering a finding of `resource` at `site` (in the resource's file) go. */
export function resourceAnchors(resource: ResourceInstance, site: Range): SuppressAnchors {
  const headerLine = resource.headerRange.start.line;
  const item = innermostItem(resource.source.body.items, site);
  if (!item || item.range.start.line === headerLine) return { headerLine };
  return { headerLine, item: { line: item.range.start.line, name: item.kind === 'Block' ? item.type : item.name } };
}

/** Above the module call that holds `argument`: honoured for every resource of the module. */
export function moduleCallAnchors(resource: ResourceInstance, argument: RelatedLocation): SuppressAnchors | undefined {
  const call = resource.callers?.find((c) => c.file === argument.file && contains(c.range, argument.range));
  return call ? { headerLine: call.headerRange.start.line, module: call.name } : undefined;
}

/** The suppress actions for one finding's diagnostic in the document `uri` (none when its data is stale or malformed). */
export function suppressActions(diagnostic: Diagnostic, data: FindingData, uri: string, doc: OpenDocument | undefined): CodeAction[] {
  const anchors: unknown = data.suppress;
  // JSON has no comment syntax: a `#` line would break a `.tf.json` file.
  if (!doc || !isAnchors(anchors) || /\.json$/i.test(uri)) return [];
  // Lines computed on an older text would put the comment in the wrong place.
  if (data.version !== undefined && data.version !== doc.version) return [];
  const id = data.policyId;
  const actions: CodeAction[] = [];
  if (anchors.item) {
    const onThisLine = anchors.item.line === diagnostic.range.start.line;
    const title = onThisLine ? `Suppress ${id} on this line` : `Suppress ${id} for ${anchors.item.name}`;
    actions.push(insertAbove(title, diagnostic, uri, doc, anchors.item.line, id));
  }
  // The comment covers every instance (count, for_each): the title names the resource, not one instance.
  const target = anchors.module !== undefined ? `module "${anchors.module}"` : data.resource.replace(/\[[^\]]*\]$/, '');
  actions.push(insertAbove(`Suppress ${id} for ${target}`, diagnostic, uri, doc, anchors.headerLine, id));
  return actions;
}

function insertAbove(title: string, diagnostic: Diagnostic, uri: string, doc: OpenDocument, line: number, id: string): CodeAction {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  // The line's own ending, so a CRLF file stays CRLF.
  const eol = text.endsWith('\r\n') ? '\r\n' : text.endsWith('\n') ? '\n' : /\r\n/.test(doc.getText()) ? '\r\n' : '\n';
  const at = { line, character: 0 };
  const newText = `${indent}# tfpolicy:ignore ${id} -- ${REASON_PLACEHOLDER}${eol}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText }] } } };
}

/** `data` comes back from the client: trust its shape no further than we check it. */
function isAnchors(value: unknown): value is SuppressAnchors {
  if (!isObject(value) || !isIndex(value.headerLine)) return false;
  if (value.module !== undefined && typeof value.module !== 'string') return false;
  return value.item === undefined || (isObject(value.item) && isIndex(value.item.line) && typeof value.item.name === 'string');
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
