// Name resolution inside a module instance: `var.x`, `local.x`, `each.*`, `count.index`,
// `path.*`, `module.m.output`, and references to resources and data sources, which are Unknown
// ("known after apply") but carry a ResourceReference the engine can follow.

import type { VariableExpr } from '../hcl/ast';
import type { ReferenceStep, ResolvedReference, Scope } from './evaluate-expr';
import type { InstanceBinding } from './expand';
import type { FileRead } from './file-functions';
import type { ModuleInstance } from './module-instance';
import type { ResourceReference, Value } from './model';
import { objectValue, stringValue, tupleValue, unknownValue } from './values';

const error = (message: string, consumed = 0): ResolvedReference => ({ value: unknownValue(`error: ${message}`), consumed });

export function moduleScope(instance: ModuleInstance, file: string, binding: InstanceBinding): Scope {
  return { file, resolveReference: (root, steps) => resolveName(instance, binding, root, steps), readFile: (path) => readModuleFile(instance, path) };
}

function attrName(steps: readonly ReferenceStep[], i: number): string | undefined {
  const step = steps[i];
  return step?.kind === 'attr' ? step.name : undefined;
}

function resolveName(instance: ModuleInstance, binding: InstanceBinding, root: VariableExpr, steps: readonly ReferenceStep[]): ResolvedReference {
  const first = attrName(steps, 0);
  switch (root.name) {
    case 'var':
      return first === undefined ? error('var must be followed by a variable name') : { value: instance.variable(first), consumed: 1 };
    case 'local':
      return first === undefined ? error('local must be followed by a local value name') : { value: instance.local(first), consumed: 1 };
    case 'each': {
      const value = first === 'key' ? binding.eachKey : first === 'value' ? binding.eachValue : undefined;
      if (!binding.eachKey) return error('each is only available in a block with for_each');
      return value ? { value, consumed: 1 } : error('each has only the attributes key and value');
    }
    case 'count':
      if (!binding.countIndex) return error('count.index is only available in a block with count');
      return first === 'index' ? { value: binding.countIndex, consumed: 1 } : error('count has only the attribute index');
    case 'path':
      if (first === 'module') return { value: stringValue(instance.dir), consumed: 1 };
      if (first === 'root' || first === 'cwd') return { value: stringValue(instance.ctx.rootDir), consumed: 1 };
      return error(`path has no attribute ${JSON.stringify(first ?? '')}`);
    case 'terraform':
      return { value: unknownValue('terraform.workspace depends on the workspace selected when Terraform runs; not evaluated'), consumed: 1 };
    case 'self':
      return { value: unknownValue('self is only known while the resource is created (known after apply)'), consumed: 0 };
    case 'module':
      return first === undefined ? error('module must be followed by a module call name') : moduleReference(instance, first, steps);
    case 'data': {
      const name = attrName(steps, 1);
      if (first === undefined || name === undefined) return error('data must be followed by a data source type and name');
      return resourceReference(instance, `data.${first}.${name}`, steps, 2);
    }
    default:
      if (first === undefined) return error(`unknown name ${JSON.stringify(root.name)}: a resource reference needs a type and a name`);
      return resourceReference(instance, `${root.name}.${first}`, steps, 1);
  }
}

/** `type.name[key].attribute`: consumes the optional instance key and the attribute name. */
function resourceReference(instance: ModuleInstance, address: string, steps: readonly ReferenceStep[], consumedSoFar: number): ResolvedReference {
  let consumed = consumedSoFar;
  const index = steps[consumed];
  if (index?.kind === 'index') consumed++;
  const attribute = attrName(steps, consumed);
  // The whole resource or one instance of it (`for_each = aws_s3_bucket.x`, `aws_s3_bucket.x[*].arn`,
  // `x["a"]`) is its instances; the evaluator applies the index. An attribute right after the name
  // or key stays a reference to that attribute: known after apply.
  if (attribute === undefined && !(index?.kind === 'index' && index.key.kind === 'unknown')) {
    const whole = instance.resource(address);
    if (whole) return { value: whole, consumed: consumedSoFar };
  }
  if (attribute !== undefined) consumed++;
  const key = index?.kind === 'index' ? instanceKey(index.key) : undefined;
  const reference = { address, fullAddress: `${instance.prefix}${address}`, ...(attribute !== undefined ? { attribute } : {}), ...(key ? { key } : {}) };
  const declared = instance.declarations.resourceAddresses.has(address);
  const what = `${address}${attribute !== undefined ? `.${attribute}` : ''}`;
  const reason = declared ? `${what} is known after apply` : `${address} is not declared in this module`;
  return { value: unknownValue(reason, [reference]), consumed };
}

/** The instance a written index names, so the engine links `aws_s3_bucket.c[0]` to that instance only. */
function instanceKey(key: Value): ResourceReference['key'] {
  if (key.kind === 'number' || key.kind === 'string') return { value: key.value };
  return { unknown: key.kind === 'unknown' ? key.reason : `the index is a ${key.kind}` };
}

/** `module.m.output`, `module.m[0].output`, `module.m` (all outputs as an object). */
function moduleReference(instance: ModuleInstance, name: string, steps: readonly ReferenceStep[]): ResolvedReference {
  const call = instance.moduleCall(name);
  if (!call) return error(`there is no module call named "${name}"`, 1);
  if (call.unresolved) return { value: unknownValue(`outputs of module "${name}" are not known: ${call.unresolved}`), consumed: steps.length };
  if (!call.expanded) {
    const only = call.instances[0]?.module;
    if (!only) return { value: unknownValue(`module "${name}" has no instances`), consumed: steps.length };
    const output = attrName(steps, 1);
    return output !== undefined ? { value: only.output(output), consumed: 2 } : { value: allOutputs(only), consumed: 1 };
  }
  if (call.instances.length === 1 && call.instances[0]?.key === undefined) {
    return { value: unknownValue(`the instances of module "${name}" are unknown (count or for_each is not known)`), consumed: steps.length };
  }
  const keyStep = steps[1];
  const output = attrName(steps, 2);
  if (keyStep?.kind === 'index' && keyStep.key.kind !== 'unknown' && output !== undefined) {
    const key = keyStep.key.kind === 'number' || keyStep.key.kind === 'string' ? keyStep.key.value : undefined;
    const match = call.instances.find((i) => i.key === key || (typeof i.key === 'number' && String(i.key) === key));
    if (match) return { value: match.module.output(output), consumed: 3 };
  }
  const values = call.instances.map((i) => allOutputs(i.module));
  if (call.instances.some((i) => typeof i.key === 'string')) {
    return { value: objectValue(new Map(call.instances.map((i, n) => [String(i.key), values[n] as Value]))), consumed: 1 };
  }
  return { value: tupleValue(values), consumed: 1 };
}

function allOutputs(module: ModuleInstance): Value {
  return objectValue(new Map([...module.declarations.outputs.keys()].map((k) => [k, module.output(k)])));
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`) || path.startsWith(`${dir}\\`);
}

/** file()/templatefile(): paths relative to the root module directory, read only inside the root or the current module. */
function readModuleFile(instance: ModuleInstance, path: string): FileRead {
  const { host, rootDir, fileTexts } = instance.ctx;
  const resolved = host.resolveModuleSource(rootDir, path);
  if (!isInside(resolved, rootDir) && !isInside(resolved, instance.dir)) return { unavailable: 'the file is outside the module' };
  if (!fileTexts.has(resolved)) fileTexts.set(resolved, host.readText(resolved));
  const text = fileTexts.get(resolved);
  return text === undefined ? { missing: true } : { text };
}
