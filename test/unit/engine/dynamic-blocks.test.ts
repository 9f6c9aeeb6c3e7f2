// Blocks a `dynamic` over a collection known only after apply stands for: there may be none, one
// or many, so a test is decided only when it comes out the same with and without them — for
// exists/absent, for attribute paths through them and for blocks quantifiers alike. Unknown
// results point at the for_each value.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, span } from './harness';

function policy(require: string): string {
  return `id: test-dynamic\ntitle: T\nseverity: low\ndescription: d\nremediation: r\nrules:\n  - resources: [aws_security_group]\n    require:\n${require}`;
}

const NO_INGRESS = policy(`      message: it has ingress rules
      any:
        - attribute: ingress
          absent: true
        - attribute: ingress
          length: { equals: 0 }
`);
const HAS_INGRESS = policy('      attribute: ingress\n      exists: true\n');
const NO_OPEN_INGRESS = policy(`      blocks: ingress
      none:
        attribute: cidr_blocks
        open_to_world: true
`);
const NO_OPEN_CIDR = policy('      not:\n        attribute: ingress.cidr_blocks\n        open_to_world: true\n');
const ALL_DESCRIBED = policy('      blocks: ingress\n      all:\n        attribute: description\n        exists: true\n');

const UNKNOWN_RULES = 'dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port   = ingress.value.port\n      cidr_blocks = ["0.0.0.0/0"]\n      description = "rule"\n    }\n  }';
const OPEN_BLOCK = 'ingress {\n    from_port   = 22\n    cidr_blocks = ["0.0.0.0/0"]\n  }';
const WHY = 'dynamic "ingress" for_each is unknown: var.rules has no value: no default, and not set in terraform.tfvars, *.auto.tfvars, a var file or TF_VAR_rules';

function group(...items: string[]): string {
  return `variable "rules" {}\nresource "aws_security_group" "g" {\n  ${items.join('\n  ')}\n}\n`;
}

function report(results: ReturnType<typeof run>): string[] {
  return results.map((r) => `${r.status} ${span(r)} ${r.message}`);
}

void describe('dynamic blocks over an unknown collection', () => {
  void it('absent: the rules may or may not exist — unknown at the for_each value', () => {
    assert.deepEqual(report(run(NO_INGRESS, group(UNKNOWN_RULES))), [`unknown 3:15-3:24 T: cannot tell, ingress: ${WHY}`]);
  });

  void it('exists: unknown alone, true next to a written block', () => {
    assert.deepEqual(report(run(HAS_INGRESS, group(UNKNOWN_RULES))), [`unknown 3:15-3:24 T: cannot tell, ingress: ${WHY}`]);
    assert.deepEqual(report(run(HAS_INGRESS, group(UNKNOWN_RULES, 'ingress {}'))).map((r) => r.split(' ')[0]), ['pass']);
    assert.deepEqual(report(run(NO_INGRESS, group(UNKNOWN_RULES, 'ingress {}'))), ['fail 10:2-10:11 T: it has ingress rules']);
  });

  void it('none over blocks: an open rule inside the dynamic block is unknown, not a failure', () => {
    assert.deepEqual(report(run(NO_OPEN_INGRESS, group(UNKNOWN_RULES))), [`unknown 3:15-3:24 T: cannot tell, ingress: ${WHY}`]);
  });

  void it('none over blocks: a written open block still fails, once, at its own value', () => {
    assert.deepEqual(report(run(NO_OPEN_INGRESS, group(UNKNOWN_RULES, OPEN_BLOCK))), ['fail 12:19-12:30 T: ingress.cidr_blocks includes "0.0.0.0/0"']);
  });

  void it('an attribute path through the dynamic block is unknown too', () => {
    assert.deepEqual(report(run(NO_OPEN_CIDR, group(UNKNOWN_RULES))), [`unknown 3:15-3:24 T: cannot tell, ingress.cidr_blocks: ${WHY}`]);
  });

  void it('the same answer with and without the blocks decides: all rules described passes', () => {
    assert.deepEqual(report(run(ALL_DESCRIBED, group(UNKNOWN_RULES))).map((r) => r.split(' ')[0]), ['pass']);
  });

  void it('a known collection expands as written and decides', () => {
    const known = UNKNOWN_RULES.replace('var.rules', '[{ port = 22 }]');
    assert.deepEqual(report(run(NO_OPEN_INGRESS, group(known))), ['fail 6:21-6:32 T: ingress.cidr_blocks includes "0.0.0.0/0"']);
    assert.deepEqual(report(run(NO_OPEN_INGRESS, group(UNKNOWN_RULES.replace('var.rules', '[]')))).map((r) => r.split(' ')[0]), ['pass']);
  });
});
