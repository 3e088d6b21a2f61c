/* bench-pki-synth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Synthetic PKI material for the authenticity benchmark, made with the
 * OpenSSL C API at run time: a master list of many CSCAs (a few shared
 * keys, every certificate distinct), the chip's Active Authentication
 * answers, and the terminal's half of Chip Authentication. */

#include "config.h"

#include <openssl/asn1t.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "bench-pki-synth.h"
#include "bp-tlv.h"

/* ICAO 9303-12 8.2: CscaMasterList ::= SEQUENCE { version CscaMasterListVersion,
 *                                                 certList SET OF Certificate } */
typedef struct
{
  ASN1_INTEGER *version;
  STACK_OF (X509) * certs;
} BENCH_CSCA_MASTER_LIST;

/* clang-format off */
ASN1_SEQUENCE (BENCH_CSCA_MASTER_LIST) = {
  ASN1_SIMPLE (BENCH_CSCA_MASTER_LIST, version, ASN1_INTEGER),
  ASN1_SET_OF (BENCH_CSCA_MASTER_LIST, certs, X509),
} static_ASN1_SEQUENCE_END (BENCH_CSCA_MASTER_LIST)

/* 125 ICAO member states' ISO 3166 codes. */
static const char countries[] = "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BJ BN BO BR BS BW BY "
                                "BZ CA CH CI CL CM CN CO CR CU CY CZ DE DK DO DZ EC EE EG ES ET FI FJ FR GA "
                                "GB GE GH GR GT HN HR HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KR KW KZ "
                                "LA LB LK LT LU LV MA MC MD ME MK ML MN MT MU MX MY MZ NA NG NI NL NO NP NZ "
                                "OM PA PE PH PK PL PT PY QA RO RS RU RW SA SE SG SI SK SN SY TH TN TR UA UZ";

#define N_COUNTRIES ((sizeof countries) / 3)
/* clang-format on */

BenchKeys *
bench_keys_new (void)
{
  static const char *const curves[] = { "P-256", "brainpoolP256r1", "P-256", "brainpoolP384r1",
                                        "P-256", "brainpoolP256r1", "P-384" };
  BenchKeys *keys = g_new0 (BenchKeys, 1);

  keys->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) EVP_PKEY_free);
  for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
    g_ptr_array_add (keys->keys, EVP_EC_gen (curves[i]));
  keys->brainpool = g_ptr_array_index (keys->keys, 1);
  /* Two of the nine keys are RSA: RSA CSCAs are still common. */
  keys->rsa = EVP_RSA_gen (2048);
  g_ptr_array_add (keys->keys, keys->rsa);
  g_ptr_array_add (keys->keys, EVP_RSA_gen (2048));
  for (guint i = 0; i < keys->keys->len; i++)
    if (g_ptr_array_index (keys->keys, i) == NULL)
      g_error ("cannot generate the benchmark keys");
  return keys;
}

void
bench_keys_free (BenchKeys *keys)
{
  g_ptr_array_unref (keys->keys);
  g_free (keys);
}

static void
add_extension (X509 *cert,
               X509V3_CTX *ctx,
               int nid,
               const char *value)
{
  X509_EXTENSION *extension = X509V3_EXT_conf_nid (NULL, ctx, nid, value);

  if (extension == NULL || !X509_add_ext (cert, extension, -1))
    g_error ("cannot add extension %s", OBJ_nid2sn (nid));
  X509_EXTENSION_free (extension);
}

/* A certificate for @key named C=@country, O=Borderpost bench, CN=@cn;
 * self-signed when @issuer is NULL. */
