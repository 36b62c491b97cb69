#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks: its own cluster in a
# temporary folder, on a free loopback port, run as an unprivileged user.
#   tools/test_postgres.sh start DIR   prints the URL to give --db (postgresql://anxin@127.0.0.1:PORT/anxin)
#   tools/test_postgres.sh stop DIR    stops it and removes DIR
#   tools/test_postgres.sh pause DIR   stops it and keeps it (a test of the database going away)
#   tools/test_postgres.sh resume DIR  starts it again, on the same port
# PostgreSQL refuses to run as root: as root, the cluster belongs to the system's
# 'postgres' user (Debian's package creates it).
set -euo pipefail
what=${1:?start, stop, pause or resume}
dir=${2:?a folder for the cluster}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bin/initdb" ] || { echo "test_postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

# Enough connections for several server processes' pools; no Unix socket outside DIR.
start_server() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=on" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
}

case "$what" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      chmod o+x "$(dirname "$dir")"  # a mktemp -d parent is root's only: the owner must reach DIR
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U anxin --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    start_server
    "${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U anxin anxin
    echo "postgresql://anxin@127.0.0.1:$port/anxin"
    ;;
  pause)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    port=$(cat "$dir/port")
    start_server
    ;;
  stop)
    [ -d "$dir/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "test_postgres: start, stop, pause or resume" >&2; exit 2 ;;
esac
