/* bp-hq-schema.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include "bp-hq-db.h"

/* The HQ schema, as numbered migrations applied in order; the number of
 * the last one applied is kept in hq_schema_version. Never edit a
 * migration once released: add a new one.
 *
 * Partitioning: crossings are partitioned by range of recorded_at, so an
 * operator can attach one partition per month and detach or archive old
 * ones. PostgreSQL cannot enforce a unique uuid across partitions (a
 * unique key must contain the partition key), so crossing_keys, a narrow
 * unpartitioned table, holds each uuid once with its content hash; it is
 * what INSERT … ON CONFLICT (uuid) runs against. New rows land in the
 * DEFAULT partition until monthly partitions are attached, for example:
 *
 *   BEGIN;
 *   ALTER TABLE crossings DETACH PARTITION crossings_default;
 *   CREATE TABLE crossings_2026_12 PARTITION OF crossings
 *     FOR VALUES FROM ('2026-12-01') TO ('2027-01-01');
 *   -- move matching rows from crossings_default, then re-attach it
 *   ALTER TABLE crossings ATTACH PARTITION crossings_default DEFAULT;
 *   COMMIT;
 */
static const char *const migrations[] = {
  /* 1 */
  "CREATE TABLE photos ("
  "  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
  "  total_length bigint NOT NULL CHECK (total_length > 0),"
  "  data bytea NOT NULL,"
  "  complete boolean NOT NULL DEFAULT false,"
  "  started_at timestamptz NOT NULL DEFAULT now(),"
  "  completed_at timestamptz);"

  "CREATE TABLE crossing_keys ("
  "  uuid uuid PRIMARY KEY,"
  "  recorded_at timestamptz NOT NULL,"
  "  content_sha256 text NOT NULL,"
  "  booth_id text NOT NULL,"
  "  received_at timestamptz NOT NULL);"

  "CREATE TABLE crossings ("
  "  recorded_at timestamptz NOT NULL,"
  "  uuid uuid NOT NULL,"
  "  booth_id text NOT NULL,"
  "  boot_id text,"
  "  sequence bigint,"
  "  photo_sha256 text REFERENCES photos (sha256),"
  "  content_sha256 text NOT NULL,"
  "  body json NOT NULL,"
  "  received_at timestamptz NOT NULL,"
  "  batch_key uuid NOT NULL,"
  "  PRIMARY KEY (recorded_at, uuid)"
  ") PARTITION BY RANGE (recorded_at);"
  "CREATE TABLE crossings_default PARTITION OF crossings DEFAULT;"
  "CREATE INDEX crossings_booth ON crossings (booth_id, sequence);"

  /* The stored answer to each batch, so that a retried batch gets the
   * same answer byte for byte. */
  "CREATE TABLE batches ("
  "  booth_id text NOT NULL,"
  "  idempotency_key uuid NOT NULL,"
  "  request_sha256 text NOT NULL,"
  "  response text NOT NULL,"
  "  received_at timestamptz NOT NULL,"
  "  PRIMARY KEY (booth_id, idempotency_key));",
};

const char *const *
_bp_hq_schema_migrations (guint *n_migrations)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BP_HQ_SCHEMA_VERSION);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
