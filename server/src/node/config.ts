// `.tfpolicy.yaml`: the project configuration the CLI and the editor share. The nearest one at or
// above the scanned path (or workspace folder) applies. Errors carry the line and column of the
// offending value, and a broken file never stops a scan: it is reported and ignored.

import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
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

/** Parses config text; on errors returns the defaults plus the errors with positions. */
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
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const subject = `"${segments.join('.')}"`;
      let message: string;
      let where: Range | undefined;
      if (e.keyword === 'additionalProperties') {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        message = segments.length === 0 ? `unknown setting "${key}"` : `${subject} has an unknown key "${key}"`;
        where = keyRange(doc, segments, key, toRange);
      } else if (e.keyword === 'enum') {
        message = `${subject} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map(String).join(', ')}`;
      } else {
        message = `${segments.length === 0 ? 'the configuration' : subject} ${e.message ?? 'is invalid'}`;
      }
      where ??= nodeRange(doc, segments, toRange);
      errors.push({ file, message: `${CONFIG_FILE_NAME}: ${message}`, ...(where ? { range: where } : {}) });
    }
    return { config: { ...DEFAULT_CONFIG, file }, errors };
  }
  const raw = data as { disable?: string[]; enable?: string[]; severity?: Record<string, Severity>; exclude?: string[]; policyDirs?: string[]; varFiles?: string[] };
  const dir = path.dirname(file);
  return {
    config: {
      file,
      disable: raw.disable ?? [],
      ...(raw.enable ? { enable: raw.enable } : {}),
      severity: raw.severity ?? {},
      exclude: raw.exclude ?? [],
      policyDirs: (raw.policyDirs ?? []).map((d) => path.resolve(dir, d)),
      varFiles: (raw.varFiles ?? []).map((f) => path.resolve(dir, f)),
    },
    errors,
  };
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
  const known = new Set(policies.map((p) => p.id));
  const errors: ConfigError[] = [];
  const mentioned = [...config.disable, ...(config.enable ?? []), ...Object.keys(config.severity)];
  for (const id of new Set(mentioned)) {
    if (!known.has(id)) errors.push({ file: config.file ?? CONFIG_FILE_NAME, message: `${CONFIG_FILE_NAME}: unknown policy id "${id}"` });
  }
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
