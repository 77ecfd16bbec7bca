/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The word timeline: display words of each utterance with sample spans from espeak-ng. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "text_lex.h"
#include "timeline.h"

#define VC_MAX_TL_WORDS (SIZE_MAX / sizeof(vc_word) / 2)

vc_status vc_timeline_new(int sample_rate, size_t n_turns, vc_timeline **out) {
  *out = NULL;
  if (sample_rate <= 0 || n_turns > SIZE_MAX / sizeof(vc_span))
    return VC_ERR_ARG;
  vc_timeline *t = calloc(1, sizeof *t);
  if (!t)
    return VC_ERR_NOMEM;
  t->turns = calloc(n_turns ? n_turns : 1, sizeof *t->turns);
  if (!t->turns) {
    free(t);
    return VC_ERR_NOMEM;
  }
  t->sample_rate = sample_rate;
  t->n_turns = n_turns;
  *out = t;
  return VC_OK;
}

void vc_timeline_free(vc_timeline *t) {
  if (!t)
    return;
  free(t->words);
  free(t->turns);
  free(t->pauses);
  free(t);
}

/* Decodes the character at s[*i] (valid UTF-8) and moves *i past it. */
static utf8proc_int32_t next_char(const char *s, size_t len, size_t *i) {
  utf8proc_int32_t c = -1;
  utf8proc_ssize_t k =
      utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), &c);
  *i += k > 0 ? (size_t)k : 1;
  return c;
}

static vc_status grow_words(vc_timeline *t, size_t more) {
  if (more > VC_MAX_TL_WORDS - t->n_words)
    return VC_ERR_LIMIT;
  size_t need = t->n_words + more;
  if (need <= t->cap_words)
    return VC_OK;
  size_t cap = t->cap_words ? t->cap_words : 256;
  while (cap < need)
    cap = cap <= VC_MAX_TL_WORDS / 2 ? cap * 2 : VC_MAX_TL_WORDS;
  vc_word *w = realloc(t->words, cap * sizeof *w);
  if (!w)
    return VC_ERR_NOMEM;
  t->words = w;
  t->cap_words = cap;
  return VC_OK;
}

/* Appends the display words of `d[0..len)` (byte offsets relative to `d`). */
static vc_status split_words(vc_timeline *t, size_t turn, const char *d, size_t len) {
  size_t i = 0;
  while (i < len) {
    size_t ws = i;
    if (vc_is_break_space(next_char(d, len, &i)))
      continue;
    size_t we = i;
    while (we < len) {
      size_t k = we;
      if (vc_is_break_space(next_char(d, len, &k)))
        break;
      we = k;
    }
    vc_status st = grow_words(t, 1);
    if (st != VC_OK)
      return st;
    t->words[t->n_words++] = (vc_word){
        .turn = turn, .start_byte = ws, .end_byte = we, .start = UINT64_MAX, .end = 0};
    i = we;
  }
  return VC_OK;
}

/* Index in w[0..n) of the word holding byte `pos`, or of the next one after it. */
static size_t word_at(const vc_word *w, size_t n, size_t pos) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (w[mid].end_byte <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n ? lo : n - 1;
}

/* Widens each display word's span over the synthesiser words that map into it. */
static void assign_times(vc_word *w, size_t n, const vc_speakable *sp, size_t display_len,
                         const vc_synth_word *sw, size_t n_sw, uint64_t offset) {
  for (size_t j = 0; j < n_sw; j++) {
    size_t pos = sw[j].pos;
    if (sp)
      pos = pos <= sp->len ? sp->map[pos] : display_len;
    if (pos >= display_len)
      continue;
    vc_word *x = &w[word_at(w, n, pos)];
    if (sw[j].len == 0 && sw[j].end > sw[j].start)
      x->held += sw[j].end - sw[j].start;
    if (offset + sw[j].start < x->start)
      x->start = offset + sw[j].start;
    if (offset + sw[j].end > x->end)
      x->end = offset + sw[j].end;
  }
}

/* A display word no synthesiser word maps to ("—", a lone quote mark) becomes a
 * zero-length word at the end of the word before it, or at the start of the word after
 * it when it comes first, or at `offset` when nothing in the utterance was timed. Spans
 * are then made to follow each other in order. */
static void fill_untimed(vc_word *w, size_t n, uint64_t offset) {
  uint64_t first = offset;
  for (size_t k = 0; k < n; k++) {
    if (w[k].start != UINT64_MAX) {
      first = w[k].start;
      break;
    }
  }
  uint64_t prev_end = first;
  for (size_t k = 0; k < n; k++) {
    if (w[k].start == UINT64_MAX)
      w[k].start = w[k].end = prev_end;
    if (w[k].start < prev_end)
      w[k].start = prev_end;
    if (w[k].end < w[k].start)
      w[k].end = w[k].start;
    prev_end = w[k].end;
  }
}

/* Sentence ends as the text stage judges them, with the tables the text was spoken with
 * (`rules`, NULL: built-in judgement only). */
static void mark_ends(vc_word *w, size_t n, const char *d, size_t len,
                      const vc_speak_rules *rules) {
  for (size_t k = 0; k < n; k++) {
    w[k].sentence_end = vc_sentence_end(rules, d, len, w[k].end_byte);
    w[k].paragraph_end = k + 1 == n;
  }
}

