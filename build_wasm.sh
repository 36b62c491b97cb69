#!/usr/bin/env bash
# Builds the WebAssembly app into dist/ (a plain static folder: index.html, js,
# wasm, data). Uses emcc from PATH or $EMSDK if present; otherwise installs
# Debian's Emscripten. Run from anywhere.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
[ "${ANXIN_SKIP_SETUP:-0}" = 1 ] || tools/setup.sh build

if ! command -v emcc >/dev/null 2>&1 && [ -n "${EMSDK:-}" ] && [ -f "$EMSDK/emsdk_env.sh" ]; then
  # shellcheck disable=SC1091
  source "$EMSDK/emsdk_env.sh" >/dev/null
fi
# Debian's Emscripten finds its JS optimizer's modules (acorn) only through NODE_PATH.
[ -d /usr/share/nodejs ] && export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

generator=(); command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
emcmake cmake -S . -B build/wasm "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm --target anxin ${ANXIN_BUILD_MINIMAL:+minimal_imgui}

rm -rf dist
mkdir -p dist
cp web/index.html web/app.css web/mirror.js web/loader.js web/handout.js web/handout.css dist/
cp build/wasm/anxin.js build/wasm/anxin.wasm build/wasm/anxin.data dist/
cp fonts/OFL.txt dist/FONT-LICENSE.txt
# The kiosk's service worker, stamped with this build's version: a new build is a new cache.
version=$(cat dist/anxin.js dist/anxin.wasm dist/anxin.data dist/index.html dist/app.css dist/mirror.js dist/loader.js | sha256sum | cut -c1-16)
sed "s/__ANXIN_VERSION__/$version/" web/sw.js > dist/sw.js
# The whole font in slices, fetched only when a character outside the app's own text is drawn.
mkdir -p dist/fonts
cp -r build/font_slices/slices dist/fonts/slices
echo "build_wasm: dist/ ready ($(du -sh dist | cut -f1))"
