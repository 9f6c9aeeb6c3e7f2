// One instance of a module: the root module, or a called module under one instance key
// (`module.a`, `module.a[0]`, `module.a["k"].module.b`). It owns the lazily evaluated variables,
// locals and outputs of that instance and the instances of the modules it calls.

import type { Block } from '../hcl/ast';
import { blockAttribute, collectDeclarations, type Declared, type ModuleDeclarations } from './declarations';
import { evaluate, type Scope } from './evaluate-expr';
import type { InstanceBinding } from './expand';
import type { ModelOptions, ModuleHost } from './host';
import { LazyValues } from './lazy-values';
import type { ModelDiagnostic, ModuleCallSite, SourceFile, Value } from './model';
import { moduleScope } from './module-scope';
import { itemFile } from './overrides';
import { resolveModuleCall, type ModuleCallInstances } from './modules';
import { resourceValue } from './resource-values';
import { resolveVariable, type ExternalValue } from './variables';
import { unknownValue } from './values';

/** State shared by all module instances of one model build. */
export interface BuildContext {
  readonly host: ModuleHost;
  readonly rootDir: string;
  readonly options: ModelOptions;
  readonly diagnostics: ModelDiagnostic[];
  readonly lazy: LazyValues;
  /** Texts read for file()/templatefile(), by resolved path: each file is read once per build. */
  readonly fileTexts: Map<string, string | undefined>;
  /** Declarations by module directory: a module called many times is collected once. */
  readonly declarationsByDir: Map<string, ModuleDeclarations>;
  /** `.terraform/modules/modules.json` entries (module key → directory), loaded on first need. */
  modulesJson?: ReadonlyMap<string, string>;
}

export interface ModuleInstanceInit {
  readonly dir: string;
  readonly files: readonly SourceFile[];
  /**
   * Module instance steps from the root, as ResourceInstance.modulePath: [] for the root module,
   * ['a'] for module.a, ['b["x"]'] for module.b["x"] (a call with for_each).
   */
  readonly modulePath: readonly string[];
  /** The module call names from the root without instance keys: the keys of modules.json. */
  readonly callNames: readonly string[];
  /** Address prefix of everything in this instance: '' or 'module.a.' or 'module.a[0].module.b.'. */
  readonly prefix: string;
  readonly callers: readonly ModuleCallSite[];
  /** The directories of the calling modules, to refuse recursive calls. */
  readonly ancestorDirs: readonly string[];
  /** The value given to a variable from outside (tfvars, -var, a module argument). */
  readonly externalValue: (name: string) => ExternalValue | undefined;
  /** Why a variable without a value has none, e.g. "module "a" does not set it and it has no default". */
  readonly missingValueReason: (name: string) => string;
}

export class ModuleInstance {
  readonly declarations: ModuleDeclarations;
  private readonly calls = new Map<string, ModuleCallInstances>();
  private resourceDecls: Map<string, Declared<Block>> | undefined;

  constructor(readonly ctx: BuildContext, readonly init: ModuleInstanceInit, declarations?: ModuleDeclarations) {
    let collected = declarations ?? ctx.declarationsByDir.get(init.dir);
    if (!collected) {
      collected = collectDeclarations(init.files, ctx.diagnostics);
      ctx.declarationsByDir.set(init.dir, collected);
    }
    this.declarations = collected;
  }

  get prefix(): string {
    return this.init.prefix;
  }

  get dir(): string {
    return this.init.dir;
  }

  scope(file: SourceFile | string, binding: InstanceBinding = {}): Scope {
    return moduleScope(this, typeof file === 'string' ? file : file.name, binding);
  }

  variable(name: string): Value {
    const decl = this.declarations.variables.get(name);
    if (!decl) return unknownValue(`error: var.${name} is not declared: there is no variable "${name}" in this module`);
    const site = { key: `${this.prefix}var.${name}`, label: `var.${name}`, file: decl.file.name, range: labelRange(decl.node) };
    return this.ctx.lazy.get(site, () => resolveVariable(name, decl, this.init.externalValue(name), this.init.missingValueReason(name)));
  }

  local(name: string): Value {
    const decl = this.declarations.locals.get(name);
    if (!decl) return unknownValue(`error: local.${name} is not declared: there is no local value "${name}" in this module`);
    const site = { key: `${this.prefix}local.${name}`, label: `local.${name}`, file: decl.file.name, range: decl.node.nameRange };
    return this.ctx.lazy.get(site, () => evaluate(decl.node.expr, this.scope(decl.file)));
  }

  output(name: string): Value {
    const decl = this.declarations.outputs.get(name);
    const where = this.init.modulePath.length > 0 ? `module.${this.init.modulePath.join('.module.')}` : 'the root module';
    if (!decl) return unknownValue(`error: ${where} has no output "${name}"`);
    const value = blockAttribute(decl.node, 'value');
    if (!value) return unknownValue(`error: output "${name}" has no value`);
    const site = { key: `${this.prefix}output.${name}`, label: `${this.prefix}output.${name}`, file: decl.file.name, range: labelRange(decl.node) };
    return this.ctx.lazy.get(site, () => evaluate(value.expr, this.scope(itemFile(value, decl.file))));
  }

  /**
   * A whole resource or data source (`aws_s3_bucket.x`, `data.d.x`) as a value: its instances by
   * key (see resource-values.ts); undefined when this module does not declare it.
   */
  resource(address: string): Value | undefined {
    this.resourceDecls ??= new Map(this.declarations.resources.map((d) => [resourceAddressOf(d.node), d]));
    const decl = this.resourceDecls.get(address);
    if (!decl) return undefined;
    const site = { key: `${this.prefix}resource ${address}`, label: `${this.prefix}${address}`, file: decl.file.name, range: decl.node.labels[1]?.range ?? labelRange(decl.node) };
    return this.ctx.lazy.get(site, () => resourceValue(this, address, decl));
  }

  /** The instances of a module call of this module (memoized); undefined when no such call exists. */
  moduleCall(name: string): ModuleCallInstances | undefined {
    const known = this.calls.get(name);
    if (known) return known;
    const decl = this.declarations.moduleCalls.get(name);
    if (!decl) return undefined;
    const resolved = resolveModuleCall(this, name, decl);
    this.calls.set(name, resolved);
    return resolved;
  }
}

function labelRange(block: Block): Block['typeRange'] {
  return block.labels[0]?.range ?? block.typeRange;
}

function resourceAddressOf(block: Block): string {
  return `${block.type === 'data' ? 'data.' : ''}${block.labels[0]?.value ?? ''}.${block.labels[1]?.value ?? ''}`;
}
