/* The open-caption video (--video): captions burned in by libass, encoded with FFmpeg. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_VIDEO_H
#define VC_VIDEO_H

#include "voicecap/status.h"
#include "writers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The picture: 1280x720 at 10 frames a second on a plain dark grey background. */
enum { VC_VIDEO_WIDTH = 1280, VC_VIDEO_HEIGHT = 720, VC_VIDEO_FPS = 10 };
#define VC_VIDEO_BACKGROUND 0x1A1A1Au

/* 1 for "mp4" and "webm". */
int vc_video_format_supported(const char *format);

/* ".mp4" or ".webm" (NULL for an unknown format). */
const char *vc_video_format_ext(const char *format);

/* Writes the video of `d` to `out_path`: "mp4" is H.264 + AAC with the captions also as a
 * mov_text track, "webm" VP9 + Opus with a WebVTT track; both carry one chapter per turn.
 * The picture is the ASS file `ass_path` as libass renders it over a background that
 * names the current speaker; the sound is `audio_path` (any format libsndfile reads).
 * Memory does not grow with the length. Fails with VC_ERR_ARG, VC_ERR_IO, VC_ERR_NOMEM
 * or VC_ERR_CONFIG (an encoder missing from the FFmpeg build); `diag` says why. */
vc_status vc_video_write(const char *out_path, const char *format, const char *audio_path,
                         const char *ass_path, const vc_doc *d, vc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
