/* bp-mrz-codes.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mrz"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "bp-mrz-private.h"

/* The vocabulary of the zone: stable ids and labels of formats and
 * fields, and the ICAO codes of states and organisations. */

static const char *field_names[BP_MRZ_N_FIELDS] = {
  [BP_MRZ_FIELD_NONE] = "none",
  [BP_MRZ_FIELD_DOCUMENT_CODE] = "document_code",
  [BP_MRZ_FIELD_ISSUING_STATE] = "issuing_state",
  [BP_MRZ_FIELD_DOCUMENT_NUMBER] = "document_number",
  [BP_MRZ_FIELD_NAME] = "name",
  [BP_MRZ_FIELD_NATIONALITY] = "nationality",
  [BP_MRZ_FIELD_BIRTH_DATE] = "birth_date",
  [BP_MRZ_FIELD_SEX] = "sex",
  [BP_MRZ_FIELD_EXPIRY_DATE] = "expiry_date",
  [BP_MRZ_FIELD_OPTIONAL_DATA] = "optional_data",
  [BP_MRZ_FIELD_OPTIONAL_DATA_2] = "optional_data_2",
  [BP_MRZ_FIELD_COMPOSITE] = "composite",
};

typedef struct
{
  const char *code;
  const char *name;
} CountryCode;

/* The three-letter codes of ICAO 9303 part 3: every ISO 3166-1 alpha-3
 * code except DEU (Germany writes D), plus the codes ICAO adds for
 * Germany, the European Union, the British nationality classes, the
 * United Nations, international organisations, stateless persons and
 * refugees, Kosovo (RKS, as printed by Kosovo) and the Utopia of the
 * specimens. ISO names come from the iso-codes package (common names
 * where it has one). Sorted by code for bsearch(). */
