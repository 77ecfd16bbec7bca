/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who speaks a quotation in prose, in invented texts: the paragraphs of one long
 * quotation, a round of self-introductions, 'Name: "..."' in a feature, first names and
 * titles before a name, roundups attributed on the line after the quotation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* "X, who ..., began explaining, “...”": X not yet known as a person, the verb a reported
 * one; the paragraphs that are only quotation go on in the same voice until the narration
 * names someone else. */
static void test_quotation_over_several_paragraphs(void **state) {
  (void)state;
  const char *text =
      "Morning at the Glasshouse\n\n"
      "The volunteers had waited an hour in the cold. Hana Ostrova, head gardener of the "
      "glasshouse since its opening, stood up and began explaining, \"We lost the lemon "
      "trees in the frost of the first winter, and we nearly gave up.\"\n\n"
      "\"Then a retired engineer offered to rebuild the heating for nothing. He spent "
      "three "
      "months under the benches with a torch.\"\n\n"
      "\"Now the lemons fruit twice a year. I still cannot quite believe it.\"\n\n"
      "Later Bruno Keel, who keeps the bees, walked us to the hives.\n\n"
      "\"The bees never leave in winter. They keep the queen warm by shivering.\"\n";
  vc_script *s = seg(text);
  expect(s, "\"We lost the lemon", VC_ROLE_QUOTE, "Hana Ostrova");
  expect_in(s, "\"Then a retired engineer", VC_ROLE_QUOTE, "Hana Ostrova");
  expect_in(s, "\"Now the lemons", VC_ROLE_QUOTE, "Hana Ostrova");
  /* the narration between names the beekeeper: he is the one quoted next */
  expect(s, "\"The bees never", VC_ROLE_QUOTE, "Bruno Keel");
  vc_script_free(s);
}

/* A round of introductions: each quotation opens with the speaker's own name and a full
 * stop or a colon; a first name alone counts inside such a round. */
static void test_round_of_self_introductions(void **state) {
  (void)state;
  const char *text =
      "The Reading Circle\n\n"
      "Our host, Odile Marchetti, asked everyone around the table to say who they were.\n\n"
      "\"Tomas Brill. I teach chemistry at the evening school and read mostly poetry.\"\n\n"
      "\"Robin. I have come to every meeting since the first one.\"\n\n"
      "\"Wen Li Harper: I write the newsletter and bring the biscuits.\"\n\n"
      "\"Great to have you all,\" said Odile.\n";
  vc_script *s = seg(text);
  expect(s, "\"Tomas Brill. I teach", VC_ROLE_QUOTE, "Tomas Brill");
  expect(s, "\"Robin. I have come", VC_ROLE_QUOTE, "Robin");
  expect(s, "\"Wen Li Harper: I write", VC_ROLE_QUOTE, "Wen Li Harper");
  /* the first name resolves to the full name the text writes */
  expect(s, "\"Great to have you all", VC_ROLE_QUOTE, "Odile Marchetti");
  vc_script_free(s);
}

/* A feature that ends with 'Name: "..."' exchanges: quotations, not an interview, even
 * when a name is used twice; first names resolve to the people named before. */
static void test_colon_labels_in_a_feature(void **state) {
  (void)state;
  const char *text =
      "Notes from the Harbour Meeting\n\n"
      "The harbour master, Rafe Tollan, opened the meeting. \"We have two boats and one "
      "crane,\" he said.\n\n"
      "\"The crane is older than most of us,\" added Ona Kell, who runs the fish "
      "market.\n\n"
      "\"It still lifts,\" said Rafe Tollan, and everyone laughed.\n\n"
      "Then the talk turned to the winter timetable.\n\n"
      "Rafe: \"Can the ferry keep its Sunday sailing?\"\n\n"
      "Ona: \"Only if the market opens later on Sundays.\"\n\n"
      "Rafe: \"Then we will ask the council to move it.\"\n";
  vc_script *s = seg(text);
  expect(s, "\"Can the ferry", VC_ROLE_QUOTE, "Rafe Tollan");
  expect(s, "\"Only if the market", VC_ROLE_QUOTE, "Ona Kell");
  expect(s, "\"Then we will ask", VC_ROLE_QUOTE, "Rafe Tollan");
  vc_script_free(s);
}

