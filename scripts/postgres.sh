#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback, from Debian's binaries (installed with apt when missing).
#   scripts/postgres.sh start DIR PORT [durable]  -> prints the connection string on stdout
#   scripts/postgres.sh stop DIR [fast]            -> immediate stop by default (disposable data); fast flushes first
# Without 'durable' the server runs with fsync, synchronous commit and full-page writes off: the throwaway
# servers of test and bench are disposable and want speed. 'durable' (./fitfolio run and dev, whose .data/
# is kept) runs with PostgreSQL's defaults, so a crash or power loss cannot corrupt the developer's data.
# The server runs as the 'postgres' user when invoked as root (PostgreSQL refuses to run as root).
set -euo pipefail

find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

ensure_installed() {
  if ! find_bin >/dev/null; then
    echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: postgres.sh start DIR PORT | stop DIR}
dir=${2:?data directory required}

case "$cmd" in
  start)
    port=${3:?port required}
    speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${4:-}" = durable ] && speed=""
    ensure_installed
    bin=$(find_bin)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir $speed -c max_connections=400" \
      start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    mode=${3:-immediate}
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null || true
    ;;
  *)
    echo "usage: postgres.sh start DIR PORT [durable] | stop DIR [fast]" >&2; exit 2 ;;
esac
