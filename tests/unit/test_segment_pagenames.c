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
  vc_script *s = seg("Archive for Monday, June 3, 2019\n\n"
                     "A Few Questions: Filling In\n\n"
                     "Q: How did the board reach you?\n\n"
                     "A: By telephone, on a Sunday, which is never good news.\n\n"
                     "Q: What is your first goal as acting principal?\n\n"
                     "A: Keeping the buses on time. Everything else follows.\n");
  expect(s, "By telephone", VC_ROLE_INTERVIEWEE, "Acting Principal");
  unspoken(s, "Archive for"); /* the archive's date line is page chrome */
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

/* "Jane Doe is a senior engineer at Acme" makes Jane Doe a person: the guest is she, not
 * the project the introduction also names; "We interviewed Jane" on the project's blog
 * and "contributing to Acme" make the project the one who asks. */
static void spotlight_guest_and_project(void **state) {
  (void)state;
  vc_script *s = seg("Contributor Spotlight: Teodora Vasquez-Lind\n\n"
                     "Teodora Vasquez-Lind is a Staff Engineer at Brightwell. She started "
                     "using Open Harrow in 2019 and began contributing in 2021. We "
                     "interviewed Teodora to learn more about her work.\n\n"
                     "What got you started?\n\n"
                     "A missing feature in Open Harrow that I needed at work.\n\n"
                     "What do you enjoy most about contributing to Harrow?\n\n"
                     "The reviews are kind, and they are thorough.\n\n"
                     "What would you tell a newcomer?\n\n"
                     "The Harrow community answers questions fast, so ask them.\n\n"
                     "We thank Teodora for her contributions! To learn more about "
                     "contributing to Harrow, read the guide.\n");
  expect(s, "A missing feature", VC_ROLE_INTERVIEWEE, "Teodora Vasquez-Lind");
  expect(s, "What got you started?", VC_ROLE_INTERVIEWER, "Open Harrow");
  vc_script_free(s);
}

/* "she said" after a paragraph about a woman the text never quoted before goes to her:
 * "Marta Ilves founded ... She still runs it" makes Marta Ilves a person. */
static void pronoun_makes_person(void **state) {
  (void)state;
  vc_script *s = seg("Garden club marks 50 years\n\n"
                     "\"We started with six members and a borrowed shovel,\" said Tomas "
                     "Reyes, the club's treasurer.\n\n"
                     "Marta Ilves founded the seed library in 2004. She still runs it from "
                     "her porch.\n\n"
                     "\"People bring back more seeds than they take,\" she said.\n");
  expect_in(s, "People bring back", VC_ROLE_QUOTE, "Marta Ilves");
  vc_script_free(s);
}

/* "Jane Doe asked me, “...”": the one spoken to between the verb and the quotation does
 * not hide the attribution. */
static void speech_verb_with_object(void **state) {
  (void)state;
  vc_script *s = seg("Harvest supper\n\n"
                     "Before the soup, my neighbour at the table, Ruth Okonkwo asked me, "
                     "\"Who grows the leeks this year?\" She has kept the allotment "
                     "rota for a decade.\n");
  expect_in(s, "Who grows the leeks", VC_ROLE_QUOTE, "Ruth Okonkwo");
  vc_script_free(s);
}

#define SHORT_QA                                                                           \
  "Q: How did you start?\n\n"                                                              \
  "A: I fixed a typo in the manual and kept going.\n\n"                                    \
  "Q: What is next?\n\n"                                                                   \
  "A: A second oven, and maybe a cafe.\n"

/* "Jane Doe joined Acme Robotics in 2020": an employer, not the one who asks. */
static void employer_is_no_asker(void **state) {
  (void)state;
  vc_script *s = seg("Meet Priya Raman\n\n"
                     "Priya Raman joined Northgate Robotics as a firmware engineer in "
                     "2020.\n\n" SHORT_QA);
  expect(s, "How did you start?", VC_ROLE_INTERVIEWER, "Interviewer");
  expect(s, "I fixed a typo", VC_ROLE_INTERVIEWEE, "Priya Raman");
  vc_script_free(s);
}

/* Of two titles in a headline, the one it puts its questions to: "for the Lakeside
 * Teacher of the Year", not the series name "Teacher Talk". */
