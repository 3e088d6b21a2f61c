/* bp-specimen.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Specimen documents for the virtual chip: a profile (an .ini file in data/specimens,
 * a GKeyFile) names the MRZ, the face image, DG11/DG12 values, the
 * protocols the chip offers, its CAN and its Chip and Active
 * Authentication keys; loading it builds every file of the chip, with an
 * EF.SOD signed by the test Document Signer. A profile may also make the
 * chip lie in one way (another signer, a broken signature, altered,
 * missing or cloned data groups, another name in DG1): see the format
 * at the top of bp-specimen.c. bp_virtual_chip_new_from_specimen() puts
 * a specimen on a virtual chip. */

#define BP_SPECIMEN_ERROR (bp_specimen_error_quark ())

typedef enum
{
  BP_SPECIMEN_ERROR_PROFILE,  /* the profile is missing a key or has a bad value */
  BP_SPECIMEN_ERROR_SIGN,     /* a certificate or key (the signer's, the chip's) is unusable */
} BpSpecimenError;

typedef enum /*< flags >*/
{
  BP_SPECIMEN_PROTOCOL_BAC  = 1 << 0,
  BP_SPECIMEN_PROTOCOL_PACE = 1 << 1,
} BpSpecimenProtocols;

/* id-PACE-ECDH-GM-AES-CBC-CMAC-128 and id-PACE-ECDH-CAM-AES-CBC-CMAC-128. */
#define BP_SPECIMEN_PACE_GM_OID  "0.4.0.127.0.7.2.2.4.2.2"
#define BP_SPECIMEN_PACE_CAM_OID "0.4.0.127.0.7.2.2.4.6.2"

#define BP_TYPE_SPECIMEN (bp_specimen_get_type ())

G_DECLARE_FINAL_TYPE (BpSpecimen, bp_specimen, BP, SPECIMEN, GObject)

GQuark               bp_specimen_error_quark     (void);

/* Loads a profile from a file or a GResource ("resource:///…" GFile);
 * the face image and the signer's files are found relative to it. */
BpSpecimen          *bp_specimen_load            (GFile        *profile,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same for a path or a URI ("resource:///org/…/utopia-passport.ini"). */
BpSpecimen          *bp_specimen_load_path       (const char   *path_or_uri,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every *.ini profile of a directory, sorted by id; a GPtrArray of
 * BpSpecimen. Fails if any profile fails. */
GPtrArray           *bp_specimen_load_directory  (GFile        *directory,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;

const char          *bp_specimen_get_id          (BpSpecimen   *self);
const char          *bp_specimen_get_label       (BpSpecimen   *self);
/* The MRZ, lines separated by "\n". */
const char          *bp_specimen_get_mrz         (BpSpecimen   *self);
/* The Card Access Number (6 digits), or NULL when PACE is not offered. */
const char          *bp_specimen_get_can         (BpSpecimen   *self);
/* The private keys (DER) the chip holds, or NULL: the halves of DG15's and
 * DG14's public keys, or a clone's keys (Clone=). */
GBytes              *bp_specimen_get_active_authentication_key (BpSpecimen *self);
GBytes              *bp_specimen_get_chip_authentication_key   (BpSpecimen *self);
BpSpecimenProtocols  bp_specimen_get_protocols   (BpSpecimen   *self);
/* The PACE protocol of EF.CardAccess (BP_SPECIMEN_PACE_GM_OID or, with
 * PaceMapping=CAM, BP_SPECIMEN_PACE_CAM_OID), or NULL without PACE. */
const char          *bp_specimen_get_pace_oid    (BpSpecimen   *self);

/* The chip's files by file identifier (0x011E EF.COM, 0x0101 DG1, 0x0102
 * DG2, 0x010B DG11, 0x010C DG12, 0x010E DG14, 0x010F DG15, 0x011D
 * EF.SOD, 0x011C EF.CardAccess),
 * each exactly as the chip returns it. NULL when the chip has no such
 * file. */
GBytes              *bp_specimen_get_file        (BpSpecimen   *self,
                                                  guint16       fid);
/* All files: GUINT_TO_POINTER (fid) → GBytes, owned by @self. */
GHashTable          *bp_specimen_get_files       (BpSpecimen   *self);

/* Builders, also for tests ----------------------------------------------- */

/* The LDSSecurityObject (version 0, SHA-256) over data groups @dgs whose
 * files (outer tags included) are @files, DER. */
GBytes              *bp_specimen_encode_security_object (const guint  *dgs,
                                                         GBytes      **files,
                                                         guint         n_files) G_GNUC_WARN_UNUSED_RESULT;
/* EF.SOD: @security_object signed as CMS SignedData (eContentType
 * id-icao-mrtd-security-ldsSecurityObject) by the Document Signer whose
 * certificate and private key are given in PEM; the certificate is
 * included. Returns the file with its outer tag 77. */
GBytes              *bp_specimen_sign_sod        (GBytes       *security_object,
                                                  GBytes       *signer_certificate_pem,
                                                  GBytes       *signer_key_pem,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* EF.CardAccess offering PACE with ECDH generic mapping, AES-128 and
 * brainpoolP256r1 (id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2,
 * parameterId 13). */
GBytes              *bp_specimen_encode_card_access (void) G_GNUC_WARN_UNUSED_RESULT;
/* The same for another PACE protocol OID (dotted text). */
GBytes              *_bp_specimen_encode_card_access_for (const char *oid) G_GNUC_WARN_UNUSED_RESULT;
/* DG14 (tag 6E) for Chip Authentication with an EC key: SecurityInfos
 * holding ChipAuthenticationInfo (id-CA-ECDH-AES-CBC-CMAC-128, version 1)
 * and ChipAuthenticationPublicKeyInfo (id-PK-ECDH, @public_key_spki_der,
 * a DER SubjectPublicKeyInfo), in DER order. */
GBytes              *bp_specimen_encode_dg14     (GBytes       *public_key_spki_der,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* @sod (EF.SOD with tag 77) with one byte of its signature value changed,
 * so that the signature no longer verifies; everything else is as it was. */
GBytes              *bp_specimen_break_sod_signature (GBytes   *sod,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
