/* test-lds-specimen.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bp-face-image.h"
#include "bp-lds-details.h"
#include "bp-lds.h"
#include "bp-specimen.h"
#include "bp-tlv.h"
#include "bp-virtual-chip-specimen.h"

/* The specimen profiles of data/specimens, built into chip files and
 * checked the way a reader and Passive Authentication would check them. */

typedef enum
{
  LIE_NONE,
  LIE_BROKEN_SIGNATURE, /* EF.SOD's signature value changed after signing */
  LIE_CHIP_MRZ,         /* DG1 holds another name than the printed MRZ */
  LIE_REMOVED,          /* DG14 and DG15 listed but absent */
  LIE_AA_CLONE,         /* the chip's AA key is not DG15's */
  LIE_CA_CLONE,         /* the chip's CA key is not DG14's */
} Lie;

typedef struct
{
  const char *file;
  const char *id;
  BpSpecimenProtocols protocols;
  const char *can;
  const char *face;
  BpImageFormat format;
  const char *mrz_start;
  guint tampered;   /* a data group altered after signing, or 0 */
  const char *csca; /* the CSCA the signer chains to, NULL for csca.pem */
  guint n_dgs;      /* data groups listed in EF.COM and EF.SOD */
  gboolean aa, ca;  /* the chip holds an AA key, a CA key */
  Lie lie;
  gboolean cam; /* PACE with Chip Authentication Mapping */
} Profile;

#define BAC_PACE (BP_SPECIMEN_PROTOCOL_BAC | BP_SPECIMEN_PROTOCOL_PACE)
#define LYING(file, id, can, mrz, csca, n_dgs, aa, ca, lie)                                         \
  {                                                                                                 \
    file, id, BAC_PACE, can, "portrait.jpg", BP_IMAGE_FORMAT_JPEG, mrz, 0, csca, n_dgs, aa, ca, lie \
  }

/* Sorted by id, as bp_specimen_load_directory() returns them. */
static const Profile profiles[] = {
  { "utopia-id-card.ini", "utopia-id-card", BP_SPECIMEN_PROTOCOL_PACE, "654321",
    "portrait.j2k", BP_IMAGE_FORMAT_J2K, "I<UTOD231458907<<<<<<<<<<<<<<<\n", 0, NULL, 5, FALSE, TRUE, LIE_NONE, TRUE },
  { "utopia-id-card-cam-clone.ini", "utopia-id-card-cam-clone", BP_SPECIMEN_PROTOCOL_PACE, "316724",
    "portrait.j2k", BP_IMAGE_FORMAT_J2K, "I<UTOE83M516270<<<<<<<<<<<<<<<\n", 0, NULL, 5, FALSE, TRUE, LIE_CA_CLONE, TRUE },
  { "utopia-passport.ini", "utopia-passport", BAC_PACE, "123456",
    "portrait.jpg", BP_IMAGE_FORMAT_JPEG, "P<UTOHAPPY<<JOHN<PAUL<<<", 0, NULL, 6, TRUE, TRUE },
  LYING ("utopia-passport-aa-clone.ini", "utopia-passport-aa-clone", "824537", "P<UTOFENWICK<<PETER<<<", NULL, 5, TRUE, FALSE, LIE_AA_CLONE),
  { "utopia-passport-altered.ini", "utopia-passport-altered", BAC_PACE, "271828",
    "portrait.jpg", BP_IMAGE_FORMAT_JPEG, "P<UTOMORROW<<EVELYN<ROSE", 2, NULL, 4 },
  LYING ("utopia-passport-broken-signature.ini", "utopia-passport-broken-signature", "775923", "P<UTOHOLLOW<<IRIS<<<", NULL, 4, FALSE, FALSE, LIE_BROKEN_SIGNATURE),
  LYING ("utopia-passport-ca-clone.ini", "utopia-passport-ca-clone", "452232", "P<UTOGARLAND<<NINA<<<", NULL, 5, FALSE, TRUE, LIE_CA_CLONE),
  LYING ("utopia-passport-chip-mrz.ini", "utopia-passport-chip-mrz", "503463", "P<UTOBRIGHT<<SAMUEL<<<", NULL, 3, FALSE, FALSE, LIE_CHIP_MRZ),
  LYING ("utopia-passport-expired-signer.ini", "utopia-passport-expired-signer", "832682", "P<UTOASHBY<<CLARA<<<", NULL, 4, FALSE, FALSE, LIE_NONE),
  { "utopia-passport-grey.ini", "utopia-passport-grey", BP_SPECIMEN_PROTOCOL_BAC, NULL,
    "portrait-grey.jp2", BP_IMAGE_FORMAT_JP2, "P<UTOSOLBERG<<LINNEA<<<", 0, NULL, 4 },
  LYING ("utopia-passport-missing-dg.ini", "utopia-passport-missing-dg", "928578", "P<UTOMARSH<<LEO<<<", NULL, 6, FALSE, FALSE, LIE_REMOVED),
  LYING ("utopia-passport-revoked-signer.ini", "utopia-passport-revoked-signer", "876187", "P<UTOVANCE<<TOBIAS<<<", NULL, 4, FALSE, FALSE, LIE_NONE),
  LYING ("utopia-passport-unknown-signer.ini", "utopia-passport-unknown-signer", "493645", "P<UTOQUILL<<OSCAR<<<", "rogue-csca.pem", 4, FALSE, FALSE, LIE_NONE),
};

