// The expressions as the user wrote them, next to the evaluated values. An evaluated value only
// knows where it was *defined* (a local, a variable's default, tfvars); to point a finding at the
// text inside the resource that brought it in (`local.k` in `variables = { KEY = local.k }`), or
// inside a `jsonencode({...})` whose result is one string, we walk the written expression along
// the same keys and indexes as the value.

import type { Expression } from '../../hcl/ast';
import type { EvaluatedBlock } from '../../terraform/model';

/** The written expression of attribute `name` of a block. */
export function writtenIn(block: EvaluatedBlock | undefined, name: string): Expression | undefined {
  const item = block?.source.body.items.find((i) => i.kind === 'Attribute' && i.name === name);
  return item?.kind === 'Attribute' ? item.expr : undefined;
}

function unparenthesized(expr: Expression): Expression {
  return expr.kind === 'Parentheses' ? unparenthesized(expr.expr) : expr;
}

/** Element `index` of a written list (`source_policy_documents = [a, b]`). */
export function writtenElement(expr: Expression | undefined, index: number): Expression | undefined {
  const list = expr && unparenthesized(expr);
  return list?.kind === 'Tuple' ? list.elements[index] : undefined;
}

/** The name an object key is written as: `KEY = …` or `"KEY" = …`; undefined for computed keys. */
export function keyName(key: Expression): string | undefined {
  if (key.kind === 'Variable') return key.name;
  if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]!.kind === 'TemplateLiteral') return key.parts[0]!.value;
  if (key.kind === 'Template' && key.parts.length === 0) return '';
  return undefined;
}

/** The value written for `key` in an object literal (the last one, as Terraform keeps the last). */
export function writtenEntry(expr: Expression | undefined, key: string): Expression | undefined {
  const object = expr && unparenthesized(expr);
  if (object?.kind !== 'Object') return undefined;
  return object.items.filter((i) => keyName(i.key) === key).at(-1)?.value;
}

/** The argument of a written `jsonencode(x)`: the expression the decoded JSON mirrors. */
export function jsonencodeArgument(expr: Expression | undefined): Expression | undefined {
  const call = expr && unparenthesized(expr);
  return call?.kind === 'FunctionCall' && call.name === 'jsonencode' && call.args.length === 1 && !call.expandFinal ? call.args[0] : undefined;
}
