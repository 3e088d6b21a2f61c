/* bp-preferences-window.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-card-readers.h"
#include "bp-preferences-window.h"
#include "bp-ui-util.h"

struct _BpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *booth_row;
  AdwComboRow *direction_row;
  GtkSpinButton *minor_age_spin;
  GtkSpinButton *expiry_spin;
  GtkSwitch *auto_advance_switch;
  AdwActionRow *demo_names_row;
  GtkSwitch *demo_names_switch;
  AdwEntryRow *camera_row;
  AdwEntryRow *database_row;
  AdwComboRow *reader_row;
  GtkSwitch *sync_switch;
  AdwEntryRow *hq_url_row;
  AdwEntryRow *hq_ca_row;
  AdwEntryRow *client_cert_row;
  AdwEntryRow *client_key_row;
  AdwEntryRow *update_key_row;
  AdwPreferencesGroup *lists_group;
  AdwPreferencesGroup *trust_group;

  GSettings *settings;
  GPtrArray *reader_ids; /* index in reader_row → GSettings value; 0 is "none" */
};

G_DEFINE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
direction_get_mapping (GValue *value,
                       GVariant *variant,
                       gpointer user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "exit") ? 1 : 0);
  return TRUE;
}

static GVariant *
direction_set_mapping (const GValue *value,
                       const GVariantType *expected_type,
                       gpointer user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "exit" : "entry");
}

static char *
format_unix_date (gint64 unix_time)
{
  g_autoptr (GDateTime) time = NULL;

  if (unix_time <= 0)
    return g_strdup ("—");
  time = g_date_time_new_from_unix_local (unix_time);
  /* Translators: a date in the preferences, strftime format. */
  return time ? g_date_time_format (time, _ ("%d/%m/%Y")) : g_strdup ("—");
}

static void
add_info_row (AdwPreferencesGroup *group,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

/* Readers of every transport, plus the one configured even when it is not
 * plugged in now, so that opening Preferences never changes the setting. */
static void
fill_readers (BpPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReaderList) readers = bp_card_readers_list (&error);
  g_autofree char *configured = g_settings_get_string (self->settings, "chip-reader");
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->reader_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->reader_ids, g_strdup (""));
  gtk_string_list_append (names, _ ("None: the chip is not read"));

  for (guint i = 0; readers != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (readers)); i++)
    {
      g_autoptr (BpCardReader) reader = g_list_model_get_item (G_LIST_MODEL (readers), i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", bp_card_reader_get_name (reader),
                                                bp_card_reader_get_transport (reader));

      if (g_str_equal (bp_card_reader_get_id (reader), configured))
        selected = self->reader_ids->len;
      g_ptr_array_add (self->reader_ids, g_strdup (bp_card_reader_get_id (reader)));
      gtk_string_list_append (names, label);
    }

  if (configured[0] != '\0' && selected == 0)
    {
      g_autofree char *label = NULL;

      /* Translators: %s identifies a chip reader that is configured but not found. */
      label = g_strdup_printf (_ ("%s (not connected)"), configured);
      selected = self->reader_ids->len;
      g_ptr_array_add (self->reader_ids, g_strdup (configured));
      gtk_string_list_append (names, label);
    }

  adw_combo_row_set_model (self->reader_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->reader_row, selected);
}

static void
reader_selected_cb (BpPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->reader_row);

  if (self->reader_ids == NULL || selected >= self->reader_ids->len)
    return;
  g_settings_set_string (self->settings, "chip-reader", g_ptr_array_index (self->reader_ids, selected));
}