static char *
specimen_path (const char *first,
               ...)
{
  const char *datadir = g_getenv ("BORDERPOST_DATADIR");
  va_list ap;
  GPtrArray *parts = g_ptr_array_new ();
  char *path;

  g_assert_nonnull (datadir);
  g_ptr_array_add (parts, (char *) datadir);
  g_ptr_array_add (parts, (char *) "specimens");
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (char *) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return path;
}

static GBytes *
load_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

/* Verifies EF.SOD with OpenSSL against a test CSCA (@csca in pki/, NULL
 * for csca.pem), as `openssl cms -verify -inform DER -CAfile csca.pem
 * -purpose any` does but at no particular time (one signer has expired),
 * and returns the signed LDSSecurityObject. With @broken the signature
 * must not verify, and the content is returned unverified. */
static GBytes *
verify_sod_full (GBytes *cms_der,
                 const char *csca,
                 gboolean broken)
{
  g_autofree char *csca_path = specimen_path ("pki", csca ? csca : "csca.pem", NULL);
  const unsigned char *p;
  gsize size;
  CMS_ContentInfo *cms;
  X509_STORE *store = X509_STORE_new ();
  BIO *out = BIO_new (BIO_s_mem ());
  const ASN1_OBJECT *type;
  char oid[64];
  char *content;
  long content_len;
  GBytes *result;
  STACK_OF (X509) * certs;

  g_assert_cmpint (X509_STORE_load_file (store, csca_path), ==, 1);
  X509_STORE_set_purpose (store, X509_PURPOSE_ANY);
  X509_STORE_set_flags (store, X509_V_FLAG_NO_CHECK_TIME);

  p = g_bytes_get_data (cms_der, &size);
  cms = d2i_CMS_ContentInfo (NULL, &p, size);
  g_assert_nonnull (cms);
  g_assert_true (p == (const unsigned char *) g_bytes_get_data (cms_der, NULL) + size);

  type = CMS_get0_eContentType (cms);
  OBJ_obj2txt (oid, sizeof oid, type, 1);
  g_assert_cmpstr (oid, ==, "2.23.136.1.1.1");

  certs = CMS_get1_certs (cms);
  g_assert_cmpint (sk_X509_num (certs), ==, 1);
  sk_X509_pop_free (certs, X509_free);

  if (broken)
    {
      ASN1_OCTET_STRING **econtent = CMS_get0_content (cms);

      g_assert_cmpint (CMS_verify (cms, NULL, store, NULL, out, CMS_BINARY), ==, 0);
      result = g_bytes_new (ASN1_STRING_get0_data (*econtent), ASN1_STRING_length (*econtent));
    }
  else
    {
      g_assert_cmpint (CMS_verify (cms, NULL, store, NULL, out, CMS_BINARY), ==, 1);
      content_len = BIO_get_mem_data (out, &content);
      result = g_bytes_new (content, content_len);
    }

  BIO_free (out);
  X509_STORE_free (store);
  CMS_ContentInfo_free (cms);
  return result;
}

static GBytes *
verify_sod (GBytes *cms_der)
{
  return verify_sod_full (cms_der, NULL, FALSE);
}

/* Checks that the LDSSecurityObject is version 0 with SHA-256 and that it
 * holds the hash of exactly the data groups @specimen serves. */
