/* bp-lds-security-object.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-lds-security-object"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/asn1t.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "bp-lds-security-object.h"
#include "bp-pki-private.h"
#include "bp-pki.h"

/* ICAO 9303-10 4.6.2.2:
 *
 *   LDSSecurityObject ::= SEQUENCE {
 *     version LDSSecurityObjectVersion,            -- v0(0), v1(1)
 *     hashAlgorithm DigestAlgorithmIdentifier,
 *     dataGroupHashValues SEQUENCE SIZE (2..ub-DataGroups) OF DataGroupHash,
 *     ldsVersionInfo LDSVersionInfo OPTIONAL }     -- present in v1
 *   DataGroupHash ::= SEQUENCE { dataGroupNumber DataGroupNumber,
 *                                dataGroupHashValue OCTET STRING }
 *   LDSVersionInfo ::= SEQUENCE { ldsVersion PRINTABLE STRING,
 *                                 unicodeVersion PRINTABLE STRING } */
typedef struct
{
  ASN1_INTEGER *number;
  ASN1_OCTET_STRING *hash;
} BP_DG_HASH;

typedef struct
{
  ASN1_PRINTABLESTRING *lds_version;
  ASN1_PRINTABLESTRING *unicode_version;
} BP_LDS_VERSION_INFO;

DEFINE_STACK_OF (BP_DG_HASH)

typedef struct
{
  ASN1_INTEGER *version;
  X509_ALGOR *hash_algorithm;
  STACK_OF (BP_DG_HASH) * hashes;
  BP_LDS_VERSION_INFO *version_info;
} BP_LDS_SECURITY_OBJECT;

/* clang-format off */
ASN1_SEQUENCE (BP_DG_HASH) = {
  ASN1_SIMPLE (BP_DG_HASH, number, ASN1_INTEGER),
  ASN1_SIMPLE (BP_DG_HASH, hash, ASN1_OCTET_STRING),
} static_ASN1_SEQUENCE_END (BP_DG_HASH)

ASN1_SEQUENCE (BP_LDS_VERSION_INFO) = {
  ASN1_SIMPLE (BP_LDS_VERSION_INFO, lds_version, ASN1_PRINTABLESTRING),
  ASN1_SIMPLE (BP_LDS_VERSION_INFO, unicode_version, ASN1_PRINTABLESTRING),
} static_ASN1_SEQUENCE_END (BP_LDS_VERSION_INFO)

ASN1_SEQUENCE (BP_LDS_SECURITY_OBJECT) = {
  ASN1_SIMPLE (BP_LDS_SECURITY_OBJECT, version, ASN1_INTEGER),
  ASN1_SIMPLE (BP_LDS_SECURITY_OBJECT, hash_algorithm, X509_ALGOR),
  ASN1_SEQUENCE_OF (BP_LDS_SECURITY_OBJECT, hashes, BP_DG_HASH),
  ASN1_OPT (BP_LDS_SECURITY_OBJECT, version_info, BP_LDS_VERSION_INFO),
} static_ASN1_SEQUENCE_END (BP_LDS_SECURITY_OBJECT)
/* clang-format on */

#define MAX_GROUP 16

        struct _BpLdsSecurityObject
{
  int version;
  const EVP_MD *md;
  const char *hash_name;
  guint groups[MAX_GROUP];
  guint n_groups;
  GBytes *hashes[MAX_GROUP + 1];
  char *lds_version;
  char *unicode_version;
};

static const struct
{
  int nid;
  const char *name;
} hash_algorithms[] = {
  { NID_sha1, "SHA-1" },
  { NID_sha224, "SHA-224" },
  { NID_sha256, "SHA-256" },
  { NID_sha384, "SHA-384" },
  { NID_sha512, "SHA-512" },
};

static char *
dup_printable (const ASN1_STRING *string)
{
  return g_strndup ((const char *) ASN1_STRING_get0_data (string), ASN1_STRING_length (string));
}

static gboolean
fill (BpLdsSecurityObject *self,
      const BP_LDS_SECURITY_OBJECT *object,
      GError **error)
{
  const ASN1_OBJECT *oid = NULL;
  long version = ASN1_INTEGER_get (object->version);
  int nid;

  if (version != 0 && version != 1)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The security object has version %ld, which is not defined by ICAO."), version);
      return FALSE;
    }
  self->version = (int) version;

  X509_ALGOR_get0 (&oid, NULL, NULL, object->hash_algorithm);
  nid = OBJ_obj2nid (oid);
  for (guint i = 0; i < G_N_ELEMENTS (hash_algorithms); i++)
    if (hash_algorithms[i].nid == nid)
      {
        self->md = EVP_get_digestbynid (nid);
        self->hash_name = hash_algorithms[i].name;
      }
  if (self->md == NULL)
    {
      char text[80];

      OBJ_obj2txt (text, sizeof text, oid, 1);
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The security object names the hash algorithm %s, which is not one ICAO allows."), text);
      return FALSE;
    }

  for (int i = 0; i < sk_BP_DG_HASH_num (object->hashes); i++)
    {
      const BP_DG_HASH *entry = sk_BP_DG_HASH_value (object->hashes, i);
      long number = ASN1_INTEGER_get (entry->number);
      int length = ASN1_STRING_length (entry->hash);

      if (number < 1 || number > MAX_GROUP)
        {
          g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                       _ ("The security object lists data group %ld, which does not exist."), number);
          return FALSE;
        }
      if (self->hashes[number] != NULL)
        {
          g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                       _ ("The security object lists data group %ld twice."), number);
          return FALSE;
        }
      if (length != EVP_MD_get_size (self->md))
        {
          g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                       _ ("The hash of data group %ld has %d bytes, but %s hashes have %d."),
                       number, length, self->hash_name, EVP_MD_get_size (self->md));
          return FALSE;
        }
      self->hashes[number] = g_bytes_new (ASN1_STRING_get0_data (entry->hash), length);
    }

  for (guint group = 1; group <= MAX_GROUP; group++)
    if (self->hashes[group] != NULL)
      self->groups[self->n_groups++] = group;

  if (self->n_groups == 0)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The security object lists no data group."));
      return FALSE;
    }

  if (object->version_info != NULL)
    {
      self->lds_version = dup_printable (object->version_info->lds_version);
      self->unicode_version = dup_printable (object->version_info->unicode_version);
    }

  return TRUE;
}