static X509 *
make_certificate (const char *country,
                  const char *cn,
                  long serial,
                  EVP_PKEY *key,
                  gboolean ca,
                  X509 *issuer,
                  EVP_PKEY *issuer_key)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_NAME_new ();
  X509V3_CTX ctx;

  X509_set_version (cert, X509_VERSION_3);
  ASN1_INTEGER_set (X509_get_serialNumber (cert), serial);
  X509_NAME_add_entry_by_txt (name, "C", MBSTRING_ASC, (const unsigned char *) country, -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_ASC, (const unsigned char *) "Borderpost bench", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const unsigned char *) cn, -1, -1, 0);
  X509_set_subject_name (cert, name);
  X509_set_issuer_name (cert, issuer != NULL ? X509_get_subject_name (issuer) : name);
  X509_NAME_free (name);
  X509_gmtime_adj (X509_getm_notBefore (cert), -5L * 365 * 86400);
  X509_gmtime_adj (X509_getm_notAfter (cert), 10L * 365 * 86400);
  X509_set_pubkey (cert, key);

  X509V3_set_ctx (&ctx, issuer != NULL ? issuer : cert, cert, NULL, NULL, 0);
  if (ca)
    {
      add_extension (cert, &ctx, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
      add_extension (cert, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    }
  else
    add_extension (cert, &ctx, NID_key_usage, "critical,digitalSignature");
  add_extension (cert, &ctx, NID_subject_key_identifier, "hash");
  if (issuer != NULL)
    add_extension (cert, &ctx, NID_authority_key_identifier, "keyid");

  if (X509_sign (cert, issuer_key != NULL ? issuer_key : key, EVP_sha256 ()) <= 0)
    g_error ("cannot sign the certificate %s", cn);
  return cert;
}

static GBytes *
certificate_to_bytes (X509 *cert)
{
  unsigned char *der = NULL;
  int length = i2d_X509 (cert, &der);
  GBytes *bytes;

  if (length <= 0)
    g_error ("cannot encode a certificate");
  bytes = g_bytes_new (der, (gsize) length);
  OPENSSL_free (der);
  return bytes;
}

void
bench_master_list_make (BenchKeys *keys,
                        guint n_cscas,
                        BenchMasterList *out)
{
  BENCH_CSCA_MASTER_LIST content = { ASN1_INTEGER_new (), sk_X509_new_null () };
  EVP_PKEY *anchor_key = g_ptr_array_index (keys->keys, 0);
  EVP_PKEY *signer_key = g_ptr_array_index (keys->keys, 2);
  X509 *anchor = make_certificate ("UN", "Bench master list anchor", 1, anchor_key, TRUE, NULL, NULL);
  X509 *signer = make_certificate ("UN", "Bench master list signer", 2, signer_key, FALSE, anchor, anchor_key);
  ASN1_OBJECT *type = OBJ_txt2obj ("2.23.136.1.1.2", 1);
  CMS_ContentInfo *cms;
  unsigned char *der = NULL;
  int length;
  BIO *in;

  ASN1_INTEGER_set (content.version, 0);
  for (guint i = 0; i < n_cscas; i++)
    {
      char country[3] = { countries[3 * (i % N_COUNTRIES)], countries[3 * (i % N_COUNTRIES) + 1], 0 };
      g_autofree char *cn = g_strdup_printf ("CSCA %s %04u", country, i);

      sk_X509_push (content.certs, make_certificate (country, cn, 1000 + i,
                                                     g_ptr_array_index (keys->keys, i % keys->keys->len), TRUE,
                                                     NULL, NULL));
    }
  length = ASN1_item_i2d ((ASN1_VALUE *) &content, &der, ASN1_ITEM_rptr (BENCH_CSCA_MASTER_LIST));
  if (length <= 0)
    g_error ("cannot encode the master list");

  in = BIO_new_mem_buf (der, length);
  cms = CMS_sign (signer, signer_key, NULL, NULL, CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP);
  if (cms == NULL || !CMS_set1_eContentType (cms, type) || !CMS_final (cms, in, NULL, CMS_BINARY))
    g_error ("cannot sign the master list");
  OPENSSL_free (der);
  der = NULL;
  length = i2d_CMS_ContentInfo (cms, &der);
  if (length <= 0)
    g_error ("cannot encode the master list's CMS");

  out->list = g_bytes_new (der, (gsize) length);
  out->anchor = certificate_to_bytes (anchor);
  out->cscas = n_cscas;
  out->countries = MIN (n_cscas, N_COUNTRIES);

  OPENSSL_free (der);
  BIO_free (in);
  CMS_ContentInfo_free (cms);
  ASN1_OBJECT_free (type);
  X509_free (signer);
  X509_free (anchor);
  ASN1_INTEGER_free (content.version);
  sk_X509_pop_free (content.certs, X509_free);
}

void
bench_master_list_clear (BenchMasterList *list)
{
  g_clear_pointer (&list->list, g_bytes_unref);
  g_clear_pointer (&list->anchor, g_bytes_unref);
}

GBytes *
bench_aa_dg15 (EVP_PKEY *key)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  unsigned char *spki = NULL;
  int length = i2d_PUBKEY (key, &spki);

  if (length <= 0)
    g_error ("cannot encode the Active Authentication key");
  bp_tlv_append (out, 0x6F, spki, (gsize) length);
  OPENSSL_free (spki);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* F = 6A ‖ M1 ‖ SHA-1(M1 ‖ challenge) ‖ BC, signed with the raw private key. */
static guint8 *
sign_iso9796 (EVP_PKEY *key,
              const guint8 *challenge,
              gsize challenge_length,
              gsize *length)
{
  gsize k = (gsize) EVP_PKEY_get_size (key);
  gsize m1_length = k - 2 - 20;
  g_autofree guint8 *f = g_malloc (k);
  guint8 *s = g_malloc (k);
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, key, NULL);
  size_t s_length = k;

  f[0] = 0x6A;
  for (gsize i = 0; i < m1_length; i++)
    f[1 + i] = (guint8) g_random_int ();
  if (!EVP_DigestInit_ex (md, EVP_sha1 (), NULL) || !EVP_DigestUpdate (md, f + 1, m1_length)
      || !EVP_DigestUpdate (md, challenge, challenge_length) || !EVP_DigestFinal_ex (md, f + 1 + m1_length, NULL))
    g_error ("cannot hash the Active Authentication message");
  f[k - 1] = 0xBC;
  if (EVP_PKEY_sign_init (ctx) != 1 || EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING) != 1
      || EVP_PKEY_sign (ctx, s, &s_length, f, k) != 1 || s_length != k)
    g_error ("cannot sign the Active Authentication message");
  EVP_PKEY_CTX_free (ctx);
  EVP_MD_CTX_free (md);
  *length = k;
  return s;
}

