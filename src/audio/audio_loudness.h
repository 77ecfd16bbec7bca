/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EBU R128 loudness and true peak of a stream (libebur128), in constant memory. */
#ifndef VC_LOUDNESS_H
#define VC_LOUDNESS_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

typedef struct vc_meter vc_meter;

/* A mono meter at `rate`, measuring the true peak too when `true_peak` is set (it costs
 * 4x oversampling); the caller frees it with vc_meter_free. */
vc_status vc_meter_new(int rate, int true_peak, vc_meter **out);
void vc_meter_free(vc_meter *m);
/* Adds samples in [-1, 1] (float) or 16-bit. */
vc_status vc_meter_add_float(vc_meter *m, const float *x, size_t n);
vc_status vc_meter_add_short(vc_meter *m, const int16_t *x, size_t n);
/* Integrated loudness in LUFS (-HUGE_VAL for silence) and true peak in dBTP so far. */
double vc_meter_lufs(vc_meter *m);
double vc_meter_true_peak_db(vc_meter *m);

/* True-peak ceiling of the audio sink's limiter for lossless formats, dBTP. */
#define VC_CEILING_DB (-1.5)

/* Integrated loudness of `pcm` scaled by `gain_db` and passed through a limiter at
 * `ceiling_db`, as the audio sink would write it; -HUGE_VAL when silent. */
vc_status vc_loudness_limited(const int16_t *pcm, size_t n, int rate, double gain_db,
                              double ceiling_db, double *lufs);

#endif
