/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segmenter: generic transcript forms (an office after a label's name, act headings over
 * name-alone labels, escape sequences pasted as text). Invented texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "seg_fixture.h"

/* No turn holds `words`: they are not spoken. */
static void unspoken(const vc_script *s, const char *words) {
  for (size_t i = 0; i < s->n_turns; i++)
    if (strstr(s->turns[i].text, words))
      fail_msg("\"%s\" is spoken by %s", words, name_of(s, &s->turns[i]));
}

/* "Jane Doe, Official Spokesperson:" is Jane Doe's label, the office not spoken. */
static void office_after_label_name(void **state) {
  (void)state;
  vc_script *s =
      seg("Weekly Briefing of the Harbour Office (May 2, 2031)\n\n"
          "Lena Okafor, Official Spokesperson: Good afternoon, everyone. I have one "
          "announcement before we take your questions today.\n\n"
          "Tariq: Tariq from the Valley Post. Will the ferry talks resume this "
          "month?\n\n"
          "Lena Okafor, Official Spokesperson: We expect them to resume shortly.\n\n"
          "Mira: Mira from Coast Radio. Is there a date for the minister's visit?\n\n"
          "Lena Okafor, Official Spokesperson: Not yet, but I will let you know.\n");
  expect(s, "Good afternoon, everyone.", VC_ROLE_INTERVIEWEE, "Lena Okafor");
  expect(s, "We expect them", VC_ROLE_INTERVIEWEE, "Lena Okafor");
  expect(s, "Tariq from the Valley Post", VC_ROLE_INTERVIEWER, "Tariq");
  unspoken(s, "Official Spokesperson:");
  vc_script_free(s);
}

/* Line breaks written as the two characters "\n" (text pasted from a scraped source) are
 * the breaks they stand for: the labels are read, no escape is spoken, and the turns'
 * spans point into the text as written. */
static void escaped_breaks(void **state) {
  (void)state;
  const char *text = "Talk with a lighthouse keeper\\n\\nHOST: How many steps are there to "
                     "the lamp?\\n\\nNELL STOR: Two hundred and twelve. I counted them on "
                     "my first day.\\n\\nHOST: Do you still climb them \\\"every\\\" night?"
                     "\\n\\nNELL STOR: Twice a night,\\tin all weathers.\\n";
  vc_script *s = seg(text);
  expect(s, "How many steps", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Two hundred and twelve.", VC_ROLE_INTERVIEWEE, "Nell Stor");
  expect(s, "Do you still climb them \"every\" night?", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Twice a night, in all weathers.", VC_ROLE_INTERVIEWEE, "Nell Stor");
  unspoken(s, "\\");
  const vc_turn *t = turn_at(s, "Twice a night");
  assert_int_equal(strncmp(text + t->src_start, "Twice a night,\\t", 16), 0);
  assert_int_equal(strncmp(text + t->src_end - 9, "weathers.", 9), 0);
  vc_script_free(s);
}

/* A programme's section headings ("Prologue", "Act One: ...") between name-alone labels
 * are the narrator's, never a speaker. */
static void act_headings_over_names(void **state) {
  (void)state;
  vc_script *s =
      seg("Prologue\n\n"
          "TOMAS LINDQVIST\n"
          "Welcome to the programme. This week, stories about people who keep "
          "the lights on at night.\n\n"
          "Act One: The Night Shift\n\n"
          "TOMAS LINDQVIST\n"
          "Our first story is about a woman who mends power lines in storms.\n\n"
          "ADA KOWALSKA\n"
          "I was twenty-two when I took the job. Nobody thought I would last.\n\n"
          "TOMAS LINDQVIST\n"
          "And why did you stay?\n\n"
          "ADA KOWALSKA\n"
          "Because the first time the town lit up again, I cried.\n");
  expect(s, "Prologue", VC_ROLE_NARRATOR, NULL);
  expect(s, "Act One: The Night Shift", VC_ROLE_NARRATOR, NULL);
  expect(s, "Our first story", VC_ROLE_INTERVIEWER, "Tomas Lindqvist");
  expect(s, "And why did you stay?", VC_ROLE_INTERVIEWER, "Tomas Lindqvist");
  expect(s, "Because the first time", VC_ROLE_INTERVIEWEE, "Ada Kowalska");
  for (size_t i = 0; i < s->n_speakers; i++)
    assert_null(strstr(s->speakers[i].name, "Act"));
  vc_script_free(s);
}

/* A roundup that prints speech without quotation marks: each paragraph followed by a
 * dashed line naming a person is that person's quotation; the rest is the narrator's. */
static void unquoted_roundup(void **state) {
  (void)state;
  vc_script *s = seg("What the graduates will miss\n\n"
                     "Before the ceremony we asked a few students for one memory each.\n\n"
                     "Rowing on the lake before sunrise taught me to get up even when the "
                     "water looked like ice.\n"
                     "— Ilse Marchetti, Class of 2031\n\n"
                     "The print room smelled of ink and coffee, and I will miss it every "
                     "single day.\n"
                     "— Joss Arkwright, Class of 2031\n\n"
                     "The ceremony starts at ten on the east lawn.\n");
  expect(s, "Rowing on the lake", VC_ROLE_QUOTE, "Ilse Marchetti");
  expect(s, "The print room", VC_ROLE_QUOTE, "Joss Arkwright");
  expect_in(s, "The ceremony starts", VC_ROLE_NARRATOR, "Narrator");
  expect_in(s, "Before the ceremony we asked", VC_ROLE_NARRATOR, "Narrator");
  vc_script_free(s);
}

/* "Question:" used once, its line asking, in a briefing labelled throughout: a label of
 * the floor, not a heading. */
static void question_label_once(void **state) {
  (void)state;
  vc_script *s = seg("Harbour Office briefing\n\n"
                     "Lena Okafor: Good afternoon. I have one announcement today about the "
                     "ferry timetable for the summer.\n\n"
                     "Question: Will the night ferry run on holidays?\n\n"
                     "Lena Okafor: Yes, on every public holiday.\n\n"
                     "Reporter: And the fares?\n\n"
                     "Lena Okafor: They stay as they are.\n\n"
                     "Reporter: Thank you.\n");
  expect(s, "Will the night ferry", VC_ROLE_INTERVIEWER, NULL);
  expect(s, "Yes, on every", VC_ROLE_INTERVIEWEE, "Lena Okafor");
  unspoken(s, "Question:");
  vc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(office_after_label_name), cmocka_unit_test(escaped_breaks),
      cmocka_unit_test(act_headings_over_names), cmocka_unit_test(unquoted_roundup),
      cmocka_unit_test(question_label_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
