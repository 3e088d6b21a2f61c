/* test-chip-inspection.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The chip part of an inspection, end to end in the core: the demo booth's
 * virtual reader holds a specimen chip, BpChipInspection reads it with the
 * real chip stack, checks DG1 against the printed MRZ and runs Passive
 * Authentication against the demo trust store. */

#include "config.h"

#include "borderpost-core.h"
#include "bp-chip-analysis.h"
#include "bp-chip-inspection.h"
#include "bp-demo-booth.h"
#include "bp-screening.h"
#include "bp-virtual-reader.h"
#include "tmp-dir.h"

#include <openssl/ec.h>
#include <openssl/evp.h>

#define HAPPY_TD3 "P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0\n"
#define MORROW_TD3 "P<UTOMORROW<<EVELYN<ROSE<<<<<<<<<<<<<<<<<<<<\n" \
                   "Q71B3820<2UTO9105171F3208302<<<<<<<<<<<<<<00\n"
#define SOLBERG_TD3 "P<UTOSOLBERG<<LINNEA<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                    "Z5T2K9L010UTO1506118F2902289<<<<<<<<<<<<<<<2\n"
#define QUILL_TD3 "P<UTOQUILL<<OSCAR<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "R28K417050UTO7902147M3306116<<<<<<<<<<<<<<02\n"
#define ASHBY_TD3 "P<UTOASHBY<<CLARA<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "E61P304825UTO8809232F3104024<<<<<<<<<<<<<<02\n"
#define VANCE_TD3 "P<UTOVANCE<<TOBIAS<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "V93T125608UTO7501012M3007158<<<<<<<<<<<<<<06\n"
#define HOLLOW_TD3 "P<UTOHOLLOW<<IRIS<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                   "B47S802169UTO9206300F3201196<<<<<<<<<<<<<<00\n"
#define FENWICK_TD3 "P<UTOFENWICK<<PETER<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                    "C15A773908UTO8308126M2909303<<<<<<<<<<<<<<06\n"
#define GARLAND_TD3 "P<UTOGARLAND<<NINA<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                    "C26C480217UTO9003059F3302288<<<<<<<<<<<<<<06\n"
#define MARSH_TD3 "P<UTOMARSH<<LEO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "M38D901741UTO8704197M3111057<<<<<<<<<<<<<<02\n"
#define LARK_TD1 "I<UTOE83M516270<<<<<<<<<<<<<<<\n" \
                 "8802141F3406119UTO<<<<<<<<<<<6\n" \
                 "LARK<<MIRA<<<<<<<<<<<<<<<<<<<<\n"
#define BRIGHT_TD3 "P<UTOBRIGHT<<SAMUEL<<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                   "N52M630184UTO8107075M3003035<<<<<<<<<<<<<<02\n"
#define ERIKSSON_VISA "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" \
                      "L8988901C4XXX4009078F96121096ZE184226B<<<<<<\n"

typedef struct
{
  char *dir;
  BpDemoBooth *booth;
  BpInspection *inspection;
  BpChipInspection *chip;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = tmp_dir_new ("borderpost-chip-XXXXXX");
  f->booth = bp_demo_booth_new (f->dir, &error);
  g_assert_no_error (error);
  f->inspection = bp_inspection_new ();
  f->chip = bp_chip_inspection_new (f->inspection);
  bp_chip_inspection_set_reader (f->chip, bp_demo_booth_get_reader (f->booth));
  bp_chip_inspection_set_trust_store (f->chip, bp_demo_booth_get_trust_store (f->booth));
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_clear_object (&f->chip);
  g_clear_object (&f->inspection);
  g_clear_object (&f->booth);
  g_free (f->dir);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static BpChipState
run_until_settled (Fixture *f)
{
  guint timeout = g_timeout_add_seconds (60, timeout_cb, NULL);
  BpChipState state;

  for (;;)
    {
      state = bp_chip_inspection_get_state (f->chip);
      if (state == BP_CHIP_STATE_DONE || state == BP_CHIP_STATE_FAILED)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
  return state;
}

static void
present (Fixture *f,
         const char *mrz_text)
{
  g_autoptr (GDateTime) today = g_date_time_new_local (2026, 11, 26, 12, 0, 0);
  g_autoptr (BpMrz) mrz = bp_mrz_parse (mrz_text, today, NULL);

  g_assert_nonnull (mrz);
  bp_demo_booth_present (f->booth, mrz_text);
  bp_inspection_set_mrz (f->inspection, mrz, today);
  bp_chip_inspection_start (f->chip);
}

static BpVerdict
verdict_of (Fixture *f,
            const char *id,
            char **message)
{
  GListModel *checks = bp_inspection_get_checks (f->inspection);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (bp_check_get_id (check), id))
        {
          if (message != NULL)
            *message = g_strdup (bp_check_get_message (check));
          return bp_check_get_verdict (check);
        }
    }
  g_error ("no check %s", id);
}

