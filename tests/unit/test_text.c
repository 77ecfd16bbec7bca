/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for text loading, UTF-8 validation and the speakable form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static vc_status check(const char *s, size_t len, size_t *bad) {
  *bad = (size_t)-1;
  return vc_utf8_check(s, len, bad);
}

static void test_utf8_valid(void **state) {
  (void)state;
  size_t bad;
  const char ok[] = "plain, caf\xc3\xa9, \xe2\x80\x99, \xf0\x9f\x8e\xb5 \xef\xbb\xbf";
  assert_int_equal(check(ok, sizeof ok - 1, &bad), VC_OK);
  assert_int_equal(check("", 0, &bad), VC_OK);
  assert_int_equal(check("\xf4\x8f\xbf\xbf", 4, &bad), VC_OK); /* U+10FFFF */
}

static void test_utf8_invalid(void **state) {
  (void)state;
  size_t bad;
  struct {
    const char *s;
    size_t len;
    vc_status st;
    size_t at;
  } cases[] = {
      {"ab\xc0\xafz", 5, VC_ERR_UTF8, 2},       /* overlong '/' */
      {"a\xe0\x80\xaf", 4, VC_ERR_UTF8, 1},     /* overlong, 3 bytes */
      {"a\xf0\x80\x80\xaf", 5, VC_ERR_UTF8, 1}, /* overlong, 4 bytes */
      {"abc\xed\xa0\x80", 6, VC_ERR_UTF8, 3},   /* surrogate U+D800 */
      {"\xf4\x90\x80\x80", 4, VC_ERR_UTF8, 0},  /* U+110000 */
      {"xy\xe2\x80", 4, VC_ERR_UTF8, 2},        /* truncated at end */
      {"xy\xe2\x80z", 5, VC_ERR_UTF8, 2},       /* truncated mid-text */
      {"\x80", 1, VC_ERR_UTF8, 0},              /* lone continuation */
      {"\xff", 1, VC_ERR_UTF8, 0},              /* never valid */
      {"hello\0world", 11, VC_ERR_NUL, 5},      /* NUL */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    assert_int_equal(check(cases[i].s, cases[i].len, &bad), cases[i].st);
    assert_int_equal(bad, cases[i].at);
  }
}

static void test_from_memory(void **state) {
  (void)state;
  vc_text *t = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_text_from_memory("\xef\xbb\xbfHi", 5, "mem", &t, &d), VC_OK);
  assert_int_equal(t->len, 5); /* the BOM is kept so offsets stay file offsets */
  assert_string_equal(t->name, "mem");
  assert_int_equal(t->bytes[5], '\0');
  vc_text_free(t);
  t = NULL;
  assert_int_equal(vc_text_from_memory("Q: caf\xc3", 7, "mem", &t, &d), VC_ERR_UTF8);
  assert_null(t);
  assert_string_equal(d.msg, "invalid UTF-8 at byte 6");
  assert_int_equal(vc_text_from_memory("ab\0", 3, "mem", &t, &d), VC_ERR_NUL);
  assert_string_equal(d.msg, "NUL byte at byte 2");
}

static void test_load_file(void **state) {
  (void)state;
  vc_text *t = NULL;
  vc_diag d = {{0}};
  const char *path = VC_SOURCE_DIR "/tests/data/text/bad_utf8.txt";
  assert_int_equal(vc_text_load(path, &t, &d), VC_ERR_UTF8);
  assert_string_equal(d.msg, "invalid UTF-8 at byte 28");
  assert_int_equal(vc_text_load(VC_SOURCE_DIR "/seeds/002_6eca7a42313b4901.txt", &t, &d),
                   VC_OK);
  assert_int_equal(t->len, 9194);
  assert_int_equal(strlen(t->bytes), t->len);
  vc_text_free(t);
  t = NULL;
  assert_int_equal(vc_text_load("/nonexistent/dir/x.txt", &t, &d), VC_ERR_IO);
  assert_string_equal(d.msg, "cannot read: No such file or directory");
  assert_null(strstr(d.msg, "nonexistent"));
  assert_int_equal(vc_text_load(VC_SOURCE_DIR "/tests", &t, &d), VC_ERR_IO);
}

static void test_load_limit(void **state) {
  (void)state;
  char path[] = "/tmp/vc_text_limitXXXXXX";
  int fd = mkstemp(path);
  vc_text *t = NULL;
  vc_diag d = {{0}};
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  assert_non_null(f);
  assert_int_equal(fseek(f, 64L * 1024 * 1024, SEEK_SET), 0); /* 64 MiB + 1 byte */
  assert_int_equal(fputc('a', f), 'a');
  fclose(f);
  assert_int_equal(vc_text_load(path, &t, &d), VC_ERR_LIMIT);
  assert_null(t);
  remove(path);
}

/* Checks text, map length and monotonicity; returns the speakable (caller frees). */
static vc_speakable *speak(const char *display, const char *want) {
  vc_speakable *s = NULL;
  size_t len = strlen(display);
  assert_int_equal(vc_speakable_new(display, len, &s), VC_OK);
  assert_string_equal(s->text, want);
  assert_int_equal(s->len, strlen(want));
  assert_int_equal(s->map[s->len], len);
  for (size_t i = 0; i < s->len; i++) {
    assert_true(s->map[i] <= s->map[i + 1]);
    assert_true(s->map[i] < len);
  }
  return s;
}

static void test_speakable_typography(void **state) {
  (void)state;
  vc_speakable_free(speak("I don\xe2\x80\x99t know.", "I don't know."));
  vc_speakable_free(speak("\xe2\x80\x9cYes,\xe2\x80\x9d he said.", "Yes, he said."));
  vc_speakable_free(speak("\"Quoted\"", "Quoted"));
  vc_speakable_free(speak("Wait\xe2\x80\xa6 what", "Wait... what"));
  vc_speakable_free(speak("a\xc2\xa0"
                          "b",
                          "a b"));
  vc_speakable_free(speak("the \xe2\x80\x98"
                          "90s",
                          "the nineties"));
  vc_speakable_free(speak("\xef\xbb\xbfHi", "Hi"));
}

static void test_speakable_dashes(void **state) {
  (void)state;
  vc_speakable_free(speak("one\xe2\x80\x94two", "one, two"));
  vc_speakable_free(speak("one \xe2\x80\x94 two", "one, two"));
  vc_speakable_free(speak("one \xe2\x80\x93 two", "one, two"));
  vc_speakable_free(speak("end.\xe2\x80\x94 Next", "end. Next"));
}

static void test_speakable_map(void **state) {
  (void)state;
  /* "don’t": ’ is 3 display bytes at offset 3; speakable "'" maps to 3, "t" to 6. */
  vc_speakable *s = speak("don\xe2\x80\x99t", "don't");
  size_t want[] = {0, 1, 2, 3, 6, 7};
  for (size_t i = 0; i <= s->len; i++)
    assert_int_equal(s->map[i], want[i]);
  vc_speakable_free(s);
  s = speak("", "");
  assert_int_equal(s->map[0], 0);
  vc_speakable_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_valid),       cmocka_unit_test(test_utf8_invalid),
      cmocka_unit_test(test_from_memory),      cmocka_unit_test(test_load_file),
      cmocka_unit_test(test_load_limit),       cmocka_unit_test(test_speakable_typography),
      cmocka_unit_test(test_speakable_dashes), cmocka_unit_test(test_speakable_map),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
