/* bp-crossing.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-crossing"

#include "config.h"

#include "bp-crossing-private.h"
#include "bp-uuid.h"

struct _BpCrossing
{
  GObject parent_instance;

  char *uuid;
  gint64 sequence;
  char *boot_id;
  GDateTime *recorded_at;
  char *booth_id;
  char *officer_id;
  BpDirection direction;

  char *mrz;
  char *document_format;
  char *document_code;
  char *issuing_state;
  char *document_number;
  char *nationality;
  char *primary_identifier;
  char *secondary_identifier;
  char *birth_date;
  char *sex;
  char *expiry_date;

  char *checks_json;
  BpDecision decision;
  char **reasons;
  char *note;
  GBytes *photo;
  char *supersedes;
};

G_DEFINE_FINAL_TYPE (BpCrossing, bp_crossing, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BpDecision, bp_decision, G_DEFINE_ENUM_VALUE (BP_DECISION_NONE, "none"), G_DEFINE_ENUM_VALUE (BP_DECISION_ADMIT, "admit"), G_DEFINE_ENUM_VALUE (BP_DECISION_REFER, "refer"), G_DEFINE_ENUM_VALUE (BP_DECISION_REFUSE, "refuse"))

G_DEFINE_ENUM_TYPE (BpDirection, bp_direction, G_DEFINE_ENUM_VALUE (BP_DIRECTION_ENTRY, "entry"), G_DEFINE_ENUM_VALUE (BP_DIRECTION_EXIT, "exit"))

enum
{
  PROP_0,
  PROP_UUID,
  PROP_SEQUENCE,
  PROP_BOOT_ID,
  PROP_RECORDED_AT,
  PROP_BOOTH_ID,
  PROP_OFFICER_ID,
  PROP_DIRECTION,
  PROP_MRZ,
  PROP_DOCUMENT_FORMAT,
  PROP_DOCUMENT_CODE,
  PROP_ISSUING_STATE,
  PROP_DOCUMENT_NUMBER,
  PROP_NATIONALITY,
  PROP_PRIMARY_IDENTIFIER,
  PROP_SECONDARY_IDENTIFIER,
  PROP_BIRTH_DATE,
  PROP_SEX,
  PROP_EXPIRY_DATE,
  PROP_CHECKS_JSON,
  PROP_DECISION,
  PROP_REASONS,
  PROP_NOTE,
  PROP_PHOTO,
  PROP_SUPERSEDES,
  PROP_DISPLAY_NAME,
  PROP_DECISION_LABEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Where each plain string property lives, so that one setter serves all. */
static const struct
{
  guint prop_id;
  const char *name;
  const char *nick;
  goffset offset;
} string_props[] = {
  { PROP_BOOTH_ID, "booth-id", "Booth", G_STRUCT_OFFSET (BpCrossing, booth_id) },
  { PROP_OFFICER_ID, "officer-id", "Officer", G_STRUCT_OFFSET (BpCrossing, officer_id) },
  { PROP_MRZ, "mrz", "MRZ", G_STRUCT_OFFSET (BpCrossing, mrz) },
  { PROP_DOCUMENT_FORMAT, "document-format", "Document format", G_STRUCT_OFFSET (BpCrossing, document_format) },
  { PROP_DOCUMENT_CODE, "document-code", "Document code", G_STRUCT_OFFSET (BpCrossing, document_code) },
  { PROP_ISSUING_STATE, "issuing-state", "Issuing state", G_STRUCT_OFFSET (BpCrossing, issuing_state) },
  { PROP_DOCUMENT_NUMBER, "document-number", "Document number", G_STRUCT_OFFSET (BpCrossing, document_number) },
  { PROP_NATIONALITY, "nationality", "Nationality", G_STRUCT_OFFSET (BpCrossing, nationality) },
  { PROP_PRIMARY_IDENTIFIER, "primary-identifier", "Primary identifier", G_STRUCT_OFFSET (BpCrossing, primary_identifier) },
  { PROP_SECONDARY_IDENTIFIER, "secondary-identifier", "Secondary identifier", G_STRUCT_OFFSET (BpCrossing, secondary_identifier) },
  { PROP_BIRTH_DATE, "birth-date", "Birth date", G_STRUCT_OFFSET (BpCrossing, birth_date) },
  { PROP_SEX, "sex", "Sex", G_STRUCT_OFFSET (BpCrossing, sex) },
  { PROP_EXPIRY_DATE, "expiry-date", "Expiry date", G_STRUCT_OFFSET (BpCrossing, expiry_date) },
  { PROP_NOTE, "note", "Note", G_STRUCT_OFFSET (BpCrossing, note) },
  { PROP_SUPERSEDES, "supersedes", "Supersedes", G_STRUCT_OFFSET (BpCrossing, supersedes) },
};

