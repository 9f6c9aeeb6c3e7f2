// The module model the engine evaluates policies against: resources with their arguments
// evaluated as far as Terraform could evaluate them before `plan`.
//
// Values are three-valued in spirit: a value is known (string, number, …) or Unknown, and an
// Unknown never produces a finding. Every value remembers where it was written (its origin), so a
// finding can say "value set in terraform.tfvars:3".

import type { Block, File, Range } from '../hcl/ast';

/** Where a value was written: a file (as given to the model, normally a path or URI) and a range. */
export interface Origin {
  readonly file: string;
  readonly range: Range;
  /** How the value got here, e.g. "variable \"acl\" default", "terraform.tfvars", "module \"logs\" input". */
  readonly via?: string;
}

/** A reference to (an attribute of) another resource or data source, e.g. aws_s3_bucket.logs.id. */
export interface ResourceReference {
  /** Address of the referenced resource without instance key, in the referencing module's scope: `aws_s3_bucket.logs`. */
  readonly address: string;
  /**
   * Full module path address: `module.m.aws_s3_bucket.logs`; module instance keys are included
   * (`module.m["a"].aws_s3_bucket.logs`), so it equals the modulePath-prefixed localAddress of the
   * referenced resource's instances (see resourceFullAddress).
   */
  readonly fullAddress: string;
  readonly attribute?: string;
  /**
   * The instance key written after the name: `{ value: 0 }` for `aws_s3_bucket.c[0]`,
   * `{ value: "a" }` for `aws_s3_bucket.x["a"]` or `x[each.key]`, `{ unknown: reason }` when the
   * index is not known; absent when no index is written (`aws_s3_bucket.x.id`, `x[*].id`).
   */
  readonly key?: { readonly value: string | number } | { readonly unknown: string };
}

interface ValueBase {
  /** Where the value was written. Absent for values computed from several places. */
  readonly origin?: Origin;
}

export type Value =
  | (ValueBase & { readonly kind: 'string'; readonly value: string })
  | (ValueBase & { readonly kind: 'number'; readonly value: number })
  | (ValueBase & { readonly kind: 'bool'; readonly value: boolean })
  | (ValueBase & { readonly kind: 'null' })
  /** Lists, sets and tuples. */
  | (ValueBase & { readonly kind: 'tuple'; readonly items: readonly Value[] })
  /** Maps and objects. */
  | (ValueBase & { readonly kind: 'object'; readonly entries: ReadonlyMap<string, Value> })
  | UnknownValue;

export interface UnknownValue extends ValueBase {
  readonly kind: 'unknown';
  /** Why: "var.acl has no value", "depends on aws_kms_key.k.arn (known after apply)", "function timestamp() is impure". */
  readonly reason: string;
  /** The resources this value depends on, when it is (derived from) a resource attribute. */
  readonly references?: readonly ResourceReference[];
  /** What is known of the value although it is Unknown as a whole (see PartialKnowledge). */
  readonly partial?: PartialKnowledge;
}

/**
 * The known structure of an Unknown string or object, so a policy can still judge its known parts
 * (an IAM statement with `Principal = "*"` is public whatever its unknown `Resource` turns out to be):
 * - `json`: the string is `jsonencode(value)`, and `value` is Unknown or has Unknown parts;
 * - `template`: the string is a template; `parts` are its literal text and its Unknown
 *   interpolations, in order (known interpolations are already rendered into the text);
 * - `object`: the value is an object with some attributes known (see ObjectPartial);
 * - `replace`: the string is `replace(source, search, replacement)` with an Unknown `source`
 *   and a literal (not regex) `search`; `replacement` may be known or Unknown.
 */
export type PartialKnowledge =
  | { readonly kind: 'json'; readonly value: Value }
  | { readonly kind: 'template'; readonly parts: readonly (string | UnknownValue)[] }
  | { readonly kind: 'replace'; readonly source: UnknownValue; readonly search: string; readonly replacement: Value }
  | ObjectPartial;

/**
 * An object of which only some attributes are known: a resource instance (or one of its nested
 * blocks) as another resource sees it. The arguments its configuration sets are `entries`; any
 * other attribute (`id`, `arn`) is computed by the provider, so stepping into it gives an Unknown
 * "`label`.name is known after apply" that refers to the instance. `label` is the instance as
 * written: `aws_s3_bucket.x["a"]`.
 */
export interface ObjectPartial {
  readonly kind: 'object';
  readonly label: string;
  readonly entries: ReadonlyMap<string, Value>;
}

/** An argument of a resource (or nested block) after evaluation. */
export interface EvaluatedAttribute {
  readonly name: string;
  readonly value: Value;
  /** The file the attribute is written in. */
  readonly file: string;
  /** The whole `name = expr` range. */
  readonly range: Range;
  readonly nameRange: Range;
  /** The expression's range: the narrowest place to report a bad value. */
  readonly valueRange: Range;
}

/** A block after evaluation, with `dynamic` blocks expanded into ordinary nested blocks. */
export interface EvaluatedBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly file: string;
  /** The whole block. */
  readonly range: Range;
  /** The header line: from the type to the opening brace; where "missing attribute" findings go. */
  readonly headerRange: Range;
  readonly attributes: ReadonlyMap<string, EvaluatedAttribute>;
  readonly blocks: readonly EvaluatedBlock[];
  /** The source block (for fixes and suppression comments). */
  readonly source: Block;
  /**
   * Set on the one block a `dynamic` block with an unknown `for_each` stands for: there may be
   * any number of such blocks, none included, so the block's presence is not known.
   */
  readonly unknownCount?: UnknownValue;
}

/** One instance of a resource or data source: `aws_s3_bucket.x`, `aws_s3_bucket.x[0]`, `module.m.aws_s3_bucket.x["k"]`. */
export interface ResourceInstance extends EvaluatedBlock {
  readonly mode: 'managed' | 'data';
  readonly resourceType: string;
  readonly name: string;
  /** Terraform address including module path and instance key. */
  readonly address: string;
  /** Address without instance key, in its own module's scope: `aws_s3_bucket.x`. */
  readonly localAddress: string;
  /**
   * Module path: [] for the root module, ["m"] for module.m, ["m", "n"] for module.m.module.n;
   * a module instance of a call with count/for_each includes its key: ['m[0]'], ['m["a"]'].
   */
  readonly modulePath: readonly string[];
  readonly instanceKey?: string | number;
  /**
   * For resources inside a called module: the module call blocks from the root down, so a finding
   * can also be shown on the caller's argument.
   */
  readonly callers?: readonly ModuleCallSite[];
}

export interface ModuleCallSite {
  readonly name: string;
  readonly file: string;
  readonly range: Range;
  readonly headerRange: Range;
  readonly source: Block;
}

/** A problem the model found in the configuration (a cycle among locals, a missing module source). */
export interface ModelDiagnostic {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** One parsed source file of a module. */
export interface SourceFile {
  /** As the caller names it (path or URI); echoed in every range the model reports. */
  readonly name: string;
  readonly file: File;
}

/** Everything the engine needs about a root module and the local modules it calls. */
export interface ModuleModel {
  /** The directory of the root module, as the caller names it. */
  readonly dir: string;
  readonly files: readonly SourceFile[];
  /** The source files of the called local modules (not in `files`): their comments hold suppressions too. */
  readonly moduleFiles: readonly SourceFile[];
  /** All resource and data instances, including those of called modules. */
  readonly resources: readonly ResourceInstance[];
  readonly diagnostics: readonly ModelDiagnostic[];
}
