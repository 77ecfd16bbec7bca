/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The WebVTT writer checked with the W3C parser (npm webvtt-parser, run through node). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sys/wait.h>
#include <unistd.h>

#include "caps_fixture.h"

static const char *const names[] = {"Narrator", "Riz Ahmed", "The Interviewer"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};
static const fx_turn turns[] = {
    {0, "Riz Ahmed plays a drummer who loses his hearing."},
    {2, "How did it feel when you first saw the film with an audience?"},
    {1, "Man, I'm so excited, dude. It was overwhelming, honestly.\nRight."},
};

/* Writes `text` to a temporary file, runs the parser on it and returns its output
 * ("<cues> <errors>" and the errors). Caller frees. */
static char *parse_vtt(const char *text, int *exit_code) {
  char path[] = "/tmp/vc-vtt-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  fputs(text, f);
  fclose(f);
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "cd '%s/tests/node' && node check-vtt.js '%s' 2>&1",
           VC_SOURCE_DIR, path);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  char *out = fx_slurp(p);
  int rc = pclose(p);
  *exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  unlink(path);
  return out;
}

static const char *const untrusted_names[] = {"Narrator", "Smith, Jones & Co <Ltd>",
                                              "A > B\n--> C"};
static const fx_turn untrusted[] = {
    {1, "Say {\\an8} then <b>tag</b> <script>x</script> & &amp; &lt;."},
    {2, "Does --> or \\N survive? <00:00:01.000> <v Other>"},
    {1, "00:00:01.000 --> 00:00:02.000\n\n2\n00:00:03,000 --> 00:00:04,000"},
};

static void check_case(const char *const *nm, const fx_turn *t, size_t nt, unsigned flags) {
  fx f;
  fx_build(&f, nm, roles, 3, t, nt);
  assert_int_equal(vc_cues_build(&f.script, &f.tl, &f.cues), VC_OK);
  vc_doc d = fx_doc(&f, flags);
  vc_status st;
  char *text = fx_write(vc_write_vtt, &d, &st);
  assert_int_equal(st, VC_OK);
  int rc = -1;
  char *out = parse_vtt(text, &rc);
  fprintf(stderr, "%s", out);
  char want[64];
  snprintf(want, sizeof want, "%zu 0\n", f.cues->n);
  assert_int_equal(rc, 0);
  assert_string_equal(out, want);
  free(out);
  free(text);
  fx_free(&f);
}

static void test_parser_accepts(void **state) {
  (void)state;
  check_case(names, turns, 3, 0);
}

static void test_parser_accepts_karaoke(void **state) {
  (void)state;
  check_case(names, turns, 3, VC_DOC_KARAOKE);
}

static void test_parser_accepts_untrusted(void **state) {
  (void)state;
  check_case(untrusted_names, untrusted, 3, 0);
  check_case(untrusted_names, untrusted, 3, VC_DOC_KARAOKE);
}

/* The check itself can fail: a cue that ends before it starts is an error. */
static void test_parser_rejects(void **state) {
  (void)state;
  int rc = -1;
  char *out = parse_vtt("WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nx\n", &rc);
  assert_int_equal(rc, 1);
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parser_accepts),
      cmocka_unit_test(test_parser_accepts_karaoke),
      cmocka_unit_test(test_parser_accepts_untrusted),
      cmocka_unit_test(test_parser_rejects),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
