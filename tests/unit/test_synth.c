/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Synthesis with the real espeak-ng: word events, sample spans, PCM through the sink. */
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
#include "cast.h"
#include "synth.h"
#include "synth_calibrate.h"
#include "voicecap/voicecap.h"

#define MAX_PCM (22050 * 30)

/* The test's sink: keeps a copy of the PCM and streams it to the audio file. */
typedef struct capture {
  int16_t *pcm;
  size_t n;
  vc_audio *audio;
} capture;

static vc_status capture_pcm(void *user, const int16_t *pcm, size_t n) {
  capture *c = user;
  if (c->n + n > MAX_PCM)
    return VC_ERR_LIMIT;
  memcpy(c->pcm + c->n, pcm, n * sizeof *pcm);
  c->n += n;
  return c->audio ? vc_audio_write(c->audio, pcm, n, 1.0) : VC_OK;
}

static vc_voiceset *load_voices(void) {
  vc_voiceset *vs = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_voiceset_load(VC_SOURCE_DIR "/voices", &vs, &d), VC_OK);
  return vs;
}

static const char sentence[] = "Café naïve \xE2\x80\x94 \xE2\x80\x9CSound\xE2\x80\x9D of "
                               "metal. Mr. Smith said: hello, "
                               "world!";

/* Words that must be found, with their byte offsets in `sentence`. */
static const struct {
  const char *word;
  size_t pos;
} expected[] = {{"Café", 0},   {"naïve", 6},  {"Sound", 20}, {"of", 29},
                {"metal", 32}, {"Smith", 43}, {"hello", 55}, {"world", 62}};

static void test_speak_to_wav(void **state) {
  (void)state;
  vc_voiceset *vs = load_voices();
  vc_synth *s = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_synth_new(&s, &d), VC_OK);
  int rate = vc_synth_sample_rate(s);
  assert_true(rate > 8000);
  char path[] = "/tmp/vc_test_synth_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  capture c = {.pcm = malloc(MAX_PCM * sizeof(int16_t))};
  assert_non_null(c.pcm);
  vc_audio_opts ao = {.in_rate = rate, .format = "wav"};
  assert_int_equal(vc_audio_open(path, &ao, &c.audio, &d), VC_OK);

  vc_synth_word *w = NULL;
  size_t nw = 0;
  uint64_t ns = 0;
  const vc_voice *v = vc_voiceset_find(vs, "narrator");
  assert_int_equal(vc_synth_speak(s, v, sentence, capture_pcm, &c, &w, &nw, &ns, &d),
                   VC_OK);
  assert_int_equal(ns, c.n);
  assert_int_equal(vc_audio_frames(c.audio), ns);
  assert_int_equal(vc_audio_close(c.audio, &d), VC_OK);

  /* every expected word is there, in order, at its byte offset */
  size_t j = 0;
  for (size_t i = 0; i < nw && j < sizeof expected / sizeof expected[0]; i++) {
    if (w[i].pos == expected[j].pos) {
      assert_memory_equal(sentence + w[i].pos, expected[j].word, strlen(expected[j].word));
      j++;
    }
  }
  assert_int_equal(j, sizeof expected / sizeof expected[0]);
  /* increasing starts, inside the audio, starting and ending on sound */
  for (size_t i = 0; i < nw; i++) {
    assert_true(w[i].end <= ns);
    assert_true(w[i].start <= w[i].end);
    assert_true(w[i].start < w[i].end);
    int a = c.pcm[w[i].start], b = c.pcm[w[i].end - 1];
    assert_true(abs(a) > 100 && abs(b) > 100);
    if (i > 0) {
      assert_true(w[i].start > w[i - 1].start);
      assert_true(w[i].start >= w[i - 1].end);
      assert_true(w[i].pos > w[i - 1].pos);
    }
  }
  /* the file holds exactly the samples the sink was given */
  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.frames, (sf_count_t)ns);
  assert_int_equal(info.samplerate, rate);
  assert_int_equal(info.channels, 1);
  short *back = malloc(ns * sizeof *back);
  assert_int_equal(sf_read_short(sf, back, (sf_count_t)ns), (sf_count_t)ns);
  assert_memory_equal(back, c.pcm, ns * sizeof *back);
  sf_close(sf);
  unlink(path);
  free(back);
  free(w);
  free(c.pcm);
  vc_synth_free(s);
  vc_voiceset_free(vs);
}

/* A new vc_synth after freeing one works, and every role voice speaks. */
static void test_synth_again_and_all_voices(void **state) {
  (void)state;
  vc_voiceset *vs = load_voices();
  for (int round = 0; round < 2; round++) {
    vc_synth *s = NULL;
    assert_int_equal(vc_synth_new(&s, NULL), VC_OK);
    for (int r = 0; r < VC_ROLE_COUNT; r++) {
      capture c = {.pcm = malloc(MAX_PCM * sizeof(int16_t))};
      vc_synth_word *w = NULL;
      size_t nw = 0;
      uint64_t ns = 0;
      const vc_voice *v = vc_voiceset_find(vs, vc_role_name((vc_role)r));
      assert_non_null(v);
      assert_int_equal(
          vc_synth_speak(s, v, "One two three.", capture_pcm, &c, &w, &nw, &ns, NULL),
          VC_OK);
      assert_int_equal(nw, 3);
      assert_true(ns > 0 && w[2].end <= ns);
      free(w);
      free(c.pcm);
    }
    vc_synth_free(s);
  }
  vc_voiceset_free(vs);
}

