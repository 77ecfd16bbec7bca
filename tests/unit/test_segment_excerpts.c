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

/* A call's speakers alone on their lines, a title after a dash, the same each time; the
 * operator and an analyst alone with a plain name; a heading above the operator is the
 * narrator's. */
static void test_call_caption_lines(void **state) {
  (void)state;
  vc_script *s = seg("Tamsin Vale - Chief Financial Officer, Brookmere Foods\n\n"
                     "Thank you all. Volumes rose four percent and costs held flat.\n\n"
                     "Questions and Answers\n\n"
                     "Operator\n\n"
                     "Thank you. Our first question comes from Idris Okonjo.\n\n"
                     "Idris Okonjo\n\n"
                     "Good morning. Where do you expect costs to go next year?\n\n"
                     "Tamsin Vale - Chief Financial Officer, Brookmere Foods\n\n"
                     "Broadly flat, with a small rise in the spring.\n");
  expect(s, "Thank you all.", VC_ROLE_INTERVIEWEE, "Tamsin Vale");
  expect(s, "Questions and Answers", VC_ROLE_NARRATOR, "Narrator");
  expect(s, "Thank you. Our first", VC_ROLE_INTERVIEWER, "Operator");
  expect(s, "Good morning.", VC_ROLE_INTERVIEWER, "Idris Okonjo");
  expect(s, "Broadly flat", VC_ROLE_INTERVIEWEE, "Tamsin Vale");
  never_spoken(s, "Chief Financial");
  vc_script_free(s);
}

/* Two turns only: a name with its clock time alone on a line, a clock time before the
 * name, a diarisation code; each names two speakers once, and the first line is a label
 * too, not a headline. */
static void test_two_machine_labelled_turns(void **state) {
  (void)state;
  const char *forms[] = {
      "Wen Aldous (00:01:02)\nWelcome in. What brought you to the valley?\n\n"
      "Petra Lund (00:01:09)\nThe orchards, and a job at the cider mill.\n",
      "00:01:02 Wen Aldous\nWelcome in. What brought you to the valley?\n\n"
      "00:01:09 Petra Lund\nThe orchards, and a job at the cider mill.\n",
      "SPEAKER_00: Welcome in. What brought you to the valley?\n"
      "SPEAKER_01: The orchards, and a job at the cider mill.\n",
  };
  for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
    vc_script *s = seg(forms[k]);
    expect(s, "Welcome in.", VC_ROLE_INTERVIEWER, NULL);
    expect(s, "The orchards", VC_ROLE_INTERVIEWEE, NULL);
    never_spoken(s, "00:01");
    never_spoken(s, "SPEAKER");
    vc_script_free(s);
  }
}

/* A machine's lower-case codes ("spk03:") on a call: the operator who hands the call over
 * asks, the one handed the call answers and takes the name the operator gives. */
