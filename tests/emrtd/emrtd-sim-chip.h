/* emrtd-sim-chip.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/evp.h>

#include "bp-apdu.h"
#include "bp-bac.h"
#include "bp-card.h"
#include "bp-sm.h"
#include "bp-tlv.h"
#include "emrtd-test-util.h"

/* A small BAC chip for the reading tests, built on the card-side secure
 * messaging of bp-sm, with fault knobs: refuse read sizes above max_le
 * with a chosen status word, break secure messaging (plain 6988) or leave
 * the field at a given READ BINARY, and a record of every READ BINARY. */

typedef struct
{
  guint16 fid;
  guint8 sfi;
  GBytes *data;
  gboolean protected_by_ta;
  gboolean public_read;
} SimFile;

typedef struct
{
  guint16 fid;
  gsize offset;
  gsize ne;
} SimRead;

#define SIM_TYPE_CHIP (sim_chip_get_type ())
G_DECLARE_FINAL_TYPE (SimChip, sim_chip, SIM, CHIP, GObject)

struct _SimChip
{
  GObject parent_instance;

  char *mrz_information;
  GArray *files; /* of SimFile */
  BpSm *sm;
  guint8 rnd_icc[8];
  gboolean challenged;
  SimFile *selected;

  /* knobs */
  gsize max_le; /* refuse larger plain Le with refuse_sw; 0 = any */
  guint16 refuse_sw;
  gsize max_transceive;
  guint break_at_read;  /* 1-based READ BINARY count: answer plain 6988 */
  guint remove_at_read; /* 1-based READ BINARY count: transport error REMOVED */
  gboolean garbage;     /* answer random bytes after authentication */
  gboolean no_bac;      /* GET CHALLENGE is not supported */
  gsize wrong_le_at;    /* once, a READ BINARY at this offset gets 6Cxx (xx = 100) */
  guint16 mse_sw;       /* answer MSE:Set AT with this (PACE broken), 0 = 9000 */
  char *can;            /* PACE password when the reader names the CAN */

  /* PACE (card side on OpenPACE) */
  GBytes *card_access;
  EAC_CTX *picc;
  PACE_SEC *picc_sec;
  BUF_MEM *pcd_pub;
  guint ga_step;
  guint n_pace;

  /* records */
  GArray *reads; /* of SimRead */
  guint n_reads;
  guint n_challenges;
  guint n_apdus;
};

static void
sim_file_clear (gpointer data)
{
  SimFile *file = data;

  g_clear_pointer (&file->data, g_bytes_unref);
}

static GBytes *
sim_answer (SimChip *self,
            const BpApdu *apdu,
            gboolean secured)
{
  switch (apdu->ins)
    {
    case 0xA4:
      if (apdu->p1 == 0x04)
        {
          static const guint8 aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

          if (apdu->data_len == sizeof aid && memcmp (apdu->data, aid, sizeof aid) == 0)
            return bp_apdu_response_new (NULL, 0, 0x9000);
          return bp_apdu_response_new (NULL, 0, 0x6A82);
        }
      if (apdu->p1 == 0x02 && apdu->data_len == 2)
        {
          guint16 fid = (apdu->data[0] << 8) | apdu->data[1];

          for (guint i = 0; i < self->files->len; i++)
            if (g_array_index (self->files, SimFile, i).fid == fid)
              {
                self->selected = &g_array_index (self->files, SimFile, i);
                return bp_apdu_response_new (NULL, 0, 0x9000);
              }
          return bp_apdu_response_new (NULL, 0, 0x6A82);
        }
      return bp_apdu_response_new (NULL, 0, 0x6A86);

    case 0xB0:
      {
        gsize offset;
        gsize len;
        gsize n;
        const guint8 *data;
        SimRead read;

        if (apdu->p1 & 0x80)
          {
            guint8 sfi = apdu->p1 & 0x1F;

            self->selected = NULL;
            for (guint i = 0; i < self->files->len; i++)
              if (g_array_index (self->files, SimFile, i).sfi == sfi)
                self->selected = &g_array_index (self->files, SimFile, i);
            if (self->selected == NULL)
              return bp_apdu_response_new (NULL, 0, 0x6A82);
            offset = apdu->p2;
          }
        else
          offset = (apdu->p1 << 8) | apdu->p2;
        if (self->selected == NULL)
          return bp_apdu_response_new (NULL, 0, 0x6986);
        if ((!secured && !self->selected->public_read) || self->selected->protected_by_ta)
          return bp_apdu_response_new (NULL, 0, 0x6982);

        if (!secured)
          {
            const guint8 *pdata = g_bytes_get_data (self->selected->data, &len);

            n = MIN (apdu->ne, len - MIN (offset, len));
            return bp_apdu_response_new (pdata + offset, n, n < apdu->ne ? 0x6282 : 0x9000);
          }
        read.fid = self->selected->fid;
        read.offset = offset;
        read.ne = apdu->ne;
        g_array_append_val (self->reads, read);
        if (self->max_le > 0 && apdu->ne > self->max_le)
          return bp_apdu_response_new (NULL, 0, self->refuse_sw);

        if (self->wrong_le_at > 0 && offset == self->wrong_le_at && apdu->ne != 100)
          {
            self->wrong_le_at = 0;
            return bp_apdu_response_new (NULL, 0, 0x6C64);
          }
        data = g_bytes_get_data (self->selected->data, &len);
        if (offset > len)
          return bp_apdu_response_new (NULL, 0, 0x6B00);
        n = MIN (apdu->ne, len - offset);
        return bp_apdu_response_new (data + offset, n, n < apdu->ne ? 0x6282 : 0x9000);
      }

    default:
      return bp_apdu_response_new (NULL, 0, 0x6D00);
    }
}

