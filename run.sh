#!/usr/bin/env bash
# Builds the app (installing what it needs) and serves it on localhost.
#   ./run.sh            → http://localhost:8080/
#   PORT=9000 ./run.sh  → another port
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
./build_wasm.sh
echo "Open this address in a browser (Ctrl+C stops the server):"
exec node tools/serve.mjs dist --port "${PORT:-8080}"
