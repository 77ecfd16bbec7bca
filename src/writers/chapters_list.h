/* The chapters of a render: one per turn of the interview. The one list every format's
 * chapters are written from (NAME.chapters.vtt, the player page, the audio file's tags,
 * the EPUB's navigation, the video's chapters). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_CHAPTERS_LIST_H
#define VC_CHAPTERS_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"
#include "voicecap/segment.h"

/* One chapter. An announcement (--announce) is no chapter of its own: the chapter of the
 * turn it introduces starts with it, so skipping to a chapter says who speaks. */
typedef struct vc_chapter {
  size_t turn;       /* the script turn it is (never an announcement) */
  size_t first_turn; /* the turn it starts with: `turn`, or its announcement */
  size_t speaker;
  uint64_t start;   /* first sample (the timeline's rate) */
  int64_t start_ms; /* the same, in ms rounded down, as the sync map gives it */
  int64_t end_ms;   /* the next chapter's start_ms, or the end of the audio */
  char *title;      /* "Speaker Name: first words…", one plain line of UTF-8 */
} vc_chapter;

typedef struct vc_chapters {
  vc_chapter *ch;
  size_t n;
  int64_t end_ms; /* the end of the audio */
} vc_chapters;

/* The chapters of `s` as spoken in `tl`. VC_ERR_NOMEM, or VC_ERR_ARG when the timeline
 * does not hold the script's turns. */
vc_status vc_chapters_build(const vc_script *s, const vc_timeline *tl, vc_chapters **out);
void vc_chapters_free(vc_chapters *c);

#endif