static GBytes *
sim_external_authenticate (SimChip *self,
                           const BpApdu *apdu)
{
  guint8 seed[16], k_enc[16], k_mac[16], mac[8], s[32], r[32], out[40], k_seed[16], ssc[8];
  static const guint8 k_icc[16] = { 0x0B, 0x4F, 0x80, 0x32, 0x3E, 0xB3, 0x19, 0x1C,
                                    0xB0, 0x49, 0x70, 0xCB, 0x40, 0x52, 0x79, 0x0B };

  if (!self->challenged || apdu->data_len != 40)
    return bp_apdu_response_new (NULL, 0, 0x6985);
  self->challenged = FALSE;
  g_assert_true (bp_bac_key_seed (self->mrz_information, seed, NULL));
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, seed, 16, BP_SM_KDF_ENC, k_enc, NULL));
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, seed, 16, BP_SM_KDF_MAC, k_mac, NULL));
  g_assert_true (bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, apdu->data, 32, TRUE, mac, NULL));
  if (memcmp (mac, apdu->data + 32, 8) != 0)
    return bp_apdu_response_new (NULL, 0, 0x6300);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, FALSE, apdu->data, 32, s, NULL));
  if (memcmp (s + 8, self->rnd_icc, 8) != 0)
    return bp_apdu_response_new (NULL, 0, 0x6300);

  memcpy (r, self->rnd_icc, 8);
  memcpy (r + 8, s, 8);
  memcpy (r + 16, k_icc, 16);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, TRUE, r, 32, out, NULL));
  g_assert_true (bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, out, 32, TRUE, out + 32, NULL));

  for (guint i = 0; i < 16; i++)
    k_seed[i] = s[16 + i] ^ k_icc[i];
  memcpy (ssc, self->rnd_icc + 4, 4);
  memcpy (ssc + 4, s + 4, 4);
  g_clear_pointer (&self->sm, bp_sm_unref);
  self->sm = bp_sm_new_from_secret (BP_SM_CIPHER_3DES, 16, k_seed, 16, ssc, NULL);
  return bp_apdu_response_new (out, 40, 0x9000);
}

static BUF_MEM *
sim_buf (const guint8 *data,
         gsize len)
{
  BUF_MEM *buf = BUF_MEM_new ();

  BUF_MEM_grow (buf, len);
  memcpy (buf->data, data, len);
  buf->length = len;
  return buf;
}

static GBytes *
sim_ga_answer (guint8 tag,
               const BUF_MEM *value,
               const BUF_MEM *extra)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GByteArray) outer = g_byte_array_new ();

  if (value != NULL)
    bp_tlv_append (inner, tag, (const guint8 *) value->data, value->length);
  if (extra != NULL)
    bp_tlv_append (inner, 0x8A, (const guint8 *) extra->data, extra->length);
  bp_tlv_append (outer, 0x7C, inner->data, inner->len);
  return bp_apdu_response_new (outer->data, outer->len, 0x9000);
}

