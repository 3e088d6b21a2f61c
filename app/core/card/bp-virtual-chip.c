/* bp-virtual-chip.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include <string.h>

#include <eac/eac.h>
#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "bp-apdu.h"
#include "bp-bac.h"
#include "bp-chip-error.h"
#include "bp-mrz.h"
#include "bp-virtual-chip-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EAC_CTX, EAC_CTX_clear_free)

#define CAM_OID_PREFIX "0.4.0.127.0.7.2.2.4.6."
#define ECDH_GM_OID_PREFIX "0.4.0.127.0.7.2.2.4.2."

static void bp_virtual_chip_card_init (BpCardInterface *iface);
static void update_card_access (BpVirtualChip *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpVirtualChip, bp_virtual_chip, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, bp_virtual_chip_card_init))

void
_bp_vc_random (BpVcState *state,
               guint8 *buffer,
               gsize length)
{
  if (state->random_func != NULL)
    state->random_func (buffer, length, state->random_data);
  else if (RAND_bytes (buffer, (int) length) != 1)
    g_error ("The system random number generator failed");
}

void
_bp_vc_drop_session (BpVirtualChip *self)
{
  g_clear_pointer (&self->state.sm, bp_sm_unref);
  g_clear_pointer (&self->state.pace, _bp_vc_pace_free);
  g_clear_pointer (&self->state.next_sm, bp_sm_unref);
  self->state.ca_selected = FALSE;
  self->state.session = BP_VC_SESSION_NONE;
  self->state.challenge_valid = FALSE;
}

void
_bp_vc_power_up (BpVirtualChip *self)
{
  _bp_vc_drop_session (self);
  self->application_selected = FALSE;
  self->current_ef = 0;
}

/* Runs a plain (unwrapped) command. Returns the status word, or 0 with
 * error set when the chip leaves the field instead of answering. */
static guint16
dispatch (BpVirtualChip *self,
          const BpVcCommand *command,
          gsize max_data,
          GByteArray *response,
          GError **error)
{
  switch (command->ins)
    {
    case 0xA4:
      return _bp_vc_select_file (self, command, response);
    case 0xB0:
    case 0xB1:
      return _bp_vc_read_binary (self, command, max_data, response, error);
    case 0x84:
      return _bp_vc_get_challenge (&self->state, command, response);
    case 0x82:
      return _bp_vc_external_authenticate (&self->state, command, response);
    case 0x88:
      return _bp_vc_internal_authenticate (&self->state, command, max_data, response);
    case 0x22:
      if (command->p1 == 0x41 && command->p2 == 0xA6)
        return _bp_vc_ca_set_kat (&self->state, command);
      if (command->p1 == 0x41 && command->p2 == 0xA4)
        return _bp_vc_ca_set_at (&self->state, command);
      return _bp_vc_pace_set_at (&self->state, command);
    case 0x86:
      if (self->state.pace == NULL && self->state.ca_selected)
        return _bp_vc_ca_general_authenticate (&self->state, command, response);
      return _bp_vc_pace_general_authenticate (&self->state, command, response);
    default:
      return SW_INS_UNSUPPORTED;
    }
}

/* ISO 7816-3 cases 1 to 4, short and extended, by the chip module's
 * parser. In a short APDU Le 00 is the only way to ask for 256 bytes, so
 * "as much as there is" is 256 short or 65536 extended. */
static gboolean
parse_command (const guint8 *apdu,
               gsize length,
               BpVcCommand *out)
{
  BpApdu parsed;

  memset (out, 0, sizeof *out);
  if (!bp_apdu_parse (apdu, length, &parsed, NULL))
    return FALSE;
  out->cla = parsed.cla;
  out->ins = parsed.ins;
  out->p1 = parsed.p1;
  out->p2 = parsed.p2;
  out->data = parsed.data;
  out->lc = parsed.data_len;
  out->le = parsed.ne;
  out->extended = parsed.extended;
  out->le_max = parsed.extended ? parsed.ne == BP_APDU_MAX_NE : parsed.ne == 256;
  return TRUE;
}

static GBytes *
status_only (guint16 sw)
{
  guint8 bytes[2] = { sw >> 8, sw & 0xFF };
  return g_bytes_new (bytes, 2);
}

