/* test-chip-ca.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bp-check.h"
#include "bp-chip-analysis.h"
#include "bp-chip-auth.h"
#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-dg14.h"
#include "bp-tlv.h"
#include "bp-virtual-chip.h"

#include "../card/virtual-chip-test-util.h"

/* Chip Authentication and PACE-CAM through the whole reading stack, the
 * virtual chip answering: ECDH with 3DES and AES, DH, a chip whose key
 * is not the one of its DG14, a chip that refuses, a resume, and the CAM
 * proof checked against DG14. */

#define MRZ "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" \
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
#define MRZ_INFORMATION "L898902C3674081221204159"
#define CAM_OID "0.4.0.127.0.7.2.2.4.6.2"

static EVP_PKEY *
ec_key (const char *curve)
{
  return EVP_PKEY_Q_keygen (NULL, NULL, "EC", curve);
}

static GBytes *
spki_of (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  GBytes *bytes = g_bytes_new (der, n);

  OPENSSL_free (der);
  return bytes;
}

static void
set_chip_key (BpVirtualChip *chip,
              EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PrivateKey (key, &der);
  g_autoptr (GBytes) bytes = g_bytes_new (der, n);
  g_autoptr (GError) error = NULL;

  OPENSSL_free (der);
  g_assert_true (bp_virtual_chip_set_chip_authentication_key (chip, bytes, &error));
  g_assert_no_error (error);
}

/* A chip with DG1, DG2, DG11, DG14 (dg14_key, protocol) and EF.SOD. */
static BpVirtualChip *
make_chip (EVP_PKEY *dg14_key,
           const char *protocol)
{
  static const guint8 com[] = { 0x60, 0x16, 0x5F, 0x01, 0x04, '0', '1', '0', '7', 0x5F, 0x36, 0x06,
                                '0', '4', '0', '0', '0', '0', 0x5C, 0x04, 0x61, 0x75, 0x6B, 0x6E };
  BpVirtualChip *chip = bp_virtual_chip_new_from_mrz (MRZ, NULL);
  g_autoptr (GBytes) com_file = g_bytes_new_static (com, sizeof com);
  g_autoptr (GBytes) dg1 = test_file_new (0x61, 91, 1);
  g_autoptr (GBytes) dg2 = test_file_new (0x75, 3000, 2);
  g_autoptr (GBytes) dg11 = test_file_new (0x6B, 120, 11);
  g_autoptr (GBytes) sod = test_file_new (0x77, 900, 29);
  g_autoptr (GBytes) spki = spki_of (dg14_key);
  g_autoptr (GBytes) dg14 = NULL;
  g_autoptr (GError) error = NULL;

  dg14 = bp_dg14_encode (spki, protocol, -1, &error);
  g_assert_no_error (error);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_COM, com_file);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (1), dg1);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (2), dg2);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (11), dg11);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (14), dg14);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_SOD, sod);
  return chip;
}

static BpChipResult *
read_chip (BpVirtualChip *chip,
           GError **error)
{
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (MRZ_INFORMATION, NULL);

  return bp_chip_reading_run (reading, BP_CARD (chip), NULL, error);
}

static void
assert_passed (BpChipResult *result,
               BpVirtualChip *chip,
               EVP_PKEY *key,
               const char *protocol)
{
  g_autoptr (GBytes) spki = spki_of (key);

  g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_PASSED);
  g_assert_cmpstr (bp_chip_auth_state_to_string (bp_chip_result_get_ca_state (result)), ==, "passed");
  g_assert_null (bp_chip_result_get_ca_error (result));
  g_assert_cmpstr (bp_chip_result_get_ca_protocol (result), ==, protocol);
  g_assert_true (g_bytes_equal (bp_chip_result_get_ca_public_key (result), spki));
  /* DG14 right after EF.COM (9303-11 inspection order). */
  {
    GPtrArray *files = bp_chip_result_get_files (result);
    guint com = G_MAXUINT, dg14 = G_MAXUINT;

    for (guint i = 0; i < files->len; i++)
      {
        const BpChipFile *file = g_ptr_array_index (files, i);

        if (g_str_equal (file->name, "COM"))
          com = i;
        else if (g_str_equal (file->name, "DG14"))
          dg14 = i;
      }
    g_assert_cmpuint (com, <, files->len);
    g_assert_cmpuint (dg14, ==, com + 1);
  }
  /* The rest was read in the restarted session. */
  g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, "CA");
  test_assert_chip_files (result, chip);
}

