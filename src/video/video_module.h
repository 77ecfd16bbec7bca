/* The video module (voicecap-video.so): the one door between the library and the encoder
 * it loads only when a video is asked for. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_VIDEO_MODULE_H
#define VC_VIDEO_MODULE_H

#include "video.h"

/* The module's file name, and its symbols looked up with dlsym. */
#define VC_VIDEO_MODULE_NAME "voicecap-video.so"
#define VC_VIDEO_MODULE_WRITE "vc_video_module_write"
#define VC_VIDEO_MODULE_BUILD "vc_video_module_build"

/* vc_video_write's work, done in the module (video_encode.c): the same arguments, the
 * format already checked. */
typedef vc_status vc_video_module_write_fn(const char *out_path, const char *format,
                                           const char *audio_path, const char *ass_path,
                                           const vc_doc *d, vc_diag *diag);

/* Whether the module was built with the loader: 1 when `version` is its VOICECAP_VERSION
 * and the sizes of what crosses the door are its own. */
typedef int vc_video_module_build_fn(const char *version, size_t doc_size,
                                     size_t diag_size);

#endif
