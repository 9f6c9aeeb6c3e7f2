// `.tfpolicy.yaml`: the project configuration the CLI and the editor share. The nearest one at or
// above the scanned path (or workspace folder) applies. Errors carry the line and column of the
// offending value, and a broken file never stops a scan: a bad value is reported and left out
// (the rest of the file applies); a file that is not YAML at all is reported and ignored.

import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Policy } from '../engine';
import type { Range } from '../hcl/ast';
import type { Severity } from '../engine/types';
import schema from './config-schema.json';

export const CONFIG_FILE_NAME = '.tfpolicy.yaml';

export interface ProjectConfig {
  /** The config file, or undefined when none was found (all defaults). */
  readonly file?: string;
  readonly disable: readonly string[];
  readonly enable?: readonly string[];
  readonly severity: Readonly<Record<string, Severity>>;
  /** Globs relative to the config file's directory. */
  readonly exclude: readonly string[];
  /** Absolute directories. */
  readonly policyDirs: readonly string[];
  /** Absolute files. */
  readonly varFiles: readonly string[];
  /** Where the file names each policy id (for unknown-id errors); absent for the defaults. */
  readonly mentions?: readonly PolicyIdMention[];
}

export interface PolicyIdMention {
  readonly id: string;
  readonly range: Range;
}

export interface ConfigError {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
}

export const DEFAULT_CONFIG: ProjectConfig = { disable: [], severity: {}, exclude: [], policyDirs: [], varFiles: [] };

/** The nearest `.tfpolicy.yaml` in `start` or one of its ancestors. */
export function findConfigFile(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const validate = new Ajv({ allErrors: true }).compile(schema);

type Segments = readonly (string | number)[];
type RawConfig = { disable?: string[]; enable?: string[]; severity?: Record<string, Severity>; exclude?: string[]; policyDirs?: string[]; varFiles?: string[] };

/**
 * Parses config text. A YAML syntax error drops the file (its position is reported); a schema
 * error drops only the offending value (a list item, a severity entry, or the key whose value has
 * the wrong shape), so one mistake never disables the rest of the configuration.
 */
export function parseConfig(text: string, file: string): { config: ProjectConfig; errors: ConfigError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const toRange = (start: number, end: number): Range => ({
    start: position(lineCounter, text, start),
    end: position(lineCounter, text, end),
  });
  const errors: ConfigError[] = doc.errors.map((e) => ({ file, message: e.message.split('\n')[0] ?? e.message, range: toRange(e.pos[0], e.pos[1]) }));
  if (errors.length > 0) return { config: { ...DEFAULT_CONFIG, file }, errors };
  const data: unknown = doc.toJS() ?? {};
  const dropped: Segments[] = [];
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const segments: Segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const subject = `"${segments.join('.')}"`;
      let message: string;
      let where: Range | undefined;
      if (e.keyword === 'additionalProperties') {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        message = segments.length === 0 ? `unknown setting "${key}"` : `${subject} has an unknown key "${key}"`;
        where = keyRange(doc, segments, key, toRange);
        dropped.push([...segments, key]);
      } else if (e.keyword === 'enum') {
        message = `${subject} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map(String).join(', ')}`;
        dropped.push(segments);
      } else {
        message = `${segments.length === 0 ? 'the configuration' : subject} ${e.message ?? 'is invalid'}`;
        // Repeated ids are harmless (read once); anything else leaves the value unusable.
        if (e.keyword !== 'uniqueItems') dropped.push(segments);
      }
      where ??= nodeRange(doc, segments, toRange);
      errors.push({ file, message: `${CONFIG_FILE_NAME}: ${message}`, ...(where ? { range: where } : {}) });
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || dropped.some((d) => d.length === 0)) {
    return { config: { ...DEFAULT_CONFIG, file }, errors };
  }
  const raw = withoutDropped(data as Record<string, unknown>, dropped) as RawConfig;
  const dir = path.dirname(file);
  const unique = (list: readonly string[] | undefined): string[] => [...new Set(list ?? [])];
  return {
    config: {
      file,
      disable: unique(raw.disable),
      ...(raw.enable ? { enable: unique(raw.enable) } : {}),
      severity: raw.severity ?? {},
      exclude: raw.exclude ?? [],
      policyDirs: (raw.policyDirs ?? []).map((d) => path.resolve(dir, d)),
      varFiles: (raw.varFiles ?? []).map((f) => path.resolve(dir, f)),
      mentions: policyIdMentions(doc, raw, toRange),
    },
    errors,
  };
}

