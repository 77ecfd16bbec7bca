/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Label forms the segmenter infers from the text's own recurring shape, in invented texts:
 * a one-off label shaped like the others, clock times before a bare name, caption voice
 * tags, question/answer words as labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* No turn's text contains `needle` (a label read aloud). */
static void never_spoken(const vc_script *s, const char *needle) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, needle))
      fail_msg("\"%s\" is read aloud in \"%.40s\"", needle, s->turns[i].text);
}

/* A short TV excerpt: the official's "NAME, ROLE:" label is used once, shaped like the
 * reporter's all-capitals label; the surname alone names her again. */
static void test_one_off_label_shaped_like_the_others(void **state) {
  (void)state;
  const char *text =
      "Evening Desk\n\n"
      "MIRA SOLBERG, HARBOUR AUTHORITY SPOKESWOMAN: The cranes will be back in service by "
      "the weekend, and we have asked the shipping lines to hold two berths for the ferry. "
      "Nobody will lose a sailing because of this.\n\n"
      "The repairs are paid for out of this year's budget.\n\n"
      "UNIDENTIFIED MALE: And the night crews, will they be paid for the lost shifts?\n\n"
      "SOLBERG: Yes, every shift that was planned will be paid.\n";
  vc_script *s = seg(text);
  expect(s, "The cranes will", VC_ROLE_INTERVIEWEE, "Mira Solberg");
  expect(s, "And the night crews", VC_ROLE_INTERVIEWER, "Unidentified Male");
  expect(s, "Yes, every shift", VC_ROLE_INTERVIEWEE, "Mira Solberg");
  never_spoken(s, "SPOKESWOMAN");
  vc_script_free(s);
}

/* Two first-name labels, each used once: the same shape, speech after each; the host names
 * himself in full. */
static void test_two_first_name_one_offs(void **state) {
  (void)state;
  const char *text =
      "The Lantern Hour\n\n"
      "Ines: Paper lanterns were the first thing I ever sold. I made forty of them in one "
      "winter and sold every one at the market.\n\n"
      "Oskar: Welcome to the lantern hour. I'm your host, Oskar Delmar. This week we talk "
      "to a maker who started at a market stall. How did that first winter go?\n";
  vc_script *s = seg(text);
  expect(s, "Paper lanterns", VC_ROLE_INTERVIEWEE, "Ines");
  expect(s, "Welcome to the lantern", VC_ROLE_INTERVIEWER, "Oskar Delmar");
  never_spoken(s, "Ines:");
  vc_script_free(s);
}

/* In prose, 'Name: "..."' attributes a quotation: not an interview turn. */
static void test_colon_before_quotation_is_prose(void **state) {
  (void)state;
  const char *text =
      "What the gardeners said\n\n"
      "The allotment society met on Sunday to talk about the drought, and several members "
      "spoke about what they had lost over the summer and what they planned next year.\n\n"
      "Vera: \"We lost the beans first, then the squash.\"\n\n"
      "Tobin: \"Next year we dig a pond before anything else.\"\n\n"
      "The society will vote on the pond in March.\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_true(s->turns[i].role != VC_ROLE_INTERVIEWER &&
                s->turns[i].role != VC_ROLE_INTERVIEWEE);
  vc_script_free(s);
}

/* A clock time, then the name in bold, then the speech: no colon anywhere. */
static void test_stamp_then_marked_name(void **state) {
  (void)state;
  const char *text =
      "0:00:02.1 **Mara Lind** Welcome to the garden hour. Today I am "
      "talking with a beekeeper from the valley.\n"
      "0:00:09.4 **Tomas Brek** Thanks for having me, it is good to be here.\n"
      "0:00:12.8 **Mara Lind** How did you start keeping bees?\n"
      "0:00:15.0 **Tomas Brek** My uncle had six hives behind his barn.\n";
  vc_script *s = seg(text);
  expect(s, "Welcome to the garden", VC_ROLE_INTERVIEWER, "Mara Lind");
  expect(s, "Thanks for having me", VC_ROLE_INTERVIEWEE, "Tomas Brek");
  expect(s, "How did you start", VC_ROLE_INTERVIEWER, "Mara Lind");
  never_spoken(s, "**");
  vc_script_free(s);
}

/* "[00:12] Jane Doe Hello": where the name ends is the run of words that recurs. */
static void test_stamp_then_bare_name(void **state) {
  (void)state;
  const char *text = "[00:01] Mara Lind Welcome to the garden hour, with a beekeeper.\n"
                     "[00:09] Tomas Brek Thanks for having me, it is good to be here.\n"
                     "[00:12] Mara Lind How did you start keeping bees?\n"
                     "[00:15] Tomas Brek My uncle had six hives behind his barn.\n"
                     "[00:22] Mara Lind What do the bees need most in spring?\n"
                     "[00:25] Tomas Brek Clean water and early flowers.\n";
  vc_script *s = seg(text);
  expect(s, "Welcome to the garden", VC_ROLE_INTERVIEWER, "Mara Lind");
  expect(s, "My uncle had", VC_ROLE_INTERVIEWEE, "Tomas Brek");
  expect(s, "What do the bees", VC_ROLE_INTERVIEWER, "Mara Lind");
  vc_script_free(s);
}

