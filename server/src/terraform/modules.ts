// Module calls: finding the called module's directory (a local `./` / `../` path, or for registry
// and git sources the directory `terraform init` recorded in .terraform/modules/modules.json),
// expanding count/for_each on the call, and binding the call's arguments to the module's variables.

import type { Attribute, Block } from '../hcl/ast';
import { blockAttribute, blockHeaderRange, type Declared } from './declarations';
import { evaluate } from './evaluate-expr';
import { expandInstances, instanceKeySuffix, type InstanceBinding } from './expand';
import { ModuleInstance, type BuildContext } from './module-instance';
import type { Range } from '../hcl/ast';
import type { ModuleCallSite, SourceFile } from './model';
import { itemFile, scopeForItem } from './overrides';
import { constantScope, type ExternalValue } from './variables';
import { withViaDeep } from './values';

/** Deeper module nesting than this is reported instead of followed. */
const MAX_MODULE_DEPTH = 32;

/** Arguments of a module block that are not inputs of the called module. */
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface ModuleCallInstances {
  /** True when the call has count or for_each: its outputs are then a list or map of instances. */
  readonly expanded: boolean;
  readonly instances: readonly { readonly key?: string | number; readonly module: ModuleInstance }[];
  /** Why the called module could not be loaded (no instances then). */
  readonly unresolved?: string;
}

export function isLocalSource(source: string): boolean {
  return source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../') || source.startsWith('.\\') || source.startsWith('..\\');
}

export function resolveModuleCall(parent: ModuleInstance, name: string, decl: Declared<Block>): ModuleCallInstances {
  const ctx = parent.ctx;
  const block = decl.node;
  const report = (message: string, range: Range, severity: 'error' | 'warning' | 'info', file = decl.file.name): ModuleCallInstances => {
    ctx.diagnostics.push({ file, range, message, severity });
    return { expanded: false, instances: [], unresolved: message };
  };
  const sourceAttr = blockAttribute(block, 'source');
  if (!sourceAttr) return report(`Module "${name}" has no source`, blockHeaderRange(block), 'error');
  const sourceFile = itemFile(sourceAttr, decl.file).name;
  const source = evaluate(sourceAttr.expr, constantScope(sourceFile));
  if (source.kind !== 'string') return report(`The source of module "${name}" must be a literal string`, sourceAttr.expr.range, 'error', sourceFile);
  const dir = locateModule(parent, name, source.value);
  if (dir === undefined) {
    return report(`Module "${name}" (source "${source.value}") is not downloaded: run terraform init to include its resources`, sourceAttr.expr.range, 'info', sourceFile);
  }
  if (dir === parent.dir || parent.init.ancestorDirs.includes(dir) || parent.init.ancestorDirs.length >= MAX_MODULE_DEPTH) {
    return report(`Module "${name}" calls ${source.value}, which is already being loaded (a recursive module call); not followed`, sourceAttr.expr.range, 'error', sourceFile);
  }
  const files = ctx.host.moduleFiles(dir);
  if (!files) return report(`Module "${name}": cannot read the module directory ${dir}`, sourceAttr.expr.range, 'error', sourceFile);

  const callSite: ModuleCallSite = { name, file: decl.file.name, range: block.range, headerRange: blockHeaderRange(block), source: block };
  const inputs = new Map<string, Attribute>();
  for (const item of block.body.items) if (item.kind === 'Attribute' && !MODULE_META_ARGUMENTS.has(item.name)) inputs.set(item.name, item);
  const call: ModuleCall = { name, dir, files: files.sources, callSite, decl, inputs };
  const expanded = blockAttribute(block, 'count') !== undefined || blockAttribute(block, 'for_each') !== undefined;
  const bindings = expandInstances(block, parent.scope(decl.file), ctx.diagnostics);
  const instances = bindings.map((binding) => ({
    ...(binding.key !== undefined ? { key: binding.key } : {}),
    module: childInstance(parent, call, binding),
  }));
  const first = instances[0]?.module;
  if (first) {
    for (const input of inputs.values()) {
      if (!first.declarations.variables.has(input.name)) {
        ctx.diagnostics.push({ file: itemFile(input, decl.file).name, range: input.nameRange, message: `Module "${name}" has no variable "${input.name}"`, severity: 'warning' });
      }
    }
  }
  return { expanded, instances };
}

/** A resolved module call: what every instance of it shares. */
interface ModuleCall {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly SourceFile[];
  readonly callSite: ModuleCallSite;
  readonly decl: Declared<Block>;
  /** The module block's arguments that are inputs of the called module's variables. */
  readonly inputs: ReadonlyMap<string, Attribute>;
}

function childInstance(parent: ModuleInstance, call: ModuleCall, binding: InstanceBinding): ModuleInstance {
  const { name, dir, files, callSite, decl, inputs } = call;
  const callerScope = parent.scope(decl.file, binding);
  const via = `module "${name}" input`;
  const externalValue = (variable: string): ExternalValue | undefined => {
    const input = inputs.get(variable);
    if (!input) return undefined;
    return { kind: 'value', value: withViaDeep(evaluate(input.expr, scopeForItem(callerScope, input)), via) };
  };
  return new ModuleInstance(parent.ctx, {
    dir,
    files,
    modulePath: [...parent.init.modulePath, `${name}${instanceKeySuffix(binding.key)}`],
    callNames: [...parent.init.callNames, name],
    prefix: `${parent.prefix}module.${name}${instanceKeySuffix(binding.key)}.`,
    callers: [...parent.init.callers, callSite],
    ancestorDirs: [...parent.init.ancestorDirs, parent.dir],
    externalValue,
    missingValueReason: () => `module "${name}" does not set it and it has no default`,
  });
}

/** The directory of a called module, or undefined when it is remote and not downloaded. */
function locateModule(parent: ModuleInstance, name: string, source: string): string | undefined {
  const { host, rootDir } = parent.ctx;
  if (isLocalSource(source)) return host.resolveModuleSource(parent.dir, source);
  const dir = modulesJson(parent.ctx).get([...parent.init.callNames, name].join('.'));
  return dir === undefined ? undefined : host.resolveModuleSource(rootDir, dir);
}

/** `.terraform/modules/modules.json`: `{ "Modules": [{ "Key": "a.b", "Source": "…", "Dir": ".terraform/modules/a.b" }] }`. */
function modulesJson(ctx: BuildContext): ReadonlyMap<string, string> {
  if (ctx.modulesJson) return ctx.modulesJson;
  const entries = new Map<string, string>();
  const text = ctx.host.readText(ctx.host.resolveModuleSource(ctx.rootDir, '.terraform/modules/modules.json'));
  if (text !== undefined) {
    try {
      const data = JSON.parse(text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
      for (const m of data.Modules ?? []) if (typeof m.Key === 'string' && m.Key !== '' && typeof m.Dir === 'string') entries.set(m.Key, m.Dir);
    } catch {
      // A corrupt modules.json is treated as absent: remote modules are then reported as not downloaded.
    }
  }
  ctx.modulesJson = entries;
  return entries;
}
