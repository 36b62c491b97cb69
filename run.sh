#!/usr/bin/env bash
# Builds the app and the help server (installing what they need) and starts the
# server, which serves the app, the helpers' console and the API from one
# process, keeping its data in one SQLite file.
#   ./run.sh            → http://localhost:8080/   (console: /console/)
#   PORT=9000 ./run.sh  → another port;  ANXIN_DB=/path/help.db → another database file
# Create a console account first (asks for its password):
#   build/native/anxin_server create-helper --db data/anxin.db --username NAME --name 名字
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
./build_wasm.sh
generator=(); command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
cmake -S . -B build/native "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native --target anxin_server
db=${ANXIN_DB:-data/anxin.db}
mkdir -p "$(dirname "$db")"
echo "Open this address in a browser (Ctrl+C stops the server):"
exec build/native/anxin_server --port "${PORT:-8080}" --db "$db" --dist dist --console web/console --assets assets
