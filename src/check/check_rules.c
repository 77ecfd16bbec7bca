/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker rules on the cue model: lines, characters, durations, reading rate,
 * gaps, speaker labels. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check_internal.h"
#include "cues_text.h"
#include "cues_words.h"

enum { MAX_OVER_SHOWN = 4 };

/* Lines and characters of one cue; returns the characters of all its lines. */
static size_t cue_lines(vc_crep *r, const vc_ccue *q, vc_cstats *st) {
  size_t over[MAX_OVER_SHOWN], n_over = 0, n_lines = 0, total = 0;
  for (const char *p = q->text;; p++) {
    size_t len = strcspn(p, "\n"), c = vc_chk_chars(p, len);
    n_lines++;
    total += c;
    if (c > VC_CAP_MAX_CHARS && n_over < MAX_OVER_SHOWN)
      over[n_over++] = c;
    if (c > st->longest_line)
      st->longest_line = c, st->longest_line_cue = q->number;
    p += len;
    if (!*p)
      break;
  }
  if (total == 0)
    vc_crep_cue(r, q, "no text");
  if (n_lines > VC_CAP_MAX_LINES)
    vc_crep_cue(r, q, "%zu lines (max %d)", n_lines, VC_CAP_MAX_LINES);
  if (n_over) {
    char list[64] = "";
    for (size_t k = 0; k < n_over; k++)
      snprintf(list + strlen(list), sizeof list - strlen(list), "%s%zu", k ? ", " : "",
               over[k]);
    vc_crep_cue(r, q, "%zu line%s over %d characters: %s", n_over, n_over > 1 ? "s" : "",
                VC_CAP_MAX_CHARS, list);
  }
  return total;
}

/* What a word of data/caption-words.tsv is, for messages. */
static const char *const vc_wclass_names[] = {
    [VC_WC_ARTICLE] = "an article",        [VC_WC_PREPOSITION] = "a preposition",
    [VC_WC_CONJUNCTION] = "a conjunction", [VC_WC_PRONOUN] = "a subject pronoun",
    [VC_WC_AUXILIARY] = "an auxiliary",    [VC_WC_DETERMINER] = "a determiner",
};

/* The last word of line[0..n) (after its last space). */
static const char *last_word(const char *line, size_t n, size_t *len) {
  size_t a = n;
  while (a > 0 && line[a - 1] != ' ')
    a--;
  *len = n - a;
  return line + a;
}

