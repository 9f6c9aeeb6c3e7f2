// The packaged extension in a real VS Code: installs dist/tfpolicy.vsix into a fresh code-server
// (VS Code 1.139 server + web workbench), opens a copy of examples/insecure-project in headless
// Chromium (playwright-core) and checks what a user sees. Waits on events, never on fixed sleeps.
// The steps are in steps/*.mjs (listed in test/e2e/README.md), the editor session and the
// workbench helpers in lib/*.mjs.
//
//   bash test/e2e/setup.sh && npm run package && node test/e2e/run.mjs
//
// Builds nothing. Env: TFPOLICY_E2E_TOOLS (where setup.sh installed; default ~/.cache/tfpolicy-e2e),
// CS_BIN, CS_NODE_DIR, CHROMIUM (default /usr/bin/chromium), VSIX, PORT (default: a free one),
// OUT_DIR (default test-results/e2e-ui), E2E_TRUST=0 (skip the workspace-trust scenario),
// E2E_TRACE=1 (LSP message trace into the output channel log), E2E_KEEP=1 (keep the temp dir).
// Exit 0 only when every step passed; the last line is "N passed, N failed". Screenshots,
// code-server's log, the browser console and the extension's "tfpolicy" output channel are
// written to OUT_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE, MAIN_TF, MAIN_TF_FIXED, OUT, checkTools, counters, elapsed, env0, log, missing, root, timings } from './lib/config.mjs';
import { prepare, session, startEditor, stopEditor } from './lib/editor.mjs';
import { resetAbort, results } from './lib/runner.mjs';
import { basicSteps } from './steps/basics.mjs';
import { editingSteps } from './steps/editing.mjs';
import { serverSteps } from './steps/server.mjs';
import { trustSteps } from './steps/trust.mjs';
import { workspaceSteps } from './steps/workspace.mjs';

session.chromium = checkTools();
if (MAIN_TF_FIXED === MAIN_TF) missing('publicly_accessible = true', path.join(FIXTURE, 'main.tf'), 'the fixture changed: update test/e2e/steps/editing.mjs');
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

/** One scenario: its own temp dir, code-server and browser, torn down whatever happens. */
async function scenario(name, trust, ...groups) {
  resetAbort();
  try {
    prepare(name, trust);
    await startEditor(trust);
    for (const group of groups) await group();
  } catch (e) {
    log(`harness error: ${e?.stack ?? e}`);
    results.push({ name: name === 'main' ? 'harness' : `harness (${name})`, ok: false, error: String(e) });
  } finally {
    await stopEditor();
  }
}

await scenario('main', false, basicSteps, editingSteps, workspaceSteps, serverSteps);
if (env0.E2E_TRUST !== '0') await scenario('trust', true, trustSteps);

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
log(`timings (ms): ${JSON.stringify(timings)}; total ${elapsed()} ms${counters.refilters ? `; Problems filter retyped ${counters.refilters}x` : ''}`);
log(`screenshots and logs in ${path.relative(root, OUT)}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(passed > 0 && failed === 0 ? 0 : 1);
