// Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) mapped into the same tree as native syntax.
// Top-level properties are block types with Terraform's label counts; properties in block bodies
// are attributes (whether an object-valued one is really a nested block is for the terraform layer
// to decide); strings are templates whose `${…}` interpolations keep ranges in the JSON text.
import type { Attribute, Block, Body, Expression, File, Label, ObjectItem, Range, TemplateExpr } from './ast';
import { type JsonNode, type JsonProperty, JsonReader } from './json-reader';
import { Parser } from './parser-core';
import { parseDecodedTemplate, parseQuotedTemplate } from './parser-template';
import { Tok } from './scanner';

/** Labels per top-level block type; types not listed are read as attributes. */
const topLevelLabels: Record<string, number> = {
  resource: 2, data: 2, variable: 1, output: 1, module: 1, provider: 1, check: 1,
  locals: 0, terraform: 0, moved: 0, import: 0, removed: 0,
};

/** Blocks nested in a `terraform` block (Terraform decodes these as blocks, not attributes). */
const terraformBlockLabels: Record<string, number> = { required_providers: 0, backend: 1, cloud: 0 };

/** `config` for `.tf.json`; `values` for `.tfvars.json` (every top-level property is a value). */
export type JsonMode = 'config' | 'values';

export function parseJsonSyntax(text: string, mode: JsonMode = 'config'): File {
  const p = new Parser(text);
  p.jsonEscapes = true;
  const root = new JsonReader(p).readDocument();
  const items: (Attribute | Block)[] = [];
  if (root !== undefined && root.kind !== 'object') {
    p.error('Invalid Terraform JSON: the root must be a JSON object', root.start, root.end);
  } else if (root !== undefined) {
    for (const prop of root.props) {
      if (isComment(p, prop)) continue;
      const labels = mode === 'config' ? topLevelLabels[prop.key] : undefined;
      if (labels === undefined) items.push(attribute(p, prop));
      else blocks(p, prop, labels, [], items);
    }
  }
  const range = p.range(0, text.length);
  const body: Body = { kind: 'Body', items, range };
  return { kind: 'File', syntax: 'json', body, comments: p.comments, errors: p.errors, range, text };
}

/** `"//"` properties are Terraform JSON comments: kept in File.comments, not in the tree. */
function isComment(p: Parser, prop: JsonProperty): boolean {
  if (prop.key !== '//') return false;
  const text = prop.value.kind === 'string' ? prop.value.value : p.text.slice(prop.value.start, prop.value.end);
  p.comments.push({ kind: 'Comment', style: '//', text, range: p.range(prop.keyStart, prop.value.end) });
  return true;
}

/** Expand `"type": { "label1": { "label2": {body} | [{body}, …] } }` into blocks. */
function blocks(p: Parser, typeProp: JsonProperty, labelCount: number, labels: Label[], out: (Attribute | Block)[], node: JsonNode = typeProp.value): void {
  if (node.kind === 'array') {
    for (const element of node.items) blocks(p, typeProp, labelCount, labels, out, element);
    return;
  }
  if (node.kind !== 'object') {
    p.error(`Invalid Terraform JSON: a ${typeProp.key} block must be a JSON object${labels.length < labelCount ? ' whose properties are its labels' : ''}`, node.start, node.end);
    return;
  }
  if (labels.length < labelCount) {
    for (const prop of node.props) {
      if (isComment(p, prop)) continue;
      const label: Label = { value: prop.key, quoted: true, range: p.range(prop.keyStart, prop.keyEnd) };
      blocks(p, typeProp, labelCount, [...labels, label], out, prop.value);
    }
    return;
  }
  out.push({
    kind: 'Block', type: typeProp.key, typeRange: p.range(typeProp.keyStart, typeProp.keyEnd), labels,
    body: blockBody(p, node, typeProp.key === 'terraform'),
    openBrace: p.range(node.start, node.start + 1), ...(node.closed ? { closeBrace: p.range(node.end - 1, node.end) } : {}),
    range: p.range(typeProp.keyStart, node.end),
  });
}

