/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cue rules on many random interviews: random words (long ones, names, markup,
 * numbers), random speaking rates from slow to far too fast, pauses from none to long,
 * words sharing one instant. Every rule of docs/captions.md the builder can keep is
 * checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "caps_fixture.h"

static const char *const pool[] = {
    "the",
    "a",
    "and",
    "of",
    "to",
    "I",
    "you",
    "was",
    "drummer",
    "Ruben",
    "Lou",
    "hearing",
    "silence,",
    "music.",
    "really",
    "film",
    "Sound",
    "Metal",
    "2019,",
    "$5,400",
    "—",
    "{\\an8}",
    "<b>",
    "&amp;",
    "-->",
    "\\N",
    "café",
    "naïve",
    "extraordinarily-long-hyphenated-compound-word-that-never-ends",
    "Why?",
    "Yes!",
    "it's",
    "don't",
    "because",
    "between",
    "Featherstonehaugh",
    "“quoted”",
    "end;",
};
static const char *const names[] = {"Narrator", "Riz Ahmed", "Jane Q. Interviewer",
                                    "A Very Long Speaker Name Indeed For Testing"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER,
                                VC_ROLE_QUOTE};

/* xorshift64*: local state, reproducible. */
static uint64_t next_rand(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ull;
}

static char *random_text(uint64_t *rs) {
  vc_sbuf b = {0};
  size_t n = 1 + next_rand(rs) % 60;
  for (size_t i = 0; i < n; i++) {
    if (i)
      vc_sbuf_addc(&b, next_rand(rs) % 25 == 0 ? '\n' : ' ');
    vc_sbuf_adds(&b, pool[next_rand(rs) % (sizeof pool / sizeof *pool)]);
  }
  return vc_sbuf_take(&b);
}

/* Re-times every word: per-character rate from 30 to 150 ms, pauses 0 to 1500 ms, and
 * now and then a word sharing its predecessor's instant. */
static void retime(fx *f, uint64_t *rs) {
  int64_t t = (int64_t)(next_rand(rs) % 2000);
  int64_t per_char = 30 + (int64_t)(next_rand(rs) % 120);
  for (size_t k = 0; k < f->tl.n_words; k++) {
    vc_word *w = &f->tl.words[k];
    int64_t len = (int64_t)(w->end_byte - w->start_byte);
    int64_t dur = next_rand(rs) % 20 == 0 ? 0 : 40 + per_char * len;
    w->start = fx_samples(t);
    w->end = fx_samples(t + dur);
    uint64_t r = next_rand(rs) % 10;
    t += dur + (r < 6 ? 0 : r < 8 ? 120 : r < 9 ? 400 : 1500);
  }
  for (size_t i = 0; i < f->tl.n_turns; i++) {
    f->tl.turns[i].start = UINT64_MAX;
    f->tl.turns[i].end = 0;
  }
  f->tl.n_samples = fx_samples(t + (int64_t)(next_rand(rs) % 3) * 300);
}

/* Rules that hold whatever the speech (fx_check_times): lines and text, in-time on the
 * first word, out-time after the speech and at most 0.5 s after it, at most 7 s, no
 * overlap, no gap between 84 and 500 ms; the reading rate and the 0.833 s minimum give
 * way only where the speech leaves no time, at the latest out-time allowed. */
static void check(const fx *f, size_t *bad_ends) {
  fx_stats s = {0};
  fx_stats *st = &s;
  for (size_t k = 0; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    if (getenv("VC_DUMP"))
      fprintf(stderr, "%zu %lld-%lld speech %lld words %zu [%s]\n", k + 1,
              (long long)q->start_ms, (long long)q->end_ms, (long long)q->speech_end_ms,
              q->word_count, q->lines[0]);
    fx_check_lines(f, k, st);
    fx_check_times(f, k, st);
  }
  for (size_t ti = 0; ti < f->script.n_turns; ti++)
    fx_check_text(f, ti, st);
  assert_int_equal(s.violations, 0);
  *bad_ends += s.bad_ends;
}

static void test_random(void **state) {
  (void)state;
  uint64_t rs = 0x9E3779B97F4A7C15ull;
  size_t total = 0, bad_ends = 0;
  for (int round = 0; round < 300; round++) {
    fx_turn turns[6];
    char *texts[6];
    size_t nt = 1 + next_rand(&rs) % 6;
    for (size_t i = 0; i < nt; i++) {
      texts[i] = random_text(&rs);
      turns[i] = (fx_turn){next_rand(&rs) % 4, texts[i]};
    }
    fx f;
    fx_build(&f, names, roles, 4, turns, nt);
    retime(&f, &rs);
    assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
    check(&f, &bad_ends);
    total += f.cues->n;
    vc_doc d = fx_doc(&f, (unsigned)round & VC_DOC_KARAOKE);
    vc_status (*const w[])(FILE *, const vc_doc *) = {
        vc_write_srt, vc_write_vtt, vc_write_ass, vc_write_syncmap, vc_write_transcript};
    for (size_t i = 0; i < 5; i++) {
      vc_status st = VC_ERR_IO;
      free(fx_write(w[i], &d, &st));
      assert_int_equal(st, VC_OK);
    }
    fx_free(&f);
    for (size_t i = 0; i < nt; i++)
      free(texts[i]);
  }
  fprintf(stderr, "%zu cues, %zu line ends on a function word\n", total, bad_ends);
  assert_true(total > 300);
}

