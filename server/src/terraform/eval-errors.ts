// The two ways evaluation stops short of a value. Both become Unknown values at the nearest
// expression boundary (an operator, a function call), never exceptions escaping the model.

import type { UnknownValue } from './model';

/** What Terraform would report as an error (wrong type, missing attribute, bad argument). */
export class EvalError extends Error {}

/** Thrown by helpers that need a concrete value and met an Unknown: the result is that Unknown. */
export class UnknownSignal extends Error {
  constructor(readonly value: UnknownValue) {
    super(value.reason);
  }
}

/**
 * Reasons of Unknowns that stand for an evaluation error start with this, which is how `try()`
 * and `can()` tell "this failed" from "this is not known yet" (where they must stay Unknown).
 */
export const ERROR_REASON_PREFIX = 'error: ';

export function isErrorReason(reason: string): boolean {
  return reason.startsWith(ERROR_REASON_PREFIX) || reason.includes(`: ${ERROR_REASON_PREFIX}`);
}