/* Each protocol family and cipher, on BAC (3DES) and PACE sessions. */
static void
test_protocols (void)
{
  const struct
  {
    gboolean dh;
    const char *protocol;
    BpVirtualChipProtocols access;
    BpChipProtocol expected_access;
  } cases[] = {
    { FALSE, BP_OID_CA_ECDH_3DES, BP_VIRTUAL_CHIP_BAC, BP_CHIP_PROTOCOL_BAC },
    { FALSE, BP_OID_CA_ECDH_AES128, BP_VIRTUAL_CHIP_PACE, BP_CHIP_PROTOCOL_PACE_GM },
    { FALSE, "0.4.0.127.0.7.2.2.3.2.4", BP_VIRTUAL_CHIP_BAC, BP_CHIP_PROTOCOL_BAC },
    { TRUE, BP_OID_CA_DH_3DES, BP_VIRTUAL_CHIP_BAC, BP_CHIP_PROTOCOL_BAC },
    { TRUE, BP_OID_CA_DH_AES128, BP_VIRTUAL_CHIP_PACE, BP_CHIP_PROTOCOL_PACE_GM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EVP_PKEY *key = cases[i].dh ? test_dh_key () : ec_key ("brainpoolP256r1");
      g_autoptr (BpVirtualChip) chip = make_chip (key, cases[i].protocol);
      g_autoptr (BpChipResult) result = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].protocol);
      set_chip_key (chip, key);
      bp_virtual_chip_set_protocols (chip, cases[i].access);
      result = read_chip (chip, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bp_chip_result_get_protocol (result), ==, cases[i].expected_access);
      assert_passed (result, chip, key, cases[i].protocol);
      g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 0);
      EVP_PKEY_free (key);
    }
}

/* The chip holds another key than its DG14 lists: the first answer after
 * CA fails, CA is recorded as failed, access control runs again without
 * CA and every file is still read. */
static void
test_wrong_key (void)
{
  const char *protocols[] = { BP_OID_CA_ECDH_3DES, BP_OID_CA_ECDH_AES128 };

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      EVP_PKEY *listed = ec_key ("prime256v1");
      EVP_PKEY *held = ec_key ("prime256v1");
      g_autoptr (BpVirtualChip) chip = make_chip (listed, protocols[i]);
      g_autoptr (BpChipResult) result = NULL;
      g_autoptr (GError) error = NULL;

      set_chip_key (chip, held);
      bp_virtual_chip_set_protocols (chip, i == 0 ? BP_VIRTUAL_CHIP_BAC : BP_VIRTUAL_CHIP_PACE);
      result = read_chip (chip, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_FAILED);
      g_assert_nonnull (strstr (bp_chip_result_get_ca_error (result), "does not hold the private key"));
      g_assert_cmpstr (bp_chip_result_get_ca_protocol (result), ==, protocols[i]);
      g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 1);
      g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, i == 0 ? "BAC" : "PACE");
      test_assert_chip_files (result, chip);
      EVP_PKEY_free (held);
      EVP_PKEY_free (listed);
    }
}

/* DG14 lists CA but the chip has no key: it refuses, which is recorded. */
static void
test_refused (void)
{
  EVP_PKEY *listed = ec_key ("prime256v1");
  g_autoptr (BpVirtualChip) chip = make_chip (listed, BP_OID_CA_ECDH_AES128);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_FAILED);
  g_assert_nonnull (strstr (bp_chip_result_get_ca_error (result), "refused Chip Authentication"));
  g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, "PACE");
  test_assert_chip_files (result, chip);
  EVP_PKEY_free (listed);
}

/* No DG14, or a damaged one. */
static void
test_no_or_bad_dg14 (void)
{
  EVP_PKEY *key = ec_key ("prime256v1");
  g_autoptr (BpVirtualChip) chip = make_chip (key, BP_OID_CA_ECDH_AES128);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipResult) damaged = NULL;
  g_autoptr (GBytes) garbage = test_file_new (0x6E, 40, 7);
  g_autoptr (GError) error = NULL;

  set_chip_key (chip, key);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (14), NULL);
  result = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_NOT_RUN);
  g_assert_null (bp_chip_result_get_ca_protocol (result));
  g_assert_null (bp_chip_result_get_ca_public_key (result));
  g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, "PACE");

  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (14), garbage);
  damaged = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_ca_state (damaged), ==, BP_CHIP_AUTH_FAILED);
  g_assert_true (g_str_has_prefix (bp_chip_result_get_ca_error (damaged), "The chip's DG14"));
  test_assert_chip_files (damaged, chip);
  EVP_PKEY_free (key);
}

