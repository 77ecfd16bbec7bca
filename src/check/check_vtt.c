/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker, WebVTT reader: header, blocks, timings, cue text tags and references. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "cues_text.h"

static const vc_ctime vc_vtt_time = {
    .hours = 1, .hour_digits = 2, .sep = '.', .frac_digits = 3};

/* Tags of WebVTT cue text (W3C WebVTT 4.2.2); anything else is an unknown tag that
 * parsers drop, so it is text the writer failed to escape. */
static const char *const vc_vtt_tags[] = {"c", "i", "b", "u", "ruby", "rt", "v", "lang"};

/* Named character references the writer may use, with their code points. */
static const struct {
  const char *name;
  int32_t cp;
} vc_vtt_refs[] = {{"amp", '&'},   {"lt", '<'},    {"gt", '>'},     {"quot", '"'},
                   {"apos", '\''}, {"nbsp", 0xA0}, {"lrm", 0x200E}, {"rlm", 0x200F}};

static int is_blank(const vc_cline *l) {
  return l->len == 0;
}

static int has_arrow(const char *s, size_t n) {
  for (size_t i = 0; i + 3 <= n; i++)
    if (memcmp(s + i, "-->", 3) == 0)
      return 1;
  return 0;
}

static int is_ws(char c) {
  return c == ' ' || c == '\t';
}

/* The line starts with `word` followed by white space or its end. */
static int starts_word(const vc_cline *l, const char *word) {
  size_t k = strlen(word);
  return l->len >= k && memcmp(l->s, word, k) == 0 && (l->len == k || is_ws(l->s[k]));
}

/* "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt[ settings]"; 0 when it is not. */
static int parse_timing(const vc_cline *l, int64_t *a, int64_t *z) {
  size_t i = 0, n = l->len;
  *a = vc_chk_parse_time(l->s, n, &i, &vc_vtt_time);
  size_t ws = i;
  while (i < n && is_ws(l->s[i]))
    i++;
  if (*a < 0 || i == ws || n - i < 3 || memcmp(l->s + i, "-->", 3) != 0)
    return 0;
  ws = i += 3;
  while (i < n && is_ws(l->s[i]))
    i++;
  if (i == ws)
    return 0;
  *z = vc_chk_parse_time(l->s, n, &i, &vc_vtt_time);
  return *z >= 0 && (i == n || is_ws(l->s[i]));
}

/* State of one cue's text while its tags and references are read. */
typedef struct cue_text {
  vc_crep *r;
  vc_ccue *q;
  vc_sbuf shown;
  int64_t last_stamp;
  int voice_seen, text_before;
} cue_text;

static int known_tag(const char *s, size_t n) {
  for (size_t k = 0; k < sizeof vc_vtt_tags / sizeof vc_vtt_tags[0]; k++)
    if (strlen(vc_vtt_tags[k]) == n && memcmp(vc_vtt_tags[k], s, n) == 0)
      return 1;
  return 0;
}

static void timestamp_tag(cue_text *c, const char *tag, size_t n) {
  size_t i = 0;
  int64_t t = vc_chk_parse_time(tag, n, &i, &vc_vtt_time);
  if (t < 0 || i != n)
    vc_crep_cue(c->r, c->q, "timestamp tag '<%.*s>' is not [hh:]mm:ss.ttt", (int)n, tag);
  else if (t <= c->last_stamp || t >= c->q->end_ms)
    vc_crep_cue(c->r, c->q,
                "timestamp tag '<%.*s>' must fall inside the cue, after the one before",
                (int)n, tag);
  else
    c->last_stamp = t;
}

