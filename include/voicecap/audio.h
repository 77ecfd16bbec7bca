/* The audio sink: streams PCM to a file through libsndfile, written atomically. */
#ifndef VOICECAP_AUDIO_H
#define VOICECAP_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vc_audio vc_audio;

typedef struct vc_audio_opts {
  int in_rate;        /* rate of the samples handed to vc_audio_write */
  int out_rate;       /* rate of the file; 0 = same as in_rate */
  const char *format; /* "wav" (default when NULL), later flac, ogg, opus, mp3 */
} vc_audio_opts;

/* Creates `path` and streams into it. The caller chooses a temporary name and renames
 * it when every output is complete (render.c does), so this never renames. */
vc_status vc_audio_open(const char *path, const vc_audio_opts *o, vc_audio **out,
                        vc_diag *diag);
/* Writes mono 16-bit samples scaled by `gain` (linear). */
vc_status vc_audio_write(vc_audio *a, const int16_t *pcm, size_t n, double gain);
vc_status vc_audio_silence(vc_audio *a, size_t n);
/* Samples written so far, at in_rate. */
uint64_t vc_audio_frames(const vc_audio *a);
/* Finishes and closes the file; frees `a` in every case. */
vc_status vc_audio_close(vc_audio *a, vc_diag *diag);
/* Closes and deletes the file; frees `a`. */
void vc_audio_abort(vc_audio *a);

#ifdef __cplusplus
}
#endif
#endif
