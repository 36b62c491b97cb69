#!/usr/bin/env bash
# Installs what building and testing need, only what is missing:
#   tools/setup.sh build   — compilers, font tools, ImGui sources, the help server's libraries
#   tools/setup.sh test    — the above, plus doctest, Chromium and the npm test packages
# Uses Debian's packages (apt) and the npm registry; asks for nothing else.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-build}

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { for p in "$@"; do have_pkg "$p" || need+=("$p"); done; }

want cmake ninja-build g++ python3 xz-utils fonts-noto-cjk fonttools nlohmann-json3-dev dpkg-dev
# The help server: HTTP (and HTTPS), SQLite, PostgreSQL's client, argon2id passwords.
want pkg-config libcpp-httplib-dev libssl-dev libsqlite3-dev libpq-dev libsodium-dev doctest-dev
# Use an emcc already on PATH (emsdk) or from $EMSDK; otherwise Debian's Emscripten.
if ! command -v emcc >/dev/null 2>&1 && ! { [ -n "${EMSDK:-}" ] && [ -x "$EMSDK/upstream/emscripten/emcc" ]; }; then
  want emscripten
fi
if [ "$what" = test ]; then
  want doctest-dev chromium poppler-utils openssl  # poppler: the handout PDF test reads its text and pages; openssl: the HTTPS test makes a certificate
  want postgresql  # the store tests and the several-process tests run a throw-away PostgreSQL
fi

command -v node >/dev/null 2>&1 || want nodejs npm  # the local server, the browser tests

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

"$root/tools/fetch_imgui.sh"
"$root/tools/fetch_qrcodegen.sh"

if [ "$what" = test ]; then
  # playwright-core drives Debian's Chromium; it never downloads a browser of its own.
  if [ ! -d "$root/tests/e2e/node_modules/playwright-core" ] || [ ! -d "$root/tests/e2e/node_modules/axe-core" ] || [ ! -d "$root/tests/e2e/node_modules/jsqr" ]; then
    echo "setup: installing the browser-test packages (npm)"
    (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