static void
check_security_object (GBytes *so,
                       BpSpecimen *specimen,
                       guint tampered)
{
  g_autoptr (GError) error = NULL;
  BpTlv top, version, algorithm, oid, hashes, entry;
  gsize pos = 0;
  guint n_hashes = 0;
  const guint8 *data;
  gsize size;

  data = g_bytes_get_data (so, &size);
  g_assert_true (bp_tlv_parse (data, size, &top, &error));
  g_assert_no_error (error);
  g_assert_cmphex (top.tag, ==, 0x30);
  g_assert_true (bp_tlv_next (top.value, top.length, &pos, &version, &error));
  g_assert_cmphex (version.tag, ==, 0x02);
  g_assert_cmpuint (version.length, ==, 1);
  g_assert_cmpuint (version.value[0], ==, 0);
  g_assert_true (bp_tlv_next (top.value, top.length, &pos, &algorithm, &error));
  g_assert_true (bp_tlv_find (&algorithm, 0x06, &oid, &error));
  g_assert_cmpmem (oid.value, oid.length, "\x60\x86\x48\x01\x65\x03\x04\x02\x01", 9);
  g_assert_true (bp_tlv_next (top.value, top.length, &pos, &hashes, &error));
  g_assert_no_error (error);

  pos = 0;
  while (bp_tlv_next (hashes.value, hashes.length, &pos, &entry, &error))
    {
      BpTlv number, hash;
      gsize epos = 0;
      GBytes *file;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      g_assert_true (bp_tlv_next (entry.value, entry.length, &epos, &number, &error));
      g_assert_true (bp_tlv_next (entry.value, entry.length, &epos, &hash, &error));
      g_assert_cmpuint (number.length, ==, 1);
      g_assert_cmpuint (hash.length, ==, 32);
      file = bp_specimen_get_file (specimen, bp_lds_dg_fid (number.value[0]));
      n_hashes++;
      if (file == NULL)
        {
          /* Remove=: listed and signed, but not on the chip. */
          g_assert_true (number.value[0] == 14 || number.value[0] == 15);
          g_assert_nonnull (strstr (bp_specimen_get_id (specimen), "missing"));
          continue;
        }
      expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
      {
        GString *hex = g_string_new (NULL);

        for (gsize i = 0; i < hash.length; i++)
          g_string_append_printf (hex, "%02x", hash.value[i]);
        got = g_string_free (hex, FALSE);
      }
      if (number.value[0] == tampered)
        g_assert_cmpstr (got, !=, expected);
      else
        g_assert_cmpstr (got, ==, expected);
    }
  g_assert_no_error (error);
  /* Every data group the chip serves, and nothing else. */
  {
    g_autoptr (BpLdsCom) com = bp_lds_com_parse (bp_specimen_get_file (specimen, BP_LDS_FID_COM), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n_hashes, ==, com->data_groups->len);
  }
}