/* MSE:Set AT and GENERAL AUTHENTICATE of PACE, chip side. */
static GBytes *
sim_pace (SimChip *self,
          const BpApdu *apdu)
{
  BpTlv outer, inner;
  BUF_MEM *in = NULL;
  GBytes *answer = NULL;

  if (apdu->ins == 0x22)
    {
      BpTlv ref;
      BpTlv body = { .value = apdu->data, .length = apdu->data_len, .constructed = TRUE };
      const char *password;
      guint8 digest[EVP_MAX_MD_SIZE];
      unsigned int digest_len = 0;

      if (self->mse_sw != 0)
        return bp_apdu_response_new (NULL, 0, self->mse_sw);
      g_clear_pointer (&self->picc, EAC_CTX_clear_free);
      g_clear_pointer (&self->picc_sec, PACE_SEC_clear_free);
      g_assert_true (bp_tlv_find (&body, 0x83, &ref, NULL));
      self->picc = EAC_CTX_new ();
      if (!EAC_CTX_init_ef_cardaccess (g_bytes_get_data (self->card_access, NULL),
                                       g_bytes_get_size (self->card_access), self->picc))
        {
          /* Integrated mapping: OpenPACE only has it under TR-03110 v2.01. */
          EAC_CTX_clear_free (self->picc);
          self->picc = EAC_CTX_new ();
          self->picc->tr_version = EAC_TR_VERSION_2_01;
          g_assert_true (EAC_CTX_init_ef_cardaccess (g_bytes_get_data (self->card_access, NULL),
                                                     g_bytes_get_size (self->card_access), self->picc));
        }
      if (ref.value[0] == 2)
        {
          password = self->can;
          self->picc_sec = PACE_SEC_new (password, strlen (password), PACE_RAW);
        }
      else
        {
          EVP_Digest (self->mrz_information, strlen (self->mrz_information), digest, &digest_len,
                      EVP_sha1 (), NULL);
          self->picc_sec = PACE_SEC_new ((const char *) digest, digest_len, PACE_RAW);
        }
      self->ga_step = 0;
      self->n_pace++;
      return bp_apdu_response_new (NULL, 0, 0x9000);
    }

  if (self->picc == NULL || !bp_tlv_parse (apdu->data, apdu->data_len, &outer, NULL) || outer.tag != 0x7C)
    return bp_apdu_response_new (NULL, 0, 0x6A80);
  if (outer.length > 0)
    {
      if (!bp_tlv_parse (outer.value, outer.length, &inner, NULL))
        return bp_apdu_response_new (NULL, 0, 0x6A80);
      in = sim_buf (inner.value, inner.length);
    }

  switch (self->ga_step++)
    {
    case 0:
      {
        BUF_MEM *z = PACE_STEP1_enc_nonce (self->picc, self->picc_sec);
        answer = sim_ga_answer (0x80, z, NULL);
        BUF_MEM_free (z);
        break;
      }
    case 1:
      {
        BUF_MEM *mine = PACE_STEP3A_generate_mapping_data (self->picc);

        g_assert_true (PACE_STEP3A_map_generator (self->picc, in));
        answer = sim_ga_answer (0x82, mine, NULL);
        BUF_MEM_free (mine);
        break;
      }
    case 2:
      {
        BUF_MEM *mine = PACE_STEP3B_generate_ephemeral_key (self->picc);

        g_assert_true (PACE_STEP3B_compute_shared_secret (self->picc, in));
        g_assert_true (PACE_STEP3C_derive_keys (self->picc));
        g_clear_pointer (&self->pcd_pub, BUF_MEM_free);
        self->pcd_pub = in;
        in = NULL;
        answer = sim_ga_answer (0x84, mine, NULL);
        BUF_MEM_free (mine);
        break;
      }
    case 3:
      {
        BUF_MEM *token;
        const KA_CTX *ka = self->picc->pace_ctx->ka_ctx;
        static const guint8 ssc[16] = { 0 };

        if (PACE_STEP3D_verify_authentication_token (self->picc, in) != 1)
          {
            g_clear_pointer (&self->pcd_pub, BUF_MEM_free);
            answer = bp_apdu_response_new (NULL, 0, 0x6300);
            break;
          }
        token = PACE_STEP3D_compute_authentication_token (self->picc, self->pcd_pub);
        g_clear_pointer (&self->pcd_pub, BUF_MEM_free);
        answer = sim_ga_answer (0x86, token, NULL);
        BUF_MEM_free (token);
        g_clear_pointer (&self->sm, bp_sm_unref);
        self->sm = bp_sm_new (EVP_CIPHER_get_block_size (ka->cipher) == 16 ? BP_SM_CIPHER_AES
                                                                           : BP_SM_CIPHER_3DES,
                              (const guint8 *) ka->k_enc->data, (const guint8 *) ka->k_mac->data,
                              ka->k_enc->length, ssc);
        break;
      }
    default:
      answer = bp_apdu_response_new (NULL, 0, 0x6985);
    }
  g_clear_pointer (&in, BUF_MEM_free);
  return answer;
}

