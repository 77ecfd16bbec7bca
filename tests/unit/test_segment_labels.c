/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Labelled transcripts of real kinds, in invented texts: TV labels with a role after a
 * comma, briefings, generic "Speaker N" labels resolved from a speaker list, initials. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* A TV transcript: "NAME, OUTLET ROLE:" labels, one turn of each, unlabelled paragraphs
 * continuing the turn above them; the correspondent answers the host. */
static void test_tv_role_labels_continue(void **state) {
  (void)state;
  const char *text =
      "Transcripts home\n\n"
      "Floods Close Valley Roads; Governor to Speak at Noon\n\n"
      "TOMAS REYES, CHANNEL NINE CORRESPONDENT: -- and the water is still rising along the "
      "east bank, where crews have been stacking sandbags since dawn.\n\n"
      "The county says two bridges are closed and a third may follow tonight. Residents on "
      "the low side of town have been told to leave by six.\n\n"
      "That is the picture from here -- Dana.\n\n"
      "DANA OKAFOR, CHANNEL NINE HOST: Tomas, thank you.\n\n"
      "We are waiting on the governor, who is expected at the lectern any moment now. We "
      "will take that live when it starts.\n\n"
      "In the meantime, a look at the forecast for the rest of the week.\n";
  vc_script *s = seg(text);
  expect(s, "-- and the water", VC_ROLE_INTERVIEWEE, "Tomas Reyes");
  expect(s, "Tomas, thank you.", VC_ROLE_INTERVIEWER, "Dana Okafor");
  /* the unlabelled paragraphs stay with the speaker above them */
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, "two bridges") || strstr(s->turns[i].text, "the forecast"))
      assert_int_equal(s->turns[i].role, strstr(s->turns[i].text, "two bridges")
                                             ? VC_ROLE_INTERVIEWEE
                                             : VC_ROLE_INTERVIEWER);
  vc_script_free(s);
}

/* A background briefing: a press aide opens and hands over, a bare "Q" asks, the official
 * (a role word, no name) answers over several unlabelled paragraphs. */
static void test_briefing_moderator_and_official(void **state) {
  (void)state;
  const char *text =
      "BACKGROUND BRIEFING ON THE HARBOUR AGREEMENT\n"
      "Main Briefing Room\n"
      "11:02 A.M. EDT\n"
      "MS. LINDQVIST: Good morning, everyone. Thanks for coming in on short notice.\n"
      "Q (Inaudible.)\n"
      "MS. LINDQVIST: We will get there. (Laughter.)\n"
      "A few ground rules first. This call is on background and embargoed until it ends.\n"
      "With that, I will turn it over to our senior official.\n"
      "SENIOR ADMINISTRATION OFFICIAL: Thanks. I will keep this short and then take your "
      "questions.\n"
      "The agreement covers three ports and runs for ten years.\n"
      "It was signed this morning by both ministers.\n";
  vc_script *s = seg(text);
  expect(s, "Good morning, everyone.", VC_ROLE_INTERVIEWER, "Ms. Lindqvist");
  expect(s, "Thanks. I will keep", VC_ROLE_INTERVIEWEE, "Senior Administration Official");
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, "three ports"))
      assert_int_equal(s->turns[i].role, VC_ROLE_INTERVIEWEE);
  vc_script_free(s);
}

/* An automatic transcript: "Speaker N: time" labels, one sentence a line, a "Speakers:"
 * list in the header; each speaker introduces themselves with a misheard name. The names
 * come from the list, the last one by elimination. */
static void test_speaker_n_from_list(void **state) {
  (void)state;
  const char *text =
      "The State of Small Boat Building\n\n"
      "Speakers: Marta Lindgren, Oskar Vail, Priya Natarajan\n\n"
      "Date: March 3, 2024\n\n"
      "Speaker 0: 00:00:01\n\n"
      "Good morning.\nMy name is Marta Lingren.\nI'll let the panel introduce itself.\n\n"
      "Speaker 1: 00:00:09\n\n"
      "Hi, I'm Osgar, I build dinghies on the coast.\n\n"
      "Speaker 2: 00:00:14\n\n"
      "Hello, I restore old hulls for a living.\n\n"
      "Speaker 0: 00:00:20\n\n"
      "So what is the hardest part of a wooden boat?\n\n"
      "Speaker 1: 00:00:25\n\n"
      "Keeping it dry, honestly.\nThe wood moves all year.\n\n"
      "Speaker 0: 00:00:31\n\n"
      "And for you?\n\n"
      "Speaker 2: 00:00:33\n\n"
      "Finding timber that is old enough.\n";
  vc_script *s = seg(text);
  expect(s, "Good morning.", VC_ROLE_INTERVIEWER, "Marta Lindgren");
  expect(s, "Hi, I'm Osgar", VC_ROLE_INTERVIEWEE, "Oskar Vail");
  expect(s, "Hello, I restore", VC_ROLE_INTERVIEWEE, "Priya Natarajan");
  expect(s, "Finding timber", VC_ROLE_INTERVIEWEE, "Priya Natarajan");
  vc_script_free(s);
}

