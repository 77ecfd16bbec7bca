/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caption checker: SRT, WebVTT and ASS files against the caption rules voicecap
 * follows (docs/captions.md in its sources), optionally against the audio they caption. */
#ifndef VOICECAP_CHECK_H
#define VOICECAP_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "voicecap/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default share of speech allowed outside every cue. */
#define VC_CHECK_MAX_UNCOVERED 0.01

typedef struct vc_check_opts {
  const char *audio_path; /* NULL: no audio checks */
  double max_uncovered;   /* fraction of speech allowed outside every cue; default 0.01
                             (any value <= 0 selects the default) */
  int quiet;              /* 1: nothing printed for a file that passes */
} vc_check_opts;

/* Checks each caption file (.srt, .vtt, .ass by extension, any case) against the caption
 * rules, printing one line per problem to `out` ("FILE: cue 12 (00:01:02.345): 2 lines
 * over 42 characters: 47, 44"), and a summary line per file ("FILE: ok: ..." or
 * "FILE: FAIL (3 problems): ..." with cue count, longest line, shortest and longest cue,
 * highest reading rate and, with audio, the share of speech outside every cue).
 *
 * Rules, per cue: at most 2 lines of at most 42 characters (grapheme clusters as shown;
 * tags and invisible format characters not counted), 0.833 s to 7 s, at most 20
 * characters a second (characters of all lines, the speaker label and line breaks not
 * counted). Between cues: no overlap, a gap is <= 84 ms or >= 500 ms. ASS times have
 * centisecond resolution, so 9 ms of slack apply there. Speakers: a cue where
 * the speaker changes (WebVTT voice, ASS Name; in SRT the first cue) starts with the
 * label "NAME: ", and a speaker's label stays the same.
 *
 * With `audio_path` (any file libsndfile reads): speech is every 10 ms window whose RMS
 * (all channels) is within 40 dB of the loudest window's; a window counts as covered
 * when it overlaps a cue. The file fails when more than max_uncovered of the speech
 * windows are outside every cue, when a cue has no speech in its first 500 ms (its
 * in-time must sit on the first word) and when a cue ends after the audio does.
 *
 * `paths` and `o` are borrowed; `o` may be NULL (defaults). Returns the number of
 * failing files (an unreadable file fails); -1 on a usage problem, reported on `err`
 * before anything is checked: no paths, an unknown extension, unreadable audio. */
VC_API int vc_check_files(char *const *paths, size_t n, const vc_check_opts *o, FILE *out,
                          FILE *err);

#ifdef __cplusplus
}
#endif
#endif
