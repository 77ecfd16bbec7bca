/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Word knowledge for speech and glue repair: hunspell lookups, a small string set and
 * where a word's core (without quotes, brackets and punctuation) begins and ends. */
#include <errno.h>
#include <hunspell/hunspell.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_lex.h"
#include "util_folders.h"

#define VC_WORD_MAX 128 /* longer "words" are never looked up */

void vc_strset_init(vc_strset *s) {
  memset(s, 0, sizeof *s);
}

void vc_strset_release(vc_strset *s) {
  for (size_t i = 0; i < s->cap; i++)
    free(s->keys[i]);
  free(s->keys);
  free(s->vals);
  vc_strset_init(s);
}

static uint64_t hash_bytes(const char *k, size_t len) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)k[i]) * 1099511628211ULL;
  return h;
}

/* Index of `key` or of the empty slot where it would go; cap must be a power of two. */
static size_t slot_of(char *const *keys, size_t cap, const char *key, size_t len) {
  size_t i = (size_t)hash_bytes(key, len) & (cap - 1);
  while (keys[i] && !(strlen(keys[i]) == len && memcmp(keys[i], key, len) == 0))
    i = (i + 1) & (cap - 1);
  return i;
}

static vc_status strset_grow(vc_strset *s) {
  size_t cap = s->cap ? s->cap * 2 : 256;
  char **keys;
  int *vals;
  if (cap > SIZE_MAX / sizeof *keys)
    return VC_ERR_LIMIT;
  keys = calloc(cap, sizeof *keys);
  vals = calloc(cap, sizeof *vals);
  if (!keys || !vals) {
    free(keys);
    free(vals);
    return VC_ERR_NOMEM;
  }
  for (size_t i = 0; i < s->cap; i++) {
    if (!s->keys[i])
      continue;
    size_t j = slot_of(keys, cap, s->keys[i], strlen(s->keys[i]));
    keys[j] = s->keys[i];
    vals[j] = s->vals[i];
  }
  free(s->keys);
  free(s->vals);
  s->keys = keys;
  s->vals = vals;
  s->cap = cap;
  return VC_OK;
}

vc_status vc_strset_add(vc_strset *s, const char *key, size_t len, int **val_out) {
  size_t i;
  if (s->cap == 0 || (s->n + 1) * 4 > s->cap * 3) {
    vc_status st = strset_grow(s);
    if (st != VC_OK)
      return st;
  }
  i = slot_of(s->keys, s->cap, key, len);
  if (!s->keys[i]) {
    char *k = malloc(len + 1);
    if (!k)
      return VC_ERR_NOMEM;
    memcpy(k, key, len);
    k[len] = '\0';
    s->keys[i] = k;
    s->vals[i] = 0;
    s->n++;
  }
  if (val_out)
    *val_out = &s->vals[i];
  return VC_OK;
}

int *vc_strset_find(const vc_strset *s, const char *key, size_t len) {
  size_t i;
  if (s->cap == 0)
    return NULL;
  i = slot_of(s->keys, s->cap, key, len);
  return s->keys[i] ? &s->vals[i] : NULL;
}

/* ---- hunspell ------------------------------------------------------------------------ */

struct vc_dict {
  Hunhandle *h;
  size_t refs; /* holders: vc_dict_open makes one, vc_dict_share adds one */
};

/* Where Debian and other distributions put the en_US dictionary (without suffix). */
static const char *const vc_dict_paths[] = {
    "/usr/share/hunspell/en_US",
    "/usr/share/myspell/dicts/en_US",
    "/usr/share/myspell/en_US",
    "/usr/local/share/hunspell/en_US",
};

static int file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  fclose(f);
  return 1;
}

/* Opens `base`.aff + `base`.dic into *out when both exist. */
static vc_status dict_try(const char *base, vc_dict **out) {
  char aff[1024], dic[1024];
  vc_dict *d;
  if (snprintf(aff, sizeof aff, "%s.aff", base) >= (int)sizeof aff ||
      snprintf(dic, sizeof dic, "%s.dic", base) >= (int)sizeof dic)
    return VC_OK;
  if (!file_exists(aff) || !file_exists(dic))
    return VC_OK;
  d = malloc(sizeof *d);
  if (!d)
    return VC_ERR_NOMEM;
  d->refs = 1;
  d->h = Hunspell_create(aff, dic);
  if (!d->h) {
    free(d);
    return VC_ERR_NOMEM;
  }
  *out = d;
  return VC_OK;
}

vc_status vc_dict_open(vc_dict **out) {
  const char *env = getenv("VOICECAP_HUNSPELL");
  vc_status st = VC_OK;
  *out = NULL;
  if (env && *env)
    st = dict_try(env, out);
  for (size_t i = 0;
       st == VC_OK && !*out && i < sizeof vc_dict_paths / sizeof *vc_dict_paths; i++)
    st = dict_try(vc_dict_paths[i], out);
  return st;
}

