#!/usr/bin/env bash
# make-certs.sh DIR — a throw-away test PKI for the HQ tests, made with the openssl CLI:
#   ca.pem                 test CA (HQ's client CA, and the CA the booth pins)
#   server.pem/.key        HQ, for 127.0.0.1 and localhost
#   booth-1.pem/.key       booth client certificate, CN=booth-1
#   expired.pem/.key       CN=booth-1 from the test CA, expired in 2020
#   foreign.pem/.key       CN=booth-1 from another CA
#
# Copyright 2026 The Borderpost authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"

key () { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

make_ca () { # name subject
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -subj "$2" -days 3650 -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}

make_ca ca "/CN=Borderpost Test CA"
make_ca other-ca "/CN=Some Other CA"

cat > ext.cnf <<'CNF'
[server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
CNF

issue () { # name subject ca extension
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 365 \
    -extfile ext.cnf -extensions "$4" -out "$1.pem" 2>/dev/null
}

issue server "/CN=localhost" ca server
issue booth-1 "/CN=booth-1" ca client
issue foreign "/CN=booth-1" other-ca client

# Expired: openssl x509 cannot back-date, so sign with `openssl ca`.
key expired.key
openssl req -new -key expired.key -subj "/CN=booth-1" -out expired.csr 2>/dev/null
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<'CNF'
[ca]
default_ca = test
[test]
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = any
email_in_dn = no
copy_extensions = none
[any]
commonName = supplied
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr \
  -startdate 20200101000000Z -enddate 20200201000000Z -extensions client -out expired.pem \
  2>/dev/null >/dev/null
echo ok