static GBytes *
plain_response (GByteArray *data,
                guint16 sw)
{
  guint8 bytes[2] = { sw >> 8, sw & 0xFF };

  g_byte_array_append (data, bytes, 2);
  return g_bytes_new (data->data, data->len);
}

/* Longest plaintext a protected short response (256 bytes) can carry:
 * 87 81 L 01 <cryptogram> 99 02 SW1 SW2 8E 08 <MAC>. */
static gsize
max_short_plaintext (BpSm *sm)
{
  gsize block = bp_sm_cipher_block_size (bp_sm_get_cipher (sm));
  gsize padded = 238 - 238 % block;

  return padded - 1;
}

static GBytes *
process_protected (BpVirtualChip *self,
                   const guint8 *apdu,
                   gsize length,
                   GError **error)
{
  g_autoptr (GByteArray) response = g_byte_array_new ();
  g_autoptr (GBytes) wrapped = g_bytes_new (apdu, length);
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GBytes) plain_answer = NULL;
  g_autoptr (GBytes) protected = NULL;
  g_autoptr (GError) sm_error = NULL;
  BpVcCommand command;
  gsize max_data;
  guint16 sw;

  if (self->state.sm == NULL)
    return status_only (SW_SM_WRONG);
  plain = bp_sm_unprotect_command (self->state.sm, wrapped, &sm_error);
  if (plain == NULL || !parse_command (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), &command))
    {
      /* Real chips end the session on any secure messaging error. */
      gboolean bad_mac = g_error_matches (sm_error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);

      _bp_vc_drop_session (self);
      return status_only (bad_mac ? SW_SM_WRONG : SW_SM_MISSING);
    }

  if (self->extended_length)
    max_data = 65536 - 64;
  else
    max_data = max_short_plaintext (self->state.sm);
  if (command.cla & 0x10)
    sw = SW_CHAINING_UNSUPPORTED;
  else
    sw = dispatch (self, &command, max_data, response, error);
  if (sw == 0)
    return NULL;
  if (self->state.sm == NULL)
    return status_only (sw); /* the session ended while answering */

  plain_answer = plain_response (response, sw);
  protected = bp_sm_protect_response (self->state.sm, command.ins, plain_answer, &sm_error);
  if (protected == NULL)
    {
      _bp_vc_drop_session (self);
      return status_only (SW_SM_WRONG);
    }

  /* Chip Authentication: its answer went under the old keys; the next
   * command comes under the new ones, SSC zero. */
  if (self->state.next_sm != NULL)
    {
      g_clear_pointer (&self->state.sm, bp_sm_unref);
      self->state.sm = g_steal_pointer (&self->state.next_sm);
      self->state.session = BP_VC_SESSION_CA;
    }

  self->n_protected_responses++;
  if (self->wrong_mac_from != 0 && self->n_protected_responses >= self->wrong_mac_from)
    {
      gsize n;
      guint8 *bytes = g_bytes_unref_to_data (g_steal_pointer (&protected), &n);

      /* The MAC is the last 8 bytes before SW1 SW2. */
      bytes[n - 3] ^= 0x5A;
      return g_bytes_new_take (bytes, n);
    }
  return g_steal_pointer (&protected);
}

/* One APDU with the mutex held. */
static GBytes *
process (BpVirtualChip *self,
         const guint8 *apdu,
         gsize length,
         GError **error)
{
  g_autoptr (GByteArray) response = g_byte_array_new ();
  BpVcCommand command;
  guint16 sw;
  gsize max_data = self->extended_length ? 65536 : 256;

  if (!parse_command (apdu, length, &command))
    return status_only (SW_WRONG_LENGTH);
  /* PACE with 2048-bit DH needs 256-byte keys in GENERAL AUTHENTICATE,
   * so chips that offer it take extended length there at least. */
  if (command.extended && !self->extended_length && command.ins != 0x86)
    return status_only (SW_WRONG_LENGTH);
  if ((command.cla & ~0x1C) != 0)
    return status_only (SW_CLA_UNSUPPORTED);

  if ((command.cla & 0x0C) == 0x0C)
    return process_protected (self, apdu, length, error);

  /* A plain command while a session is up ends the session. */
  if (self->state.sm != NULL)
    _bp_vc_drop_session (self);

  /* PACE sends its GENERAL AUTHENTICATE steps as a command chain (CLA
   * 10), each step a whole command with its own answer; nothing else
   * takes chaining. */
  if ((command.cla & 0x10) && command.ins != 0x86)
    return status_only (SW_CHAINING_UNSUPPORTED);
  sw = dispatch (self, &command, max_data, response, error);
  if (sw == 0)
    return NULL;
  return plain_response (response, sw);
}

