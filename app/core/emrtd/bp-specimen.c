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
 *   PaceMapping=CAM                        (optional: GM, the default, or CAM,
 *                                           Chip Authentication Mapping with
 *                                           the ChipAuthenticationKey below)
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
 * Chip keys (optional; PEM private keys relative to the profile):
 *
 *   ActiveAuthenticationKey=pki/aa-key.pem  DG15 holds its public half
 *   ChipAuthenticationKey=pki/ca-key.pem    DG14 holds its public half (EC:
 *                                           ChipAuthenticationPublicKeyInfo
 *                                           id-PK-ECDH + ChipAuthenticationInfo
 *                                           id-CA-ECDH-AES-CBC-CMAC-128 v1)
 *
 * Lying chips, for training and tests; each fails one check:
 *
 *   Tamper=DG2;            alters the named data groups after EF.SOD was
 *                          signed (one byte in the middle of the file; for
 *                          DG1 a letter of the name), as a forger who swaps
 *                          a photo would: the hash of those groups fails
 *                          while the signature stays valid
 *   Signer=pki/rogue-ds.pem, SignerKey=pki/rogue-ds-key.pem
 *                          another Document Signer signs EF.SOD (unknown,
 *                          expired or revoked)
 *   BreakSignature=true    one byte of the signature value of EF.SOD is
 *                          changed after signing
 *   Clone=ActiveAuthentication;ChipAuthentication;
 *                          a copy of the files on another chip: DG15 and
 *                          DG14 stay, but the chip holds the clone keys
 *                          pki/aa-clone-key.pem and pki/ca-clone-key.pem
 *                          (relative to the profile), not their private
 *                          halves
 *   Remove=DG14;DG15;      the data groups are listed in EF.COM and EF.SOD
 *                          but absent from the chip (file not found), and
 *                          the chip has no key for the protocol they serve
 *   ChipMRZ=P<UTO…;…;      DG1 holds this MRZ, signed properly; it may
 *                          differ from MRZ= in the name only, since the
 *                          printed number and dates are the access key */

struct _BpSpecimen
{
  GObject parent_instance;

  char *id;
  char *label;
  char *mrz;
  char *can;
  BpSpecimenProtocols protocols;
  char *pace_oid;    /* id-PACE-… of EF.CardAccess, or NULL without PACE */
  GHashTable *files; /* fid → GBytes */
  GBytes *aa_key;    /* DER private key for Active Authentication, or NULL */
  GBytes *ca_key;    /* DER private key for Chip Authentication, or NULL */
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

/* A chip key from a PEM file: its public half as a SubjectPublicKeyInfo
 * (for DG14 or DG15) and its private half in DER (for the chip). */
static gboolean
read_key (GBytes *pem,
          GBytes **public_spki,
          GBytes **private_der)
{
  BIO *bio = BIO_new_mem_buf (g_bytes_get_data (pem, NULL), (int) g_bytes_get_size (pem));
  EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL) : NULL;
  unsigned char *spki = NULL;
  unsigned char *secret = NULL;
  int spki_len, secret_len;

  BIO_free (bio);
  if (key == NULL)
    return FALSE;
  spki_len = i2d_PUBKEY (key, &spki);
  secret_len = i2d_PrivateKey (key, &secret);
  EVP_PKEY_free (key);
  if (spki_len <= 0 || secret_len <= 0)
    {
      OPENSSL_free (spki);
      OPENSSL_clear_free (secret, secret_len > 0 ? secret_len : 0);
      return FALSE;
    }
  if (public_spki != NULL)
    *public_spki = g_bytes_new (spki, spki_len);
  *private_der = g_bytes_new (secret, secret_len);
  OPENSSL_free (spki);
  OPENSSL_clear_free (secret, secret_len);
  return TRUE;
}

/* A chip key named by @name in the profile: its data group (DG14 or DG15,
 * built from the public half) is returned and the private half kept in
 * @private_der. NULL with no error when the profile names no key. */
