/* The segmenter on small inputs: BOM, empty input, labels, boilerplate, quotations, and
 * arbitrary bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voicecap/segment.h"

static vc_script *seg(const char *text) {
  vc_script *s = NULL;
  vc_status st = vc_segment(text, strlen(text), &s, NULL);
  assert_int_equal(st, VC_OK);
  assert_non_null(s);
  return s;
}

static const char *spk(const vc_script *s, size_t turn) {
  return s->speakers[s->turns[turn].speaker].name;
}

static void test_bom_and_span(void **state) {
  (void)state;
  const char *text = "\xEF\xBB\xBFThe film opens today in ten cities.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].src_start, 3);
  assert_int_equal(s->turns[0].src_end, strlen(text) - 1);
  assert_string_equal(s->turns[0].text, "The film opens today in ten cities.");
  assert_string_equal(s->speakers[0].name, "Narrator");
  vc_script_free(s);
}

static void test_empty(void **state) {
  (void)state;
  vc_script *s = NULL;
  assert_int_equal(vc_segment("", 0, &s, NULL), VC_ERR_EMPTY);
  assert_null(s);
  const char *only_junk = "\n\nRead more: the best films of the year\n\nAdvertisement\n";
  assert_int_equal(vc_segment(only_junk, strlen(only_junk), &s, NULL), VC_ERR_EMPTY);
  assert_null(s);
}

static void test_full_labels(void **state) {
  (void)state;
  const char *text = "Mara Quill has a new novel out. Quill spoke to us from Lisbon.\n\n"
                     "INTERVIEWER: What made you write it?\n\n"
                     "QUILL: A long winter, mostly.\n\n"
                     "INTERVIEWER: And the ending?\n\n"
                     "QUILL: That came last.\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 5);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  assert_int_equal(s->turns[1].role, VC_ROLE_INTERVIEWER);
  assert_int_equal(s->turns[2].role, VC_ROLE_INTERVIEWEE);
  assert_string_equal(spk(s, 2), "Mara Quill");
  assert_string_equal(s->turns[2].text, "A long winter, mostly.");
  /* the label is not part of the turn */
  assert_memory_equal(text + s->turns[2].src_start, "A long", 6);
  vc_script_free(s);
}

static void test_quote_attribution(void **state) {
  (void)state;
  const char *text = "Tomas Reyes directed the play. “It was a long year,” Reyes says. "
                     "“But we made it.”\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 4);
  assert_int_equal(s->turns[1].role, VC_ROLE_QUOTE);
  assert_string_equal(spk(s, 1), "Tomas Reyes");
  assert_string_equal(s->turns[1].text, "“It was a long year,”");
  assert_string_equal(s->turns[2].text, "Reyes says.");
  assert_int_equal(s->turns[3].role, VC_ROLE_QUOTE);
  assert_string_equal(spk(s, 3), "Tomas Reyes");
  vc_script_free(s);
}

static void test_scare_quotes_stay(void **state) {
  (void)state;
  const char *text = "Critics called “The Long Night” an “instant classic.”\n";
  vc_script *s = seg(text);
  assert_int_equal(s->n_turns, 1);
  assert_int_equal(s->turns[0].role, VC_ROLE_NARRATOR);
  vc_script_free(s);
}

/* Arbitrary bytes: any result is fine, as long as the contract holds. */
static void test_random_bytes(void **state) {
  (void)state;
  uint32_t x = 12345;
  char buf[2048];
  for (int round = 0; round < 300; round++) {
    size_t n = (size_t)(round * 7) % sizeof buf;
    for (size_t i = 0; i < n; i++) {
      x = x * 1103515245u + 12345u;
      static const char alphabet[] = "ab AB:.?\n\n\"“”‘’—-[]()0123456789QAZ";
      buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
    }
    vc_script *s = NULL;
    vc_status st = vc_segment(buf, n, &s, NULL);
    assert_true(st == VC_OK || st == VC_ERR_EMPTY);
    for (size_t t = 0; s && t < s->n_turns; t++) {
      assert_true(s->turns[t].speaker < s->n_speakers);
      assert_true(s->turns[t].src_start <= s->turns[t].src_end);
      assert_true(s->turns[t].src_end <= n);
    }
    vc_script_free(s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bom_and_span),      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_full_labels),       cmocka_unit_test(test_quote_attribution),
      cmocka_unit_test(test_scare_quotes_stay), cmocka_unit_test(test_random_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