static GBytes *
bp_virtual_chip_transmit (BpCard *card,
                          GBytes *command,
                          GCancellable *cancellable,
                          GError **error)
{
  BpVirtualChip *self = BP_VIRTUAL_CHIP (card);
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) local_error = NULL;
  const guint8 *apdu;
  gsize length;
  guint delay_ms;

  apdu = g_bytes_get_data (command, &length);

  g_mutex_lock (&self->mutex);
  delay_ms = self->delay_ms;
  if (self->present && self->remove_after_apdus == 0)
    {
      self->present = FALSE;
      self->remove_after_apdus = -1;
      _bp_vc_power_up (self);
    }
  if (!self->present)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED,
                           _ ("The document was taken off the reader."));
      return NULL;
    }
  if (self->remove_after_apdus > 0)
    self->remove_after_apdus--;
  self->n_apdus++;
  response = process (self, apdu, length, &local_error);
  g_mutex_unlock (&self->mutex);

  /* Sleep in slices so that a cancelled read does not wait it out. */
  for (guint waited = 0; waited < delay_ms; waited += 10)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (MIN (10, delay_ms - waited) * 1000);
    }

  if (response == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&response);
}

static gsize
bp_virtual_chip_get_max_transceive (BpCard *card)
{
  BpVirtualChip *self = BP_VIRTUAL_CHIP (card);
  gsize max;

  g_mutex_lock (&self->mutex);
  max = self->extended_length ? 65536 + 9 : 261;
  g_mutex_unlock (&self->mutex);
  return max;
}

static GBytes *
bp_virtual_chip_dup_atr (BpCard *card)
{
  /* ATS of a typical ISO 14443-4 passport chip: FSCI 256 bytes, TA/TB/TC. */
  static const guint8 ats[] = { 0x05, 0x78, 0x80, 0x70, 0x02 };

  return g_bytes_new_static (ats, sizeof ats);
}

static const char *
bp_virtual_chip_get_description (BpCard *card)
{
  return "Virtual eMRTD chip";
}

/* The monitor polls this: a chip taken off the reader (or replaced by the
 * next traveller's) reads as gone, as a real card that left the field. */
static gboolean
bp_virtual_chip_card_is_present (BpCard *card,
                                 GError **error)
{
  return bp_virtual_chip_is_present (BP_VIRTUAL_CHIP (card));
}

static void
bp_virtual_chip_card_init (BpCardInterface *iface)
{
  iface->is_present = bp_virtual_chip_card_is_present;
  iface->transmit = bp_virtual_chip_transmit;
  iface->get_max_transceive = bp_virtual_chip_get_max_transceive;
  iface->dup_atr = bp_virtual_chip_dup_atr;
  iface->get_description = bp_virtual_chip_get_description;
}

static void
bp_virtual_chip_finalize (GObject *object)
{
  BpVirtualChip *self = BP_VIRTUAL_CHIP (object);

  _bp_vc_drop_session (self);
  if (self->random_destroy != NULL)
    self->random_destroy (self->state.random_data);
  g_clear_pointer (&self->state.mrz_information, g_free);
  g_clear_pointer (&self->state.can, g_free);
  g_clear_pointer (&self->state.pace_oid, g_free);
  g_clear_pointer (&self->state.ca_key, EVP_PKEY_free);
  g_clear_pointer (&self->state.aa_key, EVP_PKEY_free);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->truncations, g_hash_table_unref);
  g_clear_pointer (&self->corruptions, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bp_virtual_chip_parent_class)->finalize (object);
}

static void
bp_virtual_chip_class_init (BpVirtualChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_virtual_chip_finalize;
}

