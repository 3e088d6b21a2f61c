/* bp-specimen.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-specimen"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bp-face-image.h"
#include "bp-lds-details.h"
#include "bp-lds.h"
#include "bp-mrz.h"
#include "bp-specimen.h"
#include "bp-tlv.h"

/* A specimen profile is a GKeyFile:
 *
 *   [Specimen]
 *   Id=utopia-passport
 *   Label=Specimen passport, Utopia — genuine
 *   MRZ=P<UTOHAPPY<<…;X47M219059UTO…;     (lines, ";"-separated)
 *   Protocols=BAC;PACE;
 *   CAN=123456                             (required with PACE)
 *   Face=faces/portrait.jpg                (JPEG, JP2 or J2K; relative to the profile)
 *   Signer=pki/ds.pem                      (optional, these are the defaults)
 *   SignerKey=pki/ds-key.pem
 *
 *   [DG11]  FullName, OtherNames (list), PersonalNumber, FullDateOfBirth,
 *           PlaceOfBirth, Address, Telephone, Profession, Title,
 *           PersonalSummary, OtherTravelDocuments, CustodyInformation
 *   [DG12]  IssuingAuthority, DateOfIssue, OtherPersons (list),
 *           Endorsements, TaxExitRequirements, PersonalizationTime,
 *           PersonalizationDevice
 *
 * A group that is absent means the chip has no such data group.
 *
 * For training, "Tamper=DG2;" alters the named data groups after EF.SOD
 * was signed (one byte in the middle of the file changes), as a forger
 * who swaps a photo would: Passive Authentication must then fail on the
 * hash of those groups while the signature itself stays valid. */

struct _BpSpecimen
{
  GObject parent_instance;

  char *id;
  char *label;
  char *mrz;
  char *can;
  BpSpecimenProtocols protocols;
  GHashTable *files; /* fid → GBytes */
  GBytes *aa_key;    /* DER private key for Active Authentication, or NULL */
};

G_DEFINE_FINAL_TYPE (BpSpecimen, bp_specimen, G_TYPE_OBJECT)

#define GROUP "Specimen"

GQuark
bp_specimen_error_quark (void)
{
  return g_quark_from_static_string ("bp-specimen-error-quark");
}

static gboolean
profile_error (GError **error,
               GFile *profile,
               const char *message)
{
  g_autofree char *name = g_file_get_parse_name (profile);

  /* TRANSLATORS: the first %s is a file name, the second says what is wrong. */
  g_set_error (error, BP_SPECIMEN_ERROR, BP_SPECIMEN_ERROR_PROFILE,
               _ ("The specimen profile %s cannot be used: %s"), name, message);
  return FALSE;
}

static char *
get_optional (GKeyFile *keys,
              const char *group,
              const char *key)
{
  return g_key_file_get_string (keys, group, key, NULL);
}

static GBytes *
load_relative (GFile *profile,
               const char *relative,
               GError **error)
{
  g_autoptr (GFile) parent = g_file_get_parent (profile);
  g_autoptr (GFile) file = g_file_resolve_relative_path (parent, relative);

  return g_file_load_bytes (file, NULL, NULL, error);
}

static GBytes *
build_dg11 (GKeyFile *keys)
{
  g_autoptr (BpLdsDg11) dg11 = bp_lds_dg11_new ();
  const char *g = "DG11";

  dg11->full_name = get_optional (keys, g, "FullName");
  dg11->other_names = g_key_file_get_string_list (keys, g, "OtherNames", NULL, NULL);
  dg11->personal_number = get_optional (keys, g, "PersonalNumber");
  dg11->full_birth_date = get_optional (keys, g, "FullDateOfBirth");
  dg11->place_of_birth = get_optional (keys, g, "PlaceOfBirth");
  dg11->address = get_optional (keys, g, "Address");
  dg11->telephone = get_optional (keys, g, "Telephone");
  dg11->profession = get_optional (keys, g, "Profession");
  dg11->title = get_optional (keys, g, "Title");
  dg11->personal_summary = get_optional (keys, g, "PersonalSummary");
  dg11->other_td_numbers = get_optional (keys, g, "OtherTravelDocuments");
  dg11->custody_information = get_optional (keys, g, "CustodyInformation");
  return bp_lds_dg11_encode (dg11);
}

