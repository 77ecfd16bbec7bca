/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speech synthesis through libespeak-ng: PCM and word timings for one utterance. */
#ifndef VOICECAP_SYNTH_H
#define VOICECAP_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "cast.h"
#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* espeak-ng is one global instance per process; a vc_synth wraps it. Create at most one
 * at a time. The first vc_synth_new of a process starts the engine behind units and
 * vc_synth_speak_fresh (the engine program, or a fork of this process after starting
 * espeak-ng here): call it while no other thread runs. vc_synth_speak speaks with this
 * process's own espeak-ng, started when first needed. */
typedef struct vc_synth vc_synth;

vc_status vc_synth_new(vc_synth **out, vc_diag *diag);
void vc_synth_free(vc_synth *s);

/* The engine program units are spoken from (voicecap-engine: $VOICECAP_ENGINE, beside
 * the running program, or installed), or NULL when they are spoken by forks of this
 * process (none was found, or VOICECAP_ENGINE=fork): the same samples either way. */
const char *vc_synth_engine(void);

/* Output sample rate of espeak-ng (mono, 16-bit). */
int vc_synth_sample_rate(const vc_synth *s);

/* Receives PCM as it is produced; returns VC_OK to go on. */
typedef vc_status (*vc_pcm_fn)(void *user, const int16_t *pcm, size_t n_samples);

/* One spoken word: `pos`/`len` are a byte range in the text given to vc_synth_speak;
 * `start` is the first sample of its sound and `end` one past its last audible sample,
 * both counted from the start of this utterance. */
typedef struct vc_synth_word {
  size_t pos, len;
  uint64_t start, end;
} vc_synth_word;

/* Speaks `text` (UTF-8, speakable form) with voice `v`, handing PCM to `sink`. On
 * success *words (caller frees with free()) holds the words in order and *n_samples the
 * utterance's length in samples. */
vc_status vc_synth_speak(vc_synth *s, const vc_voice *v, const char *text, vc_pcm_fn sink,
                         void *user, vc_synth_word **words, size_t *n_words,
                         uint64_t *n_samples, vc_diag *diag);

/* ---- units on the fresh engine (synth.c explains the unit state) ----
 * Every unit is spoken in a process of its own from one defined engine state: espeak-ng
 * right after espeak_Initialize, then the voice's resolved espeak-ng name and its rate,
 * pitch and range set, nothing spoken before. The same unit therefore gives the same
 * samples and word timings whoever speaks it, in whatever order, however many at once.
 * The speaking is done by children of an engine process that the first vc_synth_new
 * starts (create that first vc_synth while no other thread of the process runs); only
 * the process that created it can send units. */

/* One unit's speech: `pcm` (n_samples; the vc_synth's, valid until its next
 * vc_synth_take or vc_synth_free) and `words` (n_words, times from the unit's start,
 * owned by the unit: vc_synth_unit_free). */
typedef struct vc_synth_unit {
  int16_t *pcm;
  uint64_t n_samples;
  vc_synth_word *words;
  size_t n_words;
} vc_synth_unit;

/* Sends `text` (UTF-8, speakable form) to be spoken with voice `v`; it starts at once,
 * beside the units sent before and not yet taken. */
vc_status vc_synth_submit(vc_synth *s, const vc_voice *v, const char *text, vc_diag *diag);
/* Takes the answer of the oldest unit sent and not yet taken (`v`: its voice, for
 * messages). Waits until it is spoken. */
vc_status vc_synth_take(vc_synth *s, const vc_voice *v, vc_synth_unit *u, vc_diag *diag);
void vc_synth_unit_free(vc_synth_unit *u);
/* Units sent and not yet taken. */
size_t vc_synth_outstanding(const vc_synth *s);

/* One unit: speaks `text` with voice `v` in the unit state and hands all the PCM to
 * `sink` at the end; *n_samples gets its length. No unit may be outstanding. */
vc_status vc_synth_speak_fresh(vc_synth *s, const vc_voice *v, const char *text,
                               vc_pcm_fn sink, void *user, uint64_t *n_samples,
                               vc_diag *diag);

/* Programme loudness voicecap aims for (EBU R128 integrated, as streaming services do). */
#define VC_LOUDNESS_TARGET_LUFS (-16.0)

#ifdef __cplusplus
}
#endif
#endif
