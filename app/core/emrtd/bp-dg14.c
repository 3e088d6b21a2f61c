/* bp-dg14.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-dg14"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "bp-chip-error.h"
#include "bp-dg14.h"
#include "bp-tlv.h"

/* The structure is walked with bp-tlv (every length checked against the
 * buffer); OIDs and the SubjectPublicKeyInfo are decoded by OpenSSL.
 * OpenPACE's SecurityInfos parser fills a TR-03110 version 2 context and
 * does not keep the key's DER as DG14 has it, which the authenticity
 * checks need. */

#define CA_DH_PREFIX "0.4.0.127.0.7.2.2.3.1."
#define CA_ECDH_PREFIX "0.4.0.127.0.7.2.2.3.2."
#define MAX_KEY_ID 16

static void
ca_info_free (gpointer data)
{
  BpDg14CaInfo *info = data;

  g_free (info->protocol_oid);
  g_clear_pointer (&info->key_id, g_bytes_unref);
  g_free (info);
}

static void
public_key_free (gpointer data)
{
  BpDg14PublicKey *key = data;

  g_free (key->protocol_oid);
  g_clear_pointer (&key->spki, g_bytes_unref);
  EVP_PKEY_free (key->key);
  g_clear_pointer (&key->key_id, g_bytes_unref);
  g_free (key);
}

/**
 * bp_dg14_free:
 *
 * Frees what bp_dg14_parse() returned.
 */
void
bp_dg14_free (BpDg14 *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->ca_infos);
  g_ptr_array_unref (self->public_keys);
  g_free (self);
}

static gboolean
damaged (GError **error,
         const char *what)
{
  g_autofree char *reason = g_strdup (what);
  gsize n = strlen (reason);

  if (n > 0 && reason[n - 1] == '.')
    reason[n - 1] = '\0';
  /* Translators: %s says what is wrong, e.g. “a public key cannot be read”. */
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
               _ ("The chip's DG14 (its Chip Authentication keys) is damaged: %s."), reason);
  return FALSE;
}

static gboolean
oid_text (const BpTlv *tlv,
          char *text,
          gsize size)
{
  const unsigned char *p = tlv->element;
  ASN1_OBJECT *object;
  int n;

  if (tlv->tag != 0x06 || tlv->length == 0)
    return FALSE;
  object = d2i_ASN1_OBJECT (NULL, &p, tlv->element_length);
  if (object == NULL)
    return FALSE;
  n = p == tlv->element + tlv->element_length ? OBJ_obj2txt (text, size, object, 1) : 0;
  ASN1_OBJECT_free (object);
  return n > 0 && (gsize) n < size;
}

/* A non-negative DER INTEGER of at most max bytes. */
static gboolean
integer_ok (const BpTlv *tlv,
            gsize max)
{
  if (tlv->tag != 0x02 || tlv->length == 0 || tlv->length > max || (tlv->value[0] & 0x80) != 0)
    return FALSE;
  /* DER: no superfluous leading zero. */
  return !(tlv->length > 1 && tlv->value[0] == 0 && (tlv->value[1] & 0x80) == 0);
}

static gint64
integer_value (const BpTlv *tlv)
{
  gint64 value = 0;

  for (gsize i = 0; i < tlv->length; i++)
    value = (value << 8) | tlv->value[i];
  return value;
}

/**
 * bp_dg14_ca_cipher:
 * @protocol_oid: an OID such as %BP_OID_CA_ECDH_AES128
 * @cipher: (out) (optional): its secure messaging cipher
 * @key_length: (out) (optional): its key length in bytes
 *
 * Returns: whether @protocol_oid is a Chip Authentication protocol
 */