/* A roundup: each quotation stands alone, its speaker on the next line after a dash, with
 * titles and places before the name; one line gives the name and a comma instead. */
static void test_roundup_attributed_on_the_next_line(void **state) {
  (void)state;
  const char *text =
      "Heard This Week\n\n"
      "Things people said in the news, big and small.\n\n"
      "\u201cWe will have the bridge open before the fair.\u201d\n\n"
      "\u2013 Eastvale County Road Superintendent Ilse Varga, after the river took the "
      "old crossing.\n\n"
      "\u201cMy grandmother taught me that recipe and I never wrote it down.\u201d\n\n"
      "Bram Okafor, whose pie won the county prize for the third year.\n\n"
      "\u201cThe cows found the gap in the fence before we did.\u201d\n\n"
      "\u2013 Dairy farmer Cleo Hartwell, on the herd that walked into town.\n";
  vc_script *s = seg(text);
  expect(s, "\u201cWe will have the bridge", VC_ROLE_QUOTE, "Ilse Varga");
  expect(s, "\u201cMy grandmother", VC_ROLE_QUOTE, "Bram Okafor");
  expect(s, "\u201cThe cows found", VC_ROLE_QUOTE, "Cleo Hartwell");
  expect(s, "\u2013 Eastvale County", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

/* "“...,” Riverside Fire Chief Dana Holt on ...": a comma inside the closing mark, then
 * the name after its titles; a dash before "Port Sgt. Mark Ellory talking about ...". A
 * place and a plural ("Lake Vista residents said") is no name. */
static void test_titles_before_the_name_in_the_same_line(void **state) {
  (void)state;
  const char *text =
      "After the Flood\n\n"
      "\u201cWe got everyone out of the school by noon,\u201d Riverside Fire Chief Dana "
      "Holt on the morning of the flood.\n\n"
      "\u201cThe shops on the quay will need a month,\u201d - Port Sgt. Mark Ellory "
      "talking about the damage to the harbour front.\n\n"
      "\u201cNobody told us the water was coming,\u201d Lake Vista residents said.\n";
  vc_script *s = seg(text);
  expect(s, "\u201cWe got everyone", VC_ROLE_QUOTE, "Dana Holt");
  expect(s, "\u201cThe shops on the quay", VC_ROLE_QUOTE, "Mark Ellory");
  const vc_turn *t = turn_at(s, "\u201cNobody told us");
  assert_int_equal(t->role, VC_ROLE_QUOTE);
  assert_string_not_equal(name_of(s, t), "Lake Vista");
  vc_script_free(s);
}

/* A closing mark never opened, at the end of the paragraph, after a quotation that ended
 * its sentence: the speech runs on to it. With "she said" between, it does not. */
static void test_quotation_closed_early_runs_on(void **state) {
  (void)state;
  const char *text =
      "Lab Notes\n\n"
      "The seminar was nearly over when the students spoke up. Pia Sander, a doctoral "
      "student, began.\n\n"
      "Pia: \"A retraction ends a career.\" Publishing your data early could save you from "
      "one. Nobody teaches that.\"\n\n"
      "\"Share the notebooks,\" she said. Then she sat down again.\"\n";
  vc_script *s = seg(text);
  expect(s, "\"A retraction ends a career.\" Publishing", VC_ROLE_QUOTE, "Pia Sander");
  expect_in(s, "Then she sat down", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

/* "..., said Jim. “Very cool.”": a short quotation resumed after its attribution at the
 * end of the paragraph is the same speaker's. */
static void test_short_quotation_after_attribution(void **state) {
  (void)state;
  const char *text =
      "Visit\n\n"
      "The director arrived late. Jim Orrin, director of the archive, shook every hand.\n\n"
      "\"You catalogue the letters by hand then,\" said Jim. \"Very cool.\"\n";
  vc_script *s = seg(text);
  expect(s, "\"You catalogue", VC_ROLE_QUOTE, "Jim Orrin");
  expect(s, "\"Very cool.\"", VC_ROLE_QUOTE, "Jim Orrin");
  vc_script_free(s);
}

/* A no-break space between the closing mark and the dash of "..." —Jane Doe is white
 * space: the attribution follows at once. */
static void test_dash_attribution_after_a_no_break_space(void **state) {
  (void)state;
  const char *text =
      "Why We Switched\n\n"
      "\"For me it was the noise of the fan. I wanted something quiet, and I got it.\" "
      "\u2014Tobias Frey\n\n"
      "\"My first computer came with a manual thicker than the machine. I read it twice "
      "and then took the case apart.\"\u00a0\u2014Greta Lindholm\n";
  vc_script *s = seg(text);
  expect(s, "\"My first computer", VC_ROLE_QUOTE, "Greta Lindholm");
  expect(s, "\"For me it was", VC_ROLE_QUOTE, "Tobias Frey");
  vc_script_free(s);
}

/* A roundup without dashes: three quotations or more each with a line under it that
 * names the speaker among places and titles ("Marsh Hill resident Jane Doe, ...",
 * "Regional Gov. Jane Doe, ...", "President Doe, ..."); a name after the first comma is
 * someone else ("Jane Doe, lawyer for Sheriff Joe Roe"). */
static void test_roundup_without_dashes(void **state) {
  (void)state;
  const char *text =
      "Worth Repeating\n\n"
      "\"The water came up to the second step and then it just stopped.\"\n"
      "Marsh Hill resident Agnes Turow, describing the night the creek rose.\n\n"
      "\"We will not close a single library this year.\"\n"
      "Nora Blix, lawyer for former Sheriff Arvid Stoll, about the county budget vote.\n\n"
      "\"The pass is open, but only for cars with chains.\"\n"
      "Northern region Gov. Pavel Ostrowski, after the first snow of the season.\n\n"
      "\"I have never seen so many people at a ribbon cutting.\"\n"
      "President Vasko, at the opening of the new footbridge.\n";
  vc_script *s = seg(text);
  expect(s, "\"The water came up", VC_ROLE_QUOTE, "Agnes Turow");
  expect(s, "\"We will not close", VC_ROLE_QUOTE, "Nora Blix");
  expect(s, "\"The pass is open", VC_ROLE_QUOTE, "Pavel Ostrowski");
  expect(s, "\"I have never seen", VC_ROLE_QUOTE, "Vasko");
  vc_script_free(s);
}

/* "she said" after a paragraph whose sentence names a woman first ("her briefing") and a
 * man last: the woman. A title before the name ("press secretary") makes her a person. */
static void test_she_said_goes_to_the_last_named_woman(void **state) {
  (void)state;
  const char *text =
      "Museum Row\n\n"
      "Council leader Tomas Hegedus said the visit would be an \u201cinsult\u201d to "
      "the volunteers who built the museum.\n\n"
      "\u201cThey raised every penny themselves,\u201d Hegedus said.\n\n"
      "Press secretary Livia Sorensen called Hegedus\u2019s remark \u201cunfortunate\u201d "
      "during her weekly briefing on Monday.\n\n"
      "\u201cThis should bring the town together,\u201d she said. \u201cNobody gains "
      "from a quarrel over a ribbon.\u201d\n";
  vc_script *s = seg(text);
  expect(s, "\u201cThey raised", VC_ROLE_QUOTE, "Tomas Hegedus");
  expect(s, "\u201cThis should bring", VC_ROLE_QUOTE, "Livia Sorensen");
  expect_in(s, "Nobody gains", VC_ROLE_QUOTE, "Livia Sorensen");
  vc_script_free(s);
}

/* A briefing: the one answering calls on the next asker ("With that, Marta.", "Ilse." on a
 * line of its own); an answer that opens by addressing the asker keeps the name for the
 * next question; the askers nobody names are reporters. A labelled host is never
 * renamed. */
static void test_askers_called_on_by_name(void **state) {
  (void)state;
  const char *text =
      "Harbour Authority Press Briefing\n\n"
      "MR. OKONJO: Good afternoon. I have one announcement: the north quay reopens on "
      "Monday. With that, Marta.\n\n"
      "QUESTION: Thank you. Will the ferries go back to the old timetable?\n\n"
      "MR. OKONJO: Marta, the ferries keep the winter timetable until March.\n\n"
      "QUESTION: And the night crossing?\n\n"
      "MR. OKONJO: That one stays cancelled until the lights are fixed.\n\n"
      "QUESTION: Who pays for the lights?\n\n"
      "MR. OKONJO: The port does, out of this year's budget.\n"
      "Ilse.\n\n"
      "QUESTION: Is the fish market moving?\n\n"
      "MR. OKONJO: Not this year.\n";
  vc_script *s = seg(text);
  expect(s, "Thank you. Will the ferries", VC_ROLE_INTERVIEWER, "Marta");
  expect(s, "And the night crossing?", VC_ROLE_INTERVIEWER, "Marta");
  expect(s, "Who pays for the lights?", VC_ROLE_INTERVIEWER, "Reporter");
  expect(s, "Is the fish market", VC_ROLE_INTERVIEWER, "Ilse");
  expect(s, "Not this year.", VC_ROLE_INTERVIEWEE, NULL);
  vc_script_free(s);
}

/* A host a label names keeps the name when a guest ends by naming someone. */
static void test_labelled_host_is_not_renamed(void **state) {
  (void)state;
  const char *text =
      "The Workshop Hour\n\n"
      "HOST: Welcome to the workshop hour. My guest today builds violins. How did you "
      "start?\n\n"
      "GUEST: My grandfather had a bench in his shed, and I watched him for years. Thanks "
      "for asking, Pavel.\n\n"
      "HOST: And the first violin you finished?\n\n"
      "GUEST: It still hangs in the shed. Nobody is allowed to play it.\n";
  vc_script *s = seg(text);
  const vc_turn *a = turn_at(s, "Welcome to the workshop");
  const vc_turn *b = turn_at(s, "And the first violin");
  assert_string_equal(name_of(s, a), name_of(s, b));
  vc_script_free(s);
}

/* Initials ("MC:") never stand for a product the text writes after "in" ("merged in
 * Marlin Core"); they stay as written when nobody in the text has them. */
static void test_initials_do_not_name_a_thing(void **state) {
  (void)state;
  const char *text =
      "Scaling the Relay\n\n"
      "MC: Otto Brandt is back on the show. He wrote the first relay and still reviews "
      "most of what gets merged in Marlin Core. Welcome back.\n\n"
      "OB: Thanks for having me again.\n\n"
      "MC: What changed in Marlin Core since last year?\n\n"
      "OB: Mostly the storage layer. We rewrote it twice.\n";
  vc_script *s = seg(text);
  expect(s, "Otto Brandt is back", VC_ROLE_INTERVIEWER, "MC");
  expect(s, "Thanks for having me", VC_ROLE_INTERVIEWEE, "Otto Brandt");
  vc_script_free(s);
}

/* The writer nobody names asks for their outlet: the introduction speaks of "the Loomwork
 * team" and says "our". */
static void test_unnamed_writer_asks_for_the_team(void **state) {
  (void)state;
  const char *text =
      "Loomwork discussion: tests first or screens first?\n\n"
      "The question was put to the Loomwork team by Ada Brennan, one of our "
      "developers, and the answers were too good to keep to ourselves.\n\n"
      "On why screens come first\n\n"
      "Ada Brennan: A screen is something people can argue with. A test is not.\n\n"
      "Jonas Perl: And a test is something the code can argue with.\n\n"
      "What do you tell a new team?\n\n"
      "Ada Brennan: Draw it on paper first.\n";
  vc_script *s = seg(text);
  expect(s, "What do you tell a new team?", VC_ROLE_INTERVIEWER, "Loomwork");
  vc_script_free(s);
}

/* A round written "Name, Department." or only "Name.", then "I'm Name. ..."; "I'm Irish"
 * names nobody. */
static void test_round_with_commas_and_im(void **state) {
  (void)state;
  const char *text =
      "Kickoff\n\n"
      "At the kickoff we went around the room introducing ourselves.\n\n"
      "\u201cMaren Kolb, Design.\u201d\n"
      "\u201cTeodor Vinter.\u201d\n"
      "\u201cPia Lund, Support.\u201d\n\n"
      "Then the second round was better.\n\n"
      "\u201cI\u2019m Maren Kolb. I will decide how the screens look and keep them in line "
      "with our other tools.\u201d\n\n"
      "Later the caterer came in. \u201cI\u2019m Irish, and we always bring too much "
      "bread,\u201d said Oisin Daly.\n";
  vc_script *s = seg(text);
  expect(s, "\u201cMaren Kolb, Design.", VC_ROLE_QUOTE, "Maren Kolb");
  expect(s, "\u201cTeodor Vinter.", VC_ROLE_QUOTE, "Teodor Vinter");
  expect(s, "\u201cPia Lund, Support.", VC_ROLE_QUOTE, "Pia Lund");
  expect(s, "\u201cI\u2019m Maren Kolb. I will", VC_ROLE_QUOTE, "Maren Kolb");
  expect(s, "\u201cI\u2019m Irish", VC_ROLE_QUOTE, "Oisin Daly");
  vc_script_free(s);
}

/* After a dash, the name may go on with what the quotation was about ("- Ruth Amsel on
 * the ferry timetable"); a middle initial is part of the name ("—Kyle B. Norrad"). */
static void test_dash_name_then_topic(void **state) {
  (void)state;
  const char *text =
      "Heard at the Forum\n\n"
      "\"We are watching the harbour change in real time.\" - Oskar Lindqvist\n\n"
      "Lindqvist spoke first, and the room was full.\n\n"
      "\"The timetable is a disgrace, and I say that as a friend.\" - Ruth Amsel on the "
      "ferry timetable after the Northern Lines merger\n\n"
      "\"I moved here for the quiet and stayed for the people.\" \u2014Kyle B. Norrad\n";
  vc_script *s = seg(text);
  expect(s, "\"We are watching", VC_ROLE_QUOTE, "Oskar Lindqvist");
  expect(s, "\"The timetable is", VC_ROLE_QUOTE, "Ruth Amsel");
  expect(s, "\"I moved here", VC_ROLE_QUOTE, "Kyle B. Norrad");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_quotation_over_several_paragraphs),
      cmocka_unit_test(test_round_of_self_introductions),
      cmocka_unit_test(test_colon_labels_in_a_feature),
      cmocka_unit_test(test_roundup_attributed_on_the_next_line),
      cmocka_unit_test(test_titles_before_the_name_in_the_same_line),
      cmocka_unit_test(test_quotation_closed_early_runs_on),
      cmocka_unit_test(test_short_quotation_after_attribution),
      cmocka_unit_test(test_dash_attribution_after_a_no_break_space),
      cmocka_unit_test(test_roundup_without_dashes),
      cmocka_unit_test(test_she_said_goes_to_the_last_named_woman),
      cmocka_unit_test(test_askers_called_on_by_name),
      cmocka_unit_test(test_labelled_host_is_not_renamed),
      cmocka_unit_test(test_initials_do_not_name_a_thing),
      cmocka_unit_test(test_unnamed_writer_asks_for_the_team),
      cmocka_unit_test(test_round_with_commas_and_im),
      cmocka_unit_test(test_dash_name_then_topic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