static char **
string_field (BpCrossing *self,
              guint prop_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      if (string_props[i].prop_id == prop_id)
        return G_STRUCT_MEMBER_P (self, string_props[i].offset);
    }

  g_assert_not_reached ();
}

/* Empty strings are stored as NULL so that "not read" has one spelling,
 * in memory as in the database. */
static void
set_string (BpCrossing *self,
            guint prop_id,
            const char *value)
{
  char **field = string_field (self, prop_id);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  if (prop_id == PROP_PRIMARY_IDENTIFIER || prop_id == PROP_SECONDARY_IDENTIFIER)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

static void
bp_crossing_finalize (GObject *object)
{
  BpCrossing *self = (BpCrossing *) object;

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    g_free (*string_field (self, string_props[i].prop_id));

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->boot_id, g_free);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->checks_json, g_free);
  g_clear_pointer (&self->reasons, g_strfreev);
  g_clear_pointer (&self->photo, g_bytes_unref);

  G_OBJECT_CLASS (bp_crossing_parent_class)->finalize (object);
}

static void
bp_crossing_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  BpCrossing *self = BP_CROSSING (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_SEQUENCE:
      g_value_set_int64 (value, self->sequence);
      break;

    case PROP_BOOT_ID:
      g_value_set_string (value, self->boot_id);
      break;

    case PROP_RECORDED_AT:
      g_value_set_boxed (value, self->recorded_at);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    case PROP_CHECKS_JSON:
      g_value_set_string (value, self->checks_json);
      break;

    case PROP_DECISION:
      g_value_set_enum (value, self->decision);
      break;

    case PROP_REASONS:
      g_value_set_boxed (value, self->reasons);
      break;

    case PROP_PHOTO:
      g_value_set_boxed (value, self->photo);
      break;

    case PROP_DISPLAY_NAME:
      g_value_take_string (value, bp_crossing_dup_display_name (self));
      break;

    case PROP_DECISION_LABEL:
      g_value_set_string (value, bp_decision_get_label (self->decision));
      break;

    case PROP_BOOTH_ID:
    case PROP_OFFICER_ID:
    case PROP_MRZ:
    case PROP_DOCUMENT_FORMAT:
    case PROP_DOCUMENT_CODE:
    case PROP_ISSUING_STATE:
    case PROP_DOCUMENT_NUMBER:
    case PROP_NATIONALITY:
    case PROP_PRIMARY_IDENTIFIER:
    case PROP_SECONDARY_IDENTIFIER:
    case PROP_BIRTH_DATE:
    case PROP_SEX:
    case PROP_EXPIRY_DATE:
    case PROP_NOTE:
    case PROP_SUPERSEDES:
      g_value_set_string (value, *string_field (self, prop_id));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_crossing_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  BpCrossing *self = BP_CROSSING (object);

  switch (prop_id)
    {
    case PROP_RECORDED_AT:
      bp_crossing_set_recorded_at (self, g_value_get_boxed (value));
      break;

    case PROP_DIRECTION:
      bp_crossing_set_direction (self, g_value_get_enum (value));
      break;

    case PROP_CHECKS_JSON:
      bp_crossing_set_checks_json (self, g_value_get_string (value));
      break;

    case PROP_DECISION:
      bp_crossing_set_decision (self, g_value_get_enum (value));
      break;

    case PROP_REASONS:
      bp_crossing_set_reasons (self, g_value_get_boxed (value));
      break;

    case PROP_PHOTO:
      bp_crossing_set_photo (self, g_value_get_boxed (value));
      break;

    case PROP_BOOTH_ID:
    case PROP_OFFICER_ID:
    case PROP_MRZ:
    case PROP_DOCUMENT_FORMAT:
    case PROP_DOCUMENT_CODE:
    case PROP_ISSUING_STATE:
    case PROP_DOCUMENT_NUMBER:
    case PROP_NATIONALITY:
    case PROP_PRIMARY_IDENTIFIER:
    case PROP_SECONDARY_IDENTIFIER:
    case PROP_BIRTH_DATE:
    case PROP_SEX:
    case PROP_EXPIRY_DATE:
    case PROP_NOTE:
    case PROP_SUPERSEDES:
      set_string (self, prop_id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_crossing_class_init (BpCrossingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bp_crossing_finalize;
  object_class->get_property = bp_crossing_get_property;
  object_class->set_property = bp_crossing_set_property;

  /* The identity is read-only: it is made with the crossing and then
   * assigned by the store, and a crossing that could be renamed would
   * break the "never changed once stored" promise sync relies on. */
  properties[PROP_UUID] = g_param_spec_string ("uuid", "UUID", "UUIDv7 of the crossing", NULL, ro);

  properties[PROP_SEQUENCE] = g_param_spec_int64 ("sequence", "Sequence", "Position in the booth's store, 0 until saved",
                                                  0, G_MAXINT64, 0, ro);

  properties[PROP_BOOT_ID] = g_param_spec_string ("boot-id", "Boot id", "Boot of the machine that recorded it", NULL, ro);

  properties[PROP_RECORDED_AT] = g_param_spec_boxed ("recorded-at", "Recorded at", "UTC time of the crossing",
                                                     G_TYPE_DATE_TIME, rw);

  properties[PROP_DIRECTION] = g_param_spec_enum ("direction", "Direction", "Entry or exit",
                                                  BP_TYPE_DIRECTION, BP_DIRECTION_ENTRY, rw);

  properties[PROP_CHECKS_JSON] = g_param_spec_string ("checks-json", "Checks", "Check results as a JSON array", "[]", rw);

  properties[PROP_DECISION] = g_param_spec_enum ("decision", "Decision", "The officer's decision",
                                                 BP_TYPE_DECISION, BP_DECISION_NONE, rw);

  properties[PROP_REASONS] = g_param_spec_boxed ("reasons", "Reasons", "Reason codes of the decision",
                                                 G_TYPE_STRV, rw);

  properties[PROP_PHOTO] = g_param_spec_boxed ("photo", "Photo", "JPEG taken at the booth",
                                               G_TYPE_BYTES, rw);

  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", "Display name", "Family name, given names", NULL, ro);

  properties[PROP_DECISION_LABEL] = g_param_spec_string ("decision-label", "Decision label", "The decision in words", NULL, ro);

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    properties[string_props[i].prop_id] = g_param_spec_string (string_props[i].name, string_props[i].nick, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_crossing_init (BpCrossing *self)
{
  self->uuid = bp_uuid_v7_new ();
  self->boot_id = g_strdup (bp_uuid_get_boot_id ());
  self->recorded_at = g_date_time_new_now_utc ();
  self->direction = BP_DIRECTION_ENTRY;
  self->checks_json = g_strdup ("[]");
  self->decision = BP_DECISION_NONE;
  self->reasons = g_new0 (char *, 1);
}

/**
 * bp_crossing_new:
 *
 * Creates a crossing with a fresh UUIDv7, the current boot and the
 * current UTC time.
 *
 * Returns: (transfer full): a new #BpCrossing
 */
BpCrossing *
bp_crossing_new (void)
{
  return g_object_new (BP_TYPE_CROSSING, NULL);
}

const char *
bp_crossing_get_uuid (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->uuid;
}

GDateTime *
bp_crossing_get_recorded_at (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->recorded_at;
}

void
bp_crossing_set_recorded_at (BpCrossing *self,
                             GDateTime *recorded_at)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (recorded_at != NULL);

  if (g_date_time_equal (self->recorded_at, recorded_at))
    return;

  /* Kept in UTC so that the stored text and the JSON never depend on the
   * booth's time zone. */
  utc = g_date_time_to_utc (recorded_at);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  self->recorded_at = g_steal_pointer (&utc);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDED_AT]);
}

gint64
bp_crossing_get_sequence (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), 0);

  return self->sequence;
}

