/* test-mrz.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bp-mrz.h"
#include "mrz-specimens.h"

static char *
join_lines (const char *const *lines)
{
  return g_strjoinv ("\n", (char **) lines);
}

static void
assert_no_errors (const BpMrz *mrz)
{
  for (guint i = 0; i < mrz->issues->len; i++)
    {
      const BpMrzIssue *issue = g_ptr_array_index (mrz->issues, i);

      if (issue->severity == BP_MRZ_SEVERITY_ERROR)
        g_error ("unexpected error: %s", issue->message);
    }
}

static void
test_specimen (gconstpointer data)
{
  const Specimen *s = data;
  g_autofree char *text = join_lines (s->lines);
  g_autoptr (BpMrz) mrz = parse_ok (text);
  g_autofree char *composed = NULL;
  guint n_checks = 0;

  g_assert_cmpint (mrz->format, ==, s->format);
  g_assert_cmpuint (mrz->n_lines, ==, g_strv_length ((char **) s->lines));
  for (guint i = 0; i < mrz->n_lines; i++)
    g_assert_cmpstr (mrz->lines[i], ==, s->lines[i]);

  g_assert_cmpstr (mrz->document_code, ==, s->document_code);
  g_assert_cmpstr (mrz->issuing_state, ==, s->issuing_state);
  g_assert_cmpstr (mrz->document_number, ==, s->document_number);
  g_assert_cmpstr (mrz->primary_identifier, ==, s->primary);
  g_assert_cmpstr (mrz->secondary_identifier, ==, s->secondary);
  g_assert_false (mrz->name_truncated);
  g_assert_cmpstr (mrz->nationality, ==, s->nationality);
  g_assert_cmpstr (mrz->birth_date, ==, s->birth_date);
  g_assert_cmpstr (mrz->sex, ==, s->sex);
  g_assert_cmpstr (mrz->expiry_date, ==, s->expiry_date);
  g_assert_cmpstr (mrz->optional_data, ==, s->optional_data);
  g_assert_cmpstr (mrz->optional_data_2, ==, s->optional_data_2);

  g_assert_true (mrz->valid);
  assert_no_errors (mrz);
  g_assert_cmpuint (mrz->issues->len, ==, 0);
  g_assert_cmpuint (mrz->repairs->len, ==, 0);

  for (guint i = 0; s->checks[i] != NULL; i++)
    {
      const BpMrzCheck *check = bp_mrz_find_check (mrz, s->checks[i]);

      g_assert_nonnull (check);
      g_assert_true (check->ok);
      n_checks++;
    }
  g_assert_cmpuint (mrz->checks->len, ==, n_checks);
  g_assert_null (bp_mrz_find_check (mrz, "no_such_check"));

  composed = bp_mrz_compose (mrz);
  g_assert_cmpstr (composed, ==, text);
}

/* Made with correct check digits: a TD1 document number of twelve
 * characters continues in the optional data (9303 part 5, note j). */
