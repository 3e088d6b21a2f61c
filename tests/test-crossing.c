/* test-crossing.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bp-crossing-private.h"
#include "bp-uuid.h"

#include "crossing-fixtures.h"

static guint notify_count;

static void
count_notify_cb (GObject *object,
                 GParamSpec *pspec,
                 gpointer user_data)
{
  notify_count++;
}

static void
test_crossing_new (void)
{
  g_autoptr (BpCrossing) crossing = bp_crossing_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *recorded_at = bp_crossing_get_recorded_at (crossing);

  g_assert_true (bp_uuid_is_valid (bp_crossing_get_uuid (crossing)));
  g_assert_cmpint (bp_crossing_get_uuid (crossing)[14], ==, '7');
  g_assert_cmpstr (bp_crossing_get_boot_id (crossing), ==, bp_uuid_get_boot_id ());
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (recorded_at), ==, 0);
  g_assert_cmpint (g_date_time_difference (now, recorded_at), <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (bp_crossing_get_decision (crossing), ==, BP_DECISION_NONE);
  g_assert_cmpstr (bp_crossing_get_checks_json (crossing), ==, "[]");
  g_assert_nonnull (bp_crossing_get_reasons (crossing));
  g_assert_null (bp_crossing_get_reasons (crossing)[0]);
  g_assert_null (bp_crossing_get_photo (crossing));

  g_assert_finalize_object (g_steal_pointer (&crossing));
}

static void
test_crossing_notify (void)
{
  g_autoptr (BpCrossing) crossing = bp_crossing_new ();
  g_autofree char *label = NULL;
  g_autofree char *display_name = NULL;

  g_signal_connect (crossing, "notify", G_CALLBACK (count_notify_cb), NULL);

  notify_count = 0;
  bp_crossing_set_note (crossing, "first");
  g_assert_cmpuint (notify_count, ==, 1);
  bp_crossing_set_note (crossing, "first");
  g_assert_cmpuint (notify_count, ==, 1);

  /* The decision label follows the decision. */
  notify_count = 0;
  bp_crossing_set_decision (crossing, BP_DECISION_REFER);
  g_assert_cmpuint (notify_count, ==, 2);
  bp_crossing_set_decision (crossing, BP_DECISION_REFER);
  g_assert_cmpuint (notify_count, ==, 2);
  g_object_get (crossing, "decision-label", &label, NULL);
  g_assert_cmpstr (label, ==, bp_decision_get_label (BP_DECISION_REFER));

  /* Setting every property through GObject, as a binding would. */
  notify_count = 0;
  g_object_set (crossing,
                "document-number", "L898902C3",
                "primary-identifier", "ERIKSSON",
                "secondary-identifier", "ANNA MARIA",
                "direction", BP_DIRECTION_EXIT,
                NULL);
  g_assert_cmpuint (notify_count, ==, 4 + 1);
  g_object_get (crossing, "display-name", &display_name, NULL);
  g_assert_cmpstr (display_name, ==, "ERIKSSON, Anna Maria");
  g_assert_cmpint (bp_crossing_get_direction (crossing), ==, BP_DIRECTION_EXIT);

  g_assert_finalize_object (g_steal_pointer (&crossing));
}

