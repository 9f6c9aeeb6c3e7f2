// What a `set` fix may rewrite. A value is replaced only where it is written as a constant (`7`,
// `"aws:kms"`, `["a"]`, a string without interpolation): an expression (`var.days`, `local.x`,
// `merge(…)`, `var.env == "prod"`) gets its value elsewhere, and rewriting it would change more
// than the finding — the finding's related "value set here" shows the place to change. In a
// conditional `c ? 14 : 0` only the branch the value came from (its origin) is replaced.
// A map attribute written as an object constructor (`tags = { Team = "x" }`) gets a key
// replaced or added inside the braces; never a second `tags`.

import type { Expression, ObjectExpr, Range } from '../hcl/ast';
import { staticKey } from '../terraform/json-blocks';
import type { Value } from '../terraform/model';
import { type Braced, edit, insertLines, type Style } from './fix-layout';
import type { Path } from './policy';
import type { TextEdit } from './types';

/**
 * One step of a `set` path: `name` is a nested block, or an attribute when the resource has one by
 * that name (a missing one becomes a block); `attribute` is an argument holding a map or object,
 * declared by index syntax (`tags["Owner"]`); `key` is a key inside such a value.
 */
export interface SetStep {
  readonly name: string;
  readonly kind: 'name' | 'attribute' | 'key';
}

/**
 * The steps of a `set` path: dotted names, and `name["key"]` (Terraform's index syntax) for a key
 * of a map attribute; after an index every step is a key. Undefined when an index is malformed.
 */
export function setSteps(path: Path): SetStep[] | undefined {
  // The loader split the text at dots, including dots inside quoted keys: read the text again.
  const text = path.join('.');
  if (!text.includes('[')) return path.map((name) => ({ name, kind: 'name' }));
  const steps: SetStep[] = [];
  let inValue = false;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const index = /\[\s*("(?:[^"\\]|\\.)*")\s*\]/y;
      index.lastIndex = i;
      const m = index.exec(text);
      const previous = steps.pop();
      if (!m || !previous) return undefined;
      steps.push(inValue ? previous : { name: previous.name, kind: 'attribute' }, { name: JSON.parse(m[1]!) as string, kind: 'key' });
      inValue = true;
      i = index.lastIndex;
      continue;
    }
    if (steps.length > 0) {
      if (text[i] !== '.') return undefined;
      i++;
    }
    const name = /[^.[]+/y;
    name.lastIndex = i;
    const m = name.exec(text);
    if (!m) return undefined;
    steps.push({ name: m[0], kind: inValue ? 'key' : 'name' });
    i = name.lastIndex;
  }
  return steps;
}

