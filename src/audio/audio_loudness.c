/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EBU R128 metering through libebur128 (histogram mode: memory does not grow). */
#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#include "audio_limiter.h"
#include "audio_loudness.h"

struct vc_meter {
  ebur128_state *st;
};

vc_status vc_meter_new(int rate, int true_peak, vc_meter **out) {
  *out = NULL;
  if (rate <= 0)
    return VC_ERR_ARG;
  vc_meter *m = calloc(1, sizeof *m);
  if (!m)
    return VC_ERR_NOMEM;
  int mode = EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM;
  m->st = ebur128_init(1, (unsigned long)rate,
                       true_peak ? mode | EBUR128_MODE_TRUE_PEAK : mode);
  if (!m->st) {
    free(m);
    return VC_ERR_NOMEM;
  }
  *out = m;
  return VC_OK;
}

void vc_meter_free(vc_meter *m) {
  if (!m)
    return;
  ebur128_destroy(&m->st);
  free(m);
}

vc_status vc_meter_add_float(vc_meter *m, const float *x, size_t n) {
  return ebur128_add_frames_float(m->st, x, n) == EBUR128_SUCCESS ? VC_OK : VC_ERR_NOMEM;
}

vc_status vc_meter_add_short(vc_meter *m, const int16_t *x, size_t n) {
  return ebur128_add_frames_short(m->st, x, n) == EBUR128_SUCCESS ? VC_OK : VC_ERR_NOMEM;
}

double vc_meter_lufs(vc_meter *m) {
  double l = -HUGE_VAL;
  if (ebur128_loudness_global(m->st, &l) != EBUR128_SUCCESS)
    return -HUGE_VAL;
  return l;
}

double vc_meter_true_peak_db(vc_meter *m) {
  double p = 0.0;
  if (ebur128_true_peak(m->st, 0, &p) != EBUR128_SUCCESS || p <= 0.0)
    return -HUGE_VAL;
  return 20.0 * log10(p);
}

static vc_status limited_chunks(const int16_t *pcm, size_t n, double scale, vc_limiter *l,
                                vc_meter *m) {
  float in[1024], out[2048];
  vc_status st = VC_OK;
  for (size_t at = 0; at < n && st == VC_OK; at += 1024) {
    size_t k = n - at < 1024 ? n - at : 1024;
    for (size_t i = 0; i < k; i++)
      in[i] = (float)(pcm[at + i] * scale);
    st = vc_meter_add_float(m, out, vc_limiter_process(l, in, k, out));
  }
  if (st == VC_OK)
    st = vc_meter_add_float(m, out, vc_limiter_flush(l, out));
  return st;
}

vc_status vc_loudness_limited(const int16_t *pcm, size_t n, int rate, double gain_db,
                              double ceiling_db, double *lufs) {
  vc_limiter *l = NULL;
  vc_meter *m = NULL;
  vc_status st = vc_limiter_new(rate, ceiling_db, &l);
  if (st == VC_OK)
    st = vc_meter_new(rate, 0, &m);
  if (st == VC_OK)
    st = limited_chunks(pcm, n, pow(10.0, gain_db / 20.0) / 32768.0, l, m);
  if (st == VC_OK)
    *lufs = vc_meter_lufs(m);
  vc_meter_free(m);
  vc_limiter_free(l);
  return st;
}
