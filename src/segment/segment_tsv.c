/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A script read back from `voicecap segment --format tsv` output the user corrected: spans
 * checked against the source, text taken from the source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

typedef struct tsv_row {
  size_t start, end;
  vc_role role;
  int drop;
  char name[VC_SEG_NAME_MAX];
} tsv_row;

static void fail(vc_diag *d, const char *tsv_name, size_t line, const char *fmt, size_t a,
                 size_t b) {
  if (!d)
    return;
  char what[160];
  snprintf(what, sizeof what, fmt, a, b);
  snprintf(d->msg, sizeof d->msg, "%s:%zu: %s", tsv_name, line, what);
}

/* Reads a decimal byte offset; 0 on failure. */
static int read_offset(const char *s, size_t n, size_t *out) {
  if (n == 0 || n > 18)
    return 0;
  size_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (size_t)(s[i] - '0');
  }
  *out = v;
  return 1;
}

/* Copies a TSV field, undoing the \t \n \r \\ escapes print_tsv writes. */
static void unescape(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    char c = s[i];
    if (c == '\\' && i + 1 < n) {
      char e = s[++i];
      c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
    }
    out[o++] = c;
  }
  out[o] = 0;
}

static int role_from(const char *s, size_t n, vc_role *role, int *drop) {
  *drop = n == 4 && memcmp(s, "drop", 4) == 0;
  for (int r = 0; r < VC_ROLE_COUNT && !*drop; r++) {
    const char *name = vc_role_name((vc_role)r);
    if (strlen(name) == n && memcmp(s, name, n) == 0) {
      *role = (vc_role)r;
      return 1;
    }
  }
  return *drop;
}

static int on_boundary(const char *src, size_t len, size_t off) {
  return off >= len || ((unsigned char)src[off] & 0xC0) != 0x80;
}

/* Parses one data line into *r; 0 with d set on an error. */
static int parse_row(const char *l, size_t n, const char *src, size_t len, size_t prev_end,
                     const char *tsv_name, size_t line, tsv_row *r, vc_diag *d) {
  const char *f[5];
  size_t fl[5], nf = 0;
  for (size_t i = 0, s = 0; i <= n && nf < 5; i++) {
    if (i == n || l[i] == '\t') {
      f[nf] = l + s;
      fl[nf++] = i - s;
      s = i + 1;
    }
  }
  if (nf < 4) {
    fail(d, tsv_name, line, "wants start_byte<TAB>end_byte<TAB>role<TAB>speaker", 0, 0);
    return 0;
  }
  if (!read_offset(f[0], fl[0], &r->start) || !read_offset(f[1], fl[1], &r->end)) {
    fail(d, tsv_name, line, "start_byte and end_byte must be byte offsets", 0, 0);
    return 0;
  }
  if (!role_from(f[2], fl[2], &r->role, &r->drop)) {
    fail(d, tsv_name, line,
         "role must be narrator, interviewer, interviewee, quote or drop", 0, 0);
    return 0;
  }
  if (r->end <= r->start) {
    fail(d, tsv_name, line, "span %zu-%zu is empty or ends before it starts", r->start,
         r->end);
    return 0;
  }
  if (r->end > len) {
    fail(d, tsv_name, line, "span ends at byte %zu, past the end of the text (%zu bytes)",
         r->end, len);
    return 0;
  }
  if (r->start < prev_end) {
    fail(d, tsv_name, line,
         "span starts at byte %zu, before the previous span ends (%zu): spans must be in "
         "order and must not overlap",
         r->start, prev_end);
    return 0;
  }
  if (!on_boundary(src, len, r->start) || !on_boundary(src, len, r->end)) {
    fail(d, tsv_name, line, "span %zu-%zu cuts a UTF-8 character", r->start, r->end);
    return 0;
  }
  unescape(f[3], fl[3], r->name, sizeof r->name);
  if (!r->drop && !r->name[0]) {
    fail(d, tsv_name, line, "the speaker is empty", 0, 0);
    return 0;
  }
  return 1;
}

