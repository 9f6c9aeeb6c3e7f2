// The HCL layer's public API: parse a file's text into a syntax tree with exact ranges and errors.
// Never throws: whatever the input, the result is a File (possibly with errors).
import type { File } from './ast';
import { parseBody } from './parser-body';
import { Parser } from './parser-core';
import { type JsonMode, parseJsonSyntax } from './json-syntax';
import { LineMap } from './positions';

export type * from './ast';
export type { JsonMode } from './json-syntax';
/** Offset ↔ position conversion for a text, as the parser computes it (LSP line breaks, UTF-16). */
export { LineMap } from './positions';
/** Our tree in @cdktf/hcl2json's JSON shape (`tfpolicy parse`, conformance tests). */
export { toHcl2JsonShape, type JsonValue } from './hcl2json-shape';

/** Dispatch on the file name: `.tf.json` / `.tfvars.json` (any `.json`) → JSON syntax, else native. */
export function parseFile(fileName: string, text: string): File {
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.json')) return parseHcl(text);
  return parseJson(text, lower.endsWith('.tfvars.json') ? 'values' : 'config');
}

/** HCL native syntax (`.tf`, `.tfvars`). */
export function parseHcl(text: string): File {
  try {
    const first = parseHclPass(text, false, false);
    if (first.file.errors.length === 0) return first.file;
    // An unclosed block or bracket swallows what follows it (and may then look closed, by a brace
    // it took from its block); re-parse letting indentation close it, as a human reads it. Blocks
    // only when one was left open at the end: an unindented block body is valid HCL.
    return parseHclPass(text, first.unclosedBlocks > 0, true).file;
  } catch (error) {
    return internalError(text, 'hcl', error);
  }
}

/** Terraform JSON syntax: `config` for `.tf.json` (blocks), `values` for `.tfvars.json` (attributes only). */
export function parseJson(text: string, mode: JsonMode = 'config'): File {
  try {
    return parseJsonSyntax(text, mode);
  } catch (error) {
    return internalError(text, 'json', error);
  }
}

function parseHclPass(text: string, indentClosesBlocks: boolean, indentClosesExpressions: boolean): { file: File; unclosedBlocks: number } {
  const p = new Parser(text);
  p.indentClosesBlocks = indentClosesBlocks;
  p.indentClosesExpressions = indentClosesExpressions;
  p.scan();
  const body = parseBody(p, 0, undefined);
  // Errors are found in parse order (an unclosed block is reported at its end); list them by position.
  const errors = p.errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const file: File = { kind: 'File', syntax: 'hcl', body, comments: p.comments, errors, range: p.range(0, text.length), text };
  return { file, unclosedBlocks: p.unclosedBlocks };
}

/** A bug in the parser must not take the editor down: report it as an error on the whole file. */
function internalError(text: string, syntax: 'hcl' | 'json', error: unknown): File {
  const range = new LineMap(text).range(0, text.length);
  const message = `Internal parser error: ${error instanceof Error ? error.message : String(error)}`;
  return { kind: 'File', syntax, body: { kind: 'Body', items: [], range }, comments: [], errors: [{ message, range }], range, text };
}
