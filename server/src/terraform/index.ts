// The terraform layer's public API: build the module model of a directory, and follow references
// between its resources. Pure: the caller supplies parsed files through a ModuleHost.
//
// What the model resolves, as Terraform would before `plan`:
// - a module is a directory (all its .tf / .tf.json files; override files merged in);
// - variables: default < TF_VAR_* < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json)
//   (lexical) < extra var files (in order) < -var values; declared types convert values and fill
//   optional() defaults; a variable with no value is Unknown;
// - locals (lazily, memoized; cycles are Unknown with a diagnostic on each member), module
//   outputs, count / for_each instances (`type.name[0]`, `type.name["key"]`), dynamic blocks,
//   local and downloaded (.terraform/modules/modules.json) module calls (`module.m.type.name`);
// - a reference to a resource is Unknown ("known after apply") carrying a ResourceReference;
//   impure or unimplemented functions and anything depending on an Unknown are Unknown too;
// - every value keeps its origin (file, range, and `via`: "terraform.tfvars", "variable \"x\"
//   default", "module \"m\" input") so findings can say where a bad value was set.

export { buildModuleModel } from './build-model';
export type { ModelOptions, ModuleFiles, ModuleHost } from './host';
export type * from './model';
export type { Position, Range } from '../hcl/ast';
export { findResources, referencesTo, resourceFullAddress } from './references';
export { toJs } from './values';