static GBytes *
build_key_dg (GFile *profile,
              GKeyFile *keys,
              const char *name,
              guint dg,
              GBytes **private_der,
              GError **error)
{
  g_autofree char *path = get_optional (keys, GROUP, name);
  g_autoptr (GBytes) pem = NULL;
  g_autoptr (GBytes) spki = NULL;
  g_autoptr (GError) local_error = NULL;

  if (path == NULL)
    return NULL;
  pem = load_relative (profile, path, &local_error);
  if (pem == NULL)
    {
      profile_error (error, profile, local_error->message);
      return NULL;
    }
  if (!read_key (pem, &spki, private_der))
    {
      profile_error (error, profile,
                     dg == 15 ? _ ("its Active Authentication key cannot be read.")
                              : _ ("its Chip Authentication key cannot be read."));
      return NULL;
    }
  if (dg == 15)
    {
      GByteArray *dg15 = g_byte_array_new ();

      bp_tlv_append (dg15, 0x6F, g_bytes_get_data (spki, NULL), g_bytes_get_size (spki));
      return g_byte_array_free_to_bytes (dg15);
    }
  return bp_specimen_encode_dg14 (spki, error);
}

/* DG1: the printed MRZ, or ChipMRZ= when the chip's differs in the name. */
static GBytes *
build_dg1 (BpSpecimen *self,
           GFile *profile,
           GKeyFile *keys,
           GError **error)
{
  g_auto (GStrv) lines = g_key_file_get_string_list (keys, GROUP, "ChipMRZ", NULL, NULL);
  g_autofree char *chip_mrz = NULL;
  g_autoptr (BpMrz) printed = NULL;
  g_autoptr (BpMrz) chip = NULL;
  g_autoptr (GError) local_error = NULL;
  GBytes *dg1;

  if (lines != NULL)
    {
      chip_mrz = g_strjoinv ("\n", lines);
      printed = bp_mrz_parse (self->mrz, NULL, NULL);
      chip = bp_mrz_parse (chip_mrz, NULL, &local_error);
      if (chip == NULL)
        {
          profile_error (error, profile, local_error->message);
          return NULL;
        }
      if (printed == NULL || chip->format != printed->format
          || g_strcmp0 (chip->document_number, printed->document_number) != 0
          || g_strcmp0 (chip->birth_date_raw, printed->birth_date_raw) != 0
          || g_strcmp0 (chip->expiry_date_raw, printed->expiry_date_raw) != 0)
        {
          profile_error (error, profile,
                         _ ("its chip MRZ must keep the printed document number and dates."));
          return NULL;
        }
    }
  dg1 = bp_lds_dg1_encode (chip_mrz ? chip_mrz : self->mrz, &local_error);
  if (dg1 == NULL)
    profile_error (error, profile, local_error->message);
  return dg1;
}

static void
free_files (GBytes **files,
            guint n)
{
  for (guint i = 0; i < n; i++)
    g_bytes_unref (files[i]);
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
  GBytes *dg_files[6];
  guint dgs[6];
  guint n = 0;
  GBytes *sod;

  face_path = get_optional (keys, GROUP, "Face");
  if (face_path == NULL)
    return profile_error (error, profile, _ ("it names no face image."));
  face = load_relative (profile, face_path, &local_error);
  if (face == NULL)
    return profile_error (error, profile, local_error->message);

  dgs[n] = 1;
  dg_files[n] = build_dg1 (self, profile, keys, error);
  if (dg_files[n] == NULL)
    return FALSE;
  n++;
  dgs[n] = 2;
  dg_files[n] = bp_lds_dg2_encode (face, &local_error);
  if (dg_files[n] == NULL)
    {
      free_files (dg_files, n);
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
  dgs[n] = 14;
  dg_files[n] = build_key_dg (profile, keys, "ChipAuthenticationKey", 14, &self->ca_key, &local_error);
  if (dg_files[n] != NULL)
    n++;
  dgs[n] = 15;
  if (local_error == NULL)
    dg_files[n] = build_key_dg (profile, keys, "ActiveAuthenticationKey", 15, &self->aa_key, &local_error);
  if (local_error != NULL)
    {
      free_files (dg_files, n);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (dg_files[n] != NULL)
    n++;

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->files, GUINT_TO_POINTER (bp_lds_dg_fid (dgs[i])), dg_files[i]);
  g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_COM), bp_lds_com_encode (dgs, n));
  if (self->pace_oid != NULL)
    g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_CARD_ACCESS),
                         _bp_specimen_encode_card_access_for (self->pace_oid));

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
  if (g_key_file_get_boolean (keys, GROUP, "BreakSignature", NULL))
    {
      GBytes *broken = bp_specimen_break_sod_signature (sod, error);

      g_bytes_unref (sod);
      if (broken == NULL)
        return FALSE;
      sod = broken;
    }
  g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_LDS_FID_SOD), sod);
  return TRUE;
}