static GBytes *
build_dg12 (GKeyFile *keys)
{
  g_autoptr (BpLdsDg12) dg12 = bp_lds_dg12_new ();
  const char *g = "DG12";

  dg12->issuing_authority = get_optional (keys, g, "IssuingAuthority");
  dg12->date_of_issue = get_optional (keys, g, "DateOfIssue");
  dg12->other_persons = g_key_file_get_string_list (keys, g, "OtherPersons", NULL, NULL);
  dg12->endorsements = get_optional (keys, g, "Endorsements");
  dg12->tax_exit_requirements = get_optional (keys, g, "TaxExitRequirements");
  dg12->personalization_time = get_optional (keys, g, "PersonalizationTime");
  dg12->personalization_device = get_optional (keys, g, "PersonalizationDevice");
  return bp_lds_dg12_encode (dg12);
}

static gboolean
read_protocols (GKeyFile *keys,
                BpSpecimenProtocols *out)
{
  g_auto (GStrv) names = g_key_file_get_string_list (keys, GROUP, "Protocols", NULL, NULL);

  *out = 0;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (names[i], "BAC") == 0)
        *out |= BP_SPECIMEN_PROTOCOL_BAC;
      else if (g_ascii_strcasecmp (names[i], "PACE") == 0)
        *out |= BP_SPECIMEN_PROTOCOL_PACE;
      else
        return FALSE;
    }
  return *out != 0;
}

static gboolean
valid_can (const char *can)
{
  if (can == NULL || strlen (can) != 6)
    return FALSE;
  for (const char *p = can; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* DG15 (tag 6F) holds the chip's Active Authentication public key as a
 * SubjectPublicKeyInfo; the private key goes to the virtual chip. */
static GBytes *
build_dg15 (GBytes *pem,
            GBytes **private_der)
{
  BIO *bio = BIO_new_mem_buf (g_bytes_get_data (pem, NULL), (int) g_bytes_get_size (pem));
  EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL) : NULL;
  g_autoptr (GByteArray) dg15 = g_byte_array_new ();
  unsigned char *spki = NULL;
  unsigned char *secret = NULL;
  int spki_len, secret_len;

  BIO_free (bio);
  if (key == NULL)
    return NULL;
  spki_len = i2d_PUBKEY (key, &spki);
  secret_len = i2d_PrivateKey (key, &secret);
  EVP_PKEY_free (key);
  if (spki_len <= 0 || secret_len <= 0)
    {
      OPENSSL_free (spki);
      OPENSSL_clear_free (secret, secret_len > 0 ? secret_len : 0);
      return NULL;
    }
  bp_tlv_append (dg15, 0x6F, spki, spki_len);
  *private_der = g_bytes_new (secret, secret_len);
  OPENSSL_free (spki);
  OPENSSL_clear_free (secret, secret_len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&dg15));
}

