// String functions. Terraform's regular expressions are RE2; JavaScript's RegExp accepts the
// common subset, and `(?P<name>…)` groups are rewritten to JavaScript's `(?<name>…)`.

import { asInteger, asString, asTuple } from '../convert';
import { EvalError, UnknownSignal } from '../eval-errors';
import type { UnknownValue, Value } from '../model';
import { boolValue, dedupeReferences, firstUnknown, objectValue, stringValue, tupleValue, unknownValue, withPartial } from '../values';
import { formatString } from './format';
import { arg, fixed, variadic, type FunctionTable } from './types';

const str = (args: readonly Value[], i: number, what?: string): string => asString(arg(args, i), what);

/**
 * A group with a quantifier inside, itself quantified (`(a+)+`): RE2 runs it in linear time, but
 * JavaScript's backtracking engine can take exponential time, which would freeze the editor.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

/** Compiles an RE2 pattern as a JavaScript RegExp. */
export function compileRegex(pattern: string, flags = ''): RegExp {
  if (NESTED_QUANTIFIER.test(pattern)) {
    throw new UnknownSignal(unknownValue(`the pattern ${JSON.stringify(pattern)} has nested quantifiers, which JavaScript may take exponential time to match; not evaluated`));
  }
  let source = pattern.replace(/\(\?P</g, '(?<');
  let extra = '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    extra = (inline[1] ?? '').replace(/U/g, '');
  }
  return new RegExp(source, [...new Set(flags + extra)].join(''));
}

function regexResult(match: RegExpExecArray): Value {
  if (match.groups && Object.keys(match.groups).length > 0) {
    return objectValue(new Map(Object.entries(match.groups).map(([k, v]) => [k, stringValue(v ?? '')])));
  }
  if (match.length > 1) return tupleValue(match.slice(1).map((g) => stringValue(g ?? '')));
  return stringValue(match[0]);
}

/** Code points, not UTF-16 units: Terraform counts characters. */
const chars = (s: string): string[] => [...s];

function substr(text: string, offset: number, length: number): string {
  const cs = chars(text);
  let start = offset < 0 ? cs.length + offset : offset;
  if (start < 0 || start > cs.length) throw new EvalError('offset is out of range');
  start = Math.min(start, cs.length);
  const end = length < 0 ? cs.length : Math.min(cs.length, start + length);
  return cs.slice(start, end).join('');
}

function replaceText(text: string, search: string, replacement: string): string {
  if (isRegex(search)) {
    const goStyle = replacement.replace(/\$\{(\w+)\}/g, (_, name: string) => (/^\d+$/.test(name) ? `$${name}` : `$<${name}>`));
    return text.replace(compileRegex(search.slice(1, -1), 'g'), goStyle);
  }
  if (search === '') throw new EvalError('the substring to replace must not be empty');
  return text.split(search).join(replacement);
}

const isRegex = (search: string): boolean => search.length > 2 && search.startsWith('/') && search.endsWith('/');

type Part = string | UnknownValue;

/**
 * `parts` (the text and Unknown pieces of a template) with each literal `search` replaced, or
 * undefined when a match could span an Unknown piece: a text piece next to an Unknown starts or
 * ends with a character of `search` (any match overlapping both includes that character).
 * Matches inside an Unknown piece leave it Unknown. An Unknown `replacement` that is itself a
 * partial template is spliced in, as a template interpolation is.
 */
export function replaceParts(parts: readonly Part[], search: string, replacement: Value): Part[] | undefined {
  const inserted: readonly Part[] = replacement.kind !== 'unknown' ? [asString(replacement)] : replacement.partial?.kind === 'template' ? replacement.partial.parts : [replacement];
  const out: Part[] = [];
  const push = (p: Part): void => {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  };
  for (const [i, part] of parts.entries()) {
    if (typeof part !== 'string') {
      push(part);
      continue;
    }
    const touches = (c: string | undefined): boolean => c !== undefined && search.includes(c);
    if ((typeof parts[i - 1] === 'object' && touches(chars(part)[0])) || (typeof parts[i + 1] === 'object' && touches(chars(part).at(-1)))) return undefined;
    part.split(search).forEach((piece, j) => {
      if (j > 0) inserted.forEach(push);
      push(piece);
    });
  }
  return out;
}

/** A string of text and Unknown pieces: known when all are text, else a partial template. */
export function fromParts(parts: readonly Part[]): Value {
  const unknowns = parts.filter((p): p is UnknownValue => typeof p !== 'string');
  const first = unknowns[0];
  if (!first) return stringValue(parts.filter((p): p is string => typeof p === 'string').join(''));
  const refs = dedupeReferences(unknowns.flatMap((u) => u.references ?? []));
  return withPartial(unknownValue(first.reason, refs), { kind: 'template', parts });
}

/**
 * replace() with an Unknown argument. When `search` is a known literal (not a regex), what is
 * known survives, so a policy document with a placeholder replaced by an ARN known only after
 * apply keeps its statements: a known text becomes a template with the replacement in each gap;
 * an Unknown text remembers the replacement to apply (nested calls nest). Otherwise the result
 * is plainly Unknown.
 */
