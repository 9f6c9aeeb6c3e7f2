// Turns a policy's declarative fix into text edits: replace an attribute's value (only where it is
// written as a constant, see fix-values.ts), set a key in a map attribute, or insert a missing
// attribute (creating the nested blocks on its path) or block before the closing brace, in the
// file's own layout (fix-layout.ts). In `.tf.json` a literal value is replaced or a property
// inserted; a block given as HCL text is not offered there.
// A fix is all or nothing: when one of its values cannot be set, no fix is offered, since the
// value left alone may be the very one the finding is about.

import type { Attribute, Block, File } from '../hcl/ast';
import type { EvaluatedBlock, ResourceInstance } from '../terraform/model';
import { type Braced, insertJsonMember, insertLines, jsonValue, reindent, type Style, styleOf } from './fix-layout';
import { keyText, objectEdits, replaceableRanges, type SetStep, setSteps } from './fix-values';
import type { FixSpec, Path } from './policy';
import type { Fix, TextEdit } from './types';

/** The parsed file (with its text) a model file name stands for. */
export type SourceOf = (file: string) => File | undefined;

/** Values to insert below one block, as a tree of nested blocks and map attributes. */
interface Tree { readonly map: boolean; readonly children: Map<string, string | Tree> }
interface Missing { readonly block: Block; readonly tree: Tree }

function addMissing(missing: Missing[], block: Block, steps: readonly SetStep[], value: string): void {
  let entry = missing.find((m) => m.block === block);
  if (!entry) missing.push(entry = { block, tree: { map: false, children: new Map() } });
  let tree = entry.tree;
  for (const [i, step] of steps.entries()) {
    if (i === steps.length - 1) { tree.children.set(step.name, value); break; }
    const next = tree.children.get(step.name);
    if (next !== undefined && typeof next !== 'string') { tree = next; continue; }
    const created: Tree = { map: tree.map || step.kind !== 'name', children: new Map() };
    tree.children.set(step.name, created);
    tree = created;
  }
}

/** The HCL text of a tree: `a = v` arguments, `b { … }` blocks and `m = { k = v }` maps, two-space indented. */
function hclText(tree: Tree): string {
  return [...tree.children].map(([name, v]) => {
    if (typeof v === 'string') return `${name} = ${v}`;
    if (v.map) return `${name} = ${objectText(v)}`;
    return `${name} {\n${reindent(hclText(v), '  ', '  ', '\n')}\n}`;
  }).join('\n');
}

/** A map as an object constructor on one line: `{ Owner = "platform" }`. */
function objectText(tree: Tree): string {
  return `{ ${[...tree.children].map(([key, v]) => `${keyText(key, false)} = ${typeof v === 'string' ? v : objectText(v)}`).join(', ')} }`;
}

/** The JSON properties of a tree, or undefined when a value has no JSON literal form. */
function jsonMembers(tree: Tree): string | undefined {
  const members: string[] = [];
  for (const [name, v] of tree.children) {
    const value = typeof v === 'string' ? jsonValue(v) : jsonMembers(v);
    if (value === undefined) return undefined;
    members.push(`${JSON.stringify(name)}: ${typeof v === 'string' ? value : `{${value}}`}`);
  }
  return members.join(', ');
}

function bracedBlock(block: Block): Braced | undefined {
  const { openBrace: open, closeBrace: close } = block;
  if (!open || !close) return undefined;
  const first = block.body.items[0];
  return { open, close, header: block.range.start, ...(first ? { first: first.range } : {}) };
}

function insertMissing(file: string, style: Style, { block, tree }: Missing): TextEdit[] | undefined {
  const braced = bracedBlock(block);
  if (!braced) return undefined;
  if (!style.json) return insertLines(file, style, braced, hclText(tree));
  const members = jsonMembers(tree);
  return members === undefined ? undefined : insertJsonMember(file, style, braced, members);
}

function sourceAttribute(block: EvaluatedBlock, name: string): Attribute | undefined {
  return block.source.body.items.find((item): item is Attribute => item.kind === 'Attribute' && item.name === name);
}

/**
 * The edits setting the value at `steps`; a missing value is recorded in `missing` instead (no
 * edits yet). Undefined when the value cannot be set (see fix-values.ts).
 */
function setEdits(resource: ResourceInstance, style: Style, steps: readonly SetStep[], value: string, missing: Missing[]): TextEdit[] | undefined {
  let block: EvaluatedBlock = resource;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    const child = step.kind === 'name' && !last ? block.blocks.find((b) => b.type === step.name) : undefined;
    if (child) { block = child; continue; }
    // `tags["Owner"]` says tags is an argument: a nested block by that name is not it.
    if (step.kind === 'attribute' && block.blocks.some((b) => b.type === step.name)) return undefined;
    const attribute = block.attributes.get(step.name);
    if (!attribute || attribute.file !== block.file) { addMissing(missing, block.source, steps.slice(i), value); return []; }
    const written = sourceAttribute(block, step.name);
    if (!written) return undefined;
    if (!last) return objectEdits(attribute.file, style, written.expr, attribute.value, steps.slice(i + 1).map((s) => s.name), value);
    const newText = style.json ? jsonValue(value) : value;
    const ranges = newText === undefined ? undefined : replaceableRanges(written.expr, attribute.value, attribute.file, style);
    return ranges?.map((range) => ({ file: attribute.file, range, newText: newText! }));
  }
  return undefined;
}

function addBlockEdits(resource: ResourceInstance, style: Style, path: Path, text: string): TextEdit[] {
  // The block is given as HCL text; JSON syntax would need it rewritten, so no fix there.
  if (style.json) return [];
  let block: EvaluatedBlock = resource;
  for (const name of path) {
    const child = block.blocks.find((b) => b.type === name);
    if (!child) {
      const braced = bracedBlock(block.source);
      return braced ? insertLines(block.file, style, braced, text) : [];
    }
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
    const parsed = setSteps(path);
    // In JSON syntax a map and a nested block are both written as an object: no difference.
    const steps = style.json ? parsed?.map((s) => ({ name: s.name, kind: 'name' as const })) : parsed;
    const set = steps && setEdits(resource, style, steps, value, missing);
    if (!set) return undefined;
    edits.push(...set);
  }
  for (const m of missing) {
    const inserted = insertMissing(resource.file, style, m);
    if (!inserted) return undefined;
    edits.push(...inserted);
  }
  if (spec.addBlock) edits.push(...addBlockEdits(resource, style, spec.addBlock.path, spec.addBlock.text));
  return edits.length > 0 ? { title: spec.title, edits } : undefined;
}
