// What a user does in the workbench (command palette, Quick Open, Go to Line, Ctrl+.) and what
// they see (squiggles, the status bar). Selectors are VS Code's own DOM (1.139); the texts use
// NBSP for spaces, so text patterns match spaces with \s. Problems panel helpers: problems.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { log } from './config.mjs';
import { session } from './editor.mjs';

const page = () => session.page;
export const quickInput = () => page().locator('.quick-input-widget .quick-input-box input');
export const quickRow = (text) => page().locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
export const statusItem = () => page().locator('.statusbar-item').filter({ hasText: /tfpolicy/ }).first();
export const editorLines = () => page().locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
/** The ready status item ("$(shield) tfpolicy N"): with a number, showing that count; 'any': some count; none: with or without one. */
export const readyStatus = (count) => page().locator('.statusbar-item:has(.codicon-shield)')
  .filter({ hasText: count === undefined ? /^\s*tfpolicy(\s+\d+)?\s*$/ : new RegExp(`^\\s*tfpolicy\\s+${count === 'any' ? '\\d+' : count}\\s*$`) }).first();

/** The number the status item shows ("tfpolicy N"), NaN when it shows none. */
export async function statusCount() {
  return Number(/tfpolicy\s+(\d+)/.exec((await statusItem().textContent()) ?? '')?.[1]);
}

export async function runCommand(title) {
  const p = page();
  await p.keyboard.press('F1');
  await quickInput().waitFor();
  await quickInput().fill(`>${title}`);
  await quickRow(title.replace(/^.*: /, '')).waitFor();
  await p.keyboard.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Quick Open (Ctrl+P) a file of the workspace root (not modules/…), clicking its row once the list shows the search result. */
export async function openFile(name) {
  const p = page();
  await p.keyboard.press('Escape'); // a suggest widget from typing must not take the keys
  await p.keyboard.press('Control+P');
  await quickInput().waitFor();
  await quickInput().fill(name);
  const rows = p.locator('.quick-input-list .monaco-list-row');
  // The list first shows recently opened files; the search result replaces it.
  await rows.first().filter({ hasText: name }).waitFor();
  await p.waitForFunction(() => !document.querySelector('.quick-input-widget .quick-input-progress-bar.active, .quick-input-widget .monaco-progress-container.active'));
  await rows.filter({ hasText: name }).filter({ hasNotText: 'modules' }).first().click();
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await p.locator(`.tab.active[data-resource-name="${name}"], .tab.active:has-text("${name}")`).first().waitFor();
  await editorLines().waitFor();
}

/** Puts the cursor at line:column in the active editor (Go to Line), waiting until the editor has focus again. */
export async function goTo(line, column) {
  const p = page();
  await editorLines().click();
  await p.keyboard.press('Control+G');
  await quickInput().waitFor();
  await p.keyboard.type(`${line}:${column}`);
  await p.keyboard.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await p.waitForFunction(() => !!document.activeElement?.closest('.editor-instance .monaco-editor'));
  await p.waitForFunction((l) => [...document.querySelectorAll('.statusbar-item')].some((e) => new RegExp(`Ln ${l},`).test(e.textContent ?? '')), line);
}

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.) and returns its row `label`. Ctrl+. pressed
 * before the code actions for the cursor arrived is ignored: the lightbulb shows they did, and the
 * key is pressed again (up to 3 times) if the menu still does not show the row.
 */
export async function quickFixMenu(label) {
  const p = page();
  await p.locator('.monaco-editor .lightBulbWidget').first().waitFor();
  const row = p.locator('.action-widget .monaco-list-row').filter({ hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await p.keyboard.press('Control+.');
    try { await row.waitFor({ timeout: 5_000 }); return row; } catch {
      if (attempt === 3) throw new Error(`quick-fix menu without "${label}": ${JSON.stringify(await p.locator('.action-widget .monaco-list-row').allTextContents())}`);
      log(`     quick-fix menu without "${label}" (attempt ${attempt}), retrying`);
      await p.keyboard.press('Escape');
    }
  }
}

/**
 * The squiggles of the active editor on a given line, by geometry: the line's number in the
 * gutter gives its vertical position, and each squiggle's box is reported with the text under it.
 */
export async function squigglesOnLine(line) {
  return page().evaluate((lineNo) => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
    if (!editor) return { found: false, squiggles: [] };
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent?.trim() === String(lineNo));
    if (!number) return { found: false, squiggles: [] };
    const nb = number.getBoundingClientRect();
    const mid = nb.top + nb.height / 2;
    const viewLine = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => { const r = e.getBoundingClientRect(); return r.top <= mid && r.bottom >= mid; });
    const text = (viewLine?.textContent ?? '').replace(/\u00a0/g, ' ');
    // Character offsets → x positions, through a DOM range over the line's text nodes.
    const xOf = (offset) => {
      if (!viewLine) return 0;
      const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
      let left = offset;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent.length;
        if (left <= len) {
          const r = document.createRange();
          r.setStart(n, left); r.setEnd(n, left);
          return r.getBoundingClientRect().left;
        }
        left -= len;
      }
      return viewLine.getBoundingClientRect().right;
    };
    const squiggles = [...editor.querySelectorAll('.view-overlays [class*="squiggly-"]')].flatMap((s) => {
      const r = s.getBoundingClientRect();
      if (!(r.top <= mid && r.bottom >= mid) || r.width === 0) return [];
      // The characters under the squiggle.
      let from = -1; let to = -1;
      for (let i = 0; i <= text.length; i++) {
        const x = xOf(i);
        if (from < 0 && x >= r.left - 1) from = i;
        if (x <= r.right + 1) to = i;
      }
      const kind = /squiggly-(error|warning|info|hint)/.exec(s.className)?.[1] ?? s.className;
      return [{ kind, text: from >= 0 ? text.slice(from, to) : '', from: from + 1 }];
    });
    return { found: true, text, squiggles };
  }, line);
}

/** Waits until `predicate(squigglesOnLine(line))` holds, checking again after every animation frame. */
export async function waitForLine(line, predicate, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await squigglesOnLine(line);
    if (last.found && predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`line ${line}: ${what}; last seen: ${JSON.stringify(last)}`);
    // Next check after the next DOM change or frame (no fixed sleep).
    await page().waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  }
}

/** Waits until the file on disk satisfies `predicate` (fs.watch on its directory, no polling). */
export async function waitForFile(file, predicate, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  const check = () => { try { return predicate(fs.readFileSync(file, 'utf8')); } catch { return false; } };
  if (check()) return;
  await new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => { if (check()) { watcher.close(); clearTimeout(timer); resolve(); } });
    const timer = setTimeout(() => { watcher.close(); check() ? resolve() : reject(new Error(`${file} on disk: not as expected:\n${fs.readFileSync(file, 'utf8')}`)); }, Math.max(0, deadline - Date.now()));
  });
}
