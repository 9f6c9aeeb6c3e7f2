// The Problems panel (used through its filter box: only visible rows are in the DOM) and the
// status bar's problem counts.
import { counters, log } from './config.mjs';
import { session } from './editor.mjs';

const page = () => session.page;
export const markerRows = () => page().locator('.markers-panel .monaco-list-row');
const filterInput = () => page().locator('.markers-panel-action-filter input, .viewpane-filter input').first();

/** Shows the Problems panel filtered by `text` (what a user types into its filter box). */
export async function filterProblems(text) {
  const filter = filterInput();
  if (!(await filter.isVisible().catch(() => false))) {
    await page().keyboard.press('Control+Shift+M');
    await page().locator('.markers-panel').waitFor();
  }
  await filter.waitFor();
  await filter.fill(text);
}

/** Marker rows of the Problems panel (after filterProblems) as their aria-labels. */
export async function problemLabels() {
  return markerRows().evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''} || ${JSON.stringify(r.textContent ?? '')} || ${JSON.stringify(r.innerText)}`));
}

/** Marker rows' visible texts (after filterProblems). */
export async function problemTexts() {
  return (await markerRows().allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
}

/** After filterProblems: waits for the panel's "no results" message, which appears once the filter is applied and nothing matches. */
export async function noProblems(what) {
  try {
    await page().locator('.markers-panel .message-box-container').filter({ hasText: /No results found/ }).waitFor({ timeout: 15_000 });
  } catch {
    throw new Error(`${what}: ${JSON.stringify(await problemLabels())}`);
  }
}

/** Filters the Problems panel by `filter` and waits for a row matching `pattern`; returns the row (a Locator). */
export async function waitForProblemRow(filter, pattern, what) {
  await filterProblems(filter);
  const row = markerRows().filter({ hasText: pattern }).first();
  try {
    // The Problems view of VS Code 1.139 sometimes keeps "Showing 0 of N" for a filter typed while
    // the matching marker was being replaced (seen ~1 run in 10 with the syntax error, whose marker
    // the server re-publishes as the user types); typing the filter again shows the row. A user would do the same.
    for (let attempt = 1; ; attempt++) {
      try {
        await row.waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        counters.refilters++;
        log(`     Problems filter "${filter}" shows no match for ${pattern}: typing the filter again`);
        await filterProblems('');
        await filterProblems(filter);
      }
    }
  } catch {
    const vis = await markerRows().evaluateAll((rows) => rows.map((r) => {
      const b = r.getBoundingClientRect();
      let hidden = '';
      for (let e = r; e; e = e.parentElement) { const cs = getComputedStyle(e); if (cs.display === 'none' || cs.visibility === 'hidden') { hidden = `${e.className}:${cs.display}/${cs.visibility}`; break; } }
      return `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)} ${hidden}`;
    }));
    const filterValue = await filterInput().inputValue().catch((e) => String(e));
    throw new Error(`Problems panel (filter "${filter}", input "${filterValue}") has no row ${what} matching ${pattern}; rows: ${JSON.stringify(await problemLabels(), null, 1)}; boxes: ${JSON.stringify(vis)}`);
  }
  return row;
}

/** Like waitForProblemRow, returning the row's text (NBSP as spaces). */
export async function waitForProblem(filter, pattern, what) {
  const row = await waitForProblemRow(filter, pattern, what);
  return (await row.textContent())?.replace(/\u00a0/g, ' ');
}

/**
 * The workbench's own problem counts, from the status bar item VS Code keeps ("⊗ E ⚠ W ⓘ I"):
 * each number follows its severity's icon.
 */
export async function problemCounts() {
  return page().evaluate(() => {
    const item = document.getElementById('status.problems');
    const counts = { errors: 0, warnings: 0, infos: 0 };
    if (!item) return undefined;
    for (const [kind, key] of [['error', 'errors'], ['warning', 'warnings'], ['info', 'infos']]) {
      const icon = item.querySelector(`.codicon-${kind}`);
      if (!icon) continue;
      // The count is the text right after the icon (the next text node, up to the next icon).
      let text = '';
      for (let n = icon.nextSibling; n && !(n instanceof Element && n.classList.contains('codicon')); n = n.nextSibling) text += n.textContent ?? '';
      counts[key] = Number(text.trim()) || 0;
    }
    return counts;
  });
}

/** Waits until the status bar's problem counts are `expected` ({ errors, warnings, infos }), checking after every frame. */
export async function waitForProblemCounts(expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const counts = await problemCounts();
    if (JSON.stringify(counts) === JSON.stringify(expected)) return counts;
    if (Date.now() > deadline) {
      const text = await page().locator('#status\\.problems').textContent().catch(() => 'none');
      throw new Error(`status bar problem counts ${JSON.stringify(counts)} (text ${JSON.stringify(text)}), expected ${JSON.stringify(expected)}`);
    }
    await page().waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  }
}
