/* bp-watchlist-names.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist-names"

#include "config.h"

#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "bp-watchlist-names.h"

/* Letters that ICAO 9303 part 3 writes in two ways (or that need a table
 * of their own), upper case. The first spelling goes into the first
 * variant of a name, the second into the second; NULL leaves the letter
 * to ICU's general transliteration. Cyrillic follows the ICAO table in
 * the first variant and the older English-style (BGN) one in the second
 * (SERGEI / SERGEY, IULIIA / YULIYA), so a name from an older passport
 * or a list typed by hand still meets one. */
static const struct
{
  gunichar c;
  const char *first;
  const char *second;
} icao_letters[] = {
  { 0x00C4, "AE", "A" },      /* Ä */
  { 0x00C5, "AA", "A" },      /* Å */
  { 0x00C6, "AE", "AE" },     /* Æ */
  { 0x00D0, "D", "D" },       /* Ð */
  { 0x00D1, "N", "NXX" },     /* Ñ */
  { 0x00D6, "OE", "O" },      /* Ö */
  { 0x00D8, "OE", "O" },      /* Ø */
  { 0x00DC, "UE", "U" },      /* Ü */
  { 0x00DE, "TH", "TH" },     /* Þ */
  { 0x00DF, "SS", "SS" },     /* ß */
  { 0x0132, "IJ", "IJ" },     /* Ĳ */
  { 0x0152, "OE", "OE" },     /* Œ */
  { 0x0401, "E", "E" },       /* Ё */
  { 0x0402, "D", "DJ" },      /* Ђ */
  { 0x0403, "G", "G" },       /* Ѓ */
  { 0x0404, "IE", "YE" },     /* Є */
  { 0x0405, "DZ", "DZ" },     /* Ѕ */
  { 0x0406, "I", "I" },       /* І */
  { 0x0407, "I", "YI" },      /* Ї */
  { 0x0408, "J", "J" },       /* Ј */
  { 0x0409, "LJ", "LJ" },     /* Љ */
  { 0x040A, "NJ", "NJ" },     /* Њ */
  { 0x040B, "C", "C" },       /* Ћ */
  { 0x040C, "K", "K" },       /* Ќ */
  { 0x040E, "U", "U" },       /* Ў */
  { 0x040F, "DZ", "DZ" },     /* Џ */
  { 0x0410, "A", "A" },       /* А */
  { 0x0411, "B", "B" },       /* Б */
  { 0x0412, "V", "V" },       /* В */
  { 0x0413, "G", "G" },       /* Г */
  { 0x0414, "D", "D" },       /* Д */
  { 0x0415, "E", "E" },       /* Е */
  { 0x0416, "ZH", "ZH" },     /* Ж */
  { 0x0417, "Z", "Z" },       /* З */
  { 0x0418, "I", "I" },       /* И */
  { 0x0419, "I", "Y" },       /* Й */
  { 0x041A, "K", "K" },       /* К */
  { 0x041B, "L", "L" },       /* Л */
  { 0x041C, "M", "M" },       /* М */
  { 0x041D, "N", "N" },       /* Н */
  { 0x041E, "O", "O" },       /* О */
  { 0x041F, "P", "P" },       /* П */
  { 0x0420, "R", "R" },       /* Р */
  { 0x0421, "S", "S" },       /* С */
  { 0x0422, "T", "T" },       /* Т */
  { 0x0423, "U", "U" },       /* У */
  { 0x0424, "F", "F" },       /* Ф */
  { 0x0425, "KH", "KH" },     /* Х */
  { 0x0426, "TS", "TS" },     /* Ц */
  { 0x0427, "CH", "CH" },     /* Ч */
  { 0x0428, "SH", "SH" },     /* Ш */
  { 0x0429, "SHCH", "SHCH" }, /* Щ */
  { 0x042A, "IE", "" },       /* Ъ */
  { 0x042B, "Y", "Y" },       /* Ы */
  { 0x042C, "", "" },         /* Ь */
  { 0x042D, "E", "E" },       /* Э */
  { 0x042E, "IU", "YU" },     /* Ю */
  { 0x042F, "IA", "YA" },     /* Я */
  { 0x0490, "G", "G" },       /* Ґ */
  { 0x1E9E, "SS", "SS" },     /* ẞ */
};

/* ICU transliterators are costly to open and not safe to share between
 * threads without a lock; one lives for the whole process. */
static GMutex icu_lock;
static UTransliterator *icu_latin;