function replaceUnknown(args: readonly Value[]): Value {
  const [text, search, replacement] = [arg(args, 0), arg(args, 1), arg(args, 2)];
  const unknown = firstUnknown(args) as UnknownValue;
  if (search.kind !== 'string' || search.value === '' || isRegex(search.value)) return unknown;
  if (text.kind === 'unknown') return withPartial(unknown, { kind: 'replace', source: text, search: search.value, replacement });
  if (replacement.kind !== 'unknown') return unknown;
  return fromParts(replaceParts([str(args, 0)], search.value, replacement) ?? []);
}

function trimChars(text: string, cutset: string, fromStart: boolean, fromEnd: boolean): string {
  const set = new Set(chars(cutset));
  const cs = chars(text);
  let a = 0;
  let b = cs.length;
  while (fromStart && a < b && set.has(cs[a] as string)) a++;
  while (fromEnd && b > a && set.has(cs[b - 1] as string)) b--;
  return cs.slice(a, b).join('');
}

export const stringFunctions: FunctionTable = {
  lower: fixed(1, (a) => stringValue(str(a, 0).toLowerCase())),
  upper: fixed(1, (a) => stringValue(str(a, 0).toUpperCase())),
  title: fixed(1, (a) => stringValue(str(a, 0).replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase()))),
  trimspace: fixed(1, (a) => stringValue(str(a, 0).trim())),
  chomp: fixed(1, (a) => stringValue(str(a, 0).replace(/(\r\n|\n|\r)+$/, ''))),
  strrev: fixed(1, (a) => stringValue(chars(str(a, 0)).reverse().join(''))),
  trim: fixed(2, (a) => stringValue(trimChars(str(a, 0), str(a, 1), true, true))),
  trimprefix: fixed(2, (a) => {
    const [s, p] = [str(a, 0), str(a, 1)];
    return stringValue(p && s.startsWith(p) ? s.slice(p.length) : s);
  }),
  trimsuffix: fixed(2, (a) => {
    const [s, p] = [str(a, 0), str(a, 1)];
    return stringValue(p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
  }),
  startswith: fixed(2, (a) => boolValue(str(a, 0).startsWith(str(a, 1)))),
  endswith: fixed(2, (a) => boolValue(str(a, 0).endsWith(str(a, 1)))),
  strcontains: fixed(2, (a) => boolValue(str(a, 0).includes(str(a, 1)))),
  substr: fixed(3, (a) => stringValue(substr(str(a, 0), asInteger(arg(a, 1), 'offset'), asInteger(arg(a, 2), 'length')))),
  indent: fixed(2, (a) => {
    const pad = ' '.repeat(asInteger(arg(a, 0), 'spaces'));
    return stringValue(str(a, 1).replace(/\n/g, `\n${pad}`));
  }),
  join: { minArgs: 2, maxArgs: Infinity, call: (a) => {
    const sep = str(a, 0, 'separator');
    const items = a.slice(1).flatMap((list) => asTuple(list, 'list').items);
    return stringValue(items.map((item) => asString(item, 'list element')).join(sep));
  } },
  split: fixed(2, (a) => {
    const [sep, text] = [str(a, 0, 'separator'), str(a, 1)];
    return tupleValue((sep === '' ? chars(text) : text.split(sep)).map((s) => stringValue(s)));
  }),
  replace: { minArgs: 3, handlesUnknown: true, call: (a) => (a.some((v) => v.kind === 'unknown') ? replaceUnknown(a) : stringValue(replaceText(str(a, 0), str(a, 1), str(a, 2)))) },
  regex: fixed(2, (a) => {
    const match = compileRegex(str(a, 0, 'pattern')).exec(str(a, 1));
    if (!match) throw new EvalError('pattern did not match any part of the given string');
    return regexResult(match);
  }),
  regexall: fixed(2, (a) => {
    const re = compileRegex(str(a, 0, 'pattern'), 'g');
    return tupleValue([...str(a, 1).matchAll(re)].map((m) => regexResult(m)));
  }),
  format: variadic(1, (a) => stringValue(formatString(str(a, 0, 'format'), a.slice(1)))),
  formatlist: variadic(1, (a) => {
    const rest = a.slice(1);
    const lengths = rest.filter((v) => v.kind === 'tuple').map((v) => (v.kind === 'tuple' ? v.items.length : 0));
    const n = lengths[0] ?? 1;
    if (lengths.some((l) => l !== n)) throw new EvalError('all list arguments must have the same length');
    const rows: Value[] = [];
    for (let i = 0; i < n; i++) rows.push(stringValue(formatString(str(a, 0, 'format'), rest.map((v) => (v.kind === 'tuple' ? (v.items[i] as Value) : v)))));
    return tupleValue(rows);
  }),
  basename: fixed(1, (a) => stringValue(str(a, 0).replace(/\/+$/, '').split('/').pop() || '.')),
  dirname: fixed(1, (a) => {
    const path = str(a, 0);
    const at = path.lastIndexOf('/');
    return stringValue(at < 0 ? '.' : at === 0 ? '/' : path.slice(0, at));
  }),
};