/** A copy of `data` without the values at `dropped` (list items are removed, keys deleted). */
function withoutDropped(data: Record<string, unknown>, dropped: readonly Segments[]): Record<string, unknown> {
  const copy = structuredClone(data);
  const removedItems = new Map<unknown[], Set<number>>();
  for (const segments of dropped) {
    let parent: unknown = copy;
    for (const s of segments.slice(0, -1)) parent = parent === null || typeof parent !== 'object' ? undefined : (parent as Record<string | number, unknown>)[s];
    const last = segments[segments.length - 1]!;
    if (Array.isArray(parent) && typeof last === 'number') {
      const set = removedItems.get(parent) ?? new Set<number>();
      removedItems.set(parent, set.add(last));
    } else if (parent !== null && typeof parent === 'object') {
      delete (parent as Record<string | number, unknown>)[last];
    }
  }
  for (const [list, indexes] of removedItems) {
    const kept = list.filter((_, i) => !indexes.has(i));
    list.splice(0, list.length, ...kept);
  }
  return copy;
}

/** Where each policy id is named: the items of `disable` and `enable`, the keys of `severity`. */
function policyIdMentions(doc: Document, raw: RawConfig, toRange: (s: number, e: number) => Range): PolicyIdMention[] {
  const mentions: PolicyIdMention[] = [];
  const valid = new Set([...(raw.disable ?? []), ...(raw.enable ?? []), ...Object.keys(raw.severity ?? {})]);
  for (const key of ['disable', 'enable', 'severity'] as const) {
    const node: unknown = doc.get(key, true);
    const scalars = isSeq(node) ? node.items : isMap(node) ? node.items.map((pair) => pair.key) : [];
    for (const scalar of scalars) {
      if (!isScalar(scalar) || typeof scalar.value !== 'string' || !valid.has(scalar.value) || !scalar.range) continue;
      mentions.push({ id: scalar.value, range: toRange(scalar.range[0], scalar.range[1]) });
    }
  }
  return mentions;
}

/** Reads the nearest config for `start`; a missing file is the default config, not an error. */
export function loadProjectConfig(start: string): { config: ProjectConfig; errors: ConfigError[] } {
  const file = findConfigFile(start);
  if (!file) return { config: DEFAULT_CONFIG, errors: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { config: { ...DEFAULT_CONFIG, file }, errors: [{ file, message: `cannot read ${CONFIG_FILE_NAME}: ${String(error)}` }] };
  }
  return parseConfig(text, file);
}

/** The policies that run under `config`, with severity overrides applied. Unknown ids are errors. */
export function applyConfig(policies: readonly Policy[], config: ProjectConfig): { policies: Policy[]; errors: ConfigError[] } {
  const errors = unknownPolicyIds(config, new Set(policies.map((p) => p.id)));
  const enabled = config.enable ? new Set(config.enable) : undefined;
  const disabled = new Set(config.disable);
  const selected = policies
    .filter((p) => !disabled.has(p.id) && (!enabled || enabled.has(p.id)))
    .map((p) => {
      const severity = config.severity[p.id];
      return severity && severity !== p.severity ? { ...p, severity } : p;
    });
  return { policies: selected, errors };
}

/** An error for every mention of a policy id that is not in `known`, at the mention. */
export function unknownPolicyIds(config: ProjectConfig, known: ReadonlySet<string>): ConfigError[] {
  const file = config.file ?? CONFIG_FILE_NAME;
  const message = (id: string): string => `${CONFIG_FILE_NAME}: unknown policy id "${id}"`;
  if (config.mentions) return config.mentions.filter((m) => !known.has(m.id)).map((m) => ({ file, message: message(m.id), range: m.range }));
  const mentioned = new Set([...config.disable, ...(config.enable ?? []), ...Object.keys(config.severity)]);
  return [...mentioned].filter((id) => !known.has(id)).map((id) => ({ file, message: message(id) }));
}

/** The range of `key` in the mapping at `segments` (for "unknown key" errors). */
function keyRange(doc: Document, segments: readonly (string | number)[], key: string, toRange: (s: number, e: number) => Range): Range | undefined {
  const map: unknown = segments.length === 0 ? doc.contents : doc.getIn(segments, true);
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    const k: unknown = item.key;
    if (isScalar(k) && String(k.value) === key && k.range) return toRange(k.range[0], k.range[1]);
  }
  return undefined;
}

function nodeRange(doc: Document, segments: readonly (string | number)[], toRange: (s: number, e: number) => Range): Range | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    const r = (node as { range?: [number, number, number] } | null)?.range;
    if (r) return toRange(r[0], r[1]);
  }
  return undefined;
}

function position(lineCounter: LineCounter, text: string, offset: number): Range['start'] {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const { line, col } = lineCounter.linePos(clamped);
  return { line: line - 1, character: col - 1, offset: clamped };
}
