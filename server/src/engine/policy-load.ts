// Loading a policy file: YAML (with positions) → JSON Schema (ajv) → compiled rules. Loading never
// executes anything from the file; every error carries a 0-based range in the file.

import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { ConditionCompiler, splitPath } from './compile';
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
  if (!validate(data)) return { errors: schemaErrors(validate.errors ?? [], locator) };
  const raw = data as Raw;
  const compiler = new ConditionCompiler();
  const rules = (raw.rules as Raw[]).map((r, i) => compileRule(r, ['rules', i], compiler));
  const errors = compiler.problems.map((p) => ({
    message: p.message,
    range: p.key === undefined ? locator.valueRange(p.path) : locator.keyRange(p.path, p.key),
  }));
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

/** ajv reports one error per failed alternative; keep the most specific, readable ones. */
function schemaErrors(errors: readonly ErrorObject[], locator: YamlLocator): PolicyLoadError[] {
  const out: PolicyLoadError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = pointerToPath(e.instancePath);
    const where = path.length === 0 ? 'policy' : `"${path.join('.')}"`;
    let error: PolicyLoadError;
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const inCondition = /\/(require|when|all|any|not|none)(\/|$)/.test(e.instancePath) || e.schemaPath.includes('condition');
      error = { message: inCondition ? `unknown operator "${key}"` : `unknown key "${key}" in ${where}`, range: locator.keyRange(path, key) };
    } else if (e.keyword === 'required') {
      error = { message: `${where} is missing "${String((e.params as { missingProperty: string }).missingProperty)}"`, range: locator.valueRange(path) };
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
      error = { message: `${where} must be one of ${allowed}`, range: locator.valueRange(path) };
    } else {
      error = { message: `${where} ${e.message ?? 'is invalid'}`, range: locator.valueRange(path) };
    }
    const key = `${error.message}@${error.range.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
