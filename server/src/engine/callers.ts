// For a finding inside a called module: where the module's caller passed the offending value.
// When the offending value is written `var.x` (or comes from it through a `dynamic` block's
// iterator or `each.value`), and the innermost module call sets `x`, that argument is where a user
// of the module fixes it. The value may be written in the resource or in another block of the
// module the finding reads (a data "aws_iam_policy_document", a related resource).

import type { Attribute, Block, Expression, Range } from '../hcl/ast';
import type { ModuleModel, ResourceInstance } from '../terraform/model';
import type { RelatedLocation } from './types';

function inside(outer: Range, inner: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** The attribute of `block` (or of its nested blocks) whose expression contains `range`, with the blocks around it, outermost first. */
function attributeAt(block: Block, range: Range, around: Block[] = [block]): { attribute: Attribute; around: Block[] } | undefined {
  for (const item of block.body.items) {
    if (item.kind === 'Attribute' && inside(item.expr.range, range)) return { attribute: item, around };
    if (item.kind === 'Block' && inside(item.range, range)) return attributeAt(item, range, [...around, item]);
  }
  return undefined;
}

/** The innermost element, object value or argument of `expr` holding `range` (`var.who` in `jsonencode({ AWS = [var.who] })`). */
function expressionAt(expr: Expression, range: Range): Expression {
  const children = expr.kind === 'Tuple' ? expr.elements
    : expr.kind === 'Object' ? expr.items.map((i) => i.value)
      : expr.kind === 'Parentheses' ? [expr.expr]
        : expr.kind === 'FunctionCall' ? expr.args : [];
  const child = children.find((c) => inside(c.range, range));
  return child ? expressionAt(child, range) : expr;
}

/** The root name and first attribute of a traversal: `var.x.y[0]` → ["var", "x"]. */
function traversalRoot(expr: Expression): { root: string; first?: string } | undefined {
  let node = expr;
  let first: string | undefined;
  while (node.kind === 'GetAttr' || node.kind === 'Index') {
    if (node.kind === 'GetAttr') first = node.name;
    else first = undefined;
    node = node.object;
  }
  return node.kind === 'Variable' ? { root: node.name, ...(first !== undefined ? { first } : {}) } : undefined;
}

function attributeOf(block: Block, name: string): Attribute | undefined {
  return block.body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name === name);
}

/** The name a dynamic block's iterator has: `iterator = rule`, else the block's label. */
function iteratorName(dynamic: Block): string | undefined {
  const named = attributeOf(dynamic, 'iterator')?.expr;
  if (named?.kind === 'Variable') return named.name;
  return dynamic.labels[0]?.value;
}

/**
 * The module variable `expr` reads: `var.x…`; an iterator's value of an enclosing `dynamic` block
 * (or `each.value` of the resource) reads what its for_each reads. `around` is the blocks
 * enclosing the expression, outermost (the resource) first.
 */
function variableRead(expr: Expression, around: readonly Block[]): string | undefined {
  const root = traversalRoot(expr);
  if (!root) return undefined;
  if (root.root === 'var') return root.first;
  const source = root.root === 'each' ? around[0] : [...around].reverse().find((b) => b.type === 'dynamic' && iteratorName(b) === root.root);
  const forEach = source && attributeOf(source, 'for_each');
  if (!forEach) return undefined;
  // A for_each reads only names from outside its block, so each step looks further out.
  return variableRead(forEach.expr, around.slice(0, around.indexOf(source)));
}

/** The source block of the module instance that `range` of `file` lies in: the resource's own, else another block of its module. */
function blockAt(resource: ResourceInstance, model: ModuleModel | undefined, file: string, range: Range): Block | undefined {
  if (file === resource.file && inside(resource.source.range, range)) return resource.source;
  const sameModule = (r: ResourceInstance): boolean => r.modulePath.length === resource.modulePath.length && r.modulePath.every((m, i) => m === resource.modulePath[i]);
  return model?.resources.find((r) => r.file === file && inside(r.source.range, range) && sameModule(r))?.source;
}

export function callerLocations(resource: ResourceInstance, file: string, range: Range, originFile?: string, originRange?: Range, model?: ModuleModel): RelatedLocation[] {
  const callers = resource.callers ?? [];
  const innermost = callers[callers.length - 1];
  const related: RelatedLocation[] = [];
  let argument: Attribute | undefined;
  const block = innermost ? blockAt(resource, model, file, range) : undefined;
  const at = block ? attributeAt(block, range) : undefined;
  if (innermost && at) {
    const name = variableRead(expressionAt(at.attribute.expr, range), at.around);
    argument = name === undefined ? undefined : attributeOf(innermost.source, name);
  }
  for (const caller of callers) {
    const isOrigin = originFile === caller.file && originRange !== undefined && inside(caller.range, originRange);
    if (caller === innermost && argument) {
      if (!(isOrigin && originRange && inside(argument.range, originRange))) {
        related.push({ file: caller.file, range: argument.expr.range, message: `passed by module "${caller.name}" here`, kind: 'module-argument' });
      }
    } else if (!isOrigin) {
      related.push({ file: caller.file, range: caller.headerRange, message: `in module "${caller.name}" called here` });
    }
  }
  return related;
}

/** Whether the offending value is written in a module call of `resource` (`acl = "public-read"` in `module "logs" {…}`). */
export function isWrittenInCaller(resource: ResourceInstance, originFile: string, originRange: Range): boolean {
  return (resource.callers ?? []).some((c) => c.file === originFile && inside(c.range, originRange));
}
