/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SRT neutralisation of untrusted text, and FFmpeg (the reader inside mpv and many
 * players) reading SRT, WebVTT and ASS with one subtitle per cue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sys/wait.h>
#include <unistd.h>

#include "caps_fixture.h"

static const char *const names[] = {"Narrator", "Smith, Jones & Co", "Q&A Desk"};
static const vc_role roles[] = {VC_ROLE_NARRATOR, VC_ROLE_INTERVIEWEE, VC_ROLE_INTERVIEWER};
static const fx_turn turns[] = {
    {1, "Say {\\an8} then {\\b1}bold{\\b0} and <b>tag</b> <script>x</script>."},
    {2, "Does --> or &amp; or \\N survive?"},
    {1, "00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,000"},
};

static void build(fx *f) {
  fx_build(f, names, roles, 3, turns, 3);
  assert_int_equal(vc_cues_build(&f->script, &f->tl, &f->cues), VC_OK);
}

static int is_timing_line(const char *line) {
  return strlen(line) == 29 && strstr(line, " --> ") == line + 12;
}

/* How SRT shows markup-shaped text: '<' '>' as U+02C2 U+02C3, '{' '}' as U+2774 U+2775,
 * "\N" with U+2060 after the backslash, "&amp;" with U+2060 after the '&'. */
static void test_neutralised(void **state) {
  (void)state;
  fx f;
  build(&f);
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *srt = fx_write(vc_write_srt, &d, &st);
  assert_int_equal(st, VC_OK);
  assert_non_null(strstr(srt, "\xE2\x9D\xB4\\an8\xE2\x9D\xB5"));
  assert_non_null(strstr(srt, "\xCB\x82"
                              "b\xCB\x83tag\xCB\x82/b\xCB\x83"));
  assert_non_null(strstr(srt, "--\xCB\x83 or &\xE2\x81\xA0"
                              "amp;"));
  assert_non_null(strstr(srt, "\\\xE2\x81\xA0N survive?"));
  assert_non_null(strstr(srt, "--\xCB\x83 00:00:02,000"));
  assert_non_null(strstr(srt, "00:00:03,000 --\xCB\x83 00:00:04,000"));
  /* Only the writer's own timing lines contain "-->"; nothing else is markup. */
  size_t timing = 0;
  for (char *line = strtok(srt, "\n"); line; line = strtok(NULL, "\n")) {
    if (is_timing_line(line)) {
      timing++;
      continue;
    }
    assert_null(strstr(line, "-->"));
    assert_null(strchr(line, '<'));
    assert_null(strchr(line, '{'));
  }
  assert_int_equal(timing, f.cues->n);
  free(srt);
  fx_free(&f);
}

/* Number of subtitles FFmpeg reads from `text` (written to a file with `ext`). */
static int ffmpeg_count(const char *text, const char *ext) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/vc-srt-XXXXXX.%s", ext);
  int fd = mkstemps(path, (int)strlen(ext) + 1);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  fputs(text, f);
  fclose(f);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "ffmpeg -nostdin -v error -i '%s' -f ass - 2>&1", path);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  char line[4096];
  int n = 0;
  while (fgets(line, sizeof line, p))
    n += strncmp(line, "Dialogue:", 9) == 0;
  int rc = pclose(p);
  unlink(path);
  return WIFEXITED(rc) && WEXITSTATUS(rc) == 0 ? n : -1;
}

static void test_ffmpeg_counts(void **state) {
  (void)state;
  fx f;
  build(&f);
  vc_doc d = fx_doc(&f, 0);
  static const struct {
    const char *ext;
    vc_status (*fn)(FILE *, const vc_doc *);
  } w[] = {{"srt", vc_write_srt}, {"vtt", vc_write_vtt}, {"ass", vc_write_ass}};
  for (size_t i = 0; i < 3; i++) {
    vc_status st;
    char *text = fx_write(w[i].fn, &d, &st);
    assert_int_equal(st, VC_OK);
    assert_int_equal(ffmpeg_count(text, w[i].ext), (int)f.cues->n);
    free(text);
  }
  fx_free(&f);
}

/* The counter and times: "1", "HH:MM:SS,mmm --> HH:MM:SS,mmm", lines, a blank line. */
static void test_layout(void **state) {
  (void)state;
  fx f;
  build(&f);
  vc_doc d = fx_doc(&f, 0);
  vc_status st;
  char *srt = fx_write(vc_write_srt, &d, &st);
  char first[64], t[32];
  vc_cap_time_ms(t, sizeof t, f.cues->cues[0].start_ms, ',');
  snprintf(first, sizeof first, "1\n%s --> ", t);
  assert_memory_equal(srt, first, strlen(first));
  assert_memory_equal(srt, "1\n00:00:00,", 11);
  assert_null(strstr(srt, "\n\n\n"));
  assert_true((unsigned char)srt[0] != 0xEF); /* no BOM */
  size_t n = strlen(srt);
  assert_true(n > 2 && srt[n - 1] == '\n' && srt[n - 2] == '\n');
  free(srt);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_neutralised),
      cmocka_unit_test(test_ffmpeg_counts),
      cmocka_unit_test(test_layout),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
