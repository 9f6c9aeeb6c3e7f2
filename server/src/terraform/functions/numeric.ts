// Numeric functions.

import { asInteger, asNumber, asString } from '../convert';
import { EvalError } from '../eval-errors';
import type { Value } from '../model';
import { numberValue } from '../values';
import { arg, fixed, variadic, type FunctionTable } from './types';

const num = (args: readonly Value[], i: number): number => asNumber(arg(args, i), 'argument');

function parseInteger(text: string, base: number): number {
  if (base < 2 || base > 62) throw new EvalError('base must be a whole number between 2 and 62');
  const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const alphabet = base <= 36 ? digits.slice(0, base) + digits.slice(10, base).toUpperCase() : digits.slice(0, base);
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  if (body === '') throw new EvalError(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
  let n = 0;
  for (const c of body) {
    const d = alphabet.indexOf(c);
    if (d < 0) throw new EvalError(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
    n = n * base + (base <= 36 ? digits.indexOf(c.toLowerCase()) : d);
  }
  return negative ? -n : n;
}

export const numericFunctions: FunctionTable = {
  abs: fixed(1, (a) => numberValue(Math.abs(num(a, 0)))),
  ceil: fixed(1, (a) => numberValue(Math.ceil(num(a, 0)))),
  floor: fixed(1, (a) => numberValue(Math.floor(num(a, 0)))),
  signum: fixed(1, (a) => numberValue(Math.sign(num(a, 0)))),
  log: fixed(2, (a) => numberValue(Math.log(num(a, 0)) / Math.log(num(a, 1)))),
  pow: fixed(2, (a) => numberValue(num(a, 0) ** num(a, 1))),
  min: variadic(1, (a) => numberValue(Math.min(...a.map((v) => asNumber(v, 'argument'))))),
  max: variadic(1, (a) => numberValue(Math.max(...a.map((v) => asNumber(v, 'argument'))))),
  parseint: fixed(2, (a) => numberValue(parseInteger(asString(arg(a, 0), 'number'), asInteger(arg(a, 1), 'base')))),
};
