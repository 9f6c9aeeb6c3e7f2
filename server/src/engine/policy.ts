// A policy after loading: its metadata plus the compiled rules the evaluator runs. The YAML form
// is documented in policies/README.md and validated by policy-schema.json; the loader turns it
// into these plain data types (no code is ever executed from a policy file).

import type { Range } from '../hcl/ast';
import type { PolicyMetadata } from './types';

/** A plain JSON-like value written in a policy (a comparison operand, a default). */
export type PlainValue = string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/** A dotted path through attributes, object keys and nested blocks: `versioning.enabled`. */
export type Path = readonly string[];

/**
 * One step of a path a condition reads: a name, or a name whose value is a string to decode — JSON
 * (written `jsondecode(container_definitions).environment` in a policy) or base64
 * (`base64decode(user_data_base64)`, whose result is the decoded text).
 */
export type Step = string | { readonly name: string; readonly decode: 'json' | 'base64' };

/** A path a condition reads (`attribute`, `blocks`): a Path whose steps may decode JSON. */
export type ReadPath = readonly Step[];

/** The name of a step. */
export function stepName(step: Step): string {
  return typeof step === 'string' ? step : step.name;
}

export type NumericOp = 'greater_than' | 'greater_or_equal' | 'less_than' | 'less_or_equal';

/** What one attribute test checks. */
export type Test =
  | { readonly op: 'exists' }
  | { readonly op: 'absent' }
  | { readonly op: 'non_empty' }
  | { readonly op: 'equals' | 'not_equals'; readonly operand: PlainValue }
  | { readonly op: 'in' | 'not_in'; readonly operand: readonly PlainValue[] }
  | { readonly op: 'contains' | 'not_contains'; readonly operand: PlainValue }
  | { readonly op: 'matches' | 'not_matches'; readonly pattern: RegExp; readonly source: string }
  | { readonly op: 'keys_match'; readonly pattern: RegExp; readonly source: string }
  | { readonly op: 'has_entry'; readonly key: RegExp; readonly keySource: string; readonly value?: RegExp; readonly valueSource?: string }
  | { readonly op: NumericOp; readonly operand: number }
  | { readonly op: 'is_true' | 'is_false' }
  | { readonly op: 'length'; readonly comparisons: readonly { readonly op: NumericOp | 'equals'; readonly operand: number }[] }
  | { readonly op: 'open_to_world' }
  | { readonly op: 'includes_port'; readonly port: number }
  | { readonly op: 'has_iam_statement'; readonly statement: IamStatementPattern };

/** Which statements of an IAM policy document a `has_iam_statement` test looks for. */
export interface IamStatementPattern {
  /** Allow (default) or Deny. */
  readonly effect: 'Allow' | 'Deny';
  /** The statement grants one of these actions (exactly, case-insensitive; `*` is the full wildcard). */
  readonly action?: readonly string[];
  readonly resource?: readonly string[];
  /** The statement's principal is one of these (`*` also matches `{"AWS": "*"}`). */
  readonly principal?: readonly string[];
  /** Only statements without a Condition block count. */
  readonly withoutCondition: boolean;
}

export type Quantifier = 'all' | 'any' | 'none';

export type Condition =
  | { readonly kind: 'all' | 'any'; readonly items: readonly Condition[]; readonly message?: string }
  | { readonly kind: 'not'; readonly item: Condition; readonly message?: string }
  | AttributeCondition
  | PortRangeCondition
  | BlocksCondition
  | RelatedCondition;

export interface AttributeCondition {
  readonly kind: 'attribute';
  readonly path: ReadPath;
  readonly test: Test;
  /** The provider's default, used when the attribute is not set (or null). */
  readonly default?: PlainValue;
  readonly message?: string;
}

/** `from_port`..`to_port` (with a protocol meaning "all ports") includes `port`. */
export interface PortRangeCondition {
  readonly kind: 'port_range';
  readonly from: Path;
  readonly to: Path;
  readonly protocol?: Path;
  readonly port: number;
  readonly message?: string;
}

/** A quantifier over nested blocks (or a list of objects) at `path`. */
export interface BlocksCondition {
  readonly kind: 'blocks';
  readonly path: ReadPath;
  readonly quantifier: Quantifier;
  readonly condition: Condition;
  readonly message?: string;
}

/**
 * Resources of another type that point at this one (by reference or by the same literal name), or
 * — with `sameModule` — every resource of that type in this resource's module, named or not (an
 * account-wide setting such as aws_s3_account_public_access_block).
 */
export interface RelatedCondition {
  readonly kind: 'related';
  readonly resourceType: string;
  /** The attributes of the related resource that may name this resource: `bucket` (any one links). Empty with `sameModule`. */
  readonly links: readonly Path[];
  /** Every resource of the type in the same module instance relates, without a link. */
  readonly sameModule?: boolean;
  /** Attributes of this resource whose literal value the link may equal instead of a reference. */
  readonly byName: readonly Path[];
  /** `exists`: some related resource (satisfying `condition`, if given) exists; `none`: none does. */
  readonly quantifier: 'any' | 'none' | 'all';
  readonly condition?: Condition;
  readonly message?: string;
}

/** How to repair a finding: set attributes (creating nested blocks on the way) or add a block. */
export interface FixSpec {
  readonly title: string;
  readonly set: readonly { readonly path: Path; readonly value: string }[];
  readonly addBlock?: { readonly path: Path; readonly text: string };
}

/** One rule of a policy: which resources it applies to and what they must satisfy to pass. */
export interface Rule {
  /** Resource types; a `data.` prefix selects data sources. */
  readonly resourceTypes: readonly string[];
  /** The rule applies only when this holds; a resource it does not apply to passes. */
  readonly when?: Condition;
  readonly require: Condition;
  readonly message?: string;
  readonly fix?: FixSpec;
}

/** A fixture of the policy and the resources it must fail, pass, or leave unknown/suppressed. */
export interface FixtureExpectation {
  /** Relative to the policy file's directory: a `.tf` file (a one-file module) or a directory. */
  readonly path: string;
  readonly fail: readonly string[];
  readonly pass: readonly string[];
  readonly unknown: readonly string[];
  readonly suppressed: readonly string[];
}

export interface Policy extends PolicyMetadata {
  readonly rules: readonly Rule[];
  readonly fixtures: readonly FixtureExpectation[];
}

export interface PolicyLoadError {
  readonly message: string;
  /** 0-based, in the policy file. */
  readonly range: Range;
}
