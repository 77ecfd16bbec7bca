/* --announce: the narrator names who speaks next, as turns of the narrator's own. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_RENDER_ANNOUNCE_H
#define VC_RENDER_ANNOUNCE_H

#include "voicecap/render.h"
#include "voicecap/segment.h"

/* Inserts, before every turn of a speaker other than the narrator (VC_ANNOUNCE_EVERY) or
 * before each such speaker's first turn (VC_ANNOUNCE_FIRST), a narrator turn that says
 * the speaker's name ("Jane Doe."), flagged `announcement`. VC_ANNOUNCE_NONE changes
 * nothing. The new turns own their text; vc_script_free releases them. */
vc_status vc_script_announce(vc_script *s, vc_announce mode);

#endif
