/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caption checker against audio: sine bursts written with libsndfile, captions that
 * cover them, miss one, start early or sit on silence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voicecap/check.h"

enum { RATE = 16000 };

/* Bursts of the test audio, in ms: one per cue of good.srt, then one no cue covers. */
static const int64_t vc_bursts[][2] = {
    {1000, 2800}, {3050, 5300}, {6000, 7500}, {8000, 8800}, {9200, 9900}};

typedef struct fixture {
  char dir[32];
  char wav[64], wav_covered[64], srt[64];
} fixture;

/* Writes a 10 s mono WAV with 440 Hz bursts (the first n of vc_bursts) and a faint hiss
 * (-80 dBFS) that must not count as speech. */
static void write_wav(const char *path, size_t n) {
  SF_INFO info = {
      .samplerate = RATE, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
  SNDFILE *f = sf_open(path, SFM_WRITE, &info);
  assert_non_null(f);
  static float pcm[RATE * 10];
  unsigned seed = 1;
  for (size_t i = 0; i < sizeof pcm / sizeof pcm[0]; i++) {
    int64_t ms = (int64_t)i * 1000 / RATE;
    seed = seed * 1103515245u + 12345u;
    pcm[i] = (float)(((seed >> 16) & 0x7FFF) / 32768.0 - 0.5) * 0.0002f;
    for (size_t k = 0; k < n; k++)
      if (ms >= vc_bursts[k][0] && ms < vc_bursts[k][1])
        pcm[i] = (float)(0.5 * sin(2 * M_PI * 440.0 * (double)i / RATE));
  }
  assert_int_equal(sf_writef_float(f, pcm, RATE * 10), RATE * 10);
  sf_close(f);
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  snprintf(fx->dir, sizeof fx->dir, "/tmp/vc_check_XXXXXX");
  if (!fx || !mkdtemp(fx->dir))
    return -1;
  snprintf(fx->wav, sizeof fx->wav, "%s/all.wav", fx->dir);
  snprintf(fx->wav_covered, sizeof fx->wav_covered, "%s/covered.wav", fx->dir);
  snprintf(fx->srt, sizeof fx->srt, "%s/t.srt", fx->dir);
  write_wav(fx->wav, 5);
  write_wav(fx->wav_covered, 4);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  remove(fx->wav);
  remove(fx->wav_covered);
  remove(fx->srt);
  rmdir(fx->dir);
  free(fx);
  return 0;
}

typedef struct run_result {
  int rc;
  char *out, *err;
  size_t out_len, err_len;
} run_result;

static run_result run(const char *captions, const char *wav, double max_uncovered) {
  run_result r = {0};
  FILE *out = open_memstream(&r.out, &r.out_len);
  FILE *err = open_memstream(&r.err, &r.err_len);
  char *paths[] = {(char *)captions};
  vc_check_opts o = {.audio_path = wav, .max_uncovered = max_uncovered};
  r.rc = vc_check_files(paths, 1, &o, out, err);
  fclose(out);
  fclose(err);
  return r;
}

static void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

static void test_covered_speech_passes(void **state) {
  fixture *fx = *state;
  static const char *const files[] = {"good.srt", "good.vtt", "good.ass"};
  for (size_t i = 0; i < 3; i++) {
    char path[512];
    snprintf(path, sizeof path, VC_SOURCE_DIR "/tests/data/check/%s", files[i]);
    run_result r = run(path, fx->wav_covered, 0);
    if (r.rc != 0)
      fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.rc, 0);
    /* 1.80 + 2.25 + 1.50 + 0.80 s of bursts */
    assert_non_null(strstr(r.out, "; speech outside cues 0.00% of 6.35 s (max 1.00%)\n"));
    run_free(&r);
  }
}

