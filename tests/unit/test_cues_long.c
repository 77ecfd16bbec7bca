/* Unit tests of text without spaces and of sound notes in captions: CJK, emoji runs,
 * comma-joined lists, links and 100-letter words are cut into lines of at most 42
 * characters and cues of at most 7 s; zero-width words make no empty or zero-length cue;
 * sound notes are shown as "[laughs]" in the cue of the speech next to them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "caps_fixture.h"

static const char *const names[] = {"Narrator", "Ada Quill", "Ben Hart"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};

#define CJK "\xe6\x88\x91\xe4\xbb\xac\xe4\xbb\x8a\xe5\xa4\xa9\xe8\xae\xa8\xe8\xae\xba"
#define EMOJI "\xf0\x9f\x98\x80\xf0\x9f\x8e\x89\xf0\x9f\x9a\x80\xf0\x9f\x8c\x8d"

static const fx_turn long_turns[] = {
    {2, "Which boxes came first?"},
    {1, "Boxes 300,307,314,321,328,335,342,349,356,363,370,377,384,391,398,405,412,419,"
        "426,433 in that order."},
    {1, "One begins: " CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK},
    {1, "They end with " EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI
            EMOJI " like that."},
    {1, "See https://www.example.org/archive/2031/collections-and-oral-histories.html "
        "today."},
    {1, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaa is one word."},
};

/* Every line within 42 characters, every cue lasting 1 ms to 7 s, nothing blank. */
static void assert_within_rules(const fx *f) {
  for (size_t k = 0; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    int64_t dur = q->end_ms - q->start_ms;
    assert_true(dur > 0 && dur <= VC_CAP_MAX_MS);
    assert_true(q->n_lines >= 1 && q->n_lines <= VC_CAP_MAX_LINES);
    for (size_t l = 0; l < q->n_lines; l++) {
      assert_true(fx_chars(q->lines[l]) <= VC_CAP_MAX_CHARS);
      assert_true(fx_chars(q->lines[l]) > 0);
    }
    if (k > 0)
      assert_true(q->start_ms >= f->cues->cues[k - 1].end_ms);
  }
}

static void test_long_tokens(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, long_turns, sizeof long_turns / sizeof long_turns[0]);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  fx_stats s = fx_check(&f);
  assert_int_equal(s.violations, 0);
  assert_int_equal(s.fast, 0);        /* every cue readable at 20 characters a second */
  assert_int_equal(s.short_other, 0); /* and at least 0.833 s long */
  assert_within_rules(&f);
  /* The link is cut at a break opportunity after a '/', not inside a word. */
  int cut_after_slash = 0;
  for (size_t k = 0; k < f.cues->n; k++)
    for (size_t l = 0; l < f.cues->cues[k].n_lines; l++) {
      const char *line = f.cues->cues[k].lines[l];
      size_t n = strlen(line);
      cut_after_slash |= strstr(line, "https://") && line[n - 1] == '/';
    }
  assert_true(cut_after_slash);
  fx_free(&f);
}

/* Words that show nothing (U+200B, U+2060) and take no time, as espeak-ng leaves them. */
static void test_zero_width(void **state) {
  (void)state;
  static const fx_turn turns[] = {
      {2, "Anything else?"},
      {1, "Nothing \xe2\x80\x8b \xe2\x80\x8b \xe2\x81\xa0 \xe2\x80\x8b\xe2\x81\xa0 "
          "\xe2\x80\x8b more."},
      {1, "\xe2\x80\x8b \xe2\x80\x8b \xe2\x80\x8b"},
  };
  fx f;
  fx_build(&f, names, roles, 3, turns, 3);
  for (size_t k = 0; k < f.tl.n_words; k++) {
    vc_word *w = &f.tl.words[k];
    const char *s = f.script.turns[w->turn].text + w->start_byte;
    if ((unsigned char)s[0] == 0xe2 && k > 0)
      w->start = w->end = f.tl.words[k - 1].end;
  }
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_within_rules(&f);
  for (size_t k = 0; k < f.cues->n; k++)
    assert_int_not_equal(f.cues->cues[k].turn, 2); /* nothing visible: no cue */
  fx_free(&f);
}

static const fx_turn note_turns[] = {
    {2, "Good to see you. [LAUGHS] So how did it go?"},
    {1, "(Applause)\nYes, it went well, and I mean it. (and I mean it)"},
    {2, "[Witness conferring with counsel.]"},
    {1, "We went on. [Marder] agreed."},
};

/* The cue holding word `w` of the timeline. */
static const vc_cue *cue_of(const fx *f, size_t w) {
  for (size_t k = 0; k < f->cues->n; k++) {
    const vc_cue *q = &f->cues->cues[k];
    if (w >= q->word_first && w < q->word_first + q->word_count)
      return q;
  }
  return NULL;
}

static int cue_shows(const vc_cue *q, const char *s) {
  for (size_t l = 0; q && l < q->n_lines; l++)
    if (strstr(q->lines[l], s))
      return 1;
  return 0;
}

static void test_notes(void **state) {
  (void)state;
  fx f;
  fx_build(&f, names, roles, 3, note_turns, sizeof note_turns / sizeof note_turns[0]);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  assert_within_rules(&f);
  /* Timeline words: 0-3 "Good to see you.", 4 "[LAUGHS]", 5-9 "So how did it go?", 10
   * "(Applause)" */
  const vc_cue *laugh = cue_of(&f, 4);
  assert_non_null(laugh);
  assert_true(cue_shows(laugh, "[laughs]"));
  assert_true(cue_shows(laugh, "you.")); /* with the speech before it */
  assert_false(cue_shows(laugh, "LAUGHS"));
  const vc_cue *applause = cue_of(&f, 10);
  assert_true(cue_shows(applause, "[applause]"));
  assert_true(cue_shows(applause, "Yes,")); /* opens the turn: with the speech after it */
  assert_true(applause->first_of_turn);
  size_t shown_speech = 0;
  for (size_t k = 0; k < f.cues->n; k++) {
    assert_false(cue_shows(&f.cues->cues[k], "[witness")); /* a turn of a note alone */
    shown_speech += cue_shows(&f.cues->cues[k], "(and I mean it)");
    shown_speech += cue_shows(&f.cues->cues[k], "[Marder]");
  }
  assert_int_equal(shown_speech, 2); /* speech in brackets stays as written */
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_long_tokens),
      cmocka_unit_test(test_zero_width),
      cmocka_unit_test(test_notes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