static vc_status voice_tag(cue_text *c, const char *tag, size_t n) {
  size_t i = 1;
  while (i < n && !is_ws(tag[i]))
    i++; /* classes: <v.loud Name> */
  while (i < n && is_ws(tag[i]))
    i++;
  size_t end = n;
  while (end > i && is_ws(tag[end - 1]))
    end--;
  if (c->voice_seen)
    return VC_OK;
  c->voice_seen = 1;
  c->text_before = c->shown.len > 0;
  if (end == i)
    vc_crep_cue(c->r, c->q, "voice span '<%.*s>' names nobody", (int)n, tag);
  else if (memchr(tag + i, '&', end - i))
    vc_crep_cue(c->r, c->q, "voice name '%.*s' contains '&'", (int)(end - i), tag + i);
  if (end == i)
    return VC_OK;
  c->q->voice = malloc(end - i + 1);
  if (!c->q->voice)
    return VC_ERR_NOMEM;
  memcpy(c->q->voice, tag + i, end - i);
  c->q->voice[end - i] = '\0';
  return VC_OK;
}

/* Handles the tag s[1..n) of "<...>"; s[n] is '>'. */
static vc_status tag(cue_text *c, const char *s, size_t n) {
  const char *t = s + 1;
  size_t len = n - 1;
  if (len && t[0] >= '0' && t[0] <= '9') {
    timestamp_tag(c, t, len);
    return VC_OK;
  }
  size_t close = len && t[0] == '/', k = close;
  while (k < len && !is_ws(t[k]) && t[k] != '.')
    k++;
  if (!known_tag(t + close, k - close)) {
    size_t x = vc_chk_excerpt(s, n + 1);
    vc_crep_cue(c->r, c->q,
                "text '%.*s' is read as an unknown tag and hidden (escape '<' as &lt;)",
                (int)x, s);
    return VC_OK;
  }
  if (!close && k == 1 && t[0] == 'v')
    return voice_tag(c, t, len);
  return VC_OK;
}

/* Decodes the reference at s[0..n) ('&' first); bytes used, or 0 when it is not one. */
static size_t reference(cue_text *c, const char *s, size_t n) {
  const char *semi = memchr(s, ';', n < 40 ? n : 40);
  if (!semi)
    return 0;
  size_t len = (size_t)(semi - s) + 1;
  if (len > 3 && s[1] == '#') {
    int hex = s[2] == 'x' || s[2] == 'X';
    char *end = NULL;
    long cp = strtol(s + 2 + hex, &end, hex ? 16 : 10);
    if (end != semi || cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    vc_sbuf_addcp(&c->shown, (int32_t)cp);
    return len;
  }
  for (size_t k = 0; k < sizeof vc_vtt_refs / sizeof vc_vtt_refs[0]; k++) {
    size_t m = strlen(vc_vtt_refs[k].name);
    if (m + 2 == len && memcmp(s + 1, vc_vtt_refs[k].name, m) == 0) {
      vc_sbuf_addcp(&c->shown, vc_vtt_refs[k].cp);
      return len;
    }
  }
  return 0;
}

/* Reads the cue text raw[0..n): fills q->text (as shown) and q->voice. */
static vc_status read_cue_text(vc_crep *r, vc_ccue *q, const char *raw, size_t n) {
  cue_text c = {.r = r, .q = q, .last_stamp = q->start_ms};
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < n;) {
    const char *gt = raw[i] == '<' ? memchr(raw + i, '>', n - i) : NULL;
    size_t used = raw[i] == '&' ? reference(&c, raw + i, n - i) : 0;
    if (gt) {
      st = tag(&c, raw + i, (size_t)(gt - raw - i));
      i = (size_t)(gt - raw) + 1;
      continue;
    }
    if (raw[i] == '<' || (raw[i] == '&' && !used))
      vc_crep_cue(r, q, "raw '%c' in cue text (escape it as %s)", raw[i],
                  raw[i] == '<' ? "&lt;" : "&amp;");
    if (!used)
      vc_sbuf_addc(&c.shown, raw[i]);
    i += used ? used : 1;
  }
  if (st == VC_OK && !c.voice_seen)
    vc_crep_cue(r, q, "not in a <v Name> voice span");
  else if (st == VC_OK && c.text_before)
    vc_crep_cue(r, q, "text before its <v Name> voice span");
  q->text = vc_sbuf_take(&c.shown);
  return st == VC_OK && !q->text ? VC_ERR_NOMEM : st;
}

