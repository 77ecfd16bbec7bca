/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test fixture for the caption stage: a script and a timeline made by hand (no speech),
 * golden-file comparison and the invariants of docs/captions.md. Included by test_cues*.c
 * etc. */
#ifndef CAPS_FIXTURE_H
#define CAPS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "cues.h"
#include "cues_rules.h"
#include "cues_text.h"
#include "timeline.h"
#include "voicecap/voicecap.h"
#include "writers.h"

#define FX_RATE 22050

typedef struct fx_turn {
  size_t speaker;
  const char *text; /* paragraphs separated by '\n' */
} fx_turn;

typedef struct fx {
  vc_script script;
  vc_timeline tl;
  vc_cast cast;
  vc_voice voices[8];
  const vc_voice *voice_ptr[8];
  unsigned colours[8];
  vc_cues *cues;
} fx;

static uint64_t fx_samples(int64_t ms) {
  return (uint64_t)ms * FX_RATE / 1000;
}

static inline int fx_is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t';
}

/* Sentence end: '.', '?' or '!' possibly followed by closing quotes or brackets. */
static inline int fx_sentence_end(const char *s, size_t a, size_t b) {
  while (b > a && strchr("\"')]", s[b - 1]))
    b--;
  if (b >= a + 3 && memcmp(s + b - 3, "\xE2\x80\x9D", 3) == 0)
    b -= 3;
  return b > a && strchr(".?!", s[b - 1]) != NULL;
}

static inline void fx_add_word(fx *f, size_t turn, size_t a, size_t b, int64_t *t_ms) {
  const char *s = f->script.turns[turn].text;
  vc_word *w = &f->tl.words[f->tl.n_words++];
  size_t len = b - a;
  int64_t dur = 70 + 55 * (int64_t)len; /* a synthetic speaking rate, ~15 chars a second */
  w->turn = turn;
  w->start_byte = a;
  w->end_byte = b;
  w->start = fx_samples(*t_ms) + 7; /* not on a millisecond: tests the rounding */
  w->end = fx_samples(*t_ms + dur) + 3;
  w->sentence_end = fx_sentence_end(s, a, b);
  w->paragraph_end = b == strlen(s) || s[b] == '\n';
  *t_ms += dur + (w->paragraph_end ? 400 : w->sentence_end ? 260 : 40);
}

/* Builds speakers, turns and word times. names[0] is the narrator. */
static inline void fx_build(fx *f, const char *const *names, const vc_role *roles,
                            size_t n_names, const fx_turn *turns, size_t n_turns) {
  memset(f, 0, sizeof *f);
  f->script.speakers = calloc(n_names, sizeof *f->script.speakers);
  f->script.n_speakers = n_names;
  for (size_t i = 0; i < n_names; i++) {
    f->script.speakers[i].name = strdup(names[i]);
    f->script.speakers[i].role = roles[i];
  }
  f->script.turns = calloc(n_turns, sizeof *f->script.turns);
  f->script.n_turns = n_turns;
  size_t total = 0, src = 0;
  for (size_t i = 0; i < n_turns; i++) {
    vc_turn *t = &f->script.turns[i];
    t->speaker = turns[i].speaker;
    t->role = roles[t->speaker];
    t->text = strdup(turns[i].text);
    t->text_len = strlen(t->text);
    t->src_start = src;
    t->src_end = src + t->text_len;
    src = t->src_end + 2;
    total += t->text_len / 2 + 1;
  }
  f->tl.sample_rate = FX_RATE;
  f->tl.words = calloc(total, sizeof *f->tl.words);
  f->tl.cap_words = total;
  f->tl.turns = calloc(n_turns, sizeof *f->tl.turns);
  f->tl.n_turns = n_turns;
  int64_t t_ms = 250;
  for (size_t i = 0; i < n_turns; i++) {
    const char *s = f->script.turns[i].text;
    size_t n = strlen(s), first = f->tl.n_words;
    for (size_t a = 0; a < n;) {
      while (a < n && fx_is_space(s[a]))
        a++;
      size_t b = a;
      while (b < n && !fx_is_space(s[b]))
        b++;
      if (b > a)
        fx_add_word(f, i, a, b, &t_ms);
      a = b;
    }
    f->tl.turns[i].start = f->tl.words[first].start;
    f->tl.turns[i].end = f->tl.words[f->tl.n_words - 1].end;
    t_ms += 600; /* turn pause (1 s) on top of the paragraph pause, as in voices/ */
  }
  f->tl.n_samples = fx_samples(t_ms);
  static const unsigned bbc[] = {0xFFFFFF, 0x00FFFF, 0x00FF00}; /* yellow: narrator */
  static const char *const ids[] = {"narrator", "interviewer", "interviewee", "quote"};
  f->cast.n_speakers = n_names;
  f->cast.voice = f->voice_ptr;
  f->cast.colour = f->colours;
  for (size_t i = 0; i < n_names && i < 8; i++) {
    f->voices[i].id = (char *)ids[roles[i]];
    f->voice_ptr[i] = &f->voices[i];
    f->colours[i] = i == 0 ? 0xFFFF00 : bbc[(i - 1) % 3];
  }
}