function blockBody(p: Parser, node: JsonNode & { kind: 'object' }, isTerraformBlock: boolean): Body {
  const items: (Attribute | Block)[] = [];
  for (const prop of node.props) {
    if (isComment(p, prop)) continue;
    const nestedLabels = isTerraformBlock ? terraformBlockLabels[prop.key] : undefined;
    if (nestedLabels === undefined) items.push(attribute(p, prop));
    else blocks(p, prop, nestedLabels, [], items);
  }
  const end = node.closed ? node.end - 1 : node.end;
  return { kind: 'Body', items, range: p.range(node.start + 1, Math.max(node.start + 1, end)) };
}

function attribute(p: Parser, prop: JsonProperty): Attribute {
  return {
    kind: 'Attribute', name: prop.key, nameRange: p.range(prop.keyStart, prop.keyEnd),
    expr: expression(p, prop.value), range: p.range(prop.keyStart, prop.value.end),
  };
}

function expression(p: Parser, node: JsonNode): Expression {
  const range = p.range(node.start, node.end);
  switch (node.kind) {
    case 'string': return template(p, node);
    case 'number': return { kind: 'Literal', value: node.value, raw: node.raw, range };
    case 'literal': return { kind: 'Literal', value: node.value, raw: node.raw, range };
    case 'array': return { kind: 'Tuple', elements: node.items.map((item) => expression(p, item)), range };
    case 'object': {
      const items: ObjectItem[] = node.props.map((prop) => ({
        // Property names in expressions are templates too (`"${local.prefix}-name": …`).
        key: template(p, { kind: 'string', value: prop.key, start: prop.keyStart, end: prop.keyEnd }),
        value: expression(p, prop.value), separator: ':', range: p.range(prop.keyStart, prop.value.end),
      }));
      return { kind: 'Object', items, range };
    }
  }
}

/** A JSON string is an HCL template; it is parsed in place so ranges point into the JSON text. */
function template(p: Parser, node: JsonNode & { kind: 'string' }): TemplateExpr {
  const raw = p.text.slice(node.start, node.end);
  const range = p.range(node.start, node.end);
  if (!raw.includes('${') && !raw.includes('%{')) return literalTemplate(node.value, range, p.range(node.start + 1, node.end - 1));
  const errorsBefore = p.errors.length;
  p.tok = Tok.OQuote;
  p.start = node.start;
  p.end = node.start + 1;
  const parsed = parseQuotedTemplate(p);
  if (p.errors.length === errorsBefore && parsed.range.end.offset === node.end) return parsed;
  // Escaped quotes inside an interpolation (`"${f(\"k\")}"`) are only valid once JSON-decoded,
  // and a broken interpolation must not read past the string's end: parse the decoded string on
  // its own, then map its offsets back into the JSON text.
  p.errors.length = errorsBefore;
  const decoded = new Parser(node.value);
  const parts = parseDecodedTemplate(decoded);
  const toRaw = rawOffsets(p.text, node.start + 1, node.end - 1, node.value.length);
  const remap = (r: Range): Range => p.range(toRaw[r.start.offset] ?? node.start, toRaw[r.end.offset] ?? node.end);
  for (const error of decoded.errors) p.error(error.message, remap(error.range).start.offset, remap(error.range).end.offset);
  return { kind: 'Template', parts: remapRanges(parts, remap), range };
}

/**
 * For each UTF-16 unit of a JSON string's decoded value (and one past its end), the offset in
 * the JSON text where it was written: escapes like `\"` or `\u00e9` map to their backslash.
 */
function rawOffsets(text: string, from: number, to: number, decodedLength: number): number[] {
  const map: number[] = [];
  for (let i = from; i < to;) {
    map.push(i);
    i += text.charCodeAt(i) !== 92 ? 1 : text.charCodeAt(i + 1) === 117 ? 6 : 2;
  }
  map.push(to);
  // A mismatch would mean a reader bug; fall back to the whole string rather than wrong offsets.
  return map.length === decodedLength + 1 ? map : [];
}

const rangeKeys = new Set(['range', 'nameRange']);

function remapRanges<T>(node: T, remap: (r: Range) => Range): T {
  return JSON.parse(JSON.stringify(node), (key, value: unknown) => (rangeKeys.has(key) ? remap(value as Range) : value)) as T;
}

function literalTemplate(value: string, range: Range, inner: Range): TemplateExpr {
  return { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value, range: inner }], range };
}