static gboolean
build_files (BpSpecimen *self,
             GFile *profile,
             GKeyFile *keys,
             GError **error)
{
  g_autofree char *face_path = NULL;
  g_autofree char *signer_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr (GBytes) face = NULL;
  g_autoptr (GBytes) signer = NULL;
  g_autoptr (GBytes) signer_key = NULL;
  g_autoptr (GBytes) security_object = NULL;
  g_autoptr (GError) local_error = NULL;
  GBytes *dg_files[5];
  guint dgs[5];
  g_autofree char *aa_path = NULL;
  guint n = 0;
  GBytes *sod;

  face_path = get_optional (keys, GROUP, "Face");
  if (face_path == NULL)
    return profile_error (error, profile, _ ("it names no face image."));
  face = load_relative (profile, face_path, &local_error);
  if (face == NULL)
    return profile_error (error, profile, local_error->message);

  dgs[n] = 1;
  dg_files[n] = bp_lds_dg1_encode (self->mrz, &local_error);
  if (dg_files[n] == NULL)
    return profile_error (error, profile, local_error->message);
  n++;
  dgs[n] = 2;
  dg_files[n] = bp_lds_dg2_encode (face, &local_error);
  if (dg_files[n] == NULL)
    {
      g_bytes_unref (dg_files[0]);
      return profile_error (error, profile, local_error->message);
    }
  n++;
  if (g_key_file_has_group (keys, "DG11"))
    {
      dgs[n] = 11;
      dg_files[n++] = build_dg11 (keys);
    }
  if (g_key_file_has_group (keys, "DG12"))
    {
      dgs[n] = 12;
      dg_files[n++] = build_dg12 (keys);
    }
  aa_path = get_optional (keys, GROUP, "ActiveAuthenticationKey");
  if (aa_path != NULL)
    {
      g_autoptr (GBytes) pem = load_relative (profile, aa_path, &local_error);
      GBytes *dg15;

      if (pem == NULL || (dg15 = build_dg15 (pem, &self->aa_key)) == NULL)
        {
          for (guint i = 0; i < n; i++)
            g_bytes_unref (dg_files[i]);
          return profile_error (error, profile,
                                local_error ? local_error->message
                                            : _ ("its Active Authentication key cannot be read."));
        }
      dgs[n] = 15;
      dg_files[n++] = dg15;
    }

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->files, GUINT_TO_POINTER (bp_lds_dg_fid (dgs[i])), dg_files[i]);
  g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_COM), bp_lds_com_encode (dgs, n));
  if (self->protocols & BP_SPECIMEN_PROTOCOL_PACE)
    g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_CARD_ACCESS), bp_specimen_encode_card_access ());

  signer_path = g_key_file_get_string (keys, GROUP, "Signer", NULL);
  key_path = g_key_file_get_string (keys, GROUP, "SignerKey", NULL);
  signer = load_relative (profile, signer_path ? signer_path : "pki/ds.pem", &local_error);
  if (signer == NULL)
    return profile_error (error, profile, local_error->message);
  signer_key = load_relative (profile, key_path ? key_path : "pki/ds-key.pem", &local_error);
  if (signer_key == NULL)
    return profile_error (error, profile, local_error->message);

  security_object = bp_specimen_encode_security_object (dgs, dg_files, n);
  sod = bp_specimen_sign_sod (security_object, signer, signer_key, error);
  if (sod == NULL)
    return FALSE;
  g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_SOD), sod);
  return TRUE;
}

static gboolean
tamper (BpSpecimen *self,
        GFile *profile,
        GKeyFile *keys,
        GError **error)
{
  g_auto (GStrv) names = g_key_file_get_string_list (keys, GROUP, "Tamper", NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      guint16 fid = bp_lds_fid_from_name (names[i]);
      GBytes *file = fid ? g_hash_table_lookup (self->files, GUINT_TO_POINTER (fid)) : NULL;
      GByteArray *copy;
      gsize size;
      const guint8 *data;

      if (file == NULL || fid < 0x0101 || fid > 0x0110)
        return profile_error (error, profile, _ ("it asks to alter a data group the chip does not have."));

      data = g_bytes_get_data (file, &size);
      copy = g_byte_array_sized_new (size);
      g_byte_array_append (copy, data, size);
      if (fid == 0x0101)
        {
          /* Keep DG1 a readable zone: change the first letter after a
           * "<<", which is in the name in every format. */
          for (gsize j = 2; j < size; j++)
            if (copy->data[j - 2] == '<' && copy->data[j - 1] == '<' && copy->data[j] >= 'A' && copy->data[j] <= 'Y')
              {
                copy->data[j]++;
                break;
              }
        }
      else
        copy->data[size / 2] ^= 0x01;
      g_hash_table_insert (self->files, GUINT_TO_POINTER (fid), g_byte_array_free_to_bytes (copy));
    }
  return TRUE;
}

