// Builds the module model of a root module directory: every resource and data source instance of
// the module and of the local (and downloaded) modules it calls, with arguments evaluated.

import type { Block } from '../hcl/ast';
import { evaluateBody } from './blocks';
import { blockHeaderRange, collectDeclarations, type Declared } from './declarations';
import { expandInstances, instanceKeySuffix, type InstanceBinding } from './expand';
import type { ModelOptions, ModuleHost } from './host';
import { LazyValues } from './lazy-values';
import type { ModelDiagnostic, ModuleModel, ResourceInstance, SourceFile } from './model';
import { ModuleInstance, type BuildContext } from './module-instance';
import { rootVariableValues } from './variables';

/** Resource arguments that steer Terraform rather than describe the resource; not evaluated as attributes. */
const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'provider']);

export function buildModuleModel(rootDir: string, host: ModuleHost, options: ModelOptions = {}): ModuleModel {
  const diagnostics: ModelDiagnostic[] = [];
  const files = host.moduleFiles(rootDir);
  if (!files) return { dir: rootDir, files: [], moduleFiles: [], resources: [], diagnostics };
  const ctx: BuildContext = { host, rootDir, options, diagnostics, lazy: new LazyValues(diagnostics), fileTexts: new Map(), declarationsByDir: new Map() };
  const declarations = collectDeclarations(files.sources, diagnostics);
  const external = rootVariableValues(files.tfvars, options, declarations.variables, diagnostics);
  const root = new ModuleInstance(ctx, {
    dir: rootDir,
    files: files.sources,
    modulePath: [],
    callNames: [],
    prefix: '',
    callers: [],
    ancestorDirs: [],
    externalValue: (name) => external.get(name),
    missingValueReason: (name) => `no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_${name}`,
  }, declarations);
  const moduleFiles = new Map<string, SourceFile>();
  const resources = moduleResources(root, moduleFiles);
  for (const f of files.sources) moduleFiles.delete(f.name);
  return { dir: rootDir, files: [...files.sources, ...files.tfvars], moduleFiles: [...moduleFiles.values()], resources, diagnostics: dedupeDiagnostics(diagnostics) };
}

/**
 * The resources of a module instance in declaration order, then those of the modules it calls;
 * `files` collects the source files of every instance met.
 */
function moduleResources(module: ModuleInstance, files: Map<string, SourceFile>): ResourceInstance[] {
  for (const f of module.init.files) files.set(f.name, f);
  const out: ResourceInstance[] = [];
  for (const decl of module.declarations.resources) {
    for (const binding of expandInstances(decl.node, module.scope(decl.file), module.ctx.diagnostics)) {
      out.push(resourceInstance(module, decl, binding));
    }
  }
  for (const name of module.declarations.moduleCalls.keys()) {
    for (const instance of module.moduleCall(name)?.instances ?? []) out.push(...moduleResources(instance.module, files));
  }
  return out;
}

function resourceInstance(module: ModuleInstance, decl: Declared<Block>, binding: InstanceBinding): ResourceInstance {
  const block = decl.node;
  const mode = block.type === 'data' ? 'data' : 'managed';
  const resourceType = block.labels[0]?.value ?? '';
  const name = block.labels[1]?.value ?? '';
  const localAddress = `${mode === 'data' ? 'data.' : ''}${resourceType}.${name}`;
  const content = evaluateBody(block.body, module.scope(decl.file, binding), { json: decl.file.file.syntax === 'json', skip: RESOURCE_META_ARGUMENTS });
  const callers = module.init.callers;
  return {
    type: block.type,
    labels: block.labels.map((l) => l.value),
    file: decl.file.name,
    range: block.range,
    headerRange: blockHeaderRange(block),
    attributes: content.attributes,
    blocks: content.blocks,
    source: block,
    mode,
    resourceType,
    name,
    address: `${module.prefix}${localAddress}${instanceKeySuffix(binding.key)}`,
    localAddress,
    modulePath: module.init.modulePath,
    ...(binding.key !== undefined ? { instanceKey: binding.key } : {}),
    ...(callers.length > 0 ? { callers } : {}),
  };
}

/** Module instances repeat the same problem once per instance; report it once. */
function dedupeDiagnostics(diagnostics: readonly ModelDiagnostic[]): ModelDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.range.start.offset}:${d.range.end.offset}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