/* Chat handles: one speaker gives a full name for themselves; the others stay as written.
 */
static void test_handle_named_by_self_introduction(void **state) {
  (void)state;
  const char *text = "Host: Welcome back. Is kvm on the line?\n\n"
                     "kvm: I am Kai Varga Moll. Hi everyone.\n\n"
                     "Host: And zed, are you there?\n\n"
                     "zed: I am here, yes.\n\n"
                     "Host: What do you build?\n\n"
                     "kvm: Mostly compilers for small chips.\n\n"
                     "zed: Radio firmware.\n";
  vc_script *s = seg(text);
  expect(s, "I am Kai Varga Moll.", VC_ROLE_INTERVIEWEE, "Kai Varga Moll");
  expect(s, "Mostly compilers", VC_ROLE_INTERVIEWEE, "Kai Varga Moll");
  expect(s, "Radio firmware.", VC_ROLE_INTERVIEWEE, "zed");
  vc_script_free(s);
}

/* Initials the text defines once ("Long Name (LN)", a description rather than a person's
 * name) stand for those words. */
static void test_defined_initials(void **state) {
  (void)state;
  const char *text = "Harbour Talk, Episode Nine\n\n"
                     "Night Shift Producer (NSP)\n\n"
                     "NSP: With me tonight are two skippers. What brought you out here?\n\n"
                     "RW: The fog, mostly. I like it.\n\n"
                     "NSP: And you?\n\n"
                     "RW: The quiet after the fog lifts, and the birds coming back.\n";
  vc_script *s = seg(text);
  expect(s, "With me tonight", VC_ROLE_INTERVIEWER, "Night Shift Producer");
  expect(s, "The fog, mostly.", VC_ROLE_INTERVIEWEE, "RW");
  vc_script_free(s);
}

/* Official-record labels: an honorific before a surname finds the full name ("MS. ROOK"
 * -> "Anna Rook"), "THE MAYOR" is the one the text calls "Mayor Quill", and an honorific
 * before a title is dropped ("MR. CHIEF JUDGE ORTON" -> "Chief Judge Orton"). */
static void test_honorific_and_title_labels(void **state) {
  (void)state;
  const char *text =
      "Remarks by the Mayor at a Town Meeting with Anna Rook\n\n"
      "MS. ROOK: Good evening, and welcome. We sit down tonight with Mayor Quill and the "
      "people of this town.\n\n"
      "But first, the Mayor of the city, Dorian Quill.\n\n"
      "THE MAYOR: Thank you. It is good to be home.\n\n"
      "MS. ROOK: What will you do about the river?\n\n"
      "THE MAYOR: Clean it, starting with the mill end.\n\n"
      "MR. CHIEF JUDGE ORTON: Is that a promise?\n\n"
      "THE MAYOR: It is.\n";
  vc_script *s = seg(text);
  expect(s, "What will you do", VC_ROLE_INTERVIEWER, "Anna Rook");
  expect(s, "Clean it,", VC_ROLE_INTERVIEWEE, "Dorian Quill");
  expect(s, "Is that a promise?", VC_ROLE_INTERVIEWER, "Chief Judge Orton");
  vc_script_free(s);
}

/* A talk: "Speakers:" names one person; slide headings ("Example: ...", a word the text
 * also writes in lower case) are the narrator's, the monologue is the speaker's, and the
 * questions after it come from the audience. */
