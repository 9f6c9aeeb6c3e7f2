// Encoding and hashing functions. jsonencode/jsondecode matter most: IAM policies are usually
// written as jsonencode({...}) and policies inspect the decoded document.

import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { asString, requireWhollyKnown } from '../convert';
import { EvalError } from '../eval-errors';
import type { Value } from '../model';
import { deepUnknown, fromJs, objectValue, stringValue, toJs, tupleValue, unknownValue, withPartial } from '../values';
import { arg, fixed, type FunctionTable } from './types';

const str = (args: readonly Value[], i: number): string => asString(arg(args, i), 'argument');

/** JSON as Terraform writes it: no whitespace, object keys sorted, `<>&` escaped like Go. */
export function encodeJson(value: Value): string {
  requireWhollyKnown(value);
  return stringifySorted(toJs(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * jsonencode: a value with Unknown parts (or an Unknown value) encodes to an Unknown string, as in
 * Terraform, that still remembers the value it encodes: a policy document whose `Resource` is only
 * known after apply keeps its known `Effect`, `Principal` and `Action`, and a template that
 * interpolates it knows the interpolation is one JSON value.
 */
function encodeJsonKeepingStructure(value: Value): Value {
  const unknown = deepUnknown(value);
  if (!unknown) return stringValue(encodeJson(value));
  return withPartial(unknownValue(unknown.reason, unknown.references), { kind: 'json', value });
}

function stringifySorted(data: unknown): string {
  if (Array.isArray(data)) return `[${data.map(stringifySorted).join(',')}]`;
  if (data && typeof data === 'object') {
    const keys = Object.keys(data).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringifySorted((data as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(data);
}

function decodeJson(text: string): Value {
  try {
    return fromJs(JSON.parse(text));
  } catch (error) {
    throw new EvalError(`invalid JSON: ${(error as Error).message}`);
  }
}

function hash(algorithm: string, encoding: 'hex' | 'base64') {
  return fixed(1, (a) => stringValue(createHash(algorithm).update(str(a, 0)).digest(encoding)));
}

function decodeBase64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError('the string is not valid base64');
  const bytes = Buffer.from(text, 'base64');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (decoded.includes('\uFFFD')) throw new EvalError('the decoded bytes are not valid UTF-8');
  return decoded;
}

/** RFC 4122 version 5 UUID (SHA-1 of namespace + name), with Terraform's namespace shortcuts. */
function uuidV5(namespace: string, name: string): string {
  const known: Record<string, string> = {
    dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
    oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8', x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
  };
  const ns = known[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns)) throw new EvalError(`invalid namespace ${JSON.stringify(namespace)}`);
  const bytes = createHash('sha1').update(Buffer.concat([Buffer.from(ns.replace(/-/g, ''), 'hex'), Buffer.from(name, 'utf8')])).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Splits RFC 4180 CSV text into rows of fields (quoted fields may hold commas, quotes and newlines). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c !== '"') field += c;
      else if (text.charAt(i + 1) === '"') field += text.charAt(++i);
      else quoted = false;
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (quoted) throw new EvalError('unterminated quoted field in CSV');
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** csvdecode: the first row names the columns; every other row becomes an object of strings. */
function decodeCsv(text: string): Value {
  const [header, ...body] = csvRows(text);
  if (!header) throw new EvalError('missing header line in CSV');
  return tupleValue(body.map((cells, n) => {
    if (cells.length !== header.length) throw new EvalError(`CSV line ${n + 2} has ${cells.length} fields, the header has ${header.length}`);
    return objectValue(new Map(header.map((h, i) => [h, stringValue(cells[i] ?? '')])));
  }));
}

export const encodingFunctions: FunctionTable = {
  csvdecode: fixed(1, (a) => decodeCsv(str(a, 0))),
  jsonencode: { minArgs: 1, handlesUnknown: true, call: (a) => encodeJsonKeepingStructure(arg(a, 0)) },
  jsondecode: fixed(1, (a) => decodeJson(str(a, 0))),
  yamlencode: fixed(1, (a) => {
    requireWhollyKnown(arg(a, 0));
    return stringValue(YAML.stringify(toJs(arg(a, 0))));
  }),
  yamldecode: fixed(1, (a) => {
    try {
      return fromJs(YAML.parse(str(a, 0)) as unknown);
    } catch (error) {
      throw new EvalError(`invalid YAML: ${(error as Error).message}`);
    }
  }),
  base64encode: fixed(1, (a) => stringValue(Buffer.from(str(a, 0), 'utf8').toString('base64'))),
  base64decode: fixed(1, (a) => stringValue(decodeBase64(str(a, 0)))),
  urlencode: fixed(1, (a) => stringValue(encodeURIComponent(str(a, 0)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))),
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
  uuidv5: fixed(2, (a) => stringValue(uuidV5(str(a, 0), str(a, 1)))),
};
