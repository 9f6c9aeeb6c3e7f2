// Nested blocks in Terraform's JSON syntax.
//
// In `.tf.json` a nested block is written as a property whose value is an object (or an array of
// objects): `"versioning": { "enabled": true }`. Terraform tells blocks from attributes with the
// provider's schema, which we do not have. So inside resource bodies every object-valued (or
// array-of-objects-valued) attribute is exposed BOTH as an attribute and as nested block(s): a
// policy that asks for the nested block `versioning` finds it in .tf.json as in .tf, and a policy
// that reads the attribute `tags` (a map) still finds the map. The blocks are synthesized as
// ordinary AST Blocks over the object's ranges, so they evaluate exactly like native blocks —
// including `"dynamic": { "ingress": { "for_each": …, "content": { … } } }`.

import type { Attribute, Block, Expression, ObjectExpr, Range } from '../hcl/ast';

/** The static name of an object key (a bare identifier or a plain quoted string). */
export function staticKey(key: Expression): string | undefined {
  if (key.kind === 'Variable') return key.name;
  if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]?.kind === 'TemplateLiteral') return key.parts[0].value;
  if (key.kind === 'Template' && key.parts.length === 0) return '';
  return undefined;
}

/** The block(s) a JSON attribute also stands for; empty when its value is not an object or list of objects. */
export function jsonAttributeBlocks(attr: Attribute): Block[] {
  if (attr.name === 'dynamic') return dynamicBlocks(attr);
  const objects = objectsOf(attr.expr);
  return objects.map((o) => syntheticBlock(attr.name, attr.nameRange, [], o));
}

function objectsOf(expr: Expression): ObjectExpr[] {
  if (expr.kind === 'Object') return [expr];
  if (expr.kind === 'Tuple' && expr.elements.length > 0 && expr.elements.every((e) => e.kind === 'Object')) return expr.elements as ObjectExpr[];
  return [];
}

/** `"dynamic": { "label": { "for_each": …, "content": {…} } }` → `dynamic "label" { … }` blocks. */
function dynamicBlocks(attr: Attribute): Block[] {
  if (attr.expr.kind !== 'Object') return [];
  const out: Block[] = [];
  for (const item of attr.expr.items) {
    const label = staticKey(item.key);
    if (label === undefined) continue;
    for (const o of objectsOf(item.value)) {
      out.push(syntheticBlock('dynamic', attr.nameRange, [{ value: label, quoted: true, range: item.key.range }], o));
    }
  }
  return out;
}

function syntheticBlock(type: string, typeRange: Range, labels: Block['labels'], object: ObjectExpr): Block {
  const items: (Attribute | Block)[] = [];
  for (const item of object.items) {
    const name = staticKey(item.key);
    if (name === undefined) continue;
    // `content` of a dynamic block must be a block for the dynamic expansion to find it.
    if (type === 'dynamic' && name === 'content' && item.value.kind === 'Object') {
      items.push(syntheticBlock('content', item.key.range, [], item.value));
      continue;
    }
    items.push({ kind: 'Attribute', name, nameRange: item.key.range, expr: item.value, range: item.range });
  }
  const start = object.range.start;
  const end = object.range.end;
  return {
    kind: 'Block', type, typeRange, labels,
    body: { kind: 'Body', items, range: object.range },
    openBrace: { start, end: { line: start.line, character: start.character + 1, offset: start.offset + 1 } },
    closeBrace: { start: { line: end.line, character: end.character - 1, offset: end.offset - 1 }, end },
    range: { start: typeRange.start, end },
  };
}
