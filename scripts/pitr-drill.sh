#!/usr/bin/env bash
# Point-in-time recovery drill with pgBackRest, against a throwaway local PostgreSQL (scripts/postgres.sh's binaries):
#   1. a cluster archiving every WAL segment with pgBackRest (archive_command = archive-push, as compose.yml's postgres)
#   2. a full backup, then rows written in three batches; the time after the second batch is the target
#   3. a restore of the backup plus the archived WAL to that time (--type=time) into a scratch cluster, started on another port
#   4. the scratch cluster must hold exactly the rows committed up to the target: batches one and two, none of three
# Prints the measured RPO (how long a committed row waited before its WAL was archived) and RTO (restore and replay until
# the scratch cluster answers), the figures RUNBOOK.md quotes. Exits non-zero when the rows differ.
#   scripts/pitr-drill.sh            run the drill (installs pgbackrest with apt when missing, as root)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '==> pitr: %s\n' "$*" >&2; }
die() { printf 'pitr: %s\n' "$*" >&2; exit 1; }

if ! command -v pgbackrest >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || die "pgbackrest is missing: apt-get install pgbackrest"
  log "installing pgbackrest (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends pgbackrest >/dev/null
fi

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d /tmp/fitfolio-pitr.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres: "$work"
bin=""
cleanup() {
  if [ -n "$bin" ]; then
    for d in "$work/source" "$work/scratch"; do
      [ -f "$d/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
# Started durable: a drill of recovery on a server that skips fsync would prove nothing about the real one.
scripts/postgres.sh start "$work/source" "$port" durable >/dev/null
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | head -1)")

# The repository and the stanza, as deploy/postgres/pgbackrest.conf has them for compose (paths differ).
cat > "$work/pgbackrest.conf" <<CONF
[global]
repo1-path=$work/repo
repo1-retention-full=2
start-fast=y
archive-async=n
log-level-console=warn
log-path=$work
lock-path=$work

[drill]
pg1-path=$work/source/data
pg1-port=$port
pg1-socket-path=$work/source
CONF
chmod 644 "$work/pgbackrest.conf"
mkdir -p "$work/repo"
[ "$(id -u)" = 0 ] && chown -R postgres: "$work/repo" "$work/pgbackrest.conf"
pgb() { as_owner pgbackrest --config="$work/pgbackrest.conf" --stanza=drill "$@"; }
psql_at() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -At -c "$2"; }

log "archiving WAL with pgBackRest"
psql_at "$port" "alter system set archive_mode = on" >/dev/null
psql_at "$port" "alter system set archive_command = 'pgbackrest --config=$work/pgbackrest.conf --stanza=drill archive-push %p'" >/dev/null
psql_at "$port" "alter system set archive_timeout = '60s'" >/dev/null
psql_at "$port" "alter system set wal_level = 'replica'" >/dev/null
as_owner "$bin/pg_ctl" -D "$work/source/data" -m fast -w restart -o "-h 127.0.0.1 -p $port -k $work/source" >/dev/null
pgb stanza-create
pgb check >/dev/null

log "full backup"
pgb backup --type=full

psql_at "$port" "create table drill_rows (id int primary key, batch int not null, written_at timestamptz not null default clock_timestamp())"
psql_at "$port" "insert into drill_rows (id, batch) select g, 1 from generate_series(1, 1000) g"
psql_at "$port" "insert into drill_rows (id, batch) select g, 2 from generate_series(1001, 1500) g"
sleep 1
target=$(psql_at "$port" "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
expected=$(psql_at "$port" "select count(*) || ':' || sum(id) from drill_rows")
sleep 1
psql_at "$port" "insert into drill_rows (id, batch) select g, 3 from generate_series(1501, 1700) g"

# RPO: a committed row is safe once its WAL segment is in the repository. With archive_timeout a quiet server switches
# segments at least every 60 s; here the switch is forced and the time until pgBackRest holds it is measured.
committed=$(date +%s.%N)
segment=$(psql_at "$port" "select pg_walfile_name(pg_switch_wal())")
until pgb repo-ls --recurse archive 2>/dev/null | grep -q "$segment"; do
  [ "$(echo "$(date +%s.%N) - $committed > 60" | bc)" = 1 ] && die "segment $segment not archived within 60 s"
  sleep 0.05
done
archived_after=$(echo "$(date +%s.%N) - $committed" | bc)
psql_at "$port" "select checkpoint()" >/dev/null 2>&1 || true

log "the source is lost; restoring to $target into a scratch cluster"
as_owner "$bin/pg_ctl" -D "$work/source/data" -m immediate -w stop >/dev/null
start=$(date +%s.%N)
mkdir -p "$work/scratch/data"
chmod 700 "$work/scratch/data"
[ "$(id -u)" = 0 ] && chown -R postgres: "$work/scratch"
pgb restore --pg1-path="$work/scratch/data" --type=time "--target=$target" --target-action=promote
scratch_port=$(free_port)
as_owner "$bin/pg_ctl" -D "$work/scratch/data" -l "$work/scratch/server.log" -w -t 120 \
  -o "-h 127.0.0.1 -p $scratch_port -k $work/scratch -c archive_mode=off" start >/dev/null
until [ "$(psql_at "$scratch_port" "select pg_is_in_recovery()" 2>/dev/null)" = f ]; do sleep 0.05; done
rto=$(echo "$(date +%s.%N) - $start" | bc)

actual=$(psql_at "$scratch_port" "select count(*) || ':' || sum(id) from drill_rows")
late=$(psql_at "$scratch_port" "select count(*) from drill_rows where batch = 3")
printf 'pitr: restored to %s: rows %s (expected %s), rows written after the target: %s\n' "$target" "$actual" "$expected" "$late"
printf 'pitr: RPO measured: WAL archived %.2f s after the segment switch (archive_timeout 60 s bounds a quiet server)\n' "$archived_after"
printf 'pitr: RTO measured: %.1f s from restore start to a writable scratch cluster (%s of backup and WAL)\n' "$rto" "$(du -sh "$work/repo" | cut -f1)"
[ "$actual" = "$expected" ] && [ "$late" = 0 ] || die "the restored rows differ from those committed up to $target"
log "PASS"
