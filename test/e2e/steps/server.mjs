// Main scenario, last steps: the server's log in the Output panel, and restarting the server.
import path from 'node:path';
import { OUT, log } from '../lib/config.mjs';
import { session } from '../lib/editor.mjs';
import { problemCounts } from '../lib/problems.mjs';
import { step } from '../lib/runner.mjs';
import { goTo, openFile, readyStatus, runCommand, statusCount, waitForLine } from '../lib/workbench.mjs';

/** The server's first log line, once per start (server/src/lsp/server.ts). */
const STARTED = /tfpolicy\slanguage\sserver\sstarted\s\(Node\sv\d+/;

/**
 * Waits until the status item's count is the workbench's problem count (all of them are ours),
 * and, when `expected` is given, equal to it.
 */
async function waitForConsistentCount(expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const count = await statusCount();
    const problems = await problemCounts();
    const consistent = problems && count > 0 && count === problems.errors + problems.warnings + problems.infos;
    if (consistent && (expected === undefined || count === expected)) return { count, problems };
    if (Date.now() > deadline) throw new Error(`status bar tfpolicy ${count}, problem counts ${JSON.stringify(problems)}`);
    await session.page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  }
}

export async function serverSteps() {
  const page = session.page;
  // Lines of the Output view in the panel (only visible lines are in the DOM; this log is short).
  const outputLines = (pattern) => page.locator('.part.panel .view-lines .view-line').filter({ hasText: pattern });

  await step('"tfpolicy: Show Output" shows the server\'s log in the Output panel', async () => {
    await runCommand('tfpolicy: Show Output');
    await outputLines(STARTED).first().waitFor();
    await outputLines(/loaded\s\d+\spolicies\sfrom\s/).first().waitFor();
    const started = await outputLines(STARTED).count();
    if (started !== 1) throw new Error(`${started} start-up lines in the output before any restart`);
    log(`     output: ${(await outputLines(STARTED).first().textContent())?.replace(/\u00a0/g, ' ')}`);
    await page.screenshot({ path: path.join(OUT, '12-output.png') });
  });

  await step('"tfpolicy: Restart Language Server": a new server starts and reports the findings again', async () => {
    const before = await statusCount();
    const counts = await problemCounts();
    if (!(before > 0)) throw new Error(`status bar shows no count before the restart: ${before}`);
    // The spinner shows only while the server starts, which can be shorter than a poll: record
    // every state the status item goes through.
    await page.evaluate(() => {
      const seen = (window.__tfpolicyStates = []);
      const record = () => {
        const item = [...document.querySelectorAll('.statusbar-item')].find((e) => /tfpolicy/.test(e.textContent ?? ''));
        if (item) seen.push(item.querySelector('.codicon-sync, .codicon-loading') ? 'starting' : (item.textContent ?? '').trim());
      };
      new MutationObserver(record).observe(document.querySelector('.part.statusbar'), { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await runCommand('tfpolicy: Restart Language Server');
    // The new server's start-up line follows the old one in the Output panel.
    await outputLines(/restarting\sthe\slanguage\sserver/).first().waitFor();
    await outputLines(STARTED).nth(1).waitFor();
    await page.waitForFunction(() => window.__tfpolicyStates.includes('starting'));
    // The new server analyses the open documents' modules again (with minimumSeverity medium
    // still applied), and the client repeats the earlier workspace scan, so the findings of
    // modules no open document belongs to (scan-only/) come back: the same count as before.
    await readyStatus('any').waitFor();
    const after = await waitForConsistentCount(before);
    if (after.problems.infos !== 0) throw new Error(`the new server ignores minimumSeverity: ${JSON.stringify(after.problems)}`);
    const states = await page.evaluate(() => window.__tfpolicyStates);
    log(`     status bar: ${[...new Set(states)].join(' -> ')}; tfpolicy ${before} ${JSON.stringify(counts)} -> ${after.count} ${JSON.stringify(after.problems)}`);
    await openFile('main.tf');
    await goTo(30, 27);
    await waitForLine(30, (l) => l.squiggles.some((s) => s.kind === 'error' && /false/.test(s.text)), 'no squiggle under storage_encrypted = false after the restart');
    await page.screenshot({ path: path.join(OUT, '13-restarted.png') });
  });
}
