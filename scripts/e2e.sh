#!/usr/bin/env bash


# A second API instance with a short Auth:RecentSignInWindow serves reauth.test.mjs (web/e2e/README.md).
#
#   scripts/e2e.sh                          build what is needed, start the stack, run web/e2e, stop everything
#   FITFOLIO_E2E_SKIP_BUILD=1 scripts/e2e.sh  reuse the existing Release build and web/dist (e.g. after ./fitfolio test)
#   scripts/e2e.sh sessions signout           only the test files whose names contain one of the words
#
# Screenshots go to artifacts/e2e/; on failure the server logs are copied to artifacts/e2e/logs/.
# Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/artifacts/e2e"

log() { printf '\033[1m==> e2e: %s\033[0m\n' "$*" >&2; }
die() { printf 'e2e: %s\n' "$*" >&2; exit 1; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Polls URL until it answers 2xx, the process PID dies, or SECONDS_MAX pass.
wait_http() {
  local url=$1 pid=$2 what=$3 deadline=$((SECONDS + $4))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$what exited during start-up (log in $work)"
    [ $SECONDS -lt $deadline ] || die "$what did not answer $url within $4 s"
    sleep 0.2
  done
}

# --- machine prerequisites (CI runs this on a fresh Debian as root) ---------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install with apt-get install ${missing[*]}"
  log "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v node >/dev/null 2>&1 || die "node (20.19 or newer) is required"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required"

# --- build -----------------------------------------------------------------------------------
api_dll="$root/FitFolio.Api/bin/Release/net10.0/FitFolio.Api.dll"
providers_dll="$root/FitFolio.TestProviders/bin/Release/net10.0/FitFolio.TestProviders.dll"
if [ "${FITFOLIO_E2E_SKIP_BUILD:-}" = 1 ]; then
  [ -f "$api_dll" ] || die "FITFOLIO_E2E_SKIP_BUILD=1 but no Release build: run dotnet build -c Release first"
  [ -f "$providers_dll" ] || die "FITFOLIO_E2E_SKIP_BUILD=1 but no Release build of FitFolio.TestProviders: dotnet build -c Release it first"
  [ -f web/dist/index.html ] || die "FITFOLIO_E2E_SKIP_BUILD=1 but web/dist is missing: run npm run build in web/"
  log "reusing the Release build and web/dist"
  [ -d web/node_modules/playwright-core ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
else
  log "building the backend (Release)"
  dotnet build -c Release -nologo -v quiet FitFolio.Api >/dev/null || {
    dotnet build -c Release -nologo -v quiet FitFolio.Api >&2 || true
    die "dotnet build FitFolio.Api failed"
  }
  # The tests' sign-in providers (FitFolio.Tests/ExternalSignIn), outside xunit, for external-signin.test.mjs.
  dotnet build -c Release -nologo -v quiet FitFolio.TestProviders >/dev/null || die "dotnet build FitFolio.TestProviders failed"
  log "building the app (web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >&2
fi
log "restoring .NET tools (smtp4dev)"
dotnet tool restore >/dev/null || die "dotnet tool restore failed (smtp4dev, .config/dotnet-tools.json)"

# --- start the stack -------------------------------------------------------------------------
work=$(mktemp -d /tmp/fitfolio-e2e.XXXXXX)
chmod 755 "$work"
pid_mail="" pid_api="" pid_reauth="" pid_providers="" pg_started="" redis_started=""
status=1
cleanup() {
  local code=$?
  if [ "$status" != 0 ] && [ "$code" = 0 ]; then code=1; fi
  [ -n "$pid_api" ] && kill "$pid_api" 2>/dev/null && wait "$pid_api" 2>/dev/null || true
  [ -n "$pid_reauth" ] && kill "$pid_reauth" 2>/dev/null && wait "$pid_reauth" 2>/dev/null || true
  [ -n "$pid_mail" ] && kill "$pid_mail" 2>/dev/null && wait "$pid_mail" 2>/dev/null || true
  [ -n "$pid_providers" ] && kill "$pid_providers" 2>/dev/null && wait "$pid_providers" 2>/dev/null || true
  if [ "$code" != 0 ]; then
    mkdir -p "$artifacts/logs"
    cp "$work"/*.log "$artifacts/logs/" 2>/dev/null || true
    cp "$work/postgres/server.log" "$artifacts/logs/postgres.log" 2>/dev/null || true
    cp "$work/redis/redis.log" "$artifacts/logs/redis.log" 2>/dev/null || true
    log "failed; server logs are in artifacts/e2e/logs/"
  fi
  [ -n "$pg_started" ] && scripts/postgres.sh stop "$work/postgres" || true
  [ -n "$redis_started" ] && scripts/redis.sh stop "$work/redis" || true
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$artifacts"
mkdir -p "$artifacts"

pg_port=$(free_port)
log "starting a throwaway PostgreSQL on 127.0.0.1:$pg_port"
pg_started=1
conn=$(scripts/postgres.sh start "$work/postgres" "$pg_port")

redis_port=$(free_port)
log "starting a throwaway Redis on 127.0.0.1:$redis_port"
redis_started=1
redis=$(scripts/redis.sh start "$work/redis" "$redis_port")

# Each instance is a cluster of one, still on production's silo TLS: the cluster CA and certificate (openssl).
scripts/silo-tls.sh ca "$work/silo-tls" && scripts/silo-tls.sh silo "$work/silo-tls" silo

mail_port=$(free_port)
smtp_port=$(free_port)
log "starting the mailbox (smtp4dev) on 127.0.0.1:$mail_port (SMTP $smtp_port)"
# Loopback only, messages in memory (room for the whole suite's), no IMAP/POP3, settings in the work dir.
dotnet tool run smtp4dev --urls="http://127.0.0.1:$mail_port" --smtpport="$smtp_port" --bindaddress=127.0.0.1 \
  --hostname=localhost --imapport= --pop3port= --db= --messagestokeep=1000 --nousersettings \
  --baseappdatapath="$work/smtp4dev" >"$work/smtp4dev.log" 2>&1 &
pid_mail=$!

# One FitFolio.Api with its co-hosted silo: start_api NAME PORT DATABASE [SETTING=VALUE...].
# Each instance has its own database and its own Cluster__Id, so each is a cluster of one on the
# shared Redis (membership and the grain directory are keyed by the cluster id).
start_api() {
  local name=$1 port=$2 database=$3
  shift 3
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "create database $database"
  # The suite signs in a dozen times from one IP within a minute; the per-IP limits on sign-in mail and
  # code checks (5 and 10 per minute by default) are raised for this run only. Per-address limits stay.
  env \
    ConnectionStrings__Postgres="${conn/Database=postgres/Database=$database}" \
    ConnectionStrings__Redis="$redis" \
    Cluster__Id="e2e-$name-$$" \
    SessionCookie__Key="$(head -c 36 /dev/urandom | base64 | tr -d '\n')" \
    App__PublicOrigin="http://localhost:$port" \
    Silo__Port=0 \
    Silo__Tls__CertificateFile="$work/silo-tls/silo.pem" \
    Silo__Tls__KeyFile="$work/silo-tls/silo.key" \
    Silo__Tls__TrustedCaFile="$work/silo-tls/ca.pem" \
    Mail__Smtp__Host=127.0.0.1 \
    Mail__Smtp__Port="$smtp_port" \
    RateLimits__MagicLinkStartPerIp__Limit=100 \
    RateLimits__MagicLinkStartPerIp__Window=00:01:00 \
    RateLimits__VerifyPerIp__Limit=100 \
    RateLimits__VerifyPerIp__Window=00:01:00 \
    RateLimits__WebAuthnStartPerIp__Limit=100 \
    RateLimits__WebAuthnStartPerIp__Window=00:01:00 \
    Auth__AdminEmails__0="$admin_email" \
    ASPNETCORE_WEBROOT="$root/web/dist" \
    ASPNETCORE_ENVIRONMENT=Production \
    Shutdown__DrainDelay=00:00:00 \
    "$@" \
    dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
}

# The admin by configuration (Auth:AdminEmails) that admin-revocation.test.mjs signs in as.
admin_email="e2e-admin@example.com"

api_port=$(free_port)
# The main instance signs in with the tests' OpenID Connect provider (as the generic provider and as Google) and their
# Discord-shaped server, started first so their addresses can be configured; the redirect URIs name the main instance.
# The first discovery fetch on a loaded CI machine can take longer than the 10 s default timeout, as in the .NET tests.
log "starting the test sign-in providers (FitFolio.TestProviders)"
dotnet "$providers_dll" --app-origin "http://localhost:$api_port" --ready-file "$work/providers.env" >"$work/providers.log" 2>&1 &
pid_providers=$!
deadline=$((SECONDS + 60))
until [ -f "$work/providers.env" ]; do
  kill -0 "$pid_providers" 2>/dev/null || die "the test providers exited during start-up (log in $work)"
  [ $SECONDS -lt $deadline ] || die "the test providers did not start within 60 s"
  sleep 0.2
done
# shellcheck disable=SC1091
. "$work/providers.env"
log "starting FitFolio.Api on http://localhost:$api_port"
start_api api "$api_port" fitfolio_e2e \
  ExternalSignIn__Oidc__Authority="$OIDC_AUTHORITY" ExternalSignIn__Oidc__ClientId=fitfolio \
  ExternalSignIn__Oidc__ClientSecret=oidc-client-secret ExternalSignIn__Oidc__DisplayName="Test Provider" \
  ExternalSignIn__Google__Authority="$OIDC_AUTHORITY" ExternalSignIn__Google__ClientId=fitfolio-google \
  ExternalSignIn__Google__ClientSecret=google-client-secret \
  ExternalSignIn__Discord__Authority="$DISCORD_AUTHORITY" ExternalSignIn__Discord__ClientId=fitfolio-discord \
  ExternalSignIn__Discord__ClientSecret=discord-client-secret \
  ExternalSignIn__BackchannelTimeout=00:01:00
pid_api=$!

# A second instance whose recent-sign-in window (10 min by default) is a few seconds, so
# reauth.test.mjs can meet a stale sign-in honestly without slowing the main instance's tests.
reauth_port=$(free_port)
log "starting FitFolio.Api with a short re-authentication window on http://localhost:$reauth_port"
start_api api-reauth "$reauth_port" fitfolio_e2e_reauth Auth__RecentSignInWindow=00:00:08
pid_reauth=$!

wait_http "http://127.0.0.1:$mail_port/api/messages" "$pid_mail" "the mailbox (smtp4dev)" 120
wait_http "http://127.0.0.1:$api_port/healthz/ready" "$pid_api" "FitFolio.Api" 90
wait_http "http://127.0.0.1:$reauth_port/healthz/ready" "$pid_reauth" "FitFolio.Api (short re-auth window)" 90

# --- run the browser tests -------------------------------------------------------------------
log "running web/e2e against http://localhost:$api_port"
started=$SECONDS
if (cd web && FITFOLIO_E2E_BASE_URL="http://localhost:$api_port" \
      FITFOLIO_E2E_MAILBOX_URL="http://127.0.0.1:$mail_port" \
      FITFOLIO_E2E_REAUTH_BASE_URL="http://localhost:$reauth_port" \
      FITFOLIO_E2E_ADMIN_EMAIL="$admin_email" \
      FITFOLIO_E2E_PROVIDERS_URL="$CONTROL_URL" \
      FITFOLIO_E2E_ARTIFACTS="$artifacts" \
      npm run e2e --silent -- "$@"); then
  status=0
  log "passed in $((SECONDS - started)) s; screenshots in artifacts/e2e/"
else
  log "browser tests failed after $((SECONDS - started)) s"
  exit 1
fi
