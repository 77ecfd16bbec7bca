/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter: text pasted from a scraped source with its escape sequences written out. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

/* Evidence that the line breaks are written as the two characters "\n": three or more
 * of them, and more of them than real line breaks (a paragraph of code quoting one "\n"
 * is not such a text). */
static int escaped_breaks(const char *s, size_t n) {
  size_t esc = 0, real = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n')
      real++;
    else if (s[i] == '\\' && i + 1 < n) {
      esc += s[i + 1] == 'n';
      i++;
    }
  }
  return esc >= 3 && esc > real;
}

static int hex_val(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
    return (c | 0x20) - 'a' + 10;
  return -1;
}

/* The four hex digits at s[i], or -1. */
static long hex4(const char *s, size_t n, size_t i) {
  if (i + 4 > n)
    return -1;
  long v = 0;
  for (size_t k = i; k < i + 4; k++) {
    int h = hex_val(s[k]);
    if (h < 0)
      return -1;
    v = v * 16 + h;
  }
  return v;
}

static size_t put_utf8(char *o, long cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Decodes the escape at s[i] (a backslash) into o; *used is how many source bytes it
 * stands for. Returns the bytes written, or 0 when s[i] starts no escape this pass reads
 * ("\n" "\r\n" "\t" "\"" "\'" "\\" "\/" "\uXXXX", a surrogate pair as one character). */
static size_t decode(const char *s, size_t n, size_t i, char *o, size_t *used) {
  if (i + 1 >= n)
    return 0;
  char c = s[i + 1];
  *used = 2;
  switch (c) {
  case 'n':
    *o = '\n';
    return 1;
  case 'r':
    if (i + 3 < n && s[i + 2] == '\\' && s[i + 3] == 'n')
      *used = 4; /* "\r\n": one break */
    *o = '\n';
    return 1;
  case 't':
    *o = ' ';
    return 1;
  case '"':
  case '\'':
  case '\\':
  case '/':
    *o = c;
    return 1;
  case 'u': {
    long cp = hex4(s, n, i + 2);
    if (cp < 0)
      return 0;
    *used = 6;
    long lo =
        cp >= 0xD800 && cp < 0xDC00 && i + 7 < n && s[i + 6] == '\\' && s[i + 7] == 'u'
            ? hex4(s, n, i + 8)
            : -1;
    if (lo >= 0xDC00 && lo < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      *used = 12;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    if (cp == 0)
      cp = ' ';
    return put_utf8(o, cp);
  }
  default:
    return 0;
  }
}

vc_status vc_seg_unescape(vc_seg *g) {
  if (!escaped_breaks(g->src, g->len))
    return VC_OK;
  char *out = malloc(g->len + 1);
  size_t *del = NULL, n_del = 0, cap_del = 0, o = 0;
  if (!out)
    return VC_ERR_NOMEM;
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < g->len;) {
    size_t used = 1, w = g->src[i] == '\\' ? decode(g->src, g->len, i, out + o, &used) : 0;
    if (w == 0) {
      out[o++] = g->src[i++];
      continue;
    }
    for (size_t k = w; st == VC_OK && k < used; k++) { /* one entry per byte dropped */
      st = vc_seg_grow((void **)&del, &cap_del, n_del + 1, sizeof *del, VC_SEG_MAX_INPUT);
      if (st == VC_OK)
        del[n_del++] = o;
    }
    o += w;
    i += used;
  }
  if (st != VC_OK) {
    free(out);
    free(del);
    return st;
  }
  out[o] = 0;
  g->unesc = out;
  g->esc_del = del;
  g->n_esc_del = n_del;
  g->src = out;
  g->len = o;
  return VC_OK;
}

size_t vc_seg_unescaped_off(const vc_seg *g, size_t off) {
  return off + vc_seg_count_below(g->esc_del, g->n_esc_del, off); /* bytes dropped */
}