static void
assert_verdict (Fixture *f,
                const char *id,
                BpVerdict expected)
{
  g_autofree char *message = NULL;
  BpVerdict verdict = verdict_of (f, id, &message);

  if (verdict != expected)
    g_error ("check %s: %s, expected %s: %s", id, bp_verdict_to_string (verdict),
             bp_verdict_to_string (expected), message);
}

static void
test_genuine (Fixture *f,
              gconstpointer data)
{
  present (f, HAPPY_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  assert_verdict (f, "chip", BP_VERDICT_PASSED);
  assert_verdict (f, "chip-mrz", BP_VERDICT_PASSED);
  assert_verdict (f, "authenticity", BP_VERDICT_PASSED);
  /* This specimen's chip does Active Authentication with its DG15 key. */
  assert_verdict (f, "active-auth", BP_VERDICT_PASSED);
  /* DG11's name and birth date and DG12's date of issue agree with the page. */
  assert_verdict (f, "chip-details", BP_VERDICT_PASSED);
  g_assert_nonnull (bp_chip_inspection_get_face (f->chip));
  g_assert_nonnull (strstr (bp_chip_inspection_get_chip_mrz (f->chip), "HAPPY<<JOHN<PAUL"));
  g_assert_cmpint (bp_chip_result_get_protocol (bp_chip_inspection_get_result (f->chip)), ==,
                   BP_CHIP_PROTOCOL_PACE_GM);
  g_assert_cmpint (bp_inspection_get_overall (f->inspection), ==, BP_VERDICT_PASSED);
}

/* BAC only, with a greyscale JPEG 2000 face. */
static void
test_bac_only (Fixture *f,
               gconstpointer data)
{
  present (f, SOLBERG_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  assert_verdict (f, "chip", BP_VERDICT_PASSED);
  assert_verdict (f, "chip-mrz", BP_VERDICT_PASSED);
  assert_verdict (f, "authenticity", BP_VERDICT_PASSED);
  g_assert_cmpint (bp_chip_result_get_protocol (bp_chip_inspection_get_result (f->chip)), ==,
                   BP_CHIP_PROTOCOL_BAC);
  g_assert_cmpint (bp_chip_inspection_get_face (f->chip)->format, ==, BP_IMAGE_FORMAT_JP2);
  /* Decoded on the analysis' worker, not by the page on the main loop. */
  {
    BpFaceImage *face = bp_chip_inspection_get_face (f->chip);
    guint width = 0, height = 0;
    gsize stride = 0;
    gboolean has_alpha = TRUE;
    GBytes *pixels = bp_chip_analysis_get_face_pixels (bp_chip_inspection_get_analysis (f->chip), &width, &height,
                                                       &stride, &has_alpha);

    g_assert_nonnull (pixels);
    g_assert_cmpuint (width, ==, face->width);
    g_assert_cmpuint (height, ==, face->height);
    g_assert_false (has_alpha);
    g_assert_cmpuint (stride, >=, 3 * width);
    g_assert_cmpuint (g_bytes_get_size (pixels), ==, stride * height);
  }
}

/* The chip photo was changed after signing: the signature holds, the
 * hash of DG2 does not, and the officer is told to refer. */
static void
test_altered (Fixture *f,
              gconstpointer data)
{
  BpRecommendation recommendation;

  present (f, MORROW_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  assert_verdict (f, "chip", BP_VERDICT_PASSED);
  assert_verdict (f, "authenticity", BP_VERDICT_FAILED);
  recommendation = bp_inspection_get_recommendation (f->inspection);
  g_assert_cmpint (recommendation.decision, ==, BP_DECISION_REFER);
}

/* A clone: the chip holds a copy of every genuine file, DG15 included,
 * but not the private key behind DG15. Passive Authentication passes;
 * Active Authentication shows the copy, and the officer is told to refer. */
static void
test_cloned_chip (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (BpVirtualChip) chip = NULL;
  g_autoptr (GBytes) other_key = NULL;
  g_autoptr (GError) error = NULL;
  EVP_PKEY *key = EVP_EC_gen ("P-256");
  unsigned char *der = NULL;
  int der_len = i2d_PrivateKey (key, &der);

  g_assert_cmpint (der_len, >, 0);
  other_key = g_bytes_new (der, der_len);
  OPENSSL_free (der);
  EVP_PKEY_free (key);

  bp_demo_booth_present (f->booth, HAPPY_TD3);
  chip = bp_virtual_reader_dup_chip (BP_VIRTUAL_READER (bp_demo_booth_get_reader (f->booth)));
  g_assert_true (bp_virtual_chip_set_active_authentication_key (chip, other_key, &error));
  g_assert_no_error (error);

  {
    g_autoptr (GDateTime) today = g_date_time_new_local (2026, 11, 26, 12, 0, 0);
    g_autoptr (BpMrz) mrz = bp_mrz_parse (HAPPY_TD3, today, NULL);

    bp_inspection_set_mrz (f->inspection, mrz, today);
    bp_chip_inspection_start (f->chip);
  }
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  assert_verdict (f, "authenticity", BP_VERDICT_PASSED);
  assert_verdict (f, "active-auth", BP_VERDICT_FAILED);
  g_assert_cmpint (bp_inspection_get_recommendation (f->inspection).decision, ==, BP_DECISION_REFER);
  g_assert_cmpstr (bp_inspection_get_recommendation (f->inspection).reason_code, ==, "REF-CHIP");
}

/* A document without a chip on the reader: the booth waits, and the
 * officer can carry on (the chip check stays "not performed"). */
/* A check that must come out with this verdict. */
typedef struct
{
  const char *id;
  BpVerdict verdict;
} Expect;

/* One specimen read end to end: the inspection checks and the Passive
 * Authentication checks that must not pass; every other check must pass. */
typedef struct
{
  const char *mrz;
  Expect checks[4];
  Expect pa[4];
  BpDocumentVerdict document;
} Case;

/* Genuine specimens: only what the document itself says may fail. */
static const Case genuine_happy = {
  HAPPY_TD3,
  { { "chip-auth", BP_VERDICT_PASSED }, { "active-auth", BP_VERDICT_PASSED } },
  { { NULL } },
  BP_DOCUMENT_GENUINE
};
/* A minor: the booth asks who accompanies her. */
static const Case genuine_solberg = {
  SOLBERG_TD3, { { "traveller-age", BP_VERDICT_WARNING } }, { { NULL } }, BP_DOCUMENT_GENUINE
};
static const Case genuine_id_card = {
  "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
  { { "document-expiry", BP_VERDICT_FAILED }, { "chip-auth", BP_VERDICT_PASSED } },
  { { NULL } },
  BP_DOCUMENT_GENUINE
};
/* The lying specimens of data/specimens: each fails one way. */
static const Case altered = {
  MORROW_TD3, { { "authenticity", BP_VERDICT_FAILED } }, { { "dg2", BP_VERDICT_FAILED } }, BP_DOCUMENT_FAILED
};
/* Signed under a CSCA the booth does not have: doubtful, not failed. */
static const Case unknown_signer = {
  QUILL_TD3,
  { { "authenticity", BP_VERDICT_WARNING } },
  { { "ds-chain", BP_VERDICT_NOT_PERFORMED }, { "crl", BP_VERDICT_NOT_PERFORMED }, { "issuing-state", BP_VERDICT_NOT_PERFORMED } },
  BP_DOCUMENT_DOUBTFUL
};
static const Case expired_signer = {
  ASHBY_TD3,
  { { "authenticity", BP_VERDICT_FAILED } },
  { { "ds-chain", BP_VERDICT_FAILED }, { "crl", BP_VERDICT_NOT_PERFORMED }, { "issuing-state", BP_VERDICT_NOT_PERFORMED } },
  BP_DOCUMENT_FAILED
};
static const Case revoked_signer = {
  VANCE_TD3, { { "authenticity", BP_VERDICT_FAILED } }, { { "crl", BP_VERDICT_FAILED } }, BP_DOCUMENT_FAILED
};
static const Case broken_signature = {
  HOLLOW_TD3, { { "authenticity", BP_VERDICT_FAILED } }, { { "sod-signature", BP_VERDICT_FAILED } }, BP_DOCUMENT_FAILED
};
static const Case aa_clone = {
  FENWICK_TD3, { { "active-auth", BP_VERDICT_FAILED } }, { { NULL } }, BP_DOCUMENT_GENUINE
};
/* The page says BRIGHT, the chip BRICE: DG1 is as signed (dg1 passes)
 * but is not the printed zone. */
static const Case chip_mrz = {
  BRIGHT_TD3,
  { { "chip-mrz", BP_VERDICT_FAILED }, { "authenticity", BP_VERDICT_FAILED } },
  { { "dg1-mrz", BP_VERDICT_FAILED } },
  BP_DOCUMENT_FAILED
};
static const Case ca_clone = { GARLAND_TD3, { { "chip-auth", BP_VERDICT_FAILED } }, { { NULL } }, BP_DOCUMENT_GENUINE };
/* An identity card whose chip runs PACE-CAM with a key of its own. No
 * Chip Authentication follows PACE-CAM: the CAM proof alone shows it. */
static const Case cam_clone = { LARK_TD1, { { "chip-auth", BP_VERDICT_FAILED } }, { { NULL } }, BP_DOCUMENT_GENUINE };
/* DG14 and DG15 listed in EF.COM and the security object, but the chip
 * says it has no such files: a copy that left out what it cannot fake.
 * Without them neither Chip nor Active Authentication can run. */
static const Case missing_dg = {
  MARSH_TD3,
  { { "authenticity", BP_VERDICT_FAILED } },
  { { "dg14", BP_VERDICT_FAILED }, { "dg15", BP_VERDICT_FAILED } },
  BP_DOCUMENT_FAILED
};

static const Expect *
find_expect (const Expect *expects,
             guint n,
             const char *id)
{
  for (guint i = 0; i < n && expects[i].id != NULL; i++)
    if (g_str_equal (expects[i].id, id))
      return &expects[i];
  return NULL;
}

/* Every check of @checks is as @expects says, or passed; returns the
 * expected checks found, as a bit per entry. */
static guint
assert_checks (GListModel *checks,
               const char *prefix,
               const Expect *expects,
               guint n_expects)
{
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
      const char *id = bp_check_get_id (check);
      BpVerdict verdict = bp_check_get_verdict (check);
      const Expect *expect;
      BpVerdict wanted = BP_VERDICT_PASSED;

      if (prefix != NULL && g_str_has_prefix (id, prefix))
        id += strlen (prefix);
      expect = find_expect (expects, n_expects, id);
      if (expect != NULL)
        {
          wanted = expect->verdict;
          found |= 1u << (expect - expects);
        }
      g_test_message ("%s%s: %s: %s", prefix ? prefix : "", id, bp_verdict_to_string (verdict),
                      bp_check_get_message (check));
      if (verdict != wanted)
        g_error ("check %s: %s, expected %s: %s", id, bp_verdict_to_string (verdict),
                 bp_verdict_to_string (wanted), bp_check_get_message (check));
    }
  return found;
}

static void
assert_found (const Expect *expects,
              guint n_expects,
              guint found)
{
  for (guint i = 0; i < n_expects && expects[i].id != NULL; i++)
    if (!(found & (1u << i)))
      g_error ("no check %s", expects[i].id);
}

static void
test_case (Fixture *f,
           gconstpointer data)
{
  const Case *c = data;
  BpPaResult *pa;
  g_autoptr (GListModel) pa_checks = NULL;
  guint found;

  present (f, c->mrz);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  found = assert_checks (bp_inspection_get_checks (f->inspection), NULL, c->checks, G_N_ELEMENTS (c->checks));
  pa = bp_chip_inspection_get_authenticity (f->chip);
  g_assert_nonnull (pa);
  pa_checks = bp_pa_result_dup_checks (pa);
  assert_found (c->pa, G_N_ELEMENTS (c->pa),
                assert_checks (pa_checks, "pa-", c->pa, G_N_ELEMENTS (c->pa)));
  /* The same verdicts by id, as the GUI and the record look them up. */
  for (guint i = 0; i < G_N_ELEMENTS (c->pa) && c->pa[i].id != NULL; i++)
    {
      BpVerdict verdict;

      g_assert_true (bp_pa_result_lookup (pa, c->pa[i].id, &verdict, NULL, NULL));
      g_assert_cmpint (verdict, ==, c->pa[i].verdict);
    }
  g_assert_cmpint (bp_pa_result_get_verdict (pa), ==, c->document);
  /* The crossing keeps who signed and what did not pass. */
  {
    GListModel *checks = bp_inspection_get_checks (f->inspection);

    for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
      {
        g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
        JsonObject *evidence = bp_check_get_evidence (check);
        JsonObject *not_passed;

        if (!g_str_equal (bp_check_get_id (check), "authenticity"))
          continue;
        g_assert_nonnull (evidence);
        g_assert_cmpstr (json_object_get_string_member (evidence, "document"), ==,
                         bp_document_verdict_to_string (c->document));
        g_assert_nonnull (strstr (json_object_get_string_member (evidence, "ds_subject"), "Utopia"));
        not_passed = json_object_get_object_member (evidence, "not_passed");
        for (guint j = 0; j < G_N_ELEMENTS (c->pa) && c->pa[j].id != NULL; j++)
          g_assert_cmpstr (json_object_get_string_member (not_passed, c->pa[j].id), ==,
                           bp_verdict_to_string (c->pa[j].verdict));
      }
  }
  assert_found (c->checks, G_N_ELEMENTS (c->checks), found);
}

static void
test_no_chip (Fixture *f,
              gconstpointer data)
{
  /* The previous traveller's chip was on the reader a moment ago. */
  present (f, HAPPY_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);
  bp_chip_inspection_reset (f->chip);
  bp_inspection_reset (f->inspection);

  present (f, ERIKSSON_VISA);
  {
    guint timeout = g_timeout_add_seconds (60, timeout_cb, NULL);

    while (bp_chip_inspection_get_state (f->chip) == BP_CHIP_STATE_READING)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
  }
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (bp_chip_inspection_get_state (f->chip), ==, BP_CHIP_STATE_WAITING);
  assert_verdict (f, "chip", BP_VERDICT_NOT_PERFORMED);
}

/* The next traveller's chip replaces the previous one on the reader: the
 * read must follow the new document, not fail on the old one. */
static void
test_next_traveller (Fixture *f,
                     gconstpointer data)
{
  present (f, HAPPY_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);

  bp_chip_inspection_reset (f->chip);
  bp_inspection_reset (f->inspection);
  present (f, SOLBERG_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);
  assert_verdict (f, "chip-mrz", BP_VERDICT_PASSED);
  g_assert_nonnull (strstr (bp_chip_inspection_get_chip_mrz (f->chip), "SOLBERG"));
}

static void
screened_cb (GObject *object,
             GAsyncResult *result,
             gpointer user_data)
{
  BpWatchlistResult **out = user_data;

  *out = bp_screening_run_finish (result, NULL);
  g_assert_nonnull (*out);
}

/* After the read, the chip's DG11 name is screened: an entry that only
 * the chip's name and full birth date match is found. */
static void
test_screen_chip_names (Fixture *f,
                        gconstpointer data)
{
  static const char list[] = "{\"id\":\"t-1\",\"list\":\"national\",\"kind\":\"person\","
                             "\"family_name\":\"Happy\",\"given_names\":\"John Paul\","
                             "\"birth_date\":\"1986-03-04\",\"nationality\":\"UTO\",\"action\":\"refer\"}\n";
  g_autofree char *lists_dir = g_build_filename (f->dir, "test-lists", NULL);
  g_autoptr (BpWatchlist) watchlist = bp_watchlist_new (lists_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_local (2026, 11, 26, 12, 0, 0);
  g_autoptr (BpMrz) other = bp_mrz_parse (MORROW_TD3, today, NULL);
  BpWatchlistResult *by_mrz = NULL;
  BpWatchlistResult *by_chip = NULL;
  BpLdsDg11 *dg11;

  g_assert_true (bp_watchlist_import_data (watchlist, list, strlen (list), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);

  present (f, HAPPY_TD3);
  g_assert_cmpint (run_until_settled (f), ==, BP_CHIP_STATE_DONE);
  dg11 = bp_chip_inspection_get_dg11 (f->chip);
  g_assert_nonnull (dg11);
  g_assert_cmpstr (dg11->full_name, ==, "HAPPY<<JOHN<PAUL");

  /* Another document's MRZ with this chip's DG11: only DG11 can match. */
  bp_screening_run_async (watchlist, other, NULL, screened_cb, &by_mrz);
  bp_screening_run_chip_async (watchlist, other, dg11, NULL, screened_cb, &by_chip);
  while (by_mrz == NULL || by_chip == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (by_mrz->hits->len, ==, 0);
  g_assert_cmpuint (by_chip->hits->len, ==, 1);
  g_assert_true (bp_screening_pick (by_mrz, by_chip) == by_chip);
  bp_watchlist_result_free (by_mrz);
  bp_watchlist_result_free (by_chip);
}

/* The demo folder may be opened again: the trust store already holds the
 * specimen CSCA and its CRL. */
static void
test_demo_reopen (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpDemoBooth) again = NULL;

  g_clear_object (&f->chip);
  g_clear_object (&f->booth);
  again = bp_demo_booth_new (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bp_demo_booth_present (again, VANCE_TD3));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/borderpost/chip-inspection/genuine", test_genuine);
  ADD ("/borderpost/chip-inspection/bac-only", test_bac_only);
  ADD ("/borderpost/chip-inspection/altered", test_altered);
  ADD ("/borderpost/chip-inspection/cloned", test_cloned_chip);
  ADD ("/borderpost/chip-inspection/no-chip", test_no_chip);
  ADD ("/borderpost/chip-inspection/next-traveller", test_next_traveller);
  ADD ("/borderpost/chip-inspection/screen-chip-names", test_screen_chip_names);
  ADD ("/borderpost/chip-inspection/demo-reopen", test_demo_reopen);
#define CASE(path, c) \
  g_test_add ("/borderpost/chip-inspection/" path, Fixture, &c, fixture_setup, test_case, fixture_teardown)
  CASE ("specimen/genuine", genuine_happy);
  CASE ("specimen/genuine-grey", genuine_solberg);
  CASE ("specimen/genuine-id-card", genuine_id_card);
  CASE ("specimen/altered", altered);
  CASE ("specimen/unknown-signer", unknown_signer);
  CASE ("specimen/expired-signer", expired_signer);
  CASE ("specimen/revoked-signer", revoked_signer);
  CASE ("specimen/broken-signature", broken_signature);
  CASE ("specimen/aa-clone", aa_clone);
  CASE ("specimen/chip-mrz", chip_mrz);
  CASE ("specimen/ca-clone", ca_clone);
  CASE ("specimen/cam-clone", cam_clone);
  CASE ("specimen/missing-dg", missing_dg);
#undef CASE
#undef ADD

  return g_test_run ();
}