static inline void fx_free(fx *f) {
  vc_cues_free(f->cues);
  for (size_t i = 0; i < f->script.n_speakers; i++)
    free(f->script.speakers[i].name);
  for (size_t i = 0; i < f->script.n_turns; i++)
    free(f->script.turns[i].text);
  free(f->script.speakers);
  free(f->script.turns);
  free(f->tl.words);
  free(f->tl.turns);
  free(f->tl.pauses);
}

static inline vc_doc fx_doc(const fx *f, unsigned flags) {
  vc_doc d = {.script = &f->script,
              .timeline = &f->tl,
              .cues = f->cues,
              .cast = &f->cast,
              .source_name = "interview.txt",
              .audio_name = "interview.wav",
              .flags = flags};
  return d;
}

/* Runs a writer into memory. Caller frees. */
static inline char *fx_write(vc_status (*fn)(FILE *, const vc_doc *), const vc_doc *d,
                             vc_status *st) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m)
    return NULL;
  *st = fn(m, d);
  fclose(m);
  return buf;
}

/* Everything `f` has left to read, NUL-terminated; `f` stays open. Caller frees. */
static inline char *fx_slurp(FILE *f) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m)
    return NULL;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    fwrite(chunk, 1, n, m);
  fclose(m);
  return buf;
}

static inline char *fx_read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = fx_slurp(f);
  fclose(f);
  return buf;
}

/* Compares `got` with tests/data/captions/<name>; VC_UPDATE_GOLDEN=1 rewrites the file. */
static inline int fx_golden(const char *name, const char *got) {
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/data/captions/%s", VC_SOURCE_DIR, name);
  const char *upd = getenv("VC_UPDATE_GOLDEN");
  if (upd && strcmp(upd, "1") == 0) {
    FILE *f = fopen(path, "wb");
    if (!f)
      return 0;
    fputs(got, f);
    fclose(f);
    return 1;
  }
  char *want = fx_read_file(path);
  int ok = want && strcmp(want, got) == 0;
  if (!ok) {
    fprintf(stderr, "golden mismatch: %s (set VC_UPDATE_GOLDEN=1 to rewrite)\n", path);
    char out[1100];
    snprintf(out, sizeof out, "/tmp/%s.got", name);
    FILE *g = fopen(out, "wb");
    if (g) {
      fputs(got, g);
      fclose(g);
      fprintf(stderr, "  wrote %s\n", out);
    }
  }
  free(want);
  return ok;
}

#endif

#ifndef CAPS_FIXTURE_CHECKS
#define CAPS_FIXTURE_CHECKS
#include "cues_words.h"

/* Measured figures of a cue set, for the report and the assertions. */
typedef struct fx_stats {
  size_t cues, worst_line, bad_ends, violations;
  size_t short_turn;  /* under 0.833 s: a whole turn whose speech and 0.5 s are shorter */
  size_t short_other; /* under 0.833 s otherwise */
  size_t fast;        /* over 20 characters a second where the speech is that fast */
  size_t label_fast;  /* over 20 characters a second counting the speaker label */
  int64_t shortest, longest;
  double max_cps; /* speaker labels not counted */
} fx_stats;

#define FX_FAIL(...)                                                                       \
  do {                                                                                     \
    fprintf(stderr, "cue %zu: ", k + 1);                                                   \
    fprintf(stderr, __VA_ARGS__);                                                          \
    fputc('\n', stderr);                                                                   \
    st->violations++;                                                                      \
  } while (0)

static inline size_t fx_chars(const char *s) {
  return vc_cap_chars(s, strlen(s));
}

static inline int fx_line_bad_end(const char *line) {
  const char *sp = strrchr(line, ' ');
  const char *w = sp ? sp + 1 : line;
  return vc_word_class(w, strlen(w)) != VC_WC_NONE;
}

