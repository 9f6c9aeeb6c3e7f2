// A position-keeping JSON reader: a tree of values with their offsets, and errors instead of
// exceptions. Strings keep their raw offsets so that Terraform's `${…}` templates inside them can
// be parsed in place (see json-syntax.ts).
import type { Scanner } from './scanner';

export type JsonNode =
  | { kind: 'object'; props: JsonProperty[]; start: number; end: number; closed: boolean }
  | { kind: 'array'; items: JsonNode[]; start: number; end: number; closed: boolean }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; raw: string; start: number; end: number }
  | { kind: 'literal'; value: boolean | null; raw: string; start: number; end: number };

export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

const MAX_JSON_DEPTH = 256;

/** Reads one JSON value; on a syntax error, reports it and returns what was read so far. */
export class JsonReader {
  private pos = 0;
  private depth = 0;
  failed = false;

  constructor(private readonly s: Scanner) {
    this.pos = s.pos;
  }

  readDocument(): JsonNode | undefined {
    const value = this.readValue();
    this.skipWhitespace();
    if (!this.failed && this.pos < this.s.len) this.fail('Invalid JSON: unexpected content after the top-level value');
    return value;
  }

  private fail(message: string, start = this.pos, end = Math.min(this.pos + 1, this.s.len)): undefined {
    if (!this.failed) this.s.error(message, start, end);
    this.failed = true;
    return undefined;
  }

  private skipWhitespace(): void {
    const text = this.s.text;
    for (let c = text.charCodeAt(this.pos); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++this.pos));
  }

  private readValue(): JsonNode | undefined {
    this.skipWhitespace();
    if (this.pos >= this.s.len) return this.fail('Invalid JSON: unexpected end of file, expected a value');
    const c = this.s.text.charCodeAt(this.pos);
    if (c === 123 || c === 91) {
      if (this.depth >= MAX_JSON_DEPTH) return this.fail(`Nesting too deep: more than ${MAX_JSON_DEPTH} levels of JSON objects and arrays`);
      this.depth++;
      const node = c === 123 ? this.readObject() : this.readArray();
      this.depth--;
      return node;
    }
    if (c === 34) return this.readString();
    if (c === 45 || (c >= 48 && c <= 57)) return this.readNumber();
    for (const [raw, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.text.startsWith(raw, this.pos)) {
        const start = this.pos;
        this.pos += raw.length;
        return { kind: 'literal', value, raw, start, end: this.pos };
      }
    }
    return this.fail(`Invalid JSON: expected a value, found ${JSON.stringify(this.s.text.slice(this.pos, this.pos + 1))}`);
  }

  private readObject(): JsonNode {
    const start = this.pos++;
    const props: JsonProperty[] = [];
    const node: JsonNode & { kind: 'object' } = { kind: 'object', props, start, end: start, closed: false };
    this.skipWhitespace();
    if (this.s.text.charCodeAt(this.pos) === 125) { node.end = ++this.pos; node.closed = true; return node; }
    for (;;) {
      this.skipWhitespace();
      if (this.s.text.charCodeAt(this.pos) !== 34) { this.fail('Invalid JSON: expected a property name in double quotes'); break; }
      const key = this.readString();
      if (key === undefined) break;
      this.skipWhitespace();
      if (this.s.text.charCodeAt(this.pos) !== 58) { this.fail('Invalid JSON: expected ":" after the property name'); break; }
      this.pos++;
      const value = this.readValue();
      if (value === undefined) break;
      props.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
      this.skipWhitespace();
      const c = this.s.text.charCodeAt(this.pos);
      if (c === 44) { this.pos++; continue; }
      if (c === 125) { this.pos++; node.closed = true; break; }
      this.fail('Invalid JSON: expected "," or "}" after an object property');
      break;
    }
    node.end = this.pos;
    return node;
  }

  private readArray(): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    const node: JsonNode & { kind: 'array' } = { kind: 'array', items, start, end: start, closed: false };
    this.skipWhitespace();
    if (this.s.text.charCodeAt(this.pos) === 93) { node.end = ++this.pos; node.closed = true; return node; }
    for (;;) {
      const value = this.readValue();
      if (value === undefined) break;
      items.push(value);
      this.skipWhitespace();
      const c = this.s.text.charCodeAt(this.pos);
      if (c === 44) { this.pos++; continue; }
      if (c === 93) { this.pos++; node.closed = true; break; }
      this.fail('Invalid JSON: expected "," or "]" after an array element');
      break;
    }
    node.end = this.pos;
    return node;
  }

  private readString(): (JsonNode & { kind: 'string' }) | undefined {
    const start = this.pos;
    const text = this.s.text;
    let i = start + 1;
    let hasEscape = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= this.s.len || c === 10 || c === 13) return this.fail('Invalid JSON: unterminated string', start, i);
      if (c === 34) break;
      if (c === 92) { hasEscape = true; i += 2; continue; }
      if (c < 32) return this.fail('Invalid JSON: control character in string', i, i + 1);
      i++;
    }
    this.pos = i + 1;
    const raw = text.slice(start, this.pos);
    if (!hasEscape) return { kind: 'string', value: raw.slice(1, -1), start, end: this.pos };
    try {
      return { kind: 'string', value: JSON.parse(raw) as string, start, end: this.pos };
    } catch {
      return this.fail('Invalid JSON: invalid escape sequence in string', start, this.pos);
    }
  }

  private readNumber(): JsonNode | undefined {
    const start = this.pos;
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = start;
    const m = match.exec(this.s.text);
    if (m === null) return this.fail('Invalid JSON: invalid number');
    this.pos = start + m[0].length;
    return { kind: 'number', value: Number(m[0]), raw: m[0], start, end: this.pos };
  }
}
