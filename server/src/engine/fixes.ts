// Turns a policy's declarative fix into text edits: replace an attribute's value, or insert a
// missing attribute (creating the nested blocks on its path) or block before the closing brace.
// Inserted text follows the file: its line ending (CRLF stays CRLF), its indentation (tabs stay
// tabs), and a one-line block `{ a = 1 }` is opened up, since HCL allows one argument per line.
// In `.tf.json` a literal value is replaced or a property inserted (commas kept right); a block
// given as HCL text is not offered there.

import type { Block, File, Position } from '../hcl/ast';
import type { EvaluatedBlock, ResourceInstance } from '../terraform/model';
import type { FixSpec, Path } from './policy';
import type { Fix, TextEdit } from './types';

/** The parsed file (with its text) a model file name stands for. */
export type SourceOf = (file: string) => File | undefined;

/** How the file writes what we insert. */
interface Style {
  readonly text: string;
  readonly json: boolean;
  readonly eol: string;
}

function styleOf(file: File): Style {
  const newline = file.text.indexOf('\n');
  const eol = newline > 0 && file.text.charCodeAt(newline - 1) === 13 ? '\r\n' : newline < 0 && file.text.includes('\r') ? '\r' : '\n';
  return { text: file.text, json: file.syntax === 'json', eol };
}

/** The leading spaces and tabs of the line holding `at`. */
function lineIndent(text: string, at: Position): string {
  const lineStart = at.offset - at.character;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end);
}

/** Whether only spaces and tabs precede `at` on its line. */
function firstOnLine(text: string, at: Position): boolean {
  return /^[ \t]*$/.test(text.slice(at.offset - at.character, at.offset));
}

/** One level of indentation in this file: the step from a block's header to its items, else tab or two spaces. */
function indentStep(text: string, header: string, items: string | undefined): string {
  if (items !== undefined && items.length > header.length && items.startsWith(header)) return items.slice(header.length);
  return header.includes('\t') || (header === '' && /(^|\n)\t/.test(text)) ? '\t' : '  ';
}

/** `text` (lines separated by `\n`, two-space indented) indented by `indent`, in the file's style. */
function reindent(text: string, indent: string, step: string, eol: string): string {
  return text.replace(/\n+$/, '').split('\n').map((line) => {
    if (line.trim() === '') return '';
    const leading = /^(?: {2})*/.exec(line)?.[0] ?? '';
    return indent + step.repeat(leading.length / 2) + line.slice(leading.length);
  }).join(eol);
}

/** The position of `offset` on the line of `anchor` (no line break in between). */
function sameLine(anchor: Position, offset: number): Position {
  return { line: anchor.line, character: anchor.character + offset - anchor.offset, offset };
}

/** The position of `offset` at or after `anchor`, counting the line breaks in between. */
function after(text: string, anchor: Position, offset: number): Position {
  let { line } = anchor;
  let lineStart = anchor.offset - anchor.character;
  for (let i = anchor.offset; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart, offset };
}

function edit(file: string, start: Position, end: Position, newText: string): TextEdit {
  return { file, range: { start, end }, newText };
}

/** Edits inserting `lines` (unindented, `\n`-separated, may span lines) as the last items of an HCL block. */
function insertInto(file: string, style: Style, block: Block, lines: string): TextEdit[] {
  const { text, eol } = style;
  const open = block.openBrace;
  const close = block.closeBrace;
  if (!close || !open) return [];
  const header = lineIndent(text, block.range.start);
  const first = block.body.items[0];
  const firstOwnLine = first !== undefined && first.range.start.line !== open.start.line && firstOnLine(text, first.range.start);
  const step = indentStep(text, header, firstOwnLine ? lineIndent(text, first.range.start) : undefined);
  const indent = firstOwnLine ? lineIndent(text, first.range.start) : header + step;
  const body = reindent(lines, indent, step, eol);
  const edits: TextEdit[] = [];
  // `{ a = 1 }`: the existing argument moves to a line of its own.
  if (first !== undefined && !firstOwnLine) edits.push(edit(file, open.end, first.range.start, eol + indent));
  if (close.start.line !== open.start.line && firstOnLine(text, close.start)) {
    const lineStart = sameLine(close.start, close.start.offset - close.start.character);
    edits.push(edit(file, lineStart, lineStart, body + eol));
  } else {
    let wsStart = close.start.offset;
    while (wsStart > open.end.offset && (text[wsStart - 1] === ' ' || text[wsStart - 1] === '\t')) wsStart--;
    edits.push(edit(file, sameLine(close.start, wsStart), close.start, eol + body + eol + header));
  }
  return edits;
}

