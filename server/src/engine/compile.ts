// Turns the schema-valid YAML data of a policy into compiled conditions. The schema checks the
// shape of each key; this checks what a schema says badly: that a condition has exactly one
// operator, that the keys fit together, and that regular expressions compile.

import type { AttributeCondition, Condition, IamStatementPattern, NumericOp, Path, PlainValue, Quantifier, ReadPath, Test } from './policy';
import type { YamlPath } from './yaml-positions';

export interface CompileProblem {
  readonly message: string;
  readonly path: YamlPath;
  /** When set, the problem is about this key of the map at `path`. */
  readonly key?: string;
}

type Raw = Record<string, unknown>;

const NUMERIC_OPS: readonly NumericOp[] = ['greater_than', 'greater_or_equal', 'less_than', 'less_or_equal'];
export const ATTRIBUTE_OPERATORS = [
  'exists', 'absent', 'non_empty', 'equals', 'not_equals', 'in', 'not_in', 'contains', 'not_contains', 'matches', 'not_matches', 'keys_match', 'has_entry',
  ...NUMERIC_OPS, 'is_true', 'is_false', 'length', 'open_to_world', 'includes_port', 'has_iam_statement',
] as const;
const SHAPES = ['attribute', 'port_range', 'blocks', 'related', 'all', 'any', 'not'] as const;

export function splitPath(text: string): Path {
  return text.split('.');
}

/**
 * A path a condition reads: `a.b`; `jsondecode(a.b).c` — the JSON string at `a.b` decoded, then
 * `c` inside it; or `base64decode(a.b)` — the text the base64 string at `a.b` encodes (the schema
 * admits only these forms: a decoded text has nothing inside to continue to).
 */
export function readPath(text: string): ReadPath {
  const decoded = /^(jsondecode|base64decode)\(([^()]+)\)(?:\.(.+))?$/.exec(text);
  if (!decoded) return splitPath(text);
  const inner = splitPath(decoded[2]!);
  const last = inner[inner.length - 1]!;
  const decode = decoded[1] === 'jsondecode' ? 'json' : 'base64';
  return [...inner.slice(0, -1), { name: last, decode }, ...(decoded[3] ? splitPath(decoded[3]) : [])];
}

