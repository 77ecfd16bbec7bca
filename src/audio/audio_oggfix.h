/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rewrites the stream serial number of an Ogg file in place (with the page CRCs). */
#ifndef VC_OGGFIX_H
#define VC_OGGFIX_H

#include <stdint.h>

#include "voicecap/status.h"

/* libsndfile gives each Ogg stream a random serial number; setting a fixed one makes
 * the same input give the same bytes. Works page by page in constant memory. */
vc_status vc_ogg_set_serial(const char *path, uint32_t serial);

#endif