static inline void fx_check_lines(const fx *f, size_t k, fx_stats *st) {
  const vc_cue *q = &f->cues->cues[k];
  if (q->n_lines < 1 || q->n_lines > VC_CAP_MAX_LINES)
    FX_FAIL("%zu lines", q->n_lines);
  for (size_t l = 0; l < q->n_lines; l++) {
    size_t c = fx_chars(q->lines[l]);
    if (c > st->worst_line)
      st->worst_line = c;
    if (c > VC_CAP_MAX_CHARS && strchr(q->lines[l], ' '))
      FX_FAIL("line %zu has %zu characters", l + 1, c);
    if (q->lines[l][0] == '\0' || strchr(q->lines[l], '\n'))
      FX_FAIL("line %zu empty or broken", l + 1);
    if (l + 1 < q->n_lines && fx_line_bad_end(q->lines[l]))
      st->bad_ends++;
  }
  if (q->n_lines == 2 &&
      fx_chars(q->lines[0]) + 1 + fx_chars(q->lines[1]) <= VC_CAP_MAX_CHARS)
    FX_FAIL("two lines where one fits");
}

/* Characters shown by a cue (all lines, label included). */
static inline size_t fx_cue_chars(const vc_cue *q) {
  size_t chars = 0;
  for (size_t l = 0; l < q->n_lines; l++)
    chars += fx_chars(q->lines[l]);
  return chars;
}

/* Shortest time a cue may stay up: 0.833 s, and `chars` characters at 20 a second. */
static inline int64_t fx_need_ms(size_t chars) {
  int64_t read = ((int64_t)chars * 1000 + VC_CAP_MAX_CPS - 1) / VC_CAP_MAX_CPS;
  return read > VC_CAP_MIN_MS ? read : VC_CAP_MIN_MS;
}

/* Latest out-time the sync rules leave a cue whose speech ends at `end`, before the next
 * cue at `next` (has_next) or the end of the audio: at most 0.5 s after the speech, never
 * over the next cue, no gap between 84 and 500 ms, within the audio. */
static inline int64_t fx_latest_out(int64_t end, int64_t next, int has_next) {
  int64_t top = end + VC_CAP_MAX_TAIL_MS;
  if (!has_next)
    return top < next ? top : next > end ? next : end;
  if (top >= next)
    return next;
  return next - top > VC_CAP_SMALL_GAP_MS && next - top < VC_CAP_REAL_GAP_MS
             ? next - VC_CAP_REAL_GAP_MS
             : top;
}

/* Timing rules of cue k (docs/captions.md, "Timing" and "Sync", as src/cues/cues.c keeps
 * them). Always: in-time on the first word's first sample (1 ms later only where two words
 * share one instant and the cue before needs that ms), out-time after the last word and at
 * most 0.5 s after it, at most 7 s (unless a single word speaks for over 6.5 s), no
 * overlap, no gap between 84 and 500 ms. Where the speech allows: at least 0.833 s and 20
 * characters a second, the speaker label not counted (counted as short_turn, short_other or
 * fast when not). Every cue ends at the latest out-time the rules above allow, for the most
 * time to read. */
static inline void fx_check_times(const fx *f, size_t k, fx_stats *st) {
  const vc_cue *q = &f->cues->cues[k];
  const vc_cue *p = k ? &f->cues->cues[k - 1] : NULL;
  const vc_word *a = &f->tl.words[q->word_first];
  const vc_word *z = &f->tl.words[q->word_first + q->word_count - 1];
  int64_t in = (int64_t)(a->start * 1000 / FX_RATE);
  int64_t speech_end = (int64_t)((z->end * 1000 + FX_RATE - 1) / FX_RATE);
  int64_t dur = q->end_ms - q->start_ms;
  int has_next = k + 1 < f->cues->n;
  int64_t audio_end = (int64_t)(f->tl.n_samples * 1000 / FX_RATE);
  int64_t next = has_next ? f->cues->cues[k + 1].start_ms : audio_end;
  int long_word =
      q->word_count == 1 && speech_end - in > VC_CAP_MAX_MS - VC_CAP_MAX_TAIL_MS;
  int whole_turn = q->first_of_turn && (!has_next || f->cues->cues[k + 1].turn != q->turn);
  int64_t a_end = (int64_t)((a->end * 1000 + FX_RATE - 1) / FX_RATE);
  if (q->cont[0] && (q->start_ms < in || q->start_ms > a_end))
    FX_FAIL("in-time %lld outside its cut word, %lld-%lld", (long long)q->start_ms,
            (long long)in, (long long)a_end);
  else if (!q->cont[0] && q->start_ms != in &&
           !(q->start_ms == in + 1 && p && p->end_ms == q->start_ms))
    FX_FAIL("in-time %lld, first word at %lld", (long long)q->start_ms, (long long)in);
  if (q->end_ms > speech_end + VC_CAP_MAX_TAIL_MS)
    FX_FAIL("out-time %lld ms after the last word", (long long)(q->end_ms - speech_end));
  if (q->end_ms < speech_end && !(has_next && q->end_ms >= next - 1))
    FX_FAIL("out-time before the last word ends");
  if (dur <= 0 || (dur > VC_CAP_MAX_MS && !long_word))
    FX_FAIL("duration %lld ms", (long long)dur);
  if (has_next && (next < q->end_ms || (next - q->end_ms > VC_CAP_SMALL_GAP_MS &&
                                        next - q->end_ms < VC_CAP_REAL_GAP_MS)))
    FX_FAIL("gap %lld ms to the next cue", (long long)(next - q->end_ms));
  int64_t latest = fx_latest_out(speech_end, next, has_next);
  if (q->end_ms != latest && !long_word && !(has_next && speech_end >= next) && dur > 1)
    FX_FAIL("ends at %lld, not at the latest out-time the rules allow, %lld",
            (long long)q->end_ms, (long long)latest);
  size_t chars = fx_cue_chars(q), spoken = chars - q->label_chars;
  if (dur > 0 && dur < fx_need_ms(spoken) && !long_word) {
    if (q->end_ms < latest)
      FX_FAIL("%zu characters in %lld ms, ending before the rules make it", spoken,
              (long long)dur);
    else if (spoken * 1000 > VC_CAP_MAX_CPS * (size_t)dur)
      st->fast++;
    else if (whole_turn && speech_end - in + VC_CAP_MAX_TAIL_MS < VC_CAP_MIN_MS)
      st->short_turn++;
    else
      st->short_other++;
  }
  if (dur > 0 && (int64_t)chars * 1000 > VC_CAP_MAX_CPS * dur)
    st->label_fast++;
  double cps = dur > 0 ? (double)spoken * 1000.0 / (double)dur : 0;
  if (cps > st->max_cps)
    st->max_cps = cps;
  if (st->shortest == 0 || dur < st->shortest)
    st->shortest = dur;
  if (dur > st->longest)
    st->longest = dur;
}

