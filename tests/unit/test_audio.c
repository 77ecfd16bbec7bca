/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audio sink: gain with clipping protection, silence, frame count, abort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "voicecap/voicecap.h"

static void temp_path(char *path) {
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
}

static void test_gain_silence_frames(void **state) {
  (void)state;
  char path[] = "/tmp/vc_test_audio_XXXXXX";
  temp_path(path);
  vc_audio *a = NULL;
  vc_audio_opts o = {.in_rate = 22050};
  assert_int_equal(vc_audio_open(path, &o, &a, NULL), VC_OK);
  enum { N = 10000 };
  int16_t *pcm = malloc(N * sizeof *pcm);
  for (int i = 0; i < N; i++)
    pcm[i] = (int16_t)lrint(30000.0 * sin(2.0 * M_PI * 440.0 * i / 22050.0));
  assert_int_equal(vc_audio_write(a, pcm, N, 0.5), VC_OK);
  assert_int_equal(vc_audio_silence(a, 5000), VC_OK);
  assert_int_equal(vc_audio_write(a, pcm, N, 2.0), VC_OK);
  assert_int_equal(vc_audio_frames(a), 2 * N + 5000);
  assert_int_equal(vc_audio_close(a, NULL), VC_OK);

  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.frames, 2 * N + 5000);
  /* a plain RIFF/WAVE file under 4 GiB */
  assert_int_equal(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  FILE *raw = fopen(path, "rb");
  char magic[12];
  assert_int_equal(fread(magic, 1, 12, raw), 12);
  fclose(raw);
  assert_memory_equal(magic, "RIFF", 4);
  assert_memory_equal(magic + 8, "WAVE", 4);
  short *back = malloc((2 * N + 5000) * sizeof *back);
  assert_int_equal(sf_read_short(sf, back, info.frames), info.frames);
  sf_close(sf);
  /* under the ceiling: bit-exact; over it: the limiter holds the peaks down */
  int ceiling = (int)(32768.0 * 0.8414); /* -1.5 dBFS */
  int peak = 0;
  for (int i = 0; i < N; i++) {
    assert_int_equal(back[i], (int)nearbyint(pcm[i] * 0.5));
    int y = back[N + 5000 + i];
    peak = abs(y) > peak ? abs(y) : peak;
    if (y != 0 && abs(pcm[i]) > 3000)
      assert_true((y > 0) == (pcm[i] > 0)); /* scaled, never wrapped */
  }
  assert_true(peak <= ceiling + 1);
  assert_true(peak > ceiling * 0.9);
  for (int i = N; i < N + 5000; i++)
    assert_int_equal(back[i], 0);
  free(back);
  free(pcm);
  unlink(path);
}

static void test_abort_unlinks(void **state) {
  (void)state;
  char path[] = "/tmp/vc_test_audio_XXXXXX";
  temp_path(path);
  vc_audio *a = NULL;
  vc_audio_opts o = {.in_rate = 22050, .format = "wav"};
  assert_int_equal(vc_audio_open(path, &o, &a, NULL), VC_OK);
  assert_int_equal(vc_audio_silence(a, 100), VC_OK);
  vc_audio_abort(a);
  assert_int_not_equal(access(path, F_OK), 0);
}

static void test_bad_path(void **state) {
  (void)state;
  vc_audio *a = NULL;
  vc_diag d = {{0}};
  vc_audio_opts o = {.in_rate = 22050};
  assert_int_equal(vc_audio_open("/nonexistent-dir/x.wav", &o, &a, &d), VC_ERR_AUDIO);
  assert_null(a);
  assert_non_null(strstr(d.msg, "/nonexistent-dir/x.wav"));
}

/* Past the RIFF limit (lowered here to 64 KiB) the file becomes RF64, samples intact. */
static void test_rf64_when_big(void **state) {
  (void)state;
  char path[] = "/tmp/vc_test_audio_XXXXXX";
  temp_path(path);
  vc_audio *a = NULL;
  vc_audio_opts o = {.in_rate = 22050, .wav_max_data = 65536};
  assert_int_equal(vc_audio_open(path, &o, &a, NULL), VC_OK);
  enum { N = 100000 };
  int16_t *pcm = malloc(N * sizeof *pcm);
  for (int i = 0; i < N; i++)
    pcm[i] = (int16_t)((i * 7) % 20000 - 10000);
  for (int i = 0; i < N; i += 1000)
    assert_int_equal(vc_audio_write(a, pcm + i, 1000, 1.0), VC_OK);
  assert_int_equal(vc_audio_close(a, NULL), VC_OK);
  FILE *raw = fopen(path, "rb");
  char magic[4];
  assert_int_equal(fread(magic, 1, 4, raw), 4);
  fclose(raw);
  assert_memory_equal(magic, "RF64", 4);
  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.format, SF_FORMAT_RF64 | SF_FORMAT_PCM_16);
  assert_int_equal(info.frames, N);
  short *back = malloc(N * sizeof *back);
  assert_int_equal(sf_read_short(sf, back, N), N);
  sf_close(sf);
  assert_memory_equal(back, pcm, N * sizeof *back);
  char old[64];
  snprintf(old, sizeof old, "%s.riff~", path);
  assert_int_not_equal(access(old, F_OK), 0);
  unlink(path);
  free(back);
  free(pcm);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gain_silence_frames),
      cmocka_unit_test(test_abort_unlinks),
      cmocka_unit_test(test_rf64_when_big),
      cmocka_unit_test(test_bad_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
