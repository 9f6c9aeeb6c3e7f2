// `base64decode(attr)` in a policy path: the text a base64 string attribute encodes
// (`user_data_base64 = base64encode(<<EOT … EOT)`, a launch template's `user_data`), so a policy
// can test what the instance will really receive. Anything we cannot decode to text — a value
// known only after apply, a string that is not base64, bytes that are not UTF-8 (gzip) — is
// Unknown, never a failure: what the provider would do with it is not ours to guess.

import type { Expression } from '../../hcl/ast';
import type { Value } from '../../terraform/model';
import type { Found } from './scope';

/** The decoded text at `found`; a finding points at the argument of a written `base64encode(x)`. */
export function decodeBase64Found(found: Found, label: string): Found {
  const argument = base64encodeArgument(found.written);
  const place = argument ? { file: found.place.file, range: argument.range } : found.place;
  return {
    value: decodeBase64Value(found.value, label),
    place,
    ...(found.origin ? { origin: found.origin } : {}),
    ...(argument ? { written: argument } : {}),
  };
}

/**
 * Decodes as Go's base64.StdEncoding does for the provider and for Terraform's base64decode():
 * the standard alphabet with padding, line breaks ignored.
 */
export function decodeBase64Value(value: Value, label: string): Value {
  if (value.kind === 'unknown') return value;
  if (value.kind !== 'string') return { kind: 'unknown', reason: `${label} is not a base64 string` };
  const text = value.value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return { kind: 'unknown', reason: `${label} is not valid base64` };
  try {
    return { kind: 'string', value: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64')) };
  } catch {
    return { kind: 'unknown', reason: `${label} does not decode to UTF-8 text (compressed or binary data)` };
  }
}

function unparenthesized(expr: Expression): Expression {
  return expr.kind === 'Parentheses' ? unparenthesized(expr.expr) : expr;
}

/** The argument of a written `base64encode(x)`: the text the decoded value is. */
function base64encodeArgument(expr: Expression | undefined): Expression | undefined {
  const call = expr && unparenthesized(expr);
  return call?.kind === 'FunctionCall' && call.name === 'base64encode' && call.args.length === 1 && !call.expandFinal ? call.args[0] : undefined;
}
