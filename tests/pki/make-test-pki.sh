#!/bin/bash
# make-test-pki.sh OUTDIR
#
# Copyright 2026 The Borderpost authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds a test PKI with the OpenSSL command line, an independent producer
# of certificates, CRLs, SODs and master lists:
#   csca-bp      CSCA NL, ECDSA brainpoolP256r1, with DS ds-bp (valid),
#                ds-expired (2020) and ds-revoked (on crl-bp.der)
#   csca-pss     CSCA DE, RSA-PSS, with DS ds-pss; crl-pss-expired.der
#   link-bp      csca-bp's new key certified by its old one, with DS ds-new
#   csca-rogue   a CSCA in no list; csca-forged has csca-bp's name, not its key
#   anchor       master-list trust anchor, with signer mls under it
#   ml.der       master list (csca-bp, csca-pss) signed by mls
#   ml-unknown.der  the same list signed by a signer under no anchor
#   crl-bp.der   csca-bp's CRL, revoking ds-revoked
# and one folder per document case, with the files chip read --out writes.
set -euo pipefail

out=$1
mkdir -p "$out"
cd "$out"
export OPENSSL_CONF=/dev/null
export CADIR=.

cat > ca.cnf <<'CNF'
[ca]
default_ca = ca_default
[ca_default]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
default_crl_days = 30
[policy_any]
countryName = supplied
organizationName = optional
organizationalUnitName = optional
commonName = supplied
serialNumber = optional
[req]
distinguished_name = dn
[dn]
[csca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ds_ext]
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[mls_ext]
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[crl_ext]
authorityKeyIdentifier = keyid
CNF

