/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading time where the speech leaves too little: pauses for reading put into the
 * timeline at cue cuts, and early in-times for a turn too short to be read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "caps_fixture.h"

static const char *const names[] = {"Narrator", "Ada Quill", "Bo Reyes"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWER, VC_ROLE_INTERVIEWEE};

/* Retimes every word: `ms_char` ms a character for the words of turn `fast` (over 20
 * characters a second: too fast to read), with no pause between them but `gap` ms after
 * a clause and three times that after a sentence; the fixture's pace elsewhere; turn `late`
 * starts `late_ms` after the turn before it ends (others 1 s). */
static void retime(fx *f, size_t fast, int64_t ms_char, int64_t gap, size_t late,
                   int64_t late_ms) {
  int64_t t = 250;
  for (size_t k = 0; k < f->tl.n_words; k++) {
    vc_word *w = &f->tl.words[k];
    const vc_word *p = k ? &f->tl.words[k - 1] : NULL;
    int64_t len = (int64_t)(w->end_byte - w->start_byte);
    if (p && w->turn != p->turn)
      t += w->turn == late ? late_ms : 1000;
    else if (p && w->turn == fast) /* espeak-ng's own short pauses at punctuation */
      t += p->sentence_end                                                 ? 3 * gap
           : strchr(",;:", f->script.turns[p->turn].text[p->end_byte - 1]) ? gap
                                                                           : 0;
    else if (p)
      t += p->sentence_end ? 260 : 40;
    int64_t dur = w->turn == fast ? ms_char * len : 70 + 55 * len;
    w->start = fx_samples(t) + 7;
    w->end = fx_samples(t + dur) + 3;
    t += dur;
  }
  for (size_t i = 0; i < f->tl.n_turns; i++) {
    size_t a = SIZE_MAX, z = 0;
    for (size_t k = 0; k < f->tl.n_words; k++)
      if (f->tl.words[k].turn == i) {
        a = a == SIZE_MAX ? k : a;
        z = k;
      }
    f->tl.turns[i] = (vc_span){f->tl.words[a].start, f->tl.words[z].end};
  }
  f->tl.n_samples = fx_samples(t + 1000);
}

static int64_t ms_down(uint64_t s) {
  return (int64_t)(s * 1000 / FX_RATE);
}

static int64_t ms_up(uint64_t s) {
  return (int64_t)((s * 1000 + FX_RATE - 1) / FX_RATE);
}

/* Cues that break the reading rate or the minimum duration; fails on any other rule:
 * out-time within 0.5 s of the last word, in-time at most 0.5 s before the first word
 * and not after it, no overlap, no gap between 84 and 500 ms. */
static size_t too_fast(const fx *f) {
  size_t bad = 0;
  for (size_t k = 0; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    const vc_word *a = &f->tl.words[q->word_first];
    const vc_word *z = &f->tl.words[q->word_first + q->word_count - 1];
    int64_t dur = q->end_ms - q->start_ms;
    size_t spoken = fx_cue_chars(q) - q->label_chars;
    assert_true(q->end_ms <= ms_up(z->end) + VC_CAP_MAX_TAIL_MS);
    assert_true(q->start_ms <= ms_down(a->start));
    assert_true(q->start_ms >= ms_down(a->start) - VC_CAP_ONSET_MS);
    if (k + 1 < f->cues->n) {
      int64_t gap = f->cues->cues[k + 1].start_ms - q->end_ms;
      assert_true(gap >= 0);
      assert_true(gap <= VC_CAP_SMALL_GAP_MS || gap >= VC_CAP_REAL_GAP_MS);
    }
    bad += dur < VC_CAP_MIN_MS || (int64_t)spoken * 1000 > VC_CAP_MAX_CPS * dur;
  }
  return bad;
}

/* Plans with pauses, puts those asked for into the timeline (as the render does) until
 * none is; returns the number of rounds that asked for some. */
static char before_pause[64]; /* the last character of the word before each pause */

static int plan_with_pauses(fx *f, size_t *n_asked) {
  int rounds = 0;
  *n_asked = 0;
  for (;;) {
    vc_cue_pause *p = NULL;
    size_t n = 0;
    vc_cues_free(f->cues);
    f->cues = NULL;
    assert_int_equal(vc_cues_build_paused(&f->script, &f->tl, 1, &f->cues, &p, &n), VC_OK);
    if (n == 0) {
      assert_non_null(f->cues);
      assert_null(p);
      return rounds;
    }
    assert_null(f->cues);
    for (size_t k = n; k-- > 0;) {
      const vc_word *w = &f->tl.words[p[k].word - 1];
      assert_true(p[k].word > 0 && *n_asked + k < sizeof before_pause);
      before_pause[*n_asked + k] = f->script.turns[w->turn].text[w->end_byte - 1];
      assert_true(p[k].ms > 0 && p[k].ms <= VC_CAP_MAX_PAUSE_MS);
      assert_int_equal(vc_timeline_insert_pause(&f->tl, p[k].word,
                                                ((uint64_t)p[k].ms * FX_RATE + 999) / 1000),
                       VC_OK);
    }
    *n_asked += n;
    free(p);
    assert_true(++rounds <= 2);
  }
}

