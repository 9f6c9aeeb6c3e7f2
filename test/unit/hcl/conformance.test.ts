// Conformance with hashicorp/hcl (through @cdktf/hcl2json): on every file of ../shared/corpus and
// on hand-written edge cases, the same accept/reject verdict and the same blocks, labels,
// attributes and values in hcl2json's JSON shape (expressions compared as their source text).
import { getExpressionAst, parse } from '@cdktf/hcl2json';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parseHcl } from '../../../server/src/hcl';
import { toHcl2JsonShape } from '../../../server/src/hcl/hcl2json-shape';
import { edgeCases } from './conformance-cases';
import { corpusDir, corpusFiles } from './corpus';
import { mutate, prng } from './mutate';
import { generateTemplateAttribute } from './template-gen';
import { canonicalHcl, canonicalOurs, generateExpression, type HclAstNode } from './expression-gen';

interface Verdict { accepted: boolean; json: unknown; message: string }

async function theirs(name: string, text: string): Promise<Verdict> {
  try {
    return { accepted: true, json: await parse(name, text), message: '' };
  } catch (error) {
    return { accepted: false, json: undefined, message: String(error) };
  }
}

function ours(text: string): Verdict {
  const file = parseHcl(text);
  return { accepted: file.errors.length === 0, json: toHcl2JsonShape(file, text), message: file.errors[0]?.message ?? '' };
}

/** Leaves (values and "${…}" expressions) of their JSON, and how many of ours equal them. */
function countLeaves(their: unknown, our: unknown, counts = { leaves: 0, equal: 0, expressions: 0, equalExpressions: 0 }): typeof counts {
  if (their !== null && typeof their === 'object') {
    for (const [key, value] of Object.entries(their)) {
      const mine = our !== null && typeof our === 'object' ? (our as Record<string, unknown>)[key] : undefined;
      countLeaves(value, mine, counts);
    }
    return counts;
  }
  const isExpression = typeof their === 'string' && their.startsWith('${');
  const equal = isDeepStrictEqual(their, our);
  counts.leaves++;
  if (equal) counts.equal++;
  if (isExpression) counts.expressions++;
  if (isExpression && equal) counts.equalExpressions++;
  return counts;
}

void describe('conformance with @cdktf/hcl2json', () => {
  void it('hand-written edge cases: same verdict, same JSON when accepted', async () => {
    const mismatches: string[] = [];
    for (const text of edgeCases) {
      const [t, o] = [await theirs('edge.tf', text), ours(text)];
      if (t.accepted !== o.accepted) mismatches.push(`${JSON.stringify(text)}: hcl2json ${t.accepted ? 'accepts' : `rejects (${t.message})`}, we ${o.accepted ? 'accept' : `reject (${o.message})`}`);
      else if (t.accepted && !isDeepStrictEqual(t.json, o.json)) mismatches.push(`${JSON.stringify(text)}: ${JSON.stringify(o.json)} ≠ ${JSON.stringify(t.json)}`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(edgeCases.filter((c) => !ours(c).accepted).length >= 30, 'the table keeps its rejected half');
  });

  void it(`every corpus file (${corpusDir}): same verdict and same JSON`, async (t) => {
    const files = corpusFiles();
    if (files.length === 0) { t.skip(`corpus not found at ${corpusDir}`); return; }
    const mismatches: string[] = [];
    const total = { leaves: 0, equal: 0, expressions: 0, equalExpressions: 0 };
    let identical = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const [their, our] = [await theirs(path.basename(file), text), ours(text)];
      const name = path.relative(corpusDir, file);
      if (their.accepted !== our.accepted) { mismatches.push(`${name}: verdict ${our.accepted} vs hcl2json ${their.accepted} (${our.message || their.message})`); continue; }
      if (!their.accepted) continue;
      const counts = countLeaves(their.json, our.json);
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
      if (isDeepStrictEqual(their.json, our.json)) identical++;
      else mismatches.push(`${name}: JSON differs`);
    }
    t.diagnostic(`${files.length} files: ${identical} identical JSON; ${total.equal}/${total.leaves} values equal, ${total.equalExpressions}/${total.expressions} expressions with the same source text`);
    assert.deepEqual(mismatches, []);
  });

  void it('single mutations of corpus files: same verdict (differential fuzzing)', async (t) => {
    const files = corpusFiles();
    if (files.length === 0) { t.skip(`corpus not found at ${corpusDir}`); return; }
    const random = prng(20261125);
    const mismatches: string[] = [];
    let compared = 0;
    for (let n = 0; n < 300; n++) {
      const file = files[Math.floor(random() * files.length)] ?? '';
      const text = mutate(fs.readFileSync(file, 'utf8'), random);
      const their = await theirs('fuzz.tf', text);
      // hcl2json's converter also rejects some valid syntax (e.g. `-true`): not a syntax verdict.
      if (their.message.includes('convert to HCL')) continue;
      compared++;
      const our = ours(text);
      if (their.accepted !== our.accepted) mismatches.push(`${path.relative(corpusDir, file)} mutated (#${n}): hcl2json ${their.accepted ? 'accepts' : `rejects (${their.message})`}, we ${our.accepted ? 'accept' : `reject (${our.message})`}`);
    }
    t.diagnostic(`${compared} mutated files compared`);
    assert.deepEqual(mismatches, []);
  });

  void it('generated templates (directives, strip markers, heredoc indentation): same verdict and JSON', async (t) => {
    const random = prng(42);
    const mismatches: string[] = [];
    let accepted = 0;
    for (let n = 0; n < 400; n++) {
      const text = generateTemplateAttribute(random);
      const [their, our] = [await theirs('template.tf', text), ours(text)];
      if (their.accepted !== our.accepted) mismatches.push(`${JSON.stringify(text)}: hcl2json ${their.accepted ? 'accepts' : 'rejects'}, we ${our.accepted ? 'accept' : `reject (${our.message})`}`);
      else if (their.accepted && !isDeepStrictEqual(their.json, our.json)) mismatches.push(`${JSON.stringify(text)}: ${JSON.stringify(our.json)} ≠ ${JSON.stringify(their.json)}`);
      if (their.accepted) accepted++;
    }
    t.diagnostic(`400 generated templates, ${accepted} accepted by both`);
    assert.ok(accepted > 200, 'most generated templates are valid');
    assert.deepEqual(mismatches, []);
  });

  void it('generated operator expressions: same precedence and associativity as hclsyntax', async () => {
    const random = prng(1234);
    const mismatches: string[] = [];
    for (let n = 0; n < 300; n++) {
      const expr = generateExpression(random);
      const text = `v = ${expr}\n`;
      const file = parseHcl(text);
      const attribute = file.body.items[0];
      const their = canonicalHcl((await getExpressionAst('expr.tf', expr)) as HclAstNode);
      const our = attribute?.kind === 'Attribute' && file.errors.length === 0 ? canonicalOurs(attribute.expr, text) : `rejected: ${file.errors[0]?.message ?? ''}`;
      if (our !== their) mismatches.push(`${expr}: ours ${our}, hclsyntax ${their}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
