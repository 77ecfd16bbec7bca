/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: help, version, usage errors and exit codes, through vc_cli_run(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_fixture.h"
#include "program.h"
#include "util_fs.h"
#include "voicecap/voicecap.h"

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
  assert_non_null(
      strstr(r.out, "the output is the same whatever the number [render, batch]"));
  assert_non_null(
      strstr(r.out, "--format=F        output format: tsv (default) or json [segment]"));
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

/* Every spelling getopt_long accepts reaches the option: the value shows in its error. */
static void test_short_and_long_forms(void **state) {
  (void)state;
  const char *forms[][4] = {
      {"-jx", NULL}, {"-j", "x"}, {"--jobs=x", NULL}, {"--jobs", "x"}};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    const char *argv[] = {"voicecap", "batch", forms[i][0], forms[i][1], "dir"};
    int argc = forms[i][1] ? 5 : 4;
    if (!forms[i][1])
      argv[3] = "dir";
    run_result r = run(argc, argv);
    assert_int_equal(r.rc, 2);
    assert_non_null(strstr(r.err, "--jobs wants a number from 1 to 256, not 'x'"));
    run_free(&r);
  }
}

/* -o DIR in its four spellings: the render fails creating DIR below a plain file, and
 * the message names that DIR (so the option got the value, not the default "out"). */
static void test_out_dir_forms(void **state) {
  (void)state;
  char dir[] = "/tmp/vc-cli-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char text[64], blocker[64], out[80], joined[96];
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  snprintf(blocker, sizeof blocker, "%s/plain", dir);
  snprintf(out, sizeof out, "%s/sub", blocker);
  snprintf(joined, sizeof joined, "-o%s", out);
  FILE *f = fopen(text, "w");
  assert_non_null(f);
  fputs("Q: Is this a test?\nA: It is only a test.\n", f);
  fclose(f);
  f = fopen(blocker, "w");
  assert_non_null(f);
  fclose(f);
  char long_joined[96];
  snprintf(long_joined, sizeof long_joined, "--out=%s", out);
  const char *argvs[][5] = {{"voicecap", "render", joined, text, NULL},
                            {"voicecap", "render", "-o", out, text},
                            {"voicecap", "render", long_joined, text, NULL},
                            {"voicecap", "render", text, "--out", out}};
  for (size_t i = 0; i < 4; i++) {
    run_result r = run(argvs[i][4] ? 5 : 4, argvs[i]);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, out));
    assert_non_null(strstr(r.err, "cannot create folder"));
    run_free(&r);
  }
  unlink(blocker);
  unlink(text);
  rmdir(dir);
}

