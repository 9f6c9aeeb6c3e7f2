// One editor session per scenario: a fresh temp dir (workspace copy, user data, extensions),
// the .vsix installed into it, code-server started on it, and a headless Chromium page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CS_BIN, CS_NODE_DIR, FIXTURE, OUT, SCAN_ONLY_DIR, SCAN_ONLY_FILE, VSIX, env0, log, timings } from './config.mjs';

/** The current session. Steps read `session.page`, `session.ws`, … after startEditor(). */
export const session = {
  scenario: 'main', tmp: '', ws: '', userDir: '', extDir: '', base: '',
  server: undefined, browser: undefined, page: undefined, chromium: undefined,
};

/** A free TCP port on 127.0.0.1 (code-server binds only there). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fresh workspace, user-data dir and extensions dir. `trust`: Restricted Mode, with a .tfpolicy.yaml to tell. */
export function prepare(scenario, trust) {
  const s = session;
  s.scenario = scenario;
  s.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfpolicy-e2e-'));
  s.ws = path.join(s.tmp, 'insecure-project');
  s.userDir = path.join(s.tmp, 'user');
  s.extDir = path.join(s.tmp, 'ext');
  fs.cpSync(FIXTURE, s.ws, { recursive: true }); // a copy: the quick fix edits files
  // A module that no file of the root module calls and that the run never opens: only a workspace
  // scan analyses it, so its finding in the Problems panel proves that the scan ran.
  fs.mkdirSync(path.join(s.ws, SCAN_ONLY_DIR));
  fs.writeFileSync(path.join(s.ws, SCAN_ONLY_DIR, SCAN_ONLY_FILE), [
    'resource "google_compute_firewall" "scan_only_rdp" {',
    '  name    = "scan-only-rdp"',
    '  network = "default"',
    '  allow {',
    '    protocol = "tcp"',
    '    ports    = ["3389"]',
    '  }',
    '  source_ranges = ["0.0.0.0/0"]',
    '}',
    '',
  ].join('\n'));
  // Workspace configuration that only a trusted workspace may load: just the SSH policy.
  if (trust) fs.writeFileSync(path.join(s.ws, '.tfpolicy.yaml'), 'enable: [aws-security-group-ssh-open-to-world]\n');
  fs.mkdirSync(path.join(s.userDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(s.userDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    // trust scenario: Restricted Mode without a prompt; the run grants trust itself.
    ...(trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
      : { 'security.workspace.trust.enabled': false }),
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...(env0.E2E_TRACE === '1' ? { 'tfpolicy.trace.server': 'messages' } : {}),
  }, null, 2));
}

// EXTENSIONS_GALLERY='{}' turns the (unreachable) extension gallery off: nothing leaves the machine.
const env = { ...env0, PATH: `${CS_NODE_DIR}:${env0.PATH}`, EXTENSIONS_GALLERY: '{}' };

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} -> ${code}\n${out}`))));
  });
}

/** Installs the .vsix into the session's extensions dir, starts code-server and opens a browser page. */
export async function startEditor(trust) {
  const s = session;
  const PORT = Number(env0.PORT ?? await freePort());
  const configFile = path.join(s.tmp, 'config.yaml');
  // Own config: code-server must not read ~/.config/code-server/config.yaml (password auth, :8080).
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${PORT}\nauth: none\ncert: false\n`);
  const csArgs = ['--config', configFile, '--user-data-dir', s.userDir, '--extensions-dir', s.extDir];
  const csLogFile = path.join(OUT, `${s.scenario}-code-server.log`);
  const csLog = fs.createWriteStream(csLogFile);
  const consoleLog = fs.createWriteStream(path.join(OUT, `${s.scenario}-browser-console.log`));
  let t = Date.now();
  log((await run(CS_BIN, [...csArgs, '--install-extension', VSIX])).trim().replace(/\n/g, ' | '));
  timings[`${s.scenario}.install`] = Date.now() - t;

  t = Date.now();
  const server = spawn(CS_BIN, [...csArgs, '--bind-addr', `127.0.0.1:${PORT}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    // The client traces LSP messages only when its LogOutputChannel's level is Trace (vscode-languageclient 11):
    // the tfpolicy.trace.server setting alone shows nothing. --log trace sets the level for every channel.
    ...(env0.E2E_TRACE === '1' ? ['--log', 'trace'] : []), s.ws],
  { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  s.server = server;
  server.stdout.pipe(csLog);
  server.stderr.pipe(csLog);
  let exited = false;
  server.on('exit', (code) => { exited = true; log(`code-server exited (${code})`); });
  s.base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${s.base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (exited || i > 300) throw new Error(`code-server did not start; see ${csLogFile}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a socket that has no event to wait on
  }
  timings[`${s.scenario}.serverUp`] = Date.now() - t;
  log(`code-server up on 127.0.0.1:${PORT} (pid ${server.pid}) after ${timings[`${s.scenario}.serverUp`]} ms`);

  s.browser = await s.chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await (await s.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  s.page = page;
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  page.setDefaultTimeout(30_000);
}

/** Closes the browser, stops code-server's process group, keeps the logs, removes the temp dir. */
export async function stopEditor() {
  const s = session;
  try { await s.page?.screenshot({ path: path.join(OUT, `${s.scenario}-final.png`) }); } catch { /* no page */ }
  try { if (s.browser) await s.browser.close(); } catch { /* already gone */ }
  const server = s.server;
  if (server && server.exitCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
  }
  collectLogs();
  if (env0.E2E_KEEP === '1') log(`kept ${s.tmp}`);
  else if (s.tmp) fs.rmSync(s.tmp, { recursive: true, force: true });
  s.page = undefined; s.browser = undefined; s.server = undefined;
}

/** The extension's "tfpolicy" output channel and the extension host's log, from code-server's log dirs. */
function collectLogs() {
  const { userDir, scenario } = session;
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/tfpolicy.*\.log$|exthost\.log$|remoteexthost\.log$|remoteagent\.log$/.test(e.name)) found.push(p);
    }
  };
  try { walk(userDir); } catch { /* none */ }
  for (const p of found) {
    const name = `${scenario}-${path.relative(userDir, p).replace(/[\\/]/g, '__')}`;
    fs.copyFileSync(p, path.join(OUT, name));
  }
}
