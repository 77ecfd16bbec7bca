/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private helpers shared by the cue builder and the caption writers. */
#include "cues_text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int sbuf_grow(vc_sbuf *b, size_t extra) {
  if (b->err)
    return 0;
  if (extra > SIZE_MAX - b->len - 1) {
    b->err = 1;
    return 0;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return 1;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->s, cap);
  if (!p) {
    b->err = 1;
    return 0;
  }
  b->s = p;
  b->cap = cap;
  return 1;
}

void vc_sbuf_add(vc_sbuf *b, const char *p, size_t n) {
  if (!sbuf_grow(b, n))
    return;
  if (n)
    memcpy(b->s + b->len, p, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void vc_sbuf_adds(vc_sbuf *b, const char *s) {
  vc_sbuf_add(b, s, strlen(s));
}

void vc_sbuf_addc(vc_sbuf *b, char c) {
  vc_sbuf_add(b, &c, 1);
}

void vc_sbuf_addcp(vc_sbuf *b, int32_t cp) {
  utf8proc_uint8_t enc[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
  vc_sbuf_add(b, (const char *)enc, n > 0 ? (size_t)n : 0);
}

char *vc_sbuf_take(vc_sbuf *b) {
  if (!b->s)
    vc_sbuf_add(b, "", 0);
  if (b->err) {
    vc_sbuf_free(b);
    return NULL;
  }
  char *s = b->s;
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void vc_sbuf_free(vc_sbuf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

int32_t vc_utf8_next(const char *s, size_t n, size_t *i) {
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t k =
      utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
  if (k <= 0) {
    *i += 1;
    return -1;
  }
  *i += (size_t)k;
  return cp;
}

size_t vc_cap_chars(const char *s, size_t n) {
  size_t count = 0, i = 0;
  utf8proc_int32_t prev = -1, state = 0;
  int visible = 0;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    if (prev < 0 || cp < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
      count += visible;
      visible = 0;
    }
    visible |= cp < 0 || !utf8proc_get_property(cp)->ignorable;
    prev = cp;
  }
  return count + visible;
}

int vc_cap_is_control(int32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

/* The replacement for the character s[0..n) in `pairs`, or NULL. */
static const char *replacement(const char *s, size_t n, const char *const *pairs) {
  for (size_t k = 0; pairs && pairs[k]; k += 2)
    if (strlen(pairs[k]) == n && memcmp(pairs[k], s, n) == 0)
      return pairs[k + 1];
  return NULL;
}

/* Appends `name` with every run of white space or control characters folded to one space
 * (none at the ends), each character upper-cased (`upper`) or replaced from `pairs`. */
static void fold_name(vc_sbuf *b, const char *name, int upper, const char *const *pairs) {
  size_t n = strlen(name), i = 0, start = b->len;
  int space = 0;
  while (i < n) {
    size_t at = i;
    int32_t cp = vc_utf8_next(name, n, &i);
    if (cp < 0)
      continue;
    if (vc_cap_is_control(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) {
      space = b->len > start;
      continue;
    }
    if (space)
      vc_sbuf_addc(b, ' ');
    space = 0;
    const char *r = upper ? NULL : replacement(name + at, i - at, pairs);
    if (upper)
      vc_sbuf_addcp(b, utf8proc_toupper(cp));
    else if (r)
      vc_sbuf_adds(b, r);
    else
      vc_sbuf_add(b, name + at, i - at);
  }
}

char *vc_cap_label(const char *name) {
  vc_sbuf b = {0};
  fold_name(&b, name, 1, NULL);
  vc_sbuf_addc(&b, ':');
  return vc_sbuf_take(&b);
}

int64_t vc_cap_ms(uint64_t samples, int rate, int round_up) {
  if (rate <= 0)
    return 0;
  uint64_t r = (uint64_t)rate;
  uint64_t whole = samples / r, rest = samples % r;
  uint64_t ms = whole * 1000u + (rest * 1000u) / r;
  if (round_up && (rest * 1000u) % r)
    ms++;
  return ms > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)ms;
}

void vc_cap_time_ms(char *buf, size_t size, int64_t ms, char sep) {
  if (ms < 0)
    ms = 0;
  int64_t h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, f = ms % 1000;
  snprintf(buf, size, "%02" PRId64 ":%02" PRId64 ":%02" PRId64 "%c%03" PRId64, h, m, s, sep,
           f);
}

void vc_cap_seconds(char *buf, size_t size, int64_t ms) {
  if (ms < 0)
    ms = 0;
  snprintf(buf, size, "%" PRId64 ".%03" PRId64, ms / 1000, ms % 1000);
}

const char *vc_cap_name(const vc_script *script, size_t i) {
  if (!script || i >= script->n_speakers || !script->speakers[i].name)
    return "";
  return script->speakers[i].name;
}

char *vc_cap_field(const char *name, const char *const *pairs, const char *fallback) {
  vc_sbuf b = {0};
  fold_name(&b, name, 0, pairs);
  if (b.len == 0 && !b.err)
    vc_sbuf_adds(&b, fallback);
  return vc_sbuf_take(&b);
}

vc_status vc_cap_stream_status(FILE *f) {
  return ferror(f) ? VC_ERR_IO : VC_OK;
}

int vc_cap_is_opening(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018;
}

int vc_cap_starts_upper(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    if (vc_cap_is_opening(cp))
      continue;
    utf8proc_category_t c = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
  }
  return 0;
}