/** An HCL literal (`true`, `40`, `"aws:kms"`, `["a"]`) as JSON, or undefined when it is not one. */
function jsonValue(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    // In Terraform JSON a string is a template: `${` or `%{` would be read as code.
    if (/[$%]\{/.test(value) || (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** Edits adding the JSON property `"key": value` to the object of `block`, with the comma it needs. */
function insertIntoJson(file: string, style: Style, block: Block, member: string): TextEdit[] {
  const { text, eol } = style;
  const open = block.openBrace;
  const close = block.closeBrace;
  if (!close || !open) return [];
  let lastEnd = close.start.offset;
  while (lastEnd > open.end.offset && /\s/.test(text[lastEnd - 1] ?? '')) lastEnd--;
  const empty = lastEnd === open.end.offset;
  const at = after(text, open.start, lastEnd);
  if (!firstOnLine(text, close.start) || close.start.line === open.start.line) {
    // One line: `{"size": 1}` → `{"size": 1, "encrypted": true}`.
    return [edit(file, at, at, `${empty ? '' : ', '}${member}`)];
  }
  const header = lineIndent(text, close.start);
  const first = block.body.items[0];
  const indent = first !== undefined && firstOnLine(text, first.range.start) ? lineIndent(text, first.range.start) : header + indentStep(text, header, undefined);
  return [edit(file, at, at, `${empty ? '' : ','}${eol}${indent}${member}`)];
}

/** Values to insert below one block, as a tree: `{ metadata_options: { http_tokens: '"required"' } }`. */
type Tree = Map<string, string | Tree>;
interface Missing { readonly block: Block; readonly tree: Tree }

function addMissing(missing: Missing[], block: Block, path: Path, value: string): void {
  let entry = missing.find((m) => m.block === block);
  if (!entry) missing.push(entry = { block, tree: new Map() });
  let tree = entry.tree;
  for (const [i, name] of path.entries()) {
    if (i === path.length - 1) { tree.set(name, value); break; }
    const next = tree.get(name);
    if (next instanceof Map) { tree = next; continue; }
    const created: Tree = new Map();
    tree.set(name, created);
    tree = created;
  }
}

/** The HCL text of a tree: `a = v` arguments and `b { … }` blocks, two-space indented. */
function hclText(tree: Tree): string {
  return [...tree].map(([name, v]) => (typeof v === 'string' ? `${name} = ${v}` : `${name} {\n${reindent(hclText(v), '  ', '  ', '\n')}\n}`)).join('\n');
}

/** The JSON properties of a tree, or undefined when a value has no JSON literal form. */
function jsonMembers(tree: Tree): string | undefined {
  const members: string[] = [];
  for (const [name, v] of tree) {
    const value = typeof v === 'string' ? jsonValue(v) : jsonMembers(v);
    if (value === undefined) return undefined;
    members.push(`${JSON.stringify(name)}: ${typeof v === 'string' ? value : `{${value}}`}`);
  }
  return members.join(', ');
}

function insertMissing(file: string, style: Style, { block, tree }: Missing): TextEdit[] {
  if (!style.json) return insertInto(file, style, block, hclText(tree));
  const members = jsonMembers(tree);
  return members === undefined ? [] : insertIntoJson(file, style, block, members);
}

/** The edit replacing an existing value; a missing value is recorded in `missing` instead. */
function setEdit(resource: ResourceInstance, style: Style, path: Path, value: string, missing: Missing[]): TextEdit | undefined {
  let block: EvaluatedBlock = resource;
  for (const [i, name] of path.entries()) {
    if (i === path.length - 1) {
      const attribute = block.attributes.get(name);
      if (!attribute || attribute.file !== block.file) { addMissing(missing, block.source, [name], value); return undefined; }
      const newText = style.json ? jsonValue(value) : value;
      return newText === undefined ? undefined : { file: attribute.file, range: attribute.valueRange, newText };
    }
    const child = block.blocks.find((b) => b.type === name);
    if (!child) { addMissing(missing, block.source, path.slice(i), value); return undefined; }
    block = child;
  }
  return undefined;
}

function addBlockEdits(resource: ResourceInstance, style: Style, path: Path, text: string): TextEdit[] {
  // The block is given as HCL text; JSON syntax would need it rewritten, so no fix there.
  if (style.json) return [];
  let block: EvaluatedBlock = resource;
  for (const name of path) {
    const child = block.blocks.find((b) => b.type === name);
    if (!child) return insertInto(block.file, style, block.source, text);
    block = child;
  }
  return [];
}

/** The edits of `spec` for `resource`, or undefined when the fix does not apply. */
export function computeFix(spec: FixSpec, resource: ResourceInstance, sourceOf: SourceOf): Fix | undefined {
  const file = sourceOf(resource.file);
  if (!file) return undefined;
  const style = styleOf(file);
  const edits: TextEdit[] = [];
  // Values missing from one block go in as one insertion, so a one-line block is opened once.
  const missing: Missing[] = [];
  for (const { path, value } of spec.set) {
    const replace = setEdit(resource, style, path, value, missing);
    if (replace) edits.push(replace);
  }
  for (const m of missing) edits.push(...insertMissing(resource.file, style, m));
  if (spec.addBlock) edits.push(...addBlockEdits(resource, style, spec.addBlock.path, spec.addBlock.text));
  return edits.length > 0 ? { title: spec.title, edits } : undefined;
}