/* The cues of turn `ti`, labels removed, joined with spaces must give the turn's text
 * with its white space collapsed. */
static inline void fx_check_text(const fx *f, size_t ti, fx_stats *st) {
  vc_sbuf got = {0}, want = {0};
  size_t k = 0, first = 1;
  for (; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    if (q->turn != ti)
      continue;
    if (first != (size_t)q->first_of_turn)
      FX_FAIL("label %s", first ? "missing" : "repeated");
    if (first && q->label_len == 0)
      FX_FAIL("no label length");
    for (size_t l = 0; l < q->n_lines; l++) {
      const char *s = q->lines[l] + (l == 0 ? q->label_len : 0);
      if (*s && got.len && !q->cont[l])
        vc_sbuf_addc(&got, ' ');
      vc_sbuf_adds(&got, s);
    }
    first = 0;
  }
  k = ti;
  const char *t = f->script.turns[ti].text;
  for (size_t i = 0; t[i]; i++) {
    if (fx_is_space(t[i])) {
      if (want.len && want.s[want.len - 1] != ' ')
        vc_sbuf_addc(&want, ' ');
    } else {
      vc_sbuf_addc(&want, t[i]);
    }
  }
  if (!got.s || !want.s || strcmp(got.s, want.s) != 0)
    FX_FAIL("turn %zu text differs:\n  got  %s\n  want %s", ti, got.s, want.s);
  vc_sbuf_free(&got);
  vc_sbuf_free(&want);
}

static inline fx_stats fx_check(const fx *f) {
  fx_stats s = {0};
  fx_stats *st = &s;
  s.cues = f->cues->n;
  for (size_t k = 0; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    if (getenv("VC_DUMP"))
      fprintf(stderr, "%zu %lld-%lld [%s] [%s]\n", k + 1, (long long)q->start_ms,
              (long long)q->end_ms, q->lines[0], q->n_lines > 1 ? q->lines[1] : "");
    fx_check_lines(f, k, st);
    fx_check_times(f, k, st);
    if (k > 0 && f->cues->cues[k].speaker != f->cues->cues[k - 1].speaker &&
        !f->cues->cues[k].first_of_turn)
      FX_FAIL("speaker changes without a new turn");
  }
  for (size_t ti = 0; ti < f->script.n_turns; ti++)
    fx_check_text(f, ti, st);
  fprintf(
      stderr,
      "cues %zu, worst line %zu chars, shortest %lld ms, longest %lld ms, max %.1f "
      "cps, bad line ends %zu, violations %zu, short turns %zu, other short %zu, fast %zu, "
      "fast with label %zu\n",
      s.cues, s.worst_line, (long long)s.shortest, (long long)s.longest, s.max_cps,
      s.bad_ends, s.violations, s.short_turn, s.short_other, s.fast, s.label_fast);
  return s;
}
#endif
