// For a finding inside a called module: where the module's caller passed the offending value.
// When the offending attribute is written `var.x` and the innermost module call sets `x`, that
// argument is where a user of the module fixes it.

import type { Attribute, Block, Expression, Range } from '../hcl/ast';
import type { ResourceInstance } from '../terraform/model';
import type { RelatedLocation } from './types';

function inside(outer: Range, inner: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** The attribute of `block` (or of its nested blocks) whose expression contains `range`. */
function attributeAt(block: Block, range: Range): Attribute | undefined {
  for (const item of block.body.items) {
    if (item.kind === 'Attribute' && inside(item.expr.range, range)) return item;
    if (item.kind === 'Block' && inside(item.range, range)) return attributeAt(item, range);
  }
  return undefined;
}

/** `var.x` → "x". */
function variableName(expr: Expression): string | undefined {
  if (expr.kind === 'GetAttr' && expr.object.kind === 'Variable' && expr.object.name === 'var') return expr.name;
  return undefined;
}

export function callerLocations(resource: ResourceInstance, file: string, range: Range, originFile?: string, originRange?: Range): RelatedLocation[] {
  const callers = resource.callers ?? [];
  const innermost = callers[callers.length - 1];
  const related: RelatedLocation[] = [];
  let argument: Attribute | undefined;
  if (innermost && file === resource.file) {
    const attribute = attributeAt(resource.source, range);
    const name = attribute ? variableName(attribute.expr) : undefined;
    argument = name === undefined ? undefined : innermost.source.body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name === name);
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
