// The top-level declarations of one module (all its configuration files together): variables,
// locals, resources, data sources, module calls and outputs, each with the file it is written in.

import type { Attribute, Block, Range } from '../hcl/ast';
import type { ModelDiagnostic, SourceFile } from './model';

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
  const variables = new Map<string, Declared<Block>>();
  const locals = new Map<string, Declared<Attribute>>();
  const resources: Declared<Block>[] = [];
  const moduleCalls = new Map<string, Declared<Block>>();
  const outputs = new Map<string, Declared<Block>>();
  const resourceAddresses = new Set<string>();
  const duplicate = (file: SourceFile, range: Range, what: string): void => {
    diagnostics.push({ file: file.name, range, message: `Duplicate ${what}: the first declaration wins`, severity: 'error' });
  };
  const addNamed = (map: Map<string, Declared<Block>>, block: Block, file: SourceFile, what: string): void => {
    const name = block.labels[0]?.value;
    if (name === undefined || block.labels.length !== 1) return;
    if (map.has(name)) duplicate(file, block.labels[0]?.range ?? block.typeRange, `${what} "${name}"`);
    else map.set(name, { node: block, file });
  };
  for (const file of files) {
    for (const item of file.file.body.items) {
      if (item.kind !== 'Block') continue;
      switch (item.type) {
        case 'variable': addNamed(variables, item, file, 'variable'); break;
        case 'output': addNamed(outputs, item, file, 'output'); break;
        case 'module': addNamed(moduleCalls, item, file, 'module call'); break;
        case 'locals':
          for (const attr of item.body.items) {
            if (attr.kind !== 'Attribute') continue;
            if (locals.has(attr.name)) duplicate(file, attr.nameRange, `local value "${attr.name}"`);
            else locals.set(attr.name, { node: attr, file });
          }
          break;
        case 'resource': case 'data': {
          const [type, name] = item.labels;
          if (!type || !name || item.labels.length !== 2) break;
          const address = `${item.type === 'data' ? 'data.' : ''}${type.value}.${name.value}`;
          if (resourceAddresses.has(address)) {
            duplicate(file, name.range, `${item.type === 'data' ? 'data source' : 'resource'} ${address}`);
            break;
          }
          resourceAddresses.add(address);
          resources.push({ node: item, file });
          break;
        }
        default: break;
      }
    }
  }
  return { variables, locals, resources, moduleCalls, outputs, resourceAddresses };
}

/** Names the top-level attribute `name` of a block body, if present. */
export function blockAttribute(block: Block, name: string): Attribute | undefined {
  for (const item of block.body.items) if (item.kind === 'Attribute' && item.name === name) return item;
  return undefined;
}

/** From the block type to its opening brace: where "missing attribute" findings go. */
export function blockHeaderRange(block: Block): Range {
  const end = block.openBrace?.end ?? block.labels[block.labels.length - 1]?.range.end ?? block.typeRange.end;
  return { start: block.typeRange.start, end };
}
