// Terraform evaluates `jsonencode({...})` to a JSON string, so the evaluated policy document has
// no positions inside it. To point a finding at the offending `Action = "*"` rather than at the
// whole document, we walk the written object expression along the same keys and indexes.

import type { Expression } from '../../hcl/ast';
import type { EvaluatedBlock } from '../../terraform/model';
import type { Place, Scope } from './scope';

export type JsonPath = readonly (string | number)[];

/** The written expression of attribute `name` of the scope's block, if it is written there. */
export function writtenExpression(scope: Scope, name: string): Expression | undefined {
  return writtenIn(scope.block, name);
}

/** The written expression of attribute `name` of a block. */
export function writtenIn(block: EvaluatedBlock | undefined, name: string): Expression | undefined {
  const item = block?.source.body.items.find((i) => i.kind === 'Attribute' && i.name === name);
  return item?.kind === 'Attribute' ? item.expr : undefined;
}

/** Element `index` of a written list (`source_policy_documents = [a, b]`). */
export function writtenElement(expr: Expression | undefined, index: number): Expression | undefined {
  const list = expr?.kind === 'Parentheses' ? expr.expr : expr;
  return list?.kind === 'Tuple' ? list.elements[index] : undefined;
}

function unwrap(expr: Expression): Expression {
  if (expr.kind === 'Parentheses') return unwrap(expr.expr);
  if (expr.kind === 'FunctionCall' && expr.name === 'jsonencode' && expr.args.length === 1) return unwrap(expr.args[0]!);
  return expr;
}

function keyName(key: Expression): string | undefined {
  if (key.kind === 'Variable') return key.name;
  if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]!.kind === 'TemplateLiteral') return key.parts[0]!.value;
  if (key.kind === 'Template' && key.parts.length === 0) return '';
  return undefined;
}

/** The range of the sub-expression at `path` inside a `jsonencode({...})` literal, if it is written literally. */
export function placeInJsonencode(expr: Expression | undefined, file: string, path: JsonPath): Place | undefined {
  if (!expr) return undefined;
  let current = unwrap(expr);
  if (current === expr && expr.kind !== 'Object') return undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (current.kind !== 'Tuple') return step === 0 ? { file, range: current.range } : undefined;
      const element = current.elements[step];
      if (!element) return undefined;
      current = unwrap(element);
    } else {
      if (current.kind !== 'Object') return undefined;
      const item = current.items.find((i) => keyName(i.key) === step);
      if (!item) return undefined;
      current = unwrap(item.value);
    }
  }
  return { file, range: current.range };
}
