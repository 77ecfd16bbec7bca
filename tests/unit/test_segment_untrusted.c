/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The segmenter on text from the web: labels with commas and ampersands, outlet labels,
 * lines that carry on a sentence (a timing line quoted mid-answer), markup kept as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voicecap/segment.h"

static vc_script *seg(const char *text, size_t n) {
  vc_script *s = NULL;
  vc_status st = vc_segment(text, n, &s, NULL);
  assert_int_equal(st, VC_OK);
  assert_non_null(s);
  return s;
}

static const char *name_of(const vc_script *s, const vc_turn *t) {
  return s->speakers[t->speaker].name;
}

/* The turn whose text contains `needle` (fails the test when none does). */
static const vc_turn *turn_with(const vc_script *s, const char *needle) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, needle))
      return &s->turns[i];
  fail_msg("no turn holds \"%s\"", needle);
  return NULL;
}

static char *read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *buf = malloc(1 << 16);
  assert_non_null(buf);
  *n = fread(buf, 1, (1 << 16) - 1, f);
  buf[*n] = 0;
  fclose(f);
  return buf;
}

/* tests/data/untrusted/hostile_interview.txt: seven turns, the labels read as labels,
 * the outlet asking, every hostile string left in the words. */
static void test_hostile_interview(void **state) {
  (void)state;
  size_t n = 0;
  char *text = read_file(VC_SOURCE_DIR "/tests/data/untrusted/hostile_interview.txt", &n);
  vc_script *s = seg(text, n);
  static const vc_role roles[] = {
      VC_ROLE_NARRATOR,    VC_ROLE_INTERVIEWER, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER,
      VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER, VC_ROLE_INTERVIEWEE};
  static const char *const names[] = {"Narrator",     "Q & A Weekly", "Jo Smith",
                                      "Q & A Weekly", "Jo Smith",     "Q & A Weekly",
                                      "Jo Smith"};
  assert_int_equal(s->n_turns, 7);
  for (size_t i = 0; i < s->n_turns; i++) {
    assert_int_equal(s->turns[i].role, roles[i]);
    assert_string_equal(name_of(s, &s->turns[i]), names[i]);
    assert_null(strstr(s->turns[i].text, "JONES & CO:")); /* no label left in the words */
    assert_null(strstr(s->turns[i].text, "Weekly:"));
  }
  assert_int_equal(s->n_speakers, 3);
  assert_string_equal(s->turns[1].text, "Why do captions break so easily?");
  static const char *const hostile[] = {
      "{\\an8}", "{\\b1}", "<b>", "<script>",
      "-->",     "&amp;",  "\\N", "00:00:01,000 --> 00:00:02,000"};
  for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++)
    assert_int_not_equal(turn_with(s, hostile[i])->role, VC_ROLE_NARRATOR);
  assert_string_equal(
      s->turns[6].text,
      "Picture a line that reads 00:00:01,000 --> 00:00:02,000 in the middle "
      "of an answer. A careless writer starts a new cue there.");
  assert_int_equal(s->turns[6].src_end, n - 1);
  vc_script_free(s);
  free(text);
}

static vc_script *seg_str(const char *text) {
  return seg(text, strlen(text));
}

/* "SURNAME, AFFILIATION:" repeated: a label; its name part names the person. */
static void test_caps_label_with_affiliation(void **state) {
  (void)state;
  const char *text =
      "The potter Ines Varga, Varga & Daughters' founder, met us at her kiln.\n\n"
      "Kiln Notes: When did you start?\n\n"
      "VARGA, VARGA & DAUGHTERS: At nine, in my mother's shed.\n\n"
      "Why clay?\n\n"
      "VARGA, VARGA & DAUGHTERS: It forgives you, mostly, and it is cheap.\n";
  vc_script *s = seg_str(text);
  assert_int_equal(s->n_turns, 5);
  const vc_turn *a = turn_with(s, "At nine");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, a), "Ines Varga");
  assert_string_equal(a->text, "At nine, in my mother's shed.");
  const vc_turn *q = turn_with(s, "Why clay?");
  assert_int_equal(q->role, VC_ROLE_INTERVIEWER);
  assert_string_equal(name_of(s, q), "Kiln Notes");
  assert_string_equal(name_of(s, turn_with(s, "When did you start?")), "Kiln Notes");
  vc_script_free(s);
}