/* An option another command takes is a usage error naming the option and the command. */
static void test_option_not_for_command(void **state) {
  (void)state;
  struct {
    const char *argv[4], *named, *cmd;
  } cases[] = {
      {{"voicecap", "check", "-j2", "x.srt"}, "'-j'", "'check'"},
      {{"voicecap", "segment", "--voices=v", "x.txt"}, "'--voices'", "'segment'"},
      {{"voicecap", "check", "--karaoke", "x.srt"}, "'--karaoke'", "'check'"},
      {{"voicecap", "batch", "--format", "json"}, "'--format'", "'batch'"},
      {{"voicecap", "voices", "-o", "dir"}, "'-o'", "'voices'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run_result r = run(4, cases[i].argv);
    assert_int_equal(r.rc, 2);
    assert_non_null(strstr(r.err, cases[i].named));
    assert_non_null(strstr(r.err, cases[i].cmd));
    assert_non_null(strstr(r.err, "does not apply"));
    run_free(&r);
  }
}

/* Unknown options, missing values and values given to a switch are named. */
static void test_bad_option_messages(void **state) {
  (void)state;
  struct {
    const char *argv[3], *expect;
  } cases[] = {
      {{"voicecap", "render", "--bogus=1"}, "unknown option '--bogus'"},
      {{"voicecap", "render", "-z"}, "unknown option '-z'"},
      {{"voicecap", "render", "-o"}, "option '-o' needs a value"},
      {{"voicecap", "render", "--out"}, "option '--out' needs a value"},
      {{"voicecap", "render", "--karaoke=yes"}, "option '--karaoke' takes no value"},
      {{"voicecap", "render", "--ver"}, "'--ver' is ambiguous: --verbose --version"},
      {{"voicecap", "--quiet", "render"}, "the command comes first"},
      {{"voicecap", "help", "frobnicate"}, "unknown command 'frobnicate'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run_result r = run(3, cases[i].argv);
    assert_int_equal(r.rc, 2);
    assert_non_null(strstr(r.err, cases[i].expect));
    run_free(&r);
  }
}

/* `voicecap COMMAND --help` and `voicecap help COMMAND` list that command's options only.
 */
static void test_command_help(void **state) {
  (void)state;
  const char *a1[] = {"voicecap", "segment", "--help"};
  const char *a2[] = {"voicecap", "help", "segment"};
  const char *a3[] = {"voicecap", "batch", "-h"};
  run_result r1 = run(3, a1), r2 = run(3, a2), r3 = run(3, a3);
  assert_int_equal(r1.rc, 0);
  assert_int_equal(r2.rc, 0);
  assert_int_equal(r3.rc, 0);
  assert_string_equal(r1.out, r2.out);
  assert_non_null(strstr(r1.out, "Usage: voicecap segment"));
  assert_non_null(strstr(r1.out, "--format"));
  assert_null(strstr(r1.out, "--jobs"));
  assert_null(strstr(r1.out, "--out"));
  assert_non_null(strstr(r3.out, "--jobs"));
  assert_null(strstr(r3.out, "--format"));
  run_free(&r1);
  run_free(&r2);
  run_free(&r3);
  const char *bad[] = {"voicecap", "help", "frobnicate"};
  run_result r = run(3, bad);
  assert_int_equal(r.rc, 2);
  assert_non_null(strstr(r.err, "frobnicate"));
  run_free(&r);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* A scratch folder holding talk.txt, a short text; `path` receives the folder. */
static void scratch(char *dir, size_t n) {
  snprintf(dir, n, "/tmp/vc-cli-XXXXXX");
  assert_non_null(mkdtemp(dir));
  char text[256];
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  write_file(text, "Q: Is this a test?\nA: It is only a test.\n");
}

static void remove_tree(const char *dir) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

/* batch takes folders and files: one that does not exist is named, exit 1. */
static void test_batch_missing_input_named(void **state) {
  (void)state;
  char dir[64], text[128];
  scratch(dir, sizeof dir);
  snprintf(text, sizeof text, "%s/absent.txt", dir);
  const char *argv[] = {"voicecap", "batch", "-o", dir, text};
  run_result r = run(5, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, text));
  assert_non_null(strstr(r.err, "no such file or folder"));
  run_free(&r);
  remove_tree(dir);
}

/* A voice file naming a language or variant espeak-ng lacks: the message names the file
 * and the value, not "calibration failed: invalid configuration". */
static void test_unknown_espeak_voice(void **state) {
  (void)state;
  char dir[64], cmd[512], voices[128], text[128], out[128];
  scratch(dir, sizeof dir);
  snprintf(voices, sizeof voices, "%s/voices", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  snprintf(cmd, sizeof cmd,
           "mkdir '%s' && cp '%s'/voices/*.ini '%s' && "
           "sed -i 's/^language *=.*/language = xx-nowhere/' '%s/narrator.ini'",
           voices, VC_SOURCE_DIR, voices, voices);
  assert_int_equal(system(cmd), 0);
  const char *argv[] = {"voicecap", "render", "--voices", voices, "-o", out, text};
  run_result r = run(7, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, "/voices/narrator.ini"));
  assert_non_null(strstr(r.err, "xx-nowhere"));
  assert_null(strstr(r.err, "calibration failed"));
  run_free(&r);
  /* a variant espeak-ng lacks would be spoken with its default variant: an error too */
  snprintf(cmd, sizeof cmd,
           "cp '%s'/voices/narrator.ini '%s' && "
           "sed -i 's/^variant *=.*/variant = zz9/' '%s/narrator.ini'",
           VC_SOURCE_DIR, voices, voices);
  assert_int_equal(system(cmd), 0);
  r = run(7, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(
      strstr(r.err, "/voices/narrator.ini: variant = zz9: espeak-ng has no such"));
  run_free(&r);
  remove_tree(dir);
}

/* A data folder without the data: the message names the file and $VOICECAP_DATA. */
static void test_missing_data_names_env(void **state) {
  (void)state;
  char dir[64], text[128];
  scratch(dir, sizeof dir);
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  setenv("VOICECAP_DATA", dir, 1);
  const char *argv[] = {"voicecap", "render", "-o", dir, text};
  run_result r = run(5, argv);
  unsetenv("VOICECAP_DATA");
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, dir));
  assert_non_null(strstr(r.err, "pronunciations.tsv"));
  assert_non_null(strstr(r.err, "$VOICECAP_DATA"));
  run_free(&r);
  remove_tree(dir);
}

static int exists(const char *dir, const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return access(path, R_OK) == 0;
}

/* `render -` reads the interview from standard input; --name names the outputs (default
 * "stdin"); --verbose notes each stage on stderr; --quiet prints nothing on success. */
static void test_render_stdin(void **state) {
  (void)state;
  char dir[64], text[128], out[128];
  scratch(dir, sizeof dir);
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  assert_non_null(freopen(text, "r", stdin));
  const char *named[] = {"voicecap", "render", "--verbose", "--name",
                         "chat",     "-o",     out,         "-"};
  run_result r = run(8, named);
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, "rendered chat"));
  const char *six[] = {"chat.wav", "chat.srt",  "chat.vtt",
                       "chat.ass", "chat.json", "chat.transcript.txt"};
  for (size_t i = 0; i < 6; i++)
    assert_true(exists(out, six[i]));
  /* one question and its answer under Q:/A: are read as a Q&A exchange */
  assert_non_null(strstr(r.err, "voicecap: chat: 4 turns, 3 speakers"));
  assert_non_null(strstr(r.err, "narrator.ini"));
  assert_non_null(strstr(r.err, "/out/chat.wav"));
  run_free(&r);

  assert_non_null(freopen(text, "r", stdin));
  const char *quiet[] = {"voicecap", "render", "-q", "-o", out, "-"};
  r = run(6, quiet);
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.out_len, 0);
  assert_int_equal(r.err_len, 0);
  assert_true(exists(out, "stdin.wav"));
  assert_true(exists(out, "stdin.srt"));
  run_free(&r);

  /* check --quiet prints nothing for a file that passes; without it, an ok line */
  char srt[160];
  snprintf(srt, sizeof srt, "%s/chat.srt", out);
  const char *check_q[] = {"voicecap", "check", "--quiet", srt};
  const char *check[] = {"voicecap", "check", srt};
  r = run(4, check_q);
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.out_len, 0);
  run_free(&r);
  r = run(3, check);
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, ": ok:"));
  run_free(&r);
  remove_tree(dir);
}

