// Terraform JSON syntax on realistic input: every corpus file, converted to hcl2json's JSON shape
// (which is valid Terraform JSON), must read back through parseJson into the same shape, with
// consistent, well-nested ranges into the JSON text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parseHcl, parseJson } from '../../../server/src/hcl';
import { toHcl2JsonShape } from '../../../server/src/hcl/hcl2json-shape';
import { corpusDir, corpusFiles } from './corpus';
import { nestingViolations } from './helpers';

void it('corpus files survive HCL → Terraform JSON → parseJson unchanged', (t) => {
  const files = corpusFiles();
  if (files.length === 0) { t.skip(`corpus not found at ${corpusDir}`); return; }
  const mismatches: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const shape = toHcl2JsonShape(parseHcl(text), text);
    const json = JSON.stringify(shape, null, 2);
    const back = parseJson(json);
    const problems = [
      ...back.errors.map((e) => e.message),
      ...nestingViolations(back.body, back.range, '$.body', []),
      ...(isDeepStrictEqual(toHcl2JsonShape(back, json), shape) ? [] : ['shape differs']),
    ];
    if (problems.length > 0) mismatches.push(`${file}: ${problems.slice(0, 3).join('; ')}`);
  }
  assert.deepEqual(mismatches, []);
});
