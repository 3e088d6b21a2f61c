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
# 2044-01-01. Run once; the outputs are committed next to this script.
# The private keys are published on purpose: nothing signed by them proves
# anything. See README.md.
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
CNF
: > "$work/index.txt"

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
