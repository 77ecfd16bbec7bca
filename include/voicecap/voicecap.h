/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voicecap: interview text to narrated audio and synced captions. Umbrella header: the
 * whole public interface (link with `pkg-config --libs voicecap`). */
#ifndef VOICECAP_H
#define VOICECAP_H

#include "voicecap/check.h"
#include "voicecap/export.h"
#include "voicecap/render.h"
#include "voicecap/segment.h"
#include "voicecap/status.h"
#include "voicecap/version.h"

#endif