const char *
bp_crossing_get_boot_id (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->boot_id;
}

const char *
bp_crossing_get_booth_id (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->booth_id;
}

void
bp_crossing_set_booth_id (BpCrossing *self,
                          const char *booth_id)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  set_string (self, PROP_BOOTH_ID, booth_id);
}

const char *
bp_crossing_get_officer_id (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->officer_id;
}

void
bp_crossing_set_officer_id (BpCrossing *self,
                            const char *officer_id)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  set_string (self, PROP_OFFICER_ID, officer_id);
}

BpDirection
bp_crossing_get_direction (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), BP_DIRECTION_ENTRY);

  return self->direction;
}

void
bp_crossing_set_direction (BpCrossing *self,
                           BpDirection direction)
{
  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (direction == BP_DIRECTION_ENTRY || direction == BP_DIRECTION_EXIT);

  if (self->direction == direction)
    return;

  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

/**
 * bp_crossing_set_from_mrz:
 * @self: a #BpCrossing
 * @mrz: a parsed zone
 *
 * Copies the document fields of @mrz. The zone itself is kept as its
 * lines joined by newlines, as repaired by the parser.
 */
void
bp_crossing_set_from_mrz (BpCrossing *self,
                          const BpMrz *mrz)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (mrz != NULL);

  if (mrz->n_lines > 0 && mrz->n_lines <= G_N_ELEMENTS (mrz->lines))
    {
      const char *lines[G_N_ELEMENTS (mrz->lines) + 1] = {
        NULL,
      };

      for (guint i = 0; i < mrz->n_lines; i++)
        lines[i] = mrz->lines[i] ? mrz->lines[i] : "";
      text = g_strjoinv ("\n", (char **) lines);
    }

  _bp_crossing_set_document (self,
                             text,
                             _bp_crossing_format_name (mrz->format),
                             mrz->document_code,
                             mrz->issuing_state,
                             mrz->document_number,
                             mrz->nationality,
                             mrz->primary_identifier,
                             mrz->secondary_identifier,
                             mrz->birth_date,
                             mrz->sex,
                             mrz->expiry_date);
}

