// An in-memory ModuleHost for tests: a tree of files given as { 'main.tf': '…', 'modules/x/main.tf': '…' },
// parsed with the real parser. Paths are POSIX, rooted at /work.

import path from 'node:path/posix';
import { parseFile } from '../../../server/src/hcl';
import { buildModuleModel, type ModelOptions, type ModuleHost, type ModuleModel, type ResourceInstance, type SourceFile, type Value } from '../../../server/src/terraform';
import { toJs } from '../../../server/src/terraform';

export const ROOT = '/work';

export function memoryHost(files: Readonly<Record<string, string>>): ModuleHost {
  const absolute = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const parsed = new Map<string, SourceFile>();
  const source = (name: string): SourceFile => {
    let file = parsed.get(name);
    if (!file) {
      file = { name, file: parseFile(name, absolute.get(name) ?? '') };
      parsed.set(name, file);
    }
    return file;
  };
  return {
    moduleFiles(dir) {
      const names = [...absolute.keys()].filter((f) => path.dirname(f) === dir).sort();
      if (names.length === 0 && ![...absolute.keys()].some((f) => f.startsWith(`${dir}/`))) return undefined;
      return {
        sources: names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).map(source),
        tfvars: names.filter((n) => n.endsWith('.tfvars') || n.endsWith('.tfvars.json')).map(source),
      };
    },
    resolveModuleSource: (fromDir, relative) => path.resolve(fromDir, relative),
    readText: (file) => absolute.get(file),
  };
}

export function buildModel(files: Readonly<Record<string, string>>, options?: ModelOptions): ModuleModel {
  return buildModuleModel(ROOT, memoryHost(files), options);
}

export function resource(model: ModuleModel, address: string): ResourceInstance {
  const found = model.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no resource ${address}; have ${model.resources.map((r) => r.address).join(', ')}`);
  return found;
}

export function attribute(model: ModuleModel, address: string, name: string): Value {
  const attr = resource(model, address).attributes.get(name);
  if (!attr) throw new Error(`${address} has no attribute ${name}`);
  return attr.value;
}

/** The plain data of a known value (undefined when unknown anywhere inside). */
export function data(value: Value): unknown {
  return toJs(value);
}
