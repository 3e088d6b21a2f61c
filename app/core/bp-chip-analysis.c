/* bp-chip-analysis.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-active-auth.h"
#include "bp-chip-analysis.h"
#include "bp-chip-auth.h"
#include "bp-consistency.h"
#include "bp-dg14.h"
#include "bp-lds.h"
#include "bp-passive-auth.h"
#include "bp-pki.h"

struct _BpChipAnalysis
{
  GObject parent_instance;

  BpChipResult *result;
  GPtrArray *checks; /* of BpCheck */
  char *chip_mrz;
  BpFaceImage *face;
  /* A JPEG 2000 face decoded on the worker; a JPEG one is left to the
   * toolkit, which decodes it quickly. */
  GBytes *face_pixels;
  guint face_width, face_height;
  gsize face_stride;
  gboolean face_has_alpha;
  BpLdsDg11 *dg11;
  BpPaResult *authenticity;
};

G_DEFINE_FINAL_TYPE (BpChipAnalysis, bp_chip_analysis, G_TYPE_OBJECT)

static void
bp_chip_analysis_finalize (GObject *object)
{
  BpChipAnalysis *self = (BpChipAnalysis *) object;

  g_clear_object (&self->result);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->chip_mrz);
  g_clear_pointer (&self->face, bp_face_image_unref);
  g_clear_pointer (&self->face_pixels, g_bytes_unref);
  g_clear_pointer (&self->dg11, bp_lds_dg11_unref);
  g_clear_object (&self->authenticity);

  G_OBJECT_CLASS (bp_chip_analysis_parent_class)->finalize (object);
}

static void
bp_chip_analysis_class_init (BpChipAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_chip_analysis_finalize;
}

