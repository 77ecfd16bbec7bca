/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Label shapes the label reader did not know, in invented texts: a clock time after a name,
 * heading marks, printed line numbers, names and Q/A letters glued to the speech,
 * diarisation codes, chat handles under clock lines, labels run into prose; and the
 * shapes that are not labels. */
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

/* The turn that starts with `prefix` starts at that text in the source too. */
static void starts_in_source(const vc_script *s, const char *text, const char *prefix) {
  const vc_turn *t = turn_at(s, prefix);
  assert_true(t->src_start < t->src_end && t->src_end <= strlen(text));
  if (strncmp(text + t->src_start, prefix, strlen(prefix)) != 0)
    fail_msg("turn \"%s\" starts at \"%.20s\" in the source", prefix, text + t->src_start);
}

/* "Jane Doe 00:01:12" on its own line, no colon: the clock is not part of the name. */
static void test_name_then_clock_on_its_own_line(void **state) {
  (void)state;
  const char *text = "Harbour Lights\n\n"
                     "Mara Quint 00:00:04\n"
                     "Welcome back. Today I am talking with a lighthouse keeper.\n\n"
                     "Tobias Fenn 00:00:15\n"
                     "Thanks for having me. It is a pleasure to be here.\n\n"
                     "Mara Quint 00:00:22\n"
                     "How did you first come to the lighthouse?\n\n"
                     "Tobias Fenn 00:00:30\n"
                     "My uncle kept it before me, and I used to row out with him.\n";
  vc_script *s = seg(text);
  expect(s, "Welcome back.", VC_ROLE_INTERVIEWER, "Mara Quint");
  expect(s, "Thanks for having me.", VC_ROLE_INTERVIEWEE, "Tobias Fenn");
  expect(s, "How did you", VC_ROLE_INTERVIEWER, "Mara Quint");
  expect(s, "My uncle", VC_ROLE_INTERVIEWEE, "Tobias Fenn");
  never_spoken(s, "00:00");
  starts_in_source(s, text, "My uncle");
  vc_script_free(s);
}

/* "### Jane Doe:" heading labels; a heading that is not a name stays the narrator's. */
static void test_heading_labels(void **state) {
  (void)state;
  vc_script *s = seg("# Keeping bees\n\n"
                     "### Nell Harker:\nHow many hives do you keep these days?\n\n"
                     "### Ivo Brandt:\nAround forty, spread over three farms.\n\n"
                     "### Nell Harker:\nWhat changed?\n\n"
                     "### Ivo Brandt:\nThe winters got wetter, and bees hate damp.\n");
  expect(s, "How many hives", VC_ROLE_INTERVIEWER, "Nell Harker");
  expect(s, "Around forty", VC_ROLE_INTERVIEWEE, "Ivo Brandt");
  expect(s, "The winters", VC_ROLE_INTERVIEWEE, "Ivo Brandt");
  never_spoken(s, "###");
  vc_script_free(s);
}

/* A court record with printed line numbers: the numbers are not spoken, Q. and A. and the
 * counsel's label are read through them. */
