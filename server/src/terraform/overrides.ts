// Terraform override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms). They are
// loaded after the other files of the module, in lexical order, and merged into the block with
// the same header: each attribute replaces the original attribute of that name, and each nested
// block type replaces all original nested blocks of that type (a `dynamic "x"` block counts as
// type x), except `lifecycle`, which Terraform merges argument by argument; `locals` replace
// local values by name.
//
// The merged block is a new AST Block whose items come from two files. Every item taken from an
// override file is registered here, so evaluation gives its values and ranges the right file.

import type { Attribute, Block, Body } from '../hcl/ast';
import type { Scope } from './evaluate-expr';
import type { SourceFile } from './model';
import { baseName } from './paths';

const overrideItems = new WeakMap<Attribute | Block, SourceFile>();

export function isOverrideFile(name: string): boolean {
  const base = baseName(name);
  return /^(override|.*_override)\.tf(\.json)?$/.test(base);
}

/** The file an item was written in when it came from an override file merged into another file's block. */
export function overrideFileOf(item: Attribute | Block): SourceFile | undefined {
  return overrideItems.get(item);
}

/** The file `item` is written in: its override file, or the file of the block it sits in. */
export function itemFile(item: Attribute | Block, blockFile: SourceFile): SourceFile {
  return overrideItems.get(item) ?? blockFile;
}

/** The scope to evaluate `item` in: the same names, but the item's own file for origins. */
export function scopeForItem(scope: Scope, item: Attribute | Block): Scope {
  const file = overrideItems.get(item);
  if (!file || file.name === scope.file) return scope;
  return { ...scope, file: file.name };
}

/** Registers an override file's local value attribute (locals are merged by name, not by block). */
export function registerOverrideItem(item: Attribute | Block, file: SourceFile): void {
  overrideItems.set(item, file);
}

function nestedBlockKind(block: Block): string {
  return block.type === 'dynamic' ? (block.labels[0]?.value ?? '') : block.type;
}

/** `primary` with `override`'s attributes and nested block types replacing its own. */
export function mergeOverride(primary: Block, override: Block, overrideFile: SourceFile): Block {
  const attributes = new Set<string>();
  const blockKinds = new Set<string>();
  for (const item of override.body.items) {
    overrideItems.set(item, overrideItems.get(item) ?? overrideFile);
    if (item.kind === 'Attribute') attributes.add(item.name);
    else blockKinds.add(nestedBlockKind(item));
  }
  const primaryLifecycle = primary.body.items.find((i): i is Block => i.kind === 'Block' && i.type === 'lifecycle');
  const overrideLifecycle = override.body.items.find((i): i is Block => i.kind === 'Block' && i.type === 'lifecycle');
  const kept = primary.body.items.filter((i) => (i.kind === 'Attribute' ? !attributes.has(i.name) : !blockKinds.has(nestedBlockKind(i))));
  const added = override.body.items.map((i) =>
    i === overrideLifecycle && primaryLifecycle && overrideLifecycle ? mergeOverride(primaryLifecycle, overrideLifecycle, overrideFile) : i,
  );
  const body: Body = { ...primary.body, items: [...kept, ...added] };
  return { ...primary, body };
}
