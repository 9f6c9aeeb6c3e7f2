// Main scenario, first steps: the workbench opens the fixture, the extension activates, and the
// findings of the root module show up as squiggles, in the status bar and in the Problems panel.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { FIXTURE, OUT, log, root, timings } from '../lib/config.mjs';
import { session } from '../lib/editor.mjs';
import { filterProblems, waitForProblemCounts, waitForProblemRow, waitForProblem } from '../lib/problems.mjs';
import { step } from '../lib/runner.mjs';
import { openFile, readyStatus, squigglesOnLine, statusCount, statusItem, waitForLine } from '../lib/workbench.mjs';

/**
 * The findings of the fixture by the severity the editor shows them with (the default
 * tfpolicy.diagnosticSeverity: critical and high are errors, medium warnings, low information),
 * from `tfpolicy scan --format json` of the same build. Opening network.tf analyses the root
 * module and modules/storage (through module "logs"): every directory the CLI scans.
 */
function expectedFindings() {
  const scan = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'scan', FIXTURE, '--format', 'json'], { encoding: 'utf8' });
  let findings;
  try { ({ findings } = JSON.parse(scan.stdout)); } catch { throw new Error(`tfpolicy scan ${FIXTURE} -> ${scan.status}: ${scan.stderr || scan.stdout}`); }
  // The editor also marks each module call argument that passes a finding's value (related kind
  // "module-argument"), with the finding's severity.
  const shown = findings.flatMap((f) => [f, ...f.related.filter((r) => r.kind === 'module-argument').map(() => f)]);
  const count = (...severities) => shown.filter((f) => severities.includes(f.severity)).length;
  return { errors: count('critical', 'high'), warnings: count('medium'), infos: count('low') };
}

export async function basicSteps() {
  const page = session.page;
  let t = 0; // Ctrl+P → squiggle under the finding

  await step('workbench loads the workspace', async () => {
    await page.goto(`${session.base}/?folder=${encodeURIComponent(session.ws)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'network.tf' }).first().waitFor();
  }, { critical: true });

  await step('extension activates: status bar item "tfpolicy" appears', async () => {
    // Activation by workspaceContains:**/*.{tf,tfvars}, before any file is opened. The item first
    // shows a spinner, then "$(shield) tfpolicy N" once the server reported 'ready'.
    await statusItem().waitFor({ timeout: 60_000 });
    // Ready: the spinner ($(sync~spin)) is replaced by the shield; a count may follow.
    await readyStatus().waitFor({ timeout: 60_000 });
    log(`     status bar: "${(await statusItem().textContent())?.trim()}" (${await statusItem().getAttribute('aria-label')})`);
  }, { critical: true });

  await step('open network.tf: language mode Terraform', async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    t = Date.now();
    await openFile('network.tf');
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Terraform' }).waitFor();
  }, { critical: true });

  await step('error squiggle under "0.0.0.0/0" of the SSH ingress rule (line 11)', async () => {
    const seen = await waitForLine(11, (l) => l.squiggles.some((s) => s.kind === 'error' && s.text.includes('"0.0.0.0/0"')), 'no error squiggle under "0.0.0.0/0"', 60_000);
    timings.openToSquiggle = Date.now() - t;
    log(`     line 11 "${seen.text.trim()}": ${JSON.stringify(seen.squiggles)}`);
    // The egress rule's 0.0.0.0/0 (line 26) is not a finding.
    const egress = await squigglesOnLine(26);
    if (egress.squiggles.length) throw new Error(`unexpected squiggle on line 26: ${JSON.stringify(egress)}`);
    await page.screenshot({ path: path.join(OUT, '1-network-squiggle.png') });
  });

  await step('status bar counts the findings ("tfpolicy N"): as many as the workbench shows and tfpolicy scan reports', async () => {
    const expected = expectedFindings();
    const total = expected.errors + expected.warnings + expected.infos;
    await readyStatus(total).waitFor();
    // Diagnostics and the status notification travel separately: wait until the workbench has them all.
    const counts = await waitForProblemCounts(expected);
    log(`     status bar: tfpolicy ${await statusCount()}; problems ${JSON.stringify(counts)}; ${JSON.stringify(await statusItem().getAttribute('aria-label'))}`);
  });

  await step('Problems panel lists the finding: source tfpolicy, code aws-security-group-ssh-open-to-world', async () => {
    const text = await waitForProblem('ssh-open-to-world', /tfpolicy\s*\(?aws-security-group-ssh-open-to-world\)?/, 'for network.tf');
    log(`     row: ${text}`);
    if (!/Security group allows SSH/.test(text) || !/\[Ln 11, Col 20\]/.test(text)) throw new Error(`unexpected row text: ${text}`);
    await page.screenshot({ path: path.join(OUT, '2-problems.png') });
    await filterProblems('');
  });

  await step('a medium finding is a warning: squiggly-warning on other-clouds.tf line 1, "Warning" in Problems', async () => {
    // The Azure storage account (line 1) has a high finding (public blob access) and a medium one
    // (network default action) on the same range: one error and one warning squiggle.
    await openFile('other-clouds.tf');
    const seen = await waitForLine(1, (l) => l.squiggles.some((s) => s.kind === 'warning') && l.squiggles.some((s) => s.kind === 'error'),
      'no warning squiggle next to the error one on the storage account');
    const warning = seen.squiggles.find((s) => s.kind === 'warning');
    if (warning.text !== 'resource "azurerm_storage_account" "reports" {') throw new Error(`warning squiggle under ${JSON.stringify(warning.text)}`);
    log(`     line 1: ${JSON.stringify(seen.squiggles)}`);
    const row = await waitForProblemRow('azure-storage-account-network-default-allow', /Storage account accepts traffic from all networks/, 'for the medium finding');
    const label = (await row.getAttribute('aria-label')) ?? '';
    if (!/^Warning: Storage account accepts traffic from all networks/.test(label)) throw new Error(`Problems row is not a warning: ${label}`);
    await row.locator('.codicon-warning').first().waitFor();
    log(`     row: ${label}`);
    await page.screenshot({ path: path.join(OUT, '3-warning.png') });
    await filterProblems('');
  });
}
