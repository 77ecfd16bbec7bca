/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caption checker on hand-written files: good ones pass, each bad one fails with
 * the message that names its problem. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voicecap/check.h"

#define DATA VC_SOURCE_DIR "/tests/data/check/"

typedef struct run_result {
  int rc;
  char *out, *err;
  size_t out_len, err_len;
} run_result;

static run_result run_paths(char *const *paths, size_t n, const vc_check_opts *o) {
  run_result r = {0};
  FILE *out = open_memstream(&r.out, &r.out_len);
  FILE *err = open_memstream(&r.err, &r.err_len);
  r.rc = vc_check_files(paths, n, o, out, err);
  fclose(out);
  fclose(err);
  return r;
}

static run_result run1(const char *path) {
  char *paths[] = {(char *)path};
  return run_paths(paths, 1, NULL);
}

static void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

static void test_good_files_pass(void **state) {
  (void)state;
  static const char *const good[] = {
      DATA "good.srt",
      DATA "good.vtt",
      DATA "good.ass",
      /* the caption writers' golden files */
      VC_SOURCE_DIR "/tests/data/captions/basic.srt",
      VC_SOURCE_DIR "/tests/data/captions/basic.vtt",
      VC_SOURCE_DIR "/tests/data/captions/basic.ass",
      VC_SOURCE_DIR "/tests/data/captions/karaoke.vtt",
      VC_SOURCE_DIR "/tests/data/captions/karaoke.ass",
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    run_result r = run1(good[i]);
    if (r.rc != 0)
      fprintf(stderr, "%s", r.out);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, ": ok: "));
    assert_null(strstr(r.out, "FAIL"));
    run_free(&r);
  }
}

static void test_good_summary_figures(void **state) {
  (void)state;
  run_result r = run1(DATA "good.vtt");
  assert_string_equal(r.out,
                      DATA "good.vtt: ok: 4 cues; longest line 36 characters (cue 1); "
                           "cues 1.000 s (cue 4) to 2.450 s (cue 2); reading rate max "
                           "17.5 characters/s (cue 3), 23.0 counting speaker labels "
                           "(cue 3)\n");
  run_free(&r);
}

/* Each bad file and a message its report must contain. */
static const struct {
  const char *file, *message;
} vc_bad[] = {
    {"bad_bom.srt", "line 1: starts with a byte order mark"},
    {"bad_counter.srt", "line 5: cue number 3, expected 2"},
    {"bad_timing.srt", "line 2: timing line '00:00:01.000 --> 00:00:03.000' is not "
                       "HH:MM:SS,mmm --> HH:MM:SS,mmm"},
    {"bad_blank.srt", "line 5: text 'and welcome.' after the blank line that ended cue 1"},
    {"bad_lines.srt", "cue 1 (00:00:01.000): 3 lines (max 2)"},
    {"bad_long.srt", "cue 2 (00:00:05.000): 1 line over 42 characters: 43"},
    {"bad_short.srt", "cue 1 (00:00:01.000): lasts 0.500 s (min 0.833 s)"},
    {"bad_longcue.srt", "cue 1 (00:00:01.000): lasts 8.000 s (max 7 s)"},
    {"bad_rate.srt",
     "cue 1 (00:00:01.000): reading rate 26.0 characters/s (max 20, speaker "
     "label not counted): 26 characters in 1.000 s, needs 1.300 s"},
    {"bad_fits.srt", "cue 1 (00:00:01.000): two lines where one of 28 characters fits"},
    {"bad_badend.srt", "cue 1 (00:00:01.000): line 1 ends on 'the', an article"},
    {"bad_name.srt", "cue 1 (00:00:01.000): the name 'Derek Cianfrance,' is split across "
                     "lines"},
    {"bad_overlap.srt", "cue 2 (00:00:02.800): overlaps cue 1 by 200 ms"},
    {"bad_gap.srt", "cue 2 (00:00:03.200): starts 200 ms after cue 1 ends"},
    {"bad_nolabel.srt", "cue 1 (00:00:01.000): the first cue does not start with the "
                        "speaker's label"},
    {"bad_markup.srt", "line 3: text '<i>morning</i>.' is hidden by players as a tag"},
    {"bad_traps.srt", "line 3: text '{\\an8} here,' starts an override block"},
    {"bad_traps.srt", "line 4: text '\\N break.' is a line break or space"},
    {"bad_traps.srt", "line 8: text '&amp;A and x --> y.' is decoded as a character "
                      "reference"},
    {"bad_utf8.srt", "line 3: invalid UTF-8 at byte 47"},
    {"bad_header.vtt", "line 1: the file does not start with the header 'WEBVTT'"},
    {"bad_timing.vtt", "line 3: '00:00:01,000 --> 00:00:03,000' is not a timing line"},
    {"bad_novoice.vtt", "cue 1 (00:00:01.000): not in a <v Name> voice span"},
    {"bad_amp.vtt", "cue 1 (00:00:01.000): raw '&' in cue text (escape it as &amp;)"},
    {"bad_lt.vtt", "cue 1 (00:00:01.000): raw '<' in cue text (escape it as &lt;)"},
    {"bad_tag.vtt", "cue 1 (00:00:01.000): text '<script>' is read as an unknown tag"},
    {"bad_arrow.vtt", "line 5: '-->' in cue text ends the cue"},
    {"bad_label.vtt", "cue 2 (00:00:03.000): speaker changes to 'Ben Ortiz' but the cue "
                      "does not start with 'NAME: '"},
    {"bad_wronglabel.vtt", "cue 2 (00:00:03.000): label 'ANA LIMA:' does not name the "
                           "speaker 'Ben Ortiz'"},
    {"bad_relabel.vtt", "cue 3 (00:00:05.000): label 'LIMA:' differs from 'ANA LIMA:' used "
                        "before for 'Ana Lima'"},
    {"bad_stamp.vtt", "cue 1 (00:00:01.000): timestamp tag '<00:00:04.000>' must fall "
                      "inside the cue"},
    {"bad_times.ass", "line 15: time '0:00:01.000' is not H:MM:SS.cc (two decimals"},
    {"bad_style.ass", "libass warning: Warning: no style named 'Ana' found"},
    {"bad_style.ass", "cue 1 (00:00:01.000): style 'Ana' is not defined in [V4+ Styles]"},
    {"bad_libass.ass", "libass warning: Bad timestamp"},
    {"bad_noname.ass", "cue 1 (00:00:01.000): Name field is empty"},
    {"bad_shared.ass", "cue 2 (00:00:03.000): style 'Ana Lima' is shared by 'Ana Lima' and "
                       "'Ben Ortiz'"},
    {"bad_twostyles.ass", "cue 2 (00:00:03.000): speaker 'Ana Lima' has style 'Ben Ortiz' "
                          "here, 'Ana Lima' before"},
    {"bad_label.ass", "cue 2 (00:00:03.000): speaker changes to 'Ben Ortiz'"},
    {"bad_colour.ass", "cue 1 (00:00:01.000): colour override '\\c' in the text"},
    {"bad_lines.ass", "cue 1 (00:00:01.000): 3 lines (max 2)"},
    {"bad_header.ass", "line 3: ScriptType is 'v4.00', expected v4.00+"},
    {"bad_header.ass", "[Script Info] does not set ScaledBorderAndShadow"},
    {"bad_header.ass", "[Script Info] does not set WrapStyle"},
};

