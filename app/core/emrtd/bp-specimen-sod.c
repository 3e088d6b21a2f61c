/* bp-specimen-sod.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-specimen-sod"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bp-dg14.h"
#include "bp-lds.h"
#include "bp-specimen.h"
#include "bp-tlv.h"

/* The security files of a specimen: the LDSSecurityObject of 9303-10
 * 4.6.2, signed with OpenSSL's CMS code, and EF.CardAccess. The DER is
 * written with bp-tlv because the structures are small and fixed;
 * OpenSSL has no template for the LDSSecurityObject. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CMS_ContentInfo, CMS_ContentInfo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_OBJECT, ASN1_OBJECT_free)

#define OID_LDS_SECURITY_OBJECT "2.23.136.1.1.1"

/* id-sha256, 2.16.840.1.101.3.4.2.1 */
static const guint8 oid_sha256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };

GBytes *
bp_specimen_encode_security_object (const guint *dgs,
                                    GBytes **files,
                                    guint n_files)
{
  g_autoptr (GByteArray) algorithm = g_byte_array_new ();
  g_autoptr (GByteArray) hashes = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  g_return_val_if_fail (dgs != NULL || n_files == 0, NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  bp_tlv_append (algorithm, 0x06, oid_sha256, sizeof oid_sha256);
  bp_tlv_append (algorithm, 0x05, NULL, 0);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr (GByteArray) entry = g_byte_array_new ();
      guint8 digest[32];
      gsize digest_len = sizeof digest;
      g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      gsize size;
      const guint8 *data = g_bytes_get_data (files[i], &size);

      g_checksum_update (sum, data, size);
      g_checksum_get_digest (sum, digest, &digest_len);
      bp_tlv_append_uint (entry, dgs[i]);
      bp_tlv_append (entry, 0x04, digest, digest_len);
      bp_tlv_append (hashes, 0x30, entry->data, entry->len);
    }

  bp_tlv_append_uint (body, 0);
  bp_tlv_append (body, 0x30, algorithm->data, algorithm->len);
  bp_tlv_append (body, 0x30, hashes->data, hashes->len);
  bp_tlv_append (out, 0x30, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
openssl_error (GError **error,
               const char *what)
{
  char detail[256] = "";
  unsigned long code = ERR_get_error ();

  if (code != 0)
    ERR_error_string_n (code, detail, sizeof detail);
  ERR_clear_error ();
  /* @what is translated; the bracketed detail is OpenSSL's, for IT staff. */
  g_set_error (error, BP_SPECIMEN_ERROR, BP_SPECIMEN_ERROR_SIGN, "%s (%s)", what, detail);
  return FALSE;
}

/* EF.SOD: the CMS SignedData in DER inside tag 77. */
static GBytes *
wrap_sod (CMS_ContentInfo *cms,
          GError **error)
{
  g_autoptr (GByteArray) out = NULL;
  unsigned char *der = NULL;
  int der_len = i2d_CMS_ContentInfo (cms, &der);

  if (der_len <= 0)
    {
      openssl_error (error, _ ("The security data of the specimen cannot be signed."));
      return NULL;
    }
  out = g_byte_array_sized_new (der_len + 8);
  bp_tlv_append (out, BP_LDS_TAG_SOD, der, der_len);
  OPENSSL_free (der);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
bp_specimen_sign_sod (GBytes *security_object,
                      GBytes *signer_certificate_pem,
                      GBytes *signer_key_pem,
                      GError **error)
{
  g_autoptr (CMS_ContentInfo) cms = NULL;
  g_autoptr (ASN1_OBJECT) content_type = NULL;
  X509 *cert = NULL;
  EVP_PKEY *key = NULL;
  BIO *bio = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (security_object != NULL, NULL);
  g_return_val_if_fail (signer_certificate_pem != NULL, NULL);
  g_return_val_if_fail (signer_key_pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (signer_certificate_pem, &size);
  bio = BIO_new_mem_buf (data, (int) size);
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  if (cert == NULL)
    {
      openssl_error (error, _ ("The Document Signer certificate cannot be read."));
      return NULL;
    }

  data = g_bytes_get_data (signer_key_pem, &size);
  bio = BIO_new_mem_buf (data, (int) size);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  if (key == NULL)
    {
      X509_free (cert);
      openssl_error (error, _ ("The Document Signer private key cannot be read."));
      return NULL;
    }

  /* CMS_PARTIAL, so that the eContentType can be set before signing;
   * no S/MIME capabilities, which have no place in a passport. */
  cms = CMS_sign (cert, key, NULL, NULL, CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP);
  content_type = OBJ_txt2obj (OID_LDS_SECURITY_OBJECT, 1);
  data = g_bytes_get_data (security_object, &size);
  bio = BIO_new_mem_buf (data, (int) size);
  if (cms == NULL || content_type == NULL || !CMS_set1_eContentType (cms, content_type) || !CMS_final (cms, bio, NULL, CMS_BINARY))
    {
      BIO_free (bio);
      X509_free (cert);
      EVP_PKEY_free (key);
      openssl_error (error, _ ("The security data of the specimen cannot be signed."));
      return NULL;
    }
  BIO_free (bio);
  X509_free (cert);
  EVP_PKEY_free (key);

  return wrap_sod (cms, error);
}

/* EF.CardAccess with one PACEInfo: @oid (dotted), version 2,
 * brainpoolP256r1. */
GBytes *
_bp_specimen_encode_card_access_for (const char *oid)
{
  g_autoptr (GByteArray) info = g_byte_array_new ();
  g_autoptr (GByteArray) pace = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  ASN1_OBJECT *object = OBJ_txt2obj (oid, 1);

  g_return_val_if_fail (object != NULL, NULL);
  bp_tlv_append (info, 0x06, OBJ_get0_data (object), OBJ_length (object));
  ASN1_OBJECT_free (object);
  bp_tlv_append_uint (info, 2);  /* version */
  bp_tlv_append_uint (info, 13); /* brainpoolP256r1 */
  bp_tlv_append (pace, 0x30, info->data, info->len);
  bp_tlv_append (out, 0x31, pace->data, pace->len);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
bp_specimen_encode_card_access (void)
{
  return _bp_specimen_encode_card_access_for (BP_SPECIMEN_PACE_GM_OID);
}

/**
 * bp_specimen_encode_dg14:
 * @public_key_spki_der: the chip's Chip Authentication key (EC)
 * @error: return location for an error
 *
 * DG14 as the specimens carry it: one elliptic curve key for
 * id-CA-ECDH-AES-CBC-CMAC-128, without keyId (bp_dg14_encode()).
 *
 * Returns: (transfer full): DG14, or %NULL
 */
GBytes *
bp_specimen_encode_dg14 (GBytes *public_key_spki_der,
                         GError **error)
{
  const unsigned char *spki;
  const unsigned char *p;
  gsize spki_len;
  EVP_PKEY *key;
  gboolean ec;

  g_return_val_if_fail (public_key_spki_der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  spki = g_bytes_get_data (public_key_spki_der, &spki_len);
  p = spki;
  key = d2i_PUBKEY (NULL, &p, (long) spki_len);
  ec = key != NULL && EVP_PKEY_is_a (key, "EC") && p == spki + spki_len;
  EVP_PKEY_free (key);
  if (!ec)
    {
      openssl_error (error, _ ("The Chip Authentication key is not an elliptic curve public key."));
      return NULL;
    }
  return bp_dg14_encode (public_key_spki_der, BP_OID_CA_ECDH_AES128, -1, error);
}

GBytes *
bp_specimen_break_sod_signature (GBytes *sod,
                                 GError **error)
{
  g_autoptr (GBytes) content = NULL;
  g_autoptr (CMS_ContentInfo) cms = NULL;
  STACK_OF (CMS_SignerInfo) * signers;
  ASN1_OCTET_STRING *signature;
  const unsigned char *p;
  guint8 *value;
  gsize size;
  int length;

  g_return_val_if_fail (sod != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  content = bp_lds_sod_unwrap (sod, error);
  if (content == NULL)
    return NULL;
  p = g_bytes_get_data (content, &size);
  cms = d2i_CMS_ContentInfo (NULL, &p, (long) size);
  signers = cms ? CMS_get0_SignerInfos (cms) : NULL;
  if (signers == NULL || sk_CMS_SignerInfo_num (signers) < 1)
    {
      openssl_error (error, _ ("The security data of the specimen cannot be read."));
      return NULL;
    }
  signature = CMS_SignerInfo_get0_signature (sk_CMS_SignerInfo_value (signers, 0));
  length = ASN1_STRING_length (signature);
  if (length < 1)
    {
      openssl_error (error, _ ("The security data of the specimen cannot be read."));
      return NULL;
    }
  /* The last byte: for ECDSA the low byte of s, so the value stays a
   * well-formed signature that does not verify. */
  value = g_memdup2 (ASN1_STRING_get0_data (signature), length);
  value[length - 1] ^= 0x01;
  if (!ASN1_STRING_set (signature, value, length))
    {
      g_free (value);
      openssl_error (error, _ ("The security data of the specimen cannot be signed."));
      return NULL;
    }
  g_free (value);

  return wrap_sod (cms, error);
}
