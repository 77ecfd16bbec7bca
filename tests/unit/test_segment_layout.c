/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The segmenter on unlabelled and prose layouts: question and answer lines in one block,
 * headings, photo captions, inline labels, questions addressed by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* Each block: the question on its first line (bold in the page, plain here), the answer on
 * the next line, no labels. Not every question ends with "?". */
static void test_question_line_answer_line(void **state) {
  (void)state;
  const char *text =
      "Glass, sand and patience: a talk with a lampworker\n\n"
      "By Odile Brack | Monday, March 3, 2025\n\n"
      "Every spring I sit down with someone who makes things by hand. This "
      "year Teodor Vance, who blows glass in a shed behind his house, joined "
      "me for the talk.\n\n"
      "You started with bottles, didn't you?\n"
      "I did. Green ones, mostly, from the recycling bins.\n\n"
      "Is the shed heated?\n"
      "Only by the furnace, which is plenty.\n\n"
      "I tried it once and burned my sleeve within a minute.\n"
      "Everybody does. You learn to roll your sleeves up.\n\n"
      "What do you sell most of?\n"
      "Beads. People love beads.\n\n"
      "And the big pieces?\n"
      "Those I keep, or give away to friends.\n\n"
      "Thank you for the tour.\n"
      "Any time.\n";
  vc_script *s = seg(text);
  expect(s, "You started with", VC_ROLE_INTERVIEWER, "Odile Brack");
  expect(s, "I did. Green", VC_ROLE_INTERVIEWEE, "Teodor Vance");
  expect(s, "I tried it once", VC_ROLE_INTERVIEWER, "Odile Brack");
  expect(s, "Everybody does.", VC_ROLE_INTERVIEWEE, "Teodor Vance");
  expect(s, "Thank you for", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Any time.", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "Every spring", VC_ROLE_NARRATOR, NULL);
  vc_script_free(s);
}

/* Prose whose paragraphs are kept one to a line inside a block is not a pair layout. */
static void test_prose_lines_are_not_pairs(void **state) {
  (void)state;
  const char *text = "The mill reopened on Sunday.\n\n"
                     "It had been shut for ten years. Nobody knew why.\n"
                     "The owners said little.\n\n"
                     "A crowd came anyway. Some brought bread.\n"
                     "Others brought flowers.\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A caption that ends with its own credit sentence is page furniture, not narration. */
static void test_caption_with_credit(void **state) {
  (void)state;
  const char *text =
      "The depot got a new roof this year.\n\n"
      "The east hall has long benches for the night shift. Photo courtesy of "
      "the county works office.\n\n"
      "Workers said the old roof leaked for a decade. The new one is quiet, "
      "they said, even in hail.\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "long benches"));
  expect(s, "Workers said", VC_ROLE_NARRATOR, NULL);
  vc_script_free(s);
}

/* A title-cased headline between labelled exchanges is the narrator's, not the last
 * speaker's, even inside a block of single-spaced lines. */
static void test_title_case_heading_between_turns(void **state) {
  (void)state;
  const char *text = "Reporter: Will the ferry run on Sunday?\n"
                     "SPOKESWOMAN: It will, weather permitting.\n"
                     "Reporter: And on the holiday?\n"
                     "SPOKESWOMAN: That is still being decided.\n"
                     "Harbour Office Won't Say When The Night Crossings Return\n"
                     "Reporter: When do the night crossings come back?\n"
                     "SPOKESWOMAN: Not before the autumn.\n";
  vc_script *s = seg(text);
  expect(s, "Harbour Office", VC_ROLE_NARRATOR, NULL);
  expect(s, "Not before", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "When do the", VC_ROLE_INTERVIEWER, NULL);
  vc_script_free(s);
}

/* An oral history flattened from a PDF: full-name labels first, initials after, all
 * inside running lines; a page number before a label. */
static void test_inline_labels(void **state) {
  (void)state;
  const char *text =
      "AN INTERVIEW WITH MARGIT OLSEN FOR THE VALLEY ORAL HISTORY PROJECT\n\n"
      "3 Dana Ruth Whitlow: This begins an interview with Margit Olsen in the library. "
      "Where were you born? Margit Olsen: In a farmhouse north of the river, in the "
      "winter. DW: What did your parents farm? MO: Oats, and some sheep. DW: Did you help "
      "with the sheep? MO: Every spring, at lambing time. DW: And school? MO: A one-room "
      "school, three miles off.\n";
  vc_script *s = seg(text);
  expect(s, "This begins", VC_ROLE_INTERVIEWER, "Dana Ruth Whitlow");
  expect(s, "In a farmhouse", VC_ROLE_INTERVIEWEE, "Margit Olsen");
  expect(s, "What did your parents", VC_ROLE_INTERVIEWER, "Dana Ruth Whitlow");
  expect(s, "Oats, and", VC_ROLE_INTERVIEWEE, "Margit Olsen");
  expect(s, "A one-room", VC_ROLE_INTERVIEWEE, "Margit Olsen");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "MO:"));
  vc_script_free(s);
}

