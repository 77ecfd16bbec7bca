/* The caption rules (docs/captions.md), defined once: the cue planner follows them and
 * the checker verifies them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_CUES_RULES_H
#define VC_CUES_RULES_H

#include "cues.h"

/* Layout (docs/captions.md, "Lines"). A vc_cue holds as many lines as the rule allows. */
enum {
  VC_CAP_MAX_LINES = VC_CUE_MAX_LINES,
  VC_CAP_MAX_CHARS = 42 /* characters a line, as shown, speaker label included */
};

/* Timing (docs/captions.md, "Timing"), in milliseconds or characters a second. */
enum {
  VC_CAP_MIN_MS = 833,      /* shortest a cue stays up (5/6 s) */
  VC_CAP_MAX_MS = 7000,     /* longest a cue stays up */
  VC_CAP_MAX_CPS = 20,      /* reading rate: characters a second, label not counted */
  VC_CAP_SMALL_GAP_MS = 84, /* a gap up to this (two frames at 24 fps) is "no gap" */
  VC_CAP_REAL_GAP_MS = 500, /* a gap is either small or at least this long */
  VC_CAP_MAX_TAIL_MS = 500, /* out-time at most this long after the last word */
  VC_CAP_ONSET_MS = 500,    /* speech must begin this soon after a cue's in-time */
  VC_CAP_LATE_MS = 20       /* uncovered speech tolerated just before an in-time */
};

/* Pauses for reading (docs/captions.md, "Reading time"): where no cue plan keeps
 * the reading rate and the minimum duration, silence goes into the audio at a cue's end
 * (a sentence or clause end), at most this long at one place. */
enum {
  VC_CAP_MAX_PAUSE_MS = 1000, /* at most this long at one place */
  VC_CAP_PAUSE_SPARE_MS = 40  /* added to what a cue needs, for a later plan to use */
};

#endif