static void test_bad_files_fail(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof vc_bad / sizeof vc_bad[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, DATA "%s", vc_bad[i].file);
    run_result r = run1(path);
    char want[1100];
    snprintf(want, sizeof want, "%s: %s", path, vc_bad[i].message);
    if (r.rc != 1 || !strstr(r.out, want))
      fprintf(stderr, "want: %s\ngot:\n%s", want, r.out);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.out, want));
    assert_non_null(strstr(r.out, ": FAIL ("));
    assert_int_equal(r.err_len, 0);
    run_free(&r);
  }
}

/* The writers' untrusted-text goldens: their escaping passes every rule, so each file
 * gives exactly one line, its "ok" summary. */
static void test_untrusted_escaping_accepted(void **state) {
  (void)state;
  static const char *const files[] = {VC_SOURCE_DIR "/tests/data/captions/untrusted.srt",
                                      VC_SOURCE_DIR "/tests/data/captions/untrusted.vtt",
                                      VC_SOURCE_DIR "/tests/data/captions/untrusted.ass"};
  for (size_t i = 0; i < 3; i++) {
    run_result r = run1(files[i]);
    size_t lines = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), lines++) {
      if (!strstr(line, ": ok: "))
        fprintf(stderr, "unexpected: %s\n", line);
      assert_non_null(strstr(line, ": ok: "));
    }
    assert_int_equal(lines, 1);
    assert_int_equal(r.rc, 0);
    run_free(&r);
  }
}

static void test_counts_failing_files(void **state) {
  (void)state;
  char *paths[] = {DATA "good.srt", DATA "bad_gap.srt", DATA "good.ass",
                   DATA "bad_rate.srt"};
  run_result r = run_paths(paths, 4, NULL);
  assert_int_equal(r.rc, 2);
  run_free(&r);
}

static void test_usage_problems(void **state) {
  (void)state;
  char *txt[] = {DATA "good.srt", DATA "notes.txt"};
  run_result r = run_paths(txt, 2, NULL);
  assert_int_equal(r.rc, -1);
  assert_non_null(strstr(r.err, "notes.txt: not a caption file"));
  assert_int_equal(r.out_len, 0); /* nothing checked */
  run_free(&r);

  r = run_paths(NULL, 0, NULL);
  assert_int_equal(r.rc, -1);
  assert_non_null(strstr(r.err, "at least one caption FILE"));
  run_free(&r);

  char *srt[] = {DATA "good.srt"};
  vc_check_opts o = {.audio_path = DATA "missing.wav"};
  r = run_paths(srt, 1, &o);
  assert_int_equal(r.rc, -1);
  assert_non_null(strstr(r.err, "missing.wav: cannot read audio"));
  run_free(&r);
}

static void test_missing_file_fails(void **state) {
  (void)state;
  run_result r = run1(DATA "missing.vtt");
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.out, "missing.vtt: cannot check: No such file"));
  run_free(&r);
}

static void test_extension_any_case(void **state) {
  (void)state;
  char dir[] = "/tmp/vc_check_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  snprintf(path, sizeof path, "%s/GOOD.SRT", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("1\n00:00:01,000 --> 00:00:02,000\nANA LIMA: Hello.\n", f);
  fclose(f);
  run_result r = run1(path);
  assert_int_equal(r.rc, 0);
  run_free(&r);
  remove(path);
  remove(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_files_pass),
      cmocka_unit_test(test_good_summary_figures),
      cmocka_unit_test(test_bad_files_fail),
      cmocka_unit_test(test_untrusted_escaping_accepted),
      cmocka_unit_test(test_counts_failing_files),
      cmocka_unit_test(test_usage_problems),
      cmocka_unit_test(test_missing_file_fails),
      cmocka_unit_test(test_extension_any_case),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