/* A 6988 in the middle of DG2, after CA passed: access control and CA
 * run again and the rest is read under CA keys. */
static void
test_resume_6988 (void)
{
  EVP_PKEY *key = ec_key ("brainpoolP256r1");
  g_autoptr (BpVirtualChip) chip = make_chip (key, BP_OID_CA_ECDH_AES128);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  set_chip_key (chip, key);
  bp_virtual_chip_set_sm_error_at (chip, BP_VIRTUAL_CHIP_FID_DG (2), 1500);
  result = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 1);
  assert_passed (result, chip, key, BP_OID_CA_ECDH_AES128);
  EVP_PKEY_free (key);
}

/* Removed during DG2 and put back: the resumed run does CA again. */
static void
test_removed_and_resume (void)
{
  EVP_PKEY *key = test_dh_key ();
  g_autoptr (BpVirtualChip) chip = make_chip (key, BP_OID_CA_DH_3DES);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (MRZ_INFORMATION, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  set_chip_key (chip, key);
  bp_virtual_chip_set_protocols (chip, BP_VIRTUAL_CHIP_BAC);
  bp_virtual_chip_remove_after_file_bytes (chip, BP_VIRTUAL_CHIP_FID_DG (2), 2000);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_clear_error (&error);

  bp_virtual_chip_remove_after_file_bytes (chip, 0, 0);
  bp_virtual_chip_insert (chip);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_passed (result, chip, key, BP_OID_CA_DH_3DES);
  EVP_PKEY_free (key);
}

/* PACE-CAM: CA_IC and PK_Map,IC kept by the reading verify against the
 * chip's DG14, and not against a DG14 with another key. Chip
 * Authentication does not run after it: CAM is the chip's proof. */
static void
test_cam (void)
{
  EVP_PKEY *key = ec_key ("brainpoolP256r1");
  EVP_PKEY *other = ec_key ("brainpoolP256r1");
  g_autoptr (BpVirtualChip) chip = make_chip (key, BP_OID_CA_ECDH_AES128);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GBytes) forged = NULL;
  g_autoptr (GBytes) other_spki = spki_of (other);
  g_autoptr (GError) error = NULL;
  GBytes *dg14, *ca_ic, *pk_map;

  set_chip_key (chip, key);
  bp_virtual_chip_set_protocols (chip, BP_VIRTUAL_CHIP_PACE);
  g_assert_true (bp_virtual_chip_set_pace_parameters (chip, CAM_OID, 13, &error));
  g_assert_no_error (error);
  result = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_CAM);
  g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_NOT_RUN);
  g_assert_null (bp_chip_result_get_ca_error (result));
  g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, "PACE");
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 0);
  test_assert_chip_files (result, chip);
  /* DG14's key is still kept, for the evidence. */
  g_assert_cmpstr (bp_chip_result_get_ca_protocol (result), ==, BP_OID_CA_ECDH_AES128);
  {
    g_autoptr (GBytes) spki = spki_of (key);

    g_assert_true (g_bytes_equal (bp_chip_result_get_ca_public_key (result), spki));
  }

  dg14 = bp_chip_result_get_file_data (result, "DG14");
  ca_ic = bp_chip_result_get_cam_ca_ic (result);
  pk_map = bp_chip_result_get_cam_pk_map (result);
  g_assert_nonnull (bp_chip_result_get_cam_data (result));
  g_assert_nonnull (ca_ic);
  g_assert_cmpuint (g_bytes_get_size (ca_ic), ==, 32);
  g_assert_nonnull (pk_map);
  g_assert_cmpuint (g_bytes_get_size (pk_map), ==, 65);
  g_assert_true (bp_chip_auth_verify_cam (dg14, ca_ic, pk_map, &error));
  g_assert_no_error (error);

  /* The same key with its curve given explicitly, as some DG14s do. */
  {
    EVP_PKEY *explicit_key = EVP_PKEY_dup (key);
    g_autoptr (GBytes) explicit_spki = NULL;
    g_autoptr (GBytes) explicit_dg14 = NULL;

    g_assert_true (EVP_PKEY_set_utf8_string_param (explicit_key, OSSL_PKEY_PARAM_EC_ENCODING,
                                                   OSSL_PKEY_EC_ENCODING_EXPLICIT));
    explicit_spki = spki_of (explicit_key);
    g_assert_false (g_bytes_equal (explicit_spki, bp_chip_result_get_ca_public_key (result)));
    explicit_dg14 = bp_dg14_encode (explicit_spki, BP_OID_CA_ECDH_AES128, -1, &error);
    g_assert_no_error (error);
    g_assert_true (bp_chip_auth_verify_cam (explicit_dg14, ca_ic, pk_map, &error));
    g_assert_no_error (error);
    EVP_PKEY_free (explicit_key);
  }

  /* Against another key, or with CA_IC or the point changed: no. */
  forged = bp_dg14_encode (other_spki, BP_OID_CA_ECDH_AES128, -1, &error);
  g_assert_false (bp_chip_auth_verify_cam (forged, ca_ic, pk_map, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED);
  g_clear_error (&error);
  {
    gsize n;
    g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (ca_ic, NULL), g_bytes_get_size (ca_ic));
    g_autoptr (GBytes) changed = NULL;

    n = g_bytes_get_size (ca_ic);
    copy[n - 1] ^= 1;
    changed = g_bytes_new (copy, n);
    g_assert_false (bp_chip_auth_verify_cam (dg14, changed, pk_map, &error));
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_false (bp_chip_auth_verify_cam (dg14, ca_ic, bp_chip_result_get_ca_public_key (result), &error));
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED);
    g_clear_error (&error);
  }
  EVP_PKEY_free (other);
  EVP_PKEY_free (key);
}