static void
bp_chip_analysis_init (BpChipAnalysis *self)
{
  self->checks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The check, with what it rests on (NULL: nothing to show). */
static void
add_check (BpChipAnalysis *self,
           const char *id,
           const char *title,
           BpVerdict verdict,
           const char *message,
           JsonObject *evidence)
{
  g_ptr_array_add (self->checks, bp_check_new_with_evidence (id, title, verdict, message, evidence));
}

static char *
join_printed_mrz (BpMrz *mrz)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < mrz->n_lines; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, mrz->lines[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* DG1 against the printed page, field by field. */
static void
check_chip_mrz (BpChipAnalysis *self,
                const char *printed)
{
  const char *title = _ ("Chip and printed data");
  GBytes *dg1 = bp_chip_result_get_file_data (self->result, "DG1");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GString) differ = NULL;
  g_autofree char *message = NULL;
  gboolean all_equal = FALSE;

  if (dg1 == NULL)
    {
      add_check (self, "chip-mrz", title, BP_VERDICT_FAILED,
                 _ ("The chip holds no machine readable zone (DG1). Examine the document by hand."), NULL);
      return;
    }

  self->chip_mrz = bp_lds_dg1_parse (dg1, &error);
  if (self->chip_mrz != NULL && printed != NULL)
    fields = bp_lds_compare_mrz (self->chip_mrz, printed, &all_equal, &error);
  if (printed == NULL && self->chip_mrz != NULL)
    return;
  if (fields == NULL)
    {
      message = g_strdup_printf (_ ("The chip’s data could not be read: %s"), error->message);
      add_check (self, "chip-mrz", title, BP_VERDICT_FAILED, message, NULL);
      return;
    }

  differ = g_string_new (NULL);
  for (guint i = 0; i < fields->len; i++)
    {
      BpLdsMrzField *field = g_ptr_array_index (fields, i);

      if (field->equal)
        continue;
      if (differ->len > 0)
        g_string_append (differ, ", ");
      g_string_append (differ, bp_mrz_field_get_label (field->field));
    }
  if (differ->len == 0)
    {
      add_check (self, "chip-mrz", title, BP_VERDICT_PASSED,
                 _ ("The chip holds the same machine readable zone as the printed page."), NULL);
      return;
    }

  /* Translators: %s lists fields, e.g. “Document number, Birth date”. */
  message = g_strdup_printf (_ ("The chip and the printed page differ in: %s. The page may have been "
                                "altered or the chip swapped: refer to second line."),
                             differ->str);
  add_check (self, "chip-mrz", title, BP_VERDICT_FAILED, message, NULL);
}

static void
read_face_and_details (BpChipAnalysis *self,
                       BpMrz *printed,
                       GDateTime *now)
{
  GBytes *dg2 = bp_chip_result_get_file_data (self->result, "DG2");
  GBytes *dg11 = bp_chip_result_get_file_data (self->result, "DG11");
  GBytes *dg12_file = bp_chip_result_get_file_data (self->result, "DG12");
  g_autoptr (BpLdsDg12) dg12 = dg12_file ? bp_lds_dg12_parse (dg12_file, NULL) : NULL;
  g_autoptr (BpCheck) details = NULL;

  if (dg2 != NULL)
    {
      g_autoptr (GPtrArray) faces = bp_lds_dg2_parse (dg2, NULL);

      if (faces != NULL && faces->len > 0)
        self->face = bp_face_image_ref (g_ptr_array_index (faces, 0));
    }
  if (self->face != NULL && (self->face->format == BP_IMAGE_FORMAT_JP2 || self->face->format == BP_IMAGE_FORMAT_J2K))
    self->face_pixels = bp_image_decode_jpeg2000 (self->face->data, &self->face_width, &self->face_height,
                                                  &self->face_stride, &self->face_has_alpha, NULL);
  if (dg11 != NULL)
    self->dg11 = bp_lds_dg11_parse (dg11, NULL);

  if (printed == NULL)
    return;
  details = bp_consistency_check (printed, self->dg11, dg12, now);
  if (details != NULL)
    g_ptr_array_add (self->checks, g_steal_pointer (&details));
}

/* The data groups read, by number, and those the chip said it does not
 * have (a bit per group). */
static GHashTable *
collect_groups (BpChipResult *result,
                guint32 *absent)
{
  GHashTable *groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  GPtrArray *files = bp_chip_result_get_files (result);

  *absent = 0;
  for (guint i = 0; i < files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (files, i);
      guint64 dg;

      if (!g_str_has_prefix (file->name, "DG")
          || !g_ascii_string_to_unsigned (file->name + 2, 10, 1, 16, &dg, NULL))
        continue;
      if (file->status == BP_CHIP_FILE_ABSENT)
        *absent |= 1u << dg;
      else if (file->status == BP_CHIP_FILE_READ && file->data != NULL)
        g_hash_table_insert (groups, GUINT_TO_POINTER ((guint) dg), g_bytes_ref (file->data));
    }
  return groups;
}

/* What the crossing keeps of Passive Authentication: who signed (DS and
 * CSCA, signing time, algorithms) and every sub-check that did not pass,
 * a few hundred bytes where the whole result with its hashes would be
 * kilobytes on every crossing sent over a thin link. */
static JsonObject *
summarise_authenticity (BpChipAnalysis *self)
{
  static const struct
  {
    const char *check;
    const char *member;
  } kept[] = {
    { "sod", "hash_algorithm" },
    { "sod", "lds_version" },
    { "sod-signature", "ds_subject" },
    { "sod-signature", "ds_issuer" },
    { "sod-signature", "ds_serial" },
    { "sod-signature", "signing_time" },
    { "sod-signature", "signature_algorithm" },
    { "ds-chain", "csca_subject" },
    { "ds-chain", "csca_serial" },
    { "ds-chain", "verified_at" },
  };
  JsonObject *evidence = json_object_new ();
  g_autoptr (GListModel) checks = bp_pa_result_dup_checks (self->authenticity);
  JsonObject *not_passed = json_object_new ();

  json_object_set_string_member (evidence, "document",
                                 bp_document_verdict_to_string (bp_pa_result_get_verdict (self->authenticity)));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      JsonObject *sub = NULL;

      if (bp_pa_result_lookup (self->authenticity, kept[i].check, NULL, NULL, &sub) && sub != NULL
          && json_object_has_member (sub, kept[i].member))
        json_object_set_member (evidence, kept[i].member,
                                json_node_copy (json_object_get_member (sub, kept[i].member)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
      BpVerdict verdict = bp_check_get_verdict (check);

      if (verdict != BP_VERDICT_PASSED)
        json_object_set_string_member (not_passed, bp_check_get_id (check) + strlen ("pa-"),
                                       bp_verdict_to_string (verdict));
    }
  json_object_set_object_member (evidence, "not_passed", not_passed);
  return evidence;
}

static void
check_authenticity (BpChipAnalysis *self,
                    const char *printed,
                    BpTrustStore *trust,
                    GDateTime *now)
{
  const char *title = _ ("Document signature");
  GBytes *sod = bp_chip_result_get_file_data (self->result, "SOD");
  g_autoptr (GHashTable) groups = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) evidence = NULL;
  guint32 absent;

  if (sod == NULL)
    {
      add_check (self, "authenticity", title, BP_VERDICT_FAILED,
                 _ ("The chip holds no security object (EF.SOD), so its data cannot be proven genuine."), NULL);
      return;
    }

  groups = collect_groups (self->result, &absent);
  self->authenticity = bp_passive_auth_verify_read (sod, groups, absent, trust, printed, now, &error);
  if (self->authenticity == NULL)
    {
      add_check (self, "authenticity", title, BP_VERDICT_NOT_PERFORMED, error->message, NULL);
      return;
    }

  evidence = summarise_authenticity (self);
  add_check (self, "authenticity", title, bp_document_verdict_to_verdict (bp_pa_result_get_verdict (self->authenticity)),
             bp_pa_result_get_reason (self->authenticity), evidence);
}

/* Whether Passive Authentication proved data group @group. */
static gboolean
group_proven (BpChipAnalysis *self,
              guint group)
{
  g_autofree char *id = g_strdup_printf ("dg%u", group);
  BpVerdict verdict = BP_VERDICT_NOT_PERFORMED;

  return self->authenticity != NULL && bp_pa_result_lookup (self->authenticity, id, &verdict, NULL, NULL)
         && verdict == BP_VERDICT_PASSED;
}

/* The Chip Authentication protocols of ICAO 9303-11 9.2.5, by name. */
static const char *
ca_protocol_name (const char *oid)
{
  static const struct
  {
    const char *oid;
    const char *name;
  } names[] = {
    { "0.4.0.127.0.7.2.2.3.1.1", "id-CA-DH-3DES-CBC-CBC" },
    { "0.4.0.127.0.7.2.2.3.1.2", "id-CA-DH-AES-CBC-CMAC-128" },
    { "0.4.0.127.0.7.2.2.3.1.3", "id-CA-DH-AES-CBC-CMAC-192" },
    { "0.4.0.127.0.7.2.2.3.1.4", "id-CA-DH-AES-CBC-CMAC-256" },
    { "0.4.0.127.0.7.2.2.3.2.1", "id-CA-ECDH-3DES-CBC-CBC" },
    { "0.4.0.127.0.7.2.2.3.2.2", "id-CA-ECDH-AES-CBC-CMAC-128" },
    { "0.4.0.127.0.7.2.2.3.2.3", "id-CA-ECDH-AES-CBC-CMAC-192" },
    { "0.4.0.127.0.7.2.2.3.2.4", "id-CA-ECDH-AES-CBC-CMAC-256" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (oid, names[i].oid))
      return names[i].name;
  return oid;
}

/* The key DG14 offers for Chip Authentication, and the protocol used
 * (@protocol, else the one DG14 names). */
static void
describe_dg14_key (JsonObject *evidence,
                   GBytes *dg14,
                   const char *protocol)
{
  g_autoptr (BpDg14) parsed = dg14 ? bp_dg14_parse (dg14, NULL) : NULL;
  const BpDg14CaInfo *info = NULL;
  const BpDg14PublicKey *key = NULL;
  const char *oid = NULL;

  if (parsed != NULL && bp_dg14_select (parsed, &info, &key, &oid, NULL))
    {
      bp_pki_describe_key (evidence, key->key);
      if (protocol == NULL)
        protocol = oid;
    }
  if (protocol != NULL)
    json_object_set_string_member (evidence, "protocol", ca_protocol_name (protocol));
}

/* Active Authentication proves the chip holds the private key of DG15,
 * so it is not a copy, but only once Passive Authentication has proven
 * DG15 itself: a cloned chip can carry a DG15 of its own making. */
static void
check_active_authentication (BpChipAnalysis *self)
{
  const char *title = _ ("Chip not copied (Active Authentication)");
  GBytes *dg15 = bp_chip_result_get_file_data (self->result, "DG15");
  GBytes *challenge = bp_chip_result_get_aa_challenge (self->result);
  GBytes *response = bp_chip_result_get_aa_response (self->result);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  const char *hash_name = NULL;
  g_autoptr (JsonObject) evidence = NULL;

  if (dg15 == NULL)
    return;

  if (response == NULL)
    {
      const char *why = bp_chip_result_get_aa_error (self->result);

      /* A chip that refused or failed is a probable copy; a reading that
       * never asked proves nothing either way. */
      if (why != NULL)
        add_check (self, "active-auth", title, BP_VERDICT_FAILED, why, NULL);
      else
        add_check (self, "active-auth", title, BP_VERDICT_NOT_PERFORMED,
                   _ ("Active Authentication was not run with this chip."), NULL);
      return;
    }
  evidence = json_object_new ();
  {
    EVP_PKEY *key = bp_active_auth_read_key (dg15, NULL);

    bp_pki_describe_key (evidence, key);
    EVP_PKEY_free (key);
  }
  {
    g_autofree char *challenge_hex = bp_pki_hex (g_bytes_get_data (challenge, NULL), g_bytes_get_size (challenge));

    json_object_set_string_member (evidence, "challenge", challenge_hex);
  }
  json_object_set_boolean_member (evidence, "key_proven_by_signature", group_proven (self, 15));
  if (!bp_active_auth_verify (dg15, g_bytes_get_data (challenge, NULL), g_bytes_get_size (challenge),
                              g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL, &hash_name,
                              &error))
    {
      /* Translators: %s says why the chip's signature did not verify. */
      message = g_strdup_printf (_ ("The chip could not prove it holds the key in DG15, so it may be a copy: %s"),
                                 error->message);
      add_check (self, "active-auth", title, BP_VERDICT_FAILED, message, evidence);
      return;
    }

  if (hash_name != NULL)
    json_object_set_string_member (evidence, "hash_algorithm", hash_name);
  if (!group_proven (self, 15))
    add_check (self, "active-auth", title, BP_VERDICT_NOT_PERFORMED,
               _ ("The chip signed the challenge with the key in DG15, but the document signature does not "
                  "prove DG15, so this does not show the chip is genuine."),
               evidence);
  else
    add_check (self, "active-auth", title, BP_VERDICT_PASSED,
               _ ("The chip proved it holds the private key of its DG15: it is not a copy."), evidence);
}

/* Chip Authentication (the secure session restarted with keys only the
 * holder of DG14's private key could agree on) and PACE-CAM (the chip's
 * mapping key derived from DG14's) prove the chip is not a copy, but, as
 * for Active Authentication, only once Passive Authentication has proven
 * DG14: a copy can carry a DG14 of its own making. */
static void
check_chip_authentication (BpChipAnalysis *self)
{
  const char *title = _ ("Chip not copied (Chip Authentication)");
  GBytes *dg14 = bp_chip_result_get_file_data (self->result, "DG14");
  GBytes *ca_ic = bp_chip_result_get_cam_ca_ic (self->result);
  GBytes *pk_map = bp_chip_result_get_cam_pk_map (self->result);
  BpChipAuthState state = bp_chip_result_get_ca_state (self->result);
  g_autoptr (JsonObject) evidence = NULL;
  gboolean cam = bp_chip_result_get_cam_data (self->result) != NULL || ca_ic != NULL || pk_map != NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (state == BP_CHIP_AUTH_NOT_RUN && !cam)
    return;

  evidence = json_object_new ();
  json_object_set_string_member (evidence, "mechanism",
                                 cam && state != BP_CHIP_AUTH_NOT_RUN ? "chip-authentication+pace-cam"
                                 : cam                                ? "pace-cam"
                                                                      : "chip-authentication");
  describe_dg14_key (evidence, dg14, bp_chip_result_get_ca_protocol (self->result));
  json_object_set_boolean_member (evidence, "key_proven_by_signature", group_proven (self, 14));

  if (cam)
    {
      if (dg14 == NULL)
        {
          add_check (self, "chip-auth", title, BP_VERDICT_NOT_PERFORMED,
                     _ ("The chip ran PACE with Chip Authentication Mapping but holds no DG14 to check it "
                        "against, so it is not shown that the chip is not a copy."),
                     evidence);
          return;
        }
      if (ca_ic == NULL || pk_map == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _ ("Its PACE-CAM data did not decrypt."));
      if (error != NULL || !bp_chip_auth_verify_cam (dg14, ca_ic, pk_map, &error))
        {
          /* Translators: %s says, in a sentence, why Chip Authentication failed. */
          message = g_strdup_printf (_ ("The chip may be a copy. %s"), error->message);
          add_check (self, "chip-auth", title, BP_VERDICT_FAILED, message, evidence);
          return;
        }
    }

  if (state == BP_CHIP_AUTH_FAILED)
    {
      const char *why = bp_chip_result_get_ca_error (self->result);

      /* Translators: %s says, in a sentence, why Chip Authentication failed. */
      message = g_strdup_printf (_ ("The chip may be a copy. %s"),
                                 why ? why : _ ("It could not prove it holds the key in DG14."));
      add_check (self, "chip-auth", title, BP_VERDICT_FAILED, message, evidence);
      return;
    }

  if (!group_proven (self, 14))
    add_check (self, "chip-auth", title, BP_VERDICT_NOT_PERFORMED,
               _ ("The chip proved it holds the key in DG14, but the document signature does not prove DG14, "
                  "so this does not show the chip is genuine."),
               evidence);
  else if (cam && state != BP_CHIP_AUTH_PASSED)
    add_check (self, "chip-auth", title, BP_VERDICT_PASSED,
               _ ("The chip proved it holds the private key of its DG14 (PACE-CAM): it is not a copy."), evidence);
  else
    add_check (self, "chip-auth", title, BP_VERDICT_PASSED,
               _ ("The chip proved it holds the private key of its DG14: it is not a copy."), evidence);
}

static void
analyse (BpChipAnalysis *self,
         BpMrz *printed,
         BpTrustStore *trust,
         GDateTime *now)
{
  g_autofree char *printed_text = printed ? join_printed_mrz (printed) : NULL;

  check_chip_mrz (self, printed_text);
  read_face_and_details (self, printed, now);
  check_authenticity (self, printed_text, trust, now);
  check_chip_authentication (self);
  check_active_authentication (self);
}

/**
 * bp_chip_analysis_new:
 * @result: the chip as read
 * @printed: (nullable): the printed MRZ
 * @trust: (nullable): the CSCA store
 * @now: (nullable): the time to judge validity at, %NULL for now
 *
 * Analyses a chip's files. Blocks: call from a worker thread, or use
 * bp_chip_analysis_new_async().
 *
 * Returns: (transfer full): the analysis
 */
BpChipAnalysis *
bp_chip_analysis_new (BpChipResult *result,
                      BpMrz *printed,
                      BpTrustStore *trust,
                      GDateTime *now)
{
  g_autoptr (BpChipAnalysis) self = NULL;
  g_autoptr (GDateTime) today = NULL;

  g_return_val_if_fail (BP_IS_CHIP_RESULT (result), NULL);
  g_return_val_if_fail (trust == NULL || BP_IS_TRUST_STORE (trust), NULL);

  if (now == NULL)
    now = today = g_date_time_new_now_local ();

  self = g_object_new (BP_TYPE_CHIP_ANALYSIS, NULL);
  self->result = g_object_ref (result);
  analyse (self, printed, trust, now);
  return g_steal_pointer (&self);
}

typedef struct
{
  BpChipResult *result;
  BpMrz *printed;
  BpTrustStore *trust;
} AnalyseData;

static void
analyse_data_free (AnalyseData *data)
{
  g_clear_object (&data->result);
  g_clear_pointer (&data->printed, bp_mrz_unref);
  g_clear_object (&data->trust);
  g_free (data);
}

/* On a worker: parsing, signature checks and decoding a JPEG 2000 face
 * take milliseconds to tens of milliseconds, too long for the main loop. */
static void
analyse_thread (GTask *task,
                gpointer source_object,
                gpointer task_data,
                GCancellable *cancellable)
{
  AnalyseData *data = task_data;

  g_task_return_pointer (task, bp_chip_analysis_new (data->result, data->printed, data->trust, NULL),
                         g_object_unref);
}

void
bp_chip_analysis_new_async (BpChipResult *result,
                            BpMrz *printed,
                            BpTrustStore *trust,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  AnalyseData *data;

  g_return_if_fail (BP_IS_CHIP_RESULT (result));
  g_return_if_fail (trust == NULL || BP_IS_TRUST_STORE (trust));

  data = g_new0 (AnalyseData, 1);
  data->result = g_object_ref (result);
  data->printed = printed ? bp_mrz_ref (printed) : NULL;
  data->trust = trust ? g_object_ref (trust) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_chip_analysis_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) analyse_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, analyse_thread);
}

