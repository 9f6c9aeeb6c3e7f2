// Main scenario, editing main.tf: a quick fix that changes a value, a half-written block typed at
// the end (our syntax error while typing, Terraform's own on save), and removing it again.
import path from 'node:path';
import { MAIN_TF_FIXED, OUT, log } from '../lib/config.mjs';
import { session } from '../lib/editor.mjs';
import { filterProblems, noProblems, problemTexts, waitForProblem } from '../lib/problems.mjs';
import { step } from '../lib/runner.mjs';
import { editorLines, goTo, openFile, quickFixMenu, waitForFile, waitForLine } from '../lib/workbench.mjs';

export async function editingSteps() {
  const page = session.page;
  const mainTf = path.join(session.ws, 'main.tf');

  await step('quick fix (Ctrl+.) "Set publicly_accessible = false" in main.tf removes the squiggle', async () => {
    await openFile('main.tf');
    await goTo(31, 27);
    await waitForLine(31, (l) => l.squiggles.some((s) => s.kind === 'error' && /true/.test(s.text)), 'no error squiggle under publicly_accessible = true');
    const fix = await quickFixMenu('Set publicly_accessible = false');
    const menu = await page.locator('.action-widget .monaco-list-row').allTextContents();
    log(`     menu: ${JSON.stringify(menu)}`);
    // The suppress actions are offered next to the fix (not applied here: the fix is).
    for (const wanted of ['Suppress aws-rds-publicly-accessible on this line', 'Suppress aws-rds-publicly-accessible for aws_db_instance.orders']) {
      if (!menu.some((row) => row.includes(wanted))) throw new Error(`quick-fix menu without "${wanted}": ${JSON.stringify(menu)}`);
    }
    await page.screenshot({ path: path.join(OUT, '4-quickfix-menu.png') });
    await fix.click();
    await fix.waitFor({ state: 'hidden' });
    const after = await waitForLine(31, (l) => /publicly_accessible\s*=\s*false/.test(l.text), 'text not changed to publicly_accessible = false');
    await waitForLine(31, (l) => l.squiggles.length === 0, 'the squiggle stayed after the fix');
    // The other findings of main.tf stay (storage_encrypted = false on line 30).
    await waitForLine(30, (l) => l.squiggles.some((s) => s.kind === 'error'), 'the storage_encrypted finding went away too');
    log(`     line 31 now "${after.text.trim()}"`);
    await page.keyboard.press('Control+S');
    // Saved: exactly the one value changed, nothing else in the file.
    await waitForFile(mainTf, (text) => text === MAIN_TF_FIXED);
    await page.screenshot({ path: path.join(OUT, '5-quickfix-applied.png') });
  });

  await step('typing a half-written block shows a syntax error while the other findings stay', async () => {
    // End of main.tf: a new resource block typed as a user would (the editor auto-closes the brace).
    await editorLines().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('resource "aws_s3_bucket" "half" {');
    await page.keyboard.press('Enter');
    await page.keyboard.type('acl =');
    await editorLines().filter({ hasText: /"half"\s\{\s*acl\s=\s*\}/ }).waitFor();
    // The squiggle in the editor first (the server's answer to the last keystroke), then the Problems panel.
    await waitForLine(41, (l) => l.squiggles.some((sq) => sq.kind === 'error'), 'no syntax error squiggle after "acl ="');
    const text = await waitForProblem('syntax', /Invalid expression.*tfpolicy\s*\(?syntax\)?\s*\[Ln 41, Col 8\]/, 'for the syntax error');
    log(`     syntax row: ${text}`);
    // The policy findings of main.tf are still shown.
    await waitForLine(30, (l) => l.squiggles.some((s) => s.kind === 'error' && /false/.test(s.text)), 'the storage_encrypted finding disappeared while the file has a syntax error');
    await waitForProblem('aws-ebs-volume-unencrypted', /tfpolicy\s*\(?aws-ebs-volume-unencrypted\)?/, 'for main.tf\'s EBS volume');
    await filterProblems('main.tf');
    log(`     problems of main.tf while the syntax error is there:\n${(await problemTexts()).map((l) => `        ${l}`).join('\n')}`);
    await page.screenshot({ path: path.join(OUT, '6-syntax-error.png') });
    await filterProblems('');
  });

  await step('saving the broken file: Terraform\'s own syntax check (hcl2json WASM) replaces our message', async () => {
    await editorLines().click();
    await page.keyboard.press('Control+S');
    await waitForFile(mainTf, (text) => text.includes('"half"'));
    const text = await waitForProblem('syntax', /Expected the start of an expression, but found an invalid expression token.*tfpolicy\s*\(?syntax/, 'with Terraform\'s wording');
    log(`     syntax row after save: ${text}`);
    const syntaxRows = (await problemTexts()).filter((t) => /tfpolicy \(?syntax\)? \[Ln/.test(t));
    if (syntaxRows.length !== 1) throw new Error(`expected one syntax error, got ${JSON.stringify(syntaxRows)}`);
    await filterProblems('');
    // Delete the half-written block again and save: the syntax error goes, the file is as before.
    await goTo(39, 1);
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+S');
    await waitForFile(mainTf, (t) => t === MAIN_TF_FIXED);
    await filterProblems('syntax');
    await noProblems('a syntax error is still shown after the block was removed and the file saved');
    await filterProblems('');
  });
}
