/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transcripts not laid out one turn per paragraph, in invented texts: caption transcripts
 * whose turns are marked by ">>" or a dash, run into lines or at their starts; a page's
 * repeated header; and the look-alikes that are no turns (a list, an e-mail's quote). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* No turn's text contains `needle` (a mark or a label read aloud). */
static void never_spoken(const vc_script *s, const char *needle) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, needle))
      fail_msg("\"%s\" is read aloud in \"%.40s\"", needle, s->turns[i].text);
}

/* ">>" marks each change of speaker, run into one line; a name after the mark on first
 * appearance only, the unnamed turns alternate between the two who spoke last. */
static void test_arrow_marks_run_into_a_line(void **state) {
  (void)state;
  const char *text =
      ">> GOOD EVENING. TONIGHT, THE FLOOD ON THE MILL ROAD. >> TESSA QUILL: JOINING US "
      "IS THE COUNTY ENGINEER, BRAM OKONJO. WHAT HAPPENED? >> BRAM OKONJO: THE CULVERT WAS "
      "BLOCKED BY BRANCHES AND THE ROAD BECAME A DAM. >> WILL IT HAPPEN AGAIN? >> NOT IF "
      "WE "
      "CLEAR IT EVERY SPRING. >> THANK YOU.\n";
  vc_script *s = seg(text);
  expect(s, "JOINING US IS", VC_ROLE_INTERVIEWER, "Tessa Quill");
  expect(s, "THE CULVERT WAS", VC_ROLE_INTERVIEWEE, "Bram Okonjo");
  expect(s, "WILL IT HAPPEN", VC_ROLE_INTERVIEWER, "Tessa Quill");
  expect(s, "NOT IF WE CLEAR", VC_ROLE_INTERVIEWEE, "Bram Okonjo");
  expect(s, "THANK YOU.", VC_ROLE_INTERVIEWER, "Tessa Quill");
  never_spoken(s, ">>");
  never_spoken(s, "BRAM OKONJO:");
  vc_script_free(s);
}

/* A lower-case caption text: ">>" after any word (captions seldom close sentences), a
 * lower-case name after the mark ("wren:") written as a name, the announcer's turn the
 * narration's; a breadcrumb's ">>" between a few words is no mark. */
