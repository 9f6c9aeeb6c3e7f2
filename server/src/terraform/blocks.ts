// Evaluating block bodies: attributes to EvaluatedAttributes, nested blocks to EvaluatedBlocks,
// `dynamic` blocks expanded with their iterator into ordinary nested blocks (whose ranges are the
// `content` block's, so findings land inside the dynamic block), JSON object attributes also
// exposed as nested blocks (see json-blocks.ts).

import type { Attribute, Block, Body, Expression } from '../hcl/ast';
import { blockAttribute, blockHeaderRange } from './declarations';
import { bindScope, evaluate, iterationPairs, originAt, type Scope } from './evaluate-expr';
import { jsonAttributeBlocks, staticKey } from './json-blocks';
import { overrideFileOf, scopeForItem } from './overrides';
import type { EvaluatedAttribute, EvaluatedBlock, UnknownValue, Value } from './model';
import { asString } from './convert';
import { objectValue, rootCause, stringValue, tupleValue, unknownValue } from './values';

export interface BodyContent {
  readonly attributes: ReadonlyMap<string, EvaluatedAttribute>;
  readonly blocks: readonly EvaluatedBlock[];
}

export interface BodyOptions {
  /** The file is Terraform JSON syntax. */
  readonly json: boolean;
  /** Attribute and block names not to evaluate (meta-arguments such as `count`). */
  readonly skip?: ReadonlySet<string>;
  /** The body is a `lifecycle` block, whose `ignore_changes` lists attribute paths. */
  readonly attributePaths?: boolean;
}

export function evaluateAttribute(attr: Attribute, scope: Scope, value = evaluate(attr.expr, scope)): EvaluatedAttribute {
  return { name: attr.name, value, file: scope.file, range: attr.range, nameRange: attr.nameRange, valueRange: attr.expr.range };
}

/** Arguments of `lifecycle` that list attribute paths (`ignore_changes = [tags]`), not values. */
const ATTRIBUTE_PATH_LISTS: ReadonlySet<string> = new Set(['ignore_changes']);

/**
 * `ignore_changes = [tags, tags["Name"]]` names attributes rather than referring to values: the
 * paths become strings ("tags", "tags[\"Name\"]"), and the keyword `all` the string "all".
 */
function attributePaths(expr: Expression, scope: Scope): Value {
  if (expr.kind === 'Variable') return stringValue(expr.name, originAt(scope, expr.range));
  if (expr.kind !== 'Tuple') return evaluate(expr, scope);
  const items = expr.elements.map((e) => {
    const path = traversalText(e);
    return path === undefined ? evaluate(e, scope) : stringValue(path, originAt(scope, e.range));
  });
  return tupleValue(items, originAt(scope, expr.range));
}

function traversalText(expr: Expression): string | undefined {
  if (expr.kind === 'Variable') return expr.name;
  if (expr.kind === 'GetAttr') {
    const base = traversalText(expr.object);
    return base === undefined ? undefined : `${base}.${expr.name}`;
  }
  if (expr.kind === 'Index') {
    const base = traversalText(expr.object);
    const key = expr.key.kind === 'Literal' ? expr.key.value : staticKey(expr.key);
    return base === undefined || key === undefined ? undefined : `${base}[${JSON.stringify(key)}]`;
  }
  return undefined;
}

export function evaluateBody(body: Body, scope: Scope, options: BodyOptions): BodyContent {
  const attributes = new Map<string, EvaluatedAttribute>();
  const blocks: EvaluatedBlock[] = [];
  for (const item of body.items) {
    if (options.skip?.has(item.kind === 'Attribute' ? item.name : item.type)) continue;
    // Items merged in from an override file evaluate with that file's name and syntax.
    const itemScope = scopeForItem(scope, item);
    const overrideFile = overrideFileOf(item);
    const json = overrideFile ? overrideFile.file.syntax === 'json' : options.json;
    if (item.kind === 'Attribute') {
      const value = options.attributePaths && ATTRIBUTE_PATH_LISTS.has(item.name) ? attributePaths(item.expr, itemScope) : undefined;
      if (item.name !== 'dynamic' || !json) attributes.set(item.name, evaluateAttribute(item, itemScope, value));
      if (json) for (const b of jsonAttributeBlocks(item)) blocks.push(...evaluateNested(b, itemScope, { json }));
      continue;
    }
    blocks.push(...evaluateNested(item, itemScope, { json }));
  }
  return { attributes, blocks };
}

function evaluateNested(block: Block, scope: Scope, options: BodyOptions): EvaluatedBlock[] {
  if (block.type === 'dynamic') return expandDynamic(block, scope, options);
  const content = evaluateBody(block.body, scope, { ...options, attributePaths: block.type === 'lifecycle' });
  return [{
    type: block.type, labels: block.labels.map((l) => l.value), file: scope.file, range: block.range, headerRange: blockHeaderRange(block),
    attributes: content.attributes, blocks: content.blocks, source: block,
  }];
}

/**
 * `dynamic "ingress" { for_each = …  iterator = rule  content { … } }`: one `ingress` block per
 * element, with `rule.key` / `rule.value` (default iterator name: the block label). An unknown
 * collection gives one block whose iterator is Unknown, so a required nested block is still
 * present but nothing inside it can fail.
 */
function expandDynamic(block: Block, scope: Scope, options: BodyOptions): EvaluatedBlock[] {
  const label = block.labels[0]?.value;
  const forEach = blockAttribute(block, 'for_each');
  const content = block.body.items.find((i): i is Block => i.kind === 'Block' && i.type === 'content');
  if (label === undefined || !forEach || !content) return [];
  const iteratorName = iteratorOf(block) ?? label;
  const collection = evaluate(forEach.expr, scope);
  let pairs: [Value, Value][];
  let unknownCount: UnknownValue | undefined;
  if (collection.kind === 'unknown') {
    unknownCount = unknownValue(`dynamic "${label}" for_each is unknown: ${rootCause(collection.reason)}`, collection.references);
    pairs = [[unknownCount, unknownCount]];
  } else {
    try {
      pairs = iterationPairs(collection);
    } catch {
      return [];
    }
  }
  const labelsAttr = blockAttribute(block, 'labels');
  return pairs.flatMap(([key, value]) => {
    const iterator = objectValue(new Map([['key', key], ['value', value]]));
    const inner = bindScope(scope, new Map([[iteratorName, iterator]]));
    const body = evaluateBody(content.body, inner, options);
    const labels = labelsAttr ? evaluatedLabels(evaluate(labelsAttr.expr, inner)) : [];
    return [{
      type: label, labels, file: scope.file, range: content.range, headerRange: blockHeaderRange(content),
      attributes: body.attributes, blocks: body.blocks, source: content,
      // The block's own copy says where the collection that decides its presence is written.
      ...(unknownCount ? { unknownCount: { ...unknownCount, origin: { file: scope.file, range: forEach.expr.range } } } : {}),
    }];
  });
}

/** `iterator = rule` names the iterator; in JSON syntax it is the string "rule". */
function iteratorOf(block: Block): string | undefined {
  const attr = blockAttribute(block, 'iterator');
  if (!attr) return undefined;
  return staticKey(attr.expr);
}

function evaluatedLabels(value: Value): string[] {
  if (value.kind !== 'tuple') return [];
  return value.items.map((item) => (item.kind === 'string' || item.kind === 'number' || item.kind === 'bool' ? asString(item) : ''));
}