key_ec () { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 -out "$1" 2>/dev/null; }
key_pss () { openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
# OpenSSL 3.0's cms -sign labels signatures by RSA-PSS keys rsaEncryption, so
# the PSS Document Signer has an RSA key and signs with the PSS padding.
key_rsa () { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# csca NAME KEYTYPE SUBJECT: self-signed, valid from 2019 for 20 years, so
# that it covers the expired DS of 2020.
csca () {
  "key_$2" "$1.key"
  mkdir -p "$1.db"
  : > "$1.db/index.txt"
  echo 1000 > "$1.db/serial"
  echo 01 > "$1.db/crlnumber"
  openssl req -config ca.cnf -new -key "$1.key" -subj "$3" -out "$1.csr" 2>/dev/null
  CADIR=$1.db openssl ca -config ca.cnf -batch -notext -selfsign -keyfile "$1.key" -in "$1.csr" \
    -extensions csca_ext -startdate 20190101000000Z -enddate 20390101000000Z -out "$1.pem" 2>/dev/null
}

# issue CA NAME KEYTYPE SUBJECT EXTENSIONS [STARTDATE ENDDATE]
issue () {
  local ca=$1 name=$2 type=$3 subject=$4 ext=$5 validity
  if [ $# -gt 5 ]; then validity="-startdate $6 -enddate $7"; else validity="-days 1825"; fi
  "key_$type" "$name.key"
  openssl req -config ca.cnf -new -key "$name.key" -subj "$subject" -out "$name.csr" 2>/dev/null
  CADIR=$ca.db openssl ca -config ca.cnf -batch -notext -cert "$ca.pem" -keyfile "$ca.key" \
    -extensions "$ext" -in "$name.csr" -out "$name.pem" $validity 2>/dev/null
  openssl x509 -in "$name.pem" -outform DER -out "$name.der"
}

csca csca-bp ec "/C=NL/O=Borderpost test/CN=Test CSCA NL"
csca csca-pss pss "/C=DE/O=Borderpost test/CN=Test CSCA DE"
csca csca-rogue ec "/C=NL/O=Borderpost rogue/CN=Rogue CSCA NL"
csca csca-forged ec "/C=NL/O=Borderpost test/CN=Test CSCA NL"
csca anchor ec "/C=NL/O=Borderpost test/CN=Test master list anchor"
csca other-anchor ec "/C=NL/O=Borderpost test/CN=Test other anchor"
for c in csca-bp csca-pss anchor; do openssl x509 -in $c.pem -outform DER -out $c.der; done

issue csca-bp ds-bp ec "/C=NL/O=Borderpost test/CN=Test DS NL" ds_ext
issue csca-bp ds-expired ec "/C=NL/O=Borderpost test/CN=Test DS NL expired" ds_ext 20200101000000Z 20210101000000Z
issue csca-bp ds-revoked ec "/C=NL/O=Borderpost test/CN=Test DS NL revoked" ds_ext
issue csca-pss ds-pss rsa "/C=DE/O=Borderpost test/CN=Test DS DE" ds_ext
issue csca-rogue ds-rogue ec "/C=NL/O=Borderpost rogue/CN=Rogue DS NL" ds_ext
issue csca-forged ds-forged ec "/C=NL/O=Borderpost test/CN=Forged DS NL" ds_ext
issue anchor mls ec "/C=NL/O=Borderpost test/CN=Test master list signer" mls_ext
issue other-anchor mls-unknown ec "/C=NL/O=Borderpost test/CN=Unknown master list signer" mls_ext

# CSCA rollover: csca-bp's new key, certified by the old one in a link
# certificate of the same name, and a DS under the new key.
key_ec csca-bp-new.key
openssl req -config ca.cnf -new -key csca-bp-new.key -subj "/C=NL/O=Borderpost test/CN=Test CSCA NL" \
  -out csca-bp-new.csr 2>/dev/null
CADIR=csca-bp.db openssl ca -config ca.cnf -batch -notext -cert csca-bp.pem -keyfile csca-bp.key \
  -extensions csca_ext -in csca-bp-new.csr -out link-bp.pem -days 3000 2>/dev/null
mkdir -p link-bp.db
: > link-bp.db/index.txt
echo 2000 > link-bp.db/serial
cp csca-bp-new.key link-bp.key
issue link-bp ds-new ec "/C=NL/O=Borderpost test/CN=Test DS NL new key" ds_ext

# CRLs: csca-bp revokes ds-revoked; csca-pss's list expired a year ago.
CADIR=csca-bp.db openssl ca -config ca.cnf -batch -cert csca-bp.pem -keyfile csca-bp.key \
  -revoke ds-revoked.pem -crl_reason keyCompromise 2>/dev/null
CADIR=csca-bp.db openssl ca -config ca.cnf -batch -cert csca-bp.pem -keyfile csca-bp.key \
  -gencrl -crlexts crl_ext -out crl-bp.pem 2>/dev/null
openssl crl -in crl-bp.pem -outform DER -out crl-bp.der
CADIR=csca-pss.db openssl ca -config ca.cnf -batch -cert csca-pss.pem -keyfile csca-pss.key \
  -gencrl -crlexts crl_ext -crl_lastupdate 20240101000000Z -crl_nextupdate 20240401000000Z \
  -out crl-pss-expired.pem 2>/dev/null
openssl crl -in crl-pss-expired.pem -outform DER -out crl-pss-expired.der

# tlv TAG FILE: BER-TLV with a definite length, to stdout.
tlv () {
  local n
  n=$(stat -c %s "$2")
  if [ "$n" -lt 128 ]; then printf "\\x$1\\x$(printf %02x "$n")"
  elif [ "$n" -lt 256 ]; then printf "\\x$1\\x81\\x$(printf %02x "$n")"
  else printf "\\x$1\\x82\\x$(printf %02x $((n >> 8)))\\x$(printf %02x $((n & 255)))"; fi
  cat "$2"
}

# Master lists: SEQUENCE { INTEGER 0, SET OF Certificate }.
cat csca-bp.der csca-pss.der > certs.bin
tlv 31 certs.bin > certset.bin
printf '\x02\x01\x00' > mlver.bin
cat certset.bin >> mlver.bin
tlv 30 mlver.bin > ml-content.der
for signer in mls mls-unknown; do
  openssl cms -sign -binary -nodetach -econtent_type 2.23.136.1.1.2 -outform DER \
    -in ml-content.der -signer $signer.pem -inkey $signer.key -md sha256 -out $signer-list.der
done
mv mls-list.der ml.der
mv mls-unknown-list.der ml-unknown.der

# dg1 FILE MRZ: DG1 (61 { 5F1F MRZ }) of a TD3 document.
dg1 () {
  printf '%s' "$2" > "$1.mrz"
  { printf '\x5f\x1f\x58'; cat "$1.mrz"; } > "$1.inner"
  tlv 61 "$1.inner" > "$1"
  rm -f "$1.mrz" "$1.inner"
}

# lds OUT HASH GROUPFILES…: a DER LDSSecurityObject over the files as they are.
lds () {
  local out=$1 hash=$2 n
  shift 2
  {
    echo "asn1 = SEQUENCE:lds"
    echo "[lds]"
    echo "version = INTEGER:0"
    echo "alg = SEQUENCE:alg"
    echo "hashes = SEQUENCE:hashes"
    echo "[alg]"
    echo "oid = OID:$hash"
    echo "[hashes]"
    for f in "$@"; do n=$(basename "$f" .bin); echo "${n} = SEQUENCE:${n}"; done
    for f in "$@"; do
      n=$(basename "$f" .bin)
      echo "[$n]"
      echo "number = INTEGER:${n#DG}"
      echo "hash = FORMAT:HEX,OCTETSTRING:$(openssl dgst "-$hash" -binary "$f" | od -An -v -tx1 | tr -d ' \n')"
    done
  } > "$out.cnf"
  openssl asn1parse -genconf "$out.cnf" -out "$out" > /dev/null
}

# document CASE DS HASH MRZ [ECONTENT [OPTIONS]]: a folder with DG1, DG2, DG14 and SOD.
document () {
  local dir=$1 ds=$2 hash=$3 mrz=$4 econtent=${5:-2.23.136.1.1.1} options=${6:-}
  if [ "$ds" = ds-pss ]; then options="$options -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32"; fi
  mkdir -p "$dir"
  dg1 "$dir/DG1.bin" "$mrz"
  printf '\x75\x0a\x7f\x61\x07\x02\x01\x01\x7f\x60\x01\x00' > "$dir/DG2.bin"
  printf '\x6e\x0c\x31\x0a\x30\x08\x06\x03\x04\x00\x7f\x02\x01\x01' > "$dir/DG14.bin"
  printf '\x60\x0a\x5f\x01\x04\x30\x31\x30\x38\x5c\x02\x61\x75' > "$dir/COM.bin"
  lds "$dir/lds.der" "$hash" "$dir/DG1.bin" "$dir/DG2.bin" "$dir/DG14.bin"
  openssl cms -sign -binary -nodetach -econtent_type "$econtent" -outform DER \
    -in "$dir/lds.der" -signer "$ds.pem" -inkey "$ds.key" -md sha256 $options -out "$dir/sod.cms"
  tlv 77 "$dir/sod.cms" > "$dir/SOD.bin"
  rm -f "$dir/sod.cms" "$dir/lds.der.cnf" "$dir/lds.der"
}

NL1='P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<'
NL2='SPECI20142NLD6503101F2401151999999990<<<<<82'
DE1='P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<'
DE2='C11T002JM4D<<9608122F3110314<<<<<<<<<<<<<<<4'
FR1='P<FRAMARTIN<<MAELYS<GAELLE<MARIE<<<<<<<<<<<<'

document genuine-bp ds-bp sha256 "$NL1$NL2"
document genuine-pss ds-pss sha512 "$DE1$DE2"
document genuine-sha1 ds-bp sha1 "$NL1$NL2"
document genuine-sha384 ds-bp sha384 "$NL1$NL2"
document genuine-sha224 ds-bp sha224 "$NL1$NL2"
document unknown-csca ds-rogue sha256 "$NL1$NL2"
document forged-csca ds-forged sha256 "$NL1$NL2"
document expired-ds ds-expired sha256 "$NL1$NL2"
document revoked-ds ds-revoked sha256 "$NL1$NL2"
document wrong-content ds-bp sha256 "$NL1$NL2" 1.2.840.113549.1.7.1
document wrong-state ds-bp sha256 "$FR1$NL2"
document rollover ds-new sha256 "$NL1$NL2"
document no-certificate ds-bp sha256 "$NL1$NL2" 2.23.136.1.1.1 -nocerts
# No signed attributes, hence no signing time (and an SOD ICAO does not allow).
document no-attributes ds-bp sha256 "$NL1$NL2" 2.23.136.1.1.1 -noattr
document no-attributes-expired-ds ds-expired sha256 "$NL1$NL2" 2.23.136.1.1.1 -noattr

# A data group altered after signing: one byte of DG2.
mkdir -p altered-dg
cp genuine-bp/* altered-dg/
printf '\x02' | dd of=altered-dg/DG2.bin bs=1 seek=11 conv=notrunc 2>/dev/null
