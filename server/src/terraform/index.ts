// The terraform layer's public API: build the module model of a directory, and follow references
// between its resources. Pure: the caller supplies files through a ModuleHost.

export { buildModuleModel } from './build-model';
export type { ModelOptions, ModuleFiles, ModuleHost } from './host';
export type * from './model';
export { findResources, referencesTo, resourceFullAddress } from './references';
export { toJs } from './values';
