/* bp-chip-inspection.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-bac.h"
#include "bp-card-monitor.h"
#include "bp-chip-analysis.h"
#include "bp-chip-error.h"
#include "bp-chip-inspection.h"
#include "bp-chip-reading.h"

struct _BpChipInspection
{
  GObject parent_instance;

  BpInspection *inspection;
  BpCardReader *reader;
  BpCardMonitor *monitor;
  BpTrustStore *trust;

  GCancellable *cancellable;
  BpChipReading *reading;
  BpCard *pending_card;
  gboolean bytes_read; /* something of this document has been read */

  BpChipState state;
  char *message;
  double fraction;
  BpChipResult *result;
  BpChipAnalysis *analysis; /* once the files are analysed */
};

G_DEFINE_FINAL_TYPE (BpChipInspection, bp_chip_inspection, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_FRACTION,
  PROP_RESULT,
  PROP_FACE,
  PROP_CHIP_MRZ,
  PROP_AUTHENTICITY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
set_state (BpChipInspection *self,
           BpChipState state,
           const char *message)
{
  g_debug ("chip state %d: %s", state, message ? message : "");
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
set_fraction (BpChipInspection *self,
              double fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
put_check (BpChipInspection *self,
           const char *id,
           const char *title,
           BpVerdict verdict,
           const char *message)
{
  g_autoptr (BpCheck) check = bp_check_new (id, title, verdict, message);

  if (bp_inspection_get_mrz (self->inspection) != NULL)
    bp_inspection_put_check (self->inspection, check);
}

static void
analyse_done_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (BpChipInspection) self = user_data;
  g_autoptr (BpChipAnalysis) analysis = bp_chip_analysis_new_finish (result, NULL);
  GPtrArray *checks;

  if (analysis == NULL)
    return; /* cancelled: a new traveller */

  checks = bp_chip_analysis_get_checks (analysis);
  if (bp_inspection_get_mrz (self->inspection) != NULL)
    for (guint i = 0; i < checks->len; i++)
      bp_inspection_put_check (self->inspection, g_ptr_array_index (checks, i));

  g_set_object (&self->analysis, analysis);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHIP_MRZ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHENTICITY]);
  set_fraction (self, 1.0);
  set_state (self, BP_CHIP_STATE_DONE, _ ("The chip has been read."));
}

static void
report_read (BpChipInspection *self)
{
  const char *title = _ ("Chip");
  const char *pace_error = bp_chip_result_get_pace_error (self->result);
  GPtrArray *files = bp_chip_result_get_files (self->result);
  g_autofree char *message = NULL;
  guint n_read = 0;

  for (guint i = 0; i < files->len; i++)
    if (((BpChipFile *) g_ptr_array_index (files, i))->status == BP_CHIP_FILE_READ)
      n_read++;

  if (pace_error != NULL)
    {
      /* PACE failed and the chip also offers BAC: the read is reported as
       * BAC, with the PACE failure, never silently. */
      message = g_strdup_printf (_ ("Read with %s after PACE failed: %s"),
                                 bp_chip_protocol_to_string (bp_chip_result_get_protocol (self->result)),
                                 pace_error);
      put_check (self, "chip", title, BP_VERDICT_WARNING, message);
      return;
    }

  /* Translators: %s is the access protocol (“PACE”, “BAC”), %u a count of files. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read with %s: %u file.", "Read with %s: %u files.", n_read),
                             bp_chip_protocol_to_string (bp_chip_result_get_protocol (self->result)), n_read);
  put_check (self, "chip", title, BP_VERDICT_PASSED, message);
}

static void begin_read (BpChipInspection *self,
                        BpCard *card);

static void
read_done_cb (GObject *object,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (BpChipInspection) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) chip = NULL;

  chip = bp_chip_reading_run_finish (BP_CHIP_READING (object), result, &error);
  if (chip == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED)
          || g_error_matches (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED)
          || g_error_matches (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD))
        {
          BpCard *card = self->monitor ? bp_card_monitor_get_card (self->monitor) : NULL;

          /* Nothing read yet: the card on the reader was the previous
           * traveller's, and this document was never put there. */
          if (!self->bytes_read)
            set_state (self, BP_CHIP_STATE_WAITING, _ ("Reading starts by itself when the document is on the reader. Documents without a chip can go on without it."));
          else
            set_state (self, BP_CHIP_STATE_REMOVED,
                       _ ("The document was taken off the reader. Put it back: reading continues "
                          "where it stopped."));
          /* Put back already, before this answer arrived. */
          if (card != NULL && card != BP_CARD (self->pending_card))
            begin_read (self, card);
          return;
        }

      set_state (self, BP_CHIP_STATE_FAILED, error->message);
      put_check (self, "chip", _ ("Chip"), BP_VERDICT_FAILED, error->message);
      return;
    }

  g_set_object (&self->result, chip);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  report_read (self);
  set_state (self, BP_CHIP_STATE_READING, _ ("Checking the chip’s data…"));

  bp_chip_analysis_new_async (chip, bp_inspection_get_mrz (self->inspection), self->trust, self->cancellable,
                              analyse_done_cb, g_object_ref (self));
}

