// Fuzzing: random mutations of corpus files (seeded, so failures reproduce) must parse without
// throwing, and every range must lie inside the text and inside its parent's range.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { type File, parseHcl, parseJson, type Range } from '../../../server/src/hcl';
import { toHcl2JsonShape } from '../../../server/src/hcl/hcl2json-shape';
import { nestingViolations, within } from './helpers';
import { mutate, prng } from './mutate';
import { corpusDir, corpusFiles } from './corpus';

void it('mutated corpus files parse without throwing, with nested in-bounds ranges', (t) => {
  const files = corpusFiles();
  if (files.length === 0) { t.skip(`corpus not found at ${corpusDir}`); return; }
  const random = prng(20261125);
  let parsed = 0;
  for (let n = 0; n < 60; n++) {
    const source = files[Math.floor(random() * files.length)] ?? '';
    let text = fs.readFileSync(source, 'utf8');
    for (let m = 0; m < 8; m++) {
      text = mutate(text, random);
      let file: File | undefined;
      assert.doesNotThrow(() => { file = parseHcl(text); });
      assert.ok(file);
      parsed++;
      const whole: Range = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: text.length } };
      const violations = nestingViolations(file.body, file.range, '$.body', []);
      for (const [i, e] of file.errors.entries()) if (!within(e.range, whole)) violations.push(`$.errors[${i}]`);
      for (const [i, c] of file.comments.entries()) if (!within(c.range, whole)) violations.push(`$.comments[${i}]`);
      assert.deepEqual(violations, [], `${source} after mutation ${m}`);
      assert.ok(file.errors.every((e) => !e.message.startsWith('Internal parser error')), 'no internal parser error');
    }
  }
  t.diagnostic(`${parsed} mutated files parsed`);
});

void it('mutated Terraform JSON parses without throwing, with nested in-bounds ranges', (t) => {
  const files = corpusFiles();
  if (files.length === 0) { t.skip(`corpus not found at ${corpusDir}`); return; }
  const random = prng(7);
  for (let n = 0; n < 30; n++) {
    const source = files[Math.floor(random() * files.length)] ?? '';
    const hcl = fs.readFileSync(source, 'utf8');
    let text = JSON.stringify(toHcl2JsonShape(parseHcl(hcl), hcl), null, 2);
    for (let m = 0; m < 8; m++) {
      text = mutate(text, random);
      let file: File | undefined;
      assert.doesNotThrow(() => { file = parseJson(text); });
      assert.ok(file);
      const whole: Range = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: text.length } };
      const violations = nestingViolations(file.body, file.range, '$.body', []);
      for (const [i, e] of file.errors.entries()) if (!within(e.range, whole)) violations.push(`$.errors[${i}]`);
      assert.deepEqual(violations, [], `${source} as JSON after mutation ${m}`);
      assert.ok(file.errors.every((e) => !e.message.startsWith('Internal parser error')), 'no internal parser error');
    }
  }
});
