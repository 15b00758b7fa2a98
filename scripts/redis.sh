#!/usr/bin/env bash
# A throwaway Redis on loopback, from Debian's binaries (installed with apt when missing).
#   scripts/redis.sh start DIR PORT   -> prints the connection string (127.0.0.1:PORT) on stdout
#   scripts/redis.sh stop DIR [kill]   -> a clean shutdown by default; kill is SIGKILL, what a crash looks like
# Append-only persistence is on: Orleans keeps cluster membership in Redis and needs it durable
# (dotnet/orleans#7784), and the directory DIR keeps the data between a stop and the next start.
set -euo pipefail

ensure_installed() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis.sh: installing Redis from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq redis-server >&2
  fi
}

# Answers 0 when the server on PORT replies PONG; redis-cli when there is one, else RESP over bash's /dev/tcp.
ping() {
  local port=$1 reply=""
  if command -v redis-cli >/dev/null 2>&1; then
    reply=$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) || return 1
  else
    exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3<&- 3>&-
    reply=${reply%$'\r'}
    reply=${reply#+}
  fi
  [ "$reply" = PONG ]
}

# The pid in DIR/redis.pid when that process is still a redis-server (never a recycled pid).
running_pid() {
  local pid
  pid=$(cat "$1/redis.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ] && echo "$pid"
}

cmd=${1:?usage: redis.sh start DIR PORT | stop DIR [kill]}
dir=${2:?data directory required}

case "$cmd" in
  start)
    port=${3:?port required}
    ensure_installed
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for i in $(seq 1 300); do
      # Its own pid file first: another server already on PORT would answer the ping too.
      running_pid "$dir" >/dev/null && ping "$port" && { echo "127.0.0.1:$port"; exit 0; }
      # Gone after a second (port taken, bad directory): say so now rather than after the whole wait.
      [ "$i" -gt 10 ] && ! running_pid "$dir" >/dev/null && break
      sleep 0.1
    done
    echo "redis.sh: redis-server did not answer on 127.0.0.1:$port; its log:" >&2
    tail -n 20 "$dir/redis.log" >&2 || true
    exit 1
    ;;
  stop)
    signal=TERM
    [ "${3:-}" = kill ] && signal=KILL
    pid=$(running_pid "$dir") || exit 0
    kill -s "$signal" "$pid"
    # SIGTERM: Redis flushes the append-only file, then exits; either way the port is free when this returns.
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || exit 0
      sleep 0.1
    done
    echo "redis.sh: redis-server (pid $pid) did not stop within 30 s" >&2
    exit 1
    ;;
  *)
    echo "usage: redis.sh start DIR PORT | stop DIR [kill]" >&2; exit 2 ;;
esac