static void
progress_cb (BpChipReading *reading,
             const char *file,
             guint64 bytes_read,
             guint64 total,
             gpointer user_data)
{
  BpChipInspection *self = user_data;
  g_autofree char *message = NULL;

  if (self->state != BP_CHIP_STATE_READING)
    return;

  if (bytes_read > 0)
    self->bytes_read = TRUE;
  if (total > 0)
    {
      /* Translators: %s is a chip file name such as “DG2”; then kilobytes read and in all. */
      message = g_strdup_printf (_ ("Reading %s: %lu of %lu KB"),
                                 file, (unsigned long) ((bytes_read + 1023) / 1024),
                                 (unsigned long) ((total + 1023) / 1024));
      /* The face (DG2) is most of the bytes; the bar shows that file. */
      set_fraction (self, MIN (0.99, (double) bytes_read / (double) total));
    }
  else
    /* Translators: %s is a chip file name such as “DG1”. */
    message = g_strdup_printf (_ ("Reading %s…"), file);

  set_state (self, BP_CHIP_STATE_READING, message);
}

static void
begin_read (BpChipInspection *self,
            BpCard *card)
{
  g_set_object (&self->pending_card, card);
  set_state (self, BP_CHIP_STATE_READING, _ ("Opening the chip…"));
  bp_chip_reading_run_async (self->reading, card, self->cancellable, read_done_cb,
                             g_object_ref (self));
}

static void
card_inserted_cb (BpCardMonitor *monitor,
                  BpCard *card,
                  gpointer user_data)
{
  BpChipInspection *self = user_data;

  g_debug ("card inserted %p in state %d", card, self->state);
  if (self->reading != NULL
      && (self->state == BP_CHIP_STATE_WAITING || self->state == BP_CHIP_STATE_REMOVED))
    begin_read (self, card);
}

static void
reader_error_cb (BpCardMonitor *monitor,
                 const GError *error,
                 gpointer user_data)
{
  BpChipInspection *self = user_data;

  if (self->state == BP_CHIP_STATE_WAITING)
    set_state (self, BP_CHIP_STATE_WAITING, error->message);
}

static void
clear_results (BpChipInspection *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->reading);
  g_clear_object (&self->pending_card);
  g_clear_object (&self->result);
  g_clear_object (&self->analysis);
  self->fraction = 0;
  self->bytes_read = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHIP_MRZ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHENTICITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
