/* Cue words longer than a caption line, or spoken longer than a cue may last (text
 * without spaces: CJK, emoji runs, URLs, comma-joined lists), cut into pieces. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cues.h"
#include "cues_internal.h"
#include "cues_text.h"

/* Longest speech a piece may carry: two thirds of what a cue of one piece may hold (7 s,
 * ending 0.5 s after its speech), so that the words before or after it can share its
 * cue (a cue of a few short words alone would be too short to read). */
enum { VC_PIECE_MAX_MS = (VC_CAP_MAX_MS - VC_CAP_MAX_TAIL_MS) * 2 / 3 };

/* Where a piece may end inside one word: byte offsets of its grapheme boundaries (the
 * word's start and end included), whether UAX #14 (libunibreak) allows a line break at
 * each, and whether the grapheme before it is punctuation. */
typedef struct vc_bounds {
  size_t *at;
  unsigned char *uax14, *after_punct;
  size_t n; /* boundaries: graphemes + 1 */
} vc_bounds;

static void bounds_free(vc_bounds *b) {
  free(b->at);
  free(b->uax14);
  free(b->after_punct);
}

static int is_punct(int32_t cp) {
  utf8proc_category_t c = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/* Grapheme boundaries of s[0..n) with the break opportunities at each. A cluster made
 * only of invisible characters is not a boundary of its own (it is not shown). */
static vc_status bounds_of(const char *s, size_t n, vc_bounds *b) {
  char *brk = malloc(n ? n : 1);
  b->at = malloc((n + 1) * sizeof *b->at);
  b->uax14 = calloc(n + 1, 1);
  b->after_punct = calloc(n + 1, 1);
  b->n = 0;
  if (!brk || !b->at || !b->uax14 || !b->after_punct) {
    free(brk);
    bounds_free(b);
    return VC_ERR_NOMEM;
  }
  set_linebreaks_utf8((const utf8_t *)s, n, "en", brk);
  b->at[b->n++] = 0;
  size_t i = 0;
  utf8proc_int32_t prev = -1, state = 0;
  while (i < n) {
    size_t at = i;
    int32_t cp = vc_utf8_next(s, n, &i);
    if (prev >= 0 && cp >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state) &&
        vc_cap_chars(s + b->at[b->n - 1], at - b->at[b->n - 1]) > 0) {
      b->uax14[b->n] = brk[at - 1] == LINEBREAK_ALLOWBREAK;
      b->after_punct[b->n] = is_punct(prev);
      b->at[b->n++] = at;
    }
    prev = cp;
  }
  if (b->at[b->n - 1] != n)
    b->at[b->n++] = n;
  else if (n == 0)
    b->n = 1;
  free(brk);
  return VC_OK;
}

/* End boundary of the piece that starts at boundary `from`: all of the rest when it fits
 * in `max` graphemes, else the furthest boundary within `max` where UAX #14 allows a
 * break, else after punctuation, else after `max` graphemes. */
static size_t piece_end(const vc_bounds *b, size_t from, size_t max) {
  size_t last = b->n - 1;
  if (last - from <= max)
    return last;
  size_t lim = from + max;
  for (size_t k = lim; k > from; k--)
    if (b->uax14[k])
      return k;
  for (size_t k = lim; k > from; k--)
    if (b->after_punct[k])
      return k;
  return lim;
}

/* Graphemes a piece of word `w` may hold: a line, and no more than its share of speech
 * allows a cue of one piece (speech spread evenly over the word's characters). */
static size_t piece_max(const vc_cw *w) {
  size_t max = VC_CAP_MAX_CHARS;
  int64_t dur = w->end - w->start;
  if (dur > VC_PIECE_MAX_MS && w->chars > 0) {
    size_t by_time = (size_t)((int64_t)VC_PIECE_MAX_MS * (int64_t)w->chars / dur);
    max = by_time < max ? by_time : max;
  }
  return max ? max : 1;
}

static int needs_split(const vc_cw *w) {
  return w->chars > 1 &&
         (w->chars > VC_CAP_MAX_CHARS || w->end - w->start > VC_PIECE_MAX_MS);
}

/* Appends the pieces of word `w` to out[*n_out...). Its sound is shared out by
 * characters. */
static vc_status split_word(const vc_cw *w, vc_cw *out, size_t *n_out) {
  vc_bounds b;
  vc_status st = bounds_of(w->text, w->len, &b);
  if (st != VC_OK)
    return st;
  size_t max = piece_max(w), graphemes = b.n - 1, from = 0;
  /* Each piece starts on the word's sound: a pause for reading after it (a link's) goes
   * to the last piece. */
  int64_t dur = w->end - w->start, held = w->held < dur ? w->held : 0, sound = dur - held;
  unsigned ends = VC_WF_SENT | VC_WF_CLAUSE | VC_WF_PARA | VC_WF_GLUE_NEXT | VC_WF_PAUSE;
  while (st == VC_OK && from < graphemes) {
    size_t rest = graphemes - from, pieces = (rest + max - 1) / max;
    size_t to = piece_end(&b, from, (rest + pieces - 1) / pieces); /* even pieces */
    size_t bytes = b.at[to] - b.at[from];
    vc_cw *p = &out[(*n_out)++];
    *p = *w;
    p->text = malloc(bytes + 1);
    if (!p->text) {
      (*n_out)--;
      st = VC_ERR_NOMEM;
      break;
    }
    memcpy(p->text, w->text + b.at[from], bytes);
    p->text[bytes] = '\0';
    p->len = bytes;
    p->chars = vc_cap_chars(p->text, bytes);
    p->start = w->start + sound * (int64_t)from / (int64_t)graphemes;
    p->end = to < graphemes ? w->start + sound * (int64_t)to / (int64_t)graphemes : w->end;
    p->held = to < graphemes ? 0 : held;
    if (from > 0)
      p->flags = (p->flags &
                  ~(unsigned)(VC_WF_GLUE_PREV | VC_WF_CAP | VC_WF_CAPSTART | VC_WF_LEAD)) |
                 VC_WF_JOIN;
    if (to < graphemes)
      p->flags &= ~ends;
    from = to;
  }
  bounds_free(&b);
  return st;
}

vc_status vc_cues_split_long(vc_cw **words, size_t *n) {
  size_t extra = 0;
  for (size_t k = 0; k < *n; k++)
    if (needs_split(&(*words)[k]))
      extra += (*words)[k].chars;
  if (extra == 0)
    return VC_OK;
  if (extra > SIZE_MAX / sizeof(vc_cw) - *n)
    return VC_ERR_LIMIT;
  vc_cw *out = calloc(*n + extra, sizeof *out);
  if (!out)
    return VC_ERR_NOMEM;
  size_t m = 0;
  vc_status st = VC_OK;
  for (size_t k = 0; k < *n; k++) {
    vc_cw *w = &(*words)[k];
    if (st == VC_OK && needs_split(w)) {
      st = split_word(w, out, &m);
      free(w->text);
    } else if (st == VC_OK) {
      out[m++] = *w;
    } else {
      free(w->text);
    }
    w->text = NULL;
  }
  free(*words);
  *words = out;
  *n = m;
  return st;
}
