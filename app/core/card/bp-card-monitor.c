/* bp-card-monitor.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-card-monitor"

#include "config.h"

#include "bp-card-monitor.h"
#include "bp-pcsc-reader.h"
#include "bp-virtual-chip.h"

/* State shared by the monitor and its worker thread. The worker never
 * holds the monitor itself, so dropping the last reference stops it. */
typedef struct
{
  BpCardReader *reader;
  guint interval_ms;
  GMainContext *context;
  GWeakRef monitor;
  GCancellable *cancellable;
  GMutex mutex;
  GCond cond;
} Watch;

typedef enum
{
  EVENT_INSERTED,
  EVENT_REMOVED,
  EVENT_ERROR,
} EventKind;

typedef struct
{
  Watch *watch;
  EventKind kind;
  BpCard *card;
  GError *error;
} Event;

struct _BpCardMonitor
{
  GObject parent_instance;

  BpCardReader *reader;
  guint interval_ms;
  Watch *watch; /* while running */
  GThread *thread;
  BpCard *card;
};

G_DEFINE_FINAL_TYPE (BpCardMonitor, bp_card_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_READER,
  PROP_INTERVAL,
  PROP_CARD,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum
{
  CARD_INSERTED,
  CARD_REMOVED,
  READER_ERROR,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
watch_free (Watch *watch)
{
  g_object_unref (watch->reader);
  g_main_context_unref (watch->context);
  g_weak_ref_clear (&watch->monitor);
  g_object_unref (watch->cancellable);
  g_mutex_clear (&watch->mutex);
  g_cond_clear (&watch->cond);
}

static Watch *
watch_ref (Watch *watch)
{
  return g_atomic_rc_box_acquire (watch);
}

static void
watch_unref (Watch *watch)
{
  g_atomic_rc_box_release_full (watch, (GDestroyNotify) watch_free);
}

/* Sleeps @ms unless the watch is cancelled first. Returns FALSE when
 * cancelled. */
static gboolean
watch_sleep (Watch *watch,
             guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&watch->mutex);
  while (!g_cancellable_is_cancelled (watch->cancellable))
    if (!g_cond_wait_until (&watch->cond, &watch->mutex, deadline))
      break;
  g_mutex_unlock (&watch->mutex);
  return !g_cancellable_is_cancelled (watch->cancellable);
}

static void
event_free (Event *event)
{
  watch_unref (event->watch);
  g_clear_object (&event->card);
  g_clear_error (&event->error);
  g_free (event);
}

static gboolean
dispatch_event_cb (gpointer data)
{
  Event *event = data;
  g_autoptr (BpCardMonitor) self = g_weak_ref_get (&event->watch->monitor);

  /* Events of a stopped run are dropped. */
  if (self == NULL || self->watch != event->watch)
    return G_SOURCE_REMOVE;

  switch (event->kind)
    {
    case EVENT_INSERTED:
      g_set_object (&self->card, event->card);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
      g_signal_emit (self, signals[CARD_INSERTED], 0, event->card);
      break;
    case EVENT_REMOVED:
      g_clear_object (&self->card);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
      g_signal_emit (self, signals[CARD_REMOVED], 0);
      break;
    case EVENT_ERROR:
      g_signal_emit (self, signals[READER_ERROR], 0, event->error);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
post_event (Watch *watch,
            EventKind kind,
            BpCard *card,
            const GError *error)
{
  Event *event = g_new0 (Event, 1);
  g_autoptr (GSource) source = NULL;

  event->watch = watch_ref (watch);
  event->kind = kind;
  event->card = card ? g_object_ref (card) : NULL;
  event->error = error ? g_error_copy (error) : NULL;
  /* Not g_main_context_invoke(): it would run the handler on this thread
   * whenever the main context is idle and free to acquire. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_event_cb, event, (GDestroyNotify) event_free);
  g_source_set_static_name (source, "[bp-card-monitor] event");
  g_source_attach (source, watch->context);
}

/* Reports a reader error once per distinct message. */
static void
report_error (Watch *watch,
              char **last_message,
              const GError *error)
{
  if (g_strcmp0 (*last_message, error->message) == 0)
    return;
  g_free (*last_message);
  *last_message = g_strdup (error->message);
  post_event (watch, EVENT_ERROR, NULL, error);
}

/* Waits for a card to arrive and connects to it; NULL when there is none
 * yet (after waiting about one interval) or on error. */
static BpCard *
wait_for_card (Watch *watch,
               GError **error)
{
  if (BP_IS_PCSC_READER (watch->reader))
    {
      gboolean present = FALSE;

      if (!bp_pcsc_reader_wait_change (BP_PCSC_READER (watch->reader), &present,
                                       watch->interval_ms, watch->cancellable, error))
        return NULL;
      if (!present)
        return NULL;
    }

  return bp_card_reader_connect (watch->reader, watch->cancellable, error);
}

/* The virtual chip keeps its own presence (its fault knobs take it out of
 * the field); other cards answer through bp_card_is_present(). */
static gboolean
card_is_present (BpCard *card,
                 GError **error)
{
  if (BP_IS_VIRTUAL_CHIP (card))
    return bp_virtual_chip_is_present (BP_VIRTUAL_CHIP (card));
  return bp_card_is_present (card, error);
}

static gpointer
watch_thread (gpointer data)
{
  Watch *watch = data;
  g_autoptr (BpCard) card = NULL;
  g_autofree char *last_message = NULL;

  while (!g_cancellable_is_cancelled (watch->cancellable))
    {
      g_autoptr (GError) error = NULL;

      if (card == NULL)
        {
          card = wait_for_card (watch, &error);
          if (card != NULL)
            {
              g_clear_pointer (&last_message, g_free);
              post_event (watch, EVENT_INSERTED, card, NULL);
              continue;
            }
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          if (error != NULL && !g_error_matches (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD))
            report_error (watch, &last_message, error);
          else
            g_clear_pointer (&last_message, g_free);
          /* PC/SC already waited in SCardGetStatusChange. */
          if (BP_IS_PCSC_READER (watch->reader) && error == NULL)
            continue;
        }
      else if (!card_is_present (card, &error))
        {
          g_clear_object (&card);
          post_event (watch, EVENT_REMOVED, NULL, NULL);
          if (error != NULL)
            report_error (watch, &last_message, error);
          continue;
        }

      watch_sleep (watch, watch->interval_ms);
    }

  watch_unref (watch);
  return NULL;
}

static void
bp_card_monitor_dispose (GObject *object)
{
  BpCardMonitor *self = BP_CARD_MONITOR (object);

  bp_card_monitor_stop (self);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (bp_card_monitor_parent_class)->dispose (object);
}

static void
bp_card_monitor_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  BpCardMonitor *self = BP_CARD_MONITOR (object);

  switch (prop_id)
    {
    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_card_monitor_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  BpCardMonitor *self = BP_CARD_MONITOR (object);

  switch (prop_id)
    {
    case PROP_READER:
      self->reader = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      bp_card_monitor_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_card_monitor_class_init (BpCardMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_card_monitor_dispose;
  object_class->get_property = bp_card_monitor_get_property;
  object_class->set_property = bp_card_monitor_set_property;

  properties[PROP_READER] = g_param_spec_object ("reader", NULL, NULL, BP_TYPE_CARD_READER,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 10, 60000, 300,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARD] = g_param_spec_object ("card", NULL, NULL, BP_TYPE_CARD,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpCardMonitor::card-inserted:
   * @card: the connected card
   *
   * A document was placed on the reader and answers.
   */
  signals[CARD_INSERTED] = g_signal_new ("card-inserted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, BP_TYPE_CARD);
  /**
   * BpCardMonitor::card-removed:
   *
   * The document announced by the last "card-inserted" left the reader.
   */
  signals[CARD_REMOVED] = g_signal_new ("card-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BpCardMonitor::reader-error:
   * @error: what went wrong
   *
   * The reader failed (unplugged, pcscd stopped, …); monitoring goes on.
   */
  signals[READER_ERROR] = g_signal_new ("reader-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bp_card_monitor_init (BpCardMonitor *self)
{
  self->interval_ms = 300;
}

/**
 * bp_card_monitor_new:
 * @reader: the reader to watch
 *
 * Creates a monitor; call bp_card_monitor_start() to begin.
 */
BpCardMonitor *
bp_card_monitor_new (BpCardReader *reader)
{
  g_return_val_if_fail (BP_IS_CARD_READER (reader), NULL);

  return g_object_new (BP_TYPE_CARD_MONITOR, "reader", reader, NULL);
}

/**
 * bp_card_monitor_get_reader:
 * @self: a #BpCardMonitor
 *
 * Returns: (transfer none): the watched reader
 */
BpCardReader *
bp_card_monitor_get_reader (BpCardMonitor *self)
{
  g_return_val_if_fail (BP_IS_CARD_MONITOR (self), NULL);

  return self->reader;
}

/**
 * bp_card_monitor_set_interval:
 * @self: a #BpCardMonitor
 * @interval_ms: milliseconds between polls
 *
 * Sets the polling interval; takes effect at the next start().
 */
void
bp_card_monitor_set_interval (BpCardMonitor *self,
                              guint interval_ms)
{
  g_return_if_fail (BP_IS_CARD_MONITOR (self));
  g_return_if_fail (interval_ms >= 10);

  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * bp_card_monitor_get_interval:
 * @self: a #BpCardMonitor
 *
 * Returns: the polling interval in milliseconds
 */
guint
bp_card_monitor_get_interval (BpCardMonitor *self)
{
  g_return_val_if_fail (BP_IS_CARD_MONITOR (self), 0);

  return self->interval_ms;
}

/**
 * bp_card_monitor_start:
 * @self: a #BpCardMonitor
 *
 * Starts watching on a worker thread. Signals are emitted on the
 * thread-default main context of the caller.
 */
void
bp_card_monitor_start (BpCardMonitor *self)
{
  Watch *watch;

  g_return_if_fail (BP_IS_CARD_MONITOR (self));

  if (self->watch != NULL)
    return;

  watch = g_atomic_rc_box_new0 (Watch);
  watch->reader = g_object_ref (self->reader);
  watch->interval_ms = self->interval_ms;
  watch->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&watch->monitor, self);
  watch->cancellable = g_cancellable_new ();
  g_mutex_init (&watch->mutex);
  g_cond_init (&watch->cond);

  self->watch = watch;
  self->thread = g_thread_new ("bp-card-monitor", watch_thread, watch_ref (watch));
}

/**
 * bp_card_monitor_stop:
 * @self: a #BpCardMonitor
 *
 * Stops the worker and waits for it. Undelivered events are dropped.
 */
void
bp_card_monitor_stop (BpCardMonitor *self)
{
  Watch *watch;

  g_return_if_fail (BP_IS_CARD_MONITOR (self));

  if (self->watch == NULL)
    return;

  watch = g_steal_pointer (&self->watch);
  g_mutex_lock (&watch->mutex);
  g_cancellable_cancel (watch->cancellable);
  g_cond_broadcast (&watch->cond);
  g_mutex_unlock (&watch->mutex);
  g_thread_join (g_steal_pointer (&self->thread));
  watch_unref (watch);

  if (self->card != NULL)
    {
      g_clear_object (&self->card);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
    }
}

/**
 * bp_card_monitor_is_running:
 * @self: a #BpCardMonitor
 *
 * Returns: whether the worker runs
 */
gboolean
bp_card_monitor_is_running (BpCardMonitor *self)
{
  g_return_val_if_fail (BP_IS_CARD_MONITOR (self), FALSE);

  return self->watch != NULL;
}

/**
 * bp_card_monitor_get_card:
 * @self: a #BpCardMonitor
 *
 * Returns: (transfer none) (nullable): the card last announced by
 *   "card-inserted" and not yet removed
 */
BpCard *
bp_card_monitor_get_card (BpCardMonitor *self)
{
  g_return_val_if_fail (BP_IS_CARD_MONITOR (self), NULL);

  return self->card;
}
