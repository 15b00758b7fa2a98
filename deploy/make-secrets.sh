#!/usr/bin/env bash
# Creates the secret files compose.yml mounts (what each one is: see the top of compose.yml).
#   deploy/make-secrets.sh [DIR]                     (DIR defaults to $FITFOLIO_SECRETS_DIR or deploy/secrets)
# Existing files are kept, never overwritten: PostgreSQL stores its password at first start, so a
# new postgres_password would no longer match the database.
# Optional input (otherwise random values are generated):
#   SMTP_PASSWORD        the real relay's password (production); random is right for staging's smtp4dev
#   SMTP_USERNAME        the user smtp4dev accepts (default fitfolio, as in compose.yml)
#   MAILBOX_UI_PASSWORD  the staging mailbox's password for user "staff" (printed when generated)
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:-${FITFOLIO_SECRETS_DIR:-deploy/secrets}}
mkdir -p "$dir"
# The directory is the protection: the files themselves must stay readable to the containers'
# own users (Compose bind-mounts them as they are).
chmod 700 "$dir"

# 24 random bytes, base64url: 32 characters with none of ; = ' " \ that would need quoting in a
# connection string or a JSON string.
random_secret() { head -c 24 /dev/urandom | base64 | tr '+/' '-_'; }

# A JSON string literal (a given SMTP_PASSWORD may hold quotes or backslashes).
json_string() { local value=${1//\\/\\\\}; value=${value//\"/\\\"}; printf '"%s"' "$value"; }

# write NAME CONTENT: creates $dir/NAME unless it exists.
write() {
  local file="$dir/$1"
  if [ -e "$file" ]; then
    echo "kept     $file"
    return 0
  fi
  (umask 077 && printf '%s' "$2" > "$file")
  chmod 444 "$file"
  echo "created  $file"
}

if [ -e "$dir/postgres_password" ]; then
  db_password=$(cat "$dir/postgres_password")
else
  db_password=$(random_secret)
fi
write postgres_password "$db_password"
# Pool of 25 per replica: 3 x 25 leaves room under PostgreSQL's default max_connections of 100.
write fitfolio_db_connection \
  "Host=postgres;Port=5432;Database=fitfolio;Username=fitfolio;Password=$db_password;Maximum Pool Size=25"

if [ -e "$dir/smtp_password" ]; then
  smtp_password=$(cat "$dir/smtp_password")
else
  smtp_password=${SMTP_PASSWORD:-$(random_secret)}
fi
write smtp_password "$smtp_password"

# The cookie key first: a directory from before SessionCookie__Key existed has a cluster_secret, which
# keyed the session cookie until then; copying it keeps every session valid across the upgrade.
if [ -e "$dir/cluster_secret" ]; then
  write session_cookie_key "$(cat "$dir/cluster_secret")"
else
  write session_cookie_key "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
fi
write cluster_secret "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"

# Redis' password: the server reads it (requirepass), the app gets the connection string that carries it.
if [ -e "$dir/redis_password" ]; then
  redis_password=$(cat "$dir/redis_password")
else
  redis_password=$(random_secret)
fi
write redis_password "$redis_password"
write fitfolio_redis_connection "redis:6379,password=$redis_password"

# Silo-to-silo mutual TLS: the cluster's own CA and one certificate for every replica (scripts/silo-tls.sh,
# openssl). The CA's key stays in $dir/silo-ca: move it offline, it is what lets a machine into the cluster.
if [ ! -e "$dir/silo_tls_certificate" ]; then
  [ -e "$dir/silo-ca/ca.pem" ] || scripts/silo-tls.sh ca "$dir/silo-ca"
  scripts/silo-tls.sh silo "$dir/silo-ca" silo
  write silo_tls_ca "$(cat "$dir/silo-ca/ca.pem")"
  write silo_tls_certificate "$(cat "$dir/silo-ca/silo.pem")"
  write silo_tls_key "$(cat "$dir/silo-ca/silo.key")"
  rm -f "$dir/silo-ca/silo.pem" "$dir/silo-ca/silo.key"
else
  echo "kept     $dir/silo_tls_certificate (renew or rotate: RUNBOOK.md, Silo certificates)"
fi

# Staging's smtp4dev: SMTP and the web UI both require a login; the app's relay user may send,
# "staff" may read. LockSettings keeps the UI from changing any of it.
if [ ! -e "$dir/smtp4dev_settings" ]; then
  ui_password=${MAILBOX_UI_PASSWORD:-}
  if [ -z "$ui_password" ]; then
    ui_password=$(random_secret)
    echo "staging mailbox login: staff / $ui_password  (shown once; also in $dir/smtp4dev_settings)" >&2
  fi
  write smtp4dev_settings "{
  \"ServerOptions\": {
    \"AuthenticationRequired\": true,
    \"SmtpAllowAnyCredentials\": false,
    \"SmtpAuthTypesNotSecure\": [\"PLAIN\", \"LOGIN\"],
    \"WebAuthenticationRequired\": true,
    \"LockSettings\": true,
    \"Users\": [
      { \"Username\": $(json_string "${SMTP_USERNAME:-fitfolio}"), \"Password\": $(json_string "$smtp_password") },
      { \"Username\": \"staff\", \"Password\": $(json_string "$ui_password") }
    ]
  }
}
"
else
  echo "kept     $dir/smtp4dev_settings"
fi