/**
 * bp_lds_security_object_parse:
 * @der: the DER eContent of EF.SOD
 * @length: its length
 * @error: return location for a #BP_PKI_ERROR
 *
 * Parses an LDSSecurityObject with OpenSSL's ASN.1 templates. The whole
 * input must be one object; trailing bytes are refused.
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
BpLdsSecurityObject *
bp_lds_security_object_parse (const guint8 *der,
                              gsize length,
                              GError **error)
{
  g_autoptr (BpLdsSecurityObject) self = NULL;
  const unsigned char *p = der;
  BP_LDS_SECURITY_OBJECT *object;
  gboolean ok;

  g_return_val_if_fail (der != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXINT32)
    length = G_MAXINT32;
  object = (BP_LDS_SECURITY_OBJECT *) ASN1_item_d2i (NULL, &p, (long) length,
                                                     ASN1_ITEM_rptr (BP_LDS_SECURITY_OBJECT));
  if (object == NULL || p != der + length)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      ASN1_item_free ((ASN1_VALUE *) object, ASN1_ITEM_rptr (BP_LDS_SECURITY_OBJECT));
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The security object is not a valid LDSSecurityObject (%s)."),
                   detail ? detail : _ ("trailing bytes"));
      return NULL;
    }

  self = g_new0 (BpLdsSecurityObject, 1);
  ok = fill (self, object, error);
  ASN1_item_free ((ASN1_VALUE *) object, ASN1_ITEM_rptr (BP_LDS_SECURITY_OBJECT));

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * bp_lds_security_object_free:
 * @self: (nullable): an object
 *
 * Frees the object.
 */
void
bp_lds_security_object_free (BpLdsSecurityObject *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->hashes); i++)
    g_clear_pointer (&self->hashes[i], g_bytes_unref);
  g_free (self->lds_version);
  g_free (self->unicode_version);
  g_free (self);
}

/**
 * bp_lds_security_object_get_version:
 * @self: an object
 *
 * Returns: 0, or 1 for LDS 1.8 objects with version information
 */
int
bp_lds_security_object_get_version (const BpLdsSecurityObject *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->version;
}

/**
 * bp_lds_security_object_get_hash_name:
 * @self: an object
 *
 * Returns: the hash algorithm's name, such as "SHA-256"
 */
const char *
bp_lds_security_object_get_hash_name (const BpLdsSecurityObject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->hash_name;
}

/**
 * bp_lds_security_object_get_groups:
 * @self: an object
 * @n_groups: (out): the number of groups
 *
 * Returns: the data group numbers listed, in ascending order
 */
const guint *
bp_lds_security_object_get_groups (const BpLdsSecurityObject *self,
                                   guint *n_groups)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_groups != NULL, NULL);

  *n_groups = self->n_groups;
  return self->groups;
}

/**
 * bp_lds_security_object_get_hash:
 * @self: an object
 * @group: a data group number, 1 to 16
 *
 * Returns: (transfer none) (nullable): the hash the object lists for @group
 */
GBytes *
bp_lds_security_object_get_hash (const BpLdsSecurityObject *self,
                                 guint group)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (group < 1 || group > MAX_GROUP)
    return NULL;
  return self->hashes[group];
}

/**
 * bp_lds_security_object_hash:
 * @self: an object
 * @data: the bytes of a data group exactly as read, outer tag included
 *
 * Returns: (transfer full): the hash of @data with the object's algorithm
 */
GBytes *
bp_lds_security_object_hash (const BpLdsSecurityObject *self,
                             GBytes *data)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (!EVP_Digest (bytes, size, digest, &length, self->md, NULL))
    return NULL;
  return g_bytes_new (digest, length);
}

/**
 * bp_lds_security_object_get_lds_version:
 * @self: an object
 *
 * Returns: (nullable): the LDS version, "0108", of a version 1 object
 */
const char *
bp_lds_security_object_get_lds_version (const BpLdsSecurityObject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->lds_version;
}

/**
 * bp_lds_security_object_get_unicode_version:
 * @self: an object
 *
 * Returns: (nullable): the Unicode version, "040000", of a version 1 object
 */
const char *
bp_lds_security_object_get_unicode_version (const BpLdsSecurityObject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->unicode_version;
}
