/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Labels of shapes the fixed forms miss, in invented texts: a description in parentheses
 * before the colon, an unlabelled host opening the programme, a host who introduces
 * themselves in a later turn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* A radio transcript: the host is never labelled ("This is ... I'm ..."), the one guest
 * is labelled once, "Ms. NAME (long description):". */
static void test_described_label_and_unlabelled_host(void **state) {
  (void)state;
  const char *text =
      "Gardens On The Roof\n\n"
      "This is EVENING HOUR. I'm Paul Ostrander.\n\n"
      "My guest, Mirela Dunk, has planted gardens on forty roofs across the city, and her "
      "new book is about what grows up there.\n\n"
      "Mirela Dunk, welcome to the program. Why roofs?\n\n"
      "Ms. MIRELA DUNK (Gardener, author of \"Up Where the Bees Are\"): Well, because "
      "nobody else wanted them, and the light up there is wonderful.\n";
  vc_script *s = seg(text);
  expect(s, "This is EVENING HOUR", VC_ROLE_INTERVIEWER, "Paul Ostrander");
  expect(s, "My guest, Mirela", VC_ROLE_INTERVIEWER, "Paul Ostrander");
  expect(s, "Mirela Dunk, welcome", VC_ROLE_INTERVIEWER, "Paul Ostrander");
  expect(s, "Well, because", VC_ROLE_INTERVIEWEE, "Mirela Dunk");
  /* the label and its description are not read aloud */
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "Gardener, author"));
  vc_script_free(s);
}

/* A panel: the unlabelled host opens ("I'm NAME and this is ...") and hands over; the
 * panelists' labels carry descriptions longer than a short aside. */
static void test_panel_host_opening(void **state) {
  (void)state;
  const char *text =
      "The Porch Panel\n\n"
      "I'm Nadia Ferrante and this is THE LONG PORCH from Riverside Radio.\n\n"
      "Time for our weekly panel. With us are writer Otto Brandt and Kasia Wren, columnist "
      "for the Northern Ledger. Take it away, Otto.\n\n"
      "Mr. OTTO BRANDT (Writer): Thanks, Nadia. Hey, everybody, welcome to the porch. How "
      "are we doing?\n\n"
      "Ms. KASIA WREN (Columnist, The Northern Ledger, Weekend Edition): Fine, thanks.\n\n"
      "Mr. OTTO BRANDT (Writer): Kasia, what did you make of the vote?\n\n"
      "Ms. KASIA WREN (Columnist, The Northern Ledger, Weekend Edition): It went the way "
      "everybody said it would.\n";
  vc_script *s = seg(text);
  expect(s, "I'm Nadia Ferrante", VC_ROLE_INTERVIEWER, "Nadia Ferrante");
  expect(s, "Time for our weekly", VC_ROLE_INTERVIEWER, "Nadia Ferrante");
  expect(s, "Thanks, Nadia.", VC_ROLE_INTERVIEWER, "Otto Brandt");
  expect(s, "Fine, thanks.", VC_ROLE_INTERVIEWEE, "Kasia Wren");
  expect(s, "It went the way", VC_ROLE_INTERVIEWEE, "Kasia Wren");
  vc_script_free(s);
}

/* A cold open: the host speaks before introducing themselves in a later turn ("Hey, I am
 * NAME. This is THE SHOW."): they host, though the guest asks as often. */
static void test_host_introduces_self_later(void **state) {
  (void)state;
  const char *text =
      "Transcript\n"
      "IDA MARSH: Quick warning, there is some loud singing ahead.\n"
      "RUFUS OKONJO: Is this thing on? Can you hear me?\n"
      "IDA: Loud and clear.\n"
      "RUFUS OKONJO: Are we rolling? Should I start?\n"
      "IDA: Hey, I am Ida Marsh. This is Night Signals. And today we are in the studio "
      "with a singer named Rufus Okonjo.\n"
      "RUFUS OKONJO: Hello! Do I wave?\n"
      "IDA: You can wave. Tell us how you started.\n"
      "RUFUS OKONJO: In a church choir, at six years old, in the back row.\n";
  vc_script *s = seg(text);
  expect(s, "Quick warning", VC_ROLE_INTERVIEWER, "Ida Marsh");
  expect(s, "Hey, I am Ida", VC_ROLE_INTERVIEWER, "Ida Marsh");
  expect(s, "Is this thing on?", VC_ROLE_INTERVIEWEE, "Rufus Okonjo");
  expect(s, "In a church choir", VC_ROLE_INTERVIEWEE, "Rufus Okonjo");
  vc_script_free(s);
}