static void
test_crossing_display_name (void)
{
  static const struct
  {
    const char *primary;
    const char *secondary;
    const char *expected;
  } cases[] = {
    { "ERIKSSON", "ANNA MARIA", "ERIKSSON, Anna Maria" },
    { "DE LA CRUZ", "JEAN-PAUL", "DE LA CRUZ, Jean-Paul" },
    { "ERIKSSON", NULL, "ERIKSSON" },
    { NULL, "ANNA", "Anna" },
    { NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BpCrossing) crossing = bp_crossing_new ();
      g_autofree char *name = NULL;

      g_object_set (crossing,
                    "primary-identifier", cases[i].primary,
                    "secondary-identifier", cases[i].secondary,
                    NULL);
      name = bp_crossing_dup_display_name (crossing);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_crossing_from_mrz (void)
{
  g_autoptr (BpCrossing) crossing = bp_crossing_new ();
  BpMrz mrz = {
    0,
  };
  char line1[] = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
  char line2[] = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

  /* Only the public fields of the parser's result are used, so a zone
   * built by hand stands in for a parsed one. */
  mrz.format = BP_MRZ_FORMAT_TD3;
  mrz.n_lines = 2;
  mrz.lines[0] = line1;
  mrz.lines[1] = line2;
  mrz.document_code = (char *) "P";
  mrz.issuing_state = (char *) "UTO";
  mrz.document_number = (char *) "L898902C3";
  mrz.primary_identifier = (char *) "ERIKSSON";
  mrz.secondary_identifier = (char *) "ANNA MARIA";
  mrz.nationality = (char *) "UTO";
  mrz.birth_date = (char *) "1974-08-12";
  mrz.sex = (char *) "F";
  mrz.expiry_date = (char *) "2012-04-15";

  bp_crossing_set_from_mrz (crossing, &mrz);

  g_assert_cmpstr (bp_crossing_get_mrz (crossing), ==,
                   "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_assert_cmpstr (bp_crossing_get_document_format (crossing), ==, "TD3");
  g_assert_cmpstr (bp_crossing_get_document_code (crossing), ==, "P");
  g_assert_cmpstr (bp_crossing_get_issuing_state (crossing), ==, "UTO");
  g_assert_cmpstr (bp_crossing_get_document_number (crossing), ==, "L898902C3");
  g_assert_cmpstr (bp_crossing_get_nationality (crossing), ==, "UTO");
  g_assert_cmpstr (bp_crossing_get_primary_identifier (crossing), ==, "ERIKSSON");
  g_assert_cmpstr (bp_crossing_get_secondary_identifier (crossing), ==, "ANNA MARIA");
  g_assert_cmpstr (bp_crossing_get_birth_date (crossing), ==, "1974-08-12");
  g_assert_cmpstr (bp_crossing_get_sex (crossing), ==, "F");
  g_assert_cmpstr (bp_crossing_get_expiry_date (crossing), ==, "2012-04-15");
}

static void
test_crossing_json (void)
{
  g_autoptr (BpCrossing) crossing = make_crossing ("L898902C3", "ERIKSSON", "ANNA MARIA");
  g_autoptr (GBytes) photo = make_photo (40 * 1024);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
  static const char *const members[] = {
    "uuid",
    "sequence",
    "boot_id",
    "booth_id",
    "officer_id",
    "direction",
    "recorded_at",
    "mrz",
    "document_format",
    "document_code",
    "issuing_state",
    "document_number",
    "nationality",
    "primary_identifier",
    "secondary_identifier",
    "birth_date",
    "sex",
    "expiry_date",
    "checks",
    "decision",
    "reasons",
    "note",
    "photo",
    "supersedes",
  };
  JsonObject *object;
  JsonObject *photo_object;

  bp_crossing_set_photo (crossing, photo);
  json = bp_crossing_to_json (crossing);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_test_message ("member %s", members[i]);
      g_assert_true (json_object_has_member (object, members[i]));
    }

  g_assert_cmpstr (json_object_get_string_member (object, "uuid"), ==, bp_crossing_get_uuid (crossing));
  g_assert_cmpstr (json_object_get_string_member (object, "decision"), ==, "admit");
  g_assert_cmpstr (json_object_get_string_member (object, "direction"), ==, "entry");
  /* Translated, so never part of the data (HQ hashes it). */
  g_assert_false (json_object_has_member (object, "display_name"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$",
                                       json_object_get_string_member (object, "recorded_at"), 0, 0));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "checks")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "reasons")), ==, 2);
  g_assert_true (json_object_get_null_member (object, "sequence"));
  g_assert_true (json_object_get_null_member (object, "supersedes"));

  photo_object = json_object_get_object_member (object, "photo");
  g_assert_cmpstr (json_object_get_string_member (photo_object, "sha256"), ==, sha256);
  g_assert_cmpint (json_object_get_int_member (photo_object, "size"), ==, 40 * 1024);
  /* 40 KB of base64 would be far longer than the whole object. */
  g_assert_cmpuint (strlen (json), <, 4096);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/crossing/new", test_crossing_new);
  g_test_add_func ("/borderpost/crossing/notify", test_crossing_notify);
  g_test_add_func ("/borderpost/crossing/display-name", test_crossing_display_name);
  g_test_add_func ("/borderpost/crossing/from-mrz", test_crossing_from_mrz);
  g_test_add_func ("/borderpost/crossing/json", test_crossing_json);

  return g_test_run ();
}
