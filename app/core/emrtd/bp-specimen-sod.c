/* bp-specimen-sod.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-specimen-sod"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

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
/* id-PACE-ECDH-GM-AES-CBC-CMAC-128, 0.4.0.127.0.7.2.2.4.2.2 */
static const guint8 oid_pace_ecdh_gm_aes128[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02 };

static void
append_integer (GByteArray *out,
                guint value)
{
  guint8 b[5];
  guint n = 0;

  /* DER: minimal big-endian two's complement, non-negative here. */
  do
    {
      b[4 - n++] = value & 0xFF;
      value >>= 8;
    }
  while (value > 0);
  if (b[5 - n] & 0x80)
    b[4 - n++] = 0;
  bp_tlv_append (out, 0x02, b + 5 - n, n);
}

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
      append_integer (entry, dgs[i]);
      bp_tlv_append (entry, 0x04, digest, digest_len);
      bp_tlv_append (hashes, 0x30, entry->data, entry->len);
    }

  append_integer (body, 0);
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

GBytes *
bp_specimen_sign_sod (GBytes *security_object,
                      GBytes *signer_certificate_pem,
                      GBytes *signer_key_pem,
                      GError **error)
{
  g_autoptr (CMS_ContentInfo) cms = NULL;
  g_autoptr (ASN1_OBJECT) content_type = NULL;
  g_autoptr (GByteArray) out = NULL;
  X509 *cert = NULL;
  EVP_PKEY *key = NULL;
  BIO *bio = NULL;
  unsigned char *der = NULL;
  int der_len;
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

  der_len = i2d_CMS_ContentInfo (cms, &der);
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
bp_specimen_encode_card_access (void)
{
  g_autoptr (GByteArray) info = g_byte_array_new ();
  g_autoptr (GByteArray) pace = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  bp_tlv_append (info, 0x06, oid_pace_ecdh_gm_aes128, sizeof oid_pace_ecdh_gm_aes128);
  append_integer (info, 2);  /* version */
  append_integer (info, 13); /* brainpoolP256r1 */
  bp_tlv_append (pace, 0x30, info->data, info->len);
  bp_tlv_append (out, 0x31, pace->data, pace->len);
  return g_byte_array_free_to_bytes (out);
}