gboolean
bp_dg14_ca_cipher (const char *protocol_oid,
                   BpSmCipher *cipher,
                   gsize *key_length)
{
  static const struct
  {
    BpSmCipher cipher;
    gsize key_length;
  } by_suffix[] = {
    { BP_SM_CIPHER_3DES, 16 }, /* 1: 3DES-CBC-CBC */
    { BP_SM_CIPHER_AES, 16 },  /* 2: AES-CBC-CMAC-128 */
    { BP_SM_CIPHER_AES, 24 },  /* 3: AES-CBC-CMAC-192 */
    { BP_SM_CIPHER_AES, 32 },  /* 4: AES-CBC-CMAC-256 */
  };
  const char *suffix;

  g_return_val_if_fail (protocol_oid != NULL, FALSE);

  if (g_str_has_prefix (protocol_oid, CA_DH_PREFIX))
    suffix = protocol_oid + strlen (CA_DH_PREFIX);
  else if (g_str_has_prefix (protocol_oid, CA_ECDH_PREFIX))
    suffix = protocol_oid + strlen (CA_ECDH_PREFIX);
  else
    return FALSE;
  if (strlen (suffix) != 1 || suffix[0] < '1' || suffix[0] > '4')
    return FALSE;
  if (cipher)
    *cipher = by_suffix[suffix[0] - '1'].cipher;
  if (key_length)
    *key_length = by_suffix[suffix[0] - '1'].key_length;
  return TRUE;
}

static gboolean
key_type_matches (const char *pk_oid,
                  EVP_PKEY *key)
{
  int id = EVP_PKEY_get_base_id (key);

  if (g_str_equal (pk_oid, BP_OID_PK_ECDH))
    return id == EVP_PKEY_EC;
  return id == EVP_PKEY_DH || id == EVP_PKEY_DHX;
}

static gboolean
parse_info (BpDg14 *self,
            const BpTlv *info,
            GError **error)
{
  BpTlv children[3];
  guint n = 0;
  gsize pos = 0;
  char oid[96];
  g_autoptr (GError) local_error = NULL;

  if (info->tag != 0x30 || !info->constructed)
    return damaged (error, _ ("an entry is not a sequence"));
  while (n < G_N_ELEMENTS (children) && bp_tlv_next (info->value, info->length, &pos, &children[n], &local_error))
    n++;
  if (local_error != NULL)
    return damaged (error, local_error->message);
  if (n == 0 || !oid_text (&children[0], oid, sizeof oid))
    return damaged (error, _ ("an entry has no valid protocol identifier"));

  if (g_str_equal (oid, BP_OID_PK_ECDH) || g_str_equal (oid, BP_OID_PK_DH))
    {
      const unsigned char *p;
      EVP_PKEY *key;
      BpDg14PublicKey *entry;

      if (n < 2 || children[1].tag != 0x30)
        return damaged (error, _ ("a public key entry has no key"));
      if (n == 3 && !integer_ok (&children[2], MAX_KEY_ID))
        return damaged (error, _ ("a public key entry has an invalid key number"));
      p = children[1].element;
      key = d2i_PUBKEY (NULL, &p, children[1].element_length);
      if (key == NULL || p != children[1].element + children[1].element_length || !key_type_matches (oid, key))
        {
          EVP_PKEY_free (key);
          return damaged (error, _ ("a public key cannot be read"));
        }
      entry = g_new0 (BpDg14PublicKey, 1);
      entry->protocol_oid = g_strdup (oid);
      entry->spki = g_bytes_new (children[1].element, children[1].element_length);
      entry->key = key;
      if (n == 3)
        entry->key_id = g_bytes_new (children[2].value, children[2].length);
      g_ptr_array_add (self->public_keys, entry);
      return TRUE;
    }

  if (bp_dg14_ca_cipher (oid, NULL, NULL))
    {
      BpDg14CaInfo *entry;

      if (n < 2 || !integer_ok (&children[1], 8))
        return damaged (error, _ ("a Chip Authentication entry has no valid version"));
      if (n == 3 && !integer_ok (&children[2], MAX_KEY_ID))
        return damaged (error, _ ("a Chip Authentication entry has an invalid key number"));
      entry = g_new0 (BpDg14CaInfo, 1);
      entry->protocol_oid = g_strdup (oid);
      entry->version = integer_value (&children[1]);
      if (n == 3)
        entry->key_id = g_bytes_new (children[2].value, children[2].length);
      g_ptr_array_add (self->ca_infos, entry);
    }
  /* PACEInfo, TerminalAuthenticationInfo, …: not needed here. */
  return TRUE;
}

