/* The engine guard: no word longer than espeak-ng can take reaches it (text.h). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_buf.h"

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* End of the longest piece of the run [from, end) that fits, cut where a grapheme ends
 * (or, for a single grapheme longer than the limit, where a code point ends). */
static size_t piece_end(const char *s, size_t from, size_t end) {
  size_t limit = from + VC_SPEAK_MAX_WORD_BYTES, i = from, cut = 0, cp_cut = 0;
  utf8proc_int32_t prev = -1, cp;
  utf8proc_int32_t state = 0;
  while (i < end) {
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                         (utf8proc_ssize_t)(end - i < 4 ? end - i : 4), &cp);
    if (n <= 0)
      n = 1, cp = 0xFFFD;
    if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
      cut = i;
    if (i + (size_t)n > limit)
      break;
    cp_cut = i + (size_t)n;
    prev = cp;
    i += (size_t)n;
  }
  if (i >= end)
    return end;
  return cut > from ? cut : cp_cut > from ? cp_cut : from + 1;
}

/* Where spaces went in: before these bytes of the old text, in order. */
typedef struct vc_cuts {
  size_t *at;
  size_t n, cap;
} vc_cuts;

static vc_status note_cut(vc_cuts *c, size_t at) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 16;
    size_t *v = realloc(c->at, cap * sizeof *v);
    if (!v)
      return VC_ERR_NOMEM;
    c->at = v, c->cap = cap;
  }
  c->at[c->n++] = at;
  return VC_OK;
}

/* Copies the run [from, end) of `b` into `out`, cut into pieces. */
static vc_status copy_run(const vc_mbuf *b, size_t from, size_t end, vc_mbuf *out,
                          vc_cuts *cuts) {
  vc_status st = VC_OK;
  while (st == VC_OK && from < end) {
    size_t to = piece_end(b->text, from, end);
    for (size_t i = from; st == VC_OK && i < to; i++)
      st = vc_mbuf_put(out, b->text + i, 1, b->map[i]);
    if (st == VC_OK && to < end)
      st = vc_mbuf_put(out, " ", 1, b->map[to]);
    if (st == VC_OK && to < end)
      st = note_cut(cuts, to);
    from = to;
  }
  return st;
}

/* An offset of the old text in the new one: moved by the spaces put in before it. */
static size_t moved(const vc_cuts *c, size_t at) {
  size_t k = 0;
  while (k < c->n && c->at[k] <= at)
    k++;
  return at + k;
}

vc_status vc_speak_split_long(vc_mbuf *b, vc_hold *holds, size_t n_holds, size_t *n_split) {
  size_t i = 0, runs = 0;
  *n_split = 0;
  while (i < b->len) { /* the common case: nothing to cut, nothing copied */
    size_t s = i;
    while (i < b->len && !is_space(b->text[i]))
      i++;
    runs += i - s > VC_SPEAK_MAX_WORD_BYTES;
    while (i < b->len && is_space(b->text[i]))
      i++;
  }
  if (runs == 0)
    return VC_OK;
  vc_mbuf out;
  vc_mbuf_init(&out);
  vc_cuts cuts = {0};
  vc_status st = VC_OK;
  for (i = 0; st == VC_OK && i < b->len;) {
    size_t s = i;
    while (i < b->len && !is_space(b->text[i]))
      i++;
    st = copy_run(b, s, i, &out, &cuts);
    for (; st == VC_OK && i < b->len && is_space(b->text[i]); i++)
      st = vc_mbuf_put(&out, b->text + i, 1, b->map[i]);
  }
  if (st != VC_OK) {
    vc_mbuf_release(&out);
    free(cuts.at);
    return st;
  }
  for (size_t h = 0; h < n_holds; h++) {
    holds[h].at = moved(&cuts, holds[h].at);
    holds[h].word = moved(&cuts, holds[h].word);
  }
  free(cuts.at);
  vc_mbuf_release(b);
  *b = out;
  *n_split = runs;
  return VC_OK;
}
