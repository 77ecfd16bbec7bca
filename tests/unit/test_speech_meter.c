/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The speech meter (the caption check's speech windows made while the audio is written)
 * gives exactly what reading the finished file back gives (vc_speech_load): real speech
 * from espeak-ng with silences and soft and clipped stretches, written as wav and flac at
 * the engine's rate and resampled, through the render's audio sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "cast.h"
#include "check_internal.h"
#include "pcm_fixture.h"
#include "synth.h"
#include "voicecap/voicecap.h"

static void tap(void *user, const int16_t *pcm, size_t n) {
  vc_speech_meter_add(user, pcm, n);
}

/* Writes the speech to `path` at gains from soft to clipped with silences between, with
 * the meter on the sink's tap, and compares its result with the file read back. */
static void compare(const pcm_buf *speech, const char *format, int out_rate,
                    const char *path) {
  vc_audio_opts o = {.in_rate = 22050, .out_rate = out_rate, .format = format};
  vc_audio *a = NULL;
  assert_int_equal(vc_audio_open(path, &o, &a, NULL), VC_OK);
  vc_speech_meter *m = NULL;
  assert_int_equal(vc_speech_meter_new(vc_audio_rate(a), &m), VC_OK);
  assert_int_equal(vc_audio_tap_pcm16(a, tap, m), 1);
  static const double gains[] = {1.0, 0.001, 3.0, 0.3, 12.0};
  for (size_t g = 0; g < sizeof gains / sizeof gains[0]; g++) {
    assert_int_equal(vc_audio_silence(a, 3333 + 1000 * g), VC_OK);
    assert_int_equal(vc_audio_write(a, speech->x, speech->n, gains[g]), VC_OK);
  }
  assert_int_equal(vc_audio_silence(a, 777), VC_OK);
  assert_int_equal(vc_audio_close(a, NULL), VC_OK);

  vc_speech made = {0}, read = {0};
  char why[256] = "";
  assert_int_equal(vc_speech_meter_result(m, &made), VC_OK);
  vc_speech_meter_free(m);
  assert_int_equal(vc_speech_load(path, &read, why, sizeof why), VC_OK);
  assert_int_equal(made.n, read.n);
  assert_true(made.duration_ms == read.duration_ms);
  assert_true(made.peak_dbfs == read.peak_dbfs);
  assert_memory_equal(made.on, read.on, read.n);
  size_t on = 0;
  for (size_t w = 0; w < read.n; w++)
    on += read.on[w];
  assert_true(on > read.n / 10); /* speech was found */
  assert_true(on < read.n);      /* and silence */
  vc_speech_free(&made);
  vc_speech_free(&read);
  unlink(path);
}

static void test_meter_matches_file(void **state) {
  (void)state;
  pcm_buf b = pcm_speak(160, 50,
                        "Seven tall ships left the quay at dawn. Nobody waved. "
                        "By noon the fog had lifted, and the gulls came back.");
  assert_true(b.n > 22050);
  char path[] = "/tmp/vc-meter-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  compare(&b, "wav", 0, path);     /* the engine's rate */
  compare(&b, "wav", 16000, path); /* resampled */
  compare(&b, "flac", 48000, path);
  free(b.x);
}

/* Lossy files decode to other samples: no tap, the check reads the file. */
static void test_no_tap_for_lossy(void **state) {
  (void)state;
  char path[] = "/tmp/vc-meter-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  vc_audio_opts o = {.in_rate = 22050, .format = "ogg"};
  vc_audio *a = NULL;
  assert_int_equal(vc_audio_open(path, &o, &a, NULL), VC_OK);
  assert_int_equal(vc_audio_tap_pcm16(a, tap, NULL), 0);
  vc_audio_abort(a);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_meter_matches_file),
      cmocka_unit_test(test_no_tap_for_lossy),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
