/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing output string with a byte map back to its source (speakable/display text). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_buf.h"

void vc_mbuf_init(vc_mbuf *b) {
  memset(b, 0, sizeof *b);
}

/* Makes room for `extra` more bytes plus a terminator and the final map entry. */
static vc_status sbuf_reserve(vc_mbuf *b, size_t extra) {
  size_t need, cap;
  char *t;
  size_t *m;
  if (extra > SIZE_MAX - 2 - b->len)
    return VC_ERR_LIMIT;
  need = b->len + extra + 2;
  if (need <= b->cap)
    return VC_OK;
  cap = b->cap ? b->cap : 64;
  while (cap < need) {
    if (cap > SIZE_MAX / 2 / sizeof(size_t))
      return VC_ERR_LIMIT;
    cap *= 2;
  }
  t = realloc(b->text, cap);
  if (!t)
    return VC_ERR_NOMEM;
  b->text = t;
  m = realloc(b->map, cap * sizeof *m);
  if (!m)
    return VC_ERR_NOMEM;
  b->map = m;
  b->cap = cap;
  return VC_OK;
}

vc_status vc_mbuf_put(vc_mbuf *b, const char *s, size_t n, size_t at) {
  vc_status st = sbuf_reserve(b, n);
  if (st != VC_OK)
    return st;
  for (size_t i = 0; i < n; i++) {
    b->text[b->len] = s[i];
    b->map[b->len++] = at;
  }
  return VC_OK;
}

vc_status vc_mbuf_copy(vc_mbuf *b, const char *s, size_t n, size_t at) {
  vc_status st = sbuf_reserve(b, n);
  if (st != VC_OK)
    return st;
  for (size_t i = 0; i < n; i++) {
    b->text[b->len] = s[i];
    b->map[b->len++] = at + i;
  }
  return VC_OK;
}

void vc_mbuf_trim_spaces(vc_mbuf *b) {
  while (b->len > 0 && b->text[b->len - 1] == ' ')
    b->len--;
}

vc_status vc_mbuf_take(vc_mbuf *b, size_t src_len, char **text, size_t *len, size_t **map) {
  vc_status st = sbuf_reserve(b, 0);
  if (st != VC_OK)
    return st;
  b->text[b->len] = '\0';
  b->map[b->len] = src_len;
  *text = b->text;
  *len = b->len;
  *map = b->map;
  vc_mbuf_init(b);
  return VC_OK;
}

vc_status vc_mbuf_finish(vc_mbuf *b, size_t src_len, vc_speakable **out) {
  vc_speakable *s = calloc(1, sizeof *s);
  vc_status st;
  if (!s)
    return VC_ERR_NOMEM;
  st = vc_mbuf_take(b, src_len, &s->text, &s->len, &s->map);
  if (st != VC_OK) {
    free(s);
    return st;
  }
  *out = s;
  return VC_OK;
}

void vc_mbuf_release(vc_mbuf *b) {
  free(b->text);
  free(b->map);
  vc_mbuf_init(b);
}
