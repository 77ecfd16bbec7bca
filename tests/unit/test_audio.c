/* The audio sink: gain with clipping protection, silence, frame count, abort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    pcm[i] = (int16_t)((i % 200) * 300 - 30000); /* -30000..29700 */
  assert_int_equal(vc_audio_write(a, pcm, N, 0.5), VC_OK);
  assert_int_equal(vc_audio_silence(a, 5000), VC_OK);
  assert_int_equal(vc_audio_write(a, pcm, N, 2.0), VC_OK);
  assert_int_equal(vc_audio_frames(a), 2 * N + 5000);
  assert_int_equal(vc_audio_close(a, NULL), VC_OK);

  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.frames, 2 * N + 5000);
  assert_int_equal(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  short *back = malloc((2 * N + 5000) * sizeof *back);
  assert_int_equal(sf_read_short(sf, back, info.frames), info.frames);
  sf_close(sf);
  for (int i = 0; i < N; i++) {
    assert_int_equal(back[i], pcm[i] / 2);
    int doubled = pcm[i] * 2;
    int want = doubled > 32767 ? 32767 : doubled < -32768 ? -32768 : doubled;
    assert_int_equal(back[N + 5000 + i], want); /* clamped, never wrapped */
  }
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gain_silence_frames),
      cmocka_unit_test(test_abort_unlinks),
      cmocka_unit_test(test_bad_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
