// The extension in a real VS Code: installs the packaged .vsix into code-server, drives the
// workbench with headless Chromium (playwright-core), and checks what a user sees: the language
// mode, the squiggle, the Problems panel, the status bar, the quick fix, the docs command, the
// output channel and a server restart. Waits on events, never on fixed sleeps.
//
// Tools: `eval "$(bash test/e2e/setup.sh | sed 's/^/export /')"`, then `npm run package` and
// `node test/e2e/run-e2e.mjs`. Env: CS_BIN, CS_NODE_DIR, PLAYWRIGHT_CORE, CHROMIUM, VSIX, PORT,
// OUT_DIR. Exits 0 when every step passed, 1 otherwise, 2 when the tools are missing; prints
// "N passed, N failed" last. Screenshots and logs go to test-results/e2e/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env0 = process.env;
const CS_BIN = env0.CS_BIN ?? '';
const CS_NODE_DIR = env0.CS_NODE_DIR ?? '';
const CHROMIUM = env0.CHROMIUM ?? '/usr/bin/chromium';
const VSIX = env0.VSIX ?? path.join(root, 'dist/tfpolicy.vsix');
const PORT = Number(env0.PORT ?? 8931);
const OUT = path.resolve(env0.OUT_DIR ?? path.join(root, 'test-results/e2e'));
for (const [name, file] of [['CS_BIN', CS_BIN], ['CS_NODE_DIR', CS_NODE_DIR], ['PLAYWRIGHT_CORE', env0.PLAYWRIGHT_CORE ?? ''], ['CHROMIUM', CHROMIUM], ['VSIX', VSIX]]) {
  if (!file || !fs.existsSync(file)) {
    console.error(`run-e2e: ${name} is missing (${file || 'unset'}): run test/e2e/setup.sh and npm run package first`);
    process.exit(2);
  }
}
const { chromium } = createRequire(import.meta.url)(env0.PLAYWRIGHT_CORE);

const T0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
fs.mkdirSync(OUT, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-e2e-'));
const ws = path.join(tmp, 'ws');
const userDir = path.join(tmp, 'user');
const extDir = path.join(tmp, 'ext');
// A copy: the quick fix edits the file.
fs.cpSync(path.join(root, 'test/e2e/fixture-ws'), ws, { recursive: true });
fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'chat.disableAIFeatures': true, 'git.enabled': false,
  'files.autoSave': 'off', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
}));
const configFile = path.join(tmp, 'config.yaml');
fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${PORT}\nauth: none\ncert: false\n`);
// EXTENSIONS_GALLERY='{}' turns the (unreachable) extension gallery off: nothing leaves the machine.
const env = { ...env0, PATH: `${CS_NODE_DIR}:${env0.PATH}`, EXTENSIONS_GALLERY: '{}' };
const csArgs = ['--config', configFile, '--user-data-dir', userDir, '--extensions-dir', extDir];

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} -> ${code}\n${out}`))));
  });
}