static void test_uncovered_speech_fails(void **state) {
  fixture *fx = *state;
  const char *srt = VC_SOURCE_DIR "/tests/data/check/good.srt";
  run_result r = run(srt, fx->wav, 0);
  assert_int_equal(r.rc, 1);
  /* 0.70 s of 7.05 s */
  assert_non_null(strstr(r.out,
                         "good.srt: 9.93% of the speech (0.70 s of 7.05 s) is outside "
                         "every cue (max 1.00%)\n"));
  assert_non_null(strstr(r.out, "good.srt: speech outside every cue from 00:00:09.200 to "
                                "00:00:09.900 (700 ms)\n"));
  run_free(&r);
  r = run(srt, fx->wav, 0.2); /* a looser limit lets it pass */
  assert_int_equal(r.rc, 0);
  assert_non_null(strstr(r.out, "speech outside cues 9.93% of 7.05 s (max 20.00%)"));
  run_free(&r);
}

static void test_cue_on_silence_fails(void **state) {
  fixture *fx = *state;
  write_text(fx->srt, "1\n00:00:01,000 --> 00:00:03,000\nANA LIMA: Good morning.\n\n"
                      "2\n00:00:03,050 --> 00:00:05,500\nThank you for coming in.\n\n"
                      "3\n00:00:06,000 --> 00:00:08,000\nBEN ORTIZ: Happy to be here.\n\n"
                      "4\n00:00:08,000 --> 00:00:09,000\nThanks.\n\n"
                      "5\n00:00:09,900 --> 00:00:10,000\nNothing said here.\n\n");
  run_result r = run(fx->srt, fx->wav, 0.2);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.out,
                         "cue 5 (00:00:09.900): no speech while it is shown (the cue "
                         "sits on silence)\n"));
  run_free(&r);
}

static void test_early_cue_fails(void **state) {
  fixture *fx = *state;
  /* the first cue starts 700 ms before its burst */
  write_text(fx->srt, "1\n00:00:00,300 --> 00:00:03,000\nANA LIMA: Good morning.\n\n"
                      "2\n00:00:03,050 --> 00:00:05,500\nThank you for coming in.\n\n"
                      "3\n00:00:06,000 --> 00:00:08,000\nBEN ORTIZ: Happy to be here.\n\n"
                      "4\n00:00:08,000 --> 00:00:09,000\nThanks.\n\n");
  run_result r = run(fx->srt, fx->wav_covered, 0);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.out,
                         "cue 1 (00:00:00.300): no speech in its first 0.5 s: speech "
                         "starts 700 ms after its in-time"));
  run_free(&r);
}

static void test_late_cue_fails(void **state) {
  fixture *fx = *state;
  /* the second cue starts 600 ms into its burst, the last one outlasts the audio */
  write_text(fx->srt, "1\n00:00:01,000 --> 00:00:03,000\nANA LIMA: Good morning.\n\n"
                      "2\n00:00:03,650 --> 00:00:05,500\nThank you for coming in.\n\n"
                      "3\n00:00:06,000 --> 00:00:08,000\nBEN ORTIZ: Happy to be here.\n\n"
                      "4\n00:00:08,000 --> 00:00:10,500\nThanks.\n\n");
  run_result r = run(fx->srt, fx->wav_covered, 0);
  assert_int_equal(r.rc, 1);
  assert_non_null(strstr(r.out, "is outside every cue"));
  assert_non_null(strstr(r.out,
                         "speech outside every cue from 00:00:03.050 to 00:00:03.650 "
                         "(600 ms)"));
  assert_non_null(strstr(r.out, "cue 2 (00:00:03.650): starts late: speech runs 600 ms "
                                "before it with no cue"));
  assert_non_null(strstr(r.out, "cue 4 (00:00:08.000): ends 500 ms after the audio does "
                                "(00:00:10.000)"));
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_covered_speech_passes),
      cmocka_unit_test(test_uncovered_speech_fails),
      cmocka_unit_test(test_cue_on_silence_fails),
      cmocka_unit_test(test_early_cue_fails),
      cmocka_unit_test(test_late_cue_fails),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
