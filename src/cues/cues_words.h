/* SPDX-License-Identifier: GPL-3.0-or-later */
/* English word classes that must not end a caption line (data in cues_words.c). */
#ifndef VC_CUEWORDS_H
#define VC_CUEWORDS_H

#include <stddef.h>

typedef enum vc_wclass {
  VC_WC_NONE = 0,
  VC_WC_ARTICLE,
  VC_WC_PREPOSITION,
  VC_WC_CONJUNCTION,
  VC_WC_PRONOUN, /* subject pronouns */
  VC_WC_AUXILIARY,
  VC_WC_DETERMINER /* possessives and demonstratives: they bind to the next word too */
} vc_wclass;

/* Class of the word w[0..n) (ASCII case-insensitive, typographic apostrophe accepted,
 * opening quotes and brackets ignored). A word with trailing punctuation is VC_WC_NONE:
 * the punctuation closes it. */
vc_wclass vc_word_class(const char *w, size_t n);

#endif