static void
run_openssl_cli (GBytes *cms_der)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *csca = specimen_path ("pki", "csca.pem", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *in = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  if (openssl == NULL)
    {
      g_test_message ("openssl command not found: verified through the library only");
      return;
    }
  dir = g_dir_make_tmp ("lds-sod-XXXXXX", &error);
  g_assert_no_error (error);
  in = g_build_filename (dir, "sod.der", NULL);
  g_file_set_contents (in, g_bytes_get_data (cms_der, NULL), g_bytes_get_size (cms_der), &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { openssl, "cms", "-verify", "-inform", "DER", "-in", in,
                           "-CAfile", csca, "-purpose", "any", "-out", "/dev/null", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("openssl cms -verify: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (in);
  g_rmdir (dir);
}

static void
test_profile (gconstpointer data)
{
  const Profile *profile = data;
  g_autofree char *path = specimen_path (profile->file, NULL);
  g_autofree char *face_path = specimen_path ("faces", profile->face, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (path, &error);
  g_autoptr (GBytes) face = load_path (face_path);
  g_autoptr (BpLdsCom) com = NULL;
  g_autofree char *mrz = NULL;
  g_autoptr (GPtrArray) faces = NULL;
  g_autoptr (BpLdsDg11) dg11 = NULL;
  g_autoptr (BpLdsDg12) dg12 = NULL;
  g_autoptr (GBytes) cms = NULL;
  g_autoptr (GBytes) so = NULL;
  GBytes *card_access;
  const BpFaceImage *image;
  guint n_removed = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (bp_specimen_get_id (specimen), ==, profile->id);
  g_assert_nonnull (bp_specimen_get_label (specimen));
  g_assert_cmpint (bp_specimen_get_protocols (specimen), ==, profile->protocols);
  g_assert_cmpstr (bp_specimen_get_can (specimen), ==, profile->can);
  g_assert_true (g_str_has_prefix (bp_specimen_get_mrz (specimen), profile->mrz_start));

  com = bp_lds_com_parse (bp_specimen_get_file (specimen, BP_LDS_FID_COM), &error);
  g_assert_no_error (error);
  /* DG1, DG2, DG11 and DG12 (as the profile has them), DG14 and DG15 when
   * it names Chip and Active Authentication keys. */
  g_assert_cmpuint (com->data_groups->len, ==, profile->n_dgs);
  g_assert_cmpint (bp_specimen_get_active_authentication_key (specimen) != NULL, ==, profile->aa);
  g_assert_cmpint (bp_specimen_get_chip_authentication_key (specimen) != NULL, ==, profile->ca);
  for (guint i = 0; i < com->data_groups->len; i++)
    {
      guint dg = g_array_index (com->data_groups, guint, i);
      GBytes *file = bp_specimen_get_file (specimen, bp_lds_dg_fid (dg));

      if (profile->lie == LIE_REMOVED && (dg == 14 || dg == 15))
        g_assert_null (file);
      else
        g_assert_nonnull (file);
      if (dg == 14)
        n_removed += file == NULL;
      if (dg == 15)
        n_removed += file == NULL;
    }

  mrz = bp_lds_dg1_parse (bp_specimen_get_file (specimen, 0x0101), &error);
  g_assert_no_error (error);
  if (profile->lie == LIE_CHIP_MRZ)
    g_assert_cmpstr (mrz, !=, bp_specimen_get_mrz (specimen));
  else
    g_assert_cmpstr (mrz, ==, bp_specimen_get_mrz (specimen));

  faces = bp_lds_dg2_parse (bp_specimen_get_file (specimen, 0x0102), &error);
  g_assert_no_error (error);
  image = g_ptr_array_index (faces, 0);
  g_assert_cmpint (image->format, ==, profile->format);
  g_assert_cmpuint (image->width, ==, 300);
  if (profile->tampered == 2)
    {
      g_assert_false (g_bytes_equal (image->data, face));
      g_assert_cmpuint (g_bytes_get_size (image->data), ==, g_bytes_get_size (face));
    }
  else
    g_assert_true (g_bytes_equal (image->data, face));
  if (profile->format != BP_IMAGE_FORMAT_JPEG)
    {
      g_autoptr (GBytes) pixels = NULL;
      guint w, h;

      pixels = bp_image_decode_jpeg2000 (image->data, &w, &h, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (w, ==, 300);
      g_assert_cmpuint (h, ==, 300);
    }

  if (bp_specimen_get_file (specimen, 0x010B) != NULL)
    {
      dg11 = bp_lds_dg11_parse (bp_specimen_get_file (specimen, 0x010B), &error);
      g_assert_no_error (error);
      g_assert_nonnull (dg11->full_name);
      g_assert_nonnull (dg11->full_birth_date);
    }
  else
    g_assert_true (profile->lie == LIE_CHIP_MRZ);
  dg12 = bp_lds_dg12_parse (bp_specimen_get_file (specimen, 0x010C), &error);
  g_assert_no_error (error);
  g_assert_nonnull (dg12->issuing_authority);

  card_access = bp_specimen_get_file (specimen, BP_LDS_FID_CARD_ACCESS);
  if (profile->protocols & BP_SPECIMEN_PROTOCOL_PACE)
    {
      const char *oid = profile->cam ? BP_SPECIMEN_PACE_CAM_OID : BP_SPECIMEN_PACE_GM_OID;
      g_autoptr (GBytes) expected = _bp_specimen_encode_card_access_for (oid);

      g_assert_cmpstr (bp_specimen_get_pace_oid (specimen), ==, oid);
      g_assert_nonnull (card_access);
      g_assert_true (g_bytes_equal (card_access, expected));
    }
  else
    g_assert_null (card_access);

  cms = bp_lds_sod_unwrap (bp_specimen_get_file (specimen, BP_LDS_FID_SOD), &error);
  g_assert_no_error (error);
  so = verify_sod_full (cms, profile->csca, profile->lie == LIE_BROKEN_SIGNATURE);
  check_security_object (so, specimen, profile->tampered);
  /* The command line checks the time too: not for the expired signer. */
  if (profile->csca == NULL && profile->lie != LIE_BROKEN_SIGNATURE && !strstr (profile->id, "expired"))
    run_openssl_cli (cms);

  /* The data groups, EF.COM, EF.SOD and EF.CardAccess with PACE. */
  g_assert_cmpuint (g_hash_table_size (bp_specimen_get_files (specimen)), ==,
                    com->data_groups->len - n_removed + 2 + (card_access != NULL ? 1 : 0));
}

/* The same profile from a GResource: relative paths resolve inside it. */
static void
test_resource (void)
{
  g_autofree char *path = specimen_path ("utopia-passport.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) from_file = bp_specimen_load_path (path, &error);
  g_autoptr (BpSpecimen) from_resource = NULL;
  const guint16 same[] = { 0x011E, 0x0101, 0x0102, 0x010B, 0x010C, 0x011C };
  g_autoptr (GBytes) cms = NULL;
  g_autoptr (GBytes) so = NULL;

  g_assert_no_error (error);
  from_resource = bp_specimen_load_path ("resource:///org/borderpost/Borderpost/tests/specimens/utopia-passport.ini", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_specimen_get_mrz (from_resource), ==, bp_specimen_get_mrz (from_file));

  /* Everything but the signature (ECDSA is randomised) is identical. */
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_true (g_bytes_equal (bp_specimen_get_file (from_resource, same[i]),
                                  bp_specimen_get_file (from_file, same[i])));
  cms = bp_lds_sod_unwrap (bp_specimen_get_file (from_resource, BP_LDS_FID_SOD), &error);
  g_assert_no_error (error);
  so = verify_sod (cms);
  check_security_object (so, from_resource, 0);
}

/* Tamper=DG1 keeps the zone readable but changes a letter of the name,
 * so the chip's MRZ no longer matches the printed one. */
static void
test_tamper_dg1 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lds-tamper-XXXXXX", &error);
  g_autofree char *face = specimen_path ("faces", "portrait.jpg", NULL);
  g_autofree char *ds = specimen_path ("pki", "ds.pem", NULL);
  g_autofree char *ds_key = specimen_path ("pki", "ds-key.pem", NULL);
  g_autofree char *ini = g_build_filename (dir, "tampered.ini", NULL);
  g_autofree char *text = g_strdup_printf ("[Specimen]\nId=t\nLabel=t\n"
                                           "MRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\n"
                                           "Protocols=BAC;\nFace=%s\nSigner=%s\nSignerKey=%s\nTamper=DG1;\n",
                                           face, ds, ds_key);
  g_autoptr (BpSpecimen) specimen = NULL;
  g_autofree char *chip = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  gboolean equal = TRUE;

  g_assert_no_error (error);
  g_file_set_contents (ini, text, -1, &error);
  g_assert_no_error (error);
  specimen = bp_specimen_load_path (ini, &error);
  g_assert_no_error (error);

  chip = bp_lds_dg1_parse (bp_specimen_get_file (specimen, 0x0101), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chip, !=, bp_specimen_get_mrz (specimen));
  fields = bp_lds_compare_mrz (chip, bp_specimen_get_mrz (specimen), &equal, &error);
  g_assert_no_error (error);
  g_assert_false (equal);
  for (guint i = 0; i < fields->len; i++)
    {
      const BpLdsMrzField *f = g_ptr_array_index (fields, i);

      if (f->field == BP_MRZ_FIELD_NAME)
        g_assert_false (f->equal);
      else if (f->field == BP_MRZ_FIELD_DOCUMENT_NUMBER || f->field == BP_MRZ_FIELD_BIRTH_DATE)
        g_assert_true (f->equal);
    }
  g_unlink (ini);
  g_rmdir (dir);
}

static void
test_card_access (void)
{
  g_autoptr (GBytes) card_access = bp_specimen_encode_card_access ();
  static const guint8 expected[] = {
    0x31, 0x14, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02,
    0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02, 0x02, 0x01, 0x0D
  };

  g_autoptr (GBytes) cam = _bp_specimen_encode_card_access_for (BP_SPECIMEN_PACE_CAM_OID);
  guint8 expected_cam[sizeof expected];

  g_assert_cmpmem (g_bytes_get_data (card_access, NULL), g_bytes_get_size (card_access),
                   expected, sizeof expected);
  /* id-PACE-ECDH-CAM-AES-CBC-CMAC-128 differs in one arc: …4.6.2. */
  memcpy (expected_cam, expected, sizeof expected);
  expected_cam[14] = 0x06;
  g_assert_cmpmem (g_bytes_get_data (cam, NULL), g_bytes_get_size (cam), expected_cam, sizeof expected_cam);
}

static void
test_directory (void)
{
  g_autofree char *path = specimen_path (NULL, NULL);
  g_autoptr (GFile) dir = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = bp_specimen_load_directory (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (profiles));
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (bp_specimen_get_id (g_ptr_array_index (all, i)), ==, profiles[i].id);
}

static void
test_bad_profiles (void)
{
  const char *cases[] = {
    "[Specimen]\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=HELLO;\nProtocols=BAC;\nFace=face.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=NFC;\nFace=face.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=PACE;\nCAN=12\nFace=face.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=missing.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=missing.pem\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=@DS@\nSignerKey=@KEY@\nTamper=DG5;\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=@DS@\nSignerKey=@KEY@\nRemove=DG3;\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=@DS@\nSignerKey=@KEY@\nClone=ActiveAuthentication;\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=@DS@\nSignerKey=@KEY@\nClone=Telepathy;\n",
    /* The chip's MRZ may differ in the name only, not in the number. */
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nChipMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219060UTO8603049M3109177<<<<<<<<<<<<<<08;\nProtocols=BAC;\nFace=face.jpg\n",
    "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nChipAuthenticationKey=face.jpg\n",
    "not a key file [",
  };
  g_autofree char *ds = specimen_path ("pki", "ds.pem", NULL);
  g_autofree char *ds_key = specimen_path ("pki", "ds-key.pem", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lds-profile-XXXXXX", &error);
  g_autofree char *face_src = specimen_path ("faces", "portrait.jpg", NULL);
  g_autoptr (GBytes) face = load_path (face_src);
  g_autofree char *face_path = g_build_filename (dir, "face.jpg", NULL);
  g_autofree char *ini = g_build_filename (dir, "bad.ini", NULL);

  g_assert_no_error (error);
  g_file_set_contents (face_path, g_bytes_get_data (face, NULL), g_bytes_get_size (face), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BpSpecimen) specimen = NULL;
      g_autoptr (GString) text = g_string_new (cases[i]);

      g_string_replace (text, "@DS@", ds, 1);
      g_string_replace (text, "@KEY@", ds_key, 1);
      g_file_set_contents (ini, text->str, -1, &error);
      g_assert_no_error (error);
      specimen = bp_specimen_load_path (ini, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(loaded)");
      g_assert_null (specimen);
      g_assert_error (error, BP_SPECIMEN_ERROR, BP_SPECIMEN_ERROR_PROFILE);
      g_clear_error (&error);
    }

  /* A key that is not the signer's kind of file. */
  {
    g_autoptr (BpSpecimen) specimen = NULL;
    g_autofree char *pem = g_build_filename (dir, "junk.pem", NULL);
    const char *text = "[Specimen]\nId=a\nLabel=x\nMRZ=P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<;X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0;\nProtocols=BAC;\nFace=face.jpg\nSigner=junk.pem\nSignerKey=junk.pem\n";

    g_file_set_contents (pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", -1, &error);
    g_file_set_contents (ini, text, -1, &error);
    g_assert_no_error (error);
    specimen = bp_specimen_load_path (ini, &error);
    g_assert_null (specimen);
    g_assert_error (error, BP_SPECIMEN_ERROR, BP_SPECIMEN_ERROR_SIGN);
    g_unlink (pem);
  }

  g_unlink (ini);
  g_unlink (face_path);
  g_rmdir (dir);
}

/* The public key (DER SubjectPublicKeyInfo) of a private key in DER or PEM. */
static GBytes *
spki_of (GBytes *key_bytes)
{
  const unsigned char *p = g_bytes_get_data (key_bytes, NULL);
  long size = (long) g_bytes_get_size (key_bytes);
  EVP_PKEY *key = d2i_AutoPrivateKey (NULL, &p, size);
  unsigned char *der = NULL;
  int der_len;
  GBytes *spki;

  if (key == NULL)
    {
      BIO *bio = BIO_new_mem_buf (g_bytes_get_data (key_bytes, NULL), (int) size);

      key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
      BIO_free (bio);
    }
  g_assert_nonnull (key);
  der_len = i2d_PUBKEY (key, &der);
  g_assert_cmpint (der_len, >, 0);
  spki = g_bytes_new (der, der_len);
  OPENSSL_free (der);
  EVP_PKEY_free (key);
  return spki;
}

static GBytes *
spki_of_pki_file (const char *name)
{
  g_autofree char *path = specimen_path ("pki", name, NULL);
  g_autoptr (GBytes) pem = load_path (path);

  return spki_of (pem);
}

/* The SubjectPublicKeyInfo inside DG15 (tag 6F). */
static GBytes *
dg15_spki (BpSpecimen *specimen)
{
  g_autoptr (GError) error = NULL;
  GBytes *spki = bp_lds_dg15_unwrap (bp_specimen_get_file (specimen, 0x010F), &error);

  g_assert_no_error (error);
  return spki;
}

/* The SubjectPublicKeyInfo of DG14's ChipAuthenticationPublicKeyInfo,
 * checking every other byte of DG14 on the way. */
static GBytes *
dg14_spki (BpSpecimen *specimen)
{
  static const guint8 ca_info[] = { 0x30, 0x0F, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02,
                                    0x02, 0x03, 0x02, 0x02, 0x02, 0x01, 0x01 };
  static const guint8 pk_oid[] = { 0x06, 0x09, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02 };
  g_autoptr (GError) error = NULL;
  GBytes *file = bp_specimen_get_file (specimen, 0x010E);
  BpTlv dg14, set, first, second;
  gsize pos = 0;
  const guint8 *data;
  gsize size;

  g_assert_nonnull (file);
  data = g_bytes_get_data (file, &size);
  g_assert_true (bp_tlv_parse (data, size, &dg14, &error));
  g_assert_cmphex (dg14.tag, ==, 0x6E);
  g_assert_true (bp_tlv_parse (dg14.value, dg14.length, &set, &error));
  g_assert_cmphex (set.tag, ==, 0x31);
  g_assert_true (bp_tlv_next (set.value, set.length, &pos, &first, &error));
  g_assert_true (bp_tlv_next (set.value, set.length, &pos, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pos, ==, set.length);
  /* DER order: ChipAuthenticationInfo (id-CA-ECDH-AES-CBC-CMAC-128,
   * version 1) is the shorter, so it comes first. */
  g_assert_cmpmem (first.value - 2, first.length + 2, ca_info, sizeof ca_info);
  g_assert_cmphex (second.tag, ==, 0x30);
  g_assert_cmpmem (second.value, sizeof pk_oid, pk_oid, sizeof pk_oid);
  return g_bytes_new (second.value + sizeof pk_oid, second.length - sizeof pk_oid);
}

/* ChipAuthenticationKey= puts the public half of pki/ca-key.pem in DG14,
 * lists DG14 in EF.COM and EF.SOD, and gives the chip the private half. */
static void
test_dg14 (void)
{
  g_autofree char *path = specimen_path ("utopia-passport.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (path, &error);
  g_autoptr (GBytes) spki = NULL;
  g_autoptr (GBytes) expected = spki_of_pki_file ("ca-key.pem");
  g_autoptr (GBytes) held = NULL;
  g_autoptr (BpLdsCom) com = NULL;
  g_autoptr (GBytes) junk = g_bytes_new_static ("\x30\x03\x02\x01\x01", 5);
  g_autoptr (GBytes) none = NULL;
  g_autoptr (BpVirtualChip) chip = NULL;
  g_autoptr (GBytes) chip_key = NULL;

  g_assert_no_error (error);
  spki = dg14_spki (specimen);
  g_assert_true (g_bytes_equal (spki, expected));
  held = spki_of (bp_specimen_get_chip_authentication_key (specimen));
  g_assert_true (g_bytes_equal (held, expected));

  com = bp_lds_com_parse (bp_specimen_get_file (specimen, BP_LDS_FID_COM), &error);
  g_assert_no_error (error);
  g_assert_true (bp_lds_com_has_data_group (com, 14));

  /* The virtual chip made from it does Chip Authentication with that key. */
  chip = bp_virtual_chip_new_from_specimen (specimen, &error);
  g_assert_no_error (error);
  chip_key = bp_virtual_chip_dup_chip_authentication_public_key (chip);
  g_assert_true (g_bytes_equal (chip_key, expected));

  /* Only an EC public key makes a DG14. */
  none = bp_specimen_encode_dg14 (junk, &error);
  g_assert_null (none);
  g_assert_error (error, BP_SPECIMEN_ERROR, BP_SPECIMEN_ERROR_SIGN);
}

/* Clone=: DG15 and DG14 stay those of the genuine keys, but the chip holds
 * the clone keys of pki/. */
static void
test_clone (void)
{
  g_autofree char *aa_path = specimen_path ("utopia-passport-aa-clone.ini", NULL);
  g_autofree char *ca_path = specimen_path ("utopia-passport-ca-clone.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) aa_clone = bp_specimen_load_path (aa_path, &error);
  g_autoptr (BpSpecimen) ca_clone = bp_specimen_load_path (ca_path, &error);
  g_autoptr (GBytes) aa_genuine = spki_of_pki_file ("aa-key.pem");
  g_autoptr (GBytes) aa_copy = spki_of_pki_file ("aa-clone-key.pem");
  g_autoptr (GBytes) ca_genuine = spki_of_pki_file ("ca-key.pem");
  g_autoptr (GBytes) ca_copy = spki_of_pki_file ("ca-clone-key.pem");
  g_autoptr (GBytes) in_dg15 = NULL;
  g_autoptr (GBytes) in_dg14 = NULL;
  g_autoptr (GBytes) aa_held = NULL;
  g_autoptr (GBytes) ca_held = NULL;
  g_autoptr (BpVirtualChip) chip = NULL;
  g_autoptr (GBytes) chip_key = NULL;

  g_assert_no_error (error);
  in_dg15 = dg15_spki (aa_clone);
  aa_held = spki_of (bp_specimen_get_active_authentication_key (aa_clone));
  g_assert_true (g_bytes_equal (in_dg15, aa_genuine));
  g_assert_true (g_bytes_equal (aa_held, aa_copy));
  g_assert_false (g_bytes_equal (aa_held, in_dg15));

  in_dg14 = dg14_spki (ca_clone);
  ca_held = spki_of (bp_specimen_get_chip_authentication_key (ca_clone));
  g_assert_true (g_bytes_equal (in_dg14, ca_genuine));
  g_assert_true (g_bytes_equal (ca_held, ca_copy));
  chip = bp_virtual_chip_new_from_specimen (ca_clone, &error);
  g_assert_no_error (error);
  chip_key = bp_virtual_chip_dup_chip_authentication_public_key (chip);
  g_assert_true (g_bytes_equal (chip_key, ca_copy));
  g_assert_false (g_bytes_equal (chip_key, in_dg14));
}

/* Remove=: DG14 and DG15 are listed and signed but the chip answers file
 * not found, and holds neither key. */
static void
test_remove (void)
{
  g_autofree char *path = specimen_path ("utopia-passport-missing-dg.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (path, &error);
  g_autoptr (BpLdsCom) com = NULL;
  g_autoptr (BpVirtualChip) chip = NULL;
  g_autoptr (GBytes) dg14 = NULL;
  g_autoptr (GBytes) dg15 = NULL;
  g_autoptr (GBytes) dg12 = NULL;

  g_assert_no_error (error);
  com = bp_lds_com_parse (bp_specimen_get_file (specimen, BP_LDS_FID_COM), &error);
  g_assert_no_error (error);
  g_assert_true (bp_lds_com_has_data_group (com, 14));
  g_assert_true (bp_lds_com_has_data_group (com, 15));
  g_assert_null (bp_specimen_get_file (specimen, 0x010E));
  g_assert_null (bp_specimen_get_file (specimen, 0x010F));
  g_assert_null (bp_specimen_get_active_authentication_key (specimen));
  g_assert_null (bp_specimen_get_chip_authentication_key (specimen));

  chip = bp_virtual_chip_new_from_specimen (specimen, &error);
  g_assert_no_error (error);
  dg14 = bp_virtual_chip_dup_file (chip, 0x010E);
  dg15 = bp_virtual_chip_dup_file (chip, 0x010F);
  dg12 = bp_virtual_chip_dup_file (chip, 0x010C);
  g_assert_null (dg14);
  g_assert_null (dg15);
  g_assert_nonnull (dg12);
}

/* BreakSignature=: one byte of the signature value changes, nothing else. */
static void
test_break_signature (void)
{
  g_autofree char *path = specimen_path ("utopia-passport.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (path, &error);
  GBytes *sod = bp_specimen_get_file (specimen, BP_LDS_FID_SOD);
  g_autoptr (GBytes) broken = NULL;
  g_autoptr (GBytes) cms = NULL;
  g_autoptr (GBytes) broken_cms = NULL;
  g_autoptr (GBytes) so = NULL;
  g_autoptr (GBytes) broken_so = NULL;
  const guint8 *a, *b;
  gsize size, broken_size;
  guint n_differ = 0;

  g_assert_no_error (error);
  broken = bp_specimen_break_sod_signature (sod, &error);
  g_assert_no_error (error);
  a = g_bytes_get_data (sod, &size);
  b = g_bytes_get_data (broken, &broken_size);
  g_assert_cmpuint (size, ==, broken_size);
  for (gsize i = 0; i < size; i++)
    n_differ += a[i] != b[i];
  g_assert_cmpuint (n_differ, ==, 1);

  cms = bp_lds_sod_unwrap (sod, &error);
  broken_cms = bp_lds_sod_unwrap (broken, &error);
  g_assert_no_error (error);
  so = verify_sod (cms);
  broken_so = verify_sod_full (broken_cms, NULL, TRUE);
  g_assert_true (g_bytes_equal (so, broken_so));
}

/* ChipMRZ=: DG1 holds another name; number and dates are the printed ones. */
static void
test_chip_mrz (void)
{
  g_autofree char *path = specimen_path ("utopia-passport-chip-mrz.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (path, &error);
  g_autofree char *chip = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  gboolean equal = TRUE;

  g_assert_no_error (error);
  chip = bp_lds_dg1_parse (bp_specimen_get_file (specimen, 0x0101), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (chip, "P<UTOBRICE<<SAMUEL<<<"));
  g_assert_true (g_str_has_prefix (bp_specimen_get_mrz (specimen), "P<UTOBRIGHT<<SAMUEL<<<"));
  fields = bp_lds_compare_mrz (chip, bp_specimen_get_mrz (specimen), &equal, &error);
  g_assert_no_error (error);
  g_assert_false (equal);
  for (guint i = 0; i < fields->len; i++)
    {
      const BpLdsMrzField *f = g_ptr_array_index (fields, i);

      if (f->field == BP_MRZ_FIELD_NAME)
        g_assert_false (f->equal);
      else if (f->field == BP_MRZ_FIELD_DOCUMENT_NUMBER || f->field == BP_MRZ_FIELD_BIRTH_DATE
               || f->field == BP_MRZ_FIELD_EXPIRY_DATE)
        g_assert_true (f->equal);
    }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autofree char *name = g_strdup_printf ("/borderpost/lds/specimen/%s", profiles[i].id);

      g_test_add_data_func (name, &profiles[i], test_profile);
    }
  g_test_add_func ("/borderpost/lds/specimen/resource", test_resource);
  g_test_add_func ("/borderpost/lds/specimen/tamper-dg1", test_tamper_dg1);
  g_test_add_func ("/borderpost/lds/specimen/card-access", test_card_access);
  g_test_add_func ("/borderpost/lds/specimen/directory", test_directory);
  g_test_add_func ("/borderpost/lds/specimen/bad-profiles", test_bad_profiles);
  g_test_add_func ("/borderpost/lds/specimen/dg14", test_dg14);
  g_test_add_func ("/borderpost/lds/specimen/clone", test_clone);
  g_test_add_func ("/borderpost/lds/specimen/remove", test_remove);
  g_test_add_func ("/borderpost/lds/specimen/break-signature", test_break_signature);
  g_test_add_func ("/borderpost/lds/specimen/chip-mrz", test_chip_mrz);

  return g_test_run ();
}
