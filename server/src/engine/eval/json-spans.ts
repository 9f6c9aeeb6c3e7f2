// Where each value of a JSON text is: JSON.parse gives values without positions, so to point a
// finding at `"Action": "*"` inside a heredoc we read the same text once more and keep, for each
// value, its start and end offsets. Only texts JSON.parse accepted come here.

/** A JSON value's [start, end) offsets in the text, with those of its elements or members. */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
  readonly items?: readonly JsonSpan[];
  /** Members by key; a repeated key keeps its last value, as JSON.parse does. */
  readonly members?: ReadonlyMap<string, JsonSpan>;
}

/** Nesting deeper than this is not located (the finding stays on the whole document). */
const MAX_DEPTH = 256;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(depth: number): JsonSpan | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.object(start, depth);
    if (c === '[') return this.array(start, depth);
    if (c === '"') return this.string() === undefined ? undefined : { start, end: this.pos };
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!literal) return undefined;
    this.pos += literal[0].length;
    return { start, end: this.pos };
  }

  /** Reads a string token and returns its decoded content. */
  string(): string | undefined {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    if (this.pos >= this.text.length) return undefined;
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return undefined;
    }
  }

  object(start: number, depth: number): JsonSpan | undefined {
    const members = new Map<string, JsonSpan>();
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') return { start, end: ++this.pos, members };
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') return undefined;
      const key = this.string();
      this.skipSpace();
      if (key === undefined || this.text[this.pos] !== ':') return undefined;
      this.pos++;
      const member = this.value(depth + 1);
      if (!member) return undefined;
      members.set(key, member);
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === '}') return { start, end: this.pos, members };
      if (next !== ',') return undefined;
    }
  }

  array(start: number, depth: number): JsonSpan | undefined {
    const items: JsonSpan[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') return { start, end: ++this.pos, items };
    for (;;) {
      const item = this.value(depth + 1);
      if (!item) return undefined;
      items.push(item);
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ']') return { start, end: this.pos, items };
      if (next !== ',') return undefined;
    }
  }
}

/** The spans of the JSON value `text` holds; undefined when it is not JSON (or too deep). */
export function jsonSpans(text: string): JsonSpan | undefined {
  const reader = new Reader(text);
  const root = reader.value(0);
  reader.skipSpace();
  return root && reader.pos === text.length ? root : undefined;
}

/**
 * The span at `path` (member keys and element indexes). Index 0 of a value that is not an array
 * is the value itself, as a policy document's `"Action": "*"` is the one-element `["*"]`.
 */
export function spanAt(root: JsonSpan, path: readonly (string | number)[]): JsonSpan | undefined {
  let current: JsonSpan | undefined = root;
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = current.items ? current.items[step] : step === 0 ? current : undefined;
    else current = current.members?.get(step);
  }
  return current;
}
