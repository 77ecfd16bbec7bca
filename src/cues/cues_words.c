/* SPDX-License-Identifier: GPL-3.0-or-later */
/* English function words that a caption line must not end with (BBC, Netflix rules); the
 * list is data/caption-words.tsv. */
#include "cues_words.h"

#include <stdlib.h>
#include <string.h>

typedef struct vc_wentry {
  const char *word;
  vc_wclass cls;
} vc_wentry;

/* data/caption-words.tsv, sorted by `word` (strcmp order) at build time: looked up with
 * bsearch. */
static const vc_wentry vc_words[] = {
#include "cues_words_table.inc"
};

static int entry_cmp(const void *key, const void *elem) {
  return strcmp(key, ((const vc_wentry *)elem)->word);
}

/* Copies the word lowercased into buf, typographic apostrophes made ASCII and opening
 * punctuation skipped; 0 when it has trailing punctuation, other non-ASCII or is long. */
static int normalise(const char *w, size_t n, char *buf, size_t size) {
  size_t i = 0, o = 0;
  while (i < n && strchr("\"'([", w[i]))
    i++;
  if (n - i >= 3 && memcmp(w + i, "\xE2\x80\x9C", 3) == 0) /* left double quote */
    i += 3;
  while (i < n) {
    unsigned char c = (unsigned char)w[i];
    if (n - i >= 3 && memcmp(w + i, "\xE2\x80\x99", 3) == 0) { /* right single quote */
      c = '\'';
      i += 2;
    } else if (c >= 0x80) {
      return 0;
    }
    if (o + 1 >= size)
      return 0;
    buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    i++;
  }
  buf[o] = '\0';
  return o > 0 && ((buf[o - 1] >= 'a' && buf[o - 1] <= 'z'));
}

vc_wclass vc_word_class(const char *w, size_t n) {
  char buf[24];
  if (!normalise(w, n, buf, sizeof buf))
    return VC_WC_NONE;
  const vc_wentry *e = bsearch(buf, vc_words, sizeof vc_words / sizeof vc_words[0],
                               sizeof vc_words[0], entry_cmp);
  return e ? e->cls : VC_WC_NONE;
}