/* A chip whose CAM key is not the key of its DG14: PACE-CAM completes
 * (the chip proves a key), but the proof does not verify against DG14,
 * and the analysis reports the chip as a possible copy. */
static void
test_cam_other_key (void)
{
  EVP_PKEY *listed = ec_key ("brainpoolP256r1");
  EVP_PKEY *held = ec_key ("brainpoolP256r1");
  g_autoptr (BpVirtualChip) chip = make_chip (listed, BP_OID_CA_ECDH_AES128);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipAnalysis) analysis = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *checks;
  BpCheck *chip_auth = NULL;

  set_chip_key (chip, held);
  bp_virtual_chip_set_protocols (chip, BP_VIRTUAL_CHIP_PACE);
  g_assert_true (bp_virtual_chip_set_pace_parameters (chip, CAM_OID, 13, &error));
  result = read_chip (chip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_CAM);
  g_assert_false (bp_chip_auth_verify_cam (bp_chip_result_get_file_data (result, "DG14"),
                                           bp_chip_result_get_cam_ca_ic (result),
                                           bp_chip_result_get_cam_pk_map (result), &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED);
  g_assert_cmpint (bp_chip_result_get_ca_state (result), ==, BP_CHIP_AUTH_NOT_RUN);
  test_assert_chip_files (result, chip);

  analysis = bp_chip_analysis_new (result, NULL, NULL, NULL);
  checks = bp_chip_analysis_get_checks (analysis);
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (bp_check_get_id (g_ptr_array_index (checks, i)), "chip-auth"))
      chip_auth = g_ptr_array_index (checks, i);
  g_assert_nonnull (chip_auth);
  g_assert_cmpint (bp_check_get_verdict (chip_auth), ==, BP_VERDICT_FAILED);
  g_assert_cmpstr (json_object_get_string_member (bp_check_get_evidence (chip_auth),
                                                  "mechanism"),
                   ==, "pace-cam");
  EVP_PKEY_free (held);
  EVP_PKEY_free (listed);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/chip-auth/protocols", test_protocols);
  g_test_add_func ("/borderpost/emrtd/chip-auth/wrong-key", test_wrong_key);
  g_test_add_func ("/borderpost/emrtd/chip-auth/refused", test_refused);
  g_test_add_func ("/borderpost/emrtd/chip-auth/no-or-bad-dg14", test_no_or_bad_dg14);
  g_test_add_func ("/borderpost/emrtd/chip-auth/resume-6988", test_resume_6988);
  g_test_add_func ("/borderpost/emrtd/chip-auth/removed-and-resume", test_removed_and_resume);
  g_test_add_func ("/borderpost/emrtd/chip-auth/cam", test_cam);
  g_test_add_func ("/borderpost/emrtd/chip-auth/cam-other-key", test_cam_other_key);

  return g_test_run ();
}
