// The Terraform function library: a name → implementation table assembled from the per-topic
// files. Calling goes through `callFunction`, which checks arity, turns Unknown arguments into an
// Unknown result (unless the function handles them itself, like `length` of a list with unknown
// elements), and reports impure or unimplemented functions as Unknown with a reason.

import { EvalError, UnknownSignal } from '../eval-errors';
import type { ResourceReference, Value } from '../model';
import { collectReferences, dedupeReferences, unknownValue } from '../values';
import { collectionFunctions } from './collection';
import { conversionFunctions } from './conversion';
import { datetimeFunctions } from './datetime';
import { encodingFunctions } from './encoding';
import { networkFunctions } from './network';
import { numericFunctions } from './numeric';
import { stringFunctions } from './string';
import type { FunctionTable, TfFunction } from './types';

export type { TfFunction } from './types';

const FUNCTIONS: ReadonlyMap<string, TfFunction> = new Map(
  Object.entries({ ...stringFunctions, ...collectionFunctions, ...numericFunctions, ...encodingFunctions, ...conversionFunctions, ...networkFunctions, ...datetimeFunctions } satisfies FunctionTable),
);

/** Functions whose result Terraform only knows at plan/apply time, or that read files we do not read here. */
const NOT_EVALUATED: ReadonlyMap<string, string> = new Map([
  ...['timestamp', 'plantimestamp', 'uuid', 'bcrypt'].map((n): [string, string] => [n, 'is impure (its result changes on every run)']),
  ...['file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'templatefile', 'abspath', 'pathexpand']
    .map((n): [string, string] => [n, 'reads the file system, which the model does not; not evaluated']),
]);

export function isKnownFunction(name: string): boolean {
  return FUNCTIONS.has(name) || NOT_EVALUATED.has(name) || name === 'try' || name === 'can';
}

/** Calls a Terraform function on evaluated arguments. Throws EvalError for bad calls (the evaluator turns it into an Unknown). */
export function callFunction(name: string, args: readonly Value[]): Value {
  if (name.includes('::')) return unknownValue(`provider function ${name}() is not evaluated`, allReferences(args));
  const notEvaluated = NOT_EVALUATED.get(name);
  if (notEvaluated) return unknownValue(`function ${name}() ${notEvaluated}`, allReferences(args));
  const fn = FUNCTIONS.get(name);
  if (!fn) return unknownValue(`function ${name}() is not implemented`, allReferences(args));
  const max = fn.maxArgs ?? fn.minArgs;
  if (args.length < fn.minArgs || args.length > max) {
    const expected = max === fn.minArgs ? `${fn.minArgs}` : max === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${max}`;
    throw new EvalError(`${name}() takes ${expected} argument${expected === '1' ? '' : 's'}, got ${args.length}`);
  }
  if (!fn.handlesUnknown) {
    const unknown = args.find((a) => a.kind === 'unknown');
    if (unknown?.kind === 'unknown') return unknownValue(unknown.reason, allReferences(args));
  }
  try {
    return fn.call(args);
  } catch (error) {
    if (error instanceof UnknownSignal) return unknownValue(error.value.reason, allReferences(args));
    if (error instanceof EvalError) throw new EvalError(`${name}(): ${error.message}`);
    if (error instanceof SyntaxError) throw new EvalError(`${name}(): ${error.message}`);
    throw error;
  }
}

function allReferences(args: readonly Value[]): ResourceReference[] {
  const refs: ResourceReference[] = [];
  for (const a of args) collectReferences(a, refs);
  return dedupeReferences(refs);
}
