// Terraform evaluates `jsonencode({...})` to a JSON string, so the evaluated policy document has
// no positions inside it. To point a finding at the offending `Action = "*"` rather than at the
// whole document, we walk the written object expression along the same keys and indexes.

import type { Expression } from '../../hcl/ast';
import type { Place, Scope } from './scope';
import { keyName, writtenIn } from './written';

export type JsonPath = readonly (string | number)[];

/** The written expression of attribute `name` of the scope's block, if it is written there. */
export function writtenExpression(scope: Scope, name: string): Expression | undefined {
  return writtenIn(scope.block, name);
}

function unwrap(expr: Expression): Expression {
  if (expr.kind === 'Parentheses') return unwrap(expr.expr);
  if (expr.kind === 'FunctionCall' && expr.name === 'jsonencode' && expr.args.length === 1) return unwrap(expr.args[0]!);
  return expr;
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
