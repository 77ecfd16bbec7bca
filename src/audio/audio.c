/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audio sink: gain, resampling (libsamplerate), true-peak limiting, metering
 * (libebur128) and encoding (libsndfile), streamed in fixed-size chunks. The processing
 * runs on a worker thread fed through a bounded ring, so that it overlaps espeak-ng's
 * synthesis instead of following it; the samples and their order are the same, so the
 * file is byte-identical to a sequential run. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <samplerate.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "audio_limiter.h"
#include "audio_loudness.h"
#include "audio_oggfix.h"
#include "audio_tags.h"

#define VC_CHUNK 4096      /* input samples handled at a time without the worker */
#define VC_RING (1u << 18) /* samples queued for the worker at most: constant memory */
/* The worker takes at most this many samples at a time, in place in the ring; each side
 * wakes the other only when it waits and this much is there to take (or room to fill),
 * so that samples pass in large blocks with few wake-ups. */
#define VC_HANDOFF (1u << 15)
#define VC_OUT_CHUNK 8192 /* resampler output buffer */
#define VC_MIN_RATE 8000
#define VC_MAX_RATE 192000

/* The output formats: libsndfile major|subtype, and what the encoder needs. */
typedef struct vc_format {
  const char *name, *ext;
  int sf_format;
  int lossy;       /* takes float samples and needs more peak headroom */
  int ogg;         /* an Ogg stream: libsndfile picks a random serial, fixed after */
  int big;         /* RIFF/WAVE: moves to RF64 when the data outgrows 4 GiB */
  const int *only; /* the sample rates the codec accepts (0-terminated), or NULL */
} vc_format;

static const int vc_opus_rates[] = {48000, 24000, 16000, 12000, 8000, 0};

