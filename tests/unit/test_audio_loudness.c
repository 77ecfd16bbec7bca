/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seed spoken with the four role voices through the real pipeline (espeak-ng,
 * calibration, limiter, libsndfile), then measured with libebur128. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ebur128.h>
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

#define MAX_PARAS 512

typedef struct job {
  vc_audio *audio;
  double gain;
} job;

static vc_status sink(void *user, const int16_t *pcm, size_t n) {
  job *j = user;
  return vc_audio_write(j->audio, pcm, n, j->gain);
}

/* Where each paragraph's sound lies in the file, and whose voice it is. */
typedef struct para {
  uint64_t start, end;
  int role;
} para;

/* The voices and the synthesiser, shared by every render so calibration runs once. */
typedef struct fixture {
  vc_voiceset *vs;
  vc_synth *s;
  vc_calibrator *cal; /* in memory only */
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f || vc_voiceset_load(VC_SOURCE_DIR "/voices", &f->vs, NULL) != VC_OK ||
      vc_synth_new(&f->s, NULL) != VC_OK || vc_calibrator_new(NULL, &f->cal) != VC_OK)
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  vc_calibrator_free(f->cal);
  vc_synth_free(f->s);
  vc_voiceset_free(f->vs);
  free(f);
  return 0;
}

/* Speaks up to `max_paras` paragraphs of `seed` in turn with the narrator, interviewer,
 * interviewee and quote voices, with the voices' pauses between. */
static size_t render(const fixture *fx, const char *seed, const char *path,
                     const char *format, int out_rate, size_t max_paras, para *paras,
                     vc_audio_stats *stats) {
  vc_diag d = {{0}};
  int rate = vc_synth_sample_rate(fx->s);
  vc_audio_opts o = {
      .in_rate = rate, .out_rate = out_rate, .format = format, .stats = stats};
  job j = {0};
  assert_int_equal(vc_audio_open(path, &o, &j.audio, &d), VC_OK);
  FILE *f = fopen(seed, "r");
  assert_non_null(f);
  static char line[65536];
  size_t n = 0;
  while (n < max_paras && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (!line[0])
      continue;
    const vc_voice *v =
        vc_voiceset_find(fx->vs, vc_role_name((vc_role)(n % VC_ROLE_COUNT)));
    if (n > 0)
      assert_int_equal(vc_audio_silence(j.audio, (size_t)v->turn_pause_ms * rate / 1000),
                       VC_OK);
    assert_int_equal(
        vc_calibrator_gain(fx->cal, fx->s, v, VC_LOUDNESS_TARGET_LUFS, &j.gain, &d), VC_OK);
    vc_synth_word *w = NULL;
    size_t nw = 0;
    uint64_t ns = 0;
    uint64_t at = vc_audio_frames(j.audio);
    assert_int_equal(vc_synth_speak(fx->s, v, line, sink, &j, &w, &nw, &ns, &d), VC_OK);
    paras[n] = (para){at, at + ns, (int)(n % VC_ROLE_COUNT)};
    free(w);
    n++;
  }
  fclose(f);
  assert_int_equal(vc_audio_close(j.audio, &d), VC_OK);
  return n;
}

static double lufs_of(ebur128_state *st) {
  double l = 0.0;
  assert_int_equal(ebur128_loudness_global(st, &l), EBUR128_SUCCESS);
  return l;
}

