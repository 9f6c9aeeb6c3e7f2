// The shape of an IAM policy document as we read it: statements whose fields are known as far as
// they are, and the parts of the document that are not known at all. Shared by the readers of
// JSON documents (iam-document.ts) and of data "aws_iam_policy_document" (iam-data-document.ts).

import type { Expression } from '../../hcl/ast';
import type { ModuleModel, Origin, UnknownValue, Value } from '../../terraform/model';
import { rootCause } from '../../terraform/values';
import type { Place } from './scope';

export interface Statement {
  readonly fields: ReadonlyMap<string, Value>;
  readonly place: Place;
  /** The place of a field (or of element `index` of it), when we know one narrower than `place`. */
  readonly placeOf: (field: string, index?: number) => Place | undefined;
  /**
   * The place of the value at `path` (`["Principal", "AWS", 0]`) inside a written
   * `jsonencode({...})`, when there is one.
   */
  readonly placeAt?: (path: readonly (string | number)[]) => Place | undefined;
  /**
   * Where a field's value (or part of it) was set, when its place is where the statement refers
   * to it (`identifiers = [var.who]` in a data source, set in terraform.tfvars).
   */
  readonly originOf?: (value: Value) => Origin | undefined;
  /** How messages name a field: `Resource` in JSON, `resources` in a data source's statement block. */
  readonly labelOf: (field: string) => string;
  /**
   * Why the statement may not be in the document as read (a later statement with an unknown Sid
   * may replace it; a `dynamic` block may make none): a match is then only unknown.
   */
  readonly uncertain?: string;
  /**
   * The statement is a `dynamic` block over a collection that is not known: its fields written
   * from the iterator are unknown for that reason alone, so an unknown result says so.
   */
  readonly fromUnknownCollection?: boolean;
  /** The statement's Sid; absent when it has none (then no other statement replaces it). */
  readonly sid?: Value;
}

/** A part of the document that is not known at all: an Unknown statement list, statement or merged document. */
export interface UnknownPart {
  readonly place: Place;
  readonly reason: string;
}

export interface PolicyDocument {
  readonly statements: readonly Statement[];
  readonly unknown: readonly UnknownPart[];
}

export interface ReadContext {
  readonly model: ModuleModel;
  /** Where the document is written (the attribute's value), for places we cannot narrow. */
  readonly anchor: Place;
  /** The written expression, to point into `jsonencode({...})`. */
  readonly written?: Expression;
  /** How messages name the document: `policy`, `source_policy_documents[0]`. */
  readonly label: string;
  /** Data sources being read (merged documents may refer to each other). */
  readonly visiting: ReadonlySet<string>;
}

export function unknownDocument(place: Place, reason: string): PolicyDocument {
  return { statements: [], unknown: [{ place, reason }] };
}

/** A Sid that can replace or be replaced: a non-empty string, or Unknown. */
export function sidOf(value: Value | undefined): { sid?: Value } {
  if (!value || value.kind === 'null' || (value.kind === 'string' && value.value === '')) return {};
  return { sid: value };
}

/** `aws_s3_bucket.b.arn`, or `an unknown value`. */
export function describeValue(value: UnknownValue): string {
  const refs = value.references ?? [];
  return refs.length > 0 ? refs.map((r) => (r.attribute ? `${r.address}.${r.attribute}` : r.address)).join(', ') : 'a value that is not known';
}

/**
 * What is unknown and why, for messages: `Resource refers to aws_s3_bucket.b.arn, known only
 * after apply` or `Principal is not known: var.who has no value`.
 */
export function describeUnknown(label: string, value: UnknownValue): string {
  const cause = rootCause(value.reason);
  const refs = value.references ?? [];
  if (refs.length > 0 && /known after apply\)?$/.test(cause)) return `${label} refers to ${describeValue(value)}, known only after apply`;
  return `${label} is not known: ${cause}`;
}
