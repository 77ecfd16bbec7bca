/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private helpers the writers (and the video stage) share: colours, turn times, escaping.
 */
#ifndef VC_WRITERS_INTERNAL_H
#define VC_WRITERS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cast_colours.h"
#include "cues_text.h"
#include "writers.h"

/* WCAG 2.2 contrast ratio (1 to 21) of two 0xRRGGBB colours. */
double vc_contrast_ratio(unsigned a, unsigned b);

/* `c` mixed with white in the smallest step (of 1/32) that gives at least `ratio`
 * contrast against every colour of bg[0..n). */
unsigned vc_colour_for_contrast(unsigned c, const unsigned *bg, size_t n, double ratio);

/* The start (ms) of turn `i`: its first word's first sample. */
int64_t vc_turn_start_ms(const vc_doc *d, size_t i);

/* The end (ms) of turn `i`: the next turn's start, or the audio's end. */
int64_t vc_turn_end_ms(const vc_doc *d, size_t i);

/* The length of the audio (ms, rounded up). */
int64_t vc_doc_duration_ms(const vc_doc *d);

/* Speaker `sp`'s display name as one line for a format's field: vc_cap_field with
 * `pairs` (NULL for none), "Speaker" when it has no name. Caller frees; NULL on ENOMEM. */
char *vc_speaker_field(const vc_script *s, size_t sp, const char *const *pairs);

/* vc_speaker_field of every speaker of `s`: an array of s->n_speakers, freed with
 * vc_speaker_fields_free. NULL on ENOMEM. */
char **vc_speaker_fields(const vc_script *s, const char *const *pairs);
void vc_speaker_fields_free(char **v, size_t n);

/* Appends s[0..n) escaped for WebVTT cue text (vtt.c). */
void vc_vtt_put_escaped(vc_sbuf *b, const char *s, size_t n);

#endif
