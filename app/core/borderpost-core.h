/* borderpost-core.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-check.h"
#include "bp-checks.h"
#include "bp-crossing.h"
#include "bp-decision.h"
#include "bp-inspection.h"
#include "bp-mrz.h"
#include "bp-reasons.h"
#include "bp-store.h"
#include "bp-uuid.h"
