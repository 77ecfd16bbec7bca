/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Audio formats and rates: reproducible bytes, resampling that keeps time, bad options. */
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

#include "audio.h"
#include "voicecap/voicecap.h"

enum { RATE = 22050, N = RATE * 3 };

/* Three seconds of a loud, peaky chord with a pause: enough to make the limiter act. */
static int16_t *test_signal(void) {
  int16_t *x = malloc(N * sizeof *x);
  for (int i = 0; i < N; i++) {
    double t = (double)i / RATE;
    double v = 0.6 * sin(2 * M_PI * 220 * t) + 0.4 * sin(2 * M_PI * 1370 * t);
    x[i] = i > RATE && i < RATE * 3 / 2 ? 0 : (int16_t)lrint(32000.0 * v);
  }
  return x;
}

static char *write_file(const char *format, int out_rate, const int16_t *x) {
  char *path = strdup("/tmp/vc_test_fmt_XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  vc_audio *a = NULL;
  vc_diag d = {{0}};
  vc_audio_opts o = {.in_rate = RATE, .out_rate = out_rate, .format = format};
  assert_int_equal(vc_audio_open(path, &o, &a, &d), VC_OK);
  assert_int_equal(vc_audio_write(a, x, N / 2, 1.4), VC_OK);
  assert_int_equal(vc_audio_silence(a, 1000), VC_OK);
  assert_int_equal(vc_audio_write(a, x + N / 2, N - N / 2, 1.4), VC_OK);
  assert_int_equal(vc_audio_frames(a), N + 1000);
  assert_int_equal(vc_audio_close(a, &d), VC_OK);
  return path;
}

static int same_bytes(const char *p, const char *q) {
  FILE *a = fopen(p, "rb"), *b = fopen(q, "rb");
  assert_non_null(a);
  assert_non_null(b);
  int ca, cb, same = 1;
  long n = 0;
  do {
    ca = fgetc(a);
    cb = fgetc(b);
    same = ca == cb;
    n++;
  } while (same && ca != EOF);
  fclose(a);
  fclose(b);
  return same && n > 100;
}

/* The same samples give the same bytes, in every format (Ogg serials are fixed). */
static void test_reproducible(void **state) {
  (void)state;
  static const char *formats[] = {"wav", "flac", "ogg", "opus", "mp3"};
  int16_t *x = test_signal();
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    if (!vc_audio_format_supported(formats[i]))
      continue;
    char *p = write_file(formats[i], 0, x), *q = write_file(formats[i], 0, x);
    if (!same_bytes(p, q))
      fail_msg("%s: two writes differ", formats[i]);
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(p, SFM_READ, &info);
    assert_non_null(sf);
    sf_close(sf);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.samplerate, strcmp(formats[i], "opus") == 0 ? 48000 : RATE);
    unlink(p);
    unlink(q);
    free(p);
    free(q);
  }
  free(x);
}

/* A click at input sample k lands at k * out_rate / in_rate: captions stay in time. */
static void test_resampled_timing(void **state) {
  (void)state;
  static const int rates[] = {48000, 44100, 16000};
  int16_t *x = calloc(N, sizeof *x);
  const int k = 30011;
  x[k] = 20000;
  for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++) {
    char *p = write_file("wav", rates[r], x);
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(p, SFM_READ, &info);
    assert_non_null(sf);
    assert_int_equal(info.samplerate, rates[r]);
    double want_len = (double)(N + 1000) * rates[r] / RATE;
    assert_true(fabs((double)info.frames - want_len) <= 2.0);
    float *y = malloc((size_t)info.frames * sizeof *y);
    assert_int_equal(sf_read_float(sf, y, info.frames), info.frames);
    sf_close(sf);
    sf_count_t best = 0;
    for (sf_count_t i = 0; i < info.frames; i++) {
      if (fabsf(y[i]) > fabsf(y[best]))
        best = i;
    }
    double want = (double)(N / 2 + 1000 + (k - N / 2)) * rates[r] / RATE;
    if (k < N / 2)
      want = (double)k * rates[r] / RATE;
    if (fabs((double)best - want) > 1.0)
      fail_msg("%d Hz: click at %ld, want %.1f", rates[r], (long)best, want);
    free(y);
    unlink(p);
    free(p);
  }
  free(x);
}

static void test_bad_options(void **state) {
  (void)state;
  vc_audio *a = NULL;
  vc_diag d = {{0}};
  vc_audio_opts o = {.in_rate = RATE, .format = "aiff"};
  assert_int_equal(vc_audio_open("/tmp/vc_never.aiff", &o, &a, &d), VC_ERR_CONFIG);
  assert_non_null(strstr(d.msg, "unsupported audio format"));
  o = (vc_audio_opts){.in_rate = RATE, .out_rate = 22050, .format = "opus"};
  assert_int_equal(vc_audio_open("/tmp/vc_never.opus", &o, &a, &d), VC_ERR_CONFIG);
  assert_non_null(strstr(d.msg, "48000"));
  o = (vc_audio_opts){.in_rate = RATE, .out_rate = 1000};
  assert_int_equal(vc_audio_open("/tmp/vc_never.wav", &o, &a, &d), VC_ERR_CONFIG);
  assert_null(a);
  assert_int_not_equal(access("/tmp/vc_never.wav", F_OK), 0);
  assert_string_equal(vc_audio_format_ext("flac"), ".flac");
  assert_null(vc_audio_format_ext("aiff"));
  assert_true(vc_audio_format_supported("wav"));
  assert_false(vc_audio_format_supported("aiff"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_resampled_timing),
      cmocka_unit_test(test_bad_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
