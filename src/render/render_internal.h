/* Rendering inside voicecap: a render with voices fixed across a batch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_RENDER_INTERNAL_H
#define VC_RENDER_INTERNAL_H

#include "cast.h"
#include "voicecap/render.h"

/* vc_render_file, where the speakers pinned in `pins` (may be NULL) keep the voices a
 * batch gave them (vc_cast_new_pinned). */
vc_status vc_render_file_pinned(const char *path, const vc_render_opts *o,
                                const vc_voice_pins *pins, vc_diag *diag);

#endif