static void test_printed_line_numbers(void **state) {
  (void)state;
  vc_script *s = seg("                                    12\n"
                     " 1        Q.   And where were you on the\n"
                     " 2   evening of the fourth?\n"
                     " 3        A.   I was at the workshop with my\n"
                     " 4   brother.\n"
                     " 5        MR. PALLISER:  Objection, Your Honor.\n"
                     " 6        Q.   What time did you leave the\n"
                     " 7   workshop?\n"
                     " 8        A.   Around nine, maybe a little after.\n"
                     " 9        Q.   Did anyone see you leave?\n"
                     "10        A.   The neighbour was outside with\n"
                     "11   his dog.\n");
  expect(s, "And where were you on the evening of the fourth?", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I was at the workshop with my brother.", VC_ROLE_INTERVIEWEE, NULL);
  assert_string_equal(name_of(s, turn_at(s, "Objection")), "Mr. Palliser");
  expect(s, "The neighbour was outside with his dog.", VC_ROLE_INTERVIEWEE, NULL);
  never_spoken(s, "Q.");
  never_spoken(s, "11 ");
  vc_script_free(s);
}

/* Lines that open with numbers out of order (counts, not a court's line numbers) keep
 * their numbers. */
static void test_numbers_out_of_order_stay(void **state) {
  (void)state;
  vc_script *s = seg("What the harbour counted this year, line by line.\n"
                     "40 boats were hauled out before the storms.\n"
                     "12 of them needed new hulls.\n"
                     "95 moorings were rented for the whole summer.\n"
                     "3 ferries ran on Sundays.\n"
                     "27 crates of rope came from the north.\n"
                     "8 cranes were repainted.\n"
                     "61 divers passed the winter course.\n"
                     "19 lamps on the pier were replaced.\n");
  int found = 0;
  for (size_t i = 0; i < s->n_turns; i++)
    found |= strstr(s->turns[i].text, "61 divers") != NULL;
  assert_true(found);
  vc_script_free(s);
}

/* "QWhat did you ..." / "AI drove home": the letters are labels, not words. */
static void test_glued_q_and_a(void **state) {
  (void)state;
  const char *text = "Deposition excerpt\n\n"
                     "QWhat did you do after the meeting?\n"
                     "AI drove home and made dinner.\n"
                     "QDid you call anyone that night?\n"
                     "AYes, I called my sister around ten.\n";
  vc_script *s = seg(text);
  expect(s, "What did you do", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "I drove home", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "Did you call", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Yes, I called", VC_ROLE_INTERVIEWEE, NULL);
  starts_in_source(s, text, "Yes, I called");
  vc_script_free(s);
}

/* Names glued to the first word of the speech, two names taking turns; a camel-case word
 * ("TideWatch") in the header is not a glued name. */
static void test_glued_names(void **state) {
  (void)state;
  const char *text = "TideWatch Weekly\n\n"
                     "Pia LundSo tell me where the idea came from.\n"
                     "Karl OdenIt came from a night on the pier with a broken radio.\n"
                     "Pia LundAnd then?\n"
                     "Karl OdenThen we built the first buoy out of a coffee tin.\n"
                     "Pia Lund and Karl Oden spoke in March.\n";
  vc_script *s = seg(text);
  expect(s, "So tell me", VC_ROLE_INTERVIEWER, "Pia Lund");
  expect(s, "It came from", VC_ROLE_INTERVIEWEE, "Karl Oden");
  expect(s, "Then we built", VC_ROLE_INTERVIEWEE, "Karl Oden");
  never_spoken(s, "OdenIt");
  starts_in_source(s, text, "Then we built");
  const vc_turn *t = turn_at(s, "TideWatch");
  assert_int_equal(t->role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* Diarisation codes "SPEAKER_00:": speaker labels, the code not read aloud. */
static void test_diarisation_codes(void **state) {
  (void)state;
  vc_script *s = seg("SPEAKER_00: Good morning and welcome to the weekly review.\n"
                     "SPEAKER_01: Thanks. I have two updates on the migration.\n"
                     "SPEAKER_00: Go ahead, what is the first one?\n"
                     "SPEAKER_01: The database copy finished overnight.\n");
  const vc_turn *a = turn_at(s, "Good morning"), *b = turn_at(s, "Thanks.");
  const vc_turn *c = turn_at(s, "Go ahead");
  assert_int_not_equal(a->speaker, b->speaker);
  assert_int_equal(a->speaker, c->speaker);
  assert_int_not_equal(a->role, VC_ROLE_NARRATOR);
  never_spoken(s, "SPEAKER");
  vc_script_free(s);
}

/* A chat log: a clock line, the sender's name, the message, a meta line "(edited)". */
static void test_chat_with_clock_and_meta_lines(void **state) {
  (void)state;
  vc_script *s = seg("10:02 AM\nMira Kowal\nHas anyone tried the new build on arm yet?\n"
                     "(edited)\n"
                     "10:04 AM\nTom Bright\nYes, and it crashes on startup every time.\n"
                     "10:05 AM\nMira Kowal\nSame here. I will open an issue for it today.\n"
                     "(edited)\n"
                     "10:07 AM\nTom Bright\nThanks, please tag me on it.\n");
  expect(s, "Has anyone", VC_ROLE_INTERVIEWER, "Mira Kowal");
  expect(s, "Yes, and it crashes", VC_ROLE_INTERVIEWEE, "Tom Bright");
  expect(s, "Thanks, please", VC_ROLE_INTERVIEWEE, "Tom Bright");
  never_spoken(s, "edited");
  never_spoken(s, "AM");
  vc_script_free(s);
}

/* Labels run into one paragraph after a sentence of prose. */
static void test_labels_run_into_prose(void **state) {
  (void)state;
  vc_script *s = seg("Notes from the panel. The session opened late. Dana Roe: Thanks for "
                     "coming, everyone. What went wrong? Pim Vos: We ran out of money. "
                     "Dana Roe: And the long answer? Pim Vos: A lot of spreadsheets.\n");
  expect(s, "Notes from the panel.", VC_ROLE_NARRATOR, NULL);
  expect(s, "Thanks for coming", VC_ROLE_INTERVIEWER, "Dana Roe");
  expect(s, "We ran out", VC_ROLE_INTERVIEWEE, "Pim Vos");
  expect(s, "A lot of", VC_ROLE_INTERVIEWEE, "Pim Vos");
  vc_script_free(s);
}

/* "**Jane Doe** Hello": a marked name with no colon, names taking turns. */
static void test_marked_names_without_colon(void **state) {
  (void)state;
  vc_script *s = seg("**Ada Crane** Where did the recording start?\n\n"
                     "**Leo Marsh** In my kitchen, with one microphone.\n\n"
                     "**Ada Crane** And the second album?\n\n"
                     "**Leo Marsh** A real studio, finally, in the old mill.\n");
  expect(s, "Where did", VC_ROLE_INTERVIEWER, "Ada Crane");
  expect(s, "In my kitchen", VC_ROLE_INTERVIEWEE, "Leo Marsh");
  expect(s, "A real studio", VC_ROLE_INTERVIEWEE, "Leo Marsh");
  vc_script_free(s);
}

/* A shape one name alone takes, or only twice, is no label: "Ana Paz 10:15" twice is a
 * timetable, read as written. */
static void test_shape_without_evidence_stays(void **state) {
  (void)state;
  vc_script *s = seg("The ferry timetable changed this week.\n\n"
                     "Ana Paz 10:15\nleaves from the north quay now.\n\n"
                     "Ana Paz 16:40\nstill leaves from the old pier.\n");
  const vc_turn *t = turn_at(s, "The ferry");
  assert_int_equal(t->role, VC_ROLE_NARRATOR);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A generic "speaker" line, the name on the next line, its clock time on the line after:
 * the name labels the speech, neither the word nor the time is spoken. */
static void test_generic_speaker_line_then_name(void **state) {
  (void)state;
  vc_script *s =
      seg("Team call\n\n"
          "Speaker\nLina Okafor\n00:01\nOkay, I think everyone is here now.\n\n"
          "Speaker\nJonas Weil\n00:09\nCan I raise the problem with the dates?\n\n"
          "Speaker\nLina Okafor\n00:15\nSure, go ahead, that is the first item.\n\n"
          "Speaker\nJonas Weil\n00:20\nThe supplier moved everything back.\n");
  const vc_turn *a = turn_at(s, "Okay, I think"), *b = turn_at(s, "Can I raise");
  assert_string_equal(name_of(s, a), "Lina Okafor");
  assert_string_equal(name_of(s, b), "Jonas Weil");
  assert_int_not_equal(a->role, VC_ROLE_NARRATOR);
  never_spoken(s, "Speaker");
  never_spoken(s, "00:");
  vc_script_free(s);
}

/* "speaker Jane Doe" on one line, and clock times behind a separator or in units. */
static void test_generic_word_and_other_clocks(void **state) {
  (void)state;
  vc_script *s = seg("speaker Lina Okafor\nOkay, I think everyone is here now.\n\n"
                     "speaker Jonas Weil\nCan I raise the problem with the dates?\n\n"
                     "speaker Lina Okafor\nSure, go ahead, that is the first item.\n");
  assert_string_equal(name_of(s, turn_at(s, "Can I raise")), "Jonas Weil");
  never_spoken(s, "speaker");
  vc_script_free(s);
  s = seg("Mara Quint | 00:00:04\nWelcome back. Today I talk with a keeper.\n\n"
          "Tobias Fenn | 00:00:15\nThanks for having me. It is a pleasure.\n\n"
          "Mara Quint | 00:00:22\nHow did you first come to the light?\n");
  expect(s, "Thanks for having me.", VC_ROLE_INTERVIEWEE, "Tobias Fenn");
  never_spoken(s, "|");
  vc_script_free(s);
  s = seg("Mara Quint 2m 10s\nWelcome back. Today I talk with a keeper.\n\n"
          "Tobias Fenn 2m 20s\nThanks for having me. It is a pleasure.\n\n"
          "Mara Quint 3m 1s\nHow did you first come to the light?\n");
  expect(s, "How did you", VC_ROLE_INTERVIEWER, "Mara Quint");
  never_spoken(s, "2m");
  vc_script_free(s);
}

/* "[Speaker 1] [00:00] Hello": a bracketed generic label and its time before the speech. */
static void test_bracketed_labels(void **state) {
  (void)state;
  vc_script *s = seg("[Speaker 1] [00:00] Right, we are live. Welcome, everyone.\n"
                     "[Speaker 1] [00:09] Today we talk about writing, and why it stalls.\n"
                     "[Speaker 2] [00:17] Thanks. It stalls for me every single week.\n"
                     "[Speaker 1] [00:24] Why is that, do you think?\n"
                     "[Speaker 2] [00:30] Fear, mostly, and too much coffee.\n");
  const vc_turn *a = turn_at(s, "Right, we are live."), *b = turn_at(s, "Thanks.");
  assert_string_equal(name_of(s, a), "Speaker 1");
  assert_string_equal(name_of(s, b), "Speaker 2");
  assert_int_not_equal(a->role, VC_ROLE_NARRATOR);
  never_spoken(s, "[Speaker");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_name_then_clock_on_its_own_line),
      cmocka_unit_test(test_heading_labels),
      cmocka_unit_test(test_printed_line_numbers),
      cmocka_unit_test(test_numbers_out_of_order_stay),
      cmocka_unit_test(test_glued_q_and_a),
      cmocka_unit_test(test_glued_names),
      cmocka_unit_test(test_diarisation_codes),
      cmocka_unit_test(test_chat_with_clock_and_meta_lines),
      cmocka_unit_test(test_labels_run_into_prose),
      cmocka_unit_test(test_marked_names_without_colon),
      cmocka_unit_test(test_shape_without_evidence_stays),
      cmocka_unit_test(test_generic_speaker_line_then_name),
      cmocka_unit_test(test_generic_word_and_other_clocks),
      cmocka_unit_test(test_bracketed_labels),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
