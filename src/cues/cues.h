/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption cues built from the timeline (docs/captions.md). */
#ifndef VOICECAP_CUES_H
#define VOICECAP_CUES_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"
#include "voicecap/segment.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VC_CUE_MAX_LINES 2

typedef struct vc_cue {
  int64_t start_ms, end_ms;
  size_t speaker, turn;
  size_t word_first, word_count; /* words of the timeline in this cue */
  int first_of_turn;             /* lines[0] starts with "NAME: " */
  size_t label_chars;            /* characters of that label, 0 when none */
  size_t n_lines;
  char *lines[VC_CUE_MAX_LINES];       /* as shown, plain UTF-8, unescaped; owned */
  size_t line_words[VC_CUE_MAX_LINES]; /* words shown on each line, label not counted */
  size_t label_len; /* bytes of the label at the start of lines[0], its space included */
  int64_t *word_ms; /* start (ms) of each shown word in order; owned; sum of line_words */
  int64_t speech_end_ms; /* end of the last word's sound (ms, rounded up) */
  /* 1 when line l goes on with a word cut at the end of the line before (for line 0:
   * the previous cue's last line): a word longer than a line, shown in pieces. */
  int cont[VC_CUE_MAX_LINES];
} vc_cue;

typedef struct vc_cues {
  vc_cue *cues;
  size_t n;
} vc_cues;

/* Chunks the timeline's words into cues, one speaker per cue, with line breaks and times
 * (integer ms) following docs/captions.md. Borrows `script` and `tl`; the caller frees *out
 * with vc_cues_free. Fails with VC_ERR_ARG (a word outside its turn's text), VC_ERR_NOMEM
 * or VC_ERR_LIMIT. Words of one turn are expected in time order, turn after turn. */
vc_status vc_cues_build(const vc_script *script, const vc_timeline *tl, vc_cues **out);
void vc_cues_free(vc_cues *c);

/* A pause for reading the planner asks for: `ms` of silence before timeline word `word`
 * (docs/captions.md, "Reading time"). */
typedef struct vc_cue_pause {
  size_t word;
  int64_t ms;
} vc_cue_pause;

/* As vc_cues_build, but where no plan keeps the reading rate and the minimum duration,
 * the reader is given time (docs/captions.md, "Reading time"): a turn's first cue may
 * start early, and with `new_pauses` a cue may end on a pause for reading. When the plan
 * needs pauses that the timeline does not have yet, *out is NULL and *pauses (caller
 * frees) lists *n_pauses of them in order: put them into the audio and the timeline
 * (vc_timeline_insert_pause) and build again. Cues avoid spanning the timeline's pauses,
 * so the next build keeps them at cue ends. Without `new_pauses` none is asked for. */
vc_status vc_cues_build_paused(const vc_script *script, const vc_timeline *tl,
                               int new_pauses, vc_cues **out, vc_cue_pause **pauses,
                               size_t *n_pauses);

#ifdef __cplusplus
}
#endif
#endif
