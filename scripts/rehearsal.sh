#!/usr/bin/env bash
# Production rehearsal without Docker: PostgreSQL, Redis, smtp4dev as the mailbox, 3 FitFolio silos (separate
# processes, one cluster secret, one database) and HAProxy terminating TLS in front of them, all on
# one origin, https://localhost:<free port>, with a self-signed certificate made by openssl.
#
#   scripts/rehearsal.sh                       build, start, print the URLs; Ctrl-C stops everything
#   scripts/rehearsal.sh --silos 5             more (or fewer) silos
#   scripts/rehearsal.sh --drain-delay 5       seconds a silo keeps serving after SIGTERM (default 3)
#   Auth__AdminEmails__0=you@example.org scripts/rehearsal.sh    any FitFolio setting, as an environment variable
#
# The processes are started by deploy/rehearsal (FitFolio.Rehearsal), the same code the rehearsal
# tests (FitFolio.Tests/Production) and the bench use. What each proxy setting is for, and how to
# play a rolling restart or a crash by hand: deploy/REHEARSAL.md.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Debian's packages, installed only when missing (as root, which CI and the dev container are).
missing=()
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v setsid >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "rehearsal: missing ${missing[*]}: apt-get install ${missing[*]}" >&2; exit 1; }
  log "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f web/package.json ] && [ "${FITFOLIO_REHEARSAL_SKIP_WEB:-}" != 1 ]; then
  log "building the app (web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >&2
fi
log "restoring .NET tools (smtp4dev, the mailbox)"
dotnet tool restore >/dev/null
log "building FitFolio and the rehearsal launcher (Release)"
for project in FitFolio.Api deploy/rehearsal; do
  dotnet build -c Release -nologo -v quiet "$project" >/dev/null || { dotnet build -c Release -nologo -v quiet "$project" >&2; exit 1; }
done

# exec: Ctrl-C and SIGTERM reach the launcher, which stops the silos gracefully, then the rest.
exec dotnet deploy/rehearsal/bin/Release/net10.0/FitFolio.Rehearsal.dll "$@"