/* `segment -` reads standard input; a bad byte there is reported as "stdin". */
static void test_segment_stdin(void **state) {
  (void)state;
  char dir[64], text[128], bad[128];
  scratch(dir, sizeof dir);
  snprintf(text, sizeof text, "%s/talk.txt", dir);
  snprintf(bad, sizeof bad, "%s/bad.txt", dir);
  write_file(bad, "Q: Fine?\nA: Caf\xe9.\n");
  assert_non_null(freopen(text, "r", stdin));
  const char *argv[] = {"voicecap", "segment", "--format=json", "-"};
  run_result r = run(4, argv);
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, "It is only a test."));
  run_free(&r);
  assert_non_null(freopen(bad, "r", stdin));
  r = run(4, argv);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.err, "stdin: invalid UTF-8 at byte"));
  run_free(&r);
  remove_tree(dir);
}

/* Misuses of '-', --name, --quiet and --verbose are usage errors saying what is wrong. */
static void test_stdin_usage_errors(void **state) {
  (void)state;
  struct {
    int argc;
    const char *argv[5], *expect;
  } cases[] = {
      {4, {"voicecap", "render", "-", "-"}, "only once"},
      {4, {"voicecap", "render", "--name=x", "a.txt"}, "no input is '-'"},
      {4, {"voicecap", "render", "--name=a/b", "-"}, "not 'a/b'"},
      {4, {"voicecap", "render", "--name=.x", "-"}, "not '.x'"},
      {5, {"voicecap", "render", "-q", "-v", "a.txt"}, "--quiet and --verbose"},
      {3, {"voicecap", "batch", "-"}, "batch does not read standard input"},
      {4, {"voicecap", "voices", "-", "a.txt"}, "must be the only FILE"},
      {4, {"voicecap", "segment", "--name=x", "-"}, "'--name' does not apply to 'segment'"},
      {4, {"voicecap", "segment", "-v", "-"}, "'-v' does not apply to 'segment'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run_result r = run(cases[i].argc, cases[i].argv);
    assert_int_equal(r.rc, 2);
    if (!strstr(r.err, cases[i].expect))
      fail_msg("case %zu: '%s' lacks '%s'", i, r.err, cases[i].expect);
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
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_help_lists_commands),
      cmocka_unit_test(test_usage_errors_exit_2),
      cmocka_unit_test(test_short_and_long_forms),
      cmocka_unit_test(test_out_dir_forms),
      cmocka_unit_test(test_option_not_for_command),
      cmocka_unit_test(test_bad_option_messages),
      cmocka_unit_test(test_command_help),
      cmocka_unit_test(test_batch_missing_input_named),
      cmocka_unit_test(test_unknown_espeak_voice),
      cmocka_unit_test(test_missing_data_names_env),
      cmocka_unit_test(test_render_stdin),
      cmocka_unit_test(test_segment_stdin),
      cmocka_unit_test(test_stdin_usage_errors),
      cmocka_unit_test(test_missing_file_names_it),
      cmocka_unit_test(test_path_helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
