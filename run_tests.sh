#!/usr/bin/env bash
# Runs every test: native unit and UI tests (doctest), content/string checks,
# and headless-Chromium end-to-end tests against a fresh build of dist/.
# Installs what it needs first. Ends with ctest's summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
tools/setup.sh test

generator=(); command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
cmake -S . -B build/native "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DANXIN_E2E=ON >/dev/null
cmake --build build/native
ANXIN_SKIP_SETUP=1 ./build_wasm.sh

# One throw-away PostgreSQL for the whole run: store tests make a database each on it,
# and the browser tests run several server processes on it.
pg_parent=$(mktemp -d)
trap '"$root/tools/test_postgres.sh" stop "$pg_parent/pg"; rm -rf "$pg_parent"' EXIT
ANXIN_TEST_PG=$("$root/tools/test_postgres.sh" start "$pg_parent/pg")
export ANXIN_TEST_PG

cd build/native
ctest --output-on-failure --timeout 600 "$@"