/* Ordinary speech (fx_build's pace, about 15 characters a second, with pauses after
 * sentences, paragraphs and turns as in voices/): every rule holds, the reading rate of
 * the spoken text included (fx_check), whatever the words, labels and turn lengths. Only
 * the 0.833 s minimum gives way, where a whole turn of a short word or two and 0.5 s
 * after it last less than that. */
static const char *const plain[] = {
    "the",    "a",       "and",   "of",      "to",        "I",         "you",
    "was",    "drummer", "Ruben", "Lou",     "hearing",   "silence,",  "music.",
    "really", "film",    "Sound", "Metal",   "2019,",     "—",         "Why?",
    "Yes.",   "it's",    "don't", "because", "between",   "“quoted”",  "end;",
    "Right.", "Olivia",  "Cooke", "sign",    "language,", "community", "extraordinary",
};

/* Labels up to "ENTERTAINMENT WEEKLY: " (22 characters); the longest label (32) can ask
 * more than a short turn's speech gives, see test_random. */
static const char *const plain_names[] = {"Narrator", "Riz Ahmed", "Entertainment Weekly",
                                          "Jane Q. Interviewer"};

static char *plain_text(uint64_t *rs) {
  vc_sbuf b = {0};
  size_t n = 1 + next_rand(rs) % (next_rand(rs) % 3 == 0 ? 4 : 45);
  for (size_t i = 0; i < n; i++) {
    if (i)
      vc_sbuf_addc(&b, next_rand(rs) % 30 == 0 ? '\n' : ' ');
    vc_sbuf_adds(&b, plain[next_rand(rs) % (sizeof plain / sizeof *plain)]);
  }
  if (next_rand(rs) % 2)
    vc_sbuf_addc(&b, '.');
  return vc_sbuf_take(&b);
}

static void test_ordinary_speech(void **state) {
  (void)state;
  uint64_t rs = 0xD1B54A32D192ED03ull;
  size_t total = 0;
  fx_stats all = {0};
  for (int round = 0; round < 300; round++) {
    fx_turn turns[8];
    char *texts[8];
    size_t nt = 1 + next_rand(&rs) % 8;
    for (size_t i = 0; i < nt; i++) {
      texts[i] = plain_text(&rs);
      turns[i] = (fx_turn){next_rand(&rs) % 4, texts[i]};
    }
    fx f;
    fx_build(&f, plain_names, roles, 4, turns, nt);
    assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
    fx_stats s = fx_check(&f);
    if (s.violations || s.fast || s.short_other)
      fprintf(stderr, "round %d\n", round);
    assert_int_equal(s.violations, 0);
    assert_int_equal(s.fast, 0);
    assert_int_equal(s.short_other, 0);
    all.short_turn += s.short_turn;
    all.label_fast += s.label_fast;
    total += f.cues->n;
    all.bad_ends += s.bad_ends;
    all.max_cps = s.max_cps > all.max_cps ? s.max_cps : all.max_cps;
    fx_free(&f);
    for (size_t i = 0; i < nt; i++)
      free(texts[i]);
  }
  fprintf(stderr,
          "ordinary speech: %zu cues, max %.1f cps (%zu over 20 counting the label), %zu "
          "under 0.833 s (turns of a short word), %zu line ends on a function word\n",
          total, all.max_cps, all.label_fast, all.short_turn, all.bad_ends);
  assert_true(total > 300);
}

/* An empty timeline gives no cues; a timeline word naming a turn that does not exist
 * is refused. */
static void test_edges(void **state) {
  (void)state;
  static const fx_turn t[] = {{1, "Hello there."}};
  fx f;
  fx_build(&f, names, roles, 4, t, 1);
  size_t n = f.tl.n_words;
  f.tl.n_words = 0;
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_int_equal(f.cues->n, 0);
  vc_cues_free(f.cues);
  f.cues = NULL;
  f.tl.n_words = n;
  f.tl.words[1].turn = 7;
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_ERR_ARG);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random),
      cmocka_unit_test(test_ordinary_speech),
      cmocka_unit_test(test_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
