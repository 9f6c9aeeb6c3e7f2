// IP network functions for IPv4 and IPv6 prefixes, computed on BigInt addresses.

import { asInteger, asString } from '../convert';
import { EvalError } from '../eval-errors';
import type { Value } from '../model';
import { stringValue, tupleValue } from '../values';
import { arg, fixed, variadic, type FunctionTable } from './types';

interface Prefix {
  readonly address: bigint;
  readonly bits: number;
  readonly width: 32 | 128;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function parsePrefix(text: string): Prefix {
  const [ip, len, extra] = text.split('/');
  if (ip === undefined || len === undefined || extra !== undefined || !/^\d+$/.test(len)) throw new EvalError(`invalid CIDR address ${JSON.stringify(text)}`);
  const v4 = parseIPv4(ip);
  const address = v4 ?? parseIPv6(ip);
  const width = v4 !== undefined ? 32 : 128;
  const bits = Number(len);
  if (address === undefined || bits > width) throw new EvalError(`invalid CIDR address ${JSON.stringify(text)}`);
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - bits)) - 1n);
  return { address: address & mask, bits, width };
}

function formatAddress(address: bigint, width: 32 | 128): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  const groups = [...Array(8).keys()].map((i) => ((address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (length ≥ 2) as "::", as Go's net.IP does.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

function subnet(prefix: Prefix, newBits: number, netNum: number): Prefix {
  const bits = prefix.bits + newBits;
  if (newBits < 0 || bits > prefix.width) throw new EvalError(`insufficient address space to extend prefix of ${prefix.bits} by ${newBits}`);
  if (netNum < 0 || BigInt(netNum) >= 1n << BigInt(newBits)) throw new EvalError(`prefix extension of ${newBits} does not accommodate a subnet numbered ${netNum}`);
  return { address: prefix.address | (BigInt(netNum) << BigInt(prefix.width - bits)), bits, width: prefix.width };
}

const show = (p: Prefix): string => `${formatAddress(p.address, p.width)}/${p.bits}`;
const prefixArg = (args: readonly Value[]): Prefix => parsePrefix(asString(arg(args, 0), 'prefix'));

export const networkFunctions: FunctionTable = {
  cidrsubnet: fixed(3, (a) => stringValue(show(subnet(prefixArg(a), asInteger(arg(a, 1), 'newbits'), asInteger(arg(a, 2), 'netnum'))))),
  cidrhost: fixed(2, (a) => {
    const p = prefixArg(a);
    const host = BigInt(asInteger(arg(a, 1), 'hostnum'));
    const size = 1n << BigInt(p.width - p.bits);
    const offset = host < 0n ? size + host : host;
    if (offset < 0n || offset >= size) throw new EvalError(`prefix of ${p.bits} does not accommodate a host numbered ${host}`);
    return stringValue(formatAddress(p.address | offset, p.width));
  }),
  cidrnetmask: fixed(1, (a) => {
    const p = prefixArg(a);
    if (p.width !== 32) throw new EvalError('only IPv4 networks have a netmask');
    return stringValue(formatAddress(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - p.bits)) - 1n), 32));
  }),
  cidrsubnets: variadic(1, (a) => {
    const base = prefixArg(a);
    let next = base.address;
    const out: Value[] = [];
    for (const v of a.slice(1)) {
      const newBits = asInteger(v, 'newbits');
      const bits = base.bits + newBits;
      if (newBits < 1 || bits > base.width) throw new EvalError(`would extend prefix to ${bits} bits, which is too long for an IPv${base.width === 32 ? 4 : 6} address`);
      const step = 1n << BigInt(base.width - bits);
      const aligned = ((next + step - 1n) / step) * step;
      if (aligned + step > base.address + (1n << BigInt(base.width - base.bits))) throw new EvalError('not enough remaining address space for a subnet with a prefix of ' + bits + ' bits');
      out.push(stringValue(show({ address: aligned, bits, width: base.width })));
      next = aligned + step;
    }
    return tupleValue(out);
  }),
};