static void
test_td1_long_number (void)
{
  g_autoptr (BpMrz) mrz = parse_ok ("I<UTOD23145890<1233<AB12<<<<<<\n"
                                    "7408122F1204159UTOXY<<<<<<<<<3\n"
                                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  g_autoptr (BpMrz) built = bp_mrz_new (BP_MRZ_FORMAT_TD1);
  g_autofree char *composed = NULL;
  const BpMrzCheck *check;

  assert_no_errors (mrz);
  g_assert_true (mrz->valid);
  g_assert_cmpstr (mrz->document_number, ==, "D23145890123");
  g_assert_cmpstr (mrz->optional_data, ==, "AB12");
  g_assert_cmpstr (mrz->optional_data_2, ==, "XY");
  check = bp_mrz_find_check (mrz, "document_number");
  g_assert_nonnull (check);
  g_assert_cmpint (check->found, ==, '3');
  g_assert_true (check->ok);

  composed = bp_mrz_compose (mrz);
  g_assert_cmpstr (composed, ==,
                   "I<UTOD23145890<1233<AB12<<<<<<\n"
                   "7408122F1204159UTOXY<<<<<<<<<3\n"
                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");

  /* The same from fields alone. */
  built->document_code = g_strdup ("I");
  built->issuing_state = g_strdup ("UTO");
  built->document_number = g_strdup ("D23145890123");
  built->optional_data = g_strdup ("");
  built->birth_date = g_strdup ("1974-08-12");
  built->sex = g_strdup ("F");
  built->expiry_date = g_strdup ("2012-04-15");
  built->nationality = g_strdup ("UTO");
  built->primary_identifier = g_strdup ("ERIKSSON");
  built->secondary_identifier = g_strdup ("ANNA MARIA");
  g_clear_pointer (&composed, g_free);
  composed = bp_mrz_compose (built);
  g_assert_cmpstr (composed, ==,
                   "I<UTOD23145890<1233<<<<<<<<<<<\n"
                   "7408122F1204159UTO<<<<<<<<<<<2\n"
                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
}

static void
test_td1_long_number_broken (void)
{
  /* A filler as check digit with nothing to continue the number. */
  g_autoptr (BpMrz) mrz = parse_ok ("I<UTOD23145890<<<<<<<<<<<<<<<<\n"
                                    "7408122F1204159UTO<<<<<<<<<<<6\n"
                                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");

  g_assert_false (mrz->valid);
  g_assert_true (bp_mrz_field_has_error (mrz, BP_MRZ_FIELD_DOCUMENT_NUMBER));
}

static void
test_truncated_name (void)
{
  g_autoptr (BpMrz) mrz = parse_ok ("P<UTOVANDERSTEENHOVENMONTGOMERY<<ALEXANDRINA\n"
                                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autofree char *display = bp_mrz_dup_display_name (mrz);

  g_assert_true (mrz->valid);
  g_assert_true (mrz->name_truncated);
  g_assert_true (bp_mrz_field_has_warning (mrz, BP_MRZ_FIELD_NAME));
  g_assert_cmpstr (mrz->primary_identifier, ==, "VANDERSTEENHOVENMONTGOMERY");
  g_assert_cmpstr (mrz->secondary_identifier, ==, "ALEXANDRINA");
  g_assert_cmpstr (display, ==, "VANDERSTEENHOVENMONTGOMERY, ALEXANDRINA");
}

static void
test_names (void)
{
  g_autoptr (BpMrz) one = parse_ok ("P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (BpMrz) digit = parse_ok ("P<UTOERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                      "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autofree char *display = bp_mrz_dup_display_name (one);

  g_assert_true (one->valid);
  g_assert_cmpstr (one->primary_identifier, ==, "ERIKSSON");
  g_assert_cmpstr (one->secondary_identifier, ==, "");
  g_assert_cmpstr (display, ==, "ERIKSSON");

  /* Names have no check digit: a digit is an error, never repaired. */
  g_assert_false (digit->valid);
  g_assert_true (bp_mrz_field_has_error (digit, BP_MRZ_FIELD_NAME));
  g_assert_cmpuint (digit->repairs->len, ==, 0);
  g_assert_cmpstr (digit->primary_identifier, ==, "ERIKSS0N");
}

typedef struct
{
  const char *line2;
  const char *birth_date;
  gboolean valid;
  BpMrzField error_field;
} DateCase;

static void
test_dates (void)
{
  static const DateCase cases[] = {
    { "L898902C36UTO7408<<7F1204159ZE184226B<<<<<10", "1974-08", TRUE },
    { "L898902C36UTO74<<<<1F1204159ZE184226B<<<<<18", "1974", TRUE },
    { "L898902C36UTO7413128F1204159ZE184226B<<<<<10", NULL, FALSE, BP_MRZ_FIELD_BIRTH_DATE },
    { "L898902C36UTO7402304F1204159ZE184226B<<<<<16", NULL, FALSE, BP_MRZ_FIELD_BIRTH_DATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n", cases[i].line2, NULL);
      g_autoptr (BpMrz) mrz = parse_ok (text);

      g_assert_cmpstr (mrz->birth_date, ==, cases[i].birth_date);
      g_assert_cmpint (mrz->valid, ==, cases[i].valid);
      if (!cases[i].valid)
        g_assert_true (bp_mrz_field_has_error (mrz, cases[i].error_field));
      /* The check digits themselves agree. */
      g_assert_true (bp_mrz_find_check (mrz, "birth_date")->ok);
      g_assert_true (bp_mrz_find_check (mrz, "composite")->ok);
    }
}

typedef struct
{
  const char *birth;
  const char *expiry;
  const char *birth_iso;
  const char *expiry_iso;
} CenturyCase;

static void
test_centuries (void)
{
  /* Today is 2026-11-26 in these tests. */
  static const CenturyCase cases[] = {
    { "261126", "761126", "2026-11-26", "2076-11-26" },
    { "261127", "761127", "1926-11-27", "1976-11-27" },
    { "000229", "300101", "2000-02-29", "2030-01-01" },
    { "991231", "991231", "1999-12-31", "1999-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BpMrz) built = bp_mrz_new (BP_MRZ_FORMAT_TD3);
      g_autoptr (BpMrz) mrz = NULL;
      g_autofree char *text = NULL;

      built->document_code = g_strdup ("P");
      built->issuing_state = g_strdup ("UTO");
      built->nationality = g_strdup ("UTO");
      built->document_number = g_strdup ("L898902C3");
      built->primary_identifier = g_strdup ("ERIKSSON");
      built->sex = g_strdup ("F");
      built->birth_date_raw = g_strdup (cases[i].birth);
      built->expiry_date_raw = g_strdup (cases[i].expiry);
      text = bp_mrz_compose (built);
      mrz = parse_ok (text);

      g_assert_true (mrz->valid);
      g_assert_cmpstr (mrz->birth_date, ==, cases[i].birth_iso);
      g_assert_cmpstr (mrz->expiry_date, ==, cases[i].expiry_iso);
    }
}

static void
test_unknown_country (void)
{
  g_autoptr (BpMrz) mrz = parse_ok ("P<QQQERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                    "L898902C36QQQ7408122F1204159ZE184226B<<<<<10");

  g_assert_true (mrz->valid);
  g_assert_true (bp_mrz_field_has_warning (mrz, BP_MRZ_FIELD_ISSUING_STATE));
  g_assert_true (bp_mrz_field_has_warning (mrz, BP_MRZ_FIELD_NATIONALITY));
  g_assert_false (bp_mrz_field_has_error (mrz, BP_MRZ_FIELD_NATIONALITY));
  g_assert_cmpstr (mrz->issuing_state, ==, "QQQ");
}

static void
test_country_codes (void)
{
  const char *icao[] = { "D", "D<<", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "EUE",
                         "GBD", "GBN", "GBO", "GBP", "GBS", "UTO", "RKS", "GBR", "FRA", "ZWE" };

  for (guint i = 0; i < G_N_ELEMENTS (icao); i++)
    g_assert_nonnull (bp_mrz_country_name (icao[i]));

  g_assert_cmpstr (bp_mrz_country_name ("D"), ==, "Germany");
  g_assert_cmpstr (bp_mrz_country_name ("UTO"), ==, "Utopia (specimen)");
  g_assert_null (bp_mrz_country_name ("DEU")); /* Germany writes D */
  g_assert_null (bp_mrz_country_name ("ZIM"));
  g_assert_null (bp_mrz_country_name (""));
  g_assert_null (bp_mrz_country_name ("<<<"));
  g_assert_null (bp_mrz_country_name ("ABCD"));
  g_assert_null (bp_mrz_country_name (NULL));
}

/* The document named in words, with the issuer's subtype when it has one;
 * a no-break space keeps the kind with the number. */
static void
test_document_label (void)
{
  const struct
  {
    const char *code, *number, *label;
  } cases[] = {
    { "P", "L898902C3", "Passport\u00A0L898902C3" },
    { "PD", "L898902C3", "Passport\u00A0L898902C3 (PD)" },
    { "P<", "L898902C3", "Passport\u00A0L898902C3" },
    { "I", "D23145890", "Identity card\u00A0D23145890" },
    { "AC", "D23145890", "Identity card\u00A0D23145890 (AC)" },
    { "C", "D23145890", "Identity card\u00A0D23145890" },
    { "V", "L8988901C", "Visa\u00A0L8988901C" },
    { "X", "123", "X\u00A0123" },
    { NULL, "123", "—\u00A0123" },
    { "P", NULL, "Passport\u00A0—" },
    { "", "", "—\u00A0—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = bp_mrz_dup_document_label (cases[i].code, cases[i].number);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_normalisation (void)
{
  const char *inputs[] = {
    "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\nl898902c36uto7408122f1204159ze184226b<<<<<10",
    "  P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\r\n\r\n",
    "P<UTO ERIKSSON<<ANNA<MARIA <<<<<<<<<<<<<<<<<<<\n\nL898902C36 UTO7408122 F1204159 ZE184226B<<<<<10\n",
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "\tP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\rL898902C36UTO7408122F1204159ZE184226B<<<<<10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (BpMrz) mrz = parse_ok (inputs[i]);

      g_assert_true (mrz->valid);
      g_assert_cmpstr (mrz->lines[0], ==, specimens[0].lines[0]);
      g_assert_cmpstr (mrz->lines[1], ==, specimens[0].lines[1]);
    }

  {
    g_autoptr (BpMrz) td1 = parse_ok ("I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    g_autoptr (BpMrz) td2 = parse_ok ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<D231458907UTO7408122F1204159<<<<<<<6");

    g_assert_cmpint (td1->format, ==, BP_MRZ_FORMAT_TD1);
    g_assert_true (td1->valid);
    g_assert_cmpint (td2->format, ==, BP_MRZ_FORMAT_TD2);
    g_assert_true (td2->valid);
  }
}

typedef struct
{
  const char *text;
  int code;
} BadInput;

static void
test_bad_input (void)
{
  g_autofree char *long_text = g_strnfill (500, 'A');
  g_autofree char *long_lines = g_strdup_printf ("%s\n%s", long_text, long_text);
  const BadInput cases[] = {
    { "", BP_MRZ_ERROR_EMPTY },
    { "   \n\r\n\t ", BP_MRZ_ERROR_EMPTY },
    { long_text, BP_MRZ_ERROR_NOT_MRZ },
    { long_lines, BP_MRZ_ERROR_NOT_MRZ },
    { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", BP_MRZ_ERROR_INCOMPLETE },
    { "I<UTOD231458907<<<<<<<<<<<<<<<", BP_MRZ_ERROR_INCOMPLETE },
    { "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6", BP_MRZ_ERROR_INCOMPLETE },
    { "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", BP_MRZ_ERROR_INCOMPLETE },
    { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", BP_MRZ_ERROR_NOT_MRZ },
    { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\nXX", BP_MRZ_ERROR_NOT_MRZ },
    { "hello world", BP_MRZ_ERROR_NOT_MRZ },
    /* Still being typed by a keyboard wedge reader. */
    { "P<UTOERIKS", BP_MRZ_ERROR_INCOMPLETE },
    { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74", BP_MRZ_ERROR_INCOMPLETE },
    { "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<AN", BP_MRZ_ERROR_INCOMPLETE },
    { "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", BP_MRZ_ERROR_NOT_MRZ },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (BpMrz) null_mrz = bp_mrz_parse (NULL, NULL, &error);

  g_assert_null (null_mrz);
  g_assert_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_EMPTY);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BpMrz) mrz = bp_mrz_parse (cases[i].text, NULL, &error);

      g_assert_null (mrz);
      g_assert_error (error, BP_MRZ_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_clear_error (&error);
    }

  {
    /* Without a GError too. */
    g_autoptr (BpMrz) mrz = bp_mrz_parse ("nonsense", NULL, NULL);

    g_assert_null (mrz);
  }
}

static void
test_binary_input (void)
{
  g_autoptr (GDateTime) today = fixed_today ();
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  /* Random bytes of the right shape and of any shape: never a crash, and
   * every zone that comes back has valid UTF-8 JSON. */
  for (guint round = 0; round < 2000; round++)
    {
      guint len = round % 2 ? 89 : g_rand_int_range (rand, 0, 600);
      g_autofree char *text = g_malloc (len + 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (BpMrz) mrz = NULL;

      for (guint i = 0; i < len; i++)
        {
          guint8 byte = g_rand_int_range (rand, 1, 256);

          if (round % 2 && i == 44)
            byte = '\n';
          else if (round % 2 && g_rand_boolean (rand))
            byte = "ABC<<<0123456789"[g_rand_int_range (rand, 0, 16)];
          text[i] = byte;
        }
      text[len] = '\0';

      mrz = bp_mrz_parse (text, today, &error);
      if (mrz != NULL)
        {
          g_autofree char *json = bp_mrz_to_json (mrz);
          g_autofree char *composed = bp_mrz_compose (mrz);

          g_assert_true (g_utf8_validate (json, -1, NULL));
          g_assert_nonnull (composed);
          g_assert_no_error (error);
          if (round % 2 && memchr (text, '?', len) == NULL)
            g_assert_cmpint (mrz->format, !=, BP_MRZ_FORMAT_UNKNOWN);
        }
      else
        g_assert_nonnull (error);
    }

  {
    /* Bytes outside the character set are field errors naming the position. */
    g_autoptr (BpMrz) mrz = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                      "L8\xc3\xa9"
                                      "8902C36UTO7408122F1204159ZE184226B<<<<<10");

    g_assert_false (mrz->valid);
    g_assert_true (bp_mrz_field_has_error (mrz, BP_MRZ_FIELD_DOCUMENT_NUMBER));
    g_assert_true (has_issue_containing (mrz, BP_MRZ_SEVERITY_ERROR, "line 2, column 3"));
  }

  g_rand_free (rand);
}

static void
test_messages (void)
{
  g_autoptr (BpMrz) mrz = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                    "L898902C36UTO7408123F1204159ZE184226B<<<<<10");
  g_autoptr (BpMrz) sex = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                    "L898902C36UTO7408122Q1204159ZE184226B<<<<<10");

  g_assert_false (mrz->valid);
  g_assert_true (has_issue_containing (mrz, BP_MRZ_SEVERITY_ERROR, "Birth date check digit is 3, expected 2"));
  g_assert_true (has_issue_containing (mrz, BP_MRZ_SEVERITY_ERROR, "Composite check digit is 0, expected"));
  g_assert_false (bp_mrz_find_check (mrz, "birth_date")->ok);
  g_assert_cmpint (bp_mrz_find_check (mrz, "birth_date")->expected, ==, '2');
  g_assert_cmpint (bp_mrz_find_check (mrz, "birth_date")->found, ==, '3');

  g_assert_false (sex->valid);
  g_assert_true (bp_mrz_field_has_error (sex, BP_MRZ_FIELD_SEX));
}

static void
test_sex (void)
{
  const char sexes[] = "MFX<";

  for (guint i = 0; sexes[i]; i++)
    {
      g_autofree char *text = g_strdup_printf ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                               "L898902C36UTO7408122%c1204159ZE184226B<<<<<10",
                                               sexes[i]);
      g_autoptr (BpMrz) mrz = parse_ok (text);
      char expected[2] = { sexes[i], '\0' };

      g_assert_true (mrz->valid);
      g_assert_cmpstr (mrz->sex, ==, expected);
    }
}

static void
test_json (void)
{
  g_autoptr (BpMrz) mrz = parse_ok ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
                                    "74O8122F1204159UTO<<<<<<<<<<<6\n"
                                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  g_autofree char *json = bp_mrz_to_json (mrz);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *repair;
  JsonArray *repairs;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "TD1");
  g_assert_cmpstr (json_object_get_string_member (root, "document_code"), ==, "I");
  g_assert_cmpstr (json_object_get_string_member (root, "issuing_state"), ==, "UTO");
  g_assert_cmpstr (json_object_get_string_member (root, "document_number"), ==, "D23145890");
  g_assert_cmpstr (json_object_get_string_member (root, "nationality"), ==, "UTO");
  g_assert_cmpstr (json_object_get_string_member (root, "birth_date"), ==, "1974-08-12");
  g_assert_cmpstr (json_object_get_string_member (root, "sex"), ==, "F");
  g_assert_cmpstr (json_object_get_string_member (root, "expiry_date"), ==, "2012-04-15");
  g_assert_cmpstr (json_object_get_string_member (root, "primary_identifier"), ==, "ERIKSSON");
  g_assert_cmpstr (json_object_get_string_member (root, "secondary_identifier"), ==, "ANNA MARIA");
  g_assert_cmpstr (json_object_get_string_member (root, "optional_data"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (root, "optional_data_2"), ==, "");
  g_assert_true (json_object_get_boolean_member (root, "valid"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "checks"), "composite"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "checks")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "errors")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "lines")), ==, 3);

  repairs = json_object_get_array_member (root, "repairs");
  g_assert_cmpuint (json_array_get_length (repairs), ==, 1);
  repair = json_array_get_object_element (repairs, 0);
  g_assert_cmpstr (json_object_get_string_member (repair, "field"), ==, "birth_date");
  g_assert_cmpint (json_object_get_int_member (repair, "line"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (repair, "column"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (repair, "from"), ==, "O");
  g_assert_cmpstr (json_object_get_string_member (repair, "to"), ==, "0");

  {
    /* Formats without a second optional data field leave the member out. */
    g_autoptr (BpMrz) td3 = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                      "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    g_autoptr (JsonNode) node = bp_mrz_to_json_node (td3);

    g_assert_false (json_object_has_member (json_node_get_object (node), "optional_data_2"));
    g_assert_true (json_object_has_member (json_node_get_object (node), "optional_data"));
  }
}

static void
test_api (void)
{
  g_autofree char *text = g_strjoinv ("\n", (char **) specimens[0].lines);
  g_autoptr (BpMrz) mrz = parse_ok (text);
  BpMrz *copy;
  g_autofree char *display = bp_mrz_dup_display_name (mrz);

  g_assert_true (G_TYPE_IS_BOXED (BP_TYPE_MRZ));
  copy = g_boxed_copy (BP_TYPE_MRZ, mrz);
  g_assert_true (copy == mrz);
  g_boxed_free (BP_TYPE_MRZ, copy);
  bp_mrz_unref (bp_mrz_ref (mrz));

  g_assert_cmpstr (display, ==, "ERIKSSON, ANNA MARIA");
  g_assert_cmpstr (bp_mrz_format_to_string (BP_MRZ_FORMAT_MRVA), ==, "MRVA");
  g_assert_cmpstr (bp_mrz_field_to_string (BP_MRZ_FIELD_OPTIONAL_DATA_2), ==, "optional_data_2");
  g_assert_cmpstr (bp_mrz_field_get_label (BP_MRZ_FIELD_DOCUMENT_NUMBER), ==, "Document number");
  for (int f = BP_MRZ_FIELD_NONE; f < BP_MRZ_N_FIELDS; f++)
    {
      g_assert_nonnull (bp_mrz_field_get_label (f));
      g_assert_nonnull (bp_mrz_field_to_string (f));
    }

  {
    /* Composing from nothing gives fillers with agreeing check digits. */
    g_autoptr (BpMrz) empty = bp_mrz_new (BP_MRZ_FORMAT_TD3);
    g_autoptr (BpMrz) unknown = bp_mrz_new (BP_MRZ_FORMAT_UNKNOWN);
    g_autofree char *composed = bp_mrz_compose (empty);
    g_autofree char *nothing = bp_mrz_compose (unknown);

    g_assert_cmpstr (composed, ==,
                     "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                     "<<<<<<<<<0<<<<<<<<<0<<<<<<<0<<<<<<<<<<<<<<<0");
    g_assert_null (nothing);
  }

  g_assert_cmpint (bp_mrz_check_digit ("L898902C3", -1), ==, '6');
  g_assert_cmpint (bp_mrz_check_digit ("740812", 6), ==, '2');
  g_assert_cmpint (bp_mrz_check_digit ("ZE184226B<<<<<", -1), ==, '1');
  g_assert_cmpint (bp_mrz_check_digit ("<<<<", -1), ==, '0');
  g_assert_cmpint (bp_mrz_check_digit ("ab", -1), ==, '\0');
  g_assert_cmpint (bp_mrz_check_digit (NULL, -1), ==, '\0');
}

/* Random fields of every format, composed, parsed and composed again. */
static char *
random_string (const char *alphabet,
               guint min,
               guint max)
{
  guint len = g_test_rand_int_range (min, max + 1);
  char *s = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    s[i] = alphabet[g_test_rand_int_range (0, strlen (alphabet))];
  s[len] = '\0';

  return s;
}

static char *
random_name_part (guint max)
{
  guint words = g_test_rand_int_range (1, 3);
  GString *s = g_string_new (NULL);

  for (guint w = 0; w < words; w++)
    {
      g_autofree char *word = random_string ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, MAX (1, max / 2 - 1));

      if (w > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, word);
    }

  return g_string_free (s, FALSE);
}

static void
test_property (void)
{
  static const struct
  {
    BpMrzFormat format;
    guint name_len, opt_len, opt2_len, number_max;
  } formats[] = {
    { BP_MRZ_FORMAT_TD1, 30, 15, 11, 20 },
    { BP_MRZ_FORMAT_TD2, 31, 7, 0, 12 },
    { BP_MRZ_FORMAT_TD3, 39, 14, 0, 9 },
    { BP_MRZ_FORMAT_MRVA, 39, 16, 0, 9 },
    { BP_MRZ_FORMAT_MRVB, 31, 8, 0, 9 },
  };
  const char *codes[] = { "UTO", "D", "GBR", "XXA", "UNO", "EUE", "FRA" };
  const char *alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autoptr (GDateTime) today = fixed_today ();

  for (guint round = 0; round < 500; round++)
    {
      guint fi = round % G_N_ELEMENTS (formats);
      g_autoptr (BpMrz) built = bp_mrz_new (formats[fi].format);
      g_autoptr (BpMrz) parsed = NULL;
      g_autoptr (BpMrz) again = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      guint number_len = g_test_rand_int_range (1, formats[fi].number_max + 1);
      guint long_room = formats[fi].number_max > 9 ? number_len - MIN (number_len, 9) + 2 : 0;
      GDate date;

      built->document_code = g_strdup (formats[fi].format >= BP_MRZ_FORMAT_MRVA ? "V" : g_test_rand_bit () ? "P"
                                                                                                           : "ID");
      if (formats[fi].format == BP_MRZ_FORMAT_TD1 || formats[fi].format == BP_MRZ_FORMAT_TD2)
        built->document_code[0] = g_test_rand_bit () ? 'I' : 'A';
      built->issuing_state = g_strdup (codes[g_test_rand_int_range (0, G_N_ELEMENTS (codes))]);
      built->nationality = g_strdup (codes[g_test_rand_int_range (0, G_N_ELEMENTS (codes))]);
      built->document_number = random_string (alnum, number_len, number_len);
      built->primary_identifier = random_name_part (formats[fi].name_len / 2);
      built->secondary_identifier = g_test_rand_bit () ? random_name_part (formats[fi].name_len / 2 - 3) : g_strdup ("");
      built->sex = g_strdup_printf ("%c", "MFX<"[g_test_rand_int_range (0, 4)]);

      g_date_clear (&date, 1);
      /* The century rule reads birth dates as the 100 years up to today. */
      g_date_set_dmy (&date, 27, 11, 1926);
      g_date_add_days (&date, g_test_rand_int_range (0, 36524));
      built->birth_date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      g_date_set_julian (&date, g_test_rand_int_range (739000, 739000 + 3650)); /* 2024..2033 */
      built->expiry_date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      built->optional_data = random_string (alnum, 0, formats[fi].opt_len > long_room ? formats[fi].opt_len - long_room : 0);
      if (formats[fi].opt2_len > 0)
        built->optional_data_2 = random_string (alnum, 0, formats[fi].opt2_len);

      first = bp_mrz_compose (built);
      parsed = bp_mrz_parse (first, today, &error);
      g_assert_no_error (error);
      assert_no_errors (parsed);
      g_assert_true (parsed->valid);
      g_assert_cmpint (parsed->format, ==, built->format);
      g_assert_cmpstr (parsed->document_code, ==, built->document_code);
      g_assert_cmpstr (parsed->issuing_state, ==, built->issuing_state);
      g_assert_cmpstr (parsed->nationality, ==, built->nationality);
      g_assert_cmpstr (parsed->document_number, ==, built->document_number);
      g_assert_cmpstr (parsed->primary_identifier, ==, built->primary_identifier);
      g_assert_cmpstr (parsed->secondary_identifier, ==, built->secondary_identifier);
      g_assert_cmpstr (parsed->sex, ==, built->sex);
      g_assert_cmpstr (parsed->birth_date, ==, built->birth_date);
      g_assert_cmpstr (parsed->expiry_date, ==, built->expiry_date);
      g_assert_cmpstr (parsed->optional_data, ==, built->optional_data);
      g_assert_cmpstr (parsed->optional_data_2, ==, built->optional_data_2);
      g_assert_cmpuint (parsed->repairs->len, ==, 0);

      second = bp_mrz_compose (parsed);
      g_assert_cmpstr (second, ==, first);
      again = bp_mrz_parse (second, today, NULL);
      g_assert_nonnull (again);
      g_assert_true (again->valid);
    }
}

/* The command line tool -------------------------------------------------- */

static char *
run_cli (const char *const *argv,
         const char *input,
         int *status)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);

  return out;
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("BORDERPOST_CLI");
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  int status;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("BORDERPOST_CLI does not name a built borderpost-cli");
      return;
    }

  {
    const char *argv[] = { cli, "mrz", "parse", "--today", "2026-11-26", specimens[0].lines[0], specimens[0].lines[1], NULL };

    out = run_cli (argv, NULL, &status);
    g_assert_cmpint (status, ==, 0);
    json_parser_load_from_data (parser, out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "TD3");
    g_assert_cmpstr (json_object_get_string_member (root, "document_number"), ==, "L898902C3");
    g_assert_true (json_object_get_boolean_member (root, "valid"));
    g_clear_pointer (&out, g_free);
  }

  {
    /* From standard input, with a wrong check digit. */
    const char *argv[] = { cli, "mrz", "parse", NULL };

    out = run_cli (argv, "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458906UTO7408122F1204159<<<<<<<6\n", &status);
    g_assert_cmpint (status, ==, 1);
    json_parser_load_from_data (parser, out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_false (json_object_get_boolean_member (root, "valid"));
    g_assert_false (json_object_get_boolean_member (json_object_get_object_member (root, "checks"), "document_number"));
    g_clear_pointer (&out, g_free);
  }

  {
    const char *argv[] = { cli, "mrz", "parse", "not an mrz", NULL };

    out = run_cli (argv, NULL, &status);
    g_assert_cmpint (status, ==, 2);
    g_clear_pointer (&out, g_free);
  }

  {
    const char *argv[] = { cli, "mrz", "frobnicate", NULL };

    out = run_cli (argv, NULL, &status);
    g_assert_cmpint (status, ==, 2);
    g_clear_pointer (&out, g_free);
  }

  {
    const char *argv[] = { cli, "mrz", "parse", "--today", "yesterday", specimens[0].lines[0], NULL };

    out = run_cli (argv, NULL, &status);
    g_assert_cmpint (status, ==, 2);
  }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specimens); i++)
    g_test_add_data_func (specimens[i].path, &specimens[i], test_specimen);

  g_test_add_func ("/borderpost/mrz/td1/long-document-number", test_td1_long_number);
  g_test_add_func ("/borderpost/mrz/td1/long-document-number-broken", test_td1_long_number_broken);
  g_test_add_func ("/borderpost/mrz/name/truncated", test_truncated_name);
  g_test_add_func ("/borderpost/mrz/name/parts", test_names);
  g_test_add_func ("/borderpost/mrz/date/partial-and-invalid", test_dates);
  g_test_add_func ("/borderpost/mrz/date/century", test_centuries);
  g_test_add_func ("/borderpost/mrz/country/unknown", test_unknown_country);
  g_test_add_func ("/borderpost/mrz/country/codes", test_country_codes);
  g_test_add_func ("/borderpost/mrz/document-label", test_document_label);
  g_test_add_func ("/borderpost/mrz/sex", test_sex);
  g_test_add_func ("/borderpost/mrz/input/normalisation", test_normalisation);
  g_test_add_func ("/borderpost/mrz/input/bad", test_bad_input);
  g_test_add_func ("/borderpost/mrz/input/binary", test_binary_input);
  g_test_add_func ("/borderpost/mrz/messages", test_messages);
  g_test_add_func ("/borderpost/mrz/json", test_json);
  g_test_add_func ("/borderpost/mrz/api", test_api);
  g_test_add_func ("/borderpost/mrz/compose/property", test_property);
  g_test_add_func ("/borderpost/mrz/cli", test_cli);

  return g_test_run ();
}