/* Speech faster than anyone reads, with clause and sentence ends: without pauses cues
 * break the reading rate; with them none does, each pause follows a clause or sentence
 * end, and the audio grows by their length. */
static void test_fast_clauses(void **state) {
  (void)state;
  static const fx_turn t[] = {
      {1, "What happened on the tour?"},
      {2, "We packed the van, drove all night, and played the show at dawn. Then we "
          "slept for a day, woke up hungry, and did it all again. Nobody complained, "
          "nobody quit, and the crowds kept growing."},
      {1, "Remarkable."},
  };
  fx f;
  fx_build(&f, names, roles, 3, t, 3);
  retime(&f, 1, 42, 50, SIZE_MAX, 0);
  uint64_t before = f.tl.n_samples;
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_true(too_fast(&f) > 0);
  size_t asked = 0;
  assert_int_equal(plan_with_pauses(&f, &asked), 1);
  assert_int_equal(too_fast(&f), 0);
  assert_true(f.tl.n_pauses > 0 && f.tl.n_pauses == asked);
  for (size_t k = 0; k < asked; k++) /* after a clause or a sentence */
    assert_non_null(strchr(",.?", before_pause[k]));
  assert_int_equal(f.tl.n_samples, before + vc_timeline_pause_total(&f.tl));
  /* planned again as it is, nothing more is asked */
  size_t again = 0;
  assert_int_equal(plan_with_pauses(&f, &again), 0);
  fx_free(&f);
}

/* A turn of one short word after a long silence: its cue starts early, within 0.5 s of
 * the word, and lasts 0.833 s; no pause. */
static void test_short_turn_leads(void **state) {
  (void)state;
  static const fx_turn t[] = {{1, "And who are you?"}, {2, "Bo."}, {1, "Welcome."}};
  fx f;
  fx_build(&f, names, roles, 3, t, 3);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_int_equal(too_fast(&f), 1);
  size_t asked = 0;
  assert_int_equal(plan_with_pauses(&f, &asked), 0);
  assert_int_equal(too_fast(&f), 0);
  assert_int_equal(f.tl.n_pauses, 0);
  const vc_cue *q = &f.cues->cues[1];
  assert_string_equal(q->lines[0], "BO REYES: Bo.");
  assert_true(q->start_ms < ms_down(f.tl.words[q->word_first].start));
  fx_free(&f);
}

/* The same turn only 0.52 s after the one before: no room to start early, so a pause
 * before it makes the room, and its cue follows the one before without a gap worth
 * seeing. */
static void test_short_turn_pause_before(void **state) {
  (void)state;
  static const fx_turn t[] = {{1, "And who are you?"}, {2, "Bo."}, {1, "Welcome."}};
  fx f;
  fx_build(&f, names, roles, 3, t, 3);
  retime(&f, SIZE_MAX, 0, 0, 1, 520);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_int_equal(too_fast(&f), 1);
  size_t asked = 0;
  assert_int_equal(plan_with_pauses(&f, &asked), 1);
  assert_int_equal(asked, 1);
  assert_int_equal(f.tl.n_pauses, 1);
  assert_int_equal(too_fast(&f), 0);
  int64_t gap = f.cues->cues[1].start_ms - f.cues->cues[0].end_ms;
  assert_true(gap >= 0 && gap <= VC_CAP_SMALL_GAP_MS);
  fx_free(&f);
}

/* vc_cues_build never asks for pauses and keeps in-times on the first word. */
static void test_plain_build_unchanged(void **state) {
  (void)state;
  static const fx_turn t[] = {{1, "And who are you?"}, {2, "Bo."}};
  fx f;
  fx_build(&f, names, roles, 3, t, 2);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  for (size_t k = 0; k < f.cues->n; k++)
    assert_int_equal(f.cues->cues[k].start_ms,
                     ms_down(f.tl.words[f.cues->cues[k].word_first].start));
  vc_cue_pause *p = (vc_cue_pause *)&f;
  size_t n = 1;
  assert_int_equal(vc_cues_build_paused(&f.script, &f.tl, 1, &f.cues, NULL, &n),
                   VC_ERR_ARG);
  assert_int_equal(vc_cues_build_paused(&f.script, &f.tl, 1, &f.cues, &p, NULL),
                   VC_ERR_ARG);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fast_clauses),
      cmocka_unit_test(test_short_turn_leads),
      cmocka_unit_test(test_short_turn_pause_before),
      cmocka_unit_test(test_plain_build_unchanged),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
