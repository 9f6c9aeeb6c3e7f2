// Random operator expressions for differential testing of precedence and associativity, and a
// canonical, fully parenthesised rendering of both hclsyntax's tree (from @cdktf/hcl2json's
// getExpressionAst) and ours, so the two can be compared as strings.
import type { Expression } from '../../../server/src/hcl';

const leaves = ['a', 'b.c', 'd[0]', '1', '2.5', '"s"', 'f(x)', '[1]', 'true', 'null', 'e.*.f', 'g[*].h'];
const binary = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'];

export function generateExpression(random: () => number, depth = 0): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const r = random();
  if (depth >= 4 || r < 0.3) return pick(leaves);
  if (r < 0.75) return `${generateExpression(random, depth + 1)} ${pick(binary)} ${generateExpression(random, depth + 1)}`;
  if (r < 0.85) return `${pick(['!', '-'])}${generateExpression(random, 4)}`;
  if (r < 0.93) return `(${generateExpression(random, depth + 1)})`;
  return `${generateExpression(random, depth + 1)} ? ${generateExpression(random, depth + 1)} : ${generateExpression(random, depth + 1)}`;
}

/** The subset of getExpressionAst's node shape this rendering needs. */
export interface HclAstNode {
  type: string;
  meta?: { value?: string; operator?: string };
  children?: HclAstNode[];
}

const operatorSymbols: Record<string, string> = {
  logicalOr: '||', logicalAnd: '&&', equal: '==', notEqual: '!=', lessThan: '<', lessThanOrEqual: '<=',
  greaterThan: '>', greaterThanOrEqual: '>=', add: '+', subtract: '-', multiply: '*', divide: '/', modulo: '%',
  logicalNot: '!', negate: '-',
};

export function canonicalHcl(node: HclAstNode): string {
  const kids = node.children ?? [];
  const at = (i: number): string => { const child = kids[i]; return child ? canonicalHcl(child) : '?'; };
  const op = operatorSymbols[node.meta?.operator ?? ''] ?? node.meta?.operator ?? '?';
  switch (node.type) {
    case 'binaryOp': return `(${at(0)} ${op} ${at(1)})`;
    case 'unaryOp': return `(${op}${at(0)})`;
    case 'conditional': return `(${at(0)} ? ${at(1)} : ${at(2)})`;
    // Parentheses come through as an untyped node around their expression.
    case '': return kids.length === 1 ? at(0) : '?';
    default: return node.meta?.value ?? '?';
  }
}

export function canonicalOurs(e: Expression, text: string): string {
  switch (e.kind) {
    case 'Binary': return `(${canonicalOurs(e.left, text)} ${e.operator} ${canonicalOurs(e.right, text)})`;
    case 'Unary': return `(${e.operator}${canonicalOurs(e.operand, text)})`;
    case 'Conditional': return `(${canonicalOurs(e.condition, text)} ? ${canonicalOurs(e.trueExpr, text)} : ${canonicalOurs(e.falseExpr, text)})`;
    case 'Parentheses': return canonicalOurs(e.expr, text);
    default: return text.slice(e.range.start.offset, e.range.end.offset);
  }
}
