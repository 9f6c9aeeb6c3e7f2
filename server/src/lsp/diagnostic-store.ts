// Which diagnostics each file shows. Several analyses may speak about one file — the callers of a
// module directory (or the directory alone while no caller is known), or the policy loader about
// a policy file — so each analysis ("origin") owns its contribution, a file shows the union
// of all contributions, and replacing an origin's contribution tells which files must be published
// again (including files that no longer have findings, whose diagnostics must be cleared).

import type { Diagnostic } from 'vscode-languageserver';

export type Contribution = ReadonlyMap<string, readonly Diagnostic[]>;

export class DiagnosticStore {
  private readonly byOrigin = new Map<string, Contribution>();
  /** Policy findings shown per file, kept up to date on every change (the status bar reads the sum). */
  private readonly findingsByUri = new Map<string, number>();

  /** Replaces one origin's diagnostics; returns the URIs whose published diagnostics may have changed. */
  replace(origin: string, contribution: Contribution): string[] {
    const previous = this.byOrigin.get(origin);
    const nonEmpty = new Map([...contribution].filter(([, list]) => list.length > 0));
    if (nonEmpty.size > 0) this.byOrigin.set(origin, nonEmpty);
    else this.byOrigin.delete(origin);
    const affected = [...new Set([...(previous?.keys() ?? []), ...contribution.keys()])];
    for (const uri of affected) {
      const count = this.diagnosticsFor(uri).filter((d) => (d.data as { kind?: string } | undefined)?.kind === 'finding').length;
      if (count > 0) this.findingsByUri.set(uri, count);
      else this.findingsByUri.delete(uri);
    }
    return affected;
  }

  /** Removes an origin entirely (e.g. a module directory that was deleted). */
  remove(origin: string): string[] {
    return this.replace(origin, new Map());
  }

  origins(): string[] {
    return [...this.byOrigin.keys()];
  }

  /** The union of every origin's diagnostics for a file, without duplicates, in a stable order. */
  diagnosticsFor(uri: string): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const contribution of this.byOrigin.values()) {
      for (const d of contribution.get(uri) ?? []) {
        const key = JSON.stringify([d.range, d.code, d.severity, d.message]);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
    return out.sort(compareDiagnostics);
  }

  /** Total number of policy findings shown (for the status bar). */
  findingCount(): number {
    let count = 0;
    for (const n of this.findingsByUri.values()) count += n;
    return count;
  }
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || String(a.code ?? '').localeCompare(String(b.code ?? ''))
    || messageText(a).localeCompare(messageText(b));
}

/** LSP 3.18 allows markup messages; we only send strings, but compare either safely. */
function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