static void test_lowercase_arrows_and_announcer(void **state) {
  (void)state;
  const char *text =
      "up next the garden hour >> announcer: from the greenhouse in millbrook it's the "
      "garden hour with wren talbot ( applause ) >> wren: thank you so much everybody "
      "please "
      "sit down >> thank you wren it is good to be back here >> wren: so what happened to "
      "the "
      "tomatoes this year?\n";
  vc_script *s = seg(text);
  expect(s, "from the greenhouse", VC_ROLE_NARRATOR, "Narrator");
  expect(s, "thank you so much", VC_ROLE_INTERVIEWER, "Wren");
  expect(s, "so what happened", VC_ROLE_INTERVIEWER, "Wren");
  const vc_turn *t = turn_at(s, "thank you wren");
  assert_int_equal(t->role, VC_ROLE_INTERVIEWEE);
  never_spoken(s, ">>");
  vc_script_free(s);
  const char *crumbs = "Home >> Gardens >> Roses\n\n"
                       "The rose show opens on Saturday in the town hall.\n";
  s = seg(crumbs);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A caption page: chrome above, "- " opens each turn at a line's start, the lines after it
 * go on with the same turn, "- [Announcer]" names a voice-over, the host names herself. */
static void test_dash_marks_at_line_starts(void **state) {
  (void)state;
  const char *text = "Night Garden\n"
                     "Season 2 Episode 4 | 26m 10s\n"
                     "A rose breeder talks about scent.\n"
                     "- [Announcer] Night Garden is made possible in part by viewers.\n"
                     "- I'm Lena Marsh, and this is Night Garden.\n"
                     "My guest today breeds roses that smell of tea.\n"
                     "Welcome.\n"
                     "- Thank you, Lena.\n"
                     "It is good to be here.\n"
                     "- How did you start?\n"
                     "- My grandmother grew roses in tins on a balcony.\n"
                     "I helped her water them.\n"
                     "- And now you have a farm of your own?\n"
                     "- Twelve acres, yes.\n";
  vc_script *s = seg(text);
  expect(s, "I'm Lena Marsh", VC_ROLE_INTERVIEWER, "Lena Marsh");
  const vc_turn *t = turn_at(s, "I'm Lena Marsh");
  assert_non_null(strstr(t->text, "Welcome."));
  expect(s, "Thank you, Lena.", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "How did you start?", VC_ROLE_INTERVIEWER, "Lena Marsh");
  expect(s, "My grandmother", VC_ROLE_INTERVIEWEE, name_of(s, turn_at(s, "Thank you")));
  expect(s, "And now you have", VC_ROLE_INTERVIEWER, "Lena Marsh");
  never_spoken(s, "- ");
  never_spoken(s, "[Announcer]");
  never_spoken(s, "made possible");
  vc_script_free(s);
}

/* A list with dashes (no turn runs on, no voice named) and an e-mail's quoted lines (">>"
 * breaking mid sentence) are no turn marks. */
static void test_lists_and_quoted_mail_are_no_turns(void **state) {
  (void)state;
  const char *list = "What to bring on the hike:\n\n"
                     "- Water.\n"
                     "- A map of the valley.\n"
                     "- Warm clothes.\n"
                     "- Something to eat.\n\n"
                     "We meet at the bridge at nine.\n";
  vc_script *s = seg(list);
  turn_at(s, "What to bring on the hike:");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
  const char *mail = "On Monday Pia wrote:\n"
                     ">> I think we should move the meeting to the\n"
                     ">> week after the holiday, when everyone is back\n"
                     ">> from the coast.\n\n"
                     "Agreed, the week after works for me.\n";
  s = seg(mail);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(name_of(s, &s->turns[i]), "Speaker"));
  vc_script_free(s);
}

/* A page that repeats its title and standfirst above the text: the repeats are chrome;
 * short spoken answers that repeat are kept. */
static void test_repeated_header_lines(void **state) {
  (void)state;
  const char *text = "The Ferry Question\n\n"
                     "The Ferry Question\n\n"
                     "Our reporter asked the harbour master about the winter timetable.\n\n"
                     "Q: Will the ferry run in January?\n\n"
                     "A: Yes.\n\n"
                     "Q: Every day?\n\n"
                     "A: Yes.\n";
  vc_script *s = seg(text);
  size_t titles = 0, yes = 0;
  for (size_t i = 0; i < s->n_turns; i++) {
    const char *t = s->turns[i].text;
    for (const char *p = t; (p = strstr(p, "The Ferry Question")) != NULL; p++)
      titles++;
    yes += strcmp(t, "Yes.") == 0;
  }
  assert_int_equal(titles, 1);
  assert_int_equal(yes, 2);
  expect(s, "Our reporter asked", VC_ROLE_NARRATOR, "Narrator"); /* no "Title" label */
  vc_script_free(s);
}

/* A post quotes an exchange run into one paragraph: capitals labels, two or three of them,
 * one name never repeated ("CHIEF JUSTICE VALE:"); the prose before them (closing with a
 * colon) and the poster's paragraph after them are the narrator's. */
static void test_capitals_labels_run_into_a_post(void **state) {
  (void)state;
  const char *text =
      "Re: the orchard easement case\n\n"
      "The moment that decided it came late, when the fence came up: MR. PELL: The "
      "easement never reached the orchard, Your Honor. JUSTICE ARDEN: Then why does the "
      "deed say \"all land\"? MR. PELL: Because the clerk copied the wrong page. CHIEF "
      "JUSTICE VALE: That is not much of an answer, counsel.\n\n"
      "I thought that exchange said it all.\n";
  vc_script *s = seg(text);
  expect(s, "The easement never", VC_ROLE_INTERVIEWEE, "Mr. Pell");
  expect(s, "Then why does the deed", VC_ROLE_INTERVIEWER, "Justice Arden");
  expect(s, "Because the clerk", VC_ROLE_INTERVIEWEE, "Mr. Pell");
  expect(s, "That is not much", VC_ROLE_INTERVIEWER, "Chief Justice Vale");
  expect(s, "I thought that exchange", VC_ROLE_NARRATOR, "Narrator");
  never_spoken(s, "JUSTICE ARDEN:");
  vc_script_free(s);
}

