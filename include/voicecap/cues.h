/* Caption cues built from the timeline (CAPTIONS.md rules). */
#ifndef VOICECAP_CUES_H
#define VOICECAP_CUES_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/segment.h"
#include "voicecap/status.h"
#include "voicecap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VC_CUE_MAX_LINES 2
#define VC_CUE_MAX_CHARS 42

typedef struct vc_cue {
  int64_t start_ms, end_ms;
  size_t speaker, turn;
  size_t word_first, word_count; /* words of the timeline in this cue */
  int first_of_turn;             /* lines[0] starts with "NAME: " */
  size_t label_chars;            /* characters of that label, 0 when none */
  size_t n_lines;
  char *lines[VC_CUE_MAX_LINES]; /* as shown, plain UTF-8, unescaped; owned */
} vc_cue;

typedef struct vc_cues {
  vc_cue *cues;
  size_t n;
} vc_cues;

vc_status vc_cues_build(const vc_script *script, const vc_timeline *tl, vc_cues **out);
void vc_cues_free(vc_cues *c);

#ifdef __cplusplus
}
#endif
#endif