typedef struct vtt_state {
  vc_crep *r;
  const char *buf;
  size_t n, pos;
  vc_cline l;
  int have;
} vtt_state;

static void advance(vtt_state *s) {
  s->have = vc_cline_next(s->buf, s->n, &s->pos, &s->l);
}

static void skip_block(vtt_state *s) {
  while (s->have && !is_blank(&s->l))
    advance(s);
}

/* Cue text lines after the timing line, up to a blank line or a line with "-->". */
static vc_status read_cue(vtt_state *s, vc_cdoc *d, vc_ccue *q) {
  vc_sbuf raw = {0};
  for (advance(s); s->have && !is_blank(&s->l); advance(s)) {
    if (has_arrow(s->l.s, s->l.len)) {
      vc_crep_line(s->r, s->l.no,
                   "'-->' in cue text ends the cue (a blank line missing "
                   "before this one, or '>' unescaped)");
      break;
    }
    if (raw.len)
      vc_sbuf_addc(&raw, '\n');
    vc_sbuf_add(&raw, s->l.s, s->l.len);
  }
  char *text = vc_sbuf_take(&raw);
  if (!text)
    return VC_ERR_NOMEM;
  q->number = d->n + 1;
  vc_status st = read_cue_text(s->r, q, text, strlen(text));
  free(text);
  if (st == VC_OK)
    return vc_cdoc_add(d, q);
  free(q->text);
  free(q->voice);
  return st;
}

/* One block from the current (non-blank) line. */
static vc_status read_block(vtt_state *s, vc_cdoc *d) {
  if (starts_word(&s->l, "NOTE") || starts_word(&s->l, "STYLE") ||
      starts_word(&s->l, "REGION")) {
    skip_block(s);
    return VC_OK;
  }
  if (!has_arrow(s->l.s, s->l.len))
    advance(s); /* an identifier */
  vc_ccue q = {0};
  if (!s->have || is_blank(&s->l) || !parse_timing(&s->l, &q.start_ms, &q.end_ms)) {
    size_t k = s->have ? vc_chk_excerpt(s->l.s, s->l.len) : 0;
    vc_crep_line(s->r, s->l.no,
                 "'%.*s' is not a timing line [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt", (int)k,
                 s->have ? s->l.s : "");
    skip_block(s);
    return VC_OK;
  }
  q.line = s->l.no;
  return read_cue(s, d, &q);
}

static void read_header(vtt_state *s) {
  size_t bom = s->n >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  s->pos = bom;
  advance(s);
  if (!s->have || !starts_word(&s->l, "WEBVTT"))
    vc_crep_line(s->r, 1, "the file does not start with the header 'WEBVTT'");
  for (; s->have && !is_blank(&s->l); advance(s))
    if (has_arrow(s->l.s, s->l.len))
      vc_crep_line(s->r, s->l.no,
                   "timing line inside the header (no blank line after "
                   "'WEBVTT')");
}

vc_status vc_chk_read_vtt(vc_crep *r, const char *buf, size_t n, vc_cdoc *d) {
  vtt_state s = {.r = r, .buf = buf, .n = n};
  d->fmt = VC_CFMT_VTT;
  d->slack_ms = 0;
  read_header(&s);
  vc_status st = VC_OK;
  while (st == VC_OK && s.have) {
    if (is_blank(&s.l)) {
      advance(&s);
      continue;
    }
    size_t before = s.l.no;
    st = read_block(&s, d);
    if (s.have && s.l.no == before)
      advance(&s); /* a cue ended by a "-->" line starts over there, once */
  }
  if (st == VC_OK && d->n == 0)
    vc_crep_file(r, "no cues");
  return st;
}