static const CountryCode codes[] = {
  { "ABW", N_ ("Aruba") },
  { "AFG", N_ ("Afghanistan") },
  { "AGO", N_ ("Angola") },
  { "AIA", N_ ("Anguilla") },
  { "ALA", N_ ("Åland Islands") },
  { "ALB", N_ ("Albania") },
  { "AND", N_ ("Andorra") },
  { "ARE", N_ ("United Arab Emirates") },
  { "ARG", N_ ("Argentina") },
  { "ARM", N_ ("Armenia") },
  { "ASM", N_ ("American Samoa") },
  { "ATA", N_ ("Antarctica") },
  { "ATF", N_ ("French Southern Territories") },
  { "ATG", N_ ("Antigua and Barbuda") },
  { "AUS", N_ ("Australia") },
  { "AUT", N_ ("Austria") },
  { "AZE", N_ ("Azerbaijan") },
  { "BDI", N_ ("Burundi") },
  { "BEL", N_ ("Belgium") },
  { "BEN", N_ ("Benin") },
  { "BES", N_ ("Bonaire, Sint Eustatius and Saba") },
  { "BFA", N_ ("Burkina Faso") },
  { "BGD", N_ ("Bangladesh") },
  { "BGR", N_ ("Bulgaria") },
  { "BHR", N_ ("Bahrain") },
  { "BHS", N_ ("Bahamas") },
  { "BIH", N_ ("Bosnia and Herzegovina") },
  { "BLM", N_ ("Saint Barthélemy") },
  { "BLR", N_ ("Belarus") },
  { "BLZ", N_ ("Belize") },
  { "BMU", N_ ("Bermuda") },
  { "BOL", N_ ("Bolivia") },
  { "BRA", N_ ("Brazil") },
  { "BRB", N_ ("Barbados") },
  { "BRN", N_ ("Brunei Darussalam") },
  { "BTN", N_ ("Bhutan") },
  { "BVT", N_ ("Bouvet Island") },
  { "BWA", N_ ("Botswana") },
  { "CAF", N_ ("Central African Republic") },
  { "CAN", N_ ("Canada") },
  { "CCK", N_ ("Cocos (Keeling) Islands") },
  { "CHE", N_ ("Switzerland") },
  { "CHL", N_ ("Chile") },
  { "CHN", N_ ("China") },
  { "CIV", N_ ("Côte d'Ivoire") },
  { "CMR", N_ ("Cameroon") },
  { "COD", N_ ("Congo, The Democratic Republic of the") },
  { "COG", N_ ("Congo") },
  { "COK", N_ ("Cook Islands") },
  { "COL", N_ ("Colombia") },
  { "COM", N_ ("Comoros") },
  { "CPV", N_ ("Cabo Verde") },
  { "CRI", N_ ("Costa Rica") },
  { "CUB", N_ ("Cuba") },
  { "CUW", N_ ("Curaçao") },
  { "CXR", N_ ("Christmas Island") },
  { "CYM", N_ ("Cayman Islands") },
  { "CYP", N_ ("Cyprus") },
  { "CZE", N_ ("Czechia") },
  { "D", N_ ("Germany") },
  { "DJI", N_ ("Djibouti") },
  { "DMA", N_ ("Dominica") },
  { "DNK", N_ ("Denmark") },
  { "DOM", N_ ("Dominican Republic") },
  { "DZA", N_ ("Algeria") },
  { "ECU", N_ ("Ecuador") },
  { "EGY", N_ ("Egypt") },
  { "ERI", N_ ("Eritrea") },
  { "ESH", N_ ("Western Sahara") },
  { "ESP", N_ ("Spain") },
  { "EST", N_ ("Estonia") },
  { "ETH", N_ ("Ethiopia") },
  { "EUE", N_ ("European Union") },
  { "FIN", N_ ("Finland") },
  { "FJI", N_ ("Fiji") },
  { "FLK", N_ ("Falkland Islands (Malvinas)") },
  { "FRA", N_ ("France") },
  { "FRO", N_ ("Faroe Islands") },
  { "FSM", N_ ("Micronesia, Federated States of") },
  { "GAB", N_ ("Gabon") },
  { "GBD", N_ ("British Overseas Territories Citizen") },
  { "GBN", N_ ("British National (Overseas)") },
  { "GBO", N_ ("British Overseas Citizen") },
  { "GBP", N_ ("British Protected Person") },
  { "GBR", N_ ("United Kingdom") },
  { "GBS", N_ ("British Subject") },
  { "GEO", N_ ("Georgia") },
  { "GGY", N_ ("Guernsey") },
  { "GHA", N_ ("Ghana") },
  { "GIB", N_ ("Gibraltar") },
  { "GIN", N_ ("Guinea") },
  { "GLP", N_ ("Guadeloupe") },
  { "GMB", N_ ("Gambia") },
  { "GNB", N_ ("Guinea-Bissau") },
  { "GNQ", N_ ("Equatorial Guinea") },
  { "GRC", N_ ("Greece") },
  { "GRD", N_ ("Grenada") },
  { "GRL", N_ ("Greenland") },
  { "GTM", N_ ("Guatemala") },
  { "GUF", N_ ("French Guiana") },
  { "GUM", N_ ("Guam") },
  { "GUY", N_ ("Guyana") },
  { "HKG", N_ ("Hong Kong") },
  { "HMD", N_ ("Heard Island and McDonald Islands") },
  { "HND", N_ ("Honduras") },
  { "HRV", N_ ("Croatia") },
  { "HTI", N_ ("Haiti") },
  { "HUN", N_ ("Hungary") },
  { "IDN", N_ ("Indonesia") },
  { "IMN", N_ ("Isle of Man") },
  { "IND", N_ ("India") },
  { "IOT", N_ ("British Indian Ocean Territory") },
  { "IRL", N_ ("Ireland") },
  { "IRN", N_ ("Iran") },
  { "IRQ", N_ ("Iraq") },
  { "ISL", N_ ("Iceland") },
  { "ISR", N_ ("Israel") },
  { "ITA", N_ ("Italy") },
  { "JAM", N_ ("Jamaica") },
  { "JEY", N_ ("Jersey") },
  { "JOR", N_ ("Jordan") },
  { "JPN", N_ ("Japan") },
  { "KAZ", N_ ("Kazakhstan") },
  { "KEN", N_ ("Kenya") },
  { "KGZ", N_ ("Kyrgyzstan") },
  { "KHM", N_ ("Cambodia") },
  { "KIR", N_ ("Kiribati") },
  { "KNA", N_ ("Saint Kitts and Nevis") },
  { "KOR", N_ ("South Korea") },
  { "KWT", N_ ("Kuwait") },
  { "LAO", N_ ("Laos") },
  { "LBN", N_ ("Lebanon") },
  { "LBR", N_ ("Liberia") },
  { "LBY", N_ ("Libya") },
  { "LCA", N_ ("Saint Lucia") },
  { "LIE", N_ ("Liechtenstein") },
  { "LKA", N_ ("Sri Lanka") },
  { "LSO", N_ ("Lesotho") },
  { "LTU", N_ ("Lithuania") },
  { "LUX", N_ ("Luxembourg") },
  { "LVA", N_ ("Latvia") },
  { "MAC", N_ ("Macao") },
  { "MAF", N_ ("Saint Martin (French part)") },
  { "MAR", N_ ("Morocco") },
  { "MCO", N_ ("Monaco") },
  { "MDA", N_ ("Moldova") },
  { "MDG", N_ ("Madagascar") },
  { "MDV", N_ ("Maldives") },
  { "MEX", N_ ("Mexico") },
  { "MHL", N_ ("Marshall Islands") },
  { "MKD", N_ ("North Macedonia") },
  { "MLI", N_ ("Mali") },
  { "MLT", N_ ("Malta") },
  { "MMR", N_ ("Myanmar") },
  { "MNE", N_ ("Montenegro") },
  { "MNG", N_ ("Mongolia") },
  { "MNP", N_ ("Northern Mariana Islands") },
  { "MOZ", N_ ("Mozambique") },
  { "MRT", N_ ("Mauritania") },
  { "MSR", N_ ("Montserrat") },
  { "MTQ", N_ ("Martinique") },
  { "MUS", N_ ("Mauritius") },
  { "MWI", N_ ("Malawi") },
  { "MYS", N_ ("Malaysia") },
  { "MYT", N_ ("Mayotte") },
  { "NAM", N_ ("Namibia") },
  { "NCL", N_ ("New Caledonia") },
  { "NER", N_ ("Niger") },
  { "NFK", N_ ("Norfolk Island") },
  { "NGA", N_ ("Nigeria") },
  { "NIC", N_ ("Nicaragua") },
  { "NIU", N_ ("Niue") },
  { "NLD", N_ ("Netherlands") },
  { "NOR", N_ ("Norway") },
  { "NPL", N_ ("Nepal") },
  { "NRU", N_ ("Nauru") },
  { "NZL", N_ ("New Zealand") },
  { "OMN", N_ ("Oman") },
  { "PAK", N_ ("Pakistan") },
  { "PAN", N_ ("Panama") },
  { "PCN", N_ ("Pitcairn") },
  { "PER", N_ ("Peru") },
  { "PHL", N_ ("Philippines") },
  { "PLW", N_ ("Palau") },
  { "PNG", N_ ("Papua New Guinea") },
  { "POL", N_ ("Poland") },
  { "PRI", N_ ("Puerto Rico") },
  { "PRK", N_ ("North Korea") },
  { "PRT", N_ ("Portugal") },
  { "PRY", N_ ("Paraguay") },
  { "PSE", N_ ("Palestine, State of") },
  { "PYF", N_ ("French Polynesia") },
  { "QAT", N_ ("Qatar") },
  { "REU", N_ ("Réunion") },
  { "RKS", N_ ("Kosovo") },
  { "ROU", N_ ("Romania") },
  { "RUS", N_ ("Russian Federation") },
  { "RWA", N_ ("Rwanda") },
  { "SAU", N_ ("Saudi Arabia") },
  { "SDN", N_ ("Sudan") },
  { "SEN", N_ ("Senegal") },
  { "SGP", N_ ("Singapore") },
  { "SGS", N_ ("South Georgia and the South Sandwich Islands") },
  { "SHN", N_ ("Saint Helena, Ascension and Tristan da Cunha") },
  { "SJM", N_ ("Svalbard and Jan Mayen") },
  { "SLB", N_ ("Solomon Islands") },
  { "SLE", N_ ("Sierra Leone") },
  { "SLV", N_ ("El Salvador") },
  { "SMR", N_ ("San Marino") },
  { "SOM", N_ ("Somalia") },
  { "SPM", N_ ("Saint Pierre and Miquelon") },
  { "SRB", N_ ("Serbia") },
  { "SSD", N_ ("South Sudan") },
  { "STP", N_ ("Sao Tome and Principe") },
  { "SUR", N_ ("Suriname") },
  { "SVK", N_ ("Slovakia") },
  { "SVN", N_ ("Slovenia") },
  { "SWE", N_ ("Sweden") },
  { "SWZ", N_ ("Eswatini") },
  { "SXM", N_ ("Sint Maarten (Dutch part)") },
  { "SYC", N_ ("Seychelles") },
  { "SYR", N_ ("Syria") },
  { "TCA", N_ ("Turks and Caicos Islands") },
  { "TCD", N_ ("Chad") },
  { "TGO", N_ ("Togo") },
  { "THA", N_ ("Thailand") },
  { "TJK", N_ ("Tajikistan") },
  { "TKL", N_ ("Tokelau") },
  { "TKM", N_ ("Turkmenistan") },
  { "TLS", N_ ("Timor-Leste") },
  { "TON", N_ ("Tonga") },
  { "TTO", N_ ("Trinidad and Tobago") },
  { "TUN", N_ ("Tunisia") },
  { "TUR", N_ ("Türkiye") },
  { "TUV", N_ ("Tuvalu") },
  { "TWN", N_ ("Taiwan") },
  { "TZA", N_ ("Tanzania") },
  { "UGA", N_ ("Uganda") },
  { "UKR", N_ ("Ukraine") },
  { "UMI", N_ ("United States Minor Outlying Islands") },
  { "UNA", N_ ("Specialized agency of the United Nations") },
  { "UNK", N_ ("Resident of Kosovo (UNMIK travel document)") },
  { "UNO", N_ ("United Nations") },
  { "URY", N_ ("Uruguay") },
  { "USA", N_ ("United States") },
  { "UTO", N_ ("Utopia (specimen)") },
  { "UZB", N_ ("Uzbekistan") },
  { "VAT", N_ ("Holy See (Vatican City State)") },
  { "VCT", N_ ("Saint Vincent and the Grenadines") },
  { "VEN", N_ ("Venezuela") },
  { "VGB", N_ ("Virgin Islands, British") },
  { "VIR", N_ ("Virgin Islands, U.S.") },
  { "VNM", N_ ("Vietnam") },
  { "VUT", N_ ("Vanuatu") },
  { "WLF", N_ ("Wallis and Futuna") },
  { "WSM", N_ ("Samoa") },
  { "XBA", N_ ("African Development Bank") },
  { "XCC", N_ ("Caribbean Community") },
  { "XCE", N_ ("Council of Europe") },
  { "XCO", N_ ("Common Market for Eastern and Southern Africa") },
  { "XDC", N_ ("Southern African Development Community") },
  { "XEC", N_ ("Economic Community of West African States") },
  { "XES", N_ ("Organisation of Eastern Caribbean States") },
  { "XIM", N_ ("African Export-Import Bank") },
  { "XMP", N_ ("Parliamentary Assembly of the Mediterranean") },
  { "XOM", N_ ("Sovereign Military Order of Malta") },
  { "XPO", N_ ("Interpol") },
  { "XXA", N_ ("Stateless person") },
  { "XXB", N_ ("Refugee (1951 Convention)") },
  { "XXC", N_ ("Refugee (other)") },
  { "XXX", N_ ("Unspecified nationality") },
  { "YEM", N_ ("Yemen") },
  { "ZAF", N_ ("South Africa") },
  { "ZMB", N_ ("Zambia") },
  { "ZWE", N_ ("Zimbabwe") },
};