/** Compiles a regex written in a policy; `(?i)` at the start means case-insensitive. */
export function compileRegex(source: string): RegExp | string {
  const insensitive = source.startsWith('(?i)');
  try {
    return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'iu' : 'u');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The keys under which a condition holds further conditions (`related` holds them one level down). */
const NESTING = new Set(['all', 'any', 'none', 'not']);

/**
 * Whether a schema error at `error` is an error of the condition at `at` itself (its keys, its
 * operands) rather than of a condition nested inside it, which is judged on its own.
 */
function errorOfCondition(error: YamlPath, at: YamlPath): boolean {
  if (error.length < at.length || at.some((step, i) => error[i] !== step)) return false;
  const rest = error.slice(at.length);
  if (NESTING.has(String(rest[0])) && rest.length >= 2) return false;
  return !(rest[0] === 'related' && NESTING.has(String(rest[1])) && rest.length >= 3);
}

/** A `rejected` predicate for ConditionCompiler from the paths of the schema's errors. */
export function rejectedBySchema(errors: readonly YamlPath[]): (at: YamlPath) => boolean {
  return (at) => errors.some((e) => errorOfCondition(e, at));
}

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ConditionCompiler {
  readonly problems: CompileProblem[] = [];

  /**
   * `rejected(path)`: whether the schema found an error at or under `path`. Such a condition is
   * not compiled (the schema's errors say what is wrong with it), but the conditions inside it are,
   * so a bad regular expression shows together with an unknown operator next to it.
   */
  constructor(private readonly rejected: (path: YamlPath) => boolean = () => false) {}

  condition(raw: Raw, at: YamlPath): Condition | undefined {
    if (!isRaw(raw) || this.rejected(at)) return this.inside(raw, at);
    const shapes = SHAPES.filter((s) => s in raw);
    const message = typeof raw.message === 'string' ? raw.message : undefined;
    const withMessage = <T extends object>(c: T): T => (message ? { ...c, message } : c);
    const primary = shapes.find((s) => s === 'attribute' || s === 'port_range' || s === 'blocks' || s === 'related');
    if (primary === 'attribute') return this.attribute(raw, at, message);
    if (primary === 'port_range') return this.portRange(raw, at, withMessage);
    if (primary === 'blocks') return this.blocks(raw, at, withMessage);
    if (primary === 'related') return this.related(raw, at, withMessage);
    const strayOperator = ATTRIBUTE_OPERATORS.find((op) => op in raw);
    if (strayOperator) return this.fail(`operator "${strayOperator}" needs an "attribute" to test`, at, strayOperator);
    if (shapes.length !== 1) {
      return shapes.length === 0
        ? this.fail(`a condition needs one of: ${SHAPES.join(', ')}`, at)
        : this.fail(`a condition may have only one of ${shapes.map((s) => `"${s}"`).join(', ')}`, at, shapes[1]);
    }
    const disallowed = ['none', 'default'].find((k) => k in raw);
    if (disallowed) return this.fail(`"${disallowed}" is not allowed here`, at, disallowed);
    if (shapes[0] === 'not') {
      const item = this.condition(raw.not as Raw, [...at, 'not']);
      return item && withMessage({ kind: 'not' as const, item });
    }
    const kind = shapes[0] as 'all' | 'any';
    if (!Array.isArray(raw[kind])) return this.fail(`"${kind}" takes a list of conditions here`, [...at, kind]);
    const items = (raw[kind] as Raw[]).map((c, i) => this.condition(c, [...at, kind, i]));
    if (items.some((c) => c === undefined)) return undefined;
    return withMessage({ kind, items: items as Condition[] });
  }

  private attribute(raw: Raw, at: YamlPath, message: string | undefined): AttributeCondition | undefined {
    const ops = Object.keys(raw).filter((k): k is (typeof ATTRIBUTE_OPERATORS)[number] => (ATTRIBUTE_OPERATORS as readonly string[]).includes(k));
    const extra = Object.keys(raw).find((k) => k !== 'attribute' && k !== 'default' && k !== 'message' && !(ATTRIBUTE_OPERATORS as readonly string[]).includes(k));
    if (extra) return this.fail(`"${extra}" cannot be combined with "attribute"`, at, extra);
    if (ops.length !== 1) {
      return ops.length === 0
        ? this.fail(`"attribute" needs one operator: ${ATTRIBUTE_OPERATORS.join(', ')}`, at, 'attribute')
        : this.fail(`an attribute test has one operator; found ${ops.map((o) => `"${o}"`).join(' and ')}`, at, ops[1]);
    }
    const op = ops[0]!;
    const test = this.test(op, raw[op], [...at, op]);
    if (!test) return undefined;
    const condition: AttributeCondition = { kind: 'attribute', path: readPath(raw.attribute as string), test };
    return {
      ...condition,
      ...('default' in raw ? { default: raw.default as PlainValue } : {}),
      ...(message ? { message } : {}),
    };
  }

  private test(op: (typeof ATTRIBUTE_OPERATORS)[number], operand: unknown, at: YamlPath): Test | undefined {
    switch (op) {
      case 'exists':
        return { op: operand === false ? 'absent' : 'exists' };
      case 'absent':
      case 'non_empty':
      case 'is_true':
      case 'is_false':
      case 'open_to_world':
        return { op };
      case 'equals':
      case 'not_equals':
      case 'contains':
      case 'not_contains':
        return { op, operand: operand as PlainValue };
      case 'in':
      case 'not_in':
        return { op, operand: operand as PlainValue[] };
      case 'matches':
      case 'not_matches':
      case 'keys_match': {
        const pattern = compileRegex(operand as string);
        if (typeof pattern === 'string') return this.fail(`invalid regular expression "${String(operand)}": ${pattern}`, at);
        return { op, pattern, source: operand as string };
      }
      case 'has_entry':
        return this.entryTest(operand as Raw, at);
      case 'includes_port':
        return { op, port: operand as number };
      case 'length': {
        const entries = Object.entries(operand as Record<string, number>);
        return { op, comparisons: entries.map(([k, v]) => ({ op: k as NumericOp | 'equals', operand: v })) };
      }
      case 'has_iam_statement':
        return { op, statement: iamPattern(operand as Raw) };
      default:
        return { op, operand: operand as number };
    }
  }

  /** `has_entry: { key: re, value: re }`: both regular expressions compile, `value` is optional. */
  private entryTest(operand: Raw, at: YamlPath): Test | undefined {
    // The schema has checked that both are strings.
    const keySource = operand.key as string;
    const valueSource = operand.value as string | undefined;
    const key = compileRegex(keySource);
    if (typeof key === 'string') return this.fail(`invalid regular expression "${keySource}": ${key}`, [...at, 'key']);
    if (valueSource === undefined) return { op: 'has_entry', key, keySource };
    const value = compileRegex(valueSource);
    if (typeof value === 'string') return this.fail(`invalid regular expression "${valueSource}": ${value}`, [...at, 'value']);
    return { op: 'has_entry', key, keySource, value, valueSource };
  }

  private portRange(raw: Raw, at: YamlPath, withMessage: <T extends object>(c: T) => T): Condition | undefined {
    const extra = Object.keys(raw).find((k) => k !== 'port_range' && k !== 'includes_port' && k !== 'message');
    if (extra) return this.fail(`"${extra}" cannot be combined with "port_range"`, at, extra);
    if (typeof raw.includes_port !== 'number') return this.fail('"port_range" needs "includes_port"', at, 'port_range');
    const range = raw.port_range as Raw;
    return withMessage({
      kind: 'port_range' as const,
      from: splitPath(range.from as string),
      to: splitPath(range.to as string),
      ...(typeof range.protocol === 'string' ? { protocol: splitPath(range.protocol) } : {}),
      port: raw.includes_port,
    });
  }

  private blocks(raw: Raw, at: YamlPath, withMessage: <T extends object>(c: T) => T): Condition | undefined {
    const quantifiers = (['all', 'any', 'none'] as const).filter((q) => q in raw);
    const extra = Object.keys(raw).find((k) => k !== 'blocks' && k !== 'message' && !(quantifiers as readonly string[]).includes(k));
    if (extra) return this.fail(`"${extra}" cannot be combined with "blocks"`, at, extra);
    if (quantifiers.length !== 1) return this.fail('"blocks" needs exactly one of "all", "any", "none"', at, 'blocks');
    const quantifier: Quantifier = quantifiers[0]!;
    if (Array.isArray(raw[quantifier])) return this.fail(`"${quantifier}" after "blocks" takes one condition, not a list`, [...at, quantifier]);
    const condition = this.condition(raw[quantifier] as Raw, [...at, quantifier]);
    return condition && withMessage({ kind: 'blocks' as const, path: readPath(raw.blocks as string), quantifier, condition });
  }

  private related(raw: Raw, at: YamlPath, withMessage: <T extends object>(c: T) => T): Condition | undefined {
    const extra = Object.keys(raw).find((k) => k !== 'related' && k !== 'message');
    if (extra) return this.fail(`"${extra}" cannot be combined with "related"`, at, extra);
    const spec = raw.related as Raw;
    const where = [...at, 'related'];
    const modes = (['exists', 'any', 'all', 'none'] as const).filter((m) => m in spec);
    if (modes.length !== 1) return this.fail('"related" needs exactly one of "exists", "any", "all", "none"', where);
    const mode = modes[0]!;
    const sameModule = spec.same_module === true;
    // Either the related resource names this one (`link`), or every one in the module relates.
    if (sameModule === (spec.link !== undefined)) return this.fail('"related" needs exactly one of "link", "same_module: true"', where);
    if (sameModule && spec.by_name !== undefined) return this.fail('"by_name" goes with "link", not "same_module"', where, 'by_name');
    const byName = spec.by_name === undefined ? [] : Array.isArray(spec.by_name) ? (spec.by_name as string[]) : [spec.by_name as string];
    const links = spec.link === undefined ? [] : Array.isArray(spec.link) ? (spec.link as string[]) : [spec.link as string];
    const base = {
      kind: 'related' as const, resourceType: spec.type as string, links: links.map(splitPath), byName: byName.map(splitPath),
      ...(sameModule ? { sameModule } : {}),
    };
    if (mode === 'exists') return withMessage({ ...base, quantifier: spec.exists === false ? ('none' as const) : ('any' as const) });
    const condition = this.condition(spec[mode] as Raw, [...where, mode]);
    return condition && withMessage({ ...base, quantifier: mode, condition });
  }

  /** Compiles the conditions inside a condition the schema rejected, for their own errors. */
  private inside(raw: unknown, at: YamlPath): undefined {
    if (!isRaw(raw)) return undefined;
    const nested = (holder: Raw, where: YamlPath): void => {
      for (const key of ['all', 'any', 'none', 'not']) {
        const value = holder[key];
        if (Array.isArray(value)) value.forEach((c, i) => this.condition(c as Raw, [...where, key, i]));
        else if (isRaw(value)) this.condition(value, [...where, key]);
      }
    };
    nested(raw, at);
    if (isRaw(raw.related)) nested(raw.related, [...at, 'related']);
    return undefined;
  }

  private fail(message: string, path: YamlPath, key?: string): undefined {
    this.problems.push(key === undefined ? { message, path } : { message, path, key });
    return undefined;
  }
}

function asList(v: unknown): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? (v as string[]) : [v as string];
}

function iamPattern(raw: Raw): IamStatementPattern {
  const action = asList(raw.action);
  const resource = asList(raw.resource);
  const principal = asList(raw.principal);
  return {
    effect: raw.effect === 'Deny' ? 'Deny' : 'Allow',
    ...(action ? { action } : {}),
    ...(resource ? { resource } : {}),
    ...(principal ? { principal } : {}),
    withoutCondition: raw.without_condition === true,
  };
}
