// Parsing an expression from a string: TF_VAR_* values of complex types and the `type` of a
// variable in JSON syntax are HCL expressions written inside strings.

import type { Expression } from '../hcl/ast';
import { parseHcl } from '../hcl';

/** The expression in `text`, or undefined when it does not parse cleanly. Ranges refer to `text`'s own positions. */
export function parseExpressionText(text: string): Expression | undefined {
  const prefix = 'v = ';
  const file = parseHcl(`${prefix}${text}\n`);
  const first = file.body.items[0];
  if (file.errors.length > 0 || file.body.items.length !== 1 || first?.kind !== 'Attribute') return undefined;
  return first.expr;
}
