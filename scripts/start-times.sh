#!/usr/bin/env bash
# Prints how long `./fitfolio run` takes to answer, against the targets of a newcomer's first hour:
#   a fresh clone (NuGet and npm packages already in this machine's caches) <= 40 s, a restart with nothing changed <= 10 s.
# It clones this checkout's HEAD into a temporary folder and runs it there, so the local .data/ is not touched; the
# fixed ports of `run` (8080, 8025, 2525, 54329, 63799) must be free. Exit status 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
clone=$(mktemp -d /tmp/fitfolio-start.XXXXXX)
chmod 755 "$clone"   # PostgreSQL runs as its own user when this runs as root, and must reach .data/ inside
trap 'rm -rf "$clone"' EXIT
git clone -q --no-hardlinks . "$clone"

# Seconds from start to the line that says the app answers, then a clean stop (SIGTERM, as Ctrl-C ends in); the CPU
# seconds (user + system) that run and its children used, start to stop, go to $clone/cpu: unlike the wall time, they
# hardly move with the machine's load, so two measurements on a busy machine still compare.
time_to_answer() {
  local log=$clone/run.log start pid elapsed
  : > "$log"
  start=$(date +%s.%N)
  (
    cd "$clone"
    ./fitfolio run &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null' TERM
    wait "$child" || wait "$child" || true
    # `times`: the children's user and system seconds on its second line, e.g. "0m31.250s 0m9.870s".
    times | tail -1 | awk '{ split($1, u, /m|s/); split($2, s, /m|s/); printf "%.1f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' > cpu
  ) > "$log" 2>&1 &
  pid=$!
  until grep -q "FitFolio: http" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "start-times: run exited before it answered" >&2; exit 1; }
    sleep 0.1
  done
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  kill -TERM "$pid"
  wait "$pid" || true
  printf '%.1f' "$elapsed"
}

status=0
row() { # name seconds target cpu-seconds
  local verdict=PASS
  (( $(echo "$2 > $3" | bc) )) && { verdict=MISS; status=1; }
  printf '%-40s %8s s   target <= %3s s   %s   (CPU %s s)\n' "$1" "$2" "$3" "$verdict" "$4"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
first=$(time_to_answer)
first_cpu=$(cat "$clone/cpu")
again=$(time_to_answer)
again_cpu=$(cat "$clone/cpu")
row "./fitfolio run, fresh clone" "$first" 40 "$first_cpu"
row "./fitfolio run, restart, nothing changed" "$again" 10 "$again_cpu"
echo "load average (1/5/15 min): at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
exit $status
