// Builds a real module model (our parser + the terraform layer) from in-memory files, so engine
// tests run policies against exactly what the CLI and the editor would see.

import { parseFile } from '../../../server/src/hcl';
import { buildModuleModel, type ModuleHost, type ModuleModel, type SourceFile } from '../../../server/src/terraform';
import { evaluatePolicies, loadPolicy, type Policy, type PolicyResult } from '../../../server/src/engine';

/** Files by absolute-looking path: `{ '/m/main.tf': '…', '/m/modules/x/main.tf': '…' }`. */
export type Files = Readonly<Record<string, string>>;

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}

export function memoryHost(files: Files): ModuleHost {
  return {
    moduleFiles(dir) {
      const inDir = Object.keys(files).filter((f) => dirOf(f) === dir).sort();
      if (inDir.length === 0) return undefined;
      const parse = (name: string): SourceFile => ({ name, file: parseFile(name, files[name]!) });
      return {
        sources: inDir.filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).map(parse),
        tfvars: inDir.filter((f) => /\.auto\.tfvars(\.json)?$|\/terraform\.tfvars(\.json)?$/.test(f)).map(parse),
      };
    },
    resolveModuleSource: (from, source) => normalize(`${from}/${source}`),
    readText: (path) => files[path],
  };
}

export function modelOf(files: Files, dir = '/m'): ModuleModel {
  return buildModuleModel(dir, memoryHost(files));
}

export function policyOf(yaml: string): Policy {
  const loaded = loadPolicy(yaml, '/policies/test/policy.yaml');
  if (!loaded.policy) throw new Error(`policy does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.policy;
}

/** Evaluates one policy on one main.tf and returns the results. */
export function run(policyYaml: string, tf: string, extra: Files = {}, today = '2026-06-01'): PolicyResult[] {
  return evaluatePolicies(modelOf({ '/m/main.tf': tf, ...extra }), [policyOf(policyYaml)], { today });
}

/** `start.line:start.character-end.line:end.character`, compact for exact range assertions. */
export function span(r: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  return `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`;
}

/** A bucket policy must not allow Principal "*" without a Condition (message "Bad"): the IAM tests' common policy. */
export const PUBLIC_BUCKET_POLICY = `id: test-iam
title: T
severity: low
description: d
remediation: r
rules:
  - resources: [aws_s3_bucket_policy]
    message: Bad
    require: { not: { attribute: policy, has_iam_statement: { principal: "*", without_condition: true } } }
`;