static GBytes *
sim_chip_transmit (BpCard *card,
                   GBytes *command,
                   GCancellable *cancellable,
                   GError **error)
{
  SimChip *self = SIM_CHIP (card);
  BpApdu apdu;
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GBytes) answer = NULL;

  self->n_apdus++;
  if (!bp_apdu_parse (g_bytes_get_data (command, NULL), g_bytes_get_size (command), &apdu, NULL))
    return bp_apdu_response_new (NULL, 0, 0x6700);

  if ((apdu.cla & 0x0C) == 0)
    {
      /* A plain command ends secure messaging (9303-11 9.8.6.1). */
      g_clear_pointer (&self->sm, bp_sm_unref);
      if (apdu.ins == 0x22 || apdu.ins == 0x86)
        return sim_pace (self, &apdu);
      if (apdu.ins == 0x84)
        {
          if (self->no_bac)
            return bp_apdu_response_new (NULL, 0, 0x6D00);
          self->n_challenges++;
          for (guint i = 0; i < 8; i++)
            self->rnd_icc[i] = 0x40 + self->n_challenges + i;
          self->challenged = TRUE;
          return bp_apdu_response_new (self->rnd_icc, 8, 0x9000);
        }
      if (apdu.ins == 0x82)
        return sim_external_authenticate (self, &apdu);
      return sim_answer (self, &apdu, FALSE);
    }

  if (self->sm == NULL)
    return bp_apdu_response_new (NULL, 0, 0x6987);
  if (self->garbage)
    {
      gsize len = g_random_int_range (0, 64);
      g_autofree guint8 *buf = g_malloc (len + 1);

      for (gsize i = 0; i < len; i++)
        buf[i] = g_random_int ();
      return g_bytes_new (buf, len);
    }
  plain = bp_sm_unprotect_command (self->sm, command, NULL);
  if (plain == NULL)
    {
      g_clear_pointer (&self->sm, bp_sm_unref);
      return bp_apdu_response_new (NULL, 0, 0x6988);
    }
  g_assert_true (bp_apdu_parse (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), &apdu, NULL));
  if (apdu.ins == 0xB0)
    {
      self->n_reads++;
      if (self->n_reads == self->remove_at_read)
        {
          g_clear_pointer (&self->sm, bp_sm_unref);
          g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED, "card left the field");
          return NULL;
        }
      if (self->n_reads == self->break_at_read)
        {
          g_clear_pointer (&self->sm, bp_sm_unref);
          return bp_apdu_response_new (NULL, 0, 0x6988);
        }
    }
  answer = sim_answer (self, &apdu, TRUE);
  return bp_sm_protect_response (self->sm, apdu.ins, answer, NULL);
}

static gsize
sim_chip_get_max_transceive (BpCard *card)
{
  return SIM_CHIP (card)->max_transceive;
}

static void
sim_chip_iface_init (BpCardInterface *iface)
{
  iface->transmit = sim_chip_transmit;
  iface->get_max_transceive = sim_chip_get_max_transceive;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SimChip, sim_chip, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, sim_chip_iface_init))

static void
sim_chip_finalize (GObject *object)
{
  SimChip *self = SIM_CHIP (object);

  g_free (self->mrz_information);
  g_array_unref (self->files);
  g_array_unref (self->reads);
  g_clear_pointer (&self->sm, bp_sm_unref);
  g_free (self->can);
  g_clear_pointer (&self->card_access, g_bytes_unref);
  g_clear_pointer (&self->picc, EAC_CTX_clear_free);
  g_clear_pointer (&self->picc_sec, PACE_SEC_clear_free);
  g_clear_pointer (&self->pcd_pub, BUF_MEM_free);
  G_OBJECT_CLASS (sim_chip_parent_class)->finalize (object);
}

