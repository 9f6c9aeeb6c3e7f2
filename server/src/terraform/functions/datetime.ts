// Date and time functions on RFC 3339 timestamps: formatdate, timeadd, timecmp. (timestamp() and
// plantimestamp() are impure and stay Unknown.) A timestamp keeps its UTC offset, as in Go.

import { asString } from '../convert';
import { EvalError } from '../eval-errors';
import { numberValue, stringValue } from '../values';
import { arg, fixed, type FunctionTable } from './types';

interface Timestamp {
  /** Milliseconds since the epoch (UTC). */
  readonly epoch: number;
  /** The written offset from UTC in minutes (0 for Z). */
  readonly offset: number;
  readonly fraction: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseTimestamp(text: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) throw new EvalError(`${JSON.stringify(text)} is not a valid RFC 3339 timestamp`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const zone = m[8] ?? 'Z';
  const offset = /^[zZ]$/.test(zone) ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new EvalError(`${JSON.stringify(text)} is not a valid date and time`);
  }
  const fraction = m[7] ?? '';
  return { epoch: local - offset * 60000 + Math.floor(Number(`0${fraction || '.0'}`) * 1000), offset, fraction };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function offsetText(offset: number, colon: boolean): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

function formatToken(token: string, t: Timestamp): string {
  const d = new Date(t.epoch + t.offset * 60000);
  const hour = d.getUTCHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const table: Record<string, () => string> = {
    YYYY: () => pad(d.getUTCFullYear(), 4), YY: () => pad(d.getUTCFullYear() % 100),
    MMMM: () => MONTHS[d.getUTCMonth()] ?? '', MMM: () => (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3),
    MM: () => pad(d.getUTCMonth() + 1), M: () => String(d.getUTCMonth() + 1),
    DD: () => pad(d.getUTCDate()), D: () => String(d.getUTCDate()),
    EEEE: () => DAYS[d.getUTCDay()] ?? '', EEE: () => (DAYS[d.getUTCDay()] ?? '').slice(0, 3),
    hh: () => pad(hour), h: () => String(hour), HH: () => pad(hour12), H: () => String(hour12),
    AA: () => (hour < 12 ? 'AM' : 'PM'), aa: () => (hour < 12 ? 'am' : 'pm'),
    mm: () => pad(d.getUTCMinutes()), m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds()), s: () => String(d.getUTCSeconds()),
    ZZZZZ: () => offsetText(t.offset, true), ZZZZ: () => offsetText(t.offset, false),
    ZZZ: () => (t.offset === 0 ? 'UTC' : offsetText(t.offset, false)), Z: () => (t.offset === 0 ? 'Z' : offsetText(t.offset, true)),
  };
  const format = table[token];
  if (!format) throw new EvalError(`invalid date format verb ${JSON.stringify(token)}`);
  return format();
}

function formatDate(spec: string, t: Timestamp): string {
  let out = '';
  for (let i = 0; i < spec.length; ) {
    const c = spec.charAt(i);
    if (c === "'") {
      const end = spec.indexOf("'", i + 1);
      if (end < 0) throw new EvalError('unterminated literal in the date format');
      out += end === i + 1 ? "'" : spec.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (spec.charAt(j) === c) j++;
      out += formatToken(spec.slice(i, j), t);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's time.ParseDuration: "1h30m", "-1.5h", "300ms". */
function parseDuration(text: string): number {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m && text !== '0') throw new EvalError(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * (UNITS[part[2] ?? 's'] ?? 0);
  return m?.[1] === '-' ? -total : total;
}

function rfc3339(t: Timestamp): string {
  const base = formatDate("YYYY-MM-DD'T'hh:mm:ss", t);
  const ms = ((t.epoch % 1000) + 1000) % 1000;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${base}${fraction}${t.offset === 0 ? 'Z' : offsetText(t.offset, true)}`;
}

export const datetimeFunctions: FunctionTable = {
  formatdate: fixed(2, (a) => stringValue(formatDate(asString(arg(a, 0), 'format'), parseTimestamp(asString(arg(a, 1), 'timestamp'))))),
  timeadd: fixed(2, (a) => {
    const t = parseTimestamp(asString(arg(a, 0), 'timestamp'));
    return stringValue(rfc3339({ ...t, epoch: t.epoch + parseDuration(asString(arg(a, 1), 'duration')) }));
  }),
  timecmp: fixed(2, (a) => {
    const [x, y] = [parseTimestamp(asString(arg(a, 0), 'timestamp')), parseTimestamp(asString(arg(a, 1), 'timestamp'))];
    return numberValue(Math.sign(x.epoch - y.epoch));
  }),
};
