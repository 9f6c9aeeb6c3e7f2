// Turns a policy's declarative fix into text edits: replace an attribute's value, or insert a
// missing attribute (creating the nested blocks on its path) or block before the closing brace,
// indented like the block's other items.

import type { Block, Position } from '../hcl/ast';
import type { EvaluatedBlock, ResourceInstance } from '../terraform/model';
import type { FixSpec, Path } from './policy';
import type { Fix, TextEdit } from './types';

const INDENT_STEP = '  ';

function indentOf(block: Block): string {
  const first = block.body.items[0];
  if (first && first.range.start.line !== block.range.start.line) return ' '.repeat(first.range.start.character);
  return ' '.repeat(block.range.start.character) + INDENT_STEP;
}

function reindent(text: string, indent: string): string {
  return text.replace(/\n+$/, '').split('\n').map((line) => (line.trim() === '' ? '' : indent + line)).join('\n');
}

/** An edit inserting `lines` (unindented, may span several lines) as the last items of `block`. */
function insertInto(file: string, block: Block, lines: string): TextEdit | undefined {
  const close = block.closeBrace;
  const open = block.openBrace;
  if (!close || !open) return undefined;
  const indent = indentOf(block);
  if (close.start.line === open.start.line) {
    const outer = ' '.repeat(block.range.start.character);
    const at = close.start;
    return { file, range: { start: at, end: at }, newText: `\n${reindent(lines, indent)}\n${outer}` };
  }
  const lineStart: Position = { line: close.start.line, character: 0, offset: close.start.offset - close.start.character };
  return { file, range: { start: lineStart, end: lineStart }, newText: `${reindent(lines, indent)}\n` };
}

/** `a.b.c = v` below `block`: the text creating the missing blocks `a { b { c = v } }`. */
function nestedText(path: Path, value: string): string {
  const [head, ...rest] = path;
  if (rest.length === 0) return `${head} = ${value}`;
  return `${head} {\n${reindent(nestedText(rest, value), INDENT_STEP)}\n}`;
}

function setEdit(resource: ResourceInstance, path: Path, value: string): TextEdit | undefined {
  let block: EvaluatedBlock = resource;
  for (const [i, name] of path.entries()) {
    if (i === path.length - 1) {
      const attribute = block.attributes.get(name);
      if (attribute && attribute.file === block.file) return { file: attribute.file, range: attribute.valueRange, newText: value };
      return insertInto(block.file, block.source, nestedText([name], value));
    }
    const child = block.blocks.find((b) => b.type === name);
    if (!child) return insertInto(block.file, block.source, nestedText(path.slice(i), value));
    block = child;
  }
  return undefined;
}

function addBlockEdit(resource: ResourceInstance, path: Path, text: string): TextEdit | undefined {
  let block: EvaluatedBlock = resource;
  for (const name of path) {
    const child = block.blocks.find((b) => b.type === name);
    if (!child) return insertInto(block.file, block.source, text);
    block = child;
  }
  return undefined;
}

/** The edits of `spec` for `resource`, or undefined when the fix does not apply (e.g. JSON syntax). */
export function computeFix(spec: FixSpec, resource: ResourceInstance, isJson: (file: string) => boolean): Fix | undefined {
  if (isJson(resource.file)) return undefined;
  const edits: TextEdit[] = [];
  for (const { path, value } of spec.set) {
    const edit = setEdit(resource, path, value);
    if (edit) edits.push(edit);
  }
  if (spec.addBlock) {
    const edit = addBlockEdit(resource, spec.addBlock.path, spec.addBlock.text);
    if (edit) edits.push(edit);
  }
  return edits.length > 0 ? { title: spec.title, edits } : undefined;
}
