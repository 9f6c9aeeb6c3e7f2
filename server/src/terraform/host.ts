// What the model needs from its caller. The terraform layer never touches the file system: the
// node host (CLI and language server) lists, reads and parses files — and caches the parse trees,
// so rebuilding a model after one keystroke re-parses one file.

import type { SourceFile } from './model';

/** The Terraform files directly inside one directory, each list sorted by file name. */
export interface ModuleFiles {
  /** Configuration files: `.tf` and `.tf.json`. */
  readonly sources: readonly SourceFile[];
  /** Variable files: `.tfvars` and `.tfvars.json` (only the root module's are used, as in Terraform). */
  readonly tfvars: readonly SourceFile[];
}

/** Supplied by the caller; every method is synchronous and must not throw. */
export interface ModuleHost {
  /** The module's files, or undefined when the directory does not exist or cannot be read. */
  moduleFiles(dir: string): ModuleFiles | undefined;
  /**
   * The directory a module source or a `.terraform/modules/modules.json` `Dir` names, relative to
   * `fromDir`, normalized (`resolveModuleSource('/a/b', '../c')` → `/a/c`), in the form
   * `moduleFiles` takes. Also used to name `.terraform/modules/modules.json` under the root module.
   */
  resolveModuleSource(fromDir: string, source: string): string;
  /**
   * A file's text, or undefined when it does not exist or cannot be read. Used for
   * `.terraform/modules/modules.json` and for `file()` / `fileexists()` / `templatefile()` of files
   * inside the root module's or the calling module's directory.
   */
  readText(path: string): string | undefined;
}

/** Variable values from outside the module, as Terraform's command line takes them. */
export interface ModelOptions {
  /** `-var-file` files (and the project configuration's var files), parsed, applied in this order after the automatic tfvars files. */
  readonly varFiles?: readonly SourceFile[];
  /**
   * `TF_VAR_name` environment variables (name without the prefix). Terraform gives them the LOWEST
   * precedence after defaults: every tfvars file overrides them.
   */
  readonly environmentVariables?: ReadonlyMap<string, string>;
  /** `-var name=value` (or an editor setting): the highest precedence. */
  readonly variables?: ReadonlyMap<string, string>;
}
