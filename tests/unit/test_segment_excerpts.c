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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_single_question_and_answer),
      cmocka_unit_test(test_letters_without_a_question),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
