/* Voice loudness calibration: how loud each voice is as espeak-ng makes it, measured on a
 * fixed passage and kept in memory and, when the caller names one, in a cache file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_SYNTH_CALIBRATE_H
#define VC_SYNTH_CALIBRATE_H

#include "cast.h"
#include "synth.h"
#include "voicecap/status.h"

typedef struct vc_calibrator vc_calibrator;

/* `cache_path` names the cache file to read and add to (its folder must exist; it is
 * created when missing), or is NULL: figures are then measured and kept in memory only,
 * and nothing is written anywhere. The path is copied. */
vc_status vc_calibrator_new(const char *cache_path, vc_calibrator **out);
void vc_calibrator_free(vc_calibrator *c);

/* Integrated loudness (LUFS, EBU R128) of voice `v` as espeak-ng makes it: the first
 * call for a voice's settings speaks the calibration passage on the fresh engine
 * (vc_synth_speak_fresh, so the figure does not depend on what the process said before)
 * and measures it; later calls use the figure kept in `c` or in its cache file. */
vc_status vc_calibrator_lufs(vc_calibrator *c, vc_synth *s, const vc_voice *v, double *lufs,
                             vc_diag *diag);

/* The linear gain for voice `v`'s samples: brings its calibrated loudness to
 * `target_lufs` once limited as the audio sink limits it, then adds the voice's own
 * gain_db. This is what render hands to vc_audio_write. */
vc_status vc_calibrator_gain(vc_calibrator *c, vc_synth *s, const vc_voice *v,
                             double target_lufs, double *gain, vc_diag *diag);

#endif
