#!/usr/bin/env bash
# Static validation of the deployment: compose.yml, Dockerfile, .dockerignore, deploy/traefik.
# No Docker engine is needed (nor used): nothing is built or started.
#   scripts/validate-compose.sh        exit 0 when valid, non-zero with the reasons otherwise
#
#   1. docker-compose (Debian's v1 package) parses compose.yml with and without the staging
#      profile: schema, interpolation, references between services.
#   2. dockerfile-utils (npm, pinned) lints the Dockerfile: syntax, flags, instruction arguments.
#      Any finding fails, warnings included.
#   3. deploy/check_deploy.py checks the decisions neither tool knows about: only Traefik publishes
#      ports, the silo port stays internal, Redis is append-only, the secrets' targets, health checks,
#      Traefik's routers and middlewares, COPY sources vs .dockerignore, the csproj list vs
#      FitFolio.Api's references.
# Installs what it lacks (apt for docker-compose, npm for dockerfile-utils), so a fresh Debian
# machine can run it as root.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

DOCKERFILE_UTILS_VERSION=0.16.3
tools="${XDG_CACHE_HOME:-$HOME/.cache}/fitfolio-validate"

log() { printf '==> %s\n' "$*" >&2; }

apt_install() {
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  log "installing $* (apt)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# docker-compose v1 runs on Debian's python3, which is also where python3-yaml lives: check.py
# uses the same interpreter so that a pyenv or venv python3 on PATH cannot shadow it.
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
/usr/bin/python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml
command -v npm >/dev/null 2>&1 || apt_install nodejs npm

dockerfile_utils="$tools/node_modules/.bin/dockerfile-utils"
if ! [ -x "$dockerfile_utils" ] || ! "$dockerfile_utils" --version 2>/dev/null | grep -q "$DOCKERFILE_UTILS_VERSION"; then
  log "installing dockerfile-utils@$DOCKERFILE_UTILS_VERSION (npm, into $tools)"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error \
    "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Compose needs the secret files only when it starts containers; for parsing, empty stand-ins do.
mkdir -p "$work/secrets"
# shellcheck disable=SC2016 # the ${...} is compose.yml's text, matched literally
sed -n 's|^ *file: \${FITFOLIO_SECRETS_DIR:-[^}]*}/||p' compose.yml | while read -r name; do
  : > "$work/secrets/$name"
done
export FITFOLIO_SECRETS_DIR="$work/secrets"

status=0
log "compose.yml: docker-compose config (default profile, then staging)"
docker-compose -f compose.yml config -q || status=1
docker-compose -f compose.yml --profile staging config > "$work/compose.rendered.yml" || status=1

log "Dockerfile: dockerfile-utils lint"
findings=$("$dockerfile_utils" lint --json Dockerfile) || true
if [ "$findings" != "[]" ]; then
  "$dockerfile_utils" lint Dockerfile || true
  [ -n "$findings" ] || echo "dockerfile-utils produced no result" >&2
  status=1
fi

if [ -s "$work/compose.rendered.yml" ]; then
  log "deployment decisions: deploy/check_deploy.py"
  /usr/bin/python3 deploy/check_deploy.py "$root" "$work/compose.rendered.yml" || status=1
fi

if [ "$status" = 0 ]; then
  log "deployment files: valid"
else
  log "deployment files: INVALID (see above)"
fi
exit "$status"