/* ECDSA-SHA256, as plain r ‖ s (BSI TR-03111). */
static guint8 *
sign_ecdsa (EVP_PKEY *key,
            const guint8 *challenge,
            gsize challenge_length,
            gsize *length)
{
  gsize half = ((gsize) EVP_PKEY_get_bits (key) + 7) / 8;
  guint8 der[160];
  size_t der_length = sizeof der;
  const unsigned char *p = der;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  ECDSA_SIG *sig;
  guint8 *plain = g_malloc (2 * half);

  if (EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, key) != 1
      || EVP_DigestSign (ctx, der, &der_length, challenge, challenge_length) != 1)
    g_error ("cannot sign the Active Authentication challenge");
  sig = d2i_ECDSA_SIG (NULL, &p, (long) der_length);
  if (sig == NULL)
    g_error ("cannot decode the ECDSA signature");
  BN_bn2binpad (ECDSA_SIG_get0_r (sig), plain, (int) half);
  BN_bn2binpad (ECDSA_SIG_get0_s (sig), plain + half, (int) half);
  ECDSA_SIG_free (sig);
  EVP_MD_CTX_free (ctx);
  *length = 2 * half;
  return plain;
}

guint8 *
bench_aa_sign (EVP_PKEY *key,
               const guint8 *challenge,
               gsize challenge_length,
               gsize *length)
{
  if (EVP_PKEY_get_base_id (key) == EVP_PKEY_RSA)
    return sign_iso9796 (key, challenge, challenge_length, length);
  return sign_ecdsa (key, challenge, challenge_length, length);
}

/* ICAO 9303-11 9.7.1: KDF(K, c) = SHA-1(K ‖ c), c a 32-bit big-endian counter. */
static void
kdf (const guint8 *secret,
     gsize secret_length,
     guint8 counter,
     guint8 key[16])
{
  const guint8 c[4] = { 0, 0, 0, counter };
  guint8 digest[EVP_MAX_MD_SIZE];
  EVP_MD_CTX *md = EVP_MD_CTX_new ();

  if (!EVP_DigestInit_ex (md, EVP_sha1 (), NULL) || !EVP_DigestUpdate (md, secret, secret_length)
      || !EVP_DigestUpdate (md, c, sizeof c) || !EVP_DigestFinal_ex (md, digest, NULL))
    g_error ("cannot derive a session key");
  memcpy (key, digest, 16);
  EVP_MD_CTX_free (md);
}

void
bench_ca_key_agreement (EVP_PKEY *chip_key,
                        guint8 k_enc[16],
                        guint8 k_mac[16])
{
  EVP_PKEY_CTX *keygen = EVP_PKEY_CTX_new_from_pkey (NULL, chip_key, NULL);
  EVP_PKEY *ephemeral = NULL;
  EVP_PKEY_CTX *derive;
  guint8 point[200];
  guint8 secret[80];
  size_t point_length = 0;
  size_t secret_length = sizeof secret;

  if (EVP_PKEY_keygen_init (keygen) != 1 || EVP_PKEY_keygen (keygen, &ephemeral) != 1)
    g_error ("cannot generate the ephemeral key");
  /* The uncompressed point the terminal sends in MSE:SET AT / GENERAL AUTHENTICATE. */
  if (!EVP_PKEY_get_octet_string_param (ephemeral, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &point_length)
      || point_length == 0)
    g_error ("cannot encode the ephemeral public key");
  derive = EVP_PKEY_CTX_new_from_pkey (NULL, ephemeral, NULL);
  if (EVP_PKEY_derive_init (derive) != 1 || EVP_PKEY_derive_set_peer (derive, chip_key) != 1
      || EVP_PKEY_derive (derive, secret, &secret_length) != 1)
    g_error ("cannot agree on the shared secret");
  kdf (secret, secret_length, 1, k_enc);
  kdf (secret, secret_length, 2, k_mac);
  OPENSSL_cleanse (secret, sizeof secret);
  EVP_PKEY_CTX_free (derive);
  EVP_PKEY_free (ephemeral);
  EVP_PKEY_CTX_free (keygen);
}