/* A punctuated capitals label naming nobody the article names: written as the article
 * writes it ("DJ Radio", not "Dj Radio"), else in title case; written once, no label. */
static void test_caps_label_without_person(void **state) {
  (void)state;
  const char *text = "We visited the studio of Black & White Films last week.\n\n"
                     "BLACK & WHITE FILMS: We make films in black and white only.\n\n"
                     "Why?\n\n"
                     "BLACK & WHITE FILMS: Because colour costs more than we have.\n\n"
                     "Would you change?\n\n"
                     "BLACK & WHITE FILMS: Never, not for any money.\n";
  vc_script *s = seg_str(text);
  const vc_turn *a = turn_with(s, "We make films");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(name_of(s, a), "Black & White Films");
  vc_script_free(s);

  text = "A city in winter\n\n"
         "OSLO, NORWAY & SWEDEN: The border towns are quiet this time of year, and the "
         "ferries run twice a week at most.\n\n"
         "The shops close early and the lights stay on all day.\n";
  s = seg_str(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  assert_non_null(strstr(s->turns[0].text, "OSLO, NORWAY & SWEDEN: The border"));
  vc_script_free(s);

  text = "Late radio\n\nThe drummer Ann Wolde spoke with DJ Radio about the tour.\n\n"
         "DJ RADIO: How was it?\n\nWOLDE: It was long, and I loved every minute of it.\n\n"
         "DJ RADIO: Would you go again?\n\nWOLDE: Yes, of course I would, next year.\n";
  s = seg_str(text);
  assert_string_equal(name_of(s, turn_with(s, "How was it?")), "DJ Radio");
  assert_string_equal(name_of(s, turn_with(s, "It was long")), "Ann Wolde");
  vc_script_free(s);
}

/* A sentence broken over lines is one paragraph; a line of numbers inside it is its
 * words, and the same line standing alone is dropped. */
static void test_wrapped_lines(void **state) {
  (void)state;
  const char *text =
      "Ana Ruiz builds clocks. Ruiz spoke to us.\n\n"
      "Q: What does the dial say?\n\n"
      "A: It reads\n12:00 -- 12:30\nfor the lunch hour, and nothing else.\n\n"
      "Q: And at night?\n\n"
      "A: At night it is dark, so it does not matter\nto anyone.\n\n"
      "12:00 -- 12:30\n";
  vc_script *s = seg_str(text);
  const vc_turn *a = turn_with(s, "It reads");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(a->text,
                      "It reads 12:00 -- 12:30 for the lunch hour, and nothing else.");
  a = turn_with(s, "At night it is dark");
  assert_string_equal(a->text, "At night it is dark, so it does not matter to anyone.");
  assert_int_equal(a->role, VC_ROLE_INTERVIEWEE);
  size_t end = (size_t)(strstr(text, "to anyone.") - text) + 10;
  assert_int_equal(s->turns[s->n_turns - 1].src_end, end); /* the lone line is dropped */
  vc_script_free(s);
}

/* Lines of a block that each end a sentence stay lines of their own: a question line
 * and its answer line. */
static void test_block_lines_stay(void **state) {
  (void)state;
  const char *text = "Tom Reed makes boats. Reed spoke with us.\n\n"
                     "How long does a boat take?\nA year, if the wood is dry.\n\n"
                     "Which wood?\nOak for the frame, larch for the planks.\n\n"
                     "Do you sail them?\nOnly the small ones, and only in summer.\n";
  vc_script *s = seg_str(text);
  assert_int_equal(turn_with(s, "How long")->role, VC_ROLE_INTERVIEWER);
  assert_int_equal(turn_with(s, "A year")->role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(turn_with(s, "A year")->text, "A year, if the wood is dry.");
  assert_int_equal(turn_with(s, "Which wood?")->role, VC_ROLE_INTERVIEWER);
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hostile_interview),
      cmocka_unit_test(test_caps_label_with_affiliation),
      cmocka_unit_test(test_caps_label_without_person),
      cmocka_unit_test(test_wrapped_lines),
      cmocka_unit_test(test_block_lines_stay),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
