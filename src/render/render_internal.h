/* Rendering inside voicecap: a render with voices fixed across a batch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_RENDER_INTERNAL_H
#define VC_RENDER_INTERNAL_H

#include "cast.h"
#include "text_lex.h"
#include "voicecap/render.h"

/* vc_render_file, where the speakers pinned in `pins` (may be NULL) keep the voices a
 * cast gave them (vc_cast_new_pinned), and, when `record_common` (a batch's hash of the
 * version, options, voices and data) is not NULL, the record a batch resumes by
 * (render_record.h) is published last with the outputs. */
vc_status vc_render_file_with(const char *path, const vc_render_opts *o,
                              const vc_voice_pins *pins, const char *record_common,
                              vc_diag *diag);

/* vc_render_file_with, with the hunspell dictionary `dict` (segment_dict.h; NULL: the
 * render opens its own) shared instead of loaded: a batch loads it once for all its
 * workers, which inherit it (a fork) and leave it to their exit. */
vc_status vc_render_file_dict(const char *path, const vc_render_opts *o,
                              const vc_voice_pins *pins, const char *record_common,
                              vc_dict *dict, vc_diag *diag);

/* vc_render_text with a cast (`pins`, may be NULL). */
vc_status vc_render_text_with(const char *text, size_t len, const char *name,
                              const vc_render_opts *o, const vc_voice_pins *pins,
                              vc_diag *diag);

#endif