static void
fill_lists (BpPreferencesWindow *self,
            BpWatchlist *watchlist)
{
  g_autoptr (GPtrArray) lists = watchlist ? bp_watchlist_get_lists (watchlist) : NULL;

  if (lists == NULL || lists->len == 0)
    {
      add_info_row (self->lists_group, _ ("No alert list is installed"),
                    _ ("Travellers are not screened until a list is imported."));
      return;
    }

  for (guint i = 0; i < lists->len; i++)
    {
      BpWatchlistListStatus *status = g_ptr_array_index (lists, i);
      g_autofree char *updated = format_unix_date (status->updated);
      g_autofree char *subtitle = NULL;

      /* Translators: version, number of entries and date of an alert list. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Version %u · %u entry · updated %s",
                                               "Version %u · %u entries · updated %s", status->n_entries),
                                  status->version, status->n_entries, updated);
      add_info_row (self->lists_group, bp_alert_list_get_label (status->name), subtitle);
    }
}

/* One expander per country, its CSCAs inside with their expiry: the
 * question booth IT is asked is "can we check documents of country X?". */
static void
fill_trust (BpPreferencesWindow *self,
            BpTrustStore *trust)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = trust ? bp_trust_store_list (trust, NULL, &error) : NULL;
  GtkWidget *expander = NULL;
  g_autoptr (GHashTable) expanders = g_hash_table_new (g_str_hash, g_str_equal); /* country → row */
  const char *country = NULL;
  gint64 last_import = 0;
  guint n_csca = 0;
  GHashTable *countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  g_autofree char *last = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *summary_row;

  if (entries == NULL)
    {
      add_info_row (self->trust_group, _ ("The trust store cannot be read"),
                    error ? error->message : _ ("No trust store is open."));
      g_hash_table_unref (countries);
      return;
    }

  /* The summary goes first; it is filled in once everything is counted. */
  summary_row = adw_action_row_new ();
  adw_preferences_group_add (self->trust_group, summary_row);

  for (guint i = 0; i < entries->len; i++)
    {
      BpTrustEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row;
      g_autofree char *expiry = NULL;
      g_autofree char *subtitle = NULL;

      last_import = MAX (last_import, entry->imported_at);
      if (entry->kind != BP_TRUST_KIND_CSCA)
        continue;
      n_csca++;
      g_hash_table_add (countries, entry->country ? entry->country : (char *) "");

      if (expander == NULL || g_strcmp0 (country, entry->country) != 0)
        {
          country = entry->country;
          expander = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), country ? country : "—");
          adw_preferences_group_add (self->trust_group, expander);
          g_hash_table_insert (expanders, (gpointer) (country ? country : ""), expander);
        }

      expiry = format_unix_date (entry->not_after);
      if (entry->revoked)
        subtitle = g_strdup (_ ("Revoked: not used"));
      else if (entry->not_after > 0 && entry->not_after < now)
        /* Translators: %s is a date; expired CSCAs still verify documents signed before. */
        subtitle = g_strdup_printf (_ ("Expired %s: still proves documents signed before then"), expiry);
      else
        /* Translators: %s is the date a CSCA certificate expires. */
        subtitle = g_strdup_printf (_ ("Valid until %s"), expiry);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->subject);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  /* Each country's revocation lists under its CSCAs: whether a revoked
   * signer would be caught depends on them being current. */
  for (guint i = 0; i < entries->len; i++)
    {
      BpTrustEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row;
      g_autofree char *issued = NULL;
      g_autofree char *due = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (entry->kind != BP_TRUST_KIND_CRL)
        continue;
      expander = g_hash_table_lookup (expanders, entry->country ? entry->country : "");
      if (expander == NULL)
        continue; /* a CRL is only imported for a stored CSCA */
      issued = format_unix_date (entry->not_before);
      due = format_unix_date (entry->not_after);
      /* Translators: %s is the CRL number. */
      title = g_strdup_printf (_ ("Revocation list no. %s"), entry->serial ? entry->serial : "—");
      if (entry->not_after > 0 && entry->not_after < now)
        /* Translators: %s is a date. */
        subtitle = g_strdup_printf (_ ("Out of date since %s: ask headquarters for a current list"), due);
      else
        /* Translators: the dates a revocation list was issued and the next one is due. */
        subtitle = g_strdup_printf (_ ("Issued %s · next due %s"), issued, due);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  last = format_unix_date (last_import);
  /* Translators: the number of CSCA certificates in the trust store. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate", "%u certificates", n_csca), n_csca);
  {
    g_autofree char *subtitle = NULL;
    guint n_countries = g_hash_table_size (countries);

    /* Translators: the number of countries covered, then the date of the last import. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country · last update %s",
                                             "%u countries · last update %s", n_countries),
                                n_countries, last);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary_row), summary);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (summary_row), subtitle);
  }
  g_hash_table_unref (countries);
}

static void
bp_preferences_window_dispose (GObject *object)
{
  BpPreferencesWindow *self = (BpPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->reader_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (bp_preferences_window_parent_class)->dispose (object);
}

static void
bp_preferences_window_class_init (BpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/bp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, booth_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, direction_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, minor_age_spin);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, expiry_spin);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, auto_advance_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, demo_names_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, demo_names_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, camera_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, reader_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, sync_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, hq_url_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, hq_ca_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, client_cert_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, update_key_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, lists_group);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, trust_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bp_preferences_window_init (BpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BpPreferencesWindow *
bp_preferences_window_new (GSettings *settings,
                           BpWatchlist *watchlist,
                           BpTrustStore *trust)
{
  BpPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BP_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "booth-id", self->booth_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "camera-source", self->camera_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "database-path", self->database_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "minor-age", self->minor_age_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "expiry-warning-days", self->expiry_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-advance", self->auto_advance_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "demo-name-specimens", self->demo_names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "direction", self->direction_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, direction_get_mapping,
                                direction_set_mapping, NULL, NULL);
  g_settings_bind (settings, "sync-enabled", self->sync_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "hq-url", self->hq_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "hq-ca-file", self->hq_ca_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "client-certificate-file", self->client_cert_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "client-key-file", self->client_key_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "update-public-key-file", self->update_key_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  fill_readers (self);
  g_signal_connect_swapped (self->reader_row, "notify::selected", G_CALLBACK (reader_selected_cb), self);
  fill_lists (self, watchlist);
  fill_trust (self, trust);

  return self;
}

void
bp_preferences_window_set_demo (BpPreferencesWindow *self,
                                gboolean demo)
{
  g_return_if_fail (BP_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->reader_row), !demo);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_names_row), demo);
  if (!demo)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reader_row),
                               _ ("In the demo, the specimen chips are on the demo’s virtual reader."));
  /* Shown as chosen, without writing the setting: the demo is not a booth. */
  for (guint i = 0; self->reader_ids != NULL && i < self->reader_ids->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->reader_ids, i), "virtual:"))
      {
        g_signal_handlers_block_by_func (self->reader_row, reader_selected_cb, self);
        adw_combo_row_set_selected (self->reader_row, i);
        g_signal_handlers_unblock_by_func (self->reader_row, reader_selected_cb, self);
        break;
      }
}