static const char *
find_icao (gunichar c,
           guint variant)
{
  guint lo = 0, hi = G_N_ELEMENTS (icao_letters);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (icao_letters[mid].c == c)
        return variant == 0 ? icao_letters[mid].first : icao_letters[mid].second;
      if (icao_letters[mid].c < c)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

/* Runs ICU "Any-Latin; Latin-ASCII" over text. Returns NULL if ICU fails,
 * in which case the caller keeps only the ASCII letters it has. */
static char *
icu_to_latin (const char *text)
{
  g_autofree gunichar2 *in = NULL;
  g_autofree gunichar2 *buf = NULL;
  glong n_in = 0;
  int32_t len, limit, capacity;
  UErrorCode status = U_ZERO_ERROR;
  char *out;
  int32_t out_len = 0;

  in = g_utf8_to_utf16 (text, -1, NULL, &n_in, NULL);
  if (in == NULL || n_in > 4096)
    return NULL;

  /* Transliteration to Latin can grow the text (one Han character gives a
   * syllable of up to six letters). */
  capacity = (int32_t) n_in * 8 + 16;
  buf = g_new (gunichar2, capacity);
  memcpy (buf, in, n_in * sizeof (gunichar2));
  len = limit = (int32_t) n_in;

  g_mutex_lock (&icu_lock);
  if (icu_latin == NULL)
    {
      UParseError parse_error;
      UChar id[64];

      u_uastrcpy (id, "Any-Latin; Latin-ASCII");
      icu_latin = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, &parse_error, &status);
      if (U_FAILURE (status))
        icu_latin = NULL;
    }
  if (icu_latin != NULL)
    utrans_transUChars (icu_latin, buf, &len, capacity, 0, &limit, &status);
  else
    status = U_MISSING_RESOURCE_ERROR;
  g_mutex_unlock (&icu_lock);

  if (U_FAILURE (status))
    return NULL;

  out = g_malloc ((gsize) len * 3 + 1);
  u_strToUTF8 (out, len * 3 + 1, &out_len, buf, len, &status);
  if (U_FAILURE (status))
    {
      g_free (out);
      return NULL;
    }
  out[out_len] = '\0';

  return out;
}

static gboolean
is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

/* Transliterates word by word. ICU writes each Chinese character as its
 * own syllable ("王小明" → "wang xiao ming"), where passports join the
 * syllables of one name (WANG XIAOMING): the syllables of a word in Han
 * characters are joined again. */
static char *
transliterate_tokens (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      gboolean han = FALSE, plain = TRUE;
      g_autofree char *token = NULL;
      g_autofree char *latin = NULL;

      while (*p != '\0' && (g_unichar_isspace (g_utf8_get_char (p)) || *p == '<' || *p == ','))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !(g_unichar_isspace (g_utf8_get_char (p)) || *p == '<' || *p == ','))
        {
          gunichar c = g_utf8_get_char (p);

          han |= is_han (c);
          plain &= c < 0x80;
          p = g_utf8_next_char (p);
        }
      if (p == start)
        break;

      token = g_strndup (start, p - start);
      if (!plain)
        latin = icu_to_latin (token);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (latin == NULL)
        g_string_append (out, token);
      else if (han)
        {
          for (const char *l = latin; *l != '\0'; l++)
            if (*l != ' ')
              g_string_append_c (out, *l);
        }
      else
        g_string_append (out, latin);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Spells one variant of the name: ICAO letters by their table, the rest
 * through ICU when anything is not ASCII, then upper-case letters only,
 * with everything else as a space. Apostrophes join (O'NEILL → ONEILL). */
static char *
spell_variant (const char *text,
               guint variant)
{
  g_autoptr (GString) mapped = g_string_new (NULL);
  g_autofree char *latin = NULL;
  gboolean ascii = TRUE;
  const char *src;
  GString *out;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_toupper (g_utf8_get_char (p));
      const char *icao = c >= 0x80 ? find_icao (c, variant) : NULL;

      if (c == 0x00DF || c == 0x1E9E)
        icao = "SS";

      if (icao != NULL)
        g_string_append (mapped, icao);
      else
        {
          g_string_append_unichar (mapped, c);
          if (c >= 0x80)
            ascii = FALSE;
        }
    }

  src = mapped->str;
  if (!ascii)
    {
      latin = transliterate_tokens (mapped->str);
      if (latin != NULL)
        src = latin;
    }

  out = g_string_sized_new (strlen (src));
  for (const char *p = src; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c >= 'A' && c <= 'Z')
        g_string_append_c (out, c);
      else if (c == '\'' || c == '`')
        continue;
      else if ((guchar) c >= 0x80)
        {
          /* Modifier letters left by ICU (ʿ, ʹ): skip the whole character. */
          gunichar u = g_utf8_get_char_validated (p, -1);

          if (u == 0x2019 || u == 0x02BC || u == 0x02BF || u == 0x02BE || u == 0x02B9 || u == 0x02BB)
            {
              p = g_utf8_next_char (p) - 1;
              continue;
            }
          g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, ' ');
    }

  return g_string_free (out, FALSE);
}