/* The display text of src[s..e): white space runs as one space, a blank line as '\n'. */
static char *span_text(const char *src, size_t s, size_t e, size_t *out_len) {
  char *buf = malloc(e - s + 1);
  if (!buf)
    return NULL;
  size_t o = 0;
  for (size_t i = s; i < e;) {
    size_t k;
    int nl = 0, sp = 0;
    while (i < e && vc_seg_is_space_at(src, e, i, &k)) {
      nl += src[i] == '\n';
      sp = 1;
      i += k;
    }
    if (i >= e)
      break;
    if (sp && o > 0)
      buf[o++] = nl >= 2 ? '\n' : ' ';
    buf[o++] = src[i++];
  }
  buf[o] = 0;
  *out_len = o;
  return buf;
}

static vc_status find_speaker(vc_script *s, const char *name, vc_role role, size_t *out) {
  for (size_t i = 0; i < s->n_speakers; i++)
    if (s->speakers[i].role == role && strcmp(s->speakers[i].name, name) == 0) {
      *out = i;
      return VC_OK;
    }
  vc_speaker *sp = &s->speakers[s->n_speakers];
  sp->name = strdup(name);
  sp->role = role;
  if (!sp->name)
    return VC_ERR_NOMEM;
  *out = s->n_speakers++;
  return VC_OK;
}

static vc_status add_turn(vc_script *s, const char *src, const tsv_row *r) {
  vc_turn *t = &s->turns[s->n_turns];
  memset(t, 0, sizeof *t);
  const char *name = r->role == VC_ROLE_NARRATOR ? "Narrator" : r->name;
  vc_status st = find_speaker(s, name, r->role, &t->speaker);
  if (st != VC_OK)
    return st;
  t->text = span_text(src, r->start, r->end, &t->text_len);
  if (!t->text)
    return VC_ERR_NOMEM;
  if (t->text_len == 0) {
    free(t->text);
    return VC_OK; /* white space only: nothing to say */
  }
  t->role = r->role;
  t->src_start = r->start;
  t->src_end = r->end;
  s->notes[s->n_turns] = (vc_turn_note){1.0, "corrected turns file"};
  s->n_turns++;
  return VC_OK;
}

vc_status vc_script_from_tsv(const char *src, size_t len, const char *tsv, size_t tsv_len,
                             const char *tsv_name, vc_script **out, vc_diag *diag) {
  if (!out || (!src && len) || (!tsv && tsv_len))
    return VC_ERR_ARG;
  *out = NULL;
  size_t lines = 1;
  for (size_t i = 0; i < tsv_len; i++)
    lines += tsv[i] == '\n';
  vc_script *s = calloc(1, sizeof *s);
  vc_status st = s ? VC_OK : VC_ERR_NOMEM;
  if (st == VC_OK) {
    s->turns = calloc(lines, sizeof *s->turns);
    s->speakers = calloc(lines + 1, sizeof *s->speakers);
    s->notes = calloc(lines, sizeof *s->notes);
    st = s->turns && s->speakers && s->notes ? VC_OK : VC_ERR_NOMEM;
  }
  if (st == VC_OK)
    st = find_speaker(s, "Narrator", VC_ROLE_NARRATOR, &(size_t){0});
  size_t prev_end = 0, line = 0;
  for (size_t pos = 0; st == VC_OK && pos < tsv_len;) {
    const char *nl = memchr(tsv + pos, '\n', tsv_len - pos);
    size_t e = nl ? (size_t)(nl - tsv) : tsv_len, n = e - pos;
    const char *l = tsv + pos;
    pos = e + 1;
    line++;
    if (n > 0 && l[n - 1] == '\r')
      n--;
    if (n == 0 || l[0] == '#' || (line == 1 && strncmp(l, "start_byte", 10) == 0))
      continue;
    tsv_row r;
    if (!parse_row(l, n, src, len, prev_end, tsv_name, line, &r, diag)) {
      st = VC_ERR_CONFIG;
      break;
    }
    prev_end = r.end;
    if (!r.drop)
      st = add_turn(s, src, &r);
  }
  if (st == VC_OK && s->n_turns == 0) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "%s: no turns to speak", tsv_name);
    st = VC_ERR_EMPTY;
  }
  if (st != VC_OK) {
    vc_script_free(s);
    return st;
  }
  *out = s;
  return VC_OK;
}
