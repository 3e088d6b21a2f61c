/* bp-chip-reading.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-reading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <openssl/rand.h>

#include "bp-apdu.h"
#include "bp-bac.h"
#include "bp-chip-auth.h"
#include "bp-chip-error.h"
#include "bp-chip-reading-private.h"
#include "bp-pace.h"
#include "bp-tlv.h"

/* Secure messaging re-established at most this often in one run: enough
 * for a flaky field, not a loop against a chip that breaks every read. */
#define REAUTH_BUDGET 8
/* Extended reads stay this far under the path's limit, leaving room for
 * the secure messaging data objects, padding and status words. */
#define SM_OVERHEAD 48

static const guint8 emrtd_aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

G_DEFINE_FINAL_TYPE (BpChipReading, bp_chip_reading, G_TYPE_OBJECT)

enum
{
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  BpChipReading *self;
  char *name;
  guint64 done;
  guint64 total;
} ProgressData;

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_object_unref (progress->self);
  g_free (progress->name);
  g_free (progress);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressData *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->name, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

void
_bp_chip_reading_progress (BpChipReading *self,
                           const char *name,
                           guint64 done,
                           guint64 total)
{
  if (self->progress_context == NULL)
    {
      g_signal_emit (self, signals[PROGRESS], 0, name, done, total);
      return;
    }
  {
    ProgressData *progress = g_new0 (ProgressData, 1);

    progress->self = g_object_ref (self);
    progress->name = g_strdup (name);
    progress->done = done;
    progress->total = total;
    g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT, emit_progress_cb,
                                progress, progress_data_free);
  }
}

BpCard *
_bp_chip_reading_card (BpChipReading *self)
{
  return BP_CARD (self->meter);
}

static gboolean
select_application (BpChipReading *self,
                    gboolean plain,
                    GError **error)
{
  BpApdu select = { 0x00, 0xA4, 0x04, 0x0C, emrtd_aid, sizeof emrtd_aid, 0, FALSE };
  g_autoptr (GBytes) response = NULL;
  guint16 sw;

  if (plain)
    response = bp_apdu_transmit (BP_CARD (self->meter), &select, self->cancellable, error);
  else
    response = bp_sm_transmit (self->sm, BP_CARD (self->meter), &select, self->cancellable, error);
  if (response == NULL)
    return FALSE;
  sw = bp_apdu_response_sw (response);
  if (sw != BP_SW_OK)
    {
      g_autofree char *meaning = bp_apdu_sw_describe (sw);

      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                   _ ("The chip has no travel document (eMRTD) application: it answered “%s” "
                      "(%04X)."),
                   meaning, sw);
      return FALSE;
    }
  return TRUE;
}

static void
set_protocol (BpChipReading *self,
              BpChipProtocol protocol,
              const char *reason)
{
  self->result->protocol = protocol;
  g_free (self->result->protocol_reason);
  self->result->protocol_reason = g_strdup (reason);
}

static BpChipProtocol
protocol_from_mapping (BpPaceMapping mapping)
{
  switch (mapping)
    {
    case BP_PACE_MAPPING_IM:
      return BP_CHIP_PROTOCOL_PACE_IM;
    case BP_PACE_MAPPING_CAM:
      return BP_CHIP_PROTOCOL_PACE_CAM;
    case BP_PACE_MAPPING_GM:
    default:
      return BP_CHIP_PROTOCOL_PACE_GM;
    }
}

static gboolean
run_pace (BpChipReading *self,
          GError **error)
{
  BpPaceInfo info = { 0 };
  BpPacePassword type = self->can != NULL ? BP_PACE_PASSWORD_CAN : BP_PACE_PASSWORD_MRZ;
  const char *password = self->can != NULL ? self->can : self->mrz_information;
  BpSm *sm;

  sm = bp_pace_authenticate (BP_CARD (self->meter), self->card_access, type, password, &info,
                             self->cancellable, error);
  if (sm == NULL)
    return FALSE;
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->sm = sm;
  if (!self->authenticated_once)
    {
      g_autofree char *reason = NULL;

      reason = g_strdup_printf (type == BP_PACE_PASSWORD_CAN
                                    ? _ ("The chip offers PACE (EF.CardAccess); opened with the card access number.")
                                    : _ ("The chip offers PACE (EF.CardAccess); opened with the MRZ."));
      set_protocol (self, protocol_from_mapping (info.mapping), reason);
    }
  if (info.cam_data != NULL)
    {
      g_clear_pointer (&self->result->cam_data, g_bytes_unref);
      self->result->cam_data = g_bytes_ref (info.cam_data);
      g_clear_pointer (&self->result->cam_ca_ic, g_bytes_unref);
      if (info.cam_ca_ic != NULL)
        self->result->cam_ca_ic = g_bytes_ref (info.cam_ca_ic);
      g_clear_pointer (&self->result->cam_pk_map, g_bytes_unref);
      if (info.pk_map_ic != NULL)
        self->result->cam_pk_map = g_bytes_ref (info.pk_map_ic);
    }
  bp_pace_info_clear (&info);
  return select_application (self, FALSE, error);
}

