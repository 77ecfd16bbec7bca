/* The audio sink: streams gained, clip-protected PCM to a file through libsndfile. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voicecap/audio.h"

#define VC_CHUNK 4096 /* samples converted per sf_write_short call */

struct vc_audio {
  SNDFILE *sf;
  char *path;
  uint64_t frames; /* samples accepted, at in_rate */
  vc_status status;
  short buf[VC_CHUNK];
};

static void diag_set(vc_diag *d, const char *path, const char *what) {
  if (d)
    snprintf(d->msg, sizeof d->msg, "%s: %s", path, what);
}

vc_status vc_audio_open(const char *path, const vc_audio_opts *o, vc_audio **out,
                        vc_diag *diag) {
  *out = NULL;
  if (!path || !o || o->in_rate <= 0)
    return VC_ERR_ARG;
  if (o->format && strcmp(o->format, "wav") != 0) {
    diag_set(diag, path, "unsupported audio format");
    return VC_ERR_CONFIG;
  }
  if (o->out_rate != 0 && o->out_rate != o->in_rate) {
    diag_set(diag, path, "resampling is not supported yet");
    return VC_ERR_CONFIG;
  }
  vc_audio *a = calloc(1, sizeof *a);
  if (!a || !(a->path = strdup(path))) {
    free(a);
    return VC_ERR_NOMEM;
  }
  SF_INFO info = {
      .samplerate = o->in_rate, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
  a->sf = sf_open(path, SFM_WRITE, &info);
  if (!a->sf) {
    diag_set(diag, path, sf_strerror(NULL));
    free(a->path);
    free(a);
    return VC_ERR_AUDIO;
  }
  *out = a;
  return VC_OK;
}

/* Scales and rounds one sample, clamping instead of wrapping at full scale. */
static short gain_sample(int16_t x, double gain) {
  double y = nearbyint((double)x * gain);
  if (y > 32767.0)
    return 32767;
  if (y < -32768.0)
    return -32768;
  return (short)y;
}

static vc_status put(vc_audio *a, const short *buf, size_t n) {
  if (sf_write_short(a->sf, buf, (sf_count_t)n) != (sf_count_t)n)
    a->status = VC_ERR_AUDIO;
  else
    a->frames += n;
  return a->status;
}

vc_status vc_audio_write(vc_audio *a, const int16_t *pcm, size_t n, double gain) {
  if (!a || (!pcm && n))
    return VC_ERR_ARG;
  if (!isfinite(gain) || gain < 0.0)
    return VC_ERR_ARG;
  while (a->status == VC_OK && n > 0) {
    size_t k = n < VC_CHUNK ? n : VC_CHUNK;
    for (size_t i = 0; i < k; i++)
      a->buf[i] = gain_sample(pcm[i], gain);
    put(a, a->buf, k);
    pcm += k;
    n -= k;
  }
  return a->status;
}

vc_status vc_audio_silence(vc_audio *a, size_t n) {
  if (!a)
    return VC_ERR_ARG;
  memset(a->buf, 0, sizeof a->buf);
  while (a->status == VC_OK && n > 0) {
    size_t k = n < VC_CHUNK ? n : VC_CHUNK;
    put(a, a->buf, k);
    n -= k;
  }
  return a->status;
}

uint64_t vc_audio_frames(const vc_audio *a) {
  return a ? a->frames : 0;
}

vc_status vc_audio_close(vc_audio *a, vc_diag *diag) {
  if (!a)
    return VC_ERR_ARG;
  vc_status st = a->status;
  if (st != VC_OK)
    diag_set(diag, a->path, sf_strerror(a->sf));
  if (sf_close(a->sf) != 0 && st == VC_OK) {
    st = VC_ERR_AUDIO;
    diag_set(diag, a->path, "cannot finish the audio file");
  }
  free(a->path);
  free(a);
  return st;
}

void vc_audio_abort(vc_audio *a) {
  if (!a)
    return;
  sf_close(a->sf);
  unlink(a->path);
  free(a->path);
  free(a);
}
