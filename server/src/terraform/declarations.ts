// The top-level declarations of one module (all its configuration files together): variables,
// locals, resources, data sources, module calls and outputs, each with the file it is written in.

import type { Attribute, Block, Range } from '../hcl/ast';
import type { ModelDiagnostic, SourceFile } from './model';
import { isOverrideFile, mergeOverride, registerOverrideItem } from './overrides';

export interface Declared<T> {
  readonly node: T;
  readonly file: SourceFile;
}

export interface ModuleDeclarations {
  readonly variables: ReadonlyMap<string, Declared<Block>>;
  readonly locals: ReadonlyMap<string, Declared<Attribute>>;
  /** `resource` and `data` blocks in file order. */
  readonly resources: readonly Declared<Block>[];
  readonly moduleCalls: ReadonlyMap<string, Declared<Block>>;
  readonly outputs: ReadonlyMap<string, Declared<Block>>;
  /** Names of `resource` blocks (`aws_s3_bucket.x`), to tell resource references from mistakes. */
  readonly resourceAddresses: ReadonlySet<string>;
}

export function collectDeclarations(files: readonly SourceFile[], diagnostics: ModelDiagnostic[]): ModuleDeclarations {
  const d: MutableDeclarations = {
    variables: new Map(), locals: new Map(), resources: [], moduleCalls: new Map(), outputs: new Map(), resourceAddresses: new Set(),
  };
  const primary = files.filter((f) => !isOverrideFile(f.name));
  for (const file of primary) for (const item of file.file.body.items) if (item.kind === 'Block') declare(d, item, file, diagnostics);
  for (const file of files.filter((f) => isOverrideFile(f.name))) {
    for (const item of file.file.body.items) if (item.kind === 'Block') applyOverride(d, item, file, diagnostics);
  }
  return d;
}

interface MutableDeclarations {
  readonly variables: Map<string, Declared<Block>>;
  readonly locals: Map<string, Declared<Attribute>>;
  readonly resources: Declared<Block>[];
  readonly moduleCalls: Map<string, Declared<Block>>;
  readonly outputs: Map<string, Declared<Block>>;
  readonly resourceAddresses: Set<string>;
}

function namedMap(d: MutableDeclarations, type: string): Map<string, Declared<Block>> | undefined {
  return type === 'variable' ? d.variables : type === 'output' ? d.outputs : type === 'module' ? d.moduleCalls : undefined;
}

/** `aws_s3_bucket.x` / `data.aws_iam_policy_document.x` for a well-formed resource or data block. */
function resourceAddress(block: Block): string | undefined {
  const [type, name] = block.labels;
  if (!type || !name || block.labels.length !== 2) return undefined;
  return `${block.type === 'data' ? 'data.' : ''}${type.value}.${name.value}`;
}

function declare(d: MutableDeclarations, block: Block, file: SourceFile, diagnostics: ModelDiagnostic[]): void {
  const duplicate = (range: Range, what: string): void => {
    diagnostics.push({ file: file.name, range, message: `Duplicate ${what}: the first declaration wins`, severity: 'error' });
  };
  const named = namedMap(d, block.type);
  if (named) {
    const name = block.labels[0]?.value;
    if (name === undefined || block.labels.length !== 1) return;
    if (named.has(name)) duplicate(block.labels[0]?.range ?? block.typeRange, `${block.type === 'module' ? 'module call' : block.type} "${name}"`);
    else named.set(name, { node: block, file });
  } else if (block.type === 'locals') {
    for (const attr of block.body.items) {
      if (attr.kind !== 'Attribute') continue;
      if (d.locals.has(attr.name)) duplicate(attr.nameRange, `local value "${attr.name}"`);
      else d.locals.set(attr.name, { node: attr, file });
    }
  } else if (block.type === 'resource' || block.type === 'data') {
    const address = resourceAddress(block);
    if (address === undefined) return;
    if (d.resourceAddresses.has(address)) return duplicate(block.labels[1]?.range ?? block.typeRange, `${block.type === 'data' ? 'data source' : 'resource'} ${address}`);
    d.resourceAddresses.add(address);
    d.resources.push({ node: block, file });
  }
}

/** Merges a block of an override file into the declaration with the same header (see overrides.ts). */
function applyOverride(d: MutableDeclarations, block: Block, file: SourceFile, diagnostics: ModelDiagnostic[]): void {
  const missing = (what: string): void => {
    diagnostics.push({ file: file.name, range: blockHeaderRange(block), message: `Missing base ${what} to override: no such declaration outside override files`, severity: 'error' });
  };
  const named = namedMap(d, block.type);
  if (named) {
    const name = block.labels[0]?.value ?? '';
    const base = named.get(name);
    if (base) named.set(name, { node: mergeOverride(base.node, block, file), file: base.file });
    else missing(`${block.type} "${name}"`);
  } else if (block.type === 'locals') {
    for (const attr of block.body.items) {
      if (attr.kind !== 'Attribute') continue;
      registerOverrideItem(attr, file);
      d.locals.set(attr.name, { node: attr, file });
    }
  } else if (block.type === 'resource' || block.type === 'data') {
    const address = resourceAddress(block);
    const at = d.resources.findIndex((r) => resourceAddress(r.node) === address);
    const base = d.resources[at];
    if (base) d.resources[at] = { node: mergeOverride(base.node, block, file), file: base.file };
    else missing(`${block.type === 'data' ? 'data source' : 'resource'} ${address ?? block.type}`);
  }
}

/** Names the top-level attribute `name` of a block body, if present. */
export function blockAttribute(block: Block, name: string): Attribute | undefined {
  for (const item of block.body.items) if (item.kind === 'Attribute' && item.name === name) return item;
  return undefined;
}

/**
 * From the block type to its opening brace: where "missing attribute" findings go. In JSON syntax
 * the type key is shared by every block of that type (`"resource": { "aws_s3_bucket": { "a": …,
 * "b": … } }`), so the header starts at the last label there: `"b": {`, one line, this block only.
 */
export function blockHeaderRange(block: Block): Range {
  const lastLabel = block.labels[block.labels.length - 1];
  const end = block.openBrace?.end ?? lastLabel?.range.end ?? block.typeRange.end;
  const start = lastLabel && lastLabel.range.start.line !== block.typeRange.start.line ? lastLabel.range.start : block.typeRange.start;
  return { start, end };
}
