import type { Value } from '../model';

export interface TfFunction {
  readonly minArgs: number;
  /** Defaults to minArgs; Infinity for variadic functions. */
  readonly maxArgs?: number;
  /** When true the function is called with Unknown arguments; otherwise any Unknown argument makes the result Unknown. */
  readonly handlesUnknown?: boolean;
  readonly call: (args: readonly Value[]) => Value;
}

export type FunctionTable = Record<string, TfFunction>;

/** Shorthand for a function with a fixed number of arguments. */
export function fixed(arity: number, call: (args: readonly Value[]) => Value): TfFunction {
  return { minArgs: arity, call };
}

export function variadic(minArgs: number, call: (args: readonly Value[]) => Value): TfFunction {
  return { minArgs, maxArgs: Infinity, call };
}

/** The i-th argument (arity is checked before the call). */
export function arg(args: readonly Value[], i: number): Value {
  return args[i] as Value;
}
