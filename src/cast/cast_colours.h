/* Caption colours: each speaker's as the cast chose it, else the BBC order's. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_CAST_COLOURS_H
#define VC_CAST_COLOURS_H

#include <stddef.h>

#include "cast.h"

/* Speaker i's caption colour (0xRRGGBB): the cast's choice when `c` (may be NULL) has
 * one, else the BBC order (docs/captions.md, "Speakers"): speaker 0, the narrator,
 * yellow, then white, yellow, cyan, green, repeating. The writers call this; the BBC
 * order itself is defined in cast.c only. */
unsigned vc_cast_colour(const vc_cast *c, size_t i);

#endif
