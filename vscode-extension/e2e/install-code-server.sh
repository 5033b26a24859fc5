#!/usr/bin/env bash
# Install code-server (VS Code 1.100 in a browser) from the npm registry only: no GitHub downloads.
# Usage: e2e/install-code-server.sh DEST      env: CODE_SERVER_VERSION (default 4.100.3)
# Needs: Node 20, npm, gcc/g++/make, python3 (node-gyp), and the Debian packages libkrb5-dev + ripgrep
# (scripts/ci-e2e.sh installs them). Idempotent: an existing install of the same version is kept.
#
# Three offline problems are worked around here:
#  - code-server's postinstall fetches ripgrep from GitHub: we run its steps by hand and put Debian's rg in place;
#  - the kerberos native module needs libkrb5-dev;
#  - argon2's prebuilt download fails: it is rebuilt from source, or code-server crashes at start.
set -euo pipefail
DEST="${1:?usage: install-code-server.sh DEST}"
mkdir -p "$DEST" && DEST="$(cd "$DEST" && pwd)"
VER="${CODE_SERVER_VERSION:-4.100.3}"
BIN="$DEST/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ -f "$DEST/.installed-$VER" ]; then
  echo "code-server $VER already installed in $DEST"; exit 0
fi
command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install -y ripgrep" >&2; exit 1; }
# node-gyp would otherwise download node headers from nodejs.org; Debian/NodeSource node ships them under /usr/include/node
export npm_config_nodedir="${NODEDIR:-/usr}"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-pty's postinstall runs `npx node-gyp ...`: let npx fetch node-gyp from the npm registry without asking
export npm_config_yes=true
set -x
cd "$DEST"
[ -f package.json ] || echo '{"private":true}' > package.json
# 1. code-server itself, without lifecycle scripts (its postinstall would hit GitHub via @vscode/ripgrep)
npm install --no-save --ignore-scripts "code-server@$VER"
npm rebuild argon2 --foreground-scripts

# 2. what code-server's postinstall.sh does, by hand
CS="$DEST/node_modules/code-server"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts
npm rebuild kerberos node-pty @vscode/spdlog native-watchdog @vscode/deviceid @parcel/watcher --foreground-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
cd extensions
npm install --omit=dev   # its only script is a local postinstall.mjs that trims typescript

# 3. sanity checks
for m in kerberos/build/Release/kerberos.node node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node \
         native-watchdog/build/Release/watchdog.node @parcel/watcher-linux-x64-glibc/watcher.node @vscode/ripgrep/bin/rg; do
  test -e "$CS/lib/vscode/node_modules/$m" || { echo "MISSING $m" >&2; exit 1; }
done
test -e "$DEST/node_modules/argon2/lib/binding/napi-v3/argon2.node"
"$BIN" --version
touch "$DEST/.installed-$VER"
set +x
echo "OK: $BIN"