/** Whether `expr` is written as a constant: a literal, a string without interpolation, or a list or object of those. */
function isConstant(expr: Expression): boolean {
  switch (expr.kind) {
    case 'Literal': return true;
    case 'Template': return expr.parts.every((p) => p.kind === 'TemplateLiteral');
    case 'Tuple': return expr.elements.every(isConstant);
    case 'Object': return expr.items.every((item) => staticKey(item.key) !== undefined && isConstant(item.value));
    case 'Parentheses': return isConstant(expr.expr);
    case 'Unary': return expr.operator === '-' && expr.operand.kind === 'Literal';
    default: return false;
  }
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

function sourceText(style: Style, range: Range): string {
  return style.text.slice(range.start.offset, range.end.offset);
}

/**
 * The ranges a new value replaces for `expr` (written in `file`) whose value is `value`: the whole
 * expression when it is a constant; in a conditional, the branch the value came from; undefined
 * when the value is computed or comes from elsewhere.
 */
export function replaceableRanges(expr: Expression, value: Value | undefined, file: string, style: Style): Range[] | undefined {
  if (isConstant(expr)) return [expr.range];
  if (expr.kind === 'Parentheses') return replaceableRanges(expr.expr, value, file, style);
  if (expr.kind !== 'Conditional') return undefined;
  const origin = value?.origin;
  if (!origin || origin.file !== file) return undefined;
  const [taken, other] = within(origin.range, expr.trueExpr.range) ? [expr.trueExpr, expr.falseExpr]
    : within(origin.range, expr.falseExpr.range) ? [expr.falseExpr, expr.trueExpr] : [];
  if (!taken || !other) return undefined;
  const ranges = replaceableRanges(taken, value, file, style);
  // `c ? "a" : "a"` is "a" even when c is unknown, and the origin then names the first branch only.
  if (ranges && isConstant(other) && sourceText(style, other.range) === sourceText(style, taken.range)) ranges.push(other.range);
  return ranges;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/** An object key as HCL: bare when it is an identifier (and the object's keys are not quoted). */
export function keyText(key: string, quoted: boolean): string {
  if (!quoted && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !KEYWORDS.has(key)) return key;
  return JSON.stringify(key).replace(/([$%])\{/g, '$1$1{');
}

/** `{ a = { b = value } }` for keys `[a, b]`: what a missing key gets. */
function nestedValue(keys: readonly string[], value: string, quoted: boolean): string {
  if (keys.length === 0) return value;
  return `{ ${keyText(keys[0]!, quoted)} = ${nestedValue(keys.slice(1), value, quoted)} }`;
}

/**
 * Edits setting `keys` to `value` inside the map written as `expr` (whose value is `mapValue`):
 * a key's constant value is replaced, a missing key is added. Undefined when the map is not an
 * object constructor (`merge(…)`, `var.tags`) or the key's value is not a constant.
 */
export function objectEdits(file: string, style: Style, expr: Expression, mapValue: Value | undefined, keys: readonly string[], value: string): TextEdit[] | undefined {
  if (expr.kind !== 'Object' || style.json) return undefined;
  const names = expr.items.map((item) => staticKey(item.key));
  // A computed key `(var.k) = …` might be this key.
  if (names.some((n) => n === undefined)) return undefined;
  const [key, ...rest] = keys;
  if (key === undefined) return undefined;
  const index = names.lastIndexOf(key);
  const item = expr.items[index];
  if (item) {
    const entry = mapValue?.kind === 'object' ? mapValue.entries.get(key) : undefined;
    if (rest.length > 0) return objectEdits(file, style, item.value, entry, rest, value);
    return replaceableRanges(item.value, entry, file, style)?.map((r) => edit(file, r.start, r.end, value));
  }
  const quoted = expr.items.some((i) => i.key.kind === 'Template');
  // The object's own separator: `Owner = "x"`, or `"Owner": "x"` as in JSON.
  const separator = expr.items[0]?.separator === ':' ? ':' : ' =';
  return insertMember(file, style, expr, `${keyText(key, quoted)}${separator} ${nestedValue(rest, value, quoted)}`);
}

/** Edits adding `member` (`Owner = "platform"`) as the last item of an object constructor. */
function insertMember(file: string, style: Style, expr: ObjectExpr, member: string): TextEdit[] | undefined {
  const { text } = style;
  const { start, end } = expr.range;
  // An object cut short by a syntax error has no closing brace to insert before.
  if (text[end.offset - 1] !== '}' || text[start.offset] !== '{') return undefined;
  const open: Range = { start, end: { ...start, character: start.character + 1, offset: start.offset + 1 } };
  const closeStart = { line: end.line, character: end.character - 1, offset: end.offset - 1 };
  const close: Range = { start: closeStart, end };
  const last = expr.items[expr.items.length - 1];
  if (open.start.line !== close.start.line) {
    const braced: Braced = { open, close, header: start, ...(expr.items[0] ? { first: expr.items[0].range } : {}) };
    // Items written with trailing commas get one on the new item too.
    const comma = last !== undefined && /^[ \t]*,/.test(text.slice(last.range.end.offset)) ? ',' : '';
    return insertLines(file, style, braced, member + comma);
  }
  // One line: items are separated by commas.
  if (!last) return [edit(file, open.end, close.start, ` ${member} `)];
  const comma = /^[ \t]*,/.exec(text.slice(last.range.end.offset));
  const at = comma ? last.range.end.offset + comma[0].length : last.range.end.offset;
  const pos = { line: last.range.end.line, character: last.range.end.character + at - last.range.end.offset, offset: at };
  return [edit(file, pos, pos, comma ? ` ${member}` : `, ${member}`)];
}
