/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Roles the page states, in invented texts (segment_evidence.c): a credit naming the
 * interviewer, a title naming the guest, a first line of names, a conference call's
 * operator; the speaker's own words over the headline. In each, the guest asks more than
 * the host, so turn length and question share alone would swap them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* A credit line before the first turn names the interviewer ("Interviewed by Jane Roe");
 * her surname label is hers, though the guest asks more than she does. */
static void test_credit_names_the_interviewer(void **state) {
  (void)state;
  const char *text = "Life on the canal: an oral history\n"
                     "Interviewed by Ines Varga\n"
                     "\n"
                     "Varga: Okay, we are recording.\n"
                     "\n"
                     "Kolar: Are we? Good. Shall I start with the boats, or with my "
                     "father? Which do you want?\n"
                     "\n"
                     "Varga: Your father is fine.\n"
                     "\n"
                     "Kolar: He ran a barge for forty years. Did you know the locks were "
                     "all by hand then? Can you imagine it?\n"
                     "\n"
                     "Varga: I cannot.\n"
                     "\n"
                     "Kolar: Nobody can now. Is that tea for me?\n";
  vc_script *s = seg(text);
  expect(s, "Okay, we are", VC_ROLE_INTERVIEWER, "Ines Varga");
  expect(s, "Are we? Good.", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "Nobody can now", VC_ROLE_INTERVIEWEE, NULL);
  vc_script_free(s);
}

/* "The interviewer is Jane Roe." inside the first turn: she asks, the speaker who says it
 * answers. */
static void test_interviewer_named_in_first_turn(void **state) {
  (void)state;
  const char *text =
      "Petra Lund: Hello, hello. The interviewer is Ines Varga and today is the second of "
      "May.\n"
      "\n"
      "Ines Varga: Thank you.\n"
      "\n"
      "Petra Lund: So, where were we? Did I tell you about the mill? Or the school?\n"
      "\n"
      "Ines Varga: The school, last week.\n"
      "\n"
      "Petra Lund: Right. Then the mill. Shall I go on?\n"
      "\n"
      "Ines Varga: Please.\n";
  vc_script *s = seg(text);
  expect(s, "Hello, hello.", VC_ROLE_INTERVIEWEE, "Petra Lund");
  expect(s, "The school, last week.", VC_ROLE_INTERVIEWER, "Ines Varga");
  vc_script_free(s);
}

/* "Jane Roe talks to John Doe" above the turns: the first asks, the second answers. */
static void test_talks_to_names_both(void **state) {
  (void)state;
  const char *text =
      "Ines Varga talks to Petra Lund about forty years of boats\n"
      "\n"
      "Ines Varga: Good to see you.\n"
      "\n"
      "Petra Lund: And you! How was the drive? Did you find the yard? Was the gate open?\n"
      "\n"
      "Ines Varga: It was, yes. Thank you.\n"
      "\n"
      "Petra Lund: Good. Where shall we start? The first boat?\n"
      "\n"
      "Ines Varga: Sure, the first boat.\n";
  vc_script *s = seg(text);
  expect(s, "Good to see you.", VC_ROLE_INTERVIEWER, "Ines Varga");
  expect(s, "And you!", VC_ROLE_INTERVIEWEE, "Petra Lund");
  vc_script_free(s);
}

/* A title line that opens with a name ("John Doe Interview Transcription"): the guest. */
static void test_title_ending_names_the_guest(void **state) {
  (void)state;
  const char *text =
      "Petra Lund Interview Transcription\n"
      "\n"
      "Ines Varga: Hi.\n"
      "\n"
      "Petra Lund: Hi! Can you hear me? Is the sound all right? Should I move closer?\n"
      "\n"
      "Ines Varga: It is fine.\n"
      "\n"
      "Petra Lund: Great. What do you want to know? The early years?\n"
      "\n"
      "Ines Varga: The early years.\n";
  vc_script *s = seg(text);
  expect(s, "Hi!", VC_ROLE_INTERVIEWEE, "Petra Lund");
  expect(s, "It is fine.", VC_ROLE_INTERVIEWER, "Ines Varga");
  vc_script_free(s);
}

/* "Q&A: John Doe on ..." names the guest; surname labels resolve to the people it names. */
static void test_qa_title_names_the_guest(void **state) {
  (void)state;
  const char *text = "Q&A: Petra Lund on keeping bees in the city\n"
                     "\n"
                     "Varga: Hello there.\n"
                     "\n"
                     "Lund: Hello! Do you keep bees yourself? Have you ever been stung?\n"
                     "\n"
                     "Varga: Never, no.\n"
                     "\n"
                     "Lund: Lucky. Shall I tell you how it began?\n";
  vc_script *s = seg(text);
  expect(s, "Hello!", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "Hello there.", VC_ROLE_INTERVIEWER, NULL);
  vc_script_free(s);
}

/* The title names one speaker as the guest, but that speaker thanks the other for "being
 * interviewed by me": their own words win over the headline. */
static void test_own_words_beat_the_title(void **state) {
  (void)state;
  const char *text =
      "A conversation with Petra Lund\n"
      "\n"
      "Petra Lund: Thank you for being interviewed by me today, Ines.\n"
      "\n"
      "Ines Varga: My pleasure. Where do you want to begin? The boats? The mill?\n"
      "\n"
      "Petra Lund: The mill.\n"
      "\n"
      "Ines Varga: Then the mill it is. Did you know it burned twice?\n";
  vc_script *s = seg(text);
  expect(s, "Thank you for being", VC_ROLE_INTERVIEWER, "Petra Lund");
  expect(s, "My pleasure.", VC_ROLE_INTERVIEWEE, "Ines Varga");
  vc_script_free(s);
}

