/* mrz-specimens.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

#include "bp-mrz.h"

/* Specimens of ICAO Doc 9303 parts 4 to 7 and the BSI TR-03105 test
 * document (its DG1), copied from the project's shared test vectors. */
typedef struct
{
  const char *path;
  BpMrzFormat format;
  const char *lines[4]; /* NULL-terminated */
  const char *document_code;
  const char *issuing_state;
  const char *document_number;
  const char *primary;
  const char *secondary;
  const char *nationality;
  const char *birth_date;
  const char *sex;
  const char *expiry_date;
  const char *optional_data;
  const char *optional_data_2;
  const char *checks[6];
  /* One letter per position saying what field it belongs to; see field_for_class()
   * in test-mrz-repair.c. */
  const char *mask[4];
} Specimen;

#define NAME30 "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
#define NAME31 "n" NAME30
#define NAME39 "nnnnnnnn" NAME31

static const Specimen specimens[] = {
  {
      "/borderpost/mrz/td3/specimen",
      BP_MRZ_FORMAT_TD3,
      { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10" },
      "P",
      "UTO",
      "L898902C3",
      "ERIKSSON",
      "ANNA MARIA",
      "UTO",
      "1974-08-12",
      "F",
      "2012-04-15",
      "ZE184226B",
      NULL,
      { "document_number", "birth_date", "expiry_date", "optional_data", "composite" },
      { "ccsss" NAME39, "dddddddddDNNNbbbbbbBxeeeeeeEooooooooooooooOC" },
  },
  {
      "/borderpost/mrz/td3/bsi-mustermann",
      BP_MRZ_FORMAT_TD3,
      { "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
        "C11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4" },
      "P",
      "D",
      "C11T002JM",
      "MUSTERMANN",
      "ERIKA",
      "D",
      "1996-08-12",
      "F",
      "2023-10-31",
      "",
      NULL,
      { "document_number", "birth_date", "expiry_date", "optional_data", "composite" },
      { "ccsss" NAME39, "dddddddddDNNNbbbbbbBxeeeeeeEooooooooooooooOC" },
  },
  {
      "/borderpost/mrz/td2/specimen",
      BP_MRZ_FORMAT_TD2,
      { "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6" },
      "I",
      "UTO",
      "D23145890",
      "ERIKSSON",
      "ANNA MARIA",
      "UTO",
      "1974-08-12",
      "F",
      "2012-04-15",
      "",
      NULL,
      { "document_number", "birth_date", "expiry_date", "composite" },
      { "ccsss" NAME31, "dddddddddDNNNbbbbbbBxeeeeeeEoooooooC" },
  },
  {
      "/borderpost/mrz/td1/specimen",
      BP_MRZ_FORMAT_TD1,
      { "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<" },
      "I",
      "UTO",
      "D23145890",
      "ERIKSSON",
      "ANNA MARIA",
      "UTO",
      "1974-08-12",
      "F",
      "2012-04-15",
      "",
      "",
      { "document_number", "birth_date", "expiry_date", "composite" },
      { "ccsssdddddddddDooooooooooooooo", "bbbbbbBxeeeeeeENNNpppppppppppC", NAME30 },
  },
  {
      "/borderpost/mrz/mrva/specimen",
      BP_MRZ_FORMAT_MRVA,
      { "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<" },
      "V",
      "UTO",
      "L8988901C",
      "ERIKSSON",
      "ANNA MARIA",
      "XXX",
      "1940-09-07",
      "F",
      "1996-12-10",
      "6ZE184226B",
      NULL,
      { "document_number", "birth_date", "expiry_date" },
      { "ccsss" NAME39, "dddddddddDNNNbbbbbbBxeeeeeeEoooooooooooooooo" },
  },
  {
      "/borderpost/mrz/mrvb/specimen",
      BP_MRZ_FORMAT_MRVB,
      { "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "L8988901C4XXX4009078F9612109<<<<<<<<" },
      "V",
      "UTO",
      "L8988901C",
      "ERIKSSON",
      "ANNA MARIA",
      "XXX",
      "1940-09-07",
      "F",
      "1996-12-10",
      "",
      NULL,
      { "document_number", "birth_date", "expiry_date" },
      { "ccsss" NAME31, "dddddddddDNNNbbbbbbBxeeeeeeEoooooooo" },
  },
};

/* A fixed today, so that the century rules read the specimens' dates the
 * same way every year. */
static inline GDateTime *
fixed_today (void)
{
  return g_date_time_new_utc (2026, 11, 26, 12, 0, 0);
}

static inline BpMrz *
parse_ok (const char *text)
{
  g_autoptr (GDateTime) today = fixed_today ();
  g_autoptr (GError) error = NULL;
  BpMrz *mrz = bp_mrz_parse (text, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mrz);

  return mrz;
}

static inline gboolean
has_issue_containing (const BpMrz *mrz,
                      BpMrzSeverity severity,
                      const char *text)
{
  for (guint i = 0; i < mrz->issues->len; i++)
    {
      const BpMrzIssue *issue = g_ptr_array_index (mrz->issues, i);

      if (issue->severity == severity && strstr (issue->message, text) != NULL)
        return TRUE;
    }

  return FALSE;
}
