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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(office_after_label_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
