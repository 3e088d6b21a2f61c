/* emrtd-script-card.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"
#include "emrtd-test-util.h"

/* A card that plays a script: each transmit() checks the command against
 * the next expected one (hex, NULL for any) and answers the scripted
 * response, or fails with a card error. */

typedef struct
{
  const char *command;  /* expected command, hex; NULL accepts anything */
  const char *response; /* hex; NULL means error */
  BpCardError error;
} ScriptStep;

#define SCRIPT_TYPE_CARD (script_card_get_type ())
G_DECLARE_FINAL_TYPE (ScriptCard, script_card, SCRIPT, CARD, GObject)

struct _ScriptCard
{
  GObject parent_instance;
  const ScriptStep *steps;
  guint n_steps;
  guint next;
  gsize max_transceive;
};

static GBytes *
script_card_transmit (BpCard *card,
                      GBytes *command,
                      GCancellable *cancellable,
                      GError **error)
{
  ScriptCard *self = SCRIPT_CARD (card);
  const ScriptStep *step;

  g_assert_cmpuint (self->next, <, self->n_steps);
  step = &self->steps[self->next++];
  if (step->command != NULL)
    assert_bytes_hex (command, step->command);
  if (step->response == NULL)
    {
      g_set_error_literal (error, BP_CARD_ERROR, step->error, "scripted card error");
      return NULL;
    }
  return hex_bytes (step->response);
}

static gsize
script_card_get_max_transceive (BpCard *card)
{
  return SCRIPT_CARD (card)->max_transceive;
}

static void
script_card_iface_init (BpCardInterface *iface)
{
  iface->transmit = script_card_transmit;
  iface->get_max_transceive = script_card_get_max_transceive;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ScriptCard, script_card, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, script_card_iface_init))

static void
script_card_class_init (ScriptCardClass *klass)
{
}

static void
script_card_init (ScriptCard *self)
{
  self->max_transceive = 261;
}

static inline ScriptCard *
script_card_new (const ScriptStep *steps,
                 guint n_steps)
{
  ScriptCard *self = g_object_new (SCRIPT_TYPE_CARD, NULL);

  self->steps = steps;
  self->n_steps = n_steps;
  return self;
}

static inline void
script_card_assert_done (ScriptCard *self)
{
  g_assert_cmpuint (self->next, ==, self->n_steps);
}