BpChipAnalysis *
bp_chip_analysis_new_finish (GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
bp_chip_analysis_get_checks (BpChipAnalysis *self)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);
  return self->checks;
}

const char *
bp_chip_analysis_get_chip_mrz (BpChipAnalysis *self)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);
  return self->chip_mrz;
}

BpFaceImage *
bp_chip_analysis_get_face (BpChipAnalysis *self)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);
  return self->face;
}

/**
 * bp_chip_analysis_get_face_pixels:
 * @width: (out) (optional): in pixels
 * @height: (out) (optional): in pixels
 * @stride: (out) (optional): bytes per row
 * @has_alpha: (out) (optional): RGBA rather than RGB
 *
 * The face of a JPEG 2000 chip photo, decoded (see
 * bp_image_decode_jpeg2000()), ready for gdk_memory_texture_new().
 *
 * Returns: (transfer none) (nullable): the pixels; %NULL for a JPEG face,
 *   no face, or one that did not decode
 */
GBytes *
bp_chip_analysis_get_face_pixels (BpChipAnalysis *self,
                                  guint *width,
                                  guint *height,
                                  gsize *stride,
                                  gboolean *has_alpha)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);

  if (width)
    *width = self->face_width;
  if (height)
    *height = self->face_height;
  if (stride)
    *stride = self->face_stride;
  if (has_alpha)
    *has_alpha = self->face_has_alpha;
  return self->face_pixels;
}

BpLdsDg11 *
bp_chip_analysis_get_dg11 (BpChipAnalysis *self)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);
  return self->dg11;
}

BpPaResult *
bp_chip_analysis_get_authenticity (BpChipAnalysis *self)
{
  g_return_val_if_fail (BP_IS_CHIP_ANALYSIS (self), NULL);
  return self->authenticity;
}