bp_chip_inspection_dispose (GObject *object)
{
  BpChipInspection *self = (BpChipInspection *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      bp_card_monitor_stop (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->reader);
  g_clear_object (&self->trust);
  g_clear_object (&self->reading);
  g_clear_object (&self->pending_card);
  g_clear_object (&self->result);
  g_clear_object (&self->analysis);
  g_clear_object (&self->inspection);

  G_OBJECT_CLASS (bp_chip_inspection_parent_class)->dispose (object);
}

static void
bp_chip_inspection_finalize (GObject *object)
{
  BpChipInspection *self = (BpChipInspection *) object;

  g_clear_object (&self->cancellable);
  g_free (self->message);

  G_OBJECT_CLASS (bp_chip_inspection_parent_class)->finalize (object);
}

static void
bp_chip_inspection_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  BpChipInspection *self = BP_CHIP_INSPECTION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    case PROP_FACE:
      g_value_set_boxed (value, bp_chip_inspection_get_face (self));
      break;
    case PROP_CHIP_MRZ:
      g_value_set_string (value, bp_chip_inspection_get_chip_mrz (self));
      break;
    case PROP_AUTHENTICITY:
      g_value_set_object (value, bp_chip_inspection_get_authenticity (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_chip_inspection_class_init (BpChipInspectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_chip_inspection_dispose;
  object_class->finalize = bp_chip_inspection_finalize;
  object_class->get_property = bp_chip_inspection_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BP_TYPE_CHIP_STATE,
                                              BP_CHIP_STATE_IDLE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] = g_param_spec_object ("result", NULL, NULL, BP_TYPE_CHIP_RESULT,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE] = g_param_spec_boxed ("face", NULL, NULL, BP_TYPE_FACE_IMAGE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHIP_MRZ] = g_param_spec_string ("chip-mrz", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHENTICITY] = g_param_spec_object ("authenticity", NULL, NULL, BP_TYPE_PA_RESULT,
                                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_chip_inspection_init (BpChipInspection *self)
{
  self->cancellable = g_cancellable_new ();
}

GType
bp_chip_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BP_CHIP_STATE_IDLE, "BP_CHIP_STATE_IDLE", "idle" },
        { BP_CHIP_STATE_NO_READER, "BP_CHIP_STATE_NO_READER", "no-reader" },
        { BP_CHIP_STATE_WAITING, "BP_CHIP_STATE_WAITING", "waiting" },
        { BP_CHIP_STATE_READING, "BP_CHIP_STATE_READING", "reading" },
        { BP_CHIP_STATE_REMOVED, "BP_CHIP_STATE_REMOVED", "removed" },
        { BP_CHIP_STATE_DONE, "BP_CHIP_STATE_DONE", "done" },
        { BP_CHIP_STATE_FAILED, "BP_CHIP_STATE_FAILED", "failed" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("BpChipState"), values);

      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

BpChipInspection *
bp_chip_inspection_new (BpInspection *inspection)
{
  BpChipInspection *self;

  g_return_val_if_fail (BP_IS_INSPECTION (inspection), NULL);

  self = g_object_new (BP_TYPE_CHIP_INSPECTION, NULL);
  self->inspection = g_object_ref (inspection);
  return self;
}

void
bp_chip_inspection_set_reader (BpChipInspection *self,
                               BpCardReader *reader)
{
  g_return_if_fail (BP_IS_CHIP_INSPECTION (self));
  g_return_if_fail (reader == NULL || BP_IS_CARD_READER (reader));

  if (self->reader == reader)
    return;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      bp_card_monitor_stop (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_set_object (&self->reader, reader);

  if (reader != NULL)
    {
      self->monitor = bp_card_monitor_new (reader);
      g_signal_connect (self->monitor, "card-inserted", G_CALLBACK (card_inserted_cb), self);
      g_signal_connect (self->monitor, "reader-error", G_CALLBACK (reader_error_cb), self);
      bp_card_monitor_start (self->monitor);
    }
}

void
bp_chip_inspection_set_trust_store (BpChipInspection *self,
                                    BpTrustStore *trust)
{
  g_return_if_fail (BP_IS_CHIP_INSPECTION (self));

  g_set_object (&self->trust, trust);
}

void
bp_chip_inspection_start (BpChipInspection *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  BpMrz *mrz;
  BpCard *card;

  g_return_if_fail (BP_IS_CHIP_INSPECTION (self));

  clear_results (self);
  mrz = bp_inspection_get_mrz (self->inspection);
  if (mrz == NULL)
    {
      set_state (self, BP_CHIP_STATE_IDLE, NULL);
      return;
    }

  if (self->reader == NULL)
    {
      set_state (self, BP_CHIP_STATE_NO_READER,
                 _ ("The document’s chip cannot be read at this booth. Examine the printed "
                    "security features by hand."));
      return;
    }

  key = bp_bac_mrz_information_from_mrz (mrz, &error);
  if (key == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("The chip cannot be opened: %s"), error->message);

      set_state (self, BP_CHIP_STATE_FAILED, message);
      put_check (self, "chip", _ ("Chip"), BP_VERDICT_FAILED, message);
      return;
    }

  self->reading = bp_chip_reading_new (key, NULL);
  g_signal_connect_object (self->reading, "progress", G_CALLBACK (progress_cb), self, 0);

  card = bp_card_monitor_get_card (self->monitor);
  if (card != NULL)
    begin_read (self, card);
  else
    set_state (self, BP_CHIP_STATE_WAITING, _ ("Reading starts by itself when the document is on the reader. Documents without a chip can go on without it."));
}

void
bp_chip_inspection_reset (BpChipInspection *self)
{
  g_return_if_fail (BP_IS_CHIP_INSPECTION (self));

  clear_results (self);
  set_state (self, BP_CHIP_STATE_IDLE, NULL);
}

BpChipState
bp_chip_inspection_get_state (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), BP_CHIP_STATE_IDLE);
  return self->state;
}

const char *
bp_chip_inspection_get_message (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->message;
}

double
bp_chip_inspection_get_fraction (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), 0);
  return self->fraction;
}

BpChipResult *
bp_chip_inspection_get_result (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->result;
}

BpFaceImage *
bp_chip_inspection_get_face (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->analysis ? bp_chip_analysis_get_face (self->analysis) : NULL;
}

const char *
bp_chip_inspection_get_chip_mrz (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->analysis ? bp_chip_analysis_get_chip_mrz (self->analysis) : NULL;
}

BpLdsDg11 *
bp_chip_inspection_get_dg11 (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->analysis ? bp_chip_analysis_get_dg11 (self->analysis) : NULL;
}

BpPaResult *
bp_chip_inspection_get_authenticity (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->analysis ? bp_chip_analysis_get_authenticity (self->analysis) : NULL;
}

/**
 * bp_chip_inspection_get_analysis:
 *
 * Returns: (transfer none) (nullable): what the chip's files prove, once
 *   read and analysed
 */
BpChipAnalysis *
bp_chip_inspection_get_analysis (BpChipInspection *self)
{
  g_return_val_if_fail (BP_IS_CHIP_INSPECTION (self), NULL);
  return self->analysis;
}