static void headline_title_after_for_the(void **state) {
  (void)state;
  vc_script *s =
      seg("Teacher Talk: Five questions for the Lakeside Teacher of the Year\n\n" SHORT_QA);
  expect(s, "I fixed a typo", VC_ROLE_INTERVIEWEE, "Lakeside Teacher of the Year");
  vc_script_free(s);
}

/* "Member Profile: Priya Raman" above the first question is a heading, not a turn; the
 * society whose newsletter it is asks. */
static void newsletter_heading_and_outlet(void **state) {
  (void)state;
  vc_script *s = seg("Riverbend Historical Society Newsletter\n\n"
                     "Spring 2023\n\n"
                     "Member Profile: Priya Raman\n\n" SHORT_QA);
  expect_in(s, "Member Profile", VC_ROLE_NARRATOR, "Narrator");
  expect(s, "How did you start?", VC_ROLE_INTERVIEWER, "Riverbend Historical Society");
  expect(s, "I fixed a typo", VC_ROLE_INTERVIEWEE, "Priya Raman");
  vc_script_free(s);
}

/* "Submitted by quillpig_42" over a post where the writer says they answer: the poster
 * answers, nobody named asks. */
static void poster_who_answers(void **state) {
  (void)state;
  vc_script *s = seg("Questions from the members' evening\n\n"
                     "Submitted by quillpig_42 on Tue, 2021-03-02 10:15\n\n"
                     "I missed the evening, but I wanted to give a few short answers to "
                     "the questions people sent in.\n\n"
                     "Should the club meet twice a month?\n\n"
                     "Yes, if the hall is free. Twice keeps the new members coming.\n\n"
                     "Who keeps the seed bank?\n\n"
                     "For now I do, until somebody with a bigger fridge offers.\n\n"
                     "What about dues?\n\n"
                     "Keep them as they are for one more year.\n");
  expect(s, "Yes, if the hall", VC_ROLE_INTERVIEWEE, "quillpig_42");
  expect(s, "Should the club meet", VC_ROLE_INTERVIEWER, "Interviewer");
  vc_script_free(s);
}

/* "Acme Weekly Interview with Jane Doe" does not make "Acme Weekly Interview" the
 * name behind an "Acme Weekly:" label: "Interview" is no word of a name. */
static void interview_is_no_name_word(void **state) {
  (void)state;
  vc_script *s =
      seg("Gullwing Interview with Odalys Verhoeven\n\n"
          "Gullwing: What does your week look like?\n\n"
          "Odalys Verhoeven: Mostly meetings, and one good afternoon of code.\n\n"
          "Gullwing: Which afternoon?\n\n"
          "Odalys Verhoeven: Thursday. Nobody books Thursdays.\n");
  expect(s, "What does your week", VC_ROLE_INTERVIEWER, "Gullwing");
  vc_script_free(s);
}

/* "a written interview with G+ garden forum founder Jane Doe": the words after "with"
 * describe the guest, they name nobody who asks. */
static void interview_with_description(void **state) {
  (void)state;
  vc_script *s = seg("Interview with Odalys Verhoeven, founder of the seed forum\n\n"
                     "This is a written interview with G+ seed forum founder Odalys "
                     "Verhoeven. I wanted to ask her about the forum.\n\n"
                     "1. Who is Odalys Verhoeven?\n\n"
                     "A gardener with too many jars of seeds and a slow laptop.\n\n"
                     "2. Why a forum?\n\n"
                     "Because the mailing list kept eating photos.\n\n"
                     "3. What comes next?\n\n"
                     "A swap day in the spring, if the hall is free.\n");
  expect(s, "1. Who is", VC_ROLE_INTERVIEWER, "Interviewer");
  expect(s, "A gardener with", VC_ROLE_INTERVIEWEE, "Odalys Verhoeven");
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
      cmocka_unit_test(spotlight_guest_and_project),
      cmocka_unit_test(pronoun_makes_person),
      cmocka_unit_test(speech_verb_with_object),
      cmocka_unit_test(employer_is_no_asker),
      cmocka_unit_test(headline_title_after_for_the),
      cmocka_unit_test(newsletter_heading_and_outlet),
      cmocka_unit_test(poster_who_answers),
      cmocka_unit_test(interview_is_no_name_word),
      cmocka_unit_test(interview_with_description),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
