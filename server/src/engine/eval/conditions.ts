// Evaluates a compiled condition against a scope (a resource, a nested block, an object) in
// three-valued logic, keeping evidence so a failure points at the offending value.

import { stepName, type AttributeCondition, type BlocksCondition, type Condition, type PortRangeCondition, type ReadPath } from '../policy';
import { isAllProtocols, fromToIncludesPort } from './network';
import { alternatives, conjunction, disjunction, negate, truth, withMessage, type Evidence, type Outcome } from './outcome';
import { evaluateRelated } from './related';
import { resolve, resolveScopes, type Found, type Resolution, type Scope, type Uncertain } from './scope';
import { applyTest, missingFact } from './tests';
import { asNumber, asString, fromPlain, renderValue } from './values';

export function evaluate(condition: Condition, scope: Scope): Outcome {
  return withMessage(evaluateInner(condition, scope), condition.message);
}

function evaluateInner(condition: Condition, scope: Scope): Outcome {
  const header: Evidence = { place: scope.header, fact: scope.label || 'resource' };
  switch (condition.kind) {
    case 'all':
      return conjunction(condition.items.map((c) => evaluate(c, scope)), header);
    case 'any':
      return alternatives(condition.items.map((c) => evaluate(c, scope)), header);
    case 'not':
      return negate(evaluate(condition.item, scope));
    case 'attribute':
      return evaluateAttribute(condition, scope);
    case 'port_range':
      return evaluatePortRange(condition, scope);
    case 'blocks':
      return evaluateBlocks(condition, scope);
    case 'related':
      return evaluateRelated(condition, scope, evaluate);
  }
}

function labelOf(scope: Scope, path: ReadPath): string {
  return [scope.label, ...path.map(stepName)].filter((s) => s !== '').join('.');
}

function evaluateAttribute(condition: AttributeCondition, scope: Scope): Outcome {
  const label = labelOf(scope, condition.path);
  const resolution = resolve(scope, condition.path);
  const outcome = decideAttribute(condition, scope, label, resolution);
  if (!resolution.uncertain) return outcome;
  const certain = decideAttribute(condition, scope, label, resolve(scope, condition.path, { certainOnly: true }));
  return eitherWay(certain, outcome, resolution.uncertain, label);
}

/**
 * The answer when a path goes through blocks a `dynamic` over an unknown collection stands for:
 * decided only when it is the same with those blocks (one stands for any number of copies, whose
 * iterator-dependent parts are unknown anyway) and without them; the certain answer's evidence.
 */
function eitherWay(without: Outcome, withBlocks: Outcome, uncertain: Uncertain, label: string): Outcome {
  if (without.verdict === withBlocks.verdict) return without;
  return { verdict: 'unknown', evidence: { place: uncertain.place, fact: `${label} is not known` }, reason: `${label}: ${uncertain.value.reason}` };
}

function decideAttribute(condition: AttributeCondition, scope: Scope, label: string, resolution: Resolution): Outcome {
  const { test } = condition;
  if (resolution.found.length === 0) {
    if (resolution.blocks.length > 0 && (test.op === 'exists' || test.op === 'absent')) {
      const place = resolution.blocks[0]!.header;
      return { verdict: truth(test.op === 'exists'), evidence: { place, fact: `${label} block is present` } };
    }
    if (resolution.unknown) {
      return { verdict: 'unknown', evidence: { place: resolution.unknownAt ?? scope.header, fact: `${label} is not known` }, reason: `${label}: ${resolution.unknown.reason}` };
    }
    const evidence: Evidence = { place: scope.header, fact: missingFact(label, condition.default) };
    if (condition.default !== undefined && test.op !== 'exists' && test.op !== 'absent') {
      const found: Found = { value: fromPlain(condition.default), place: scope.header };
      // The default is not written anywhere: one site, the header, whatever the test looked at.
      const { verdict, reason } = applyTest(test, found, label, scope);
      return { verdict, evidence, ...(reason !== undefined ? { reason } : {}) };
    }
    return { verdict: truth(test.op === 'absent'), evidence };
  }
  const outcomes = resolution.found.map((found) => applyTest(test, found, label, scope));
  return conjunction(outcomes, { place: scope.header, fact: label });
}

/** Reads a port bound: a number, or a numeric string. */
function portOf(scope: Scope, path: readonly string[]): { port?: number; found?: Found; unknown?: string } {
  const found = resolve(scope, path).found[0];
  if (!found) return {};
  if (found.value.kind === 'unknown') return { found, unknown: found.value.reason };
  const port = asNumber(found.value);
  return port === undefined ? { found } : { port, found };
}

function evaluatePortRange(condition: PortRangeCondition, scope: Scope): Outcome {
  const label = scope.label ? `${scope.label} ports` : 'ports';
  const protocol = condition.protocol ? resolve(scope, condition.protocol).found[0] : undefined;
  const protocolText = protocol ? asString(protocol.value) : undefined;
  if (protocol && protocolText !== undefined && isAllProtocols(protocolText)) {
    return { verdict: 'true', evidence: { place: protocol.place, fact: `protocol ${renderValue(protocol.value)} allows every port`, value: protocol.value } };
  }
  const from = portOf(scope, condition.from);
  const to = portOf(scope, condition.to);
  const unknown = from.unknown ?? to.unknown;
  if (unknown !== undefined) {
    return { verdict: 'unknown', evidence: { place: (from.found ?? to.found ?? { place: scope.header }).place, fact: `${label} are not known` }, reason: `${label}: ${unknown}` };
  }
  const place = from.found?.place ?? scope.header;
  if (from.port === undefined || to.port === undefined) return { verdict: 'false', evidence: { place, fact: `${label} are not set` } };
  const includes = fromToIncludesPort(from.port, to.port, condition.port);
  if (!includes && protocol?.value.kind === 'unknown') {
    // An unknown protocol may be "-1" (all ports), so a range that misses the port proves nothing.
    return { verdict: 'unknown', evidence: { place: protocol.place, fact: 'protocol is not known' }, reason: `protocol: ${protocol.value.reason}` };
  }
  const range = from.port === to.port ? `${from.port}` : `${from.port}-${to.port}`;
  const fact = includes ? `${label} ${range} include ${condition.port}` : `${label} ${range} do not include ${condition.port}`;
  return { verdict: truth(includes), evidence: { place, fact } };
}

function evaluateBlocks(condition: BlocksCondition, scope: Scope): Outcome {
  const label = labelOf(scope, condition.path);
  const resolution = resolveScopes(scope, condition.path);
  const outcome = quantify(condition, scope, label, resolution);
  if (!resolution.uncertain) return outcome;
  const certain = quantify(condition, scope, label, resolveScopes(scope, condition.path, { certainOnly: true }));
  return eitherWay(certain, outcome, resolution.uncertain, label);
}

function quantify(condition: BlocksCondition, scope: Scope, label: string, resolution: ReturnType<typeof resolveScopes>): Outcome {
  const { scopes, unknown, unknownAt } = resolution;
  const outcomes = scopes.map((s) => evaluate(condition.condition, s));
  if (unknown) outcomes.push({ verdict: 'unknown', evidence: { place: unknownAt ?? scope.header, fact: `${label} is not known` }, reason: `${label}: ${unknown.reason}` });
  const none: Evidence = { place: scope.header, fact: `no ${label} block` };
  switch (condition.quantifier) {
    case 'all':
      return conjunction(outcomes, none);
    case 'any':
      return disjunction(outcomes, none);
    case 'none':
      return negate(disjunction(outcomes, none));
  }
}