static void test_lower_case_codes_on_a_call(void **state) {
  (void)state;
  vc_script *s = seg("spk03: Good afternoon and welcome to the results call. I will now "
                     "turn the call over to Odile Faure, head of investor relations.\n"
                     "spk11: Thank you. Revenue grew in every region this quarter, and "
                     "we opened our second plant.\n");
  expect(s, "Good afternoon", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Thank you. Revenue", VC_ROLE_INTERVIEWEE, "Odile Faure");
  never_spoken(s, "spk");
  vc_script_free(s);
}

/* One name with a title after a dash, once, over prose: a byline, not a label. */
static void test_titled_name_once_is_no_label(void **state) {
  (void)state;
  vc_script *s = seg("Rosa Ibarra - Staff Writer\n\n"
                     "The ferry will run twice a day from May, the harbour board said on "
                     "Monday, after a winter of complaints from the island.\n");
  expect_in(s, "The ferry will run", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

/* A chat log with dates in its clock times, handles that speak once, and the channel's
 * news (joins, quits, nick changes, a day change): each message is its handle's, the
 * news is not spoken. */
static void test_chat_log_with_news(void **state) {
  (void)state;
  vc_script *s =
      seg("--- Day changed Wed Apr 08 2026\n"
          "[2026-04-08 09:00:02] <wrenna> morning all, the agenda is in the pad\n"
          "[2026-04-08 09:00:10] -!- kolbe [~k@host] has joined #garden-sync\n"
          "[2026-04-08 09:00:31] <tibor> the new seed order went out on friday\n"
          "[2026-04-08 09:00:40] * tibor is now known as tibor_away\n"
          "[2026-04-08 09:01:05] <wrenna> did the compost bins arrive as well?\n"
          "[2026-04-08 09:01:30] <kolbe> they came this morning, two of them\n"
          "[2026-04-08 09:01:41] <wrenna> ok great\n");
  expect(s, "ok great", VC_ROLE_INTERVIEWER, "wrenna"); /* short, no capital: no chrome */
  expect(s, "morning all", VC_ROLE_INTERVIEWER, "wrenna");
  expect(s, "the new seed order", VC_ROLE_INTERVIEWEE, "tibor");
  expect(s, "they came this morning", VC_ROLE_INTERVIEWEE, "kolbe");
  never_spoken(s, "has joined");
  never_spoken(s, "known as");
  never_spoken(s, "Day changed");
  never_spoken(s, "<");
  vc_script_free(s);
}

/* A chat export with the handle and its time on a line of their own, the message below. */
static void test_chat_handle_then_time(void **state) {
  (void)state;
  vc_script *s = seg("wrenna 9:00 AM\nmorning all, the agenda is in the pad\n"
                     "tibor 9:01 AM\nthe new seed order went out on friday\n"
                     "wrenna 9:02 AM\ndid the compost bins arrive as well?\n"
                     "tibor 9:03 AM\nthey came this morning, two of them\n");
  expect(s, "morning all", VC_ROLE_INTERVIEWER, "wrenna");
  expect(s, "the new seed order", VC_ROLE_INTERVIEWEE, "tibor");
  expect(s, "they came this morning", VC_ROLE_INTERVIEWEE, "tibor");
  never_spoken(s, "AM");
  vc_script_free(s);
}

/* Paragraphs that open with clock times and name nobody: the times are not spoken, the
 * questions ask and the paragraphs after them answer; the host's opening asks. */
static void test_clock_times_without_labels(void **state) {
  (void)state;
  vc_script *s = seg("[00:00:02] Hello and welcome. Today I am talking with a beekeeper "
                     "from the hills.\n\n"
                     "[00:00:09] How many hives do you keep these days?\n\n"
                     "[00:00:14] Around forty, spread over three farms.\n\n"
                     "[00:00:22] And what changed this year?\n\n"
                     "[00:00:26] The winters got wetter, and bees hate damp.\n");
  expect(s, "Hello and welcome.", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "How many hives", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Around forty", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "And what changed", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "The winters", VC_ROLE_INTERVIEWEE, NULL);
  never_spoken(s, "00:00");
  vc_script_free(s);
}

/* A diary whose paragraphs open with times, no questions: prose, spoken as written. */
static void test_clock_times_in_a_diary(void **state) {
  (void)state;
  vc_script *s = seg("Race day\n\n"
                     "7:30 The gates opened and the first runners drifted in.\n\n"
                     "8:15 Rain arrived, as forecast, and the tents went up.\n\n"
                     "9:00 The gun went, and four hundred people splashed off.\n");
  expect_in(s, "8:15 Rain arrived", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_single_question_and_answer),
      cmocka_unit_test(test_letters_without_a_question),
      cmocka_unit_test(test_two_numbered_lines),
      cmocka_unit_test(test_page_line_numbers_double_spaced),
      cmocka_unit_test(test_numbered_list_is_spoken),
      cmocka_unit_test(test_call_caption_lines),
      cmocka_unit_test(test_two_machine_labelled_turns),
      cmocka_unit_test(test_lower_case_codes_on_a_call),
      cmocka_unit_test(test_titled_name_once_is_no_label),
      cmocka_unit_test(test_chat_log_with_news),
      cmocka_unit_test(test_chat_handle_then_time),
      cmocka_unit_test(test_clock_times_without_labels),
      cmocka_unit_test(test_clock_times_in_a_diary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