static void
bp_virtual_chip_init (BpVirtualChip *self)
{
  static gsize eac_initialised = 0;

  if (g_once_init_enter (&eac_initialised))
    {
      /* Registers OpenPACE's object identifiers with OpenSSL. */
      EAC_init ();
      g_once_init_leave (&eac_initialised, 1);
    }

  g_mutex_init (&self->mutex);
  self->files = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  self->truncations = g_hash_table_new (NULL, NULL);
  self->corruptions = g_hash_table_new (NULL, NULL);
  self->state.protocols = BP_VIRTUAL_CHIP_BAC | BP_VIRTUAL_CHIP_PACE;
  self->state.pace_oid = g_strdup (BP_VIRTUAL_CHIP_PACE_DEFAULT_OID);
  self->state.pace_nid = OBJ_txt2nid (BP_VIRTUAL_CHIP_PACE_DEFAULT_OID);
  self->state.pace_parameter_id = BP_VIRTUAL_CHIP_PACE_DEFAULT_PARAMETER;
  self->max_short_le = 256;
  self->le_reject_sw = SW_WRONG_LENGTH;
  self->remove_after_apdus = -1;
  self->present = TRUE;
  update_card_access (self);
}

/**
 * bp_virtual_chip_new:
 *
 * Creates a chip keyed by the printed access data, offering BAC and PACE,
 * with no files yet.
 */
BpVirtualChip *
bp_virtual_chip_new (const char *document_number,
                     const char *birth_date,
                     const char *expiry_date)
{
  BpVirtualChip *self;
  g_autofree char *information = NULL;

  g_return_val_if_fail (document_number != NULL, NULL);
  g_return_val_if_fail (birth_date != NULL, NULL);
  g_return_val_if_fail (expiry_date != NULL, NULL);

  information = bp_bac_mrz_information (document_number, birth_date, expiry_date, NULL);
  g_return_val_if_fail (information != NULL, NULL);

  self = g_object_new (BP_TYPE_VIRTUAL_CHIP, NULL);
  self->state.mrz_information = g_steal_pointer (&information);
  return self;
}

/**
 * bp_virtual_chip_new_from_mrz:
 *
 * Creates a chip keyed by the access data of a whole machine readable zone.
 */
BpVirtualChip *
bp_virtual_chip_new_from_mrz (const char *mrz,
                              GError **error)
{
  g_autoptr (BpMrz) parsed = NULL;
  g_autofree char *information = NULL;
  BpVirtualChip *self;

  g_return_val_if_fail (mrz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = bp_mrz_parse (mrz, NULL, error);
  if (parsed == NULL)
    return NULL;
  information = bp_bac_mrz_information_from_mrz (parsed, error);
  if (information == NULL)
    return NULL;

  self = g_object_new (BP_TYPE_VIRTUAL_CHIP, NULL);
  self->state.mrz_information = g_steal_pointer (&information);
  return self;
}

/**
 * bp_virtual_chip_get_mrz_information:
 *
 * Returns the key-bearing part of the MRZ (number, dates, check digits).
 */
const char *
bp_virtual_chip_get_mrz_information (BpVirtualChip *self)
{
  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), NULL);

  return self->state.mrz_information;
}

/**
 * bp_virtual_chip_set_can:
 *
 * Sets the card access number that PACE accepts besides the MRZ.
 */
void
bp_virtual_chip_set_can (BpVirtualChip *self,
                         const char *can)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  g_free (self->state.can);
  self->state.can = g_strdup (can);
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_file:
 *
 * Stores (or with NULL removes) the contents of an elementary file.
 */
void
bp_virtual_chip_set_file (BpVirtualChip *self,
                          guint16 fid,
                          GBytes *contents)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  if (fid == BP_VIRTUAL_CHIP_FID_CARD_ACCESS)
    self->card_access_given = contents != NULL;
  if (contents != NULL)
    g_hash_table_insert (self->files, GUINT_TO_POINTER (fid), g_bytes_ref (contents));
  else
    g_hash_table_remove (self->files, GUINT_TO_POINTER (fid));
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_dup_file:
 *
 * Returns the contents of a file as stored (no fault applied), or NULL.
 */