/* Clone=: the chip holds the clone keys of pki/ instead of the private
 * halves of DG15 and DG14. */
static gboolean
clone_keys (BpSpecimen *self,
            GFile *profile,
            GKeyFile *keys,
            GError **error)
{
  g_auto (GStrv) names = g_key_file_get_string_list (keys, GROUP, "Clone", NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gboolean aa = g_ascii_strcasecmp (names[i], "ActiveAuthentication") == 0;
      gboolean ca = g_ascii_strcasecmp (names[i], "ChipAuthentication") == 0;
      GBytes **slot = aa ? &self->aa_key : &self->ca_key;
      g_autoptr (GBytes) pem = NULL;
      g_autoptr (GError) local_error = NULL;
      GBytes *clone = NULL;

      if ((!aa && !ca) || *slot == NULL)
        return profile_error (error, profile, _ ("it clones a protocol its chip has no key for."));
      pem = load_relative (profile, aa ? "pki/aa-clone-key.pem" : "pki/ca-clone-key.pem", &local_error);
      if (pem == NULL)
        return profile_error (error, profile, local_error->message);
      if (!read_key (pem, NULL, &clone))
        return profile_error (error, profile, _ ("a clone key cannot be read."));
      g_bytes_unref (*slot);
      *slot = clone;
    }
  return TRUE;
}

/* Remove=: listed in EF.COM and EF.SOD, absent from the chip. */
static gboolean
remove_files (BpSpecimen *self,
              GFile *profile,
              GKeyFile *keys,
              GError **error)
{
  g_auto (GStrv) names = g_key_file_get_string_list (keys, GROUP, "Remove", NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      guint16 fid = bp_lds_fid_from_name (names[i]);

      if (fid < 0x0101 || fid > 0x0110 || !g_hash_table_remove (self->files, GUINT_TO_POINTER (fid)))
        return profile_error (error, profile, _ ("it asks to remove a data group the chip does not have."));
      if (fid == bp_lds_dg_fid (15))
        g_clear_pointer (&self->aa_key, g_bytes_unref);
      else if (fid == bp_lds_dg_fid (14))
        g_clear_pointer (&self->ca_key, g_bytes_unref);
    }
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
  g_autofree char *mapping = NULL;

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
      mapping = get_optional (keys, GROUP, "PaceMapping");
      if (mapping == NULL || g_str_equal (mapping, "GM"))
        self->pace_oid = g_strdup (BP_SPECIMEN_PACE_GM_OID);
      else if (g_str_equal (mapping, "CAM") && g_key_file_has_key (keys, GROUP, "ChipAuthenticationKey", NULL))
        self->pace_oid = g_strdup (BP_SPECIMEN_PACE_CAM_OID);
      else
        {
          profile_error (error, profile,
                         _ ("its PACE mapping must be GM, or CAM with a Chip Authentication key."));
          return NULL;
        }
    }

  if (!build_files (self, profile, keys, error))
    return NULL;
  if (!tamper (self, profile, keys, error))
    return NULL;
  if (!clone_keys (self, profile, keys, error))
    return NULL;
  if (!remove_files (self, profile, keys, error))
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
 * Returns: (nullable): the Active Authentication private key (DER) the
 *   chip holds: the one DG15 shows, or a clone's key with Clone=
 */
GBytes *
bp_specimen_get_active_authentication_key (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->aa_key;
}

/**
 * bp_specimen_get_chip_authentication_key:
 *
 * Returns: (nullable): the Chip Authentication private key (DER, EC) the
 *   chip holds: the one DG14 shows, or a clone's key with Clone=
 */
GBytes *
bp_specimen_get_chip_authentication_key (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->ca_key;
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

const char *
bp_specimen_get_pace_oid (BpSpecimen *self)
{
  g_return_val_if_fail (BP_IS_SPECIMEN (self), NULL);

  return self->pace_oid;
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
  g_free (self->pace_oid);
  g_hash_table_unref (self->files);
  g_clear_pointer (&self->aa_key, g_bytes_unref);
  g_clear_pointer (&self->ca_key, g_bytes_unref);

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
