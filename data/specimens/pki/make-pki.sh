#!/bin/sh
# make-pki.sh
#
# Copyright 2026 The Borderpost authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the TEST PKI that signs the specimen documents: a country signing
# CA (CSCA) for the ICAO specimen state Utopia and one Document Signer (DS)
# issued by it, both ECDSA on brainpoolP256r1, valid 2024-01-01 to
# 2044-01-01; and the keys and certificates of the lying specimens: a
# rogue CSCA with its DS, an expired DS, a revoked DS with the CSCA's CRL,
# the chip's Chip Authentication key and a clone's keys. The outputs are
# committed next to this script; a file that exists is kept, so running
# it again makes only what is missing (delete a file to remake it, and
# with it whatever it signed). The private keys are published on purpose:
# nothing signed by them proves anything. See README.md.
#
# Usage: sh make-pki.sh   (from any directory; writes next to itself)

set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=20240101000000Z
end=20440101000000Z

cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca

[ test_ca ]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
crlnumber = $work/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none

[ policy_any ]
countryName = supplied
organizationName = optional
organizationalUnitName = optional
commonName = supplied
serialNumber = optional

[ req ]
distinguished_name = req_dn
prompt = no

[ req_dn ]
CN = unused

[ csca_ext ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ ds_ext ]
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ crl_ext ]
authorityKeyIdentifier = keyid
CNF
: > "$work/index.txt"

missing () {
  for f in "$@"; do
    [ -e "$here/$f" ] || return 0
  done
  return 1
}

ec_key () {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$1" \
    -pkeyopt ec_param_enc:named_curve -out "$2"
}

# A Document Signer of the CSCA whose certificate and key are $1 and $2:
# ds_cert CSCA CSCA-KEY OUT-NAME SUBJECT SERIAL START END
ds_cert () {
  ec_key brainpoolP256r1 "$here/$3-key.pem"
  openssl req -new -config "$work/ca.cnf" -key "$here/$3-key.pem" -subj "$4" -out "$work/$3.csr"
  echo "$5" > "$work/serial"
  openssl ca -batch -config "$work/ca.cnf" -cert "$here/$1" -keyfile "$here/$2" \
    -in "$work/$3.csr" -extensions ds_ext -startdate "$6" -enddate "$7" \
    -notext -out "$here/$3.pem"
  openssl x509 -in "$here/$3.pem" -outform DER -out "$here/$3.der"
}

if missing csca.pem csca.der csca-key.pem ds.pem ds.der ds-key.pem aa-key.pem; then
# CSCA: self-signed through "openssl ca -selfsign" so that the validity
# period can be given as exact dates (OpenSSL 3.0's req has only -days).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 \
  -pkeyopt ec_param_enc:named_curve -out "$here/csca-key.pem"
openssl req -new -config "$work/ca.cnf" -key "$here/csca-key.pem" \
  -subj "/C=UT/O=Utopia Test PKI/CN=Utopia Test CSCA/serialNumber=UTO-CSCA-1" \
  -out "$work/csca.csr"
echo 01 > "$work/serial"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$here/csca-key.pem" \
  -in "$work/csca.csr" -extensions csca_ext -startdate $start -enddate $end \
  -notext -out "$here/csca.pem"
openssl x509 -in "$here/csca.pem" -outform DER -out "$here/csca.der"

# Document Signer.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 \
  -pkeyopt ec_param_enc:named_curve -out "$here/ds-key.pem"
openssl req -new -config "$work/ca.cnf" -key "$here/ds-key.pem" \
  -subj "/C=UT/O=Utopia Test PKI/CN=Utopia Test Document Signer 1/serialNumber=UTO-DS-1" \
  -out "$work/ds.csr"
openssl ca -batch -config "$work/ca.cnf" -cert "$here/csca.pem" -keyfile "$here/csca-key.pem" \
  -in "$work/ds.csr" -extensions ds_ext -startdate $start -enddate $end \
  -notext -out "$here/ds.pem"
openssl x509 -in "$here/ds.pem" -outform DER -out "$here/ds.der"

openssl verify -CAfile "$here/csca.pem" "$here/ds.pem"

