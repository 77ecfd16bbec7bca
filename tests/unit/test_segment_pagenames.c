/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter: names from the page around a Q&A (headline phrases and organisations are no
 * guest, a title names an unnamed guest, bylines, copyright lines and handles name the
 * one who asks). Invented texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* No turn holds `words`: the line is not spoken. */
static void unspoken(const vc_script *s, const char *words) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, words))
      fail_msg("\"%s\" is spoken by %s", words, name_of(s, &s->turns[i]));
}

/* A headline of common words ("Five Questions") is no person's name. */
static void headline_phrase_is_no_guest(void **state) {
  (void)state;
  vc_script *s = seg("Five Questions: Back From the Harbour\n\n"
                     "Q: Why did you come back to the boatyard?\n\n"
                     "A: I missed the smell of tar, honestly.\n\n"
                     "Q: What changed while you were away?\n\n"
                     "A: The cranes are new. The people are not.\n");
  expect(s, "I missed the smell", VC_ROLE_INTERVIEWEE, "Interviewee");
  vc_script_free(s);
}

/* An organisation the guest works for ("at Harbor Optics", "Harbor Optics Inc.") is no
 * speaker's name. */
static void organisation_is_no_guest(void **state) {
  (void)state;
  vc_script *s =
      seg("At a Glance:\n"
          "- Contributor since: 2016\n"
          "- Works for: Harbor Optics Inc.\n\n"
          "How did you find the project?\n\n"
          "I was building lens software at Harbor Optics and needed a parser.\n\n"
          "What keeps you contributing?\n\n"
          "The reviews. I learn something from every one of them.\n\n"
          "What would you tell a newcomer?\n\n"
          "Start with the documentation, then fix what confused you.\n");
  expect(s, "I was building lens", VC_ROLE_INTERVIEWEE, "Interviewee");
  vc_script_free(s);
}

/* A name with no common word in a headline is still the guest's. */
static void headline_name_is_guessed(void **state) {
  (void)state;
  vc_script *s = seg("Odalys Verhoeven\n\n"
                     "Q: What do you grow?\n\n"
                     "A: Mostly beans, and some stubborn tomatoes.\n\n"
                     "Q: Why beans?\n\n"
                     "A: They feed the soil while they feed me.\n");
  expect(s, "Mostly beans", VC_ROLE_INTERVIEWEE, "Odalys Verhoeven");
  vc_script_free(s);
}

/* A guest the page names only by a title in the headline is called by that title. */
static void headline_title_names_guest(void **state) {
  (void)state;
  vc_script *s = seg("Region 3 Librarian of the Year Interview\n\n"
                     "Posted on April 4, 2022\n\n"
                     "What program are you proudest of?\n\n"
                     "Our reading buddies. Older students read with the little ones every "
                     "Friday.\n\n"
                     "What was your hardest year?\n\n"
                     "The year the roof leaked. We moved the whole collection twice.\n\n"
                     "What would you change if you could?\n\n"
                     "Longer hours. Families work late.\n");
  expect(s, "Our reading buddies", VC_ROLE_INTERVIEWEE, "Region 3 Librarian of the Year");
  vc_script_free(s);
}

/* ... or by the title a question asks them as ("as acting principal"). */
static void question_title_names_guest(void **state) {
  (void)state;
  vc_script *s = seg("A Few Questions: Filling In\n\n"
                     "Q: How did the board reach you?\n\n"
                     "A: By telephone, on a Sunday, which is never good news.\n\n"
                     "Q: What is your first goal as acting principal?\n\n"
                     "A: Keeping the buses on time. Everything else follows.\n");
  expect(s, "By telephone", VC_ROLE_INTERVIEWEE, "Acting Principal");
  vc_script_free(s);
}

/* "By the Marsh Valley Ledger staff": the outlet asks. */
static void staff_byline_names_outlet(void **state) {
  (void)state;
  vc_script *s = seg("Five questions with Ines Okafor\n\n"
                     "By the Marsh Valley Ledger staff\n\n"
                     "Ines Okafor opened the repair cafe on Mill Lane last spring.\n\n"
                     "Q: Why repair?\n\n"
                     "A: Because the landfill is full of toasters that need one screw.\n");
  expect(s, "Why repair?", VC_ROLE_INTERVIEWER, "Marsh Valley Ledger");
  unspoken(s, "staff");
  expect(s, "Because the landfill", VC_ROLE_INTERVIEWEE, "Ines Okafor");
  vc_script_free(s);
}

/* A copyright line is not spoken, and names the outlet that asks. */
static void copyright_names_outlet(void **state) {
  (void)state;
  vc_script *s = seg("Five questions with Ines Okafor\n\n"
                     "Ines Okafor opened the repair cafe on Mill Lane last spring.\n\n"
                     "Q: Why repair?\n\n"
                     "A: Because the landfill is full of toasters that need one screw.\n\n"
                     "© 2022 The Marsh Valley Ledger. All rights reserved.\n");
  expect(s, "Why repair?", VC_ROLE_INTERVIEWER, "The Marsh Valley Ledger");
  unspoken(s, "rights reserved");
  vc_script_free(s);
}

/* "Posted by the Kestrel Team on May 2, 2021" is a byline: not spoken; the team asks. */
static void team_byline_with_date(void **state) {
  (void)state;
  vc_script *s = seg("Contributor Spotlight: Ines Okafor\n\n"
                     "Posted by the Kestrel Team on May 2, 2021\n\n"
                     "Ines Okafor is a long-time reviewer of the Kestrel scheduler.\n\n"
                     "Q: What was your first patch?\n\n"
                     "A: A fix to a help message. It took three rounds of review.\n");
  unspoken(s, "May 2, 2021");
  expect(s, "What was your first patch?", VC_ROLE_INTERVIEWER, "Kestrel");
  vc_script_free(s);
}

/* "posted by quillpig_42" on a forum: the poster asks. */
static void poster_handle_asks(void **state) {
  (void)state;
  vc_script *s = seg("Ask the beekeeper\n\n"
                     "posted by quillpig_42\n\n"
                     "Our club's beekeeper agreed to answer a few questions.\n\n"
                     "How many hives do you keep?\n\n"
                     "Eleven this year, down from fourteen.\n\n"
                     "What do you do in winter?\n\n"
                     "Mostly worry, and mend frames.\n\n"
                     "What surprised you most?\n\n"
                     "How calm they are when you are.\n");
  expect(s, "How many hives", VC_ROLE_INTERVIEWER, "quillpig_42");
  unspoken(s, "posted by");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(headline_phrase_is_no_guest),
      cmocka_unit_test(organisation_is_no_guest),
      cmocka_unit_test(headline_name_is_guessed),
      cmocka_unit_test(headline_title_names_guest),
      cmocka_unit_test(question_title_names_guest),
      cmocka_unit_test(staff_byline_names_outlet),
      cmocka_unit_test(copyright_names_outlet),
      cmocka_unit_test(team_byline_with_date),
      cmocka_unit_test(poster_handle_asks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