/* A first line of two names ("Jane Roe: John Doe"), as transcription services head a file:
 * the first asks, the second answers, and the line itself is not spoken. */
static void test_first_line_of_names(void **state) {
  (void)state;
  const char *text =
      "Ines Varga: Petra Lund\n"
      "\n"
      "Ines Varga: Hi.\n"
      "\n"
      "Petra Lund: Hi! Ready? Shall I talk about the garden first? Or the house?\n"
      "\n"
      "Ines Varga: The garden.\n"
      "\n"
      "Petra Lund: Great. Have you seen the roses?\n";
  vc_script *s = seg(text);
  expect(s, "Hi.", VC_ROLE_INTERVIEWER, "Ines Varga");
  expect(s, "Hi!", VC_ROLE_INTERVIEWEE, "Petra Lund");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "Ines Varga: Petra Lund"));
  vc_script_free(s);
}

/* A conference call: the operator hands the call to an executive, who answers however much
 * she asks, and introduces the analysts, who ask however little. */
static void test_conference_call(void **state) {
  (void)state;
  const char *text =
      "Northwind Ltd Q1 Results Call\n"
      "\n"
      "Operator: Welcome to the Northwind first quarter call. I will now turn the call "
      "over to Hana Reyes, Chief Financial Officer.\n"
      "\n"
      "Hana Reyes: Thanks. Sales rose nine percent. Will it last? We think so. Why? Orders "
      "are strong. Questions?\n"
      "\n"
      "Operator: Your first question comes from Omar Diallo with Ridge Capital.\n"
      "\n"
      "Omar Diallo: Thanks. Congratulations on the quarter.\n"
      "\n"
      "Hana Reyes: Thank you, Omar. Did you want the margin figure? It was twelve "
      "percent.\n"
      "\n"
      "Operator: Your next question is from Lena Park of Birch Partners.\n"
      "\n"
      "Lena Park: Hi. Just one on costs.\n"
      "\n"
      "Hana Reyes: Costs were flat. Anything else?\n";
  vc_script *s = seg(text);
  expect(s, "Thanks. Sales rose", VC_ROLE_INTERVIEWEE, "Hana Reyes");
  expect(s, "Thanks. Congratulations", VC_ROLE_INTERVIEWER, "Omar Diallo");
  expect(s, "Hi. Just one on costs.", VC_ROLE_INTERVIEWER, "Lena Park");
  expect(s, "Your first question", VC_ROLE_INTERVIEWER, "Operator");
  vc_script_free(s);
}

/* A panel: "Jane Roe talks with A; B, a writer; and C": the list does not make each of
 * them a guest (one of them may moderate); Jane Roe still hosts. */
static void test_panel_list_is_no_guest_statement(void **state) {
  (void)state;
  const char *text =
      "Host Ines Varga talks with Tom Reed; Ada Moss, a writer; and Lu Chen.\n"
      "\n"
      "Ines Varga: I'm Ines Varga and this is the weekly panel.\n"
      "\n"
      "Tom Reed: Thanks, Ines. Welcome, everyone. Ada, what did you make of the vote?\n"
      "\n"
      "Ada Moss: It was close, and nobody expected it to be.\n"
      "\n"
      "Tom Reed: Lu, do you agree? Was it close?\n"
      "\n"
      "Lu Chen: Closer than the polls said, yes.\n";
  vc_script *s = seg(text);
  expect(s, "I'm Ines Varga", VC_ROLE_INTERVIEWER, "Ines Varga");
  expect(s, "Thanks, Ines.", VC_ROLE_INTERVIEWER, "Tom Reed");
  expect(s, "It was close", VC_ROLE_INTERVIEWEE, "Ada Moss");
  vc_script_free(s);
}

/* An interviewer never named: the sentence "The Example Ledger editors and reporters
 * interviewed John Doe" names the outlet, which asks; without that sentence the generic
 * name stays. */
static void test_outlet_names_the_unnamed_interviewer(void **state) {
  (void)state;
  const char *text =
      "The Harbour Ledger editors and reporters interviewed Petra Lund about the new "
      "bridge.\n"
      "\n"
      "Q: Good morning.\n"
      "\n"
      "A: Good morning. What would you like to know first? The cost? The delays?\n"
      "\n"
      "Q: The delays. Why did it open a year late?\n"
      "\n"
      "A: The river was higher than any survey said, so the piers went deeper.\n";
  vc_script *s = seg(text);
  expect(s, "Good morning.", VC_ROLE_INTERVIEWER, "The Harbour Ledger");
  expect(s, "The river was", VC_ROLE_INTERVIEWEE, "Petra Lund");
  vc_script_free(s);
  const char *plain = "Petra Lund spoke about the new bridge.\n"
                      "\n"
                      "Q: Good morning.\n"
                      "\n"
                      "A: Good morning. What would you like to know first?\n"
                      "\n"
                      "Q: Why did it open a year late?\n"
                      "\n"
                      "A: The river was higher than any survey said.\n";
  s = seg(plain);
  expect(s, "Good morning.", VC_ROLE_INTERVIEWER, "Interviewer");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_credit_names_the_interviewer),
      cmocka_unit_test(test_interviewer_named_in_first_turn),
      cmocka_unit_test(test_talks_to_names_both),
      cmocka_unit_test(test_title_ending_names_the_guest),
      cmocka_unit_test(test_qa_title_names_the_guest),
      cmocka_unit_test(test_own_words_beat_the_title),
      cmocka_unit_test(test_first_line_of_names),
      cmocka_unit_test(test_conference_call),
      cmocka_unit_test(test_panel_list_is_no_guest_statement),
      cmocka_unit_test(test_outlet_names_the_unnamed_interviewer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