static gboolean
run_bac (BpChipReading *self,
         GError **error)
{
  BpSm *sm;

  if (self->mrz_information == NULL)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY,
                   _ ("This chip needs the MRZ to be opened (Basic Access Control); the card "
                      "access number alone is not enough. Scan the MRZ."));
      return FALSE;
    }
  sm = bp_bac_authenticate (BP_CARD (self->meter), self->mrz_information, self->cancellable, error);
  if (sm == NULL)
    return FALSE;
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->sm = sm;
  return TRUE;
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
read_card_access (BpChipReading *self,
                  GError **error)
{
  BpChipFile *file;
  const BpChipFileSpec *spec = _bp_chip_file_spec_lookup ("CardAccess");

  if (self->card_access_done)
    return TRUE;
  file = _bp_chip_result_add_file (self->result, spec->name, spec->fid, spec->sfi);
  if (!_bp_chip_reading_read_file (self, file, TRUE, error))
    return FALSE;
  if (file->status == BP_CHIP_FILE_READ)
    self->card_access = g_bytes_ref (file->data);
  self->card_access_done = TRUE;
  return TRUE;
}

/* The ICAO order of 9303-11 section 4.2: PACE when EF.CardAccess offers it;
 * after a PACE failure BAC only if the chip offers it, and the PACE error
 * is kept in the result. */
static gboolean
authenticate_first (BpChipReading *self,
                    GError **error)
{
  g_autoptr (GError) pace_error = NULL;
  g_autoptr (GError) bac_error = NULL;

  if (!read_card_access (self, error))
    return FALSE;

  if (self->card_access != NULL && bp_pace_card_access_has_pace (self->card_access))
    {
      if (run_pace (self, &pace_error))
        return TRUE;
      if (is_fatal (pace_error))
        {
          g_propagate_error (error, g_steal_pointer (&pace_error));
          return FALSE;
        }
      g_free (self->result->pace_error);
      self->result->pace_error = g_strdup (pace_error->message);

      if (self->mrz_information == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&pace_error));
          return FALSE;
        }
      /* Fail closed: BAC only where the chip offers it. */
      if (!select_application (self, TRUE, &bac_error) || !run_bac (self, &bac_error))
        {
          if (is_fatal (bac_error))
            {
              g_propagate_error (error, g_steal_pointer (&bac_error));
              return FALSE;
            }
          if (g_error_matches (bac_error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED))
            g_set_error (error, BP_CHIP_ERROR, pace_error->code,
                         _ ("PACE failed: %s The chip does not offer BAC either (%s)."),
                         pace_error->message, bac_error->message);
          else if (g_error_matches (pace_error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED) && g_error_matches (bac_error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED))
            g_propagate_error (error, g_steal_pointer (&pace_error));
          else
            g_set_error (error, BP_CHIP_ERROR, bac_error->code,
                         _ ("PACE failed: %s Then BAC failed too: %s"),
                         pace_error->message, bac_error->message);
          return FALSE;
        }
      {
        g_autofree char *reason = g_strdup_printf (_ ("PACE failed (%s); the chip also offers BAC, "
                                                      "which was used."),
                                                   pace_error->message);
        set_protocol (self, BP_CHIP_PROTOCOL_BAC, reason);
      }
      return TRUE;
    }

  if (!select_application (self, TRUE, error) || !run_bac (self, error))
    return FALSE;
  set_protocol (self, BP_CHIP_PROTOCOL_BAC,
                self->card_access == NULL
                    ? _ ("The chip does not offer PACE (no EF.CardAccess); BAC was used.")
                    : _ ("EF.CardAccess lists no PACE protocol this reader runs; BAC was used."));
  return TRUE;
}

