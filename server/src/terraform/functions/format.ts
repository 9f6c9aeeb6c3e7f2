// Terraform's format() verbs (a subset of Go's fmt): %% %s %q %d %f %e %g %t %v %x %X %o %b with
// the flags - + space 0, width and precision, and explicit argument indexes like %[2]s.

import { asBool, asNumber, asString, requireWhollyKnown } from '../convert';
import { EvalError } from '../eval-errors';
import type { Value } from '../model';
import { formatNumber, toJs } from '../values';

/** Guards the editor against `%999999999s`. */
const MAX_WIDTH = 10_000;

const VERB = /%(?:\[(\d+)\])?([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

export function formatString(format: string, args: readonly Value[]): string {
  let next = 0;
  return format.replace(VERB, (whole, index: string | undefined, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const position = index ? Number(index) - 1 : next;
    next = position + 1;
    const value = args[position];
    if (!value) throw new EvalError(`not enough arguments for ${whole}`);
    if (Number(width ?? 0) > MAX_WIDTH || Number(precision ?? 0) > MAX_WIDTH) throw new EvalError(`${whole}: width and precision are limited to ${MAX_WIDTH}`);
    const body = formatVerb(verb, value, flags, precision === undefined ? undefined : Number(precision));
    return pad(body, flags, width === undefined ? 0 : Number(width), verb);
  });
}

function formatVerb(verb: string, value: Value, flags: string, precision: number | undefined): string {
  switch (verb) {
    case 's': {
      const text = asString(value, 'format argument');
      return precision === undefined ? text : [...text].slice(0, precision).join('');
    }
    case 'q': return JSON.stringify(asString(value, 'format argument'));
    case 't': return asBool(value, 'format argument') ? 'true' : 'false';
    case 'v': return formatAny(value);
    case 'd': return withSign(Math.trunc(integer(value)).toFixed(0), flags);
    case 'f': return withSign(asNumber(value, 'format argument').toFixed(precision ?? 6), flags);
    case 'e': case 'E': {
      const text = goExponent(asNumber(value, 'format argument').toExponential(precision ?? 6));
      return withSign(verb === 'E' ? text.toUpperCase() : text, flags);
    }
    case 'g': return withSign(formatNumber(asNumber(value, 'format argument')), flags);
    case 'x': case 'X': case 'o': case 'b': {
      const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      const n = integer(value);
      const text = (n < 0 ? '-' : '') + Math.abs(n).toString(radix);
      return verb === 'X' ? text.toUpperCase() : text;
    }
    default: throw new EvalError(`unsupported format verb %${verb}`);
  }
}

function integer(value: Value): number {
  const n = asNumber(value, 'format argument');
  if (!Number.isInteger(n)) throw new EvalError(`%d requires a whole number, got ${formatNumber(n)}`);
  return n;
}

/** %v: strings as they are, numbers and bools in their string form, collections as JSON. */
function formatAny(value: Value): string {
  requireWhollyKnown(value);
  if (value.kind === 'tuple' || value.kind === 'object') return JSON.stringify(toJs(value));
  if (value.kind === 'null') return 'null';
  return asString(value);
}

/** Go writes exponents with at least two digits: 1e+06, not 1e+6. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function withSign(text: string, flags: string): string {
  if (text.startsWith('-')) return text;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function pad(text: string, flags: string, width: number, verb: string): string {
  const length = [...text].length;
  if (length >= width) return text;
  const fill = width - length;
  if (flags.includes('-')) return text + ' '.repeat(fill);
  if (flags.includes('0') && 'dfegxXob'.includes(verb)) {
    const sign = /^[-+ ]/.test(text) ? text.charAt(0) : '';
    return sign + '0'.repeat(fill) + text.slice(sign.length);
  }
  return ' '.repeat(fill) + text;
}