guint
bp_name_normalise (const char *text,
                   BpNameRole role,
                   BpNameSet *set)
{
  g_autofree char *nfc = NULL;
  char *spelled[BP_NAME_MAX_VARIANTS] = { NULL, NULL };
  GStrv parts[BP_NAME_MAX_VARIANTS] = { NULL, NULL };
  guint n_variants = 1, added = 0;

  g_return_val_if_fail (set != NULL, 0);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return 0;

  spelled[0] = spell_variant (nfc, 0);
  for (const char *p = nfc; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        spelled[1] = spell_variant (nfc, 1);
        n_variants = g_str_equal (spelled[0], spelled[1]) ? 1 : 2;
        break;
      }

  for (guint k = 0; k < BP_NAME_MAX_VARIANTS; k++)
    if (spelled[k] != NULL)
      parts[k] = g_strsplit (spelled[k], " ", -1);

  /* The spellings differ only in letters, so they split alike; if not,
   * the second is not trusted. */
  if (n_variants == 2 && g_strv_length (parts[0]) != g_strv_length (parts[1]))
    n_variants = 1;
  if (n_variants == 1 && parts[1] != NULL)
    g_clear_pointer (&parts[1], g_strfreev);

  for (guint i = 0; parts[0][i] != NULL && set->n_parts < BP_NAME_MAX_PARTS; i++)
    {
      BpNamePart *part;

      if (parts[0][i][0] == '\0')
        continue;

      part = &set->parts[set->n_parts++];
      memset (part, 0, sizeof *part);
      part->role = role;
      for (guint k = 0; k < n_variants; k++)
        {
          guint len = MIN (strlen (parts[k][i]), BP_NAME_PART_MAX);

          if (len == 0)
            continue;
          if (part->n_variants == 1 && part->len[0] == len && memcmp (part->v[0], parts[k][i], len) == 0)
            continue;
          memcpy (part->v[part->n_variants], parts[k][i], len);
          part->v[part->n_variants][len] = '\0';
          part->len[part->n_variants] = len;
          part->n_variants++;
        }
      added++;
    }

  for (guint k = 0; k < BP_NAME_MAX_VARIANTS; k++)
    {
      g_strfreev (parts[k]);
      g_free (spelled[k]);
    }

  return added;
}

char *
bp_name_set_to_string (const BpNameSet *set)
{
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);

  out = g_string_new (NULL);
  for (guint role = BP_NAME_ROLE_FAMILY; role <= BP_NAME_ROLE_GIVEN; role++)
    {
      gboolean first = TRUE;

      if (role == BP_NAME_ROLE_GIVEN)
        g_string_append_c (out, '|');
      for (guint i = 0; i < set->n_parts; i++)
        {
          const BpNamePart *part = &set->parts[i];

          if (part->role != role)
            continue;
          if (!first)
            g_string_append_c (out, ' ');
          first = FALSE;
          for (guint k = 0; k < part->n_variants; k++)
            {
              if (k > 0)
                g_string_append_c (out, '/');
              g_string_append_len (out, part->v[k], part->len[k]);
            }
        }
    }

  return g_string_free (out, FALSE);
}

gboolean
bp_name_set_parse (const char *text,
                   BpNameSet *set)
{
  BpNameRole role = BP_NAME_ROLE_FAMILY;
  BpNamePart *part = NULL;

  g_return_val_if_fail (set != NULL, FALSE);

  set->n_parts = 0;
  if (text == NULL)
    return FALSE;

  for (const char *p = text;; p++)
    {
      char c = *p;

      if (c >= 'A' && c <= 'Z')
        {
          if (part == NULL)
            {
              if (set->n_parts == BP_NAME_MAX_PARTS)
                goto bad;
              part = &set->parts[set->n_parts++];
              memset (part, 0, sizeof *part);
              part->role = role;
              part->n_variants = 1;
            }
          if (part->len[part->n_variants - 1] == BP_NAME_PART_MAX)
            goto bad;
          part->v[part->n_variants - 1][part->len[part->n_variants - 1]++] = c;
        }
      else if (c == '/')
        {
          if (part == NULL || part->n_variants == BP_NAME_MAX_VARIANTS || part->len[0] == 0)
            goto bad;
          part->n_variants++;
        }
      else if (c == ' ' || c == '|' || c == '\0')
        {
          if (part != NULL && part->len[part->n_variants - 1] == 0)
            goto bad;
          part = NULL;
          if (c == '|')
            {
              if (role == BP_NAME_ROLE_GIVEN)
                goto bad;
              role = BP_NAME_ROLE_GIVEN;
            }
          if (c == '\0')
            break;
        }
      else
        goto bad;
    }

  return TRUE;

bad:
  set->n_parts = 0;
  return FALSE;
}