BpSpecimen *
bp_specimen_load (GFile *profile,
                  GError **error)
{
  g_autoptr (BpSpecimen) self = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GBytes) contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (BpMrz) parsed = NULL;
  g_auto (GStrv) lines = NULL;

  g_return_val_if_fail (G_IS_FILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = g_file_load_bytes (profile, NULL, NULL, &local_error);
  if (contents == NULL || !g_key_file_load_from_bytes (keys, contents, G_KEY_FILE_NONE, &local_error))
    {
      profile_error (error, profile, local_error->message);
      return NULL;
    }

  self = g_object_new (BP_TYPE_SPECIMEN, NULL);
  self->id = get_optional (keys, GROUP, "Id");
  self->label = g_key_file_get_locale_string (keys, GROUP, "Label", NULL, NULL);
  lines = g_key_file_get_string_list (keys, GROUP, "MRZ", NULL, NULL);
  if (self->id == NULL || self->label == NULL || lines == NULL)
    {
      profile_error (error, profile, _ ("it lacks its id, label or machine readable zone."));
      return NULL;
    }
  self->mrz = g_strjoinv ("\n", lines);
  parsed = bp_mrz_parse (self->mrz, NULL, &local_error);
  if (parsed == NULL)
    {
      profile_error (error, profile, local_error->message);
      return NULL;
    }

  if (!read_protocols (keys, &self->protocols))
    {
      profile_error (error, profile, _ ("its protocols must be BAC, PACE or both."));
      return NULL;
    }
  if (self->protocols & BP_SPECIMEN_PROTOCOL_PACE)
    {
      self->can = get_optional (keys, GROUP, "CAN");
      if (!valid_can (self->can))
        {
          profile_error (error, profile, _ ("a chip with PACE needs a card access number of 6 digits."));
          return NULL;
        }
    }

  if (!build_files (self, profile, keys, error))
    return NULL;
  if (!tamper (self, profile, keys, error))
    return NULL;
  return g_steal_pointer (&self);
}

BpSpecimen *
bp_specimen_load_path (const char *path_or_uri,
                       GError **error)
{
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (path_or_uri != NULL, NULL);

  if (g_str_has_prefix (path_or_uri, "resource:") || g_str_has_prefix (path_or_uri, "file:"))
    file = g_file_new_for_uri (path_or_uri);
  else
    file = g_file_new_for_path (path_or_uri);
  return bp_specimen_load (file, error);
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  BpSpecimen *sa = *(BpSpecimen **) a;
  BpSpecimen *sb = *(BpSpecimen **) b;

  return g_strcmp0 (sa->id, sb->id);
}

GPtrArray *
bp_specimen_load_directory (GFile *directory,
                            GError **error)
{
  g_autoptr (GPtrArray) specimens = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GFileEnumerator) children = NULL;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  children = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, error);
  if (children == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      BpSpecimen *specimen;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, error))
        return NULL;
      if (info == NULL)
        break;
      if (!g_str_has_suffix (g_file_info_get_name (info), ".ini"))
        continue;
      specimen = bp_specimen_load (child, error);
      if (specimen == NULL)
        return NULL;
      g_ptr_array_add (specimens, specimen);
    }
  g_ptr_array_sort (specimens, compare_id);
  return g_steal_pointer (&specimens);
}

const char *
bp_specimen_get_id (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->id;
}

const char *
bp_specimen_get_label (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->label;
}

const char *
bp_specimen_get_mrz (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->mrz;
}

/**
 * bp_specimen_get_active_authentication_key:
 *
 * Returns: (nullable): the chip's Active Authentication private key (DER)
 *   when the profile names one; DG15 holds its public half
 */
GBytes *
bp_specimen_get_active_authentication_key (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->aa_key;
}

const char *
bp_specimen_get_can (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->can;
}

BpSpecimenProtocols
bp_specimen_get_protocols (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), 0);

  return self->protocols;
}

GBytes *
bp_specimen_get_file (BpSpecimen *self,
                      guint16 fid)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return g_hash_table_lookup (self->files, GUINT_TO_POINTER (fid));
}

GHashTable *
bp_specimen_get_files (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->files;
}

static void
bp_specimen_finalize (GObject *object)
{
  BpSpecimen *self = BP_SPECIMEN (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->mrz);
  g_free (self->can);
  g_hash_table_unref (self->files);
  g_clear_pointer (&self->aa_key, g_bytes_unref);

  G_OBJECT_CLASS (bp_specimen_parent_class)->finalize (object);
}

static void
bp_specimen_class_init (BpSpecimenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_specimen_finalize;
}

static void
bp_specimen_init (BpSpecimen *self)
{
  self->files = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_bytes_unref);
}
