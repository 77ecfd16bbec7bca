/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Turns and roles where labels are absent, partial or misleading, in invented texts:
 * questions written as headings, labels run into one paragraph after an honorific, court
 * transcripts, co-hosts. */
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

/* Questions as headings, no labels: each question stands alone above an answer of one or
 * more paragraphs in the first person; one question ends with a parenthesis. */
static void test_questions_as_headings(void **state) {
  (void)state;
  const char *text =
      "Orla Brennick\n\n"
      "Weaving looms, dye gardens\n\n"
      "How did you start weaving, and what made you keep at it?\n\n"
      "My aunt had a loom in her shed and nobody used it, so I did.\n\n"
      "I kept at it because the work is slow in a way that suits me. A scarf takes a week "
      "and I know every thread of it.\n\n"
      "Where do your colours come from? (plants, minerals, shop dyes)\n\n"
      "Mostly from the garden behind the house. Madder gives me reds, weld gives me "
      "yellows.\n\n"
      "We tried shop dyes once and the blues were flat, so we stopped.\n\n"
      "What would you tell someone who wants to begin?\n\n"
      "Buy nothing for the first month. Borrow a loom, ruin some yarn, and see if you "
      "still "
      "want it.\n";
  vc_script *s = seg(text);
  expect(s, "How did you start", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "My aunt had", VC_ROLE_INTERVIEWEE, "Orla Brennick");
  expect(s, "Where do your colours", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Mostly from the garden", VC_ROLE_INTERVIEWEE, "Orla Brennick");
  expect(s, "What would you tell", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Buy nothing", VC_ROLE_INTERVIEWEE, "Orla Brennick");
  vc_script_free(s);
}

/* Two heading questions are enough when the text opens with the first (only a title above
 * it); an essay whose paragraphs ask in passing is not an interview. */
static void test_two_heading_questions_and_an_essay(void **state) {
  (void)state;
  const char *qa =
      "Ten minutes with a beekeeper\n\n"
      "Why did you take up bees?\n\n"
      "I wanted something that did not need me every day. I was wrong about that, "
      "but I stayed.\n\n"
      "What do you do in winter?\n\n"
      "I mend frames and I worry. We lose a hive most winters.\n";
  vc_script *s = seg(qa);
  expect(s, "Why did you take", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I wanted something", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "What do you do in", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I mend frames", VC_ROLE_INTERVIEWEE, NULL);
  vc_script_free(s);
  const char *essay =
      "On rivers\n\n"
      "The river was high all spring, and the town argued about the weir for the third "
      "year "
      "running, as it always does when the water comes up to the bridge.\n\n"
      "Who pays for the repairs? The council says the mill owners, the mill owners say the "
      "council, and the water keeps rising.\n\n"
      "The weir was built in 1820 and has been patched eleven times since then, most "
      "recently "
      "with concrete that is already cracking.\n\n"
      "Will anyone act before the autumn floods? Nobody in the town hall would say.\n";
  s = seg(essay);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A transcript run into one paragraph whose labels carry an honorific ("Mr. Doe: ") and
 * where a speaker is cut off mid-word ("and- Speaker 1:"). */
static void test_run_in_labels_with_honorific(void **state) {
  (void)state;
  const char *text =
      "Hearing of May 2\n\n"
      "Speaker 1: (00:00) Counsel, why should the whole rule fall when only one part is "
      "at fault? Mr. Okafor: (00:21) Because the parts were passed together, and the "
      "second depends on the first, and- Speaker 1: (00:40) I follow that. What is your "
      "other point? Mr. Okafor: (00:44) That the legislature said so in the preamble.\n";
  vc_script *s = seg(text);
  expect(s, "Counsel, why should", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "Because the parts", VC_ROLE_INTERVIEWEE, "Mr. Okafor");
  expect(s, "I follow that", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "That the legislature", VC_ROLE_INTERVIEWEE, "Mr. Okafor");
  never_spoken(s, "Okafor:");
  never_spoken(s, "Speaker 1:");
  vc_script_free(s);
}

/* A court record: Q/A carry the examination; the bench and counsel ask; Q is the counsel
 * who never objects, A the witness a question addresses by title; a role-only label keeps
 * its role as its name even where the headline writes the word in a capitalised phrase;
 * an omission mark before a label is not spoken. */
static void test_court_record(void **state) {
  (void)state;
  const char *text = "Transcript: Junior Prosecutor Learns The Hard Way\n\n"
                     "by Odile Farrant on March 3, 2019\n\n"
                     "Q: Where were you standing when the van stopped?\n\n"
                     "A: By the bakery door, near the bins.\n\n"
                     "THE COURT: Counsel, the witness has answered that twice already.\n\n"
                     "PROSECUTOR: I will move on, Your Honor.\n\n"
                     "Q: Did you see who got out of the van?\n\n"
                     "A: Two men. I could not see their faces.\n\n"
                     "DEFENSE COUNSEL: Objection. Asked and answered.\n\n"
                     "THE COURT: Overruled.\n\n"
                     ". . . Q: Mrs. Bellweather, how far is the bakery from the corner?\n\n"
                     "A: About thirty steps.\n";
  vc_script *s = seg(text);
  expect(s, "Where were you", VC_ROLE_INTERVIEWER, "Prosecutor");
  expect(s, "By the bakery", VC_ROLE_INTERVIEWEE, "Mrs. Bellweather");
  expect(s, "Counsel, the witness", VC_ROLE_INTERVIEWER, "The Court");
  expect(s, "I will move on", VC_ROLE_INTERVIEWER, "Prosecutor");
  expect(s, "Objection. Asked", VC_ROLE_INTERVIEWER, "Defense Counsel");
  expect(s, "Mrs. Bellweather, how far", VC_ROLE_INTERVIEWER, "Prosecutor");
  never_spoken(s, ". . .");
  vc_script_free(s);
}

/* A deposition excerpt: "MR. NAME:" labels beside Q/A are counsel (they ask), "THE
 * WITNESS:" is the one "A" stands for. */
static void test_deposition_counsel_and_witness(void **state) {
  (void)state;
  const char *text = "Notes from the reporter's desk\n\n"
                     "Q. Were you at the depot that night?\n"
                     "A. I was, until about ten.\n"
                     "Q. And after ten?\n"
                     "A. I went home.\n"
                     "MR. QUILLFEATHER: Let the record show the witness is smiling.\n"
                     "THE WITNESS: It was a good night.\n"
                     "MR. ABERNATHY-COLE: Shall we take a break?\n";
  vc_script *s = seg(text);
  expect(s, "Were you at", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I was, until", VC_ROLE_INTERVIEWEE, "The Witness");
  expect(s, "Let the record", VC_ROLE_INTERVIEWER, "Mr. Quillfeather");
  expect(s, "It was a good night", VC_ROLE_INTERVIEWEE, "The Witness");
  expect(s, "Shall we take", VC_ROLE_INTERVIEWER, NULL);
  vc_script_free(s);
}

/* An automatic transcript of two co-hosts, "Speaker N (mm:ss):" on lines of their own and
 * no blank lines: the one who welcomes listeners to the named show hosts; a line cut by a
 * stamp alone ("(01:02):") and a line that wraps with a capital go on with the same
 * speaker. */
static void test_asr_cohosts_and_stamp_lines(void **state) {
  (void)state;
  const char *text = "Episode Transcript\n"
                     "Speaker 1 (00:02):\n"
                     "Hello and welcome to Garden Hour, the show where we\n"
                     "dig in. It's the two of us again today.\n"
                     "Speaker 2 (00:09):\n"
                     "We're going to do listener mail. Are you ready for it?\n"
                     "Speaker 1 (00:14):\n"
                     "Always. The first letter is about tomatoes, and I have\n"
                     "(00:20):\n"
                     "strong opinions about tomatoes, as you know.\n"
                     "Speaker 2 (00:24):\n"
                     "Who doesn't? Read it out and then we can argue about\n"
                     "Watering schedules later.\n"
                     "Speaker 1 (00:30):\n"
                     "Fair enough.\n";
  vc_script *s = seg(text);
  expect(s, "Hello and welcome", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "We're going to do", VC_ROLE_INTERVIEWER, "Speaker 2");
  const vc_turn *t = turn_at(s, "Always. The first");
  assert_non_null(strstr(t->text, "strong opinions"));
  t = turn_at(s, "Who doesn't?");
  assert_non_null(strstr(t->text, "Watering schedules"));
  vc_script_free(s);
}

/* A caption file of three voices: the one who thanks the guest for joining, late in the
 * excerpt, co-hosts with the one who opened the episode. A labelled "HOST:" beside a
 * panelist's thanks keeps the panelist a guest. */
static void test_thanks_for_joining_marks_a_host(void **state) {
  (void)state;
  const char *vtt =
      "WEBVTT\n\n"
      "00:00.000 --> 00:03.000\n<v Speaker 1>Hi, and welcome to Dock Talk, the\n\n"
      "00:03.000 --> 00:06.000\n<v Speaker 1>harbour podcast. Our guest today rebuilt a "
      "tug.\n\n"
      "00:06.000 --> 00:08.000\n<v Speaker 2>Wow.\n\n"
      "00:08.000 --> 00:12.000\n<v Speaker 3>It took me six years and most of my "
      "savings.\n\n"
      "00:12.000 --> 00:15.000\n<v Speaker 2>Well, it shows. Thank you for joining us.\n\n"
      "00:15.000 --> 00:19.000\n<v Speaker 3>Happy to talk tugs any time, it was my whole "
      "life.\n";
  vc_script *s = seg(vtt);
  expect(s, "Hi, and welcome", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "Well, it shows", VC_ROLE_INTERVIEWER, "Speaker 2");
  expect(s, "It took me six", VC_ROLE_INTERVIEWEE, "Speaker 3");
  vc_script_free(s);
  const char *panel = "HOST: Tonight, three builders. Who goes first?\n\n"
                      "ANA REYES: I will. I build roofs.\n\n"
                      "TOMAS HALE: And I build decks, mostly.\n\n"
                      "HOST: How long, Ana?\n\n"
                      "ANA REYES: Thirty years of roofs.\n\n"
                      "HOST: Any last word?\n\n"
                      "ANA REYES: Only this: thanks for joining us, Tomas.\n";
  s = seg(panel);
  expect(s, "Tonight, three", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Only this", VC_ROLE_INTERVIEWEE, "Ana Reyes");
  vc_script_free(s);
}

/* An "ask me anything" thread copied from a page that glued each commenter's score to
 * their handle ("mossback7261 karma"): the handle that answers every other comment is the
 * host and answers; the others ask; the opening post is the host's, who is named there. */
static void test_thread_host_answers(void **state) {
  (void)state;
  const char *text =
      "Hi all, I'm Wren, aka quillwren, and I restore church organs for a "
      "living. Ask me anything!\n\n"
      "Comments: 812 • Responses: 12\n\n"
      "mossback7261 karma\n\n"
      "What is the oldest organ you have worked on?\n\n"
      "quillwren5120 karma\n\n"
      "One from 1740, in a village chapel. Half its pipes were lead and half were "
      "wishful thinking.\n\n"
      "Pedal_Stop_Pete3310 karma\n\n"
      "Do you play them too, or only fix them? I always wondered.\n\n"
      "Some of us in the choir argue about it.\n\n"
      "quillwren2987 karma\n\n"
      "Badly, and only to test them. My neighbours can confirm it.\n";
  vc_script *s = seg(text);
  expect(s, "Hi all, I'm Wren", VC_ROLE_INTERVIEWEE, "Wren");
  expect(s, "What is the oldest", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "One from 1740", VC_ROLE_INTERVIEWEE, "Wren");
  expect(s, "Do you play them", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Badly, and only", VC_ROLE_INTERVIEWEE, "Wren");
  never_spoken(s, "karma");
  vc_script_free(s);
}

/* A host welcomes two guests by their first names in the first turn; the guests then ask
 * more than the host does, but they stay guests. */
static void test_welcome_guests_by_name(void **state) {
  (void)state;
  const char *text =
      "The bridge that moved\n\n"
      "Mara Quist (MQ): Ilse, Tomas, welcome. Good to have you.\n\n"
      "Ilse Brandt (IB): Good to be here. How are you?\n\n"
      "MQ: Fine, thanks. The bridge, then.\n\n"
      "Tomas Arlen (TA): Shall we start with the first design? Or the money?\n\n"
      "MQ: The first design. It failed.\n\n"
      "IB: Did it fail, though? The river moved. Who plans for a river that "
      "moves?\n\n"
      "TA: And who admits the money ran out?\n\n"
      "MQ: Nobody, it seems.\n";
  vc_script *s = seg(text);
  expect(s, "Ilse, Tomas, welcome", VC_ROLE_INTERVIEWER, "Mara Quist");
  expect(s, "Good to be here", VC_ROLE_INTERVIEWEE, "Ilse Brandt");
  expect(s, "Shall we start", VC_ROLE_INTERVIEWEE, "Tomas Arlen");
  expect(s, "And who admits", VC_ROLE_INTERVIEWEE, "Tomas Arlen");
  vc_script_free(s);
}

/* An argument excerpt that opens inside counsel's speech, which reads a labelled exchange
 * from the court below into the record: the opening, the exchange and the speech after it
 * are counsel's one turn, until a Justice's label; counsel answers next. A second excerpt
 * opens in a speech cut off by the first label ("Let me turn to-"). */
static void test_record_opening_mid_speech(void **state) {
  (void)state;
  const char *text =
      "Orchard Co. v. Pellew\n\n"
      "Transcript of Oral Argument\n\n"
      "You cannot, my friends, settle a question of this weight by a stroke of the pen.\n\n"
      "In the court below counsel for the county put it plainly, and I read:\n\n"
      "The Court: So the county may close any road it likes?\n\n"
      "Mr. Fenwick: Any road it maintains, yes.\n\n"
      "The Court: Without notice?\n\n"
      "Mr. Fenwick: Without notice.\n\n"
      "I say that no statute allows it, and I will show it.\n\n"
      "MR. JUSTICE ALDGATE: Which statute does the county rely on?\n\n"
      "MR. CORRIGAN: The Highways Act of 1921, Your Honor.\n";
  vc_script *s = seg(text);
  expect(s, "You cannot, my friends", VC_ROLE_INTERVIEWEE, "Mr. Corrigan");
  expect(s, "So the county may", VC_ROLE_INTERVIEWEE, "Mr. Corrigan"); /* read in */
  expect(s, "Any road it maintains", VC_ROLE_INTERVIEWEE, "Mr. Corrigan");
  for (size_t i = 0; i < s->n_turns; i++) /* the speech after the exchange, his too */
    if (strstr(s->turns[i].text, "I say that no statute"))
      assert_string_equal(name_of(s, &s->turns[i]), "Mr. Corrigan");
  expect(s, "Which statute", VC_ROLE_INTERVIEWER, "Justice Aldgate");
  never_spoken(s, "The Court:");
  vc_script_free(s);
  const char *cut =
      "Transcript of Oral Argument\n\n"
      "We offered three instructions to the jury, and the judge refused every one of "
      "them.\n\n"
      "Let me turn to-\n\n"
      "MR. JUSTICE ALDGATE: Were the instructions in writing?\n\n"
      "MR. CORRIGAN: They were, Your Honor.\n";
  s = seg(cut);
  expect(s, "We offered three", VC_ROLE_INTERVIEWEE, "Mr. Corrigan");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_questions_as_headings),
      cmocka_unit_test(test_two_heading_questions_and_an_essay),
      cmocka_unit_test(test_run_in_labels_with_honorific),
      cmocka_unit_test(test_court_record),
      cmocka_unit_test(test_deposition_counsel_and_witness),
      cmocka_unit_test(test_asr_cohosts_and_stamp_lines),
      cmocka_unit_test(test_thanks_for_joining_marks_a_host),
      cmocka_unit_test(test_thread_host_answers),
      cmocka_unit_test(test_welcome_guests_by_name),
      cmocka_unit_test(test_record_opening_mid_speech),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