/* 1 when w[0..n) ends with punctuation (a comma, a closing quote...). */
static int ends_punct(const char *w, size_t n) {
  int32_t last = -1;
  for (size_t i = 0; i < n;)
    last = vc_utf8_next(w, n, &i);
  utf8proc_category_t c = last >= 0 ? utf8proc_category(last) : UTF8PROC_CATEGORY_CN;
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/* Line-breaking rules of a two-line cue: one line when the text fits on one, no first
 * line ending on a function word (data/caption-words.tsv), no name split across lines (a
 * capitalised word with nothing after it, then a capitalised word). */
static void cue_breaks(vc_crep *r, const vc_ccue *q) {
  const char *l2 = strchr(q->text, '\n');
  if (!l2 || strchr(l2 + 1, '\n'))
    return;
  size_t n1 = (size_t)(l2 - q->text), n2 = strlen(++l2), w1, w2 = strcspn(l2, " ");
  size_t c1 = vc_chk_chars(q->text, n1), c2 = vc_chk_chars(l2, n2);
  if (c1 + 1 + c2 <= VC_CAP_MAX_CHARS)
    vc_crep_cue(r, q, "two lines where one of %zu characters fits", c1 + 1 + c2);
  const char *end = last_word(q->text, n1, &w1);
  vc_wclass cls = vc_word_class(end, w1);
  if (cls != VC_WC_NONE)
    vc_crep_cue(r, q, "line 1 ends on '%.*s', %s", (int)w1, end, vc_wclass_names[cls]);
  else if (vc_cap_starts_upper(end, w1) && w1 > 1 && !ends_punct(end, w1) &&
           vc_cap_starts_upper(l2, w2) && vc_word_class(l2, w2) == VC_WC_NONE)
    vc_crep_cue(r, q, "the name '%.*s %.*s' is split across lines", (int)w1, end, (int)w2,
                l2);
}

static void put_seconds(char *buf, size_t size, int64_t ms) {
  vc_cap_seconds(buf, size, ms);
}

/* Characters of a cue's speaker label ("NAME:" and the space after it), which the
 * reading rate does not count (docs/captions.md, "Timing"). */
static size_t label_chars(const vc_ccue *q) {
  size_t lab = vc_chk_label(q->text);
  if (!lab)
    return 0;
  return vc_chk_chars(q->text, lab) + (q->text[lab] == ' ');
}

static void cue_rate(vc_crep *r, const vc_ccue *q, size_t chars, int64_t dur, int64_t slack,
                     vc_cstats *st) {
  size_t label = label_chars(q), spoken = chars - (label < chars ? label : chars);
  char a[32], b[32];
  double cps = (double)spoken * 1000.0 / (double)dur;
  double with_label = (double)chars * 1000.0 / (double)dur;
  if ((int64_t)spoken * 1000 > VC_CAP_MAX_CPS * (dur + slack)) {
    put_seconds(a, sizeof a, dur);
    put_seconds(b, sizeof b,
                ((int64_t)spoken * 1000 + VC_CAP_MAX_CPS - 1) / VC_CAP_MAX_CPS);
    vc_crep_cue(r, q,
                "reading rate %.1f characters/s (max %d, speaker label not counted): %zu "
                "characters in %s s, needs %s s",
                cps, VC_CAP_MAX_CPS, spoken, a, b);
  }
  if (!st->max_cps_cue || cps > st->max_cps)
    st->max_cps = cps, st->max_cps_cue = q->number;
  if (!st->max_cps_label_cue || with_label > st->max_cps_label)
    st->max_cps_label = with_label, st->max_cps_label_cue = q->number;
}

static void cue_timing(vc_crep *r, const vc_cdoc *d, const vc_ccue *q, size_t chars,
                       vc_cstats *st) {
  int64_t dur = q->end_ms - q->start_ms, slack = d->slack_ms;
  char a[32];
  if (dur <= 0) {
    vc_chk_time(a, sizeof a, q->end_ms);
    vc_crep_cue(r, q, "ends at %s, not after it starts", a);
    return;
  }
  put_seconds(a, sizeof a, dur);
  if (dur + slack < VC_CAP_MIN_MS)
    vc_crep_cue(r, q, "lasts %s s (min 0.833 s)", a);
  if (dur - slack > VC_CAP_MAX_MS)
    vc_crep_cue(r, q, "lasts %s s (max 7 s)", a);
  cue_rate(r, q, chars, dur, slack, st);
  if (!st->shortest_cue || dur < st->shortest_ms)
    st->shortest_ms = dur, st->shortest_cue = q->number;
  if (!st->longest_cue || dur > st->longest_ms)
    st->longest_ms = dur, st->longest_cue = q->number;
}

static void cue_gap(vc_crep *r, const vc_cdoc *d, const vc_ccue *prev, const vc_ccue *q) {
  int64_t gap = q->start_ms - prev->end_ms;
  if (gap < 0)
    vc_crep_cue(r, q, "overlaps cue %zu by %lld ms", prev->number, (long long)-gap);
  else if (gap > VC_CAP_SMALL_GAP_MS + d->slack_ms && gap < VC_CAP_REAL_GAP_MS)
    vc_crep_cue(r, q,
                "starts %lld ms after cue %zu ends (a gap is at most %d ms or at least "
                "%d ms: extend cue %zu)",
                (long long)gap, prev->number, VC_CAP_SMALL_GAP_MS, VC_CAP_REAL_GAP_MS,
                prev->number);
}

void vc_chk_cue_rules(vc_crep *r, const vc_cdoc *d, vc_cstats *st) {
  for (size_t k = 0; k < d->n; k++) {
    const vc_ccue *q = &d->cues[k];
    size_t chars = cue_lines(r, q, st);
    cue_breaks(r, q);
    cue_timing(r, d, q, chars, st);
    if (k > 0)
      cue_gap(r, d, &d->cues[k - 1], q);
  }
}

/* The label each speaker was given, to see that it stays the same. */
typedef struct speaker_label {
  char *voice, *label; /* folded voice; label as written */
} speaker_label;

typedef struct speakers {
  speaker_label *v;
  size_t n;
} speakers;

static void speakers_free(speakers *s) {
  for (size_t k = 0; k < s->n; k++) {
    free(s->v[k].voice);
    free(s->v[k].label);
  }
  free(s->v);
}

/* The label used before for `voice`, adding (voice, label) when there is none. Sets
 * *err on ENOMEM. */
static const char *label_before(speakers *s, const char *voice, const char *label,
                                size_t len, int *err) {
  for (size_t k = 0; k < s->n; k++)
    if (strcmp(s->v[k].voice, voice) == 0)
      return s->v[k].label;
  speaker_label *v = realloc(s->v, (s->n + 1) * sizeof *v);
  char *vc = strdup(voice), *lc = strndup(label, len);
  if (!v || !vc || !lc) {
    s->v = v ? v : s->v;
    free(vc);
    free(lc);
    *err = 1;
    return NULL;
  }
  s->v = v;
  v[s->n].voice = vc;
  v[s->n++].label = lc;
  return NULL;
}

/* A cue where the voice changes: it must start with a label naming the voice, the same
 * label each time. */
static vc_status check_turn(vc_crep *r, speakers *s, const vc_ccue *q, const char *voice) {
  size_t lab = vc_chk_label(q->text);
  if (!lab) {
    vc_crep_cue(r, q, "speaker changes to '%s' but the cue does not start with 'NAME: '",
                q->voice);
    return VC_OK;
  }
  char *folded = vc_chk_fold(q->text, lab - 1);
  if (!folded)
    return VC_ERR_NOMEM;
  if (!folded[0] || !strstr(voice, folded))
    vc_crep_cue(r, q, "label '%.*s' does not name the speaker '%s'", (int)lab, q->text,
                q->voice);
  free(folded);
  int err = 0;
  const char *before = label_before(s, voice, q->text, lab, &err);
  if (before && (strlen(before) != lab || memcmp(before, q->text, lab) != 0))
    vc_crep_cue(r, q, "label '%.*s' differs from '%s' used before for '%s'", (int)lab,
                q->text, before, q->voice);
  return err ? VC_ERR_NOMEM : VC_OK;
}

/* WebVTT and ASS: a change of voice (or Name) starts with the speaker's label. */
static vc_status check_voices(vc_crep *r, const vc_cdoc *d) {
  speakers s = {0};
  char *prev = NULL;
  vc_status st = VC_OK;
  for (size_t k = 0; st == VC_OK && k < d->n; k++) {
    const vc_ccue *q = &d->cues[k];
    char *voice = q->voice ? vc_chk_fold(q->voice, strlen(q->voice)) : NULL;
    if (q->voice && !voice)
      st = VC_ERR_NOMEM;
    else if (voice && (!prev || strcmp(prev, voice) != 0))
      st = check_turn(r, &s, q, voice);
    free(prev);
    prev = voice;
  }
  free(prev);
  speakers_free(&s);
  return st;
}

vc_status vc_chk_speakers(vc_crep *r, const vc_cdoc *d) {
  if (d->fmt != VC_CFMT_SRT)
    return check_voices(r, d);
  /* SRT shows a change of speaker only through the label: the first cue needs one. */
  if (d->n && !vc_chk_label(d->cues[0].text))
    vc_crep_cue(r, &d->cues[0],
                "the first cue does not start with the speaker's label "
                "'NAME: '");
  return VC_OK;
}