guint
bp_name_max_edits (guint len)
{
  if (len <= 3)
    return 0;
  if (len <= 7)
    return 1;
  return 2;
}

guint
bp_name_distance (const char *a,
                  guint la,
                  const char *b,
                  guint lb,
                  guint max)
{
  guint rows[3][BP_NAME_PART_MAX + 2];
  guint *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

  if (la > BP_NAME_PART_MAX || lb > BP_NAME_PART_MAX)
    return max + 1;
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;

  for (guint j = 0; j <= lb; j++)
    prev[j] = j;

  for (guint i = 1; i <= la; i++)
    {
      guint row_min;

      cur[0] = i;
      row_min = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint v = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, prev2[j - 2] + 1);
          cur[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > max)
        return max + 1;

      {
        guint *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
      }
    }

  return MIN (prev[lb], max + 1);
}

guint
bp_name_part_keys (const char *part,
                   guint len,
                   BpNameKey keys[BP_NAME_KEY_MAX])
{
  guint p = MIN (len, 5), n = 0;

  if (p == 0)
    return 0;

  /* Short parts allow no edit: the part itself is its only key. */
  memcpy (keys[n], part, MIN (p, 4));
  keys[n][MIN (p, 4)] = '\0';
  n++;
  if (p <= 3)
    return n;

  for (guint skip = 0; skip < p; skip++)
    {
      char key[BP_NAME_KEY_MAX];
      guint k = 0;
      gboolean seen = FALSE;

      for (guint i = 0; i < p; i++)
        if (i != skip)
          key[k++] = part[i];
      key[k] = '\0';

      for (guint j = 0; j < n && !seen; j++)
        seen = strcmp (keys[j], key) == 0;
      if (!seen)
        memcpy (keys[n++], key, k + 1);
    }

  return n;
}

/* Spellings of one sound that transliterations disagree on (ALEKSANDR /
 * ALEXANDER, YOUSEF / YUSUF, SAEED / SAID, HUSSEIN / HUSAYN, CHOWDHURY /
 * CHAUDHARY): parts too far apart as written are compared again with
 * these folded to one spelling, within the same typo bound. */
static const struct
{
  const char *from;
  const char *to;
} sound_folds[] = {
  { "KS", "X" },
  { "OU", "U" },
  { "OO", "U" },
  { "EE", "I" },
  { "EI", "AY" },
  { "AI", "AY" },
  { "AU", "O" },
  { "OW", "O" },
  { "PH", "F" },
};

guint
bp_name_fold_sounds (const char *in,
                     guint len,
                     char *out)
{
  guint n = 0;

  for (guint i = 0; i < len;)
    {
      gboolean folded = FALSE;

      for (guint f = 0; f < G_N_ELEMENTS (sound_folds) && !folded; f++)
        if (i + 1 < len && in[i] == sound_folds[f].from[0] && in[i + 1] == sound_folds[f].from[1])
          {
            for (const char *t = sound_folds[f].to; *t != '\0' && n < BP_NAME_PART_MAX; t++)
              out[n++] = *t;
            i += 2;
            folded = TRUE;
          }
      if (!folded)
        {
          if (n < BP_NAME_PART_MAX)
            out[n++] = in[i];
          i++;
        }
    }
  out[n] = '\0';

  return n;
}

char *
bp_document_number_normalise (const char *number)
{
  GString *out = g_string_new (NULL);

  for (const char *p = number ? number : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));

  return g_string_free (out, FALSE);
}

void
bp_document_number_fold (char *number)
{
  for (char *p = number; *p != '\0'; p++)
    switch (*p)
      {
      case 'O':
        *p = '0';
        break;
      case 'I':
        *p = '1';
        break;
      case 'S':
        *p = '5';
        break;
      case 'B':
        *p = '8';
        break;
      case 'Z':
        *p = '2';
        break;
      default:
        break;
      }
}

guint32
bp_watchlist_hash (const char *data,
                   gsize len,
                   guint32 seed)
{
  guint32 h = 2166136261u ^ seed;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) data[i];
      h *= 16777619u;
    }
  /* Final mix, so keys that differ in their last letter spread well. */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;

  return h;
}
