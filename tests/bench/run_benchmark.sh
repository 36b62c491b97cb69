#!/usr/bin/env bash
# Builds the app and the minimal Dear ImGui page, then runs benchmark.mjs,
# which prints one JSON line. Options through the environment: LOADS=7 IDLE_MS=10000.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tools/setup.sh test
ANXIN_BUILD_MINIMAL=1 ./build_wasm.sh >&2
rm -rf build/bench-minimal && mkdir -p build/bench-minimal
cp tests/bench/minimal.html build/bench-minimal/index.html
cp build/wasm/minimal_imgui.js build/wasm/minimal_imgui.wasm build/bench-minimal/
node tests/bench/benchmark.mjs
