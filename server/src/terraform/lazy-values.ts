// Memoized, cycle-safe evaluation of named values (locals, variables, outputs) across all module
// instances of one model build. Each value is computed at most once, on first use — so a resource
// that references nothing costs nothing — and a value that (indirectly) needs itself becomes
// Unknown, with a diagnostic on every member of the cycle that is declared somewhere.

import type { Range } from '../hcl/ast';
import type { ModelDiagnostic, Value } from './model';
import { unknownValue } from './values';

export interface NamedValueSite {
  /** Unique across the build: module instance prefix + kind + name, e.g. `module.a.local.x`. */
  readonly key: string;
  /** How users write it, e.g. `local.x`. */
  readonly label: string;
  /** Where it is declared, for the cycle diagnostic. */
  readonly file: string;
  readonly range: Range;
}

export class LazyValues {
  private readonly memo = new Map<string, Value>();
  private readonly stack: NamedValueSite[] = [];
  private readonly cycles = new Map<string, string>();

  constructor(private readonly diagnostics: ModelDiagnostic[]) {}

  get(site: NamedValueSite, compute: () => Value): Value {
    const done = this.memo.get(site.key);
    if (done) return done;
    const at = this.stack.findIndex((s) => s.key === site.key);
    if (at >= 0) return this.reportCycle(this.stack.slice(at));
    this.stack.push(site);
    let value: Value;
    try {
      value = compute();
    } finally {
      this.stack.pop();
    }
    const cycle = this.cycles.get(site.key);
    if (cycle) value = unknownValue(cycle);
    this.memo.set(site.key, value);
    return value;
  }

  private reportCycle(members: readonly NamedValueSite[]): Value {
    const path = [...members, members[0] as NamedValueSite].map((m) => m.label).join(' → ');
    const reason = `cycle: ${path}`;
    for (const member of members) {
      if (this.cycles.has(member.key)) continue;
      this.cycles.set(member.key, `${member.label} is part of a ${reason}`);
      this.diagnostics.push({ file: member.file, range: member.range, message: `${member.label} depends on itself (${reason}); its value is unknown`, severity: 'error' });
    }
    return unknownValue(`${members[0]?.label ?? 'value'} is part of a ${reason}`);
  }
}
