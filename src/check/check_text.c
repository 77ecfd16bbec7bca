/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker helpers: problem reporter, cue list, lines, characters, labels. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check_internal.h"
#include "cues_text.h"

vc_status vc_cdoc_add(vc_cdoc *d, vc_ccue *q) {
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 64;
    vc_ccue *v = cap < SIZE_MAX / sizeof *v ? realloc(d->cues, cap * sizeof *v) : NULL;
    if (!v) {
      free(q->text);
      free(q->voice);
      return VC_ERR_NOMEM;
    }
    d->cues = v;
    d->cap = cap;
  }
  q->number = d->n + 1;
  d->cues[d->n++] = *q;
  return VC_OK;
}

void vc_cdoc_free(vc_cdoc *d) {
  for (size_t k = 0; k < d->n; k++) {
    free(d->cues[k].text);
    free(d->cues[k].voice);
  }
  free(d->cues);
  d->cues = NULL;
  d->n = d->cap = 0;
}

void vc_chk_time(char *buf, size_t size, int64_t ms) {
  vc_cap_time_ms(buf, size, ms, '.');
}

static void vreport(vc_crep *r, const char *where, const char *fmt, va_list ap) {
  if (r->problems++ >= VC_CHK_MAX_PRINTED)
    return;
  fprintf(r->out, "%s: %s", r->path, where);
  vfprintf(r->out, fmt, ap);
  fputc('\n', r->out);
}

void vc_crep_cue(vc_crep *r, const vc_ccue *q, const char *fmt, ...) {
  char t[32], where[96];
  vc_chk_time(t, sizeof t, q->start_ms);
  snprintf(where, sizeof where, "cue %zu (%s): ", q->number, t);
  va_list ap;
  va_start(ap, fmt);
  vreport(r, where, fmt, ap);
  va_end(ap);
}

void vc_crep_line(vc_crep *r, size_t line, const char *fmt, ...) {
  char where[48];
  snprintf(where, sizeof where, "line %zu: ", line);
  va_list ap;
  va_start(ap, fmt);
  vreport(r, where, fmt, ap);
  va_end(ap);
}

void vc_crep_file(vc_crep *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(r, "", fmt, ap);
  va_end(ap);
}

int vc_cline_next(const char *buf, size_t n, size_t *pos, vc_cline *l) {
  if (*pos >= n)
    return 0;
  const char *s = buf + *pos;
  size_t rest = n - *pos, len = 0;
  while (len < rest && s[len] != '\r' && s[len] != '\n')
    len++;
  size_t eol = len < rest ? 1 : 0;
  if (len + 1 < rest && s[len] == '\r' && s[len + 1] == '\n')
    eol = 2;
  *pos += len + eol;
  l->s = s;
  l->len = len;
  l->no++;
  return 1;
}

size_t vc_chk_chars(const char *s, size_t n) {
  return vc_cap_chars(s, n);
}

/* A character that would change in capitals. */
static int is_lower(int32_t cp) {
  return utf8proc_toupper(cp) != cp;
}

static int is_letter(int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

size_t vc_chk_label(const char *text) {
  size_t n = strcspn(text, "\n"), i = 0;
  int letters = 0;
  while (i < n) {
    size_t at = i;
    int32_t cp = vc_utf8_next(text, n, &i);
    if (cp == ':') {
      int ends = i == n || text[i] == ' ';
      return letters && at > 0 && text[0] != ' ' && ends ? i : 0;
    }
    if (cp < 0 || is_lower(cp))
      return 0;
    letters |= is_letter(cp);
  }
  return 0;
}

/* Look-alikes the writers put into single-line fields, mapped back before comparing:
 * U+201A SINGLE LOW-9 QUOTATION MARK stands for a comma in ASS Name and Style fields.
 * Fullwidth forms (WebVTT voice names) are undone by NFKC. */
static const int32_t vc_chk_lookalikes[][2] = {{0x201A, ','}};

static int32_t unlookalike(int32_t cp) {
  for (size_t k = 0; k < sizeof vc_chk_lookalikes / sizeof vc_chk_lookalikes[0]; k++)
    if (vc_chk_lookalikes[k][0] == cp)
      return vc_chk_lookalikes[k][1];
  return cp;
}

char *vc_chk_fold(const char *s, size_t n) {
  vc_sbuf b = {0};
  size_t i = 0;
  int space = 0;
  while (i < n) {
    int32_t cp = vc_utf8_next(s, n, &i);
    if (cp < 0 || cp == 0x2026)
      continue;
    if (cp == ' ' || cp == '\t' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) {
      space = b.len > 0;
      continue;
    }
    if (space)
      vc_sbuf_addc(&b, ' ');
    space = 0;
    vc_sbuf_addcp(&b, unlookalike(cp));
  }
  char *plain = vc_sbuf_take(&b);
  if (!plain)
    return NULL;
  utf8proc_uint8_t *folded = NULL;
  utf8proc_ssize_t k =
      utf8proc_map((const utf8proc_uint8_t *)plain, 0, &folded,
                   UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                       UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  if (k < 0) {
    free(folded);
    return k == UTF8PROC_ERROR_NOMEM ? (free(plain), NULL) : plain;
  }
  free(plain);
  return (char *)folded;
}

size_t vc_chk_utf8_bad(const char *buf, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t at = i;
    if (buf[i] == '\0' || vc_utf8_next(buf, n, &i) < 0)
      return at;
  }
  return n;
}

/* Reads a run of at most 9 digits at s[*j]; returns its length (0 when none). */
static size_t read_digits(const char *s, size_t n, size_t *j, uint64_t *v) {
  size_t k = 0;
  *v = 0;
  while (*j < n && k < 10 && s[*j] >= '0' && s[*j] <= '9') {
    *v = *v * 10 + (uint64_t)(s[*j] - '0');
    (*j)++, k++;
  }
  return k > 9 ? 0 : k;
}

int64_t vc_chk_parse_time(const char *s, size_t n, size_t *i, const vc_ctime *f) {
  uint64_t g[3] = {0}, frac = 0;
  size_t len[3] = {0}, ng = 0, j = *i;
  for (;;) {
    len[ng] = read_digits(s, n, &j, &g[ng]);
    if (!len[ng])
      return -1;
    ng++;
    if (ng == 3 || j >= n || s[j] != ':')
      break;
    j++;
  }
  if (ng < 2 || j >= n || s[j] != f->sep)
    return -1;
  j++;
  size_t at = j;
  if (read_digits(s, n, &j, &frac) != f->frac_digits)
    return -1;
  int hours = ng == 3;
  if ((hours ? !f->hours : f->hours == 2) || (hours && len[0] < f->hour_digits))
    return -1;
  uint64_t h = hours ? g[0] : 0, m = g[ng - 2], sec = g[ng - 1];
  if (len[ng - 2] != 2 || len[ng - 1] != 2 || m > 59 || sec > 59)
    return -1;
  for (size_t k = j - at; k < 3; k++)
    frac *= 10;
  *i = j;
  return (int64_t)(((h * 60 + m) * 60 + sec) * 1000 + frac);
}

size_t vc_chk_excerpt(const char *s, size_t n) {
  if (n <= 40)
    return n;
  size_t k = 40;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--;
  return k;
}
