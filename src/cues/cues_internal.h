/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private parts of the cue builder: the words and segments cues.c prepares and the plan
 * cues_chunk.c makes of them (cue boundaries, line breaks, in-times). */
#ifndef VC_CUES_INTERNAL_H
#define VC_CUES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cues_rules.h"
#include "voicecap/status.h"

/* Word flags the chunker reads. GLUE_PREV: a word of punctuation only (a lone dash or
 * quote) that stays with the word before it; GLUE_NEXT: one that stays with the next. */
enum {
  VC_WF_SENT = 1,   /* ends a sentence */
  VC_WF_CLAUSE = 2, /* ends with clause punctuation */
  VC_WF_BADEND = 4, /* a function word: no line may end on it */
  VC_WF_CAP = 8,    /* capitalised, no punctuation after it: maybe part of a name */
  VC_WF_PARA = 16,  /* ends a paragraph */
  VC_WF_LEAD = 32,  /* a conjunction or preposition: a good word to start a line */
  VC_WF_GLUE_PREV = 64,
  VC_WF_GLUE_NEXT = 128,
  VC_WF_CAPSTART = 256, /* capitalised, punctuation after it or not: may end a name */
  VC_WF_JOIN = 512,     /* a later piece of a word cut by vc_cues_split_long: shown
                           without a space before it */
  VC_WF_NOTE = 1024,    /* part of a sound note ("[laughs]"): shown, not spoken */
  VC_WF_PAUSE = 2048    /* a pause for reading follows it in the audio */
};

/* How the planner gives reading time (docs/captions.md, "Reading time"): not at all
 * (the reading rate and the minimum duration give way), by early in-times only, or by
 * early in-times and pauses for reading. */
enum { VC_PLAN_PLAIN, VC_PLAN_LEAD, VC_PLAN_PAUSE };

/* One word as the chunker sees it. */
typedef struct vc_cw {
  char *text;               /* shown text (controls removed); owned by the builder */
  size_t len, chars, index; /* bytes, characters shown, index in the timeline */
  int64_t start, end;       /* ms: first sample rounded down, end rounded up */
  int64_t held;             /* ms at the end of [start, end) that are a pause for reading */
  unsigned flags;
} vc_cw;

/* A run of words that no cue crosses: one turn (one speaker). Segments are planned in
 * time order; each borrows its words and label. */
typedef struct vc_cue_turn {
  const vc_cw *w;
  size_t n;
  const char *label;  /* "NAME:" shown before the first word, or NULL */
  size_t label_chars; /* characters of the label, 0 when none */
  size_t turn;
  int64_t next_ms; /* first word start of the next segment, or the end of the audio */
  int last;        /* no segment follows */
  int64_t prev_ms; /* last word end of the segment before, or -1 when none */
} vc_cue_turn;

/* How the words of one cue are laid out. */
typedef struct vc_layout {
  int64_t cost;
  size_t split; /* tokens on the first line (label counted), 0 for one line */
  size_t chars; /* characters shown on all lines, label included */
} vc_layout;

/* One planned cue: words [i, j) of segment `seg`, shown from in_ms (its first word's
 * start, or earlier: a lead) until out_ms; pre_ms and pause_ms of silence to put into the
 * audio before its first word and after its last (planned with pauses only; in_ms
 * counts pre_ms, out_ms does not). */
typedef struct vc_plan {
  size_t seg, i, j;
  int64_t in_ms, out_ms, pre_ms, pause_ms;
  vc_layout lay;
} vc_plan;

/* Cuts every word of w[0..*n) longer than a caption line (VC_CAP_MAX_CHARS characters
 * as shown) or spoken longer than a cue of one word may last into pieces: at UAX #14
 * line-break opportunities (libunibreak), else after punctuation, else between grapheme
 * clusters. Pieces after the first are VC_WF_JOIN; the word's time is shared out by
 * characters. Replaces *w (old texts freed); VC_ERR_NOMEM or VC_ERR_LIMIT. */
vc_status vc_cues_split_long(vc_cw **w, size_t *n);

/* Plans the cues of all segments. *out gets
 * *n_out cues in order; the caller frees it. VC_ERR_NOMEM or VC_ERR_LIMIT on failure.
 * In `mode` VC_PLAN_LEAD or VC_PLAN_PAUSE, a cue that cannot keep the reading rate and
 * the minimum duration may instead start early, in the silence before its turn (the
 * first cue of a turn, at most VC_CAP_ONSET_MS before its speech); in VC_PLAN_PAUSE it
 * may also ask for a pause after it (vc_plan.pause_ms) where another cue follows, or
 * before it (pre_ms) to make room to start early. A cue spanning a pause already in the
 * audio (VC_WF_PAUSE) costs as much as a new one: the pauses stay at cue ends. Segments are
 * planned from the last, each knowing the in-time of the one after it. */
vc_status vc_cues_plan(const vc_cue_turn *segs, size_t n_segs, int mode, vc_plan **out,
                       size_t *n_out);

#endif