/**
 * bp_dg14_parse:
 * @dg14: DG14 as read, outer tag 6E included
 * @error: return location for an error
 *
 * Parses DG14's SecurityInfos.
 *
 * Returns: (transfer full): the Chip Authentication infos and keys, or NULL
 */
BpDg14 *
bp_dg14_parse (GBytes *dg14,
               GError **error)
{
  g_autoptr (BpDg14) self = NULL;
  g_autoptr (GError) local_error = NULL;
  BpTlv outer, set, info;
  const guint8 *data;
  gsize size, pos = 0;

  g_return_val_if_fail (dg14 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (dg14, &size);
  if (!bp_tlv_parse (data, size, &outer, &local_error))
    {
      damaged (error, local_error->message);
      return NULL;
    }
  if (outer.tag != 0x6E)
    {
      damaged (error, _ ("it does not start with the DG14 tag"));
      return NULL;
    }
  if (!bp_tlv_parse (outer.value, outer.length, &set, &local_error))
    {
      damaged (error, local_error->message);
      return NULL;
    }
  if (set.tag != 0x31)
    {
      damaged (error, _ ("it holds no set of security infos"));
      return NULL;
    }

  self = g_new0 (BpDg14, 1);
  self->ca_infos = g_ptr_array_new_with_free_func (ca_info_free);
  self->public_keys = g_ptr_array_new_with_free_func (public_key_free);
  while (bp_tlv_next (set.value, set.length, &pos, &info, &local_error))
    if (!parse_info (self, &info, error))
      return NULL;
  if (local_error != NULL)
    {
      damaged (error, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
key_ids_equal (GBytes *a,
               GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

/**
 * bp_dg14_select:
 * @self: a parsed DG14
 * @info: (out) (optional): the CA info used, NULL when DG14 has none
 * @key: (out): the chip's public key to use
 * @protocol_oid: (out): the CA protocol to run
 * @error: return location for an error
 *
 * Picks the Chip Authentication protocol and key to run.
 *
 * Returns: TRUE when DG14 offers Chip Authentication this reader runs
 */
gboolean
bp_dg14_select (const BpDg14 *self,
                const BpDg14CaInfo **info,
                const BpDg14PublicKey **key,
                const char **protocol_oid,
                GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL && protocol_oid != NULL, FALSE);

  if (info != NULL)
    *info = NULL;
  if (self->ca_infos->len == 0 && self->public_keys->len > 0)
    {
      /* Older chips list only the key: CA version 1 with 3DES. */
      *key = g_ptr_array_index (self->public_keys, 0);
      *protocol_oid = g_str_equal ((*key)->protocol_oid, BP_OID_PK_ECDH) ? BP_OID_CA_ECDH_3DES : BP_OID_CA_DH_3DES;
      return TRUE;
    }
  for (guint i = 0; i < self->ca_infos->len; i++)
    {
      const BpDg14CaInfo *ca = g_ptr_array_index (self->ca_infos, i);
      gboolean ecdh = g_str_has_prefix (ca->protocol_oid, CA_ECDH_PREFIX);

      if (ca->version != 1)
        continue;
      for (guint j = 0; j < self->public_keys->len; j++)
        {
          const BpDg14PublicKey *pk = g_ptr_array_index (self->public_keys, j);

          if (g_str_equal (pk->protocol_oid, BP_OID_PK_ECDH) != ecdh)
            continue;
          if (ca->key_id != NULL && !key_ids_equal (ca->key_id, pk->key_id))
            continue;
          if (info != NULL)
            *info = ca;
          *key = pk;
          *protocol_oid = ca->protocol_oid;
          return TRUE;
        }
    }
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
               _ ("The chip's DG14 offers no Chip Authentication this reader can run."));
  return FALSE;
}

static gboolean
append_oid (GByteArray *out,
            const char *text)
{
  ASN1_OBJECT *object = OBJ_txt2obj (text, 1);
  unsigned char *der = NULL;
  int n;

  if (object == NULL)
    return FALSE;
  n = i2d_ASN1_OBJECT (object, &der);
  ASN1_OBJECT_free (object);
  if (n <= 0)
    return FALSE;
  g_byte_array_append (out, der, n);
  OPENSSL_free (der);
  return TRUE;
}

/**
 * bp_dg14_encode:
 * @spki_der: the chip's public key (DER SubjectPublicKeyInfo, EC or DH)
 * @protocol_oid: the CA protocol, e.g. %BP_OID_CA_ECDH_AES128
 * @key_id: keyId for both infos, or -1 for none
 * @error: return location for an error
 *
 * Builds a DG14 with one Chip Authentication key and protocol.
 *
 * Returns: (transfer full): DG14 with its outer tag, or NULL
 */
GBytes *
bp_dg14_encode (GBytes *spki_der,
                const char *protocol_oid,
                gint64 key_id,
                GError **error)
{
  g_autoptr (GByteArray) pk = g_byte_array_new ();
  g_autoptr (GByteArray) ca = g_byte_array_new ();
  g_autoptr (GByteArray) set = g_byte_array_new ();
  g_autoptr (GByteArray) infos = g_byte_array_new ();
  GByteArray *out;
  const unsigned char *p;
  EVP_PKEY *key;
  gsize size;
  gboolean ec;

  g_return_val_if_fail (spki_der != NULL, NULL);
  g_return_val_if_fail (protocol_oid != NULL, NULL);

  p = g_bytes_get_data (spki_der, &size);
  key = d2i_PUBKEY (NULL, &p, size);
  if (key == NULL || !bp_dg14_ca_cipher (protocol_oid, NULL, NULL))
    {
      EVP_PKEY_free (key);
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                   _ ("DG14 can only be made from an EC or DH public key and a Chip "
                      "Authentication protocol."));
      return NULL;
    }
  ec = EVP_PKEY_get_base_id (key) == EVP_PKEY_EC;
  EVP_PKEY_free (key);

  if (!append_oid (pk, ec ? BP_OID_PK_ECDH : BP_OID_PK_DH) || !append_oid (ca, protocol_oid))
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED, _ ("Could not encode DG14."));
      return NULL;
    }
  g_byte_array_append (pk, g_bytes_get_data (spki_der, NULL), size);
  bp_tlv_append_uint (ca, 1);
  if (key_id >= 0)
    {
      bp_tlv_append_uint (pk, key_id);
      bp_tlv_append_uint (ca, key_id);
    }
  {
    g_autoptr (GByteArray) pk_info = g_byte_array_new ();
    g_autoptr (GByteArray) ca_info = g_byte_array_new ();
    GByteArray *first, *second;
    int order;

    bp_tlv_append (pk_info, 0x30, pk->data, pk->len);
    bp_tlv_append (ca_info, 0x30, ca->data, ca->len);
    /* DER: the elements of a SET OF in ascending order of their encodings. */
    order = memcmp (pk_info->data, ca_info->data, MIN (pk_info->len, ca_info->len));
    if (order == 0)
      order = (int) pk_info->len - (int) ca_info->len;
    first = order <= 0 ? pk_info : ca_info;
    second = order <= 0 ? ca_info : pk_info;
    g_byte_array_append (infos, first->data, first->len);
    g_byte_array_append (infos, second->data, second->len);
  }
  bp_tlv_append (set, 0x31, infos->data, infos->len);
  out = g_byte_array_new ();
  bp_tlv_append (out, 0x6E, set->data, set->len);
  return g_byte_array_free_to_bytes (out);
}
