/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* What vc_audio_close measured on the finished stream (EBU R128, libebur128). */
typedef struct vc_audio_stats {
  double lufs;             /* integrated loudness of the whole file */
  double true_peak_db;     /* true peak, dBTP */
  double max_reduction_db; /* deepest gain reduction of the peak limiter (0 = unused) */
  uint64_t frames_out;     /* samples in the file, at out_rate */
  int out_rate;            /* the file's sample rate */
} vc_audio_stats;

typedef struct vc_audio_opts {
  int in_rate;        /* rate of the samples handed to vc_audio_write */
  int out_rate;       /* rate of the file; 0 = in_rate (opus: 48000 unless in_rate suits) */
  const char *format; /* "wav" (default when NULL), "flac", "ogg" (Vorbis), "opus", "mp3" */
  double ceiling_db;  /* true-peak ceiling in dBTP; 0 = default (-1.5, lossy -2.5) */
  vc_audio_stats *stats; /* if not NULL, vc_audio_close fills it in */
  uint64_t wav_max_data; /* wav: data bytes past which the file becomes RF64; 0 = the
                          * RIFF limit (just under 4 GiB). Tests set it low. */
  const char *name; /* the name messages give the file (e.g. its final name); NULL: path */
} vc_audio_opts;

/* 1 when `format` names a format this libsndfile can write (wav, flac, ogg, opus, mp3). */
int vc_audio_format_supported(const char *format);

/* The file name extension for `format` (".wav", ".flac", ".ogg", ".opus", ".mp3"), or
 * NULL for an unknown format. */
const char *vc_audio_format_ext(const char *format);

/* Creates `path` and streams into it: samples are scaled by the gain given with them,
 * resampled to out_rate (libsamplerate) when it differs, passed through a true-peak
 * look-ahead limiter that only acts near the ceiling, and written through libsndfile
 * (wav is plain RIFF/WAVE, rewritten once as RF64 if it outgrows 4 GiB). Memory does not
 * grow with the length. The caller chooses a temporary name and renames it when every
 * output is complete (render.c does); this only ever moves its own file aside for the
 * RF64 copy (PATH.riff~, deleted after). */
vc_status vc_audio_open(const char *path, const vc_audio_opts *o, vc_audio **out,
                        vc_diag *diag);
/* Writes mono 16-bit samples scaled by `gain` (linear). */
vc_status vc_audio_write(vc_audio *a, const int16_t *pcm, size_t n, double gain);
vc_status vc_audio_silence(vc_audio *a, size_t n);
/* Hands `fn` every sample written to the file, in order, as the 16-bit value the file
 * holds, on the thread that writes it (the sink's worker) and at the file's rate
 * (vc_audio_rate), e.g. to measure the file without reading it back. For the 16-bit PCM
 * formats (wav, flac) only: for the others it sets nothing and returns 0. To be set
 * before the first write. */
typedef void (*vc_audio_tap_fn)(void *user, const int16_t *pcm, size_t n);
int vc_audio_tap_pcm16(vc_audio *a, vc_audio_tap_fn fn, void *user);
/* The file's sample rate. */
int vc_audio_rate(const vc_audio *a);
/* Samples accepted so far, at in_rate: the timeline's clock (the file may run at
 * another rate, and the limiter delays output internally, flushed by close). */
uint64_t vc_audio_frames(const vc_audio *a);
/* Finishes and closes the file; frees `a` in every case. */
vc_status vc_audio_close(vc_audio *a, vc_diag *diag);
/* Closes and deletes the file; frees `a`. */
void vc_audio_abort(vc_audio *a);

#ifdef __cplusplus
}
#endif
#endif