const results = [];
let server;
let browser;
let page;
async function step(name, fn) {
  if (results.some((r) => !r.ok)) {
    results.push({ name, ok: false });
    log(`SKIP ${name}`);
    return;
  }
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${e?.message ?? e}`);
    await page?.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
  }
}

const input = () => page.locator('.quick-input-widget .quick-input-box input');
const row = (text) => page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
const status = (pattern) => page.locator('.statusbar-item').filter({ hasText: pattern }).first();

async function runCommand(title) {
  await page.keyboard.press('F1');
  await input().waitFor();
  await input().fill(`>tfpolicy: ${title}`);
  await row(title).waitFor();
  await page.keyboard.press('Enter');
}

const csLog = fs.createWriteStream(path.join(OUT, 'code-server.log'));
const consoleLog = fs.createWriteStream(path.join(OUT, 'browser-console.log'));
try {
  log((await run(CS_BIN, [...csArgs, '--install-extension', VSIX])).trim().replace(/\n/g, ' | '));
  server = spawn(CS_BIN, [...csArgs, '--bind-addr', `127.0.0.1:${PORT}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
  { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout.pipe(csLog);
  server.stderr.pipe(csLog);
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 300) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.setDefaultTimeout(30_000);

  await step('workbench loads', async () => {
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.explorer-folders-view .monaco-list-row:has-text("main.tf")').first().waitFor();
  });
  await step('open main.tf', async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await input().waitFor();
    await input().fill('main.tf');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active:has-text("main.tf")').first().waitFor();
  });
  await step('language mode is Terraform', async () => {
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Terraform' }).waitFor();
  });
  await step('error squiggle (high) and warning squiggle (medium) appear', async () => {
    await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-overlays .squiggly-warning').first().waitFor();
  });
  await step('status bar counts 2 findings', async () => {
    await status(/tfpolicy 2$/).waitFor();
  });
  await step('Problems panel: message, source and policy id', async () => {
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'S3 bucket ACL grants public access' }).first();
    await problem.waitFor();
    const label = await problem.getAttribute('aria-label');
    if (!/acl is "public-read" at line 3 and character 12\. generated by tfpolicy/.test(label ?? '')) throw new Error(`unexpected row: ${label}`);
    await page.locator('.markers-panel').filter({ hasText: 'aws-s3-bucket-public-acl' }).waitFor();
    await page.screenshot({ path: path.join(OUT, '1-findings.png') });
  });
  await step('quick fix via Ctrl+. sets acl = "private"', async () => {
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await input().waitFor();
    await page.keyboard.type('3:15');
    await page.keyboard.press('Enter');
    // Ctrl+. only works once Go to Line has closed and the lightbulb shows code actions arrived.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.waitForFunction(() => !!document.activeElement?.closest('.editor-instance .monaco-editor'));
    await page.locator('.monaco-editor .lightBulbWidget').first().waitFor();
    const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Set the ACL to "private"' }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try { await fix.waitFor({ timeout: 5_000 }); break; } catch (e) {
        if (attempt === 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Show documentation for aws-s3-bucket-public-acl' }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, '2-quickfix-menu.png') });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines').filter({ hasText: /acl\s+=\s"private"/ }).first().waitFor();
    await status(/tfpolicy 1$/).waitFor();
  });
  await step('"tfpolicy: Show Policy Documentation" opens the rendered README', async () => {
    await runCommand('Show Policy Documentation');
    await page.locator('.quick-input-widget .quick-input-box input[placeholder*="documentation of a tfpolicy policy"]').first().waitFor();
    await input().fill('aws-s3-bucket-public-acl');
    await row('aws-s3-bucket-public-acl').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active').filter({ hasText: 'Preview README.md' }).first().waitFor();
    await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame')
      .locator('h1').filter({ hasText: 'aws-s3-bucket-public-acl' }).waitFor();
    await page.screenshot({ path: path.join(OUT, '3-docs.png') });
  });
  await step('"tfpolicy: Show Output" shows the server log', async () => {
    await runCommand('Show Output');
    await page.locator('.part.panel .view-lines').filter({ hasText: /tfpolicy\slanguage\sserver\sstarted/ }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, '4-output.png') });
  });
  await step('"tfpolicy: Restart Language Server": the new server reports again', async () => {
    await page.locator('.tab:has-text("main.tf")').first().click();
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await status(/tfpolicy 2$/).waitFor();
    await runCommand('Restart Language Server');
    // The second server's start-up line in the output channel proves the restart happened.
    await page.locator('.part.panel .view-line').filter({ hasText: /tfpolicy\slanguage\sserver\sstarted/ }).nth(1).waitFor();
    await status(/tfpolicy 2$/).waitFor();
    await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor();
  });
} catch (e) {
  console.error(e);
} finally {
  try { if (browser) await browser.close(); } catch { /* already gone */ }
  if (server) { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ } }
  fs.rmSync(tmp, { recursive: true, force: true });
}
const passed = results.filter((r) => r.ok).length;
log(`screenshots and logs in ${path.relative(root, OUT)}`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed > 0 && passed === results.length ? 0 : 1);