static void test_talk_then_questions(void **state) {
  (void)state;
  const char *text =
      "Tide Clocks\n\n"
      "Speakers: Ilse Brandvold\n\n"
      "Date: May 2, 2019\n\n"
      "Tags: Clocks\n\n"
      "About me\n\n"
      "Okay. So a few things about myself. I have built clocks for twelve years, and I "
      "started with tide clocks because my father fished. I still repair them for the "
      "harbour office when they drift.\n\n"
      "Example: A harbour with two tides\n\n"
      "Say you have a harbour where the water comes in twice a day. You can set the dial "
      "once, and the gears do the rest. I will show you the gear train in a minute, and "
      "then we can take a look at one example that went wrong.\n\n"
      "Q: How often does it drift?\n\n"
      "A: About a minute a month, if nobody touches it.\n\n"
      "Q: And then?\n\n"
      "A: Then I open it and clean the escapement.\n";
  vc_script *s = seg(text);
  expect(s, "Okay. So a few things", VC_ROLE_INTERVIEWEE, "Ilse Brandvold");
  expect(s, "Example: A harbour", VC_ROLE_NARRATOR, "Narrator");
  expect(s, "Say you have a harbour", VC_ROLE_INTERVIEWEE, "Ilse Brandvold");
  expect(s, "How often does it drift?", VC_ROLE_INTERVIEWER, "Audience");
  expect(s, "About a minute", VC_ROLE_INTERVIEWEE, "Ilse Brandvold");
  vc_script_free(s);
}

/* A panel with "Speaker N" labels: the moderator, not on the speaker list, names herself;
 * a panellist never does, but the moderator hands over to him by first name. */
static void test_speaker_n_hand_over(void **state) {
  (void)state;
  const char *text =
      "Saving Seeds Panel\n\n"
      "Speakers: Tomas Egede, Liv Aronsen\n\n"
      "Speaker 0: 00:00:01\n\n"
      "Hi, everyone.\nMy name is Brit.\nI'm going to be moderating this panel "
      "today.\nSo Tomas, do you want to start?\n\n"
      "Speaker 1: 00:00:09\n\n"
      "Sure.\nI keep a seed library in the valley.\n\n"
      "Speaker 0: 00:00:20\n\n"
      "And how did that begin?\n\n"
      "Speaker 1: 00:00:24\n\n"
      "With one jar of beans from my grandmother.\n\n"
      "Speaker 2: 00:00:31\n\n"
      "Hi, I'm Liv, and mine began with a flood.\n";
  vc_script *s = seg(text);
  expect(s, "Hi, everyone.", VC_ROLE_INTERVIEWER, "Brit");
  expect(s, "Sure.", VC_ROLE_INTERVIEWEE, "Tomas Egede");
  expect(s, "With one jar", VC_ROLE_INTERVIEWEE, "Tomas Egede");
  expect(s, "Hi, I'm Liv", VC_ROLE_INTERVIEWEE, "Liv Aronsen");
  vc_script_free(s);
}

/* Capitals labels of an honorific and a short surname ("MR. LEE:", "MS. ROE:"): the
 * surname is no initials label of its own, so the honorific stays in the label and is
 * never read out at the end of the turn before. */
static void test_honorific_short_surname_labels(void **state) {
  (void)state;
  vc_script *s = seg("MR. LEE: Yes?\n\n"
                     "MS. ROE: We would like an hour to put our notes in order.\n\n"
                     "MR. LEE: What is the application about?\n\n"
                     "MS. ROE: The list of witnesses, which is not finished.\n");
  expect(s, "Yes?", VC_ROLE_INTERVIEWER, "Mr. Lee");
  expect(s, "We would like", VC_ROLE_INTERVIEWEE, "Ms. Roe");
  expect(s, "The list of", VC_ROLE_INTERVIEWEE, "Ms. Roe");
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, "MS.") || strstr(s->turns[i].text, "MR."))
      fail_msg("an honorific is read out: \"%s\"", s->turns[i].text);
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tv_role_labels_continue),
      cmocka_unit_test(test_briefing_moderator_and_official),
      cmocka_unit_test(test_speaker_n_from_list),
      cmocka_unit_test(test_handle_named_by_self_introduction),
      cmocka_unit_test(test_defined_initials),
      cmocka_unit_test(test_honorific_and_title_labels),
      cmocka_unit_test(test_talk_then_questions),
      cmocka_unit_test(test_speaker_n_hand_over),
      cmocka_unit_test(test_honorific_short_surname_labels),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
