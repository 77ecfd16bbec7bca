/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline: every displayed word of every turn with its sample-exact sound span. */
#ifndef VOICECAP_TIMELINE_H
#define VOICECAP_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "synth.h"
#include "text.h"
#include "voicecap/segment.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A word of a turn's display text (a maximal run without white space, punctuation
 * attached) and the samples of its sound. */
typedef struct vc_word {
  size_t turn;
  size_t start_byte, end_byte; /* in the turn's display text, end exclusive */
  uint64_t start, end;         /* samples from the start of the audio, end exclusive */
  int sentence_end;            /* 1 when the word closes a sentence */
  int paragraph_end;           /* 1 when the word closes a paragraph */
  uint64_t held; /* samples at the end of [start, end) that are a pause for reading it
                    (a link said shorter than shown, a sound note), not its sound */
} vc_word;

typedef struct vc_span {
  uint64_t start, end;
} vc_span;

/* A silence put into the audio for reading (docs/captions.md, "Reading time"):
 * `n` samples before sample `at` of the audio as spoken without any such pause (the
 * spoken clock). */
typedef struct vc_pause {
  uint64_t at, n;
} vc_pause;

typedef struct vc_timeline {
  int sample_rate;
  uint64_t n_samples; /* length of the whole audio */
  vc_word *words;
  size_t n_words, cap_words;
  vc_span *turns; /* one per script turn: first word's start, last word's end */
  size_t n_turns;
  /* The pauses for reading put in by vc_timeline_insert_pause, in order of `at`, at most
   * one at a sample. Word times and n_samples are in the audio's clock, pauses
   * included; vc_timeline_add takes times in the spoken clock, before any pause. */
  vc_pause *pauses;
  size_t n_pauses;
} vc_timeline;

vc_status vc_timeline_new(int sample_rate, size_t n_turns, vc_timeline **out);
void vc_timeline_free(vc_timeline *t);

/* Adds the display words of one utterance of turn `turn`: `display` is the text shown,
 * `sp` its speakable form as given to the synthesiser, `sw` the synthesiser's words (one
 * with len 0 is a pause for reading, vc_hold, counted in the word's `held`) and
 * `offset` the sample at which the utterance starts in the audio. Every display word gets
 * a span; display words espeak-ng did not mark take their neighbours' times. */
vc_status vc_timeline_add(vc_timeline *t, size_t turn, size_t display_base,
                          const char *display, size_t display_len, const vc_speakable *sp,
                          const vc_synth_word *sw, size_t n_sw, uint64_t offset);

/* Puts a pause of `n` samples for reading before word k (0 < k < n_words) into the
 * timeline, once every word is in: in the middle of the quiet between word k-1 and word
 * k (a pause already there grows). Word k and every later word, the turn spans after it
 * and n_samples move `n` later; the audio writer puts the silence in from t->pauses.
 * VC_ERR_ARG for a k out of range. */
vc_status vc_timeline_insert_pause(vc_timeline *t, size_t k, uint64_t n);

/* The index of the first word after pause p (t->n_words when none). */
size_t vc_timeline_pause_word(const vc_timeline *t, size_t p);

/* Samples of all the pauses. */
uint64_t vc_timeline_pause_total(const vc_timeline *t);

#ifdef __cplusplus
}
#endif
#endif
