// Loading a policy file: YAML (with positions) → JSON Schema (ajv) → compiled rules. Loading never
// executes anything from the file; every error carries a 0-based range in the file.

import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { ConditionCompiler, rejectedBySchema, splitPath } from './compile';
import type { FixSpec, FixtureExpectation, Policy, PolicyLoadError, Rule } from './policy';
import schema from './policy-schema.json';
import type { Severity } from './types';
import { pointerToPath, YamlLocator, type YamlPath } from './yaml-positions';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

type Raw = Record<string, unknown>;

export interface LoadedPolicy {
  readonly policy?: Policy;
  readonly errors: PolicyLoadError[];
}

/** Parses and validates one policy file. `source` is its path or URI (kept on the policy for docs links). */
export function loadPolicy(text: string, source: string): LoadedPolicy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const locator = new YamlLocator(doc, lineCounter, text);
  const syntax = doc.errors.map((e) => ({ message: firstLine(e.message), range: locator.range(e.pos[0], e.pos[1]) }));
  if (syntax.length > 0) return { errors: syntax };
  const data: unknown = doc.toJS();
  // Every independent error at once: the schema's (the most specific per place), then the
  // compiler's for the conditions the schema accepted (a bad regex beside an unknown operator).
  const rejected = validate(data) ? [] : specificErrors(validate.errors ?? []);
  const schema = rejected.map((e) => schemaError(e, locator));
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Raw;
  const compiler = new ConditionCompiler(rejectedBySchema(rejected.map((e) => pointerToPath(e.instancePath))));
  const rawRules = Array.isArray(raw.rules) ? (raw.rules as unknown[]) : [];
  const rules = rawRules.map((r, i) => (typeof r === 'object' && r !== null ? compileRule(r as Raw, ['rules', i], compiler) : undefined));
  const compiled = compiler.problems.map((p) => ({
    message: p.message,
    range: p.key === undefined ? locator.valueRange(p.path) : locator.keyRange(p.path, p.key),
  }));
  const errors = unique([...schema, ...compiled]).sort((a, b) => a.range.start.offset - b.range.start.offset);
  if (errors.length > 0 || rules.some((r) => r === undefined)) return { errors };
  const resourceTypes = [...new Set((rules as Rule[]).flatMap((r) => r.resourceTypes))];
  const policy: Policy = {
    id: raw.id as string,
    title: raw.title as string,
    severity: raw.severity as Severity,
    description: (raw.description as string).trim(),
    remediation: (raw.remediation as string).trim(),
    resourceTypes,
    references: (raw.references as string[] | undefined) ?? [],
    source,
    rules: rules as Rule[],
    fixtures: ((raw.fixtures as Raw[] | undefined) ?? []).map(compileFixture),
  };
  return { policy, errors: [] };
}

function compileRule(raw: Raw, at: YamlPath, compiler: ConditionCompiler): Rule | undefined {
  if (raw.require === undefined) return undefined;
  const require = compiler.condition(raw.require as Raw, [...at, 'require']);
  const when = raw.when === undefined ? undefined : compiler.condition(raw.when as Raw, [...at, 'when']);
  if (!require || (raw.when !== undefined && !when)) return undefined;
  return {
    resourceTypes: raw.resources as string[],
    require,
    ...(when ? { when } : {}),
    ...(typeof raw.message === 'string' ? { message: raw.message } : {}),
    ...(raw.fix ? { fix: compileFix(raw.fix as Raw) } : {}),
  };
}

function compileFix(raw: Raw): FixSpec {
  const set = Object.entries((raw.set as Record<string, string> | undefined) ?? {}).map(([path, value]) => ({ path: splitPath(path), value }));
  const add = raw.add_block as { path: string; text: string } | undefined;
  return { title: raw.title as string, set, ...(add ? { addBlock: { path: splitPath(add.path), text: add.text } } : {}) };
}

function compileFixture(raw: Raw): FixtureExpectation {
  const list = (key: string): string[] => (raw[key] as string[] | undefined) ?? [];
  return { path: raw.path as string, fail: list('fail'), pass: list('pass'), unknown: list('unknown'), suppressed: list('suppressed') };
}

/**
 * ajv reports an error per failed alternative of an anyOf (a condition list: "must be array" and
 * "must be object"). Keep the most specific per place: a type error at a place with any other
 * error at or under it is an alternative that did not apply; type errors alone at one place merge
 * ("must be array or object").
 */
function specificErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const real = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const explained = (e: ErrorObject): boolean =>
    real.some((o) => o !== e && (o.instancePath.startsWith(`${e.instancePath}/`) || (o.instancePath === e.instancePath && o.keyword !== 'type')));
  const kept: ErrorObject[] = [];
  for (const e of real) {
    if (e.keyword !== 'type') kept.push(e);
    else if (!explained(e)) {
      const same = kept.find((k) => k.keyword === 'type' && k.instancePath === e.instancePath);
      if (!same) kept.push({ ...e, params: { type: typesOf(e) } });
      else same.params = { type: [...new Set([...typesOf(same), ...typesOf(e)])] };
    }
  }
  return kept;
}

function typesOf(e: ErrorObject): string[] {
  const type = (e.params as { type: string | string[] }).type;
  return Array.isArray(type) ? type : [type];
}

function schemaError(e: ErrorObject, locator: YamlLocator): PolicyLoadError {
  const path = pointerToPath(e.instancePath);
  const where = path.length === 0 ? 'policy' : `"${path.join('.')}"`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const inCondition = /\/(require|when|all|any|not|none)(\/|$)/.test(e.instancePath) || e.schemaPath.includes('condition');
      return { message: inCondition ? `unknown operator "${key}"` : `unknown key "${key}" in ${where}`, range: locator.keyRange(path, key) };
    }
    case 'required':
      return { message: `${where} is missing "${String((e.params as { missingProperty: string }).missingProperty)}"`, range: locator.valueRange(path) };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
      return { message: `${where} must be one of ${allowed}`, range: locator.valueRange(path) };
    }
    case 'type':
      return { message: `${where} must be ${typesOf(e).join(' or ')}`, range: locator.valueRange(path) };
    default:
      return { message: `${where} ${e.message ?? 'is invalid'}`, range: locator.valueRange(path) };
  }
}

/** The same message at the same place once. */
function unique(errors: readonly PolicyLoadError[]): PolicyLoadError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.message}@${e.range.start.offset}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
