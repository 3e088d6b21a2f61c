/* hq-fixture.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real borderpost-hq for each test: its own PostgreSQL database in the
 * cluster named by BORDERPOST_TEST_PG, a test PKI made with openssl, and
 * a libsoup client that speaks to it as a booth.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* clang-format off */

typedef struct
{
  char *dbname;
  char *conninfo;     /* of the test's own database */
  char *updates_dir;
  GSubprocess *hq;
  char *url;          /* "https://127.0.0.1:PORT/" */
  SoupSession *session;
  GTlsDatabase *ca;
  GPtrArray *extra_args;
} HqFixture;

typedef struct
{
  guint status;       /* 0 when the request failed below HTTP */
  GError *error;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonNode *json;     /* the body, when it parses as JSON */
} HqReply;

int          hq_fixture_main_init  (int           *argc,
                                    char        ***argv);
void         hq_fixture_main_done  (void);
const char  *hq_fixture_certs_dir  (void);
void         hq_fixture_setup      (HqFixture     *f,
                                    gconstpointer  data);
void         hq_fixture_teardown   (HqFixture     *f,
                                    gconstpointer  data);
void         hq_fixture_start_hq   (HqFixture     *f);
void         hq_fixture_stop_hq    (HqFixture     *f);
void         hq_fixture_restart_hq (HqFixture     *f,
                                    const char    *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
PGresult    *hq_fixture_sql        (HqFixture     *f,
                                    const char    *sql);
void         hq_fixture_admin_sql  (const char    *sql);

HqReply     *hq_request            (HqFixture     *f,
                                    const char    *client,
                                    const char    *method,
                                    const char    *path,
                                    const char *const *headers,
                                    const void    *body,
                                    gsize          len);
HqReply     *hq_request_json       (HqFixture     *f,
                                    const char    *method,
                                    const char    *path,
                                    const char *const *headers,
                                    const char    *json);
void         hq_reply_free         (HqReply       *reply);
const char  *hq_reply_header       (HqReply       *reply,
                                    const char    *name);
JsonObject  *hq_reply_object       (HqReply       *reply);
void         hq_set_faults         (HqFixture     *f,
                                    const char    *json);

char        *hq_make_item          (const char    *uuid,
                                    const char    *booth_id,
                                    const char    *photo_sha256,
                                    const char    *note);
char        *hq_make_batch         (const char    *booth_id,
                                    const char *const *items);
char        *hq_sha256             (const void    *data,
                                    gsize          len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HqReply, hq_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define HQ_ADD_TEST(path, func) \
  g_test_add (path, HqFixture, NULL, hq_fixture_setup, func, hq_fixture_teardown)

/* clang-format on */

G_END_DECLS