/* An unknown espeak-ng voice is a configuration error naming the voice. */
static void test_unknown_voice(void **state) {
  (void)state;
  vc_voice v = {.id = "bogus",
                .language = "xx-nowhere",
                .variant = "",
                .rate = 170,
                .pitch = 50,
                .range = 50};
  vc_synth *s = NULL;
  vc_diag d = {{0}};
  assert_int_equal(vc_synth_new(&s, &d), VC_OK);
  capture c = {.pcm = malloc(MAX_PCM * sizeof(int16_t))};
  vc_synth_word *w = NULL;
  size_t nw = 0;
  uint64_t ns = 0;
  assert_int_equal(vc_synth_speak(s, &v, "Hello.", capture_pcm, &c, &w, &nw, &ns, &d),
                   VC_ERR_CONFIG);
  assert_non_null(strstr(d.msg, "xx-nowhere"));
  assert_null(w);
  free(c.pcm);
  vc_synth_free(s);
}

/* Calibration: raw espeak-ng loudness is measured once per voice; the gain brings it to
 * the target and adds the voice's own gain_db. */
static void test_calibration(void **state) {
  (void)state;
  vc_voiceset *vs = load_voices();
  vc_synth *s = NULL;
  vc_calibrator *cal = NULL;
  assert_int_equal(vc_synth_new(&s, NULL), VC_OK);
  assert_int_equal(vc_calibrator_new(NULL, &cal), VC_OK);
  vc_voice v = *vc_voiceset_find(vs, "interviewer");
  double raw = 0.0, again = 0.0, g0 = 0.0, g1 = 0.0;
  assert_int_equal(vc_calibrator_lufs(cal, s, &v, &raw, NULL), VC_OK);
  assert_true(raw > -40.0 && raw < -5.0);
  assert_int_equal(vc_calibrator_lufs(cal, s, &v, &again, NULL), VC_OK);
  assert_true(raw == again);
  assert_int_equal(vc_calibrator_gain(cal, s, &v, VC_LOUDNESS_TARGET_LUFS, &g0, NULL),
                   VC_OK);
  /* at least the raw shortfall, plus what the limiter takes off */
  assert_true(20.0 * log10(g0) >= VC_LOUDNESS_TARGET_LUFS - raw - 0.01);
  assert_true(20.0 * log10(g0) < VC_LOUDNESS_TARGET_LUFS - raw + 6.0);
  v.gain_db = -6.0;
  assert_int_equal(vc_calibrator_gain(cal, s, &v, VC_LOUDNESS_TARGET_LUFS, &g1, NULL),
                   VC_OK);
  assert_true(fabs(20.0 * log10(g1 / g0) + 6.0) < 1e-9);
  vc_calibrator_free(cal);
  vc_synth_free(s);
  vc_voiceset_free(vs);
}

static vc_status drop_pcm(void *user, const int16_t *pcm, size_t n) {
  (void)user;
  (void)pcm;
  (void)n;
  return VC_OK;
}

/* Speaks `text` with `v` on the process's own engine, changing its state. */
static void speak_other(vc_synth *s, const vc_voice *v, const char *text) {
  vc_synth_word *w = NULL;
  size_t nw = 0;
  uint64_t ns = 0;
  assert_int_equal(vc_synth_speak(s, v, text, drop_pcm, NULL, &w, &nw, &ns, NULL), VC_OK);
  free(w);
}

/* A voice's calibration measured cold (no cache), as a hexadecimal float. */
static void calibrate_cold(vc_synth *s, const vc_voice *v, char *hex, size_t size) {
  vc_calibrator *cal = NULL;
  double g = 0.0;
  vc_diag d = {{0}};
  assert_int_equal(vc_calibrator_new(NULL, &cal), VC_OK);
  assert_int_equal(vc_calibrator_gain(cal, s, v, VC_LOUDNESS_TARGET_LUFS, &g, &d), VC_OK);
  snprintf(hex, size, "%a", g);
  vc_calibrator_free(cal);
}

/* Calibration does not depend on what the process said before: a voice with echo and
 * breath (espeak-ng carries both from one utterance into the next) measured cold in a
 * fresh process, after other voices spoke, and after it spoke itself gives the same
 * figure to the last bit. */
static void test_calibration_ignores_history(void **state) {
  (void)state;
  vc_synth *s = NULL;
  assert_int_equal(vc_synth_new(&s, NULL), VC_OK);
  vc_voice v = {.id = "echo",
                .language = "en-us",
                .variant = "f2",
                .rate = 152,
                .pitch = 72,
                .range = 60};
  vc_voice other = {.id = "other",
                    .language = "en-gb",
                    .variant = "f4",
                    .rate = 145,
                    .pitch = 58,
                    .range = 50};
  char fresh[64], after_other[64], after_self[64];
  calibrate_cold(s, &v, fresh, sizeof fresh);
  speak_other(s, &other, "Something else entirely was said first, and at length!");
  speak_other(s, &other, "Then a question? And a pause... before the end.");
  calibrate_cold(s, &v, after_other, sizeof after_other);
  speak_other(s, &v, "The same voice spoke, too; it rose and fell, then stopped.");
  calibrate_cold(s, &v, after_self, sizeof after_self);
  assert_string_equal(fresh, after_other);
  assert_string_equal(fresh, after_self);
  vc_synth_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_speak_to_wav),
      cmocka_unit_test(test_synth_again_and_all_voices),
      cmocka_unit_test(test_unknown_voice),
      cmocka_unit_test(test_calibration),
      cmocka_unit_test(test_calibration_ignores_history),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
