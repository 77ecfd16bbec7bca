/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A look-ahead limiter that keeps the true (inter-sample) peak under a ceiling. */
#ifndef VC_LIMITER_H
#define VC_LIMITER_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

typedef struct vc_limiter vc_limiter;

/* A limiter for mono samples at `rate` holding peaks to `ceiling_db` dBTP (estimated by
 * 4x oversampling). Where no peak comes near the ceiling, samples pass unchanged. */
vc_status vc_limiter_new(int rate, double ceiling_db, vc_limiter **out);
void vc_limiter_free(vc_limiter *l);
/* Takes `n` samples and writes to `out` (room for `n`) the samples it releases, which
 * lag the input by a fixed look-ahead; returns how many it wrote. */
size_t vc_limiter_process(vc_limiter *l, const float *in, size_t n, float *out);
/* Releases the samples still held; `out` needs room for vc_limiter_latency() samples. */
size_t vc_limiter_flush(vc_limiter *l, float *out);
size_t vc_limiter_latency(const vc_limiter *l);
/* 1: always take the full path one sample at a time, never the quiet path nor blocks
 * (for tests: all give the same samples). */
void vc_limiter_full_path_only(vc_limiter *l, int on);
/* How many samples went the quiet path so far. */
uint64_t vc_limiter_quiet_samples(const vc_limiter *l);
/* Largest gain reduction applied so far, in dB (0 when it never acted). */
double vc_limiter_max_reduction_db(const vc_limiter *l);

#endif