GBytes *
bp_virtual_chip_dup_file (BpVirtualChip *self,
                          guint16 fid)
{
  GBytes *contents;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), NULL);

  g_mutex_lock (&self->mutex);
  contents = g_hash_table_lookup (self->files, GUINT_TO_POINTER (fid));
  if (contents != NULL)
    g_bytes_ref (contents);
  g_mutex_unlock (&self->mutex);
  return contents;
}

static void
update_card_access (BpVirtualChip *self)
{
  /* Write an EF.CardAccess for PACE unless one was given. */
  if (self->card_access_given)
    return;
  if (self->state.protocols & BP_VIRTUAL_CHIP_PACE)
    {
      g_autoptr (GBytes) card_access = _bp_vc_pace_card_access (self->state.pace_oid,
                                                                self->state.pace_parameter_id);
      g_hash_table_insert (self->files, GUINT_TO_POINTER (BP_VIRTUAL_CHIP_FID_CARD_ACCESS),
                           g_steal_pointer (&card_access));
    }
  else
    g_hash_table_remove (self->files, GUINT_TO_POINTER (BP_VIRTUAL_CHIP_FID_CARD_ACCESS));
}

/**
 * bp_virtual_chip_set_protocols:
 *
 * Chooses the access control offered. Unless an EF.CardAccess was given,
 * the chip writes one that describes its PACE parameters.
 */
void
bp_virtual_chip_set_protocols (BpVirtualChip *self,
                               BpVirtualChipProtocols protocols)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->state.protocols = protocols;
  update_card_access (self);
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_get_protocols:
 *
 * Returns the access control the chip offers.
 */
BpVirtualChipProtocols
bp_virtual_chip_get_protocols (BpVirtualChip *self)
{
  BpVirtualChipProtocols protocols;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), 0);

  g_mutex_lock (&self->mutex);
  protocols = self->state.protocols;
  g_mutex_unlock (&self->mutex);
  return protocols;
}

/**
 * bp_virtual_chip_set_pace_parameters:
 *
 * Chooses the PACE protocol and domain parameters and rewrites
 * EF.CardAccess to match.
 */
gboolean
bp_virtual_chip_set_pace_parameters (BpVirtualChip *self,
                                     const char *protocol_oid,
                                     int parameter_id,
                                     GError **error)
{
  g_autoptr (EAC_CTX) ctx = NULL;
  g_autofree char *gm_oid = NULL;
  gboolean cam;
  int nid;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), FALSE);
  g_return_val_if_fail (protocol_oid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Chip Authentication Mapping (id-PACE-ECDH-CAM-AES-*) maps like ECDH
   * generic mapping with the same cipher; OpenPACE knows only the latter. */
  cam = g_str_has_prefix (protocol_oid, CAM_OID_PREFIX);
  if (cam)
    {
      const char *suffix = protocol_oid + strlen (CAM_OID_PREFIX);

      if (g_strcmp0 (suffix, "2") == 0 || g_strcmp0 (suffix, "3") == 0 || g_strcmp0 (suffix, "4") == 0)
        gm_oid = g_strconcat (ECDH_GM_OID_PREFIX, suffix, NULL);
    }
  nid = OBJ_txt2nid (cam ? (gm_oid ? gm_oid : "") : protocol_oid);
  ctx = EAC_CTX_new ();
  if (nid == NID_undef || ctx == NULL || !_bp_vc_pace_init_ctx (ctx, nid, parameter_id))
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                   _ ("PACE protocol %s with domain parameters %d is not supported."),
                   protocol_oid, parameter_id);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  g_free (self->state.pace_oid);
  self->state.pace_oid = g_strdup (protocol_oid);
  self->state.pace_nid = nid;
  self->state.pace_parameter_id = parameter_id;
  self->state.pace_cam = cam;
  /* CAM needs a static key on the PACE curve. */
  if (cam && (self->state.ca_key == NULL || !_bp_vc_cam_key_matches (self->state.ca_key, parameter_id)))
    {
      g_clear_pointer (&self->state.ca_key, EVP_PKEY_free);
      self->state.ca_key = _bp_vc_cam_generate_key (parameter_id);
    }
  update_card_access (self);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/**
 * bp_virtual_chip_set_chip_authentication_key:
 *
 * Sets the chip's static Chip Authentication key pair (DER, PKCS#8 or
 * traditional EC; or DH, PKCS#3 or X9.42, in PKCS#8), used by Chip
 * Authentication and (EC only) Chip Authentication Mapping. Its public
 * half belongs in DG14.
 */
