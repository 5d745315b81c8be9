#!/usr/bin/env bash
# Builds the Langium peer (../shared/peer-langium, read-only) in the ignored folder .bench/peer,
# as its README says, with the Node 24 that scripts/setup-vscode-test.sh installs. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the shared folder as test/support/shared.ts finds it: $STUDYSPEC_SHARED, ../shared or ../../shared
SHARED="${STUDYSPEC_SHARED:-}"
for candidate in "$ROOT/../shared" "$ROOT/../../shared"; do [ -n "$SHARED" ] || { [ -d "$candidate/peer-langium" ] && SHARED="$candidate"; }; done
PEER_SRC="$SHARED/peer-langium"
PEER="$ROOT/.bench/peer"
NODE24="$ROOT/.vscode-test/node24/bin"
[ -d "$PEER_SRC" ] || { echo "[bench:peer] no peer at $PEER_SRC (set STUDYSPEC_SHARED)" >&2; exit 1; }
[ -x "$NODE24/node" ] || bash "$ROOT/scripts/setup-vscode-test.sh"
if [ -f "$PEER/out/bench.js" ] && [ "$PEER/out/bench.js" -nt "$PEER_SRC/src/bench.ts" ]; then
  echo "[bench:peer] peer already built in .bench/peer"; exit 0
fi
rm -rf "$PEER" && mkdir -p "$ROOT/.bench" && cp -r "$PEER_SRC" "$PEER"
cd "$PEER"
while IFS= read -r var; do case "$var" in npm_*) unset "$var" ;; esac; done < <(compgen -e)
export PATH="$NODE24:$PATH"
npm install --no-audit --no-fund --loglevel=error >/dev/null
npx langium generate >/dev/null
npx tsc -p .
echo "[bench:peer] built the Langium peer in .bench/peer"
