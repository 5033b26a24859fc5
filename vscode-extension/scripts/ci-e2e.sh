#!/usr/bin/env bash
# The VS Code extension's whole check, from a fresh clone: system packages, npm ci, build + package the .vsix,
# code-server 4.100.3 installed from npm (no GitHub downloads), then every end-to-end scenario in a real
# VS Code driven by headless Chromium. Exits non-zero if anything fails.
#
#   vscode-extension/scripts/ci-e2e.sh [--only SCENARIO[,SCENARIO]]
#
# env: TFLINT_E2E_PYTHON  interpreter with tflint's dependencies (default: <repo>/.venv/bin/python, else python3);
#                          the working tree's tflint is used (the repo root is put on PYTHONPATH)
#      SKIP_APT=1          do not apt-get install (chromium, libkrb5-dev, ripgrep, build-essential)
#      TFLINT_E2E_KEEP=1   keep the temp dirs (code-server logs) of passing scenarios too
# Artifacts: vscode-extension/.e2e/artifacts/*.png (a screenshot per scenario) and results.json.
set -euo pipefail
EXT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$EXT"
t0=$(date +%s)
step() { echo "=== [$(( $(date +%s) - t0 ))s] $*"; }

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || need_apt+=(build-essential)
if [ "${#need_apt[@]}" -gt 0 ] && [ "${SKIP_APT:-0}" != 1 ]; then
  step "apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "build + package the .vsix"
rm -f tflint.vsix
npm run --silent package

mkdir -p "$EXT/.e2e"
step "code-server ${CODE_SERVER_VERSION:-4.100.3}"
e2e/install-code-server.sh "$EXT/.e2e/code-server" > "$EXT/.e2e/install-code-server.log" 2>&1 || {
  tail -40 "$EXT/.e2e/install-code-server.log"; echo "installing code-server failed" >&2; exit 1; }

step "end-to-end scenarios"
rm -rf "$EXT/.e2e/artifacts"
node e2e/run.js --code-server "$EXT/.e2e/code-server/node_modules/.bin/code-server" --vsix "$EXT/tflint.vsix" \
  --artifacts "$EXT/.e2e/artifacts" "$@"
step "done"
