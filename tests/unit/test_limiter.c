/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The limiter's quiet path and its blocks (estimates made four at a time) give exactly
 * the samples of its full path taken one sample at a time: random signals and real
 * speech (espeak-ng), quiet and loud, in blocks of any size, at three rates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio_limiter.h"
#include "cast.h"
#include "pcm_fixture.h"
#include "synth.h"
#include "voicecap/voicecap.h"

/* A small reproducible generator (xorshift64*), so a failure can be replayed. */
static uint64_t next_rand(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}

static double uniform(uint64_t *s) {
  return (double)(next_rand(s) >> 11) / 9007199254740992.0;
}

/* Runs `x` through a limiter with the quiet path on and one with it off, in blocks of
 * random sizes (different for each), and requires the same samples bit for bit. Returns
 * the share of samples the quiet path took. */
static double compare(const float *x, size_t n, int rate, double ceiling_db,
                      uint64_t seed) {
  vc_limiter *fast = NULL, *full = NULL;
  assert_int_equal(vc_limiter_new(rate, ceiling_db, &fast), VC_OK);
  assert_int_equal(vc_limiter_new(rate, ceiling_db, &full), VC_OK);
  vc_limiter_full_path_only(full, 1);
  size_t lat = vc_limiter_latency(fast);
  float *a = malloc((n + lat) * sizeof *a), *b = malloc((n + lat) * sizeof *b);
  assert_non_null(a);
  assert_non_null(b);
  size_t na = 0, nb = 0;
  uint64_t r = seed;
  for (size_t i = 0; i < n;) { /* fast, blocks of 1 to 5000 */
    size_t k = 1 + (size_t)(next_rand(&r) % 5000);
    k = k < n - i ? k : n - i;
    na += vc_limiter_process(fast, x + i, k, a + na);
    i += k;
  }
  for (size_t i = 0; i < n;) { /* full, blocks of 1 to 300 */
    size_t k = 1 + (size_t)(next_rand(&r) % 300);
    k = k < n - i ? k : n - i;
    nb += vc_limiter_process(full, x + i, k, b + nb);
    i += k;
  }
  na += vc_limiter_flush(fast, a + na);
  nb += vc_limiter_flush(full, b + nb);
  assert_int_equal(na, n);
  assert_int_equal(nb, n);
  assert_memory_equal(a, b, n * sizeof *a);
  assert_true(vc_limiter_max_reduction_db(fast) == vc_limiter_max_reduction_db(full));
  assert_int_equal(vc_limiter_quiet_samples(full), 0);
  double share = (double)vc_limiter_quiet_samples(fast) / (double)n;
  free(a);
  free(b);
  vc_limiter_free(fast);
  vc_limiter_free(full);
  return share;
}

/* Stretches of silence, quiet noise, loud noise, full-scale clicks and a sine near the
 * ceiling, in random order and lengths. */
static void test_random_signals(void **state) {
  (void)state;
  enum { N = 400000 };
  float *x = malloc(N * sizeof *x);
  assert_non_null(x);
  static const int rates[] = {22050, 48000, 192000};
  for (int round = 0; round < 8; round++) {
    uint64_t s = 0x9E3779B97F4A7C15ULL + (uint64_t)round;
    for (size_t i = 0; i < N;) {
      size_t len = 1 + (size_t)(next_rand(&s) % 6000);
      int kind = (int)(next_rand(&s) % 5);
      double level = kind == 0 ? 0.0 : kind == 1 ? 0.05 : kind == 2 ? 1.2 : 0.6;
      for (size_t k = 0; k < len && i < N; k++, i++) {
        double v = (2.0 * uniform(&s) - 1.0) * level;
        if (kind == 3)
          v = (k % 97 == 0) ? 1.0 : 0.01 * v;
        if (kind == 4)
          v = 0.88 * sin(0.3 * (double)i);
        x[i] = (float)v;
      }
    }
    double share = compare(x, N, rates[round % 3], round < 4 ? -1.5 : -2.5, s);
    assert_true(share > 0.2); /* the quiet path did run */
    assert_true(share < 1.0); /* and so did the full one */
  }
  free(x);
}

/* Real speech from espeak-ng, at gains from soft to far too loud (the limiter works
 * hard), with the silences between sentences the quiet path is for. */
static void test_real_speech(void **state) {
  (void)state;
  pcm_buf b = pcm_speak(148, 45,
                        "The harbour was quiet that morning. Boats rocked at "
                        "their moorings, and somebody whistled a tune. Then the "
                        "bell rang twice, loudly, and everyone looked up!");
  assert_true(b.n > 22050);
  float *x = malloc(b.n * sizeof *x);
  assert_non_null(x);
  static const double gains[] = {0.3, 1.0, 2.5, 6.0};
  for (size_t g = 0; g < sizeof gains / sizeof gains[0]; g++) {
    for (size_t i = 0; i < b.n; i++)
      x[i] = (float)(b.x[i] * (gains[g] / 32768.0));
    double share = compare(x, b.n, 22050, -1.5, 77 + g);
    assert_true(share > 0.05);
  }
  free(x);
  free(b.x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_signals),
      cmocka_unit_test(test_real_speech),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