static int
compare_code (const void *key,
              const void *element)
{
  return strcmp (key, ((const CountryCode *) element)->code);
}

/**
 * bp_mrz_country_name:
 * @code: a code as printed, with or without trailing fillers ("D<<", "UTO")
 *
 * Returns: (nullable): the English name of the state or organisation,
 *   or %NULL when ICAO assigns no such code
 */
const char *
bp_mrz_country_name (const char *code)
{
  char key[4] = { 0 };
  const CountryCode *found;
  gsize len;

  if (code == NULL)
    return NULL;

  len = strlen (code);
  while (len > 0 && code[len - 1] == '<')
    len--;
  if (len == 0 || len > 3)
    return NULL;
  memcpy (key, code, len);

  found = bsearch (key, codes, G_N_ELEMENTS (codes), sizeof codes[0], compare_code);

  return found != NULL ? found->name : NULL;
}

/**
 * bp_mrz_dup_document_label:
 * @document_code: (nullable): the MRZ's document code, "P", "PD", "I", "V"…
 * @document_number: (nullable): the document number
 *
 * Names a document the way an officer says it: its kind in words (ICAO
 * 9303-3: P a passport; A, C or I an identity or other official travel
 * document; V a visa), then its number, then the issuer's subtype code
 * when there is one ("Passport L898902C3 (PD)"). A code of no known kind
 * is shown as it is.
 *
 * Returns: (transfer full): the label, translated
 */
