// How a fix's inserted text follows the file: its line ending (CRLF stays CRLF), its indentation
// (tabs stay tabs), and a one-line block `{ a = 1 }` is opened up, since HCL allows one argument
// per line in a block. In `.tf.json` a property is inserted with the comma it needs.

import type { File, Position, Range } from '../hcl/ast';
import type { TextEdit } from './types';

/** How the file writes what we insert. */
export interface Style {
  readonly text: string;
  readonly json: boolean;
  readonly eol: string;
}

export function styleOf(file: File): Style {
  const newline = file.text.indexOf('\n');
  const eol = newline > 0 && file.text.charCodeAt(newline - 1) === 13 ? '\r\n' : newline < 0 && file.text.includes('\r') ? '\r' : '\n';
  return { text: file.text, json: file.syntax === 'json', eol };
}

/** Something with braces to insert into: a block, or an object constructor `{ … }`. */
export interface Braced {
  readonly open: Range;
  readonly close: Range;
  /** The first item inside, if any. */
  readonly first?: Range;
  /** A position on the header's line (`resource … {`, `tags = {`): its indentation is the header's. */
  readonly header: Position;
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
export function reindent(text: string, indent: string, step: string, eol: string): string {
  return text.replace(/\n+$/, '').split('\n').map((line) => {
    if (line.trim() === '') return '';
    const leading = /^(?: {2})*/.exec(line)?.[0] ?? '';
    return indent + step.repeat(leading.length / 2) + line.slice(leading.length);
  }).join(eol);
}

/** The position of `offset` on the line of `anchor` (no line break in between). */
export function sameLine(anchor: Position, offset: number): Position {
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

export function edit(file: string, start: Position, end: Position, newText: string): TextEdit {
  return { file, range: { start, end }, newText };
}

/** Edits inserting `lines` (unindented, `\n`-separated, may span lines) as the last items inside the braces, one item per line. */
export function insertLines(file: string, style: Style, braced: Braced, lines: string): TextEdit[] {
  const { text, eol } = style;
  const { open, close, first } = braced;
  const header = lineIndent(text, braced.header);
  const firstOwnLine = first !== undefined && first.start.line !== open.start.line && firstOnLine(text, first.start);
  const step = indentStep(text, header, firstOwnLine ? lineIndent(text, first.start) : undefined);
  const indent = firstOwnLine ? lineIndent(text, first.start) : header + step;
  const body = reindent(lines, indent, step, eol);
  const edits: TextEdit[] = [];
  // `{ a = 1 }`: the existing item moves to a line of its own.
  if (first !== undefined && !firstOwnLine) edits.push(edit(file, open.end, first.start, eol + indent));
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
export function jsonValue(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    // In Terraform JSON a string is a template: `${` or `%{` would be read as code.
    if (/[$%]\{/.test(value) || (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** Edits adding the JSON property `"key": value` to the object in `braced`, with the comma it needs. */
export function insertJsonMember(file: string, style: Style, braced: Braced, member: string): TextEdit[] {
  const { text, eol } = style;
  const { open, close, first } = braced;
  let lastEnd = close.start.offset;
  while (lastEnd > open.end.offset && /\s/.test(text[lastEnd - 1] ?? '')) lastEnd--;
  const empty = lastEnd === open.end.offset;
  const at = after(text, open.start, lastEnd);
  if (!firstOnLine(text, close.start) || close.start.line === open.start.line) {
    // One line: `{"size": 1}` → `{"size": 1, "encrypted": true}`.
    return [edit(file, at, at, `${empty ? '' : ', '}${member}`)];
  }
  const header = lineIndent(text, close.start);
  const indent = first !== undefined && firstOnLine(text, first.start) ? lineIndent(text, first.start) : header + indentStep(text, header, undefined);
  return [edit(file, at, at, `${empty ? '' : ','}${eol}${indent}${member}`)];
}
