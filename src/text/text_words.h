/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private interface between the speakable-text driver (text_speak.c) and its word rules
 * (text_words.c). Calls go one way: driver -> word rules -> pronunciation table
 * (text_pron.c) -> word knowledge (text_lex.c). */
#ifndef VC_TEXT_WORDS_H
#define VC_TEXT_WORDS_H

#include <stddef.h>

#include "cues_rules.h"
#include "text.h"
#include "text_buf.h"
#include "text_pron.h"

/* One white-space-delimited word of the display text being spoken. */
typedef struct vc_speak_word {
  size_t ts, te; /* the word */
  size_t cs, ce; /* its core: without surrounding quotes, brackets and punctuation */
  size_t ps, pe; /* the previous word's core (ps == pe at the start) */
  size_t ns, ne; /* the next word's core (ns == ne at the end) */
  size_t resume; /* set by a rule that handled the word: where plain speech resumes */
} vc_speak_word;

/* The speakable text being built from display text `s[0..len)`. */
typedef struct vc_speak {
  const vc_speak_rules *r; /* may be NULL: built-in rules only */
  const char *s;
  size_t len;
  vc_mbuf out;
  vc_hold *holds; /* pauses for reading (vc_speak_hold) */
  size_t n_holds, cap_holds;
  int started;    /* something other than white space was spoken (vc_speak_started) */
  size_t scanned; /* bytes of `out` looked at for it */
} vc_speak;

/* Milliseconds of reading a caption character takes (the captions' reading rate). */
enum {
  VC_READ_MS_PER_CHAR = 1000 / VC_CAP_MAX_CPS,
  VC_HOLD_MAX_MS = 5000,  /* a cue lasts at most 7 s */
  VC_LINK_PAUSE_MS = 300, /* before a link */
  /* a link longer than a cue's two lines has its path said too */
  VC_LINK_NAME_ONLY = VC_CAP_MAX_LINES * VC_CAP_MAX_CHARS
};

/* Adds a pause of `ms` before the speakable byte about to be written, shown with the
 * display word of speakable byte `word` (already written). */
vc_status vc_speak_hold(vc_speak *sp, size_t word, int ms);

/* 1 when something other than white space has been spoken so far. */
int vc_speak_started(vc_speak *sp);

/* Tries every word rule on `t`; returns 1 when one handled it, 0 when none did, -1 on
 * error (*st set). */
int vc_word_rules_apply(vc_speak *sp, vc_speak_word *t, vc_status *st);

#endif