char *
bp_mrz_dup_document_label (const char *document_code,
                           const char *document_number)
{
  const char *code = document_code != NULL && document_code[0] != '\0' ? document_code : "—";
  const char *number = document_number != NULL && document_number[0] != '\0' ? document_number : "—";
  const char *kind;

  switch (code[0])
    {
    case 'P':
      /* Translators: the kind of a travel document, shown before its number. */
      kind = _ ("Passport");
      break;
    case 'A':
    case 'C':
    case 'I':
      /* Translators: the kind of a travel document, shown before its number. */
      kind = _ ("Identity card");
      break;
    case 'V':
      /* Translators: the kind of a travel document, shown before its number. */
      kind = _ ("Visa");
      break;
    default:
      kind = code;
      break;
    }

  /* A no-break space: a narrow column must not wrap the kind away from
   * the number. */
  if (kind != code && code[1] != '\0' && code[1] != '<')
    return g_strdup_printf ("%s\u00A0%s (%s)", kind, number, code);
  return g_strdup_printf ("%s\u00A0%s", kind, number);
}

const char *
bp_mrz_format_to_string (BpMrzFormat format)
{
  switch (format)
    {
    case BP_MRZ_FORMAT_TD1:
      return "TD1";
    case BP_MRZ_FORMAT_TD2:
      return "TD2";
    case BP_MRZ_FORMAT_TD3:
      return "TD3";
    case BP_MRZ_FORMAT_MRVA:
      return "MRVA";
    case BP_MRZ_FORMAT_MRVB:
      return "MRVB";
    case BP_MRZ_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
bp_mrz_field_to_string (BpMrzField field)
{
  if ((guint) field >= BP_MRZ_N_FIELDS)
    return "none";

  return field_names[field];
}

const char *
bp_mrz_field_get_label (BpMrzField field)
{
  switch (field)
    {
    case BP_MRZ_FIELD_DOCUMENT_CODE:
      return _ ("Document code");
    case BP_MRZ_FIELD_ISSUING_STATE:
      return _ ("Issuing state");
    case BP_MRZ_FIELD_DOCUMENT_NUMBER:
      return _ ("Document number");
    case BP_MRZ_FIELD_NAME:
      return _ ("Name");
    case BP_MRZ_FIELD_NATIONALITY:
      return _ ("Nationality");
    case BP_MRZ_FIELD_BIRTH_DATE:
      return _ ("Birth date");
    case BP_MRZ_FIELD_SEX:
      return _ ("Sex");
    case BP_MRZ_FIELD_EXPIRY_DATE:
      return _ ("Expiry date");
    case BP_MRZ_FIELD_OPTIONAL_DATA:
      return _ ("Optional data");
    case BP_MRZ_FIELD_OPTIONAL_DATA_2:
      return _ ("Optional data (line 2)");
    case BP_MRZ_FIELD_COMPOSITE:
      return _ ("Composite check digit");
    case BP_MRZ_FIELD_NONE:
    case BP_MRZ_N_FIELDS:
    default:
      return _ ("Machine readable zone");
    }
}

/* A passport's optional data is the holder's personal number (9303 part 4). */
const char *
_bp_mrz_field_get_label_for_format (BpMrzField field,
                                    BpMrzFormat format)
{
  if (field == BP_MRZ_FIELD_OPTIONAL_DATA && format == BP_MRZ_FORMAT_TD3)
    return _ ("Personal number");

  return bp_mrz_field_get_label (field);
}