gboolean
bp_virtual_chip_set_chip_authentication_key (BpVirtualChip *self,
                                             GBytes *private_key_der,
                                             GError **error)
{
  const unsigned char *der;
  gsize length;
  EVP_PKEY *key;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), FALSE);
  g_return_val_if_fail (private_key_der != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  der = g_bytes_get_data (private_key_der, &length);
  key = d2i_AutoPrivateKey (NULL, &der, (long) length);
  if (key == NULL
      || (EVP_PKEY_get_base_id (key) != EVP_PKEY_EC && EVP_PKEY_get_base_id (key) != EVP_PKEY_DH
          && EVP_PKEY_get_base_id (key) != EVP_PKEY_DHX))
    {
      EVP_PKEY_free (key);
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                           _ ("The Chip Authentication key is not an elliptic curve or "
                              "Diffie-Hellman private key."));
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->state.ca_key, EVP_PKEY_free);
  self->state.ca_key = key;
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/**
 * bp_virtual_chip_set_active_authentication_key:
 *
 * Sets (or with NULL removes) the Active Authentication key pair (DER,
 * RSA or EC); the chip then answers INTERNAL AUTHENTICATE.
 */
gboolean
bp_virtual_chip_set_active_authentication_key (BpVirtualChip *self,
                                               GBytes *private_key_der,
                                               GError **error)
{
  const unsigned char *der;
  gsize length;
  EVP_PKEY *key = NULL;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (private_key_der != NULL)
    {
      der = g_bytes_get_data (private_key_der, &length);
      key = d2i_AutoPrivateKey (NULL, &der, (long) length);
      if (key == NULL || (EVP_PKEY_get_base_id (key) != EVP_PKEY_EC && EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA))
        {
          EVP_PKEY_free (key);
          g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                               _ ("The Active Authentication key is not an RSA or elliptic curve private key."));
          return FALSE;
        }
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->state.aa_key, EVP_PKEY_free);
  self->state.aa_key = key;
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/**
 * bp_virtual_chip_dup_chip_authentication_public_key:
 *
 * Returns the public half of the Chip Authentication key as a DER
 * SubjectPublicKeyInfo, or NULL when the chip has none.
 */
GBytes *
bp_virtual_chip_dup_chip_authentication_public_key (BpVirtualChip *self)
{
  unsigned char *der = NULL;
  int length = -1;
  GBytes *out = NULL;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->state.ca_key != NULL)
    length = i2d_PUBKEY (self->state.ca_key, &der);
  g_mutex_unlock (&self->mutex);
  if (length > 0)
    out = g_bytes_new (der, length);
  OPENSSL_free (der);
  return out;
}

/**
 * bp_virtual_chip_set_extended_length:
 *
 * Whether the chip takes extended length APDUs.
 */
void
bp_virtual_chip_set_extended_length (BpVirtualChip *self,
                                     gboolean supported)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->extended_length = !!supported;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_max_short_le:
 *
 * Makes READ BINARY refuse short Le values above max_le with sw.
 */
void
bp_virtual_chip_set_max_short_le (BpVirtualChip *self,
                                  guint max_le,
                                  guint16 sw)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));
  g_return_if_fail (max_le >= 1 && max_le <= 256);

  g_mutex_lock (&self->mutex);
  self->max_short_le = max_le;
  self->le_reject_sw = sw;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_random_func:
 *
 * Replaces the source of RND.ICC and K.ICC, for exact-value tests.
 */
void
bp_virtual_chip_set_random_func (BpVirtualChip *self,
                                 BpVirtualChipRandomFunc func,
                                 gpointer user_data,
                                 GDestroyNotify destroy)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  if (self->random_destroy != NULL)
    self->random_destroy (self->state.random_data);
  self->state.random_func = func;
  self->state.random_data = user_data;
  self->random_destroy = destroy;
  g_mutex_unlock (&self->mutex);
}