/* One "Note:" or a single inline initial does not make a text inline-labelled. */
static void test_inline_colon_in_prose(void **state) {
  (void)state;
  const char *text =
      "The archive opened in May. Note: the reading room closes early. "
      "Its keeper, Ann Roe, said visitors were welcome. PS: bring a pencil.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A meeting's record with no labels: the chair greets, then hands the floor to a witness
 * by name; the witness keeps it until the next question put by name. */
static void test_handover_by_name(void **state) {
  (void)state;
  const char *text =
      "Harbour Board, evidence session\n"
      "Good afternoon, and welcome to the fourth meeting of the harbour board this year.\n"
      "We are joined by Lotte Varga, the pilot master, and Ivo Brandt, who runs the tugs. "
      "Will you start by telling us how the winter went, Lotte?\n"
      "Thank you. It was the calmest winter in years, and we lost no days to fog.\n"
      "The tugs had a harder time, I am afraid, because two of them were in dock.\n"
      "That is helpful. Can you add to that, Ivo?\n"
      "Only that both tugs are back in service now.\n";
  vc_script *s = seg(text);
  expect(s, "Good afternoon", VC_ROLE_INTERVIEWER, "Chair");
  expect(s, "Thank you. It was", VC_ROLE_INTERVIEWEE, "Lotte Varga");
  assert_non_null(strstr(turn_at(s, "Thank you. It was")->text, "The tugs had"));
  expect(s, "That is helpful", VC_ROLE_INTERVIEWER, "Chair");
  expect(s, "Only that both", VC_ROLE_INTERVIEWEE, "Ivo Brandt");
  expect(s, "Harbour Board", VC_ROLE_NARRATOR, NULL);
  vc_script_free(s);
  /* nobody addressed by name: the record of a sitting is still the chair's speech */
  s = seg("Members, good evening, and welcome to this meeting of the parks committee.\n"
          "The first item is the minutes. Are they agreed?\n"
          "We move to item 2, the new benches.\n");
  expect(s, "Members, good evening", VC_ROLE_INTERVIEWER, "Chair");
  vc_script_free(s);
}

/* Numbered questions, each answered by several people in several paragraphs: only the
 * numbered lines ask, whatever the others look like. */
static void test_numbered_questions(void **state) {
  (void)state;
  const char *text =
      "Three bakers on sourdough\n\n"
      "We asked three bakers, Rosa Imbert, Kai Lund and Noor Haddad, about their "
      "starters.\n\n"
      "1. How old is your starter?\n\n"
      "Rosa Imbert: Nine years, and it has moved house twice with me.\n\n"
      "Short and sweet: feed it daily.\n\n"
      "Kai Lund: About a year. I killed the first one.\n\n"
      "2. What flour do you feed it?\n\n"
      "Rosa Imbert: Rye, always rye.\n\n"
      "Kai Lund: Whatever is cheapest that week. Does it matter? Not much.\n\n"
      "3. Any advice for beginners?\n\n"
      "Rosa Imbert: Be patient.\n\n"
      "Keep it warm in winter.\n";
  vc_script *s = seg(text);
  expect(s, "1. How old", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "2. What flour", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Nine years", VC_ROLE_INTERVIEWEE, "Rosa Imbert");
  assert_non_null(strstr(turn_at(s, "Nine years")->text, "Short and sweet"));
  expect(s, "Be patient", VC_ROLE_INTERVIEWEE, "Rosa Imbert");
  assert_non_null(strstr(turn_at(s, "Be patient")->text, "Keep it warm"));
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_question_line_answer_line),
      cmocka_unit_test(test_prose_lines_are_not_pairs),
      cmocka_unit_test(test_caption_with_credit),
      cmocka_unit_test(test_title_case_heading_between_turns),
      cmocka_unit_test(test_inline_labels),
      cmocka_unit_test(test_inline_colon_in_prose),
      cmocka_unit_test(test_handover_by_name),
      cmocka_unit_test(test_numbered_questions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