static const vc_format vc_formats[] = {
    {"wav", ".wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, 0, 1, NULL},
    {"flac", ".flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, 0, 0, NULL},
    {"ogg", ".ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1, 1, 0, NULL},
    {"opus", ".opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 1, 0, vc_opus_rates},
    {"mp3", ".mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 1, 0, 0, NULL},
};
#define VC_N_FORMATS (sizeof vc_formats / sizeof vc_formats[0])

/* Default true-peak ceiling for lossy formats (encoders overshoot); lossless ones use
 * VC_CEILING_DB. */
#define VC_CEILING_LOSSY_DB (-2.5)
/* Data bytes a RIFF/WAVE file can hold (its sizes are 32-bit), less room for headers. */
#define VC_WAV_MAX_DATA (UINT64_C(0xFFFFFFFF) - 65536)
/* Stream serial number written into Ogg files, so output is reproducible. */
#define VC_OGG_SERIAL 0x76636170u

struct vc_audio {
  SNDFILE *sf;
  char *path;
  char *name;    /* for messages */
  int sys_errno; /* the system's reason for a failed write (worker's until joined) */
  const vc_format *fmt;
  int out_rate;
  uint64_t frames, frames_out;
  uint64_t wav_max_data; /* data bytes at which a WAV file becomes RF64 */
  int is_rf64;
  vc_status status;
  SRC_STATE *src;
  double ratio;
  vc_limiter *lim;
  vc_meter *meter;
  vc_audio_stats *stats;
  const vc_audio_tags *tags; /* written into the file by vc_audio_close, or NULL */
  vc_audio_tap_fn tap;       /* handed every 16-bit sample written, or NULL */
  void *tap_user;
  /* The queue between the caller (producer) and the worker. `status` above belongs to
   * the worker until it is joined; the producer sees it as `shared_status`. */
  pthread_t worker;
  int has_worker, closing, aborting;
  int worker_waits, producer_waits; /* which side sleeps on its condition */
  pthread_mutex_t mu;
  pthread_cond_t can_read, can_write;
  float *ring;
  uint64_t head, tail; /* samples queued and taken, ever */
  vc_status shared_status;
  float in[VC_CHUNK]; /* the chunk without a worker */
  float rs[VC_OUT_CHUNK];
  float lim_out[VC_OUT_CHUNK];
  short pcm[VC_OUT_CHUNK];
};

static const vc_format *find_format(const char *name) {
  if (!name)
    name = "wav";
  for (size_t i = 0; i < VC_N_FORMATS; i++) {
    if (strcmp(vc_formats[i].name, name) == 0)
      return &vc_formats[i];
  }
  return NULL;
}

int vc_audio_format_supported(const char *format) {
  const vc_format *f = find_format(format);
  if (!f)
    return 0;
  SF_INFO info = {
      .samplerate = f->only ? f->only[0] : 22050, .channels = 1, .format = f->sf_format};
  return sf_format_check(&info) != 0;
}

const char *vc_audio_format_ext(const char *format) {
  const vc_format *f = find_format(format);
  return f ? f->ext : NULL;
}

static void diag_set(vc_diag *d, const char *path, const char *what) {
  if (d)
    snprintf(d->msg, sizeof d->msg, "%s: %s", path, what);
}

static int rate_allowed(const vc_format *f, int rate) {
  if (!f->only)
    return 1;
  for (const int *r = f->only; *r; r++) {
    if (*r == rate)
      return 1;
  }
  return 0;
}

/* The file's rate: as asked, else the input's, else (opus) the codec's first choice. */
static int choose_rate(const vc_format *f, const vc_audio_opts *o) {
  if (o->out_rate)
    return o->out_rate;
  return rate_allowed(f, o->in_rate) ? o->in_rate : f->only[0];
}

static vc_status check_opts(const char *path, const vc_audio_opts *o, const vc_format *f,
                            int out_rate, vc_diag *diag) {
  if (!f || !vc_audio_format_supported(o->format)) {
    diag_set(diag, path, "unsupported audio format (wav, flac, ogg, opus, mp3)");
    return VC_ERR_CONFIG;
  }
  if (out_rate < VC_MIN_RATE || out_rate > VC_MAX_RATE || !rate_allowed(f, out_rate) ||
      !src_is_valid_ratio((double)out_rate / o->in_rate)) {
    diag_set(diag, path,
             f->only ? "opus needs a sample rate of 8000, 12000, 16000, 24000 or 48000"
                     : "sample rate must be 8000 to 192000");
    return VC_ERR_CONFIG;
  }
  if (o->ceiling_db > 0.0 || o->ceiling_db < -20.0 || isnan(o->ceiling_db)) {
    diag_set(diag, path, "true-peak ceiling must be -20 to 0 dBTP");
    return VC_ERR_CONFIG;
  }
  return VC_OK;
}

static vc_status open_stages(vc_audio *a, const vc_audio_opts *o) {
  double ceiling = o->ceiling_db < 0.0 ? o->ceiling_db
                   : a->fmt->lossy     ? VC_CEILING_LOSSY_DB
                                       : VC_CEILING_DB;
  vc_status st = vc_limiter_new(a->out_rate, ceiling, &a->lim);
  if (st == VC_OK && o->stats) /* metering costs as much as the rest: only on request */
    st = vc_meter_new(a->out_rate, 1, &a->meter);
  if (st == VC_OK && a->out_rate != o->in_rate) {
    int err = 0;
    a->ratio = (double)a->out_rate / o->in_rate;
    a->src = src_new(SRC_SINC_MEDIUM_QUALITY, 1, &err);
    if (!a->src)
      st = VC_ERR_NOMEM;
  }
  return st;
}

static vc_status open_file(vc_audio *a, vc_diag *diag) {
  SF_INFO info = {.samplerate = a->out_rate, .channels = 1, .format = a->fmt->sf_format};
  a->sf = sf_open(a->path, SFM_WRITE, &info);
  if (!a->sf) {
    diag_set(diag, a->path, sf_strerror(NULL));
    return VC_ERR_AUDIO;
  }
  return VC_OK;
}

static void *worker_main(void *arg);

/* Starts the worker; without one (no ring, no thread) the sink works synchronously. */
static void start_worker(vc_audio *a) {
  a->ring = malloc(VC_RING * sizeof *a->ring);
  if (!a->ring)
    return;
  pthread_mutex_init(&a->mu, NULL);
  pthread_cond_init(&a->can_read, NULL);
  pthread_cond_init(&a->can_write, NULL);
  a->has_worker = pthread_create(&a->worker, NULL, worker_main, a) == 0;
  if (!a->has_worker) {
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->can_read);
    pthread_cond_destroy(&a->can_write);
  }
}

/* Tells the worker no more samples come and waits for it to finish (or give up). */
static void stop_worker(vc_audio *a, int abort_it) {
  if (!a->has_worker)
    return;
  pthread_mutex_lock(&a->mu);
  a->closing = 1;
  a->aborting = abort_it;
  pthread_cond_signal(&a->can_read);
  pthread_mutex_unlock(&a->mu);
  pthread_join(a->worker, NULL);
  pthread_mutex_destroy(&a->mu);
  pthread_cond_destroy(&a->can_read);
  pthread_cond_destroy(&a->can_write);
  a->has_worker = 0;
}

static void audio_free(vc_audio *a) {
  free(a->ring);
  if (a->src)
    src_delete(a->src);
  vc_limiter_free(a->lim);
  vc_meter_free(a->meter);
  free(a->path);
  free(a->name);
  free(a);
}

vc_status vc_audio_open(const char *path, const vc_audio_opts *o, vc_audio **out,
                        vc_diag *diag) {
  *out = NULL;
  if (!path || !o || o->in_rate < VC_MIN_RATE || o->in_rate > VC_MAX_RATE)
    return VC_ERR_ARG;
  const vc_format *f = find_format(o->format);
  int out_rate = f ? choose_rate(f, o) : 0;
  vc_status st = check_opts(path, o, f, out_rate, diag);
  if (st != VC_OK)
    return st;
  vc_audio *a = calloc(1, sizeof *a);
  if (!a || !(a->path = strdup(path)) || !(a->name = strdup(o->name ? o->name : path))) {
    if (a)
      free(a->path);
    free(a);
    return VC_ERR_NOMEM;
  }
  a->fmt = f;
  a->out_rate = out_rate;
  a->stats = o->stats;
  a->wav_max_data = o->wav_max_data ? o->wav_max_data : VC_WAV_MAX_DATA;
  st = open_stages(a, o);
  if (st == VC_OK)
    st = open_file(a, diag);
  if (st != VC_OK) {
    audio_free(a);
    return st;
  }
  start_worker(a);
  *out = a;
  return VC_OK;
}

/* Copies every sample of the finished WAV file `from` into the RF64 file `to`. */
static vc_status copy_samples(vc_audio *a, const char *from, SNDFILE *to) {
  SF_INFO info = {0};
  SNDFILE *in = sf_open(from, SFM_READ, &info);
  if (!in)
    return VC_ERR_AUDIO;
  vc_status st = VC_OK;
  sf_count_t got;
  while (st == VC_OK && (got = sf_read_short(in, a->pcm, VC_OUT_CHUNK)) > 0) {
    if (sf_write_short(to, a->pcm, got) != got)
      st = VC_ERR_AUDIO;
  }
  sf_close(in);
  return st;
}

/* The stream has outgrown RIFF/WAVE: finish the WAV file under another name, then copy
 * it into an RF64 file at the path and go on writing there. Happens at most once, past
 * 4 GiB, and keeps memory constant. */
static vc_status become_rf64(vc_audio *a) {
  size_t n = strlen(a->path) + 8;
  char *old = malloc(n);
  if (!old)
    return VC_ERR_NOMEM;
  snprintf(old, n, "%s.riff~", a->path);
  int closed = sf_close(a->sf);
  a->sf = NULL;
  SF_INFO info = {.samplerate = a->out_rate,
                  .channels = 1,
                  .format = SF_FORMAT_RF64 | SF_FORMAT_PCM_16};
  vc_status st = closed == 0 && rename(a->path, old) == 0 ? VC_OK : VC_ERR_AUDIO;
  if (st == VC_OK && !(a->sf = sf_open(a->path, SFM_WRITE, &info)))
    st = VC_ERR_AUDIO;
  if (st == VC_OK)
    st = copy_samples(a, old, a->sf);
  unlink(old);
  free(old);
  a->is_rf64 = 1;
  return st;
}

static int outgrows_wav(const vc_audio *a, size_t n) {
  return a->fmt->big && !a->is_rf64 && (a->frames_out + n) * 2 > a->wav_max_data;
}

/* A sample as 16-bit PCM: y * 32768 rounded to the nearest integer, ties to even (as
 * nearbyint in the default rounding mode), clamped to the 16-bit range. Clamping to
 * integer bounds first gives the same result, and below 2^22 adding and taking away
 * 1.5 * 2^23 rounds a float exactly so, without a call per sample. */
static short to_short(float y) {
  float v = y * 32768.0f; /* exact: a power of two */
  v = v > 32767.0f ? 32767.0f : v < -32768.0f ? -32768.0f : v;
  return (short)((v + 12582912.0f) - 12582912.0f); /* not folded without -ffast-math */
}

/* Lanes of four floats, four 32-bit integers, two doubles (vector extensions): each lane
 * does what the scalar code does, with the same IEEE operations, so results are equal. */
typedef float vc_f4 __attribute__((vector_size(16)));
typedef int32_t vc_i4 __attribute__((vector_size(16)));
typedef double vc_d2 __attribute__((vector_size(16)));
typedef float vc_f2 __attribute__((vector_size(8)));

/* to_short of n samples, four at a time. */
static void to_shorts(const float *y, short *out, size_t n) {
  const vc_f4 hi = {32767.0f, 32767.0f, 32767.0f, 32767.0f},
              lo = {-32768.0f, -32768.0f, -32768.0f, -32768.0f},
              two15 = {32768.0f, 32768.0f, 32768.0f, 32768.0f},
              magic = {12582912.0f, 12582912.0f, 12582912.0f, 12582912.0f};
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    vc_f4 v;
    memcpy(&v, y + i, sizeof v);
    v = v * two15;
    vc_i4 above = v > hi, below = v < lo; /* as to_short: the first test first */
    vc_i4 bits =
        ((vc_i4)hi & above) | ((vc_i4)lo & below & ~above) | ((vc_i4)v & ~(above | below));
    v = ((vc_f4)bits + magic) - magic;
    vc_i4 r = __builtin_convertvector(v, vc_i4);
    for (int k = 0; k < 4; k++)
      out[i + (size_t)k] = (short)r[k];
  }
  for (; i < n; i++)
    out[i] = to_short(y[i]);
}

/* Meters and encodes limited samples: 16-bit for PCM formats, float for lossy ones. */
static void emit(vc_audio *a, const float *y, size_t n) {
  if (a->status != VC_OK || n == 0)
    return;
  if (outgrows_wav(a, n) && (a->status = become_rf64(a)) != VC_OK)
    return;
  sf_count_t wrote;
  if (a->fmt->lossy) {
    if (a->meter)
      vc_meter_add_float(a->meter, y, n);
    wrote = sf_write_float(a->sf, y, (sf_count_t)n);
  } else {
    to_shorts(y, a->pcm, n);
    if (a->tap)
      a->tap(a->tap_user, a->pcm, n);
    if (a->meter)
      vc_meter_add_short(a->meter, a->pcm, n);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (a->fmt->big) /* RIFF/RF64 hold 16-bit little-endian samples: these bytes as they
                        are, without libsndfile's copy of them */
      wrote = sf_write_raw(a->sf, a->pcm, (sf_count_t)(n * sizeof *a->pcm)) /
              (sf_count_t)sizeof *a->pcm;
    else
#endif
      wrote = sf_write_short(a->sf, a->pcm, (sf_count_t)n);
  }
  if (wrote != (sf_count_t)n) {
    a->sys_errno = errno;
    a->status = VC_ERR_AUDIO;
  }
  a->frames_out += n;
}

/* Limits and emits n samples, at most VC_OUT_CHUNK (the room in lim_out) at a time. */
static void limit(vc_audio *a, const float *x, size_t n) {
  for (size_t i = 0; i < n; i += VC_OUT_CHUNK) {
    size_t k = n - i < VC_OUT_CHUNK ? n - i : VC_OUT_CHUNK;
    emit(a, a->lim_out, vc_limiter_process(a->lim, x + i, k, a->lim_out));
  }
}

/* Resamples when the file's rate differs; `end` drains the resampler. */
static void push(vc_audio *a, const float *x, size_t n, int end) {
  if (!a->src) {
    limit(a, x, n);
    return;
  }
  for (;;) {
    SRC_DATA d = {.data_in = x,
                  .data_out = a->rs,
                  .input_frames = (long)n,
                  .output_frames = VC_OUT_CHUNK,
                  .end_of_input = end,
                  .src_ratio = a->ratio};
    if (src_process(a->src, &d) != 0) {
      a->status = VC_ERR_AUDIO;
      return;
    }
    limit(a, a->rs, (size_t)d.output_frames_gen);
    x += d.input_frames_used;
    n -= (size_t)d.input_frames_used;
    if (n == 0 && (!end || d.output_frames_gen == 0))
      return;
  }
}

static void drain(vc_audio *a);

/* The worker: processes the queued samples in place, a block at a time, until the
 * producer closes. The producer writes only into the free part of the ring, so the block
 * being processed is the worker's until `tail` moves past it. */
static void *worker_main(void *arg) {
  vc_audio *a = arg;
  int aborting = 0; /* a->aborting as read under the lock */
  pthread_mutex_lock(&a->mu);
  for (;;) {
    while (a->head - a->tail < VC_HANDOFF && !a->closing) {
      a->worker_waits = 1;
      pthread_cond_wait(&a->can_read, &a->mu);
      a->worker_waits = 0;
    }
    aborting = a->aborting;
    size_t k = (size_t)(a->head - a->tail), at = (size_t)(a->tail % VC_RING);
    if (k == 0 || aborting)
      break; /* closing and nothing left, or told to give up */
    k = k < VC_HANDOFF ? k : VC_HANDOFF;
    k = k < VC_RING - at ? k : VC_RING - at; /* contiguous: up to the ring's end */
    pthread_mutex_unlock(&a->mu);
    push(a, a->ring + at, k, 0);
    pthread_mutex_lock(&a->mu);
    a->tail += k;
    a->shared_status = a->status;
    if (a->producer_waits &&
        (VC_RING - (a->head - a->tail) >= VC_HANDOFF || a->status != VC_OK))
      pthread_cond_signal(&a->can_write);
  }
  pthread_mutex_unlock(&a->mu);
  if (!aborting)
    drain(a);
  return NULL;
}

/* dst[i] = (float)(pcm[i] * scale), two at a time. */
static void scale_samples(const int16_t *pcm, size_t n, double scale, float *dst) {
  const vc_d2 sc = {scale, scale};
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vc_d2 x = {(double)pcm[i], (double)pcm[i + 1]};
    vc_f2 y = __builtin_convertvector(x * sc, vc_f2);
    memcpy(dst + i, &y, sizeof y);
  }
  for (; i < n; i++)
    dst[i] = (float)(pcm[i] * scale);
}

/* Queues `n` samples, pcm[i] * scale, or silence when `pcm` is NULL; waits while the
 * ring is full. Without a worker the samples are processed at once. */
static vc_status enqueue(vc_audio *a, const int16_t *pcm, size_t n, double scale) {
  if (!a->has_worker) {
    while (a->status == VC_OK && n > 0) {
      size_t k = n < VC_CHUNK ? n : VC_CHUNK;
      for (size_t i = 0; i < k; i++)
        a->in[i] = pcm ? (float)(pcm[i] * scale) : 0.0f;
      push(a, a->in, k, 0);
      a->frames += k, n -= k, pcm = pcm ? pcm + k : NULL;
    }
    return a->status;
  }
  pthread_mutex_lock(&a->mu);
  while (a->shared_status == VC_OK && n > 0) {
    while (a->head - a->tail == VC_RING && a->shared_status == VC_OK) {
      a->producer_waits = 1;
      pthread_cond_wait(&a->can_write, &a->mu);
      a->producer_waits = 0;
    }
    size_t room = (size_t)(VC_RING - (a->head - a->tail)), at = (size_t)(a->head % VC_RING);
    size_t k = room < n ? room : n;
    k = k < VC_RING - at ? k : VC_RING - at;
    pthread_mutex_unlock(&a->mu); /* the free part is the producer's own */
    float *dst = a->ring + at;
    if (pcm)
      scale_samples(pcm, k, scale, dst);
    else
      memset(dst, 0, k * sizeof *dst);
    pthread_mutex_lock(&a->mu);
    a->head += k, a->frames += k, n -= k, pcm = pcm ? pcm + k : NULL;
    if (a->worker_waits && a->head - a->tail >= VC_HANDOFF)
      pthread_cond_signal(&a->can_read);
  }
  vc_status st = a->shared_status;
  pthread_mutex_unlock(&a->mu);
  return st;
}

vc_status vc_audio_write(vc_audio *a, const int16_t *pcm, size_t n, double gain) {
  if (!a || (!pcm && n) || !isfinite(gain) || gain < 0.0 || gain > 1000.0)
    return VC_ERR_ARG;
  return n ? enqueue(a, pcm, n, gain / 32768.0) : a->shared_status;
}

vc_status vc_audio_silence(vc_audio *a, size_t n) {
  if (!a)
    return VC_ERR_ARG;
  return enqueue(a, NULL, n, 0.0);
}

int vc_audio_tap_pcm16(vc_audio *a, vc_audio_tap_fn fn, void *user) {
  if (!a || a->fmt->lossy)
    return 0;
  a->tap = fn;
  a->tap_user = user;
  return 1;
}

int vc_audio_rate(const vc_audio *a) {
  return a ? a->out_rate : 0;
}

uint64_t vc_audio_frames(const vc_audio *a) {
  return a ? a->frames : 0;
}

/* Drains the resampler and the limiter's look-ahead. */
static void drain(vc_audio *a) {
  if (a->src)
    push(a, a->in, 0, 1);
  if (a->status == VC_OK)
    emit(a, a->lim_out, vc_limiter_flush(a->lim, a->lim_out));
}

static void fill_stats(vc_audio *a) {
  if (!a->stats)
    return;
  a->stats->lufs = vc_meter_lufs(a->meter);
  a->stats->true_peak_db = vc_meter_true_peak_db(a->meter);
  a->stats->max_reduction_db = vc_limiter_max_reduction_db(a->lim);
  a->stats->frames_out = a->frames_out;
  a->stats->out_rate = a->out_rate;
}

vc_status vc_audio_set_tags(vc_audio *a, const vc_audio_tags *t) {
  if (!a)
    return VC_ERR_ARG;
  a->tags = t;
  return VC_OK;
}

/* WAV keeps its title, artist and album in LIST/INFO, which libsndfile writes. */
static void set_info_strings(vc_audio *a) {
  if (!a->tags || !a->fmt->big || !a->sf)
    return;
  if (a->tags->title)
    sf_set_string(a->sf, SF_STR_TITLE, a->tags->title);
  if (a->tags->artist)
    sf_set_string(a->sf, SF_STR_ARTIST, a->tags->artist);
  if (a->tags->album)
    sf_set_string(a->sf, SF_STR_ALBUM, a->tags->album);
}

vc_status vc_audio_close(vc_audio *a, vc_diag *diag) {
  if (!a)
    return VC_ERR_ARG;
  if (a->has_worker)
    stop_worker(a, 0); /* the worker drains */
  else
    drain(a);
  vc_status st = a->status;
  if (st != VC_OK)
    diag_set(diag, a->name, a->sys_errno ? strerror(a->sys_errno) : sf_strerror(a->sf));
  if (st == VC_OK)
    set_info_strings(a);
  errno = 0;
  if ((!a->sf || sf_close(a->sf) != 0) && st == VC_OK) {
    st = VC_ERR_AUDIO;
    diag_set(diag, a->name, errno ? strerror(errno) : "cannot finish the audio file");
  }
  if (st == VC_OK && a->fmt->ogg) {
    errno = 0;
    st = vc_ogg_set_serial(a->path, VC_OGG_SERIAL);
    if (st != VC_OK)
      diag_set(diag, a->name,
               errno ? strerror(errno) : "cannot rewrite the Ogg stream serial");
  }
  if (st == VC_OK && a->tags) {
    errno = 0;
    st = vc_audio_tags_write(a->path, a->fmt->name, a->tags);
    if (st != VC_OK)
      diag_set(diag, a->name,
               errno ? strerror(errno)
                     : "cannot write the title and chapters into the audio file");
  }
  if (st == VC_OK)
    fill_stats(a);
  audio_free(a);
  return st;
}

void vc_audio_abort(vc_audio *a) {
  if (!a)
    return;
  stop_worker(a, 1);
  if (a->sf)
    sf_close(a->sf);
  unlink(a->path);
  audio_free(a);
}

vc_status vc_audio_transcode(const char *from, const char *to, const char *format,
                             int out_rate, vc_diag *diag) {
  SF_INFO info = {0};
  SNDFILE *in = sf_open(from, SFM_READ, &info);
  if (!in) {
    diag_set(diag, from, sf_strerror(NULL));
    return VC_ERR_AUDIO;
  }
  vc_audio_opts o = {.in_rate = info.samplerate, .out_rate = out_rate, .format = format};
  vc_audio *a = NULL;
  vc_status st = info.channels == 1 ? vc_audio_open(to, &o, &a, diag) : VC_ERR_AUDIO;
  int16_t buf[VC_CHUNK];
  sf_count_t got;
  while (st == VC_OK && (got = sf_read_short(in, buf, VC_CHUNK)) > 0)
    st = vc_audio_write(a, buf, (size_t)got, 1.0);
  sf_close(in);
  if (st == VC_OK)
    return vc_audio_close(a, diag);
  vc_audio_abort(a);
  return st;
}