/* Numbered generic labels run into one paragraph, one of them used once. */
static void test_generic_labels_run_into_a_line(void **state) {
  (void)state;
  const char *text =
      "Episode 12 transcript\n\n"
      "Speaker 1: Welcome back to the show. Today we talk about bees. Speaker 2: "
      "Thanks for having me. I have kept bees for twenty years. Speaker 1: What "
      "got you started?\n";
  vc_script *s = seg(text);
  expect(s, "Welcome back", VC_ROLE_INTERVIEWER, "Speaker 1");
  expect(s, "Thanks for having me", VC_ROLE_INTERVIEWEE, "Speaker 2");
  expect(s, "What got you started", VC_ROLE_INTERVIEWER, "Speaker 1");
  vc_script_free(s);
}

/* Capitals words before a colon that name no one ("UPDATE:", "NOTE:") are no labels. */
static void test_capitals_notes_are_no_labels(void **state) {
  (void)state;
  const char *text = "Council votes on the bridge\n\n"
                     "UPDATE: The council voted on Tuesday to repair the bridge. NOTE: An "
                     "earlier version of this story gave the wrong date.\n";
  vc_script *s = seg(text);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A blog Q&A whose answer a pull quote (a line of it repeated in quotes) and "Listen on"
 * lines interrupt: neither is spoken, and the answer goes on after them. */
static void test_pull_quote_and_listen_lines_interrupt_an_answer(void **state) {
  (void)state;
  const char *text =
      "Ten questions for a lighthouse keeper\n\n"
      "We talked to Olav Brekke, who kept the Skarvik light for thirty years.\n\n"
      "Q: How did you start?\n\n"
      "A: My uncle kept the light before me. In those days the lamp burned "
      "paraffin, and you trimmed the wick every four hours.\n\n"
      "\"You trimmed the wick every four hours.\"\n\n"
      "Listen on Spotify\n\n"
      "And my wife came out after the first year, so I had company.\n\n"
      "Q: What do you miss?\n\n"
      "A: The quiet.\n";
  vc_script *s = seg(text);
  expect(s, "My uncle kept", VC_ROLE_INTERVIEWEE, "Olav Brekke");
  expect(s, "And my wife came", VC_ROLE_INTERVIEWEE, "Olav Brekke");
  size_t wick = 0;
  for (size_t i = 0; i < s->n_turns; i++)
    for (const char *p = s->turns[i].text; (p = strstr(p, "rimmed the wick")) != NULL; p++)
      wick++;
  assert_int_equal(wick, 1);
  never_spoken(s, "Listen on");
  vc_script_free(s);
}

/* A talk-page interview: each answer signed by the editor who wrote it; the signatures
 * are not spoken and name the speaker; the unsigned questions are the interviewer's, the
 * bracketed note the narrator's. */
static void test_signed_answers_on_a_talk_page(void **state) {
  (void)state;
  const char *text =
      "Newsroom/Interviews/Harbour Wiki\n\n"
      "Please add your answers below each question and sign each answer.\n\n"
      "When did you first join the Harbour Wiki, and what brought you there?\n\n"
      "I joined in 2009 after a storm flooded the old quay and nobody had written it up. "
      "--Ines Varga (talk) 06:28, 14 March 2012 (UTC)[reply]\n\n"
      "I came a year later, mostly to fix the tide tables. \xe2\x80\x94 Tomas Reid (talk) "
      "10:02, 15 March 2012 (UTC)\n\n"
      "What is the hardest part of the work today?\n\n"
      "Finding sources, since the local paper closed. --Ines Varga (talk) 06:40, 14 March "
      "2012 (UTC)\n\n"
      "[Editor's note: the harbour office answered our request later.]\n";
  vc_script *s = seg(text);
  expect(s, "When did you first join", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I joined in 2009", VC_ROLE_INTERVIEWEE, "Ines Varga");
  expect(s, "I came a year later", VC_ROLE_INTERVIEWEE, "Tomas Reid");
  expect(s, "Finding sources", VC_ROLE_INTERVIEWEE, "Ines Varga");
  expect(s, "[Editor's note", VC_ROLE_NARRATOR, "Narrator");
  never_spoken(s, "(talk)");
  never_spoken(s, "UTC");
  vc_script_free(s);
}

/* Questions signed by several editors, the guest's answers unsigned between them: the
 * signers ask, the lines between answer. */
static void test_signed_questions_on_a_talk_page(void **state) {
  (void)state;
  const char *text =
      "Questions for the harbour master\n\n"
      "How many ships used the port last year? --Kell (talk) 09:12, 2 June "
      "2009 (UTC)\n\n"
      "Just over four thousand, most of them ferries.\n\n"
      "Why did the new quay take so long? --Marisol Fenn (talk) 11:40, 2 June "
      "2009 (UTC)\n\n"
      "The seabed was softer than the survey said.\n\n"
      "Will cruise ships come back? --Kell (talk) 12:05, 2 June 2009 (UTC)\n\n"
      "We hope so, from next spring.\n";
  vc_script *s = seg(text);
  expect(s, "How many ships", VC_ROLE_INTERVIEWER, "Kell");
  expect(s, "Why did the new quay", VC_ROLE_INTERVIEWER, "Marisol Fenn");
  expect(s, "Just over four thousand", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "The seabed was softer", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "We hope so", VC_ROLE_INTERVIEWEE, NULL);
  never_spoken(s, "(talk)");
  vc_script_free(s);
}

/* Wire copy: a question and its answer run into one paragraph of a news story
 * ("Question: ...? Answer: ..."), the story's prose around them with its quotations; a
 * headline's "Q: ... A: ..." with no question asked is no exchange. */
static void test_question_answer_run_into_wire_copy(void **state) {
  (void)state;
  const char *text =
      "Port chief says ferry will run all winter\n\n"
      "WESTPORT - The head of the port authority, Ana Ruiz, said on Monday the ferry to "
      "the islands would run through the winter.\n\n"
      "Question: Will fares rise? Answer: Not this year. We have frozen them until the "
      "spring.\n\n"
      "Asked about the strike, she said talks were going well. \"I expect an agreement "
      "this week,\" Ruiz told the agency.\n";
  vc_script *s = seg(text);
  expect(s, "Will fares rise?", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Not this year.", VC_ROLE_INTERVIEWEE, "Ana Ruiz");
  expect(s, "\"I expect an agreement", VC_ROLE_QUOTE, "Ana Ruiz");
  never_spoken(s, "Question:");
  vc_script_free(s);
  s = seg("Briefing notes\n\n"
          "Q: Ferry fares and the winter timetable A: No change before spring\n\n"
          "The port authority gave its weekly briefing on Monday.\n");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arrow_marks_run_into_a_line),
      cmocka_unit_test(test_lowercase_arrows_and_announcer),
      cmocka_unit_test(test_dash_marks_at_line_starts),
      cmocka_unit_test(test_lists_and_quoted_mail_are_no_turns),
      cmocka_unit_test(test_repeated_header_lines),
      cmocka_unit_test(test_capitals_labels_run_into_a_post),
      cmocka_unit_test(test_generic_labels_run_into_a_line),
      cmocka_unit_test(test_capitals_notes_are_no_labels),
      cmocka_unit_test(test_pull_quote_and_listen_lines_interrupt_an_answer),
      cmocka_unit_test(test_question_answer_run_into_wire_copy),
      cmocka_unit_test(test_signed_answers_on_a_talk_page),
      cmocka_unit_test(test_signed_questions_on_a_talk_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