/* A statement: a title label alone on its line ("Chief Minister:"), the name only in the
 * headline; every paragraph after it is the speaker's, and the label is the titled name. */
static void test_title_label_alone_heads_statement(void **state) {
  (void)state;
  const char *text =
      "Chief Minister Rosa Elbaek's Statement on the Harbour\n\n"
      "By: Staff Writer\n\n"
      "Chief Minister:\n\n"
      "Good afternoon. Thank you all for coming at short notice.\n\n"
      "This morning the cabinet agreed to rebuild the harbour wall before the winter, and "
      "work will start next month.\n\n"
      "We have also set aside money for the families whose homes were flooded, and the "
      "first payments will reach them this week.\n";
  vc_script *s = seg(text);
  expect(s, "Good afternoon.", VC_ROLE_INTERVIEWEE, "Rosa Elbaek");
  expect_in(s, "This morning the cabinet", VC_ROLE_INTERVIEWEE, "Rosa Elbaek");
  expect_in(s, "We have also set aside", VC_ROLE_INTERVIEWEE, "Rosa Elbaek");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "Chief Minister:"));
  vc_script_free(s);
}

/* A "Series: Title" line in a header is still no label: text follows the colon. */
static void test_header_series_title_not_label(void **state) {
  (void)state;
  const char *text =
      "Harbour Notes: The Winter Wall\n\n"
      "The harbour wall will be rebuilt before the winter, the council said on Monday, and "
      "work will start next month.\n\n"
      "Families whose homes were flooded will be paid first.\n";
  vc_script *s = seg(text);
  expect(s, "Harbour Notes", VC_ROLE_NARRATOR, NULL);
  for (size_t i = 0; i < s->n_turns; i++)
    assert_int_equal(s->turns[i].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* A briefing: the briefer labelled in full first ("HANNA LUND:"), then by honorific and
 * surname ("MS. LUND:"); reporters as "Q:". One speaker, who answers though she welcomes
 * everyone. */
static void test_briefer_full_then_honorific_surname(void **state) {
  (void)state;
  const char *text =
      "Department of Roads Press Briefing\n\n"
      "HANNA LUND: Hi everyone, and welcome to the briefing room. I have one announcement "
      "before I take your questions.\n\n"
      "The north bridge will close for repairs from Monday for six weeks.\n\n"
      "Q: How many drivers use it every day?\n\n"
      "MS. LUND: About forty thousand, by our last count.\n\n"
      "Q: Is there a detour?\n\n"
      "MS. LUND: Yes, signed from both ends of the valley road.\n";
  vc_script *s = seg(text);
  expect(s, "Hi everyone", VC_ROLE_INTERVIEWEE, "Hanna Lund");
  expect(s, "About forty thousand", VC_ROLE_INTERVIEWEE, "Hanna Lund");
  expect(s, "How many drivers", VC_ROLE_INTERVIEWER, NULL);
  assert_int_equal(s->n_speakers, 3); /* the narrator, the floor, one briefer */
  vc_script_free(s);
}

/* Surname labels ("Okafor:"), each used once, the full names only in a source line that is
 * not spoken; the header "Name: date" twice is a dateline, not a speaker. */
static void test_surname_labels_full_names_from_source_line(void **state) {
  (void)state;
  const char *text =
      "Harbour Briefing: Thursday, May 7, 2026\n\n"
      "Harbour Briefing: Thursday, May 7, 2026\n\n"
      "Source: Transcript from the Port Authority. Briefing by Adaeze Okafor, harbour "
      "master. Also taking part was Captain Lars P. Holmgren, Jr., of the pilots.\n\n"
      "Okafor: Good morning. The north quay reopened at six this morning, and the first "
      "ships are already in.\n\n"
      "The dredging will go on at night for two more weeks.\n\n"
      "Holmgren: Thank you, Ms. Okafor.\n\n"
      "The pilots will work in two shifts until the dredging is done.\n";
  vc_script *s = seg(text);
  expect(s, "Good morning. The north quay", VC_ROLE_INTERVIEWEE, "Adaeze Okafor");
  const vc_turn *t = turn_at(s, "Thank you, Ms. Okafor.");
  assert_string_equal(name_of(s, t), "Lars P. Holmgren");
  for (size_t i = 0; i < s->n_turns; i++)
    assert_null(strstr(s->turns[i].text, "Thursday, May 7"));
  vc_script_free(s);
}

/* A briefing with bare "Q" labels: the briefer calls on reporters by name ("Ines." on its
 * own line, "With that, Tom."); the called one asks, a follow-up after an answer that
 * speaks to them stays theirs, the uncalled are "Reporter". "Q Does ..." is the label Q,
 * not a name "Q Does". */
static void test_bare_q_called_names(void **state) {
  (void)state;
  const char *text =
      "Ministry of Water Briefing with Spokesman Varga\n"
      "MR. VARGA: Good afternoon. I have nothing to announce today, so let us go straight "
      "to questions.\n"
      "Ines.\n"
      "Q Does the ministry expect the drought to last into the autumn?\n"
      "MR. VARGA: We expect rain in September, but we are ready if it does not come.\n"
      "With that, Tom.\n"
      "Q How many wells have run dry?\n"
      "MR. VARGA: Tom, you asked me that last week too.\n"
      "Q And the answer has not changed?\n"
      "MR. VARGA: It has not. About forty.\n"
      "Q Will farmers be paid?\n"
      "MR. VARGA: Yes, from next month.\n";
  vc_script *s = seg(text);
  expect(s, "Good afternoon.", VC_ROLE_INTERVIEWEE, NULL);
  expect(s, "Does the ministry", VC_ROLE_INTERVIEWER, "Ines");
  expect(s, "How many wells", VC_ROLE_INTERVIEWER, "Tom");
  expect(s, "And the answer", VC_ROLE_INTERVIEWER, "Tom");
  expect(s, "Will farmers be paid?", VC_ROLE_INTERVIEWER, "Reporter");
  vc_script_free(s);
}

/* The page's title "Name: A Title In Capitals" (twice, as title and headline) is no label;
 * the unlabelled host opens, names the one guest ("longtime host" in the standfirst does
 * not make the guest a host), and the guest's label has a description. */
static void test_headline_name_title_not_label(void **state) {
  (void)state;
  const char *text =
      "Vera Lund: A Baker Takes On The Big City Vera Lund, longtime host of a cooking "
      "show, opens a bakery.\n\n"
      "Vera Lund: A Baker Takes On The Big City\n\n"
      "This is MIDDAY. I'm Omar Haddad.\n\n"
      "Our next guest, Vera Lund, spent ten years on television before she opened a bakery "
      "of her own. And thanks very much for coming in today.\n\n"
      "Ms. VERA LUND (Baker, author of \"Rise\"): Thanks for having me, Omar. It smells "
      "better in here than in my kitchen.\n";
  vc_script *s = seg(text);
  expect(s, "This is MIDDAY", VC_ROLE_INTERVIEWER, "Omar Haddad");
  expect_in(s, "Our next guest", VC_ROLE_INTERVIEWER, "Omar Haddad");
  expect(s, "Thanks for having me", VC_ROLE_INTERVIEWEE, "Vera Lund");
  const vc_turn *t = turn_at(s, "Vera Lund: A Baker");
  assert_int_equal(t->role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_described_label_and_unlabelled_host),
      cmocka_unit_test(test_panel_host_opening),
      cmocka_unit_test(test_host_introduces_self_later),
      cmocka_unit_test(test_title_label_alone_heads_statement),
      cmocka_unit_test(test_header_series_title_not_label),
      cmocka_unit_test(test_briefer_full_then_honorific_surname),
      cmocka_unit_test(test_surname_labels_full_names_from_source_line),
      cmocka_unit_test(test_bare_q_called_names),
      cmocka_unit_test(test_headline_name_title_not_label),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
