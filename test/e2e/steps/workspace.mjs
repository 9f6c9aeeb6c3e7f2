// Main scenario, beyond one file: the workspace scan, a tfvars edit flowing into a module, the
// documentation code action, a quick fix that inserts an attribute, and a user setting.
import fs from 'node:fs';
import path from 'node:path';
import { MAIN_TF_FIXED, OUT, SCAN_ONLY_DIR, SCAN_ONLY_FILE, log, timings } from '../lib/config.mjs';
import { session } from '../lib/editor.mjs';
import { filterProblems, markerRows, noProblems, waitForProblem } from '../lib/problems.mjs';
import { step } from '../lib/runner.mjs';
import { goTo, openFile, quickFixMenu, runCommand, statusCount, statusItem, waitForFile, waitForLine } from '../lib/workbench.mjs';

export async function workspaceSteps() {
  const page = session.page;

  await step('command palette "tfpolicy: Scan Workspace": Problems then lists findings of files never opened', async () => {
    // Before the scan: the module in scan-only/ is not called by the root module, so nothing analysed it.
    await filterProblems(SCAN_ONLY_DIR);
    await noProblems(`${SCAN_ONLY_DIR}/ has problems before the scan`);
    await filterProblems('');
    const t = Date.now();
    await runCommand('tfpolicy: Scan Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: /tfpolicy:\s\d+\sfindings\sin\s\d+\sfiles/ }).first();
    await toast.waitFor({ timeout: 60_000 });
    timings.scan = Date.now() - t;
    log(`     toast: ${(await toast.locator('.notification-list-item-message').innerText()).replace(/\u00a0/g, ' ')}`);
    const scanOnly = await waitForProblem('gcp-compute-firewall-rdp', /tfpolicy\s*\(?gcp-compute-firewall-rdp-open-to-world/, `for ${SCAN_ONLY_DIR}/${SCAN_ONLY_FILE}`);
    log(`     scan-only row: ${scanOnly}`);
    const other = await waitForProblem('gcp-compute-firewall-ssh', /tfpolicy\s*\(?gcp-compute-firewall-ssh-open-to-world\)?/, 'for other-clouds.tf');
    log(`     other-clouds.tf row: ${other}`);
    await filterProblems('other-clouds.tf');
    await markerRows().filter({ hasText: 'Storage account allows unencrypted HTTP' }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, '7-scan-workspace.png') });
    await filterProblems('');
  });

  await step('editing terraform.tfvars (unsaved) re-analyses the module it feeds: the public-ACL finding and its mark on the module call go', async () => {
    // logs_acl = "public-read" reaches modules/storage through module "logs"; "private" clears it.
    // The finding shows on the module's resource and on the call's `acl = var.logs_acl` argument.
    await waitForProblem('aws-s3-bucket-public-acl', /tfpolicy\s*\(?aws-s3-bucket-public-acl/, 'for modules/storage/main.tf');
    await waitForProblem('in module.logs', /\(in module\.logs\.aws_s3_bucket\.this\)/, 'for the module call argument in main.tf');
    await filterProblems('');
    const before = await statusCount();
    await openFile('terraform.tfvars');
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Terraform Variables' }).waitFor();
    await goTo(2, 13);
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.type('private"');
    await waitForLine(2, (l) => l.text.trim() === 'logs_acl = "private"', 'the edit did not give logs_acl = "private"');
    await page.locator('.statusbar-item').filter({ hasText: new RegExp(`^\\s*tfpolicy\\s+${before - 2}\\s*$`) }).first().waitFor();
    log(`     status bar: tfpolicy ${before} -> ${before - 2}`);
    await page.screenshot({ path: path.join(OUT, '8-tfvars-edit.png') });
  });

  await step('quick-fix menu "Show documentation for …" opens the policy\'s README (rendered)', async () => {
    await openFile('main.tf');
    await goTo(30, 27);
    await waitForLine(30, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'no squiggle under storage_encrypted = false');
    const docs = await quickFixMenu('Show documentation for aws-rds-storage-unencrypted');
    await docs.click();
    await page.locator('.tab.active').filter({ hasText: /Preview README\.md/ }).first().waitFor();
    await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame')
      .locator('h1').filter({ hasText: 'aws-rds-storage-unencrypted' }).waitFor();
    await page.screenshot({ path: path.join(OUT, '9-policy-docs.png') });
  });

  await step('quick fix that inserts a missing attribute: "Set encrypted = true" on the EBS volume', async () => {
    await openFile('main.tf');
    await goTo(35, 3);
    await waitForLine(35, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'no squiggle on the aws_ebs_volume block');
    const fix = await quickFixMenu('Set encrypted = true');
    await fix.click();
    await fix.waitFor({ state: 'hidden' });
    await waitForLine(38, (l) => /^\s*encrypted\s*=\s*true\s*$/.test(l.text), 'no "encrypted = true" line inserted as line 38');
    await waitForLine(35, (l) => l.squiggles.length === 0, 'the squiggle on the aws_ebs_volume block stayed after the fix');
    await page.keyboard.press('Control+S');
    const expected = MAIN_TF_FIXED.replace('  size              = 40\n}', '  size              = 40\n  encrypted = true\n}');
    if (expected === MAIN_TF_FIXED) throw new Error('fixture changed: aws_ebs_volume block not found');
    const mainTf = path.join(session.ws, 'main.tf');
    try {
      await waitForFile(mainTf, (text) => text === expected);
    } catch {
      throw new Error(`main.tf after the insert fix:\n${fs.readFileSync(mainTf, 'utf8').split('\n').slice(33).join('\n')}`);
    }
    await page.screenshot({ path: path.join(OUT, '10-insert-fix.png') });
  });

  await step('changing tfpolicy.minimumSeverity in the user settings hides the low findings', async () => {
    await waitForProblem('aws-rds-deletion-protection-disabled', /tfpolicy\s*\(?aws-rds-deletion-protection-disabled/, '(a low finding) before the change');
    await filterProblems('');
    const before = await statusCount();
    // Edited as a user does: Preferences: Open User Settings (JSON), replace the text, save. (Writing
    // the file behind the workbench's back is not noticed by code-server.)
    const settingsFile = path.join(session.userDir, 'User', 'settings.json');
    const settings = { ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'tfpolicy.minimumSeverity': 'medium' };
    await runCommand('Preferences: Open User Settings (JSON)');
    // VS Code 1.139 opens it in a modal editor over the workbench.
    const settingsLines = page.locator('.monaco-editor .view-lines').filter({ hasText: 'workbench.startupEditor' }).first();
    await settingsLines.waitFor();
    await settingsLines.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(settings)); // one line: no auto-indent
    await page.keyboard.press('Control+Shift+End'); // whatever the editor auto-closed after the cursor
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+S');
    await waitForFile(settingsFile, (text) => { try { return JSON.parse(text)['tfpolicy.minimumSeverity'] === 'medium'; } catch { return false; } });
    await page.waitForFunction((n) => [...document.querySelectorAll('.statusbar-item')].some((e) => {
      const m = /^\s*tfpolicy\s+(\d+)\s*$/.exec((e.textContent ?? '').replace(/\u00a0/g, ' '));
      return m && Number(m[1]) < n;
    }), before);
    log(`     status bar: tfpolicy ${before} -> ${(await statusItem().textContent())?.trim()}`);
    // No Information markers are left (low → information by default): the status bar's problem counts.
    await page.waitForFunction(() => {
      const item = document.getElementById('status.problems');
      return !!item && !!item.querySelector('.codicon-error') && !item.querySelector('.codicon-info');
    });
    await page.screenshot({ path: path.join(OUT, '11-minimum-severity.png') });
    // Close the settings editor (a modal over the workbench: Escape) for the next steps.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Escape');
      try { await settingsLines.waitFor({ state: 'hidden', timeout: 5_000 }); break; } catch (e) { if (attempt === 3) throw e; }
    }
  });
}