static void
sim_chip_class_init (SimChipClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sim_chip_finalize;
}

static void
sim_chip_init (SimChip *self)
{
  self->files = g_array_new (FALSE, TRUE, sizeof (SimFile));
  g_array_set_clear_func (self->files, sim_file_clear);
  self->reads = g_array_new (FALSE, TRUE, sizeof (SimRead));
  self->max_transceive = 261;
}

/* A file of total bytes: tag, length, then a counting pattern. */
static inline GBytes *
sim_make_file (guint8 tag,
               gsize total)
{
  GByteArray *out = g_byte_array_new ();
  gsize header = total - 2 < 0x80 ? 2 : total - 3 < 0x100 ? 3
                                                          : 4;
  gsize value = total - header;

  g_byte_array_append (out, &tag, 1);
  bp_tlv_append_length (out, value);
  g_assert_cmpuint (out->len, ==, header);
  for (gsize i = 0; i < value; i++)
    {
      guint8 b = (i * 7 + tag) & 0xFF;
      g_byte_array_append (out, &b, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static inline void
sim_chip_add_file (SimChip *self,
                   guint16 fid,
                   guint8 sfi,
                   GBytes *data,
                   gboolean protected_by_ta)
{
  SimFile file = { fid, sfi, data, protected_by_ta, FALSE };

  g_array_append_val (self->files, file);
}

static inline GBytes *
sim_chip_get_file (SimChip *self,
                   guint16 fid)
{
  for (guint i = 0; i < self->files->len; i++)
    if (g_array_index (self->files, SimFile, i).fid == fid)
      return g_array_index (self->files, SimFile, i).data;
  return NULL;
}

#define SIM_MRZ "L898902C<369080619406236"

/* EF.COM listing DG1, DG2, DG3, DG11; DG2 of dg2_size bytes. */
static inline SimChip *
sim_chip_new (gsize dg2_size)
{
  SimChip *self = g_object_new (SIM_TYPE_CHIP, NULL);
  static const guint8 com[] = { 0x60, 0x16, 0x5F, 0x01, 0x04, '0', '1', '0', '7', 0x5F, 0x36, 0x06,
                                '0', '4', '0', '0', '0', '0', 0x5C, 0x04, 0x61, 0x75, 0x63, 0x6B };

  self->mrz_information = g_strdup (SIM_MRZ);
  sim_chip_add_file (self, 0x011E, 0x1E, g_bytes_new_static (com, sizeof com), FALSE);
  sim_chip_add_file (self, 0x0101, 0x01, sim_make_file (0x61, 93), FALSE);
  sim_chip_add_file (self, 0x0102, 0x02, sim_make_file (0x75, dg2_size), FALSE);
  sim_chip_add_file (self, 0x0103, 0x03, sim_make_file (0x63, 500), TRUE);
  sim_chip_add_file (self, 0x010B, 0x0B, sim_make_file (0x6B, 140), FALSE);
  sim_chip_add_file (self, 0x011D, 0x1D, sim_make_file (0x77, 1800), FALSE);
  return self;
}

/* Offsets of the READ BINARY commands the chip answered for one file. */
static inline GArray *
sim_chip_offsets (SimChip *self,
                  guint16 fid)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint i = 0; i < self->reads->len; i++)
    {
      SimRead *read = &g_array_index (self->reads, SimRead, i);

      if (read->fid == fid)
        g_array_append_val (out, read->offset);
    }
  return out;
}

/* EF.CardAccess with one PACEInfo: protocol OID (last byte given, under
 * 0.4.0.127.0.7.2.2.4), version 2, parameter id. */
static inline void
sim_chip_add_pace (SimChip *self,
                   guint8 mapping,
                   guint8 cipher,
                   guint8 parameter_id)
{
  guint8 ca[] = { 0x31, 0x14, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02,
                  0x04, mapping, cipher, 0x02, 0x01, 0x02, 0x02, 0x01, parameter_id };
  SimFile file = { 0x011C, 0x1C, NULL, FALSE, TRUE };

  self->card_access = g_bytes_new (ca, sizeof ca);
  file.data = g_bytes_ref (self->card_access);
  g_array_append_val (self->files, file);
}
