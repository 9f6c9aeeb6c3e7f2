// Trust scenario: a workspace opened in Restricted Mode, then trusted (onDidGrantWorkspaceTrust →
// the server loads the workspace's .tfpolicy.yaml). Only a real editor has that path.
import path from 'node:path';
import { OUT, log } from '../lib/config.mjs';
import { session } from '../lib/editor.mjs';
import { step } from '../lib/runner.mjs';
import { goTo, openFile, readyStatus, runCommand, statusItem, waitForLine } from '../lib/workbench.mjs';

export async function trustSteps() {
  const page = session.page;

  await step('[trust] Restricted Mode: built-in pack, .tfpolicy.yaml not loaded (SSH and RDP findings)', async () => {
    await page.goto(`${session.base}/?folder=${encodeURIComponent(session.ws)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'network.tf' }).first().waitFor();
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    await openFile('network.tf');
    await waitForLine(11, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'no SSH squiggle', 60_000);
    await goTo(36, 24);
    await waitForLine(36, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'no RDP squiggle: the untrusted run should use the whole built-in pack');
    log(`     status bar: ${await statusItem().getAttribute('aria-label')}`);
    await page.screenshot({ path: path.join(OUT, 'trust-1-restricted.png') });
  }, { critical: true });

  await step('[trust] granting trust loads .tfpolicy.yaml: only the SSH policy, the RDP squiggle goes', async () => {
    await runCommand('Workspaces: Manage Workspace Trust');
    const trustButton = page.locator('.workspace-trust-editor .monaco-button').filter({ hasText: /^Trust$/ }).first();
    await trustButton.waitFor();
    await trustButton.click();
    await readyStatus(1).waitFor();
    log(`     status bar: ${await statusItem().getAttribute('aria-label')}`);
    await openFile('network.tf');
    await goTo(36, 24);
    await waitForLine(36, (l) => l.squiggles.length === 0, 'the RDP squiggle stayed after trust was granted');
    await goTo(11, 20);
    await waitForLine(11, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'the SSH squiggle went too');
    await page.screenshot({ path: path.join(OUT, 'trust-2-trusted.png') });
  });
}