vc_dict *vc_dict_share(vc_dict *d) {
  if (d)
    d->refs++;
  return d;
}

void vc_dict_close(vc_dict *d) {
  if (!d || --d->refs > 0)
    return;
  Hunspell_destroy(d->h);
  free(d);
}

int vc_dict_has(const vc_dict *d, const char *w, size_t len) {
  char buf[VC_WORD_MAX];
  if (!d || len == 0 || len >= sizeof buf)
    return 0;
  memcpy(buf, w, len);
  buf[len] = '\0';
  return Hunspell_spell(d->h, buf) != 0;
}

int vc_dict_has_lower(const vc_dict *d, const char *w, size_t len) {
  char buf[VC_WORD_MAX];
  if (!d || len == 0 || len >= sizeof buf)
    return 0;
  for (size_t i = 0; i < len; i++)
    buf[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] - 'A' + 'a') : w[i];
  buf[len] = '\0';
  return Hunspell_spell(d->h, buf) != 0;
}

/* ---- data files ---------------------------------------------------------------------- */

#define VC_TSV_LINE_MAX 1024
#define VC_TSV_FIELDS 8

/* Splits `line` in place at tabs; returns the field count. */
static size_t tsv_split(char *line, char **field) {
  size_t n = 0;
  line[strcspn(line, "\r\n")] = '\0';
  field[n++] = line;
  for (char *p = line; *p && n < VC_TSV_FIELDS; p++) {
    if (*p == '\t') {
      *p = '\0';
      field[n++] = p + 1;
    }
  }
  return n;
}

vc_status vc_tsv_read(const char *dir, const char *name, vc_tsv_fn fn, void *user,
                      vc_diag *diag) {
  char path[1024], line[VC_TSV_LINE_MAX + 2];
  char *field[VC_TSV_FIELDS];
  size_t line_no = 0;
  char *found = NULL;
  vc_status st = dir ? VC_OK : vc_folder_find(VC_FOLDER_DATA, NULL, &found, diag);
  FILE *f;
  if (st != VC_OK)
    return st;
  int n = snprintf(path, sizeof path, "%s/%s", dir ? dir : found, name);
  free(found);
  if (n >= (int)sizeof path)
    return VC_ERR_ARG;
  f = fopen(path, "r");
  if (!f) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg,
               "%.400s: cannot read: %s (is $VOICECAP_DATA the data folder?)", path,
               strerror(errno));
    return VC_ERR_IO;
  }
  while (st == VC_OK && fgets(line, sizeof line, f)) {
    line_no++;
    if (!strchr(line, '\n') && !feof(f)) {
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "%.400s:%zu: line too long", path, line_no);
      st = VC_ERR_CONFIG;
      break;
    }
    if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
      continue;
    st = fn(user, field, tsv_split(line, field), line_no);
  }
  fclose(f);
  return st;
}

/* ---- a word's core ------------------------------------------------------------------ */

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

static const char *const vc_lead_punct[] = {
    "(",        "[",        "{",       "\"", "'", "*", "_", "\xe2\x80\x9c", "\xe2\x80\x98",
    "\xc2\xab", "\xc2\xbf", "\xc2\xa1"};
static const char *const vc_trail_punct[] = {")",
                                             "]",
                                             "}",
                                             "\"",
                                             "'",
                                             ",",
                                             ".",
                                             ";",
                                             ":",
                                             "!",
                                             "?",
                                             "*",
                                             "_",
                                             "\xe2\x80\x9d",
                                             "\xe2\x80\x99",
                                             "\xc2\xbb",
                                             "\xe2\x80\xa6"};

/* Length of the entry of `set` that s[i..) starts with (from the end when `back`). */
static size_t punct_at(const char *s, size_t from, size_t to, int back,
                       const char *const *set, size_t n_set) {
  for (size_t k = 0; k < n_set; k++) {
    size_t n = strlen(set[k]);
    if (to - from < n)
      continue;
    if (memcmp(s + (back ? to - n : from), set[k], n) == 0)
      return n;
  }
  return 0;
}

void vc_word_core(const char *s, size_t ts, size_t te, size_t *cs, size_t *ce) {
  size_t a = ts, b = te, n;
  const size_t nl = sizeof vc_lead_punct / sizeof *vc_lead_punct;
  const size_t nt = sizeof vc_trail_punct / sizeof *vc_trail_punct;
  while (a < b && (n = punct_at(s, a, b, 0, vc_lead_punct, nl)) > 0) {
    if (a + n < b && is_digit(s[a + n]) &&
        (s[a] == '\'' || memcmp(s + a, "\xe2\x80\x98", n) == 0))
      break; /* the apostrophe of "‘90s" belongs to the word */
    a += n;
  }
  while (a < b && (n = punct_at(s, a, b, 1, vc_trail_punct, nt)) > 0)
    b -= n;
  *cs = a;
  *ce = b;
}
