#!/usr/bin/env bash
# The cluster's own certificate authority and the silo certificates it signs (openssl), for mutual
# TLS between silos (Silo:Tls:*, README). Keys are EC P-256, written owner-readable only.
#   scripts/silo-tls.sh ca DIR                  -> DIR/ca.pem, DIR/ca.key: a new cluster CA (10 years)
#   scripts/silo-tls.sh silo DIR NAME [DAYS]    -> DIR/NAME.pem, DIR/NAME.key signed by DIR/ca (default 397 days)
#   scripts/silo-tls.sh self-signed DIR NAME    -> DIR/NAME.pem, DIR/NAME.key signed by itself: what an
#                                                 impostor has (tests prove the cluster refuses it)
# Every silo may share one certificate or have its own: trust is the CA (or a pinned thumbprint),
# never a name, since silos reach each other by IP address.
set -euo pipefail

cmd=${1:?usage: silo-tls.sh ca DIR | silo DIR NAME [DAYS] | self-signed DIR NAME}
dir=${2:?directory required}
mkdir -p "$dir"
umask 077

if ! command -v openssl >/dev/null 2>&1; then
  echo "silo-tls.sh: installing openssl from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq openssl >&2
fi

# A silo is both server (accepts peers) and client (connects to peers): both usages, and nothing else.
leaf_extensions() {
  printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyAgreement" \
    "extendedKeyUsage=serverAuth,clientAuth" \
    "subjectKeyIdentifier=hash"
}

case "$cmd" in
  ca)
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
    openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -subj "/CN=FitFolio cluster CA $(date -u +%Y%m%d%H%M%S)" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out "$dir/ca.pem" 2>/dev/null
    ;;
  silo|self-signed)
    name=${3:?certificate name required}
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$name.key"
    # PKCS#8, which .NET's PEM import reads as readily as the SEC1 form openssl writes by default.
    openssl pkcs8 -topk8 -nocrypt -in "$dir/$name.key" -out "$dir/$name.key.p8"
    mv "$dir/$name.key.p8" "$dir/$name.key"
    if [ "$cmd" = silo ]; then
      [ -s "$dir/ca.pem" ] && [ -s "$dir/ca.key" ] || { echo "silo-tls.sh: no CA in $dir (run: silo-tls.sh ca $dir)" >&2; exit 1; }
      openssl req -new -key "$dir/$name.key" -subj "/CN=fitfolio-silo-$name" -out "$dir/$name.csr" 2>/dev/null
      openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -sha256 \
        -days "${4:-397}" -extfile <(leaf_extensions) -out "$dir/$name.pem" 2>/dev/null
      rm -f "$dir/$name.csr"
    else
      openssl req -x509 -new -key "$dir/$name.key" -sha256 -days 30 -subj "/CN=fitfolio-silo-$name" \
        -addext "extendedKeyUsage=serverAuth,clientAuth" -out "$dir/$name.pem" 2>/dev/null
    fi
    ;;
  *)
    echo "usage: silo-tls.sh ca DIR | silo DIR NAME [DAYS] | self-signed DIR NAME" >&2; exit 2 ;;
esac