# The chip's Active Authentication key (its public half goes in DG15).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 \
  -pkeyopt ec_param_enc:named_curve -out "$here/aa-key.pem"
fi

# The chip's Chip Authentication key (its public half goes in DG14), on
# the PACE curve.
if missing ca-key.pem; then
  ec_key brainpoolP256r1 "$here/ca-key.pem"
fi

# A clone's keys: a copy of a chip's files on another chip cannot hold
# the private keys behind DG15 and DG14, so it holds keys of its own.
if missing aa-clone-key.pem; then
  ec_key prime256v1 "$here/aa-clone-key.pem"
fi
if missing ca-clone-key.pem; then
  ec_key brainpoolP256r1 "$here/ca-clone-key.pem"
fi

# A DS of the specimen CSCA that expired on 2025-01-01, before any
# specimen was signed.
if missing ds-expired.pem ds-expired.der ds-expired-key.pem; then
  ds_cert csca.pem csca-key.pem ds-expired \
    "/C=UT/O=Utopia Test PKI/CN=Utopia Test Document Signer 2 (expired)/serialNumber=UTO-DS-2" \
    10 20240101000000Z 20250101000000Z
  openssl verify -attime 1719792000 -CAfile "$here/csca.pem" "$here/ds-expired.pem"
fi

# A DS of the specimen CSCA, revoked (keyCompromise) on the CSCA's CRL.
# The CRL's nextUpdate is 2044-01-01 like every validity here: the data
# is static, and an expired list would make every genuine specimen
# doubtful.
if missing ds-revoked.pem ds-revoked.der ds-revoked-key.pem crl.der crl.pem; then
  ds_cert csca.pem csca-key.pem ds-revoked \
    "/C=UT/O=Utopia Test PKI/CN=Utopia Test Document Signer 3 (revoked)/serialNumber=UTO-DS-3" \
    11 $start $end
  openssl ca -config "$work/ca.cnf" -cert "$here/csca.pem" -keyfile "$here/csca-key.pem" \
    -revoke "$here/ds-revoked.pem" -crl_reason keyCompromise
  echo 01 > "$work/crlnumber"
  now=$(date -u +%s)
  until=$(date -u -d 2044-01-01 +%s)
  openssl ca -config "$work/ca.cnf" -cert "$here/csca.pem" -keyfile "$here/csca-key.pem" \
    -gencrl -crlexts crl_ext -crlsec $((until - now)) -out "$here/crl.pem"
  openssl crl -in "$here/crl.pem" -outform DER -out "$here/crl.der"
  openssl verify -crl_check -CRLfile "$here/crl.pem" -CAfile "$here/csca.pem" "$here/ds.pem"
fi

# A rogue CSCA that claims to be Utopia's (same country, its own name)
# but is in no trust store, and a DS issued by it.
if missing rogue-csca.pem rogue-csca.der rogue-csca-key.pem rogue-ds.pem rogue-ds.der rogue-ds-key.pem; then
  : > "$work/index.txt"
  ec_key brainpoolP256r1 "$here/rogue-csca-key.pem"
  openssl req -new -config "$work/ca.cnf" -key "$here/rogue-csca-key.pem" \
    -subj "/C=UT/O=Utopia Rogue PKI/CN=Utopia Rogue CSCA/serialNumber=UTO-ROGUE-CSCA-1" \
    -out "$work/rogue-csca.csr"
  echo 01 > "$work/serial"
  openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$here/rogue-csca-key.pem" \
    -in "$work/rogue-csca.csr" -extensions csca_ext -startdate $start -enddate $end \
    -notext -out "$here/rogue-csca.pem"
  openssl x509 -in "$here/rogue-csca.pem" -outform DER -out "$here/rogue-csca.der"
  ds_cert rogue-csca.pem rogue-csca-key.pem rogue-ds \
    "/C=UT/O=Utopia Rogue PKI/CN=Utopia Rogue Document Signer/serialNumber=UTO-ROGUE-DS-1" \
    02 $start $end
  openssl verify -CAfile "$here/rogue-csca.pem" "$here/rogue-ds.pem"
fi
