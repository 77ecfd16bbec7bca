/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker, SubRip reader: counters, timing lines, text players would misread. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "cues_text.h"

static const vc_ctime vc_srt_time = {
    .hours = 2, .hour_digits = 2, .sep = ',', .frac_digits = 3};

static int is_blank(const vc_cline *l) {
  for (size_t i = 0; i < l->len; i++)
    if (l->s[i] != ' ' && l->s[i] != '\t')
      return 0;
  return 1;
}

/* The line's value when it is a cue number (digits only), else -1. */
static long long counter_value(const vc_cline *l) {
  if (l->len == 0 || l->len > 12)
    return -1;
  long long v = 0;
  for (size_t i = 0; i < l->len; i++) {
    if (l->s[i] < '0' || l->s[i] > '9')
      return -1;
    v = v * 10 + (l->s[i] - '0');
  }
  return v;
}

/* "HH:MM:SS,mmm --> HH:MM:SS,mmm" and nothing else; 0 when it is not. */
static int parse_timing(const vc_cline *l, int64_t *a, int64_t *z) {
  size_t i = 0;
  *a = vc_chk_parse_time(l->s, l->len, &i, &vc_srt_time);
  if (*a < 0 || l->len - i < 5 || memcmp(l->s + i, " --> ", 5) != 0)
    return 0;
  i += 5;
  *z = vc_chk_parse_time(l->s, l->len, &i, &vc_srt_time);
  return *z >= 0 && i == l->len;
}

/* Text shapes that players do not show as written (SRT has no escaping), in the order
 * trap_at() tests them: "-->", "<tag>", "{\\", "\\N" (\n, \h), "&name;". */
static const char *const vc_srt_traps[] = {
    "is read as a timing line by some players",
    "is hidden by players as a tag",
    "starts an override block in players built on libass",
    "is a line break or space in players built on libass",
    "is decoded as a character reference by web players",
};

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

/* A character reference "&name;", "&#123;" or "&#x1F;" at p (before end). */
static int is_reference(const char *p, const char *end) {
  const char *q = p + 1 + (p + 1 < end && p[1] == '#');
  const char *r = q;
  while (r < end && r - q < 32 && is_alnum(*r))
    r++;
  return r > q && r < end && *r == ';';
}

/* Index into vc_srt_traps of the first trap at s[i], or -1. */
static int trap_at(const char *s, size_t n, size_t i) {
  const char *p = s + i, *end = s + n;
  int more = p + 1 < end;
  if (end - p >= 3 && memcmp(p, "-->", 3) == 0)
    return 0;
  if (*p == '<' && more && (p[1] == '/' || is_alpha(p[1])) &&
      memchr(p, '>', (size_t)(end - p)))
    return 1;
  if (*p == '{' && more && p[1] == '\\')
    return 2;
  if (*p == '\\' && more && (p[1] == 'N' || p[1] == 'n' || p[1] == 'h'))
    return 3;
  if (*p == '&' && is_reference(p, end))
    return 4;
  return -1;
}

static int has_arrow(const vc_cline *l) {
  for (size_t i = 0; i + 3 <= l->len; i++)
    if (memcmp(l->s + i, "-->", 3) == 0)
      return 1;
  return 0;
}

static void check_text_line(vc_crep *r, const vc_cline *l) {
  for (size_t i = 0; i < l->len; i++) {
    int t = trap_at(l->s, l->len, i);
    if (t >= 0) {
      size_t k = vc_chk_excerpt(l->s + i, l->len - i);
      vc_crep_line(r, l->no, "text '%.*s' %s (neutralise it, e.g. with a look-alike)",
                   (int)k, l->s + i, vc_srt_traps[t]);
      return;
    }
  }
}

typedef struct srt_state {
  vc_crep *r;
  const char *buf;
  size_t n, pos;
  vc_cline l;
  int have;
} srt_state;

static void advance(srt_state *s) {
  s->have = vc_cline_next(s->buf, s->n, &s->pos, &s->l);
}

static void skip_block(srt_state *s) {
  while (s->have && !is_blank(&s->l))
    advance(s);
}

/* Text lines after a timing line, up to a blank line; joined with '\n'. */
static char *read_text(srt_state *s) {
  vc_sbuf b = {0};
  for (advance(s); s->have && !is_blank(&s->l); advance(s)) {
    check_text_line(s->r, &s->l);
    if (b.len)
      vc_sbuf_addc(&b, '\n');
    vc_sbuf_add(&b, s->l.s, s->l.len);
  }
  return vc_sbuf_take(&b);
}

/* A line where a cue number should be: text left over after a blank line. */
static void stray_text(srt_state *s, const vc_cdoc *d, size_t prev_end_line) {
  size_t k = vc_chk_excerpt(s->l.s, s->l.len);
  if (d->n == 0)
    vc_crep_line(s->r, s->l.no, "expected cue number 1, found '%.*s'", (int)k, s->l.s);
  else
    vc_crep_line(s->r, s->l.no,
                 "text '%.*s' after the blank line that ended cue %zu (line %zu): no blank "
                 "line may stand inside a cue",
                 (int)k, s->l.s, d->n, prev_end_line);
  skip_block(s);
}

/* Reports a missing or wrong cue number; moves past it when there is one. */
static void cue_number(srt_state *s, const vc_cdoc *d) {
  long long num = counter_value(&s->l);
  if (num < 0) {
    vc_crep_line(s->r, s->l.no, "cue number %zu missing before the timing line", d->n + 1);
    return;
  }
  if ((unsigned long long)num != d->n + 1)
    vc_crep_line(s->r, s->l.no, "cue number %lld, expected %zu (numbers run from 1)", num,
                 d->n + 1);
  advance(s);
}

/* Reads the cue whose counter (or timing line) is the current line. */
static vc_status read_cue(srt_state *s, vc_cdoc *d, size_t prev_end_line) {
  if (counter_value(&s->l) < 0 && !has_arrow(&s->l)) {
    stray_text(s, d, prev_end_line);
    return VC_OK;
  }
  cue_number(s, d);
  vc_ccue q = {0};
  if (!s->have || is_blank(&s->l) || !parse_timing(&s->l, &q.start_ms, &q.end_ms)) {
    size_t k = s->have ? vc_chk_excerpt(s->l.s, s->l.len) : 0;
    vc_crep_line(s->r, s->l.no, "timing line '%.*s' is not HH:MM:SS,mmm --> HH:MM:SS,mmm",
                 (int)k, s->have ? s->l.s : "");
    skip_block(s);
    return VC_OK;
  }
  q.line = s->l.no;
  q.text = read_text(s);
  return q.text ? vc_cdoc_add(d, &q) : VC_ERR_NOMEM;
}

vc_status vc_chk_read_srt(vc_crep *r, const char *buf, size_t n, vc_cdoc *d) {
  srt_state s = {.r = r, .buf = buf, .n = n};
  if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
    vc_crep_line(r, 1, "starts with a byte order mark (SRT is UTF-8 without BOM)");
    s.pos = 3;
  }
  d->fmt = VC_CFMT_SRT;
  d->slack_ms = 0;
  vc_status st = VC_OK;
  size_t end_line = 0;
  for (advance(&s); st == VC_OK && s.have;) {
    if (is_blank(&s.l)) {
      end_line = s.l.no;
      advance(&s);
      continue;
    }
    st = read_cue(&s, d, end_line);
  }
  if (st == VC_OK && d->n == 0)
    vc_crep_file(r, "no cues");
  return st;
}
