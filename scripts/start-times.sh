#!/usr/bin/env bash
# Prints how long `./fitfolio run` takes to answer, against the targets of a newcomer's first hour:
#   a fresh clone (NuGet and npm packages already in this machine's caches) <= 40 s, a restart with nothing changed <= 10 s.
# It clones this checkout's HEAD into a temporary folder and runs it there, so the local .data/ is not touched; the
# fixed ports of `run` (8080, 8025, 2525, 54329, 63799) must be free. Each row says PASS or MISS against its target.
#   scripts/start-times.sh             exit status 1 when a target is missed, 2 when run did not answer at all
#   scripts/start-times.sh --no-judge  exit status 0 on a miss (still 2 when run broke): the test command prints the
#                                      rows beside the .NET tests, on a machine too busy for its times to be a verdict
set -euo pipefail
cd "$(dirname "$0")/.."
clone=$(mktemp -d /tmp/fitfolio-start.XXXXXX)
chmod 755 "$clone"   # PostgreSQL runs as its own user when this runs as root, and must reach .data/ inside
trap 'rm -rf "$clone"' EXIT
git clone -q --no-hardlinks . "$clone"

# Runs a command as a child subreaper (prctl PR_SET_CHILD_SUBREAPER) and writes to FILE the CPU seconds (user +
# system) of the command and of every process it started, then exits with the command's status. A shell's `times`
# misses most of them: pg_ctl and redis-server daemonize and smtp4dev is signalled, not waited for, so they end up
# as init's children; as a subreaper this process inherits those orphans, reaps them, and their CPU is counted. SIGTERM
# and SIGINT go on to the command. Whatever is still alive 10 s after the command ended (the compiler server that run's
# build leaves up for the next build, MSBuild nodes where node reuse is on) is counted from /proc as far as it got and
# named on stderr, not waited for. Usage: python3 -c "$count_cpu" FILE COMMAND...
count_cpu='
import ctypes, os, signal, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
out, cmd = sys.argv[1], sys.argv[2:]
main = os.fork()
if main == 0:
    os.execvp(cmd[0], cmd)
for sig in (signal.SIGTERM, signal.SIGINT):
    signal.signal(sig, lambda s, _: os.kill(main, s))
total, code, deadline = 0.0, 1, None
while True:
    try:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        if deadline and time.monotonic() > deadline:
            break
        time.sleep(0.05)
        continue
    total += usage.ru_utime + usage.ru_stime
    if pid == main:
        code, deadline = os.waitstatus_to_exitcode(status), time.monotonic() + 10
tick = os.sysconf("SC_CLK_TCK")
for entry in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        name = open(f"/proc/{entry}/cmdline").read().replace("\0", " ")[:120]
    except OSError:
        continue
    if int(fields[1]) == os.getpid():
        total += sum(int(f) for f in fields[11:15]) / tick
        print(f"start-times: still running after run ended, its CPU so far counted: {name}", file=sys.stderr)
open(out, "w").write(f"{total:.1f}")
sys.exit(max(code, 0))
'

# Seconds from start to the line that says the app answers, then a clean stop (SIGTERM, as Ctrl-C ends in); the CPU
# seconds that run and everything it started used, start to stop, go to $clone/cpu: unlike the wall time, they hardly
# move with the machine's load, so two measurements on a busy machine still compare.
time_to_answer() {
  local log=$clone/run.log start pid elapsed
  : > "$log"
  start=$(date +%s.%N)
  (cd "$clone" && exec python3 -c "$count_cpu" "$clone/cpu" ./fitfolio run) > "$log" 2>&1 &
  pid=$!
  until grep -q "FitFolio: http" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "start-times: run exited before it answered" >&2; exit 1; }
    sleep 0.1
  done
  elapsed=$(awk -v start="$start" -v now="$(date +%s.%N)" 'BEGIN { print now - start }')
  kill -TERM "$pid"
  wait "$pid" || true
  grep '^start-times: still running' "$log" >&2 || true
  printf '%.1f' "$elapsed"
}

judge=1
[ "${1:-}" = --no-judge ] && judge=""
status=0
row() { # name seconds target cpu-seconds
  local verdict=PASS
  awk -v t="$2" -v max="$3" 'BEGIN { exit !(t > max) }' && { verdict=MISS; [ -n "$judge" ] && status=1; }
  printf '%-40s %8s s   target <= %3s s   %s   (CPU %s s)\n' "$1" "$2" "$3" "$verdict" "$4"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# A compiler server left up by an earlier build would compile the fresh clone warm, and outside the CPU counted here:
# a newcomer's first run starts its own.
dotnet build-server shutdown >/dev/null 2>&1 || true
first=$(time_to_answer) || exit 2
first_cpu=$(cat "$clone/cpu")
again=$(time_to_answer) || exit 2
again_cpu=$(cat "$clone/cpu")
row "./fitfolio run, fresh clone" "$first" 40 "$first_cpu"
row "./fitfolio run, restart, nothing changed" "$again" 10 "$again_cpu"
echo "load average (1/5/15 min): at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
exit $status
