/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenting with a hunspell dictionary the caller already opened (render shares one). */
#ifndef VC_SEGMENT_DICT_H
#define VC_SEGMENT_DICT_H

#include "text_lex.h"
#include "voicecap/segment.h"

/* vc_segment_with, using `dict` (shared, never loaded again; NULL: opened when needed). */
vc_status vc_segment_with_dict(const char *text, size_t len, const vc_segment_opts *opts,
                               vc_dict *dict, vc_script **out, vc_diag *diag);

#endif