void
_bp_crossing_set_document (BpCrossing *self,
                           const char *mrz,
                           const char *document_format,
                           const char *document_code,
                           const char *issuing_state,
                           const char *document_number,
                           const char *nationality,
                           const char *primary_identifier,
                           const char *secondary_identifier,
                           const char *birth_date,
                           const char *sex,
                           const char *expiry_date)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  /* One batch of notifications, so that bound rows redraw once. */
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, PROP_MRZ, mrz);
  set_string (self, PROP_DOCUMENT_FORMAT, document_format);
  set_string (self, PROP_DOCUMENT_CODE, document_code);
  set_string (self, PROP_ISSUING_STATE, issuing_state);
  set_string (self, PROP_DOCUMENT_NUMBER, document_number);
  set_string (self, PROP_NATIONALITY, nationality);
  set_string (self, PROP_PRIMARY_IDENTIFIER, primary_identifier);
  set_string (self, PROP_SECONDARY_IDENTIFIER, secondary_identifier);
  set_string (self, PROP_BIRTH_DATE, birth_date);
  set_string (self, PROP_SEX, sex);
  set_string (self, PROP_EXPIRY_DATE, expiry_date);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
bp_crossing_get_mrz (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->mrz;
}

const char *
bp_crossing_get_document_format (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->document_format;
}

const char *
bp_crossing_get_document_code (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->document_code;
}

const char *
bp_crossing_get_issuing_state (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->issuing_state;
}

const char *
bp_crossing_get_document_number (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->document_number;
}

const char *
bp_crossing_get_nationality (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->nationality;
}

const char *
bp_crossing_get_primary_identifier (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->primary_identifier;
}

const char *
bp_crossing_get_secondary_identifier (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->secondary_identifier;
}

const char *
bp_crossing_get_birth_date (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->birth_date;
}

const char *
bp_crossing_get_sex (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->sex;
}

const char *
bp_crossing_get_expiry_date (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->expiry_date;
}

const char *
bp_crossing_get_checks_json (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->checks_json;
}

void
bp_crossing_set_checks_json (BpCrossing *self,
                             const char *checks_json)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  if (checks_json == NULL || checks_json[0] == '\0')
    checks_json = "[]";

  if (g_strcmp0 (self->checks_json, checks_json) == 0)
    return;

  g_free (self->checks_json);
  self->checks_json = g_strdup (checks_json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKS_JSON]);
}

BpDecision
bp_crossing_get_decision (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), BP_DECISION_NONE);

  return self->decision;
}