/* Clock times before ordinary sentences: a recurring first word ("So") is no name. */
static void test_stamps_without_names(void **state) {
  (void)state;
  const char *text = "[00:01] So we started the day at the harbour, early.\n"
                     "[00:09] So the boats were already out by then.\n"
                     "[00:12] The fog lifted around nine.\n"
                     "[00:15] The nets came back full by noon.\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A WebVTT file given as input: the header and cue timings are not spoken; the voice
 * tags name the speakers. */
static void test_webvtt_voice_tags(void **state) {
  (void)state;
  const char *text = "WEBVTT\n\n"
                     "00:00:00.000 --> 00:00:03.500\n"
                     "<v Speaker 1>Welcome back to the workshop hour.\n\n"
                     "00:00:03.500 --> 00:00:06.000\n"
                     "<v Speaker 2>Thanks, it is good to be back.\n\n"
                     "00:00:06.000 --> 00:00:09.000\n"
                     "<v Speaker 1>What are you building this week?\n\n"
                     "00:00:09.000 --> 00:00:13.000\n"
                     "<v Speaker 2>A small oak table for my sister.\n";
  vc_script *s = seg(text);
  expect(s, "Welcome back", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "A small oak table", VC_ROLE_INTERVIEWEE, "Speaker 2");
  never_spoken(s, "WEBVTT");
  never_spoken(s, "-->");
  never_spoken(s, "<v");
  vc_script_free(s);
}

/* "QUESTION:" / "ANSWER:" on every turn, and "I:" (interviewer) / "A:". */
static void test_question_answer_words_and_i(void **state) {
  (void)state;
  const char *a = "QUESTION: Where did you grow up?\n"
                  "ANSWER: In a small fishing village on the coast.\n"
                  "QUESTION: What did your parents do?\n"
                  "ANSWER: My father mended nets.\n";
  vc_script *s = seg(a);
  expect(s, "Where did you", VC_ROLE_INTERVIEWER, "Interviewer");
  expect(s, "My father", VC_ROLE_INTERVIEWEE, "Interviewee");
  never_spoken(s, "ANSWER");
  vc_script_free(s);
  const char *b = "I: Where did you grow up?\n"
                  "A: In a small fishing village on the coast.\n"
                  "I: What did your parents do?\n"
                  "A: My father mended nets.\n";
  s = seg(b);
  expect(s, "What did your", VC_ROLE_INTERVIEWER, "Interviewer");
  expect(s, "In a small", VC_ROLE_INTERVIEWEE, "Interviewee");
  vc_script_free(s);
}

/* An automatic transcript run into one paragraph: "Speaker N: (time)" mid-line. */
static void test_labels_run_into_one_paragraph(void **state) {
  (void)state;
  const char *text =
      "Speaker 1: (00:00) Good morning and welcome to the briefing. Speaker 2: "
      "(00:04) Thank you, glad to be here. Speaker 1: (00:07) What is the plan "
      "for the new bridge? Speaker 2: (00:10) We start building in March.\n";
  vc_script *s = seg(text);
  expect(s, "Good morning", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "Thank you, glad", VC_ROLE_INTERVIEWEE, "Speaker 2");
  expect(s, "What is the plan", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "We start building", VC_ROLE_INTERVIEWEE, "Speaker 2");
  never_spoken(s, "Speaker 2:");
  vc_script_free(s);
}

/* A court record: the honorific ends one line and the name's label starts the next; one
 * sentence per line. */
static void test_label_split_over_two_lines(void **state) {
  (void)state;
  const char *text = "DR.\n"
                     "HALVORSEN: The samples came back this morning.\n"
                     "MS.\n"
                     "QUIRKE: And what did they show?\n"
                     "DR.\n"
                     "HALVORSEN: Nothing we did not expect.\n"
                     "It was clean.\n"
                     "MS.\n"
                     "QUIRKE: Good.\n";
  vc_script *s = seg(text);
  expect(s, "The samples", VC_ROLE_INTERVIEWEE, "Dr. Halvorsen");
  expect(s, "And what did", VC_ROLE_INTERVIEWER, "Ms. Quirke");
  never_spoken(s, "MS.");
  vc_script_free(s);
}

/* A thread: a handle and score on their own line head each comment; the one who opened
 * the thread answers, the others ask (one of them comments once). */
static void test_comment_headers_in_a_thread(void **state) {
  (void)state;
  const char *text = "I am a lighthouse keeper. Ask me anything!\n\n"
                     "keeper_ola 120 points\n"
                     "Hi all, I have kept the north light for twenty years. Ask away.\n\n"
                     "seagull77 44 points\n"
                     "What do you do during a storm?\n\n"
                     "keeper_ola 80 points\n"
                     "I check the lamp every hour and write the log.\n\n"
                     "fogbound 12 points\n"
                     "Do you ever get lonely?\n\n"
                     "keeper_ola 30 points\n"
                     "Sometimes, but the radio helps.\n";
  vc_script *s = seg(text);
  expect(s, "I check the lamp", VC_ROLE_INTERVIEWEE, "keeper_ola");
  expect(s, "What do you do", VC_ROLE_INTERVIEWER, "seagull77");
  expect(s, "Do you ever", VC_ROLE_INTERVIEWER, "fogbound");
  never_spoken(s, "points");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_off_label_shaped_like_the_others),
      cmocka_unit_test(test_two_first_name_one_offs),
      cmocka_unit_test(test_colon_before_quotation_is_prose),
      cmocka_unit_test(test_stamp_then_marked_name),
      cmocka_unit_test(test_stamp_then_bare_name),
      cmocka_unit_test(test_stamps_without_names),
      cmocka_unit_test(test_webvtt_voice_tags),
      cmocka_unit_test(test_question_answer_words_and_i),
      cmocka_unit_test(test_labels_run_into_one_paragraph),
      cmocka_unit_test(test_label_split_over_two_lines),
      cmocka_unit_test(test_comment_headers_in_a_thread),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
