/* bp-pki-util.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pki"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/asn1t.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <time.h>
#include <unicode/uloc.h>

#include "bp-pki-private.h"
#include "bp-pki.h"

G_DEFINE_QUARK (bp - pki - error - quark, bp_pki_error)

/* ICAO 9303-12 8.2: CscaMasterList ::= SEQUENCE { version CscaMasterListVersion,
 *                                                 certList SET OF Certificate } */
typedef struct
{
  ASN1_INTEGER *version;
  STACK_OF (X509) * certs;
} BP_CSCA_MASTER_LIST;

/* clang-format off */
ASN1_SEQUENCE (BP_CSCA_MASTER_LIST) = {
  ASN1_SIMPLE (BP_CSCA_MASTER_LIST, version, ASN1_INTEGER),
  ASN1_SET_OF (BP_CSCA_MASTER_LIST, certs, X509),
} static_ASN1_SEQUENCE_END (BP_CSCA_MASTER_LIST)
                                      /* clang-format on */

                                      STACK_OF (X509)
                                      * _bp_csca_master_list_parse (const guint8 *der, gsize length, GError **error)
{
  const unsigned char *p = der;
  BP_CSCA_MASTER_LIST *list;
  STACK_OF (X509) * certs;

  if (length > G_MAXINT32)
    length = G_MAXINT32;
  list = (BP_CSCA_MASTER_LIST *) ASN1_item_d2i (NULL, &p, (long) length, ASN1_ITEM_rptr (BP_CSCA_MASTER_LIST));
  if (list == NULL || p != der + length || ASN1_INTEGER_get (list->version) != 0)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      ASN1_item_free ((ASN1_VALUE *) list, ASN1_ITEM_rptr (BP_CSCA_MASTER_LIST));
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The master list content is not a CscaMasterList (%s)."),
                   detail ? detail : _ ("wrong version or trailing bytes"));
      return NULL;
    }

  certs = g_steal_pointer (&list->certs);
  ASN1_item_free ((ASN1_VALUE *) list, ASN1_ITEM_rptr (BP_CSCA_MASTER_LIST));

  return certs;
}

char *
_bp_pki_dup_openssl_error (void)
{
  unsigned long code = ERR_peek_last_error ();
  char text[256];

  if (code == 0)
    return NULL;
  ERR_error_string_n (code, text, sizeof text);
  ERR_clear_error ();

  return g_strdup (text);
}

char *
_bp_pki_name_to_string (const X509_NAME *name)
{
  g_autoptr (BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;

  if (name == NULL)
    return g_strdup ("");
  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  length = BIO_get_mem_data (bio, &data);

  return g_strndup (data, length);
}

char *
_bp_pki_name_dup_country (const X509_NAME *name)
{
  int index = X509_NAME_get_index_by_NID (name, NID_countryName, -1);
  const ASN1_STRING *value;

  if (index < 0)
    return NULL;
  value = X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index));

  return g_ascii_strup ((const char *) ASN1_STRING_get0_data (value), ASN1_STRING_length (value));
}

char *
_bp_pki_serial_to_string (const ASN1_INTEGER *serial)
{
  return bp_pki_hex (ASN1_STRING_get0_data (serial), ASN1_STRING_length (serial));
}

gint64
_bp_pki_time_to_unix (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || !ASN1_TIME_to_tm (time, &tm))
    return G_MININT64;

  return timegm (&tm);
}

char *
_bp_pki_unix_to_iso8601 (gint64 unix_time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  if (date == NULL)
    return g_strdup ("");
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
}

