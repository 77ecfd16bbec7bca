/* The command line: help, version, usage errors and exit codes, through vc_cli_run(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "util_fs.h"
#include "voicecap/voicecap.h"

typedef struct run_result {
  int rc;
  char *out, *err;
  size_t out_len, err_len;
} run_result;

static run_result run(int argc, const char **argv) {
  run_result r = {0};
  FILE *out = open_memstream(&r.out, &r.out_len);
  FILE *err = open_memstream(&r.err, &r.err_len);
  r.rc = vc_cli_run(argc, (char **)argv, out, err);
  fclose(out);
  fclose(err);
  return r;
}

static void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

static void test_version(void **state) {
  (void)state;
  const char *argv[] = {"voicecap", "--version"};
  run_result r = run(2, argv);
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, "voicecap "));
  run_free(&r);
}

static void test_help_lists_commands(void **state) {
  (void)state;
  const char *argv[] = {"voicecap", "--help"};
  run_result r = run(2, argv);
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, "render"));
  assert_non_null(strstr(r.out, "batch"));
  assert_non_null(strstr(r.out, "segment"));
  run_free(&r);
}

static void test_usage_errors_exit_2(void **state) {
  (void)state;
  const char *none[] = {"voicecap"};
  const char *unknown_cmd[] = {"voicecap", "frobnicate"};
  const char *unknown_opt[] = {"voicecap", "render", "--bogus", "x.txt"};
  const char *no_file[] = {"voicecap", "render"};
  const char *bad_jobs[] = {"voicecap", "batch", "-j", "zero", "seeds"};
  const char *bad_format[] = {"voicecap", "segment", "--format", "xml", "x.txt"};
  const char *check_nothing[] = {"voicecap", "check"};
  const char *check_bad_ext[] = {"voicecap", "check", "captions.doc"};
  struct {
    int argc;
    const char **argv;
  } cases[] = {{1, none},     {2, unknown_cmd}, {4, unknown_opt},   {2, no_file},
               {5, bad_jobs}, {5, bad_format},  {2, check_nothing}, {3, check_bad_ext}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run_result r = run(cases[i].argc, cases[i].argv);
    assert_int_equal(r.rc, 2);
    assert_true(r.err_len > 0);
    run_free(&r);
  }
}

static void test_missing_file_names_it(void **state) {
  (void)state;
  const char *argv[] = {"voicecap", "segment", "/nonexistent/interview.txt"};
  run_result r = run(3, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, "/nonexistent/interview.txt"));
  run_free(&r);
}

static void test_path_helpers(void **state) {
  (void)state;
  char *s = vc_path_stem("dir/sub/000_abc.txt");
  assert_string_equal(s, "000_abc");
  free(s);
  s = vc_path_stem("notes.md");
  assert_string_equal(s, "notes.md");
  free(s);
  s = vc_path_join("out", "a.wav");
  assert_string_equal(s, "out/a.wav");
  char *t = vc_temp_path(s);
  assert_non_null(strstr(t, "out/.a.wav.tmp-"));
  free(t);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_help_lists_commands),
      cmocka_unit_test(test_usage_errors_exit_2),
      cmocka_unit_test(test_missing_file_names_it),
      cmocka_unit_test(test_path_helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