static void
ca_failed (BpChipReading *self,
           const char *message)
{
  self->ca_unconfirmed = FALSE;
  self->result->ca_state = BP_CHIP_AUTH_FAILED;
  g_free (self->result->ca_error);
  self->result->ca_error = g_strdup (message);
}

/* Chip Authentication in the open session. Returns FALSE only for errors
 * that end the run; a failed CA is recorded, and access control runs
 * again (without CA) so the rest is still read. */
static gboolean
chip_authentication (BpChipReading *self,
                     GError **error)
{
  g_autoptr (GError) local_error = NULL;
  BpSm *sm;

  if (self->ca_key == NULL || self->sm == NULL || self->result->ca_state == BP_CHIP_AUTH_FAILED)
    return TRUE;
  /* PACE-CAM is Chip Authentication folded into PACE: the chip's CA_IC
   * is checked against DG14 once Passive Authentication has proven DG14.
   * Running Chip Authentication as well would only cost APDUs. */
  if (self->result->protocol == BP_CHIP_PROTOCOL_PACE_CAM && self->result->cam_ca_ic != NULL)
    return TRUE;
  sm = bp_chip_auth_run (self->sm, BP_CARD (self->meter), self->ca_key->key, self->ca_protocol,
                         self->ca_key_id, self->cancellable, &local_error);
  if (sm == NULL)
    {
      if (is_fatal (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ca_failed (self, local_error->message);
      return _bp_chip_reading_reauthenticate (self, NULL, error);
    }
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->sm = sm;
  self->file_selected = FALSE;
  self->ca_unconfirmed = TRUE;
  return TRUE;
}

void
_bp_chip_reading_sm_answered (BpChipReading *self)
{
  if (!self->ca_unconfirmed)
    return;
  self->ca_unconfirmed = FALSE;
  self->result->ca_state = BP_CHIP_AUTH_PASSED;
  g_clear_pointer (&self->result->ca_error, g_free);
}

/* After DG14: which Chip Authentication to run, then run it. */
static gboolean
start_chip_authentication (BpChipReading *self,
                           GBytes *dg14,
                           GError **error)
{
  g_autoptr (GError) local_error = NULL;
  const BpDg14CaInfo *info = NULL;

  g_clear_pointer (&self->dg14, bp_dg14_free);
  self->ca_key = NULL;
  self->dg14 = bp_dg14_parse (dg14, &local_error);
  if (self->dg14 == NULL)
    {
      ca_failed (self, local_error->message);
      return TRUE;
    }
  if (!bp_dg14_select (self->dg14, &info, &self->ca_key, &self->ca_protocol, &local_error))
    {
      self->ca_key = NULL;
      g_free (self->result->ca_error);
      self->result->ca_error = g_strdup (local_error->message);
      return TRUE;
    }
  self->ca_key_id = info != NULL && info->key_id != NULL ? info->key_id : self->ca_key->key_id;
  g_free (self->result->ca_protocol);
  self->result->ca_protocol = g_strdup (self->ca_protocol);
  g_clear_pointer (&self->result->ca_public_key, g_bytes_unref);
  self->result->ca_public_key = g_bytes_ref (self->ca_key->spki);
  return chip_authentication (self, error);
}

static gboolean
authenticate_again (BpChipReading *self,
                    GError **error)
{
  /* The same protocol as the first time, so a resume never changes the
   * access control silently. */
  if (self->result->protocol == BP_CHIP_PROTOCOL_BAC)
    {
      if (!select_application (self, TRUE, error) || !run_bac (self, error))
        return FALSE;
    }
  else if (!run_pace (self, error))
    return FALSE;
  /* Chip Authentication again if it ran and did not fail: the rest is
   * read under its keys. */
  return chip_authentication (self, error);
}

gboolean
_bp_chip_reading_reauthenticate (BpChipReading *self,
                                 const GError *cause,
                                 GError **error)
{
  if (self->ca_unconfirmed)
    {
      /* The first answer after Chip Authentication did not verify under
       * the new keys: the chip does not hold the key of its DG14. */
      ca_failed (self, _ ("The chip's answer after Chip Authentication did not verify with "
                          "the keys agreed: the chip does not hold the private key of its DG14."));
    }
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->file_selected = FALSE;
  if (self->reauth_budget == 0)
    {
      if (cause != NULL)
        g_set_error (error, cause->domain, cause->code,
                     _ ("%s The secure connection broke too often, so reading was stopped."),
                     cause->message);
      else
        g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_ENDED,
                     _ ("The secure connection to the chip broke too often, so reading was "
                        "stopped. Place the document flat on the reader and try again."));
      return FALSE;
    }
  self->reauth_budget--;
  self->result->reauthentications++;
  return authenticate_again (self, error);
}

static void
add_plan (BpChipReading *self,
          const BpChipFileSpec *spec)
{
  if (spec == NULL)
    return;
  for (guint i = 0; i < self->plan->len; i++)
    if (g_array_index (self->plan, const BpChipFileSpec *, i) == spec)
      return;
  g_array_append_val (self->plan, spec);
}

static gboolean
wanted (BpChipReading *self,
        const char *name)
{
  return self->only_files == NULL || g_strv_contains ((const char *const *) self->only_files, name);
}

/* The files to read after EF.COM: the data groups it lists, in number
 * order (DG3/DG4 included so they are reported), then EF.SOD. */
static void
make_plan (BpChipReading *self,
           GBytes *com)
{
  static const char *const readable[] = {
    "DG1",
    "DG2",
    "DG3",
    "DG4",
    "DG5",
    "DG7",
    "DG11",
    "DG12",
    "DG13",
    "DG14",
    "DG15",
    "DG16",
  };
  gboolean listed[G_N_ELEMENTS (readable)] = { FALSE };
  BpTlv outer;
  BpTlv list;

  if (com != NULL && bp_tlv_parse (g_bytes_get_data (com, NULL), g_bytes_get_size (com), &outer, NULL) && outer.tag == 0x60 && bp_tlv_find (&outer, 0x5C, &list, NULL))
    {
      for (gsize i = 0; i < list.length; i++)
        {
          const BpChipFileSpec *spec = _bp_chip_file_spec_by_tag (list.value[i]);

          for (guint j = 0; spec != NULL && j < G_N_ELEMENTS (readable); j++)
            if (g_str_equal (spec->name, readable[j]))
              listed[j] = TRUE;
        }
    }
  else
    {
      /* Without a usable EF.COM, try each; absent ones say so. */
      for (guint j = 0; j < G_N_ELEMENTS (readable); j++)
        listed[j] = TRUE;
    }

  /* DG14 first: Chip Authentication comes before the other data groups
   * (ICAO 9303-11 7.2, inspection order). */
  for (guint j = 0; j < G_N_ELEMENTS (readable); j++)
    if (listed[j] && wanted (self, readable[j]) && g_str_equal (readable[j], "DG14"))
      add_plan (self, _bp_chip_file_spec_lookup (readable[j]));
  for (guint j = 0; j < G_N_ELEMENTS (readable); j++)
    if (listed[j] && wanted (self, readable[j]))
      add_plan (self, _bp_chip_file_spec_lookup (readable[j]));
  add_plan (self, _bp_chip_file_spec_lookup ("SOD"));
}

static gboolean
read_all (BpChipReading *self,
          GError **error)
{
  if (!self->plan_ready)
    {
      const BpChipFileSpec *spec = _bp_chip_file_spec_lookup ("COM");
      BpChipFile *com = _bp_chip_result_add_file (self->result, spec->name, spec->fid, spec->sfi);

      if (!_bp_chip_reading_read_file (self, com, FALSE, error))
        return FALSE;
      make_plan (self, com->status == BP_CHIP_FILE_READ ? com->data : NULL);
      self->plan_ready = TRUE;
    }

  for (; self->plan_next < self->plan->len; self->plan_next++)
    {
      const BpChipFileSpec *spec = g_array_index (self->plan, const BpChipFileSpec *, self->plan_next);
      BpChipFile *file = _bp_chip_result_add_file (self->result, spec->name, spec->fid, spec->sfi);

      if (g_str_equal (spec->name, "DG3") || g_str_equal (spec->name, "DG4"))
        {
          file->status = BP_CHIP_FILE_NOT_ALLOWED;
          g_free (file->message);
          file->message = g_strdup (_ ("not read: needs Terminal Authentication"));
          continue;
        }
      if (!_bp_chip_reading_read_file (self, file, FALSE, error))
        return FALSE;
      if (g_str_equal (spec->name, "DG14") && file->status == BP_CHIP_FILE_READ)
        {
          /* DG14 counts as read before CA starts: should the document
           * leave the field during CA, the resumed run does not read it
           * again, and its re-authentication runs CA. */
          self->plan_next++;
          if (!start_chip_authentication (self, file->data, error))
            return FALSE;
          self->plan_next--;
        }
    }
  return TRUE;
}

/* Active Authentication (ICAO 9303-11 6.1): INTERNAL AUTHENTICATE with
 * a fresh 8-byte challenge, inside the secure session. Only the exchange
 * is done here; verifying the signature needs DG15 proven by Passive
 * Authentication, which is the authenticity checks' job. A chip that
 * refuses is recorded, never an error of the reading. */
static void
active_authentication (BpChipReading *self)
{
  const BpChipFile *dg15 = bp_chip_result_lookup_file (self->result, "DG15");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = NULL;
  guint8 challenge[8];
  BpApdu apdu = { 0x00, 0x88, 0x00, 0x00, challenge, sizeof challenge, 256, FALSE };
  guint16 sw;
  gsize len;
  const guint8 *data;

  if (dg15 == NULL || dg15->status != BP_CHIP_FILE_READ || self->sm == NULL || self->result->aa_response != NULL)
    return;

  if (RAND_bytes (challenge, sizeof challenge) != 1)
    return;
  response = bp_sm_transmit (self->sm, BP_CARD (self->meter), &apdu, self->cancellable, &error);
  if (response == NULL)
    {
      g_free (self->result->aa_error);
      self->result->aa_error = g_strdup (error->message);
      return;
    }
  data = g_bytes_get_data (response, &len);
  sw = len >= 2 ? (data[len - 2] << 8) | data[len - 1] : 0;
  if (sw != 0x9000 || len <= 2)
    {
      g_autofree char *meaning = bp_apdu_sw_describe (sw);

      g_free (self->result->aa_error);
      /* Translators: %s says what the chip answered, e.g. “security status not satisfied”. */
      self->result->aa_error = g_strdup_printf (_ ("The chip refused Active Authentication: %s."), meaning);
      return;
    }
  self->result->aa_challenge = g_bytes_new (challenge, sizeof challenge);
  self->result->aa_response = g_bytes_new (data, len - 2);
}

static void
bp_chip_reading_finalize (GObject *object)
{
  BpChipReading *self = BP_CHIP_READING (object);

  if (self->mrz_information != NULL)
    memset (self->mrz_information, 0, strlen (self->mrz_information));
  g_free (self->mrz_information);
  if (self->can != NULL)
    memset (self->can, 0, strlen (self->can));
  g_free (self->can);
  g_strfreev (self->only_files);
  g_clear_object (&self->result);
  g_clear_object (&self->meter);
  g_clear_pointer (&self->sm, bp_sm_unref);
  g_clear_pointer (&self->card_access, g_bytes_unref);
  g_clear_pointer (&self->plan, g_array_unref);
  g_clear_pointer (&self->partial, g_byte_array_unref);
  g_clear_pointer (&self->dg14, bp_dg14_free);

  G_OBJECT_CLASS (bp_chip_reading_parent_class)->finalize (object);
}

static void
bp_chip_reading_class_init (BpChipReadingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_chip_reading_finalize;

  /**
   * BpChipReading::progress:
   * @file: the file being read ("DG2")
   * @bytes_read: bytes of it read so far
   * @total: its size, 0 while unknown
   *
   * Emitted after each chunk.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING,
                                    G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
bp_chip_reading_init (BpChipReading *self)
{
  self->result = _bp_chip_result_new ();
  self->plan = g_array_new (FALSE, FALSE, sizeof (const BpChipFileSpec *));
  self->partial = g_byte_array_new ();
}

BpChipReading *
bp_chip_reading_new (const char *mrz_information,
                     const char *can)
{
  BpChipReading *self;

  g_return_val_if_fail (mrz_information != NULL || can != NULL, NULL);

  self = g_object_new (BP_TYPE_CHIP_READING, NULL);
  self->mrz_information = g_strdup (mrz_information);
  self->can = g_strdup (can);
  return self;
}

BpChipResult *
bp_chip_reading_get_result (BpChipReading *self)
{
  g_return_val_if_fail (BP_IS_CHIP_READING (self), NULL);
  return self->result;
}

void
bp_chip_reading_set_files (BpChipReading *self,
                           const char *const *names)
{
  g_return_if_fail (BP_IS_CHIP_READING (self));

  g_strfreev (self->only_files);
  self->only_files = g_strdupv ((char **) names);
}

void
bp_chip_reading_set_max_read (BpChipReading *self,
                              gsize max_read)
{
  g_return_if_fail (BP_IS_CHIP_READING (self));

  self->max_read = max_read;
}

BpChipResult *
bp_chip_reading_run (BpChipReading *self,
                     BpCard *card,
                     GCancellable *cancellable,
                     GError **error)
{
  gboolean ok;
  gsize max;

  g_return_val_if_fail (BP_IS_CHIP_READING (self), NULL);
  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (!self->running, NULL);

  self->running = TRUE;
  g_clear_object (&self->meter);
  self->meter = bp_chip_meter_new (card);
  self->cancellable = cancellable;
  self->reauth_budget = REAUTH_BUDGET;
  /* A new connection has no secure messaging and no selected file. */
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->file_selected = FALSE;

  /* Read sizes, largest first. A short response carries 256 bytes, and
   * secure messaging wraps a read of n bytes in about n + 30, so on a path
   * limited to short APDUs 223 bytes is the largest read whose protected
   * answer fits (with AES; 3DES would allow 231). Where the path carries
   * more, extended length comes first and 256 next; chips that refuse a
   * size (6700, 6B00, 6282) move the session down the ladder. */
  max = bp_card_get_max_transceive (card);
  self->n_ladder = 0;
  if (max >= 256 + SM_OVERHEAD)
    {
      gsize ext = MIN (max - SM_OVERHEAD, (gsize) 65536 - SM_OVERHEAD);

      if (ext > 256 && (self->max_read == 0 || self->max_read > 256))
        self->ladder[self->n_ladder++] = ext;
      self->ladder[self->n_ladder++] = 256;
    }
  self->ladder[self->n_ladder++] = 223;
  self->ladder[self->n_ladder++] = 160;
  self->chunk_step = 0;

  if (!self->authenticated_once)
    ok = authenticate_first (self, error);
  else
    ok = authenticate_again (self, error);
  if (ok)
    {
      self->authenticated_once = TRUE;
      ok = read_all (self, error);
      if (ok)
        active_authentication (self);
    }

  self->result->apdus += bp_chip_meter_get_apdus (self->meter);
  self->result->bytes_sent += bp_chip_meter_get_bytes_sent (self->meter);
  self->result->bytes_received += bp_chip_meter_get_bytes_received (self->meter);
  g_clear_object (&self->meter);
  self->cancellable = NULL;
  self->running = FALSE;

  if (!ok)
    {
      g_clear_pointer (&self->sm, bp_sm_unref);
      return NULL;
    }
  return g_object_ref (self->result);
}

static void
run_thread (GTask *task,
            gpointer source_object,
            gpointer task_data,
            GCancellable *cancellable)
{
  BpChipReading *self = source_object;
  BpCard *card = task_data;
  GError *error = NULL;
  BpChipResult *result;

  result = bp_chip_reading_run (self, card, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
bp_chip_reading_run_async (BpChipReading *self,
                           BpCard *card,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (BP_IS_CHIP_READING (self));
  g_return_if_fail (BP_IS_CARD (card));

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_chip_reading_run_async);
  g_task_set_task_data (task, g_object_ref (card), g_object_unref);
  g_task_run_in_thread (task, run_thread);
}

BpChipResult *
bp_chip_reading_run_finish (BpChipReading *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (BP_IS_CHIP_READING (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bp_chip_read_async (BpCard *card,
                    const char *mrz_information,
                    const char *can,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  g_autoptr (BpChipReading) reading = NULL;

  g_return_if_fail (BP_IS_CARD (card));
  g_return_if_fail (mrz_information != NULL || can != NULL);

  reading = bp_chip_reading_new (mrz_information, can);
  bp_chip_reading_run_async (reading, card, cancellable, callback, user_data);
}

BpChipResult *
bp_chip_read_finish (GAsyncResult *result,
                     GError **error)
{
  GObject *source;
  BpChipResult *ret;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  source = g_async_result_get_source_object (result);
  ret = bp_chip_reading_run_finish (BP_CHIP_READING (source), result, error);
  g_object_unref (source);
  return ret;
}