static void update_turn(vc_timeline *t, size_t turn, size_t first) {
  const vc_word *w = &t->words[first];
  size_t n = t->n_words - first;
  if (n == 0)
    return;
  vc_span *span = &t->turns[turn];
  int fresh = first == 0 || t->words[first - 1].turn != turn;
  if (fresh || w[0].start < span->start)
    span->start = w[0].start;
  if (fresh || w[n - 1].end > span->end)
    span->end = w[n - 1].end;
}

vc_status vc_timeline_add(vc_timeline *t, size_t turn, size_t display_base,
                          const char *display, size_t display_len, const vc_speakable *sp,
                          const vc_synth_word *sw, size_t n_sw, uint64_t offset) {
  if (!t || turn >= t->n_turns || (!display && display_len) || (!sw && n_sw))
    return VC_ERR_ARG;
  size_t first = t->n_words;
  vc_status st = split_words(t, turn, display, display_len);
  if (st != VC_OK)
    return st;
  vc_word *w = &t->words[first];
  size_t n = t->n_words - first;
  if (n == 0)
    return VC_OK;
  assign_times(w, n, sp, display_len, sw, n_sw, offset);
  fill_untimed(w, n, offset);
  mark_ends(w, n, display, display_len, sp ? sp->rules : NULL);
  for (size_t k = 0; k < n; k++) {
    w[k].start_byte += display_base;
    w[k].end_byte += display_base;
  }
  update_turn(t, turn, first);
  return VC_OK;
}

/* The spoken-clock sample of audio sample `x`, which is not inside a pause (a sample of
 * a pause's silence gives the pause's own). */
static uint64_t spoken_sample(const vc_timeline *t, uint64_t x) {
  uint64_t before = 0; /* samples of the pauses before pause k */
  for (size_t k = 0; k < t->n_pauses; k++) {
    uint64_t a = t->pauses[k].at + before; /* where its silence starts in the audio */
    if (x < a)
      break;
    if (x < a + t->pauses[k].n)
      return t->pauses[k].at;
    before += t->pauses[k].n;
  }
  return x - before;
}

/* The spoken-clock sample where a pause before word k goes: one already between word
 * k-1 and word k, else the middle of the quiet between them. */
static uint64_t pause_place(const vc_timeline *t, size_t k) {
  uint64_t e = spoken_sample(t, t->words[k - 1].end);
  uint64_t s = spoken_sample(t, t->words[k].start);
  for (size_t p = 0; p < t->n_pauses; p++)
    if (t->pauses[p].at >= e && t->pauses[p].at <= s)
      return t->pauses[p].at;
  return s > e ? e + (s - e) / 2 : s;
}

/* Records n samples of pause at spoken-clock sample `at`; *audio_at gets where its
 * silence starts in the audio (before it grew, when it was there already). */
static vc_status record_pause(vc_timeline *t, uint64_t at, uint64_t n, uint64_t *audio_at) {
  size_t k = 0;
  uint64_t before = 0;
  while (k < t->n_pauses && t->pauses[k].at < at)
    before += t->pauses[k++].n;
  *audio_at = at + before;
  if (k < t->n_pauses && t->pauses[k].at == at) {
    t->pauses[k].n += n;
    return VC_OK;
  }
  if (t->n_pauses >= SIZE_MAX / sizeof *t->pauses / 2)
    return VC_ERR_LIMIT;
  vc_pause *p = realloc(t->pauses, (t->n_pauses + 1) * sizeof *p);
  if (!p)
    return VC_ERR_NOMEM;
  memmove(&p[k + 1], &p[k], (t->n_pauses - k) * sizeof *p);
  p[k] = (vc_pause){at, n};
  t->pauses = p;
  t->n_pauses++;
  return VC_OK;
}

vc_status vc_timeline_insert_pause(vc_timeline *t, size_t k, uint64_t n) {
  if (!t || k == 0 || k >= t->n_words)
    return VC_ERR_ARG;
  if (n == 0)
    return VC_OK;
  uint64_t at = pause_place(t, k), from = 0;
  vc_status st = record_pause(t, at, n, &from);
  if (st != VC_OK)
    return st;
  for (size_t w = k; w < t->n_words; w++) {
    t->words[w].start += n;
    t->words[w].end += n;
  }
  for (size_t i = 0; i < t->n_turns; i++) { /* a turn without words has {0, 0} */
    vc_span *s = &t->turns[i];
    if (s->end > from)
      s->end += n;
    if (s->start >= from && s->end > s->start)
      s->start += n;
  }
  t->n_samples += n;
  return VC_OK;
}

size_t vc_timeline_pause_word(const vc_timeline *t, size_t p) {
  uint64_t a = t->pauses[p].at; /* where its silence ends in the audio */
  for (size_t k = 0; k <= p; k++)
    a += t->pauses[k].n;
  size_t lo = 0, hi = t->n_words;
  while (lo < hi) { /* the first word starting at or after it */
    size_t mid = lo + (hi - lo) / 2;
    if (t->words[mid].start < a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

uint64_t vc_timeline_pause_total(const vc_timeline *t) {
  uint64_t n = 0;
  for (size_t k = 0; t && k < t->n_pauses; k++)
    n += t->pauses[k].n;
  return n;
}