char *
bp_pki_hex (const guint8 *data,
            gsize length)
{
  GString *hex = g_string_sized_new (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02X", data[i]);

  return g_string_free (hex, FALSE);
}

static gboolean
looks_like_pem (const guint8 *data,
                gsize length)
{
  return length > 10 && g_strstr_len ((const char *) data, MIN (length, 4096), "-----BEGIN") != NULL;
}

X509 *
_bp_pki_read_certificate (const guint8 *data,
                          gsize length,
                          GError **error)
{
  X509 *cert = NULL;

  if (length > G_MAXINT32)
    length = G_MAXINT32;

  if (looks_like_pem (data, length))
    {
      g_autoptr (BIO) bio = BIO_new_mem_buf (data, (int) length);

      cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
    }
  else
    {
      const unsigned char *p = data;

      cert = d2i_X509 (NULL, &p, (long) length);
      if (cert != NULL && p != data + length)
        g_clear_pointer (&cert, X509_free);
    }

  if (cert == NULL)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("This is not a certificate in DER or PEM form (%s)."),
                   detail ? detail : _ ("trailing bytes"));
    }

  return cert;
}

X509_CRL *
_bp_pki_read_crl (const guint8 *data,
                  gsize length,
                  GError **error)
{
  X509_CRL *crl = NULL;

  if (length > G_MAXINT32)
    length = G_MAXINT32;

  if (looks_like_pem (data, length))
    {
      g_autoptr (BIO) bio = BIO_new_mem_buf (data, (int) length);

      crl = PEM_read_bio_X509_CRL (bio, NULL, NULL, NULL);
    }
  else
    {
      const unsigned char *p = data;

      crl = d2i_X509_CRL (NULL, &p, (long) length);
      if (crl != NULL && p != data + length)
        g_clear_pointer (&crl, X509_CRL_free);
    }

  if (crl == NULL)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("This is not a revocation list in DER or PEM form (%s)."),
                   detail ? detail : _ ("trailing bytes"));
    }

  return crl;
}

char *
_bp_pki_country_alpha2 (const char *icao_code)
{
  /* Codes of ICAO 9303-3 that are not ISO 3166-1 alpha-3. */
  static const struct
  {
    const char *icao;
    const char *alpha2;
  } special[] = {
    { "D", "DE" },
    { "GBD", "GB" },
    { "GBN", "GB" },
    { "GBO", "GB" },
    { "GBP", "GB" },
    { "GBS", "GB" },
    { "RKS", "XK" },
    { "EUE", "EU" },
    { "UNA", "UN" },
    { "UNK", "UN" },
    { "UNO", "UN" },
    /* Utopia, the specimen state of ICAO 9303: its test CSCAs say C=UT,
     * a code ISO 3166 has never assigned. */
    { "UTO", "UT" },
  };
  g_autofree char *code = NULL;
  const char *const *countries;

  if (icao_code == NULL)
    return NULL;
  code = g_strdelimit (g_ascii_strup (icao_code, -1), "<", ' ');
  g_strstrip (code);

  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    if (g_str_equal (code, special[i].icao))
      return g_strdup (special[i].alpha2);

  if (strlen (code) != 3)
    return NULL;
  for (countries = uloc_getISOCountries (); *countries != NULL; countries++)
    {
      char locale[16];

      g_snprintf (locale, sizeof locale, "und_%s", *countries);
      if (g_str_equal (uloc_getISO3Country (locale), code))
        return g_strdup (*countries);
    }
  return NULL;
}

/**
 * bp_pki_describe_key:
 * @evidence: the evidence of a check
 * @key: (nullable): the key it rests on
 *
 * Adds the key's type, size in bits and, for a curve, its name.
 */
void
bp_pki_describe_key (JsonObject *evidence,
                     EVP_PKEY *key)
{
  char group[64];

  g_return_if_fail (evidence != NULL);

  if (key == NULL)
    return;
  json_object_set_string_member (evidence, "key_type", EVP_PKEY_get0_type_name (key));
  json_object_set_int_member (evidence, "key_bits", EVP_PKEY_get_bits (key));
  if (EVP_PKEY_get_utf8_string_param (key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
    json_object_set_string_member (evidence, "curve", group);
}