/* Reads the file back: programme loudness, true peak, and each voice's loudness. */
static void measure(const char *path, const para *paras, size_t n, double ratio,
                    double *prog, double *tp_db, double role_lufs[VC_ROLE_COUNT]) {
  SF_INFO info = {0};
  SNDFILE *sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.channels, 1);
  int mode = EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK;
  ebur128_state *all = ebur128_init(1, (unsigned long)info.samplerate, mode);
  ebur128_state *role[VC_ROLE_COUNT];
  for (int r = 0; r < VC_ROLE_COUNT; r++)
    role[r] = ebur128_init(1, (unsigned long)info.samplerate, EBUR128_MODE_I);
  float buf[4096];
  uint64_t pos = 0;
  size_t p = 0;
  sf_count_t got;
  while ((got = sf_read_float(sf, buf, 4096)) > 0) {
    ebur128_add_frames_float(all, buf, (size_t)got);
    /* hand each paragraph's stretch of this buffer to its voice's meter */
    uint64_t end = pos + (uint64_t)got;
    while (p < n && pos < end) {
      uint64_t a = (uint64_t)(paras[p].start * ratio), b = (uint64_t)(paras[p].end * ratio);
      uint64_t lo = a > pos ? a : pos, hi = b < end ? b : end;
      if (lo < hi)
        ebur128_add_frames_float(role[paras[p].role], buf + (lo - pos), (size_t)(hi - lo));
      if (b > end)
        break;
      p++;
    }
    pos = end;
  }
  sf_close(sf);
  *prog = lufs_of(all);
  double tp = 0.0;
  ebur128_true_peak(all, 0, &tp);
  *tp_db = 20.0 * log10(tp);
  for (int r = 0; r < VC_ROLE_COUNT; r++) {
    role_lufs[r] = lufs_of(role[r]);
    ebur128_destroy(&role[r]);
  }
  ebur128_destroy(&all);
}

static void check_seed(const fixture *fx, const char *name, const char *format,
                       int out_rate, size_t max_paras, double tp_max) {
  char seed[512], path[] = "/tmp/vc_test_loud_XXXXXX";
  snprintf(seed, sizeof seed, "%s/seeds/%s", VC_SOURCE_DIR, name);
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  para *paras = calloc(MAX_PARAS, sizeof *paras);
  vc_audio_stats stats = {0};
  int in_rate = vc_synth_sample_rate(fx->s);
  size_t n = render(fx, seed, path, format, out_rate, max_paras, paras, &stats);
  assert_true(n >= VC_ROLE_COUNT);
  double prog = 0.0, tp = 0.0, role[VC_ROLE_COUNT];
  measure(path, paras, n, (double)stats.out_rate / in_rate, &prog, &tp, role);
  print_message("%s %s@%d: programme %.2f LUFS, true peak %.2f dBTP (limiter %.1f dB); "
                "narrator %.2f interviewer %.2f interviewee %.2f quote %.2f\n",
                name, format, stats.out_rate, prog, tp, stats.max_reduction_db, role[0],
                role[1], role[2], role[3]);
  assert_true(fabs(prog - VC_LOUDNESS_TARGET_LUFS) <= 1.0);
  assert_true(tp <= tp_max);
  for (int a = 0; a < VC_ROLE_COUNT; a++) {
    for (int b = a + 1; b < VC_ROLE_COUNT; b++)
      assert_true(fabs(role[a] - role[b]) <= 1.0);
  }
  /* the sink's own meter agrees with the file read back; the length is exact */
  assert_true(fabs(stats.lufs - prog) < 0.3);
  if (strcmp(format, "wav") == 0 || strcmp(format, "flac") == 0) {
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    assert_non_null(sf);
    sf_close(sf);
    assert_int_equal(info.frames, (sf_count_t)stats.frames_out);
    assert_int_equal(info.samplerate, stats.out_rate);
  }
  unlink(path);
  free(paras);
}

static void test_seed_wav(void **state) {
  check_seed(*state, "000_05a18542847d4624.txt", "wav", 0, MAX_PARAS, -1.0);
}

/* Resampled and compressed: the limits hold in every format, read back by libsndfile. */
static void test_formats(void **state) {
  static const struct {
    const char *format;
    int rate;
  } cases[] = {{"flac", 44100}, {"wav", 48000}, {"ogg", 0}, {"opus", 0}, {"mp3", 0}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (!vc_audio_format_supported(cases[i].format)) {
      print_message("%s: not supported by this libsndfile, skipped\n", cases[i].format);
      continue;
    }
    check_seed(*state, "003_8a43273eaab03832.txt", cases[i].format, cases[i].rate, 6, -1.0);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed_wav),
      cmocka_unit_test(test_formats),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