void
bp_crossing_set_decision (BpCrossing *self,
                          BpDecision decision)
{
  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (decision >= BP_DECISION_NONE && decision <= BP_DECISION_REFUSE);

  if (self->decision == decision)
    return;

  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION_LABEL]);
}

/**
 * bp_crossing_get_reasons:
 * @self: a #BpCrossing
 *
 * Returns: (transfer none) (array zero-terminated=1): the reason codes,
 *   never %NULL
 */
const char *const *
bp_crossing_get_reasons (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return (const char *const *) self->reasons;
}

void
bp_crossing_set_reasons (BpCrossing *self,
                         const char *const *reasons)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (BP_IS_CROSSING (self));

  if (reasons == NULL)
    reasons = none;

  if (g_strv_equal ((const char *const *) self->reasons, reasons))
    return;

  g_strfreev (self->reasons);
  self->reasons = g_strdupv ((char **) reasons);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASONS]);
}

const char *
bp_crossing_get_note (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->note;
}

void
bp_crossing_set_note (BpCrossing *self,
                      const char *note)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  set_string (self, PROP_NOTE, note);
}

/**
 * bp_crossing_get_photo:
 * @self: a #BpCrossing
 *
 * Returns: (transfer none) (nullable): the JPEG taken at the booth
 */
GBytes *
bp_crossing_get_photo (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->photo;
}

void
bp_crossing_set_photo (BpCrossing *self,
                       GBytes *jpeg)
{
  g_return_if_fail (BP_IS_CROSSING (self));

  if (jpeg != NULL && g_bytes_get_size (jpeg) == 0)
    jpeg = NULL;

  if (self->photo == jpeg)
    return;

  if (self->photo != NULL && jpeg != NULL && g_bytes_equal (self->photo, jpeg))
    return;

  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = jpeg ? g_bytes_ref (jpeg) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

const char *
bp_crossing_get_supersedes (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  return self->supersedes;
}

void
bp_crossing_set_supersedes (BpCrossing *self,
                            const char *uuid)
{
  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (uuid == NULL || uuid[0] == '\0' || bp_uuid_is_valid (uuid));

  set_string (self, PROP_SUPERSEDES, uuid);
}

/**
 * _bp_crossing_set_identity:
 * @self: a #BpCrossing
 * @uuid: the stored UUID
 * @sequence: the position assigned by the store
 * @boot_id: the boot it was recorded in
 *
 * Sets the fields that only the store knows. For the store only.
 */
void
_bp_crossing_set_identity (BpCrossing *self,
                           const char *uuid,
                           gint64 sequence,
                           const char *boot_id)
{
  g_return_if_fail (BP_IS_CROSSING (self));
  g_return_if_fail (bp_uuid_is_valid (uuid));
  g_return_if_fail (sequence >= 0);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->uuid, uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }

  if (self->sequence != sequence)
    {
      self->sequence = sequence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEQUENCE]);
    }

  if (boot_id != NULL && g_strcmp0 (self->boot_id, boot_id) != 0)
    {
      g_free (self->boot_id);
      self->boot_id = g_strdup (boot_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOT_ID]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

BpCrossing *
_bp_crossing_copy (BpCrossing *self)
{
  BpCrossing *copy;

  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  copy = g_object_new (BP_TYPE_CROSSING, NULL);

  g_free (copy->uuid);
  copy->uuid = g_strdup (self->uuid);
  copy->sequence = self->sequence;
  g_free (copy->boot_id);
  copy->boot_id = g_strdup (self->boot_id);
  g_date_time_unref (copy->recorded_at);
  copy->recorded_at = g_date_time_ref (self->recorded_at);
  copy->direction = self->direction;

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    *string_field (copy, string_props[i].prop_id) = g_strdup (*string_field (self, string_props[i].prop_id));

  g_free (copy->checks_json);
  copy->checks_json = g_strdup (self->checks_json);
  copy->decision = self->decision;
  g_strfreev (copy->reasons);
  copy->reasons = g_strdupv (self->reasons);
  copy->photo = self->photo ? g_bytes_ref (self->photo) : NULL;

  return copy;
}

char *
_bp_crossing_dup_photo_sha256 (BpCrossing *self)
{
  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  if (self->photo == NULL)
    return NULL;

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->photo);
}
