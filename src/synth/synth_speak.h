/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The speaking core: espeak-ng started once a process, a voice set, one utterance spoken
 * with its word timings. */
#ifndef VC_SYNTH_SPEAK_H
#define VC_SYNTH_SPEAK_H

#include "synth.h"

/* The voice last given to espeak-ng by one speaker (zeroed: none yet). */
typedef struct vc_espeak_voice {
  char voice_name[160];  /* "language+variant" last given to espeak-ng */
  char espeak_name[160]; /* the espeak-ng name it resolved to */
  int voice_rate, voice_pitch, voice_range;
} vc_espeak_voice;

/* Starts espeak-ng in this process the first time (espeak_Initialize, synchronous
 * retrieval mode) and returns its sample rate; <= 0 when it cannot start (diag says). */
int vc_espeak_start(vc_diag *diag);

/* Lists espeak-ng's voices and variants, once a process (espeak-ng reads every voice
 * file at each listing); set_voice lists them when it first needs them. The engine lists
 * before it forks, so that its forks inherit the list instead of reading it each. */
void vc_espeak_list_voices(void);

/* Sets voice `v` (language, variant, rate, pitch, range) unless it is set already. */
vc_status vc_espeak_set_voice(vc_espeak_voice *s, const vc_voice *v, vc_diag *diag);

/* vc_synth_speak on this process's own espeak-ng (started when needed). */
vc_status vc_espeak_speak(vc_espeak_voice *s, const vc_voice *v, const char *text,
                          vc_pcm_fn sink, void *user, vc_synth_word **words,
                          size_t *n_words, uint64_t *n_samples, vc_diag *diag);

#endif
