/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Word knowledge for speech and glue repair: the hunspell dictionary and string sets. */
#ifndef VC_TEXT_LEX_H
#define VC_TEXT_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

/* A set of strings, each with an int value (a count or flags). */
typedef struct vc_strset {
  char **keys;
  int *vals;
  size_t n, cap;
} vc_strset;

void vc_strset_init(vc_strset *s);
void vc_strset_release(vc_strset *s);
/* Adds `key[0..len)` (copied) if absent; *val_out points at its value (0 when new). */
vc_status vc_strset_add(vc_strset *s, const char *key, size_t len, int **val_out);
/* Returns the value's address, or NULL when `key[0..len)` is absent. */
int *vc_strset_find(const vc_strset *s, const char *key, size_t len);

/* The system spelling dictionary (hunspell, en_US); NULL-safe: a missing dictionary
 * knows no words. */
typedef struct vc_dict vc_dict;

/* Opens the first en_US dictionary found (env VOICECAP_HUNSPELL, a path without the
 * .aff/.dic suffix, first). *out is NULL, with VC_OK, when there is none. */
vc_status vc_dict_open(vc_dict **out);
/* One more holder of `d` (NULL-safe): the dictionary is loaded once per render and
 * shared by the segmenter, glue repair and the speech rules, each closing its share. */
vc_dict *vc_dict_share(vc_dict *d);
/* Drops one holder; the last one frees the dictionary. */
void vc_dict_close(vc_dict *d);
/* 1 when hunspell accepts `w[0..len)` exactly as written. */
int vc_dict_has(const vc_dict *d, const char *w, size_t len);
/* 1 when the lower-case form of ASCII-cased `w[0..len)` is accepted (a common word). */
int vc_dict_has_lower(const vc_dict *d, const char *w, size_t len);

/* 1 when code point `c` separates words: white space, but not the no-break spaces. */
int vc_is_break_space(int32_t c);

/* Finds the core [*cs, *ce) of the word s[ts..te): without surrounding quotes,
 * brackets and punctuation. */
void vc_word_core(const char *s, size_t ts, size_t te, size_t *cs, size_t *ce);

/* Called for each data line of a TSV file: `field[0..n)` are NUL-terminated (n >= 1). */
typedef vc_status (*vc_tsv_fn)(void *user, char **field, size_t n, size_t line_no);

/* Reads `dir`/`name` (`dir` NULL: the data folder vc_folder_find finds), skipping blank
 * lines and lines starting with '#'. VC_ERR_IO when missing (or no data folder is found),
 * VC_ERR_CONFIG (diag: file and line) on an over-long line. */
vc_status vc_tsv_read(const char *dir, const char *name, vc_tsv_fn fn, void *user,
                      vc_diag *diag);

#endif
