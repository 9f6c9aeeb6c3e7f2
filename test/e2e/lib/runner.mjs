// Runs the checks one after the other and keeps their results. A failed step leaves a screenshot
// and closes whatever menu it left open; a failed critical step skips the rest of its scenario.
import path from 'node:path';
import { OUT, log, root } from './config.mjs';
import { session } from './editor.mjs';

export const results = [];
let abort = false;

/** Starts a scenario: its steps run even when the previous scenario aborted. */
export function resetAbort() {
  abort = false;
}

/** Runs one check. `critical`: the rest cannot run without it (they are then counted as failed). */
export async function step(name, fn, { critical = false } = {}) {
  if (abort) {
    results.push({ name, ok: false, skipped: true });
    log(`SKIP ${name}`);
    return;
  }
  const t = Date.now();
  const page = session.page;
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t });
    log(`PASS ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t, error: String(e?.message ?? e) });
    log(`FAIL ${name} (${Date.now() - t} ms): ${String(e?.message ?? e).split('\n').slice(0, 6).join('\n        ')}`);
    const shot = `failure-${results.length}.png`;
    await page?.screenshot({ path: path.join(OUT, shot) }).catch(() => {});
    log(`     screenshot ${path.relative(root, path.join(OUT, shot))}`);
    if (critical) abort = true;
    // Leave no menu or widget open for the next step.
    for (let i = 0; i < 3; i++) await page?.keyboard.press('Escape').catch(() => {});
  }
}
