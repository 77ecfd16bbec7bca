/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Short excerpts of transcripts, in invented texts: a single question and answer under
 * Q/A letters, line-numbered court pages, call captions, machine labels with only two
 * turns; and the texts of the same look that are not transcripts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* No turn's text contains `needle` (a label, a line number or a clock read aloud). */
static void never_spoken(const vc_script *s, const char *needle) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, needle))
      fail_msg("\"%s\" is read aloud in \"%.40s\"", needle, s->turns[i].text);
}

/* One "Q." with a question and one "A." after it: the letters are labels. */
static void test_single_question_and_answer(void **state) {
  (void)state;
  const char *forms[] = {
      "Q. Where did you learn to weave?\nA. From my grandfather, on a loom he built.\n",
      "Q - Where did you learn to weave?\nA - From my grandfather, on a loom he built.\n",
      "Q Where did you learn to weave?\nA From my grandfather, on a loom he built.\n",
  };
  for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
    vc_script *s = seg(forms[k]);
    expect(s, "Where did you", VC_ROLE_INTERVIEWER, NULL);
    expect(s, "From my grandfather", VC_ROLE_INTERVIEWEE, NULL);
    never_spoken(s, "Q");
    vc_script_free(s);
  }
}

/* A letter before a statement, not a question, is no label: prose stays the narrator's. */
static void test_letters_without_a_question(void **state) {
  (void)state;
  vc_script *s = seg("Plan A. We walk along the canal to the lock.\n"
                     "Q. The letter stood for the quiet carriage.\n"
                     "A. Then we rest by the water. Is that fine?\n");
  expect(s, "Plan A.", VC_ROLE_NARRATOR, "Narrator");
  expect_in(s, "The letter stood", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

/* Two numbered lines of a court record, a label after each number: the numbers are not
 * spoken, the labels are read. */
static void test_two_numbered_lines(void **state) {
  (void)state;
  vc_script *s = seg("12   Q.  Where were you on the night of the storm?\n"
                     "13   A.  At home with my brother, mending nets.\n");
  expect(s, "Where were you", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "At home", VC_ROLE_INTERVIEWEE, NULL);
  never_spoken(s, "12");
  never_spoken(s, "13");
  vc_script_free(s);
}

/* Page and line numbers ("3-07"), double-spaced, the speech wrapped at the margin: each
 * turn is one, its wrapped lines go on with it; the page number between pages is not
 * spoken; the bench asks, the defendant answers. */
static void test_page_line_numbers_double_spaced(void **state) {
  (void)state;
  vc_script *s = seg("3-07        THE COURT:    Good morning.  Are you ready to\n\n"
                     "3-08   proceed this morning?\n\n"
                     "3-09        DEFENDANT ORLOV:    I am, Your Honor.  I brought\n\n"
                     "3-10   the papers.  All of them.\n\n"
                     "                         Page 4\n\n"
                     "4-01        THE COURT:    Then please hand them to the clerk.\n\n"
                     "4-02        DEFENDANT ORLOV:    Yes.  Here they are.\n");
  expect(s, "Good morning.", VC_ROLE_INTERVIEWER, "The Court");
  expect_in(s, "proceed this morning?", VC_ROLE_INTERVIEWER, "The Court");
  expect(s, "I am, Your Honor.", VC_ROLE_INTERVIEWEE, NULL);
  expect_in(s, "All of them.", VC_ROLE_INTERVIEWEE, name_of(s, turn_at(s, "I am,")));
  expect(s, "Then please", VC_ROLE_INTERVIEWER, "The Court");
  never_spoken(s, "Page 4");
  never_spoken(s, "3-");
  vc_script_free(s);
}

/* Lines that open with numbers in order but no label after any of them: a list, spoken
 * as written. */
static void test_numbered_list_is_spoken(void **state) {
  (void)state;
  vc_script *s = seg("House rules, as my aunt wrote them on the kitchen wall.\n\n"
                     "1 Shoes off at the door, always.\n"
                     "2 Dogs sleep outside in summer.\n"
                     "3 Dinner is at seven sharp.\n");
  expect_in(s, "2 Dogs sleep", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_single_question_and_answer),
      cmocka_unit_test(test_letters_without_a_question),
      cmocka_unit_test(test_two_numbered_lines),
      cmocka_unit_test(test_page_line_numbers_double_spaced),
      cmocka_unit_test(test_numbered_list_is_spoken),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
