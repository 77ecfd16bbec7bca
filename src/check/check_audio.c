/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Caption checker, audio: speech found as loud 10 ms windows (libsndfile), then the
 * share of speech outside every cue and cues that sit on silence. */
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

enum {
  SP_BLOCK = 4096, /* frames read at once */
  SP_MAX_CHANNELS = 64,
  SP_MAX_HOURS = 48,         /* longer audio is refused (VC_ERR_LIMIT) */
  SP_SILENT_DBFS = -70,      /* a file whose loudest window is quieter has no speech */
  SP_KEEP_WINDOWS = 1 << 18, /* up to this many windows (43 min, 2 MiB) are kept, to mark
                                speech without reading the file again */
};

typedef struct sp_reader {
  SNDFILE *f;
  SF_INFO info;
  const char *path;
  float *buf;
  size_t n;
} sp_reader;

/* Windows are 10 ms: frame g belongs to window floor(g * 100 / rate). The first frame of
 * window w + 1 is the least g with g * 100 >= (w + 1) * rate. */
static sf_count_t next_window(size_t w, int rate) {
  int64_t per_s = 1000 / VC_CHK_WIN_MS;
  return (sf_count_t)((((int64_t)w + 1) * rate + per_s - 1) / per_s);
}

/* Window w's sum of squares as its mean square, the file having `end` frames. */
static double mean_square(double sum, size_t w, int rate, sf_count_t end) {
  sf_count_t a = (sf_count_t)((int64_t)w * rate * VC_CHK_WIN_MS / 1000);
  sf_count_t z = (sf_count_t)((int64_t)(w + 1) * rate * VC_CHK_WIN_MS / 1000);
  z = z < end ? z : end;
  return z > a ? sum / (double)(z - a) : sum;
}

/* Called with each window that has frames, in order, and its mean square. */
typedef void (*sp_window_fn)(void *user, size_t w, double power);

/* The running sums of the windows: frames go in in order, and `fn` gets each window's
 * mean square once its frames are all in (the last one at sp_acc_end). */
typedef struct sp_acc {
  int rate;
  size_t n;        /* windows handed on: w < n only */
  sf_count_t g;    /* frames in so far */
  size_t w;        /* the window of frame g */
  sf_count_t next; /* the first frame of window w + 1 */
  double acc;      /* window w's sum so far */
  int any;         /* window w has frames */
  sp_window_fn fn;
  void *user;
} sp_acc;

static sp_acc acc_start(int rate, size_t n, sp_window_fn fn, void *user) {
  return (sp_acc){
      .rate = rate, .n = n, .next = next_window(0, rate), .fn = fn, .user = user};
}

/* One step of a block of `got` frames from frame i: closes the window the frames before
 * ended (reporting it) and returns where this window's frames in the block end, so the
 * caller adds frames i..end without a test each. */
static sf_count_t acc_window(sp_acc *a, sf_count_t i, sf_count_t got) {
  if (a->g >= a->next) {
    if (a->any && a->w < a->n)
      a->fn(a->user, a->w, mean_square(a->acc, a->w, a->rate, a->next));
    a->acc = 0;
    while (a->g >= a->next)
      a->next = next_window(++a->w, a->rate);
  }
  sf_count_t end = got - i < a->next - a->g ? got : i + (a->next - a->g);
  a->g += end - i;
  a->any = 1;
  return end;
}

/* Adds `got` frames of `ch` channels: a frame's power is the mean of its channels'
 * squares. */
static void acc_frames(sp_acc *a, const float *buf, sf_count_t got, int ch) {
  for (sf_count_t i = 0; i < got;) {
    sf_count_t end = acc_window(a, i, got);
    double acc = a->acc;
    if (ch == 1) /* sum / 1 is sum: the same additions as below */
      for (; i < end; i++)
        acc += (double)buf[i] * buf[i];
    for (; i < end; i++) {
      double sum = 0;
      for (int c = 0; c < ch; c++)
        sum += (double)buf[i * ch + c] * buf[i * ch + c];
      acc += sum / ch;
    }
    a->acc = acc;
  }
}

static void acc_end(sp_acc *a) {
  if (a->any && a->w < a->n)
    a->fn(a->user, a->w, mean_square(a->acc, a->w, a->rate, a->g));
}

/* Reads the file from its start and hands each window's mean square to `fn`: the
 * windows are not kept, so memory does not grow with the audio's length. */
static vc_status each_window(sp_reader *rd, sp_window_fn fn, void *user) {
  sp_acc a = acc_start(rd->info.samplerate, rd->n, fn, user);
  sf_count_t got;
  while ((got = sf_readf_float(rd->f, rd->buf, SP_BLOCK)) > 0)
    acc_frames(&a, rd->buf, got, rd->info.channels);
  if (sf_error(rd->f) != SF_ERR_NO_ERROR)
    return VC_ERR_AUDIO;
  acc_end(&a);
  return VC_OK;
}

/* The loudest window so far, and each window's mean square when they are kept. */
typedef struct sp_peak {
  double peak;
  double *kept; /* NULL: not kept */
} sp_peak;

static void take_peak(void *user, size_t w, double power) {
  sp_peak *p = user;
  p->peak = power > p->peak ? power : p->peak;
  if (p->kept)
    p->kept[w] = power;
}

typedef struct sp_marker {
  vc_speech *sp;
  double floor;
} sp_marker;

static void mark_window(void *user, size_t w, double power) {
  sp_marker *m = user;
  m->sp->on[w] = power > 0 && power >= m->floor;
}

/* Back to the first frame (libsndfile cannot seek in every format: then reopened). */
static vc_status rewind_audio(sp_reader *rd) {
  if (sf_seek(rd->f, 0, SEEK_SET) == 0)
    return VC_OK;
  sf_close(rd->f);
  SF_INFO info = {0};
  rd->f = sf_open(rd->path, SFM_READ, &info);
  return rd->f && info.frames == rd->info.frames ? VC_OK : VC_ERR_AUDIO;
}

/* The loudest window's level into sp; 1 when the windows within VC_CHK_SPEECH_DB of it
 * are to be marked (m, the floor), 0 when the audio is silent (every window stays off). */
static int speech_floor(const sp_peak *p, vc_speech *sp, sp_marker *m) {
  sp->peak_dbfs = p->peak > 0 ? 10 * log10(p->peak) : -INFINITY;
  *m = (sp_marker){sp, p->peak * pow(10, -VC_CHK_SPEECH_DB / 10.0)};
  return sp->peak_dbfs > SP_SILENT_DBFS;
}

/* The loudest window, then the windows within VC_CHK_SPEECH_DB of it: from the mean
 * squares kept, or for long audio (whose windows are not kept, so that memory stays
 * flat) from a second pass over the file, which gives the same mean squares. */
static vc_status find_speech(sp_reader *rd, vc_speech *sp) {
  sp_peak p = {0, NULL};
  if (rd->n <= SP_KEEP_WINDOWS && !(p.kept = calloc(rd->n ? rd->n : 1, sizeof *p.kept)))
    return VC_ERR_NOMEM;
  vc_status st = each_window(rd, take_peak, &p);
  sp_marker m;
  if (speech_floor(&p, sp, &m) && st == VC_OK) {
    if (p.kept)
      for (size_t w = 0; w < rd->n; w++)
        mark_window(&m, w, p.kept[w]);
    else if ((st = rewind_audio(rd)) == VC_OK)
      st = each_window(rd, mark_window, &m);
  }
  free(p.kept);
  return st;
}

static vc_status open_audio(const char *path, sp_reader *rd, char *msg, size_t size) {
  rd->path = path;
  rd->f = sf_open(path, SFM_READ, &rd->info);
  if (!rd->f) {
    snprintf(msg, size, "cannot read audio: %s", sf_strerror(NULL));
    return VC_ERR_AUDIO;
  }
  int rate = rd->info.samplerate, ch = rd->info.channels;
  if (rate < 1000 || rate > 768000 || ch < 1 || ch > SP_MAX_CHANNELS ||
      rd->info.frames < 0) {
    snprintf(msg, size, "unsupported audio: %d Hz, %d channels", rate, ch);
    return VC_ERR_AUDIO;
  }
  if (rd->info.frames / rate > (sf_count_t)SP_MAX_HOURS * 3600) {
    snprintf(msg, size, "audio longer than %d hours", SP_MAX_HOURS);
    return VC_ERR_LIMIT;
  }
  int64_t per_s = 1000 / VC_CHK_WIN_MS; /* windows a second */
  rd->n = (size_t)(((int64_t)rd->info.frames * per_s + rate - 1) / rate);
  rd->buf = malloc((size_t)SP_BLOCK * (size_t)ch * sizeof *rd->buf);
  if (!rd->buf) {
    snprintf(msg, size, "out of memory");
    return VC_ERR_NOMEM;
  }
  return VC_OK;
}

vc_status vc_speech_load(const char *path, vc_speech *sp, char *msg, size_t size) {
  memset(sp, 0, sizeof *sp);
  sp_reader rd = {0};
  vc_status st = open_audio(path, &rd, msg, size);
  if (st != VC_OK)
    goto fail;
  sp->on = calloc(rd.n ? rd.n : 1, 1);
  if (!sp->on) {
    snprintf(msg, size, "out of memory");
    st = VC_ERR_NOMEM;
    goto fail;
  }
  sp->n = rd.n;
  sp->duration_ms = (int64_t)rd.info.frames * 1000 / rd.info.samplerate;
  st = find_speech(&rd, sp);
  if (st != VC_OK)
    snprintf(msg, size, "cannot read audio: %s", sf_strerror(rd.f));
fail:
  if (rd.f)
    sf_close(rd.f);
  free(rd.buf);
  if (st != VC_OK)
    vc_speech_free(sp);
  return st;
}

void vc_speech_free(vc_speech *sp) {
  free(sp->on);
  memset(sp, 0, sizeof *sp);
}

/* ---- the speech of audio as it is written (vc_speech_meter) ---------------------------
 * The windows' mean squares made from the samples as they go into a file, with the same
 * sums each_window makes of them read back, and kept (growing as the audio does, up to
 * SP_KEEP_WINDOWS: past that the meter gives up and the file is read, as for long audio).
 */
struct vc_speech_meter {
  sp_acc acc;
  sp_peak peak;
  size_t cap; /* room in peak.kept */
  int failed; /* out of memory, or past SP_KEEP_WINDOWS */
};

/* The meter's window sink: keeps each mean square (growing the room as needed). */
static void meter_window(void *user, size_t w, double power) {
  vc_speech_meter *m = user;
  if (m->failed)
    return;
  if (w >= m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 4096;
    while (cap <= w)
      cap *= 2;
    cap = cap < SP_KEEP_WINDOWS ? cap : SP_KEEP_WINDOWS;
    double *grown = w < cap ? realloc(m->peak.kept, cap * sizeof *grown) : NULL;
    if (!grown) {
      m->failed = 1;
      return;
    }
    memset(grown + m->cap, 0, (cap - m->cap) * sizeof *grown);
    m->peak.kept = grown;
    m->cap = cap;
  }
  take_peak(&m->peak, w, power);
}

vc_status vc_speech_meter_new(int rate, vc_speech_meter **out) {
  *out = NULL;
  if (rate < 1000 || rate > 768000)
    return VC_ERR_ARG;
  vc_speech_meter *m = calloc(1, sizeof *m);
  if (!m)
    return VC_ERR_NOMEM;
  m->acc = acc_start(rate, SIZE_MAX, meter_window, m);
  *out = m;
  return VC_OK;
}

/* acc_frames of mono 16-bit samples read back as float (x = s / 32768): each square is
 * s * s / 2^30 exactly, and every sum of them a window makes (< 2^39 / 2^30) is exact in
 * a double, in any order; so the window's sum is its integer sum of s * s times 2^-30,
 * the very double acc_frames adds up one by one. */
static void acc_pcm16(sp_acc *a, const int16_t *s, sf_count_t got) {
  for (sf_count_t i = 0; i < got;) {
    sf_count_t end = acc_window(a, i, got);
    int64_t sum[4] = {0, 0, 0, 0}; /* four at a time: integer sums, any order */
    for (; i + 4 <= end; i += 4)
      for (int k = 0; k < 4; k++)
        sum[k] += (int32_t)s[i + k] * s[i + k];
    for (; i < end; i++)
      sum[0] += (int32_t)s[i] * s[i];
    a->acc += ldexp((double)(sum[0] + sum[1] + sum[2] + sum[3]), -30);
  }
}

void vc_speech_meter_add(vc_speech_meter *m, const int16_t *pcm, size_t n) {
  if (m && !m->failed)
    acc_pcm16(&m->acc, pcm, (sf_count_t)n);
}

vc_status vc_speech_meter_result(vc_speech_meter *m, vc_speech *sp) {
  memset(sp, 0, sizeof *sp);
  int rate = m->acc.rate;
  int64_t per_s = 1000 / VC_CHK_WIN_MS, frames = (int64_t)m->acc.g;
  size_t n = (size_t)((frames * per_s + rate - 1) / rate); /* as open_audio counts them */
  if (m->failed || frames / rate > (int64_t)SP_MAX_HOURS * 3600 || n > SP_KEEP_WINDOWS)
    return VC_ERR_LIMIT;
  m->acc.n = n; /* windows past the file's count are not handed on, as in each_window */
  acc_end(&m->acc);
  m->failed = 1; /* ended: nothing more goes in */
  sp->on = calloc(n ? n : 1, 1);
  if (!sp->on)
    return VC_ERR_NOMEM;
  sp->n = n;
  sp->duration_ms = frames * 1000 / rate;
  sp_marker mk;
  if (speech_floor(&m->peak, sp, &mk))
    for (size_t w = 0; w < n && w < m->cap; w++)
      mark_window(&mk, w, m->peak.kept[w]);
  return VC_OK;
}

void vc_speech_meter_free(vc_speech_meter *m) {
  if (!m)
    return;
  free(m->peak.kept);
  free(m);
}

/* Window range [*a, *z) overlapping [start_ms, end_ms), clipped to the audio. */
static void window_range(const vc_speech *sp, int64_t start, int64_t end, size_t *a,
                         size_t *z) {
  start = start < 0 ? 0 : start;
  end = end < start ? start : end;
  *a = (size_t)(start / VC_CHK_WIN_MS);
  *z = (size_t)((end + VC_CHK_WIN_MS - 1) / VC_CHK_WIN_MS);
  *a = *a < sp->n ? *a : sp->n;
  *z = *z < sp->n ? *z : sp->n;
}

/* A cue needs speech in its first 500 ms (its in-time is the first word's first
 * sample), and may not outlast the audio. */
/* Speech just before the cue that no cue covers: the cue starts late. */
static void check_late(vc_crep *r, const vc_speech *sp, const unsigned char *cov,
                       const vc_ccue *q) {
  size_t a, z;
  window_range(sp, q->start_ms, q->start_ms, &a, &z);
  size_t w = a;
  while (w > 0 && sp->on[w - 1] && !cov[w - 1])
    w--;
  if ((a - w) * VC_CHK_WIN_MS > VC_CAP_LATE_MS)
    vc_crep_cue(r, q,
                "starts late: speech runs %zu ms before it with no cue (the in-time is "
                "the first word's first sample)",
                (a - w) * VC_CHK_WIN_MS);
}

static void check_cue(vc_crep *r, const vc_cdoc *d, const vc_speech *sp, const vc_ccue *q) {
  size_t a, z, zz;
  int64_t onset_end = q->start_ms + VC_CAP_ONSET_MS;
  window_range(sp, q->start_ms, onset_end < q->end_ms ? onset_end : q->end_ms, &a, &z);
  window_range(sp, q->start_ms, q->end_ms, &a, &zz);
  size_t w = a;
  while (w < zz && !sp->on[w])
    w++;
  if (w == zz)
    vc_crep_cue(r, q, "no speech while it is shown (the cue sits on silence)");
  else if (w >= z)
    vc_crep_cue(r, q,
                "no speech in its first 0.5 s: speech starts %lld ms after its "
                "in-time (start it with the first word)",
                (long long)((int64_t)w * VC_CHK_WIN_MS - q->start_ms));
  if (q->end_ms > sp->duration_ms + d->slack_ms) {
    char t[32];
    vc_chk_time(t, sizeof t, sp->duration_ms);
    vc_crep_cue(r, q, "ends %lld ms after the audio does (%s)",
                (long long)(q->end_ms - sp->duration_ms), t);
  }
}

typedef struct stretch {
  size_t first, len;
} stretch;

/* Keeps the VC_CHK_MAX_STRETCHES longest stretches, longest first. */
static void keep_stretch(stretch *top, size_t *n, stretch s) {
  size_t k = *n < VC_CHK_MAX_STRETCHES ? (*n)++ : VC_CHK_MAX_STRETCHES;
  if (k == VC_CHK_MAX_STRETCHES && top[k - 1].len >= s.len)
    return;
  if (k == VC_CHK_MAX_STRETCHES)
    k--;
  while (k > 0 && top[k - 1].len < s.len) {
    top[k] = top[k - 1];
    k--;
  }
  top[k] = s;
}

static void report_stretches(vc_crep *r, const vc_speech *sp, const unsigned char *cov) {
  stretch top[VC_CHK_MAX_STRETCHES + 1];
  size_t n = 0;
  for (size_t w = 0; w < sp->n;) {
    if (!sp->on[w] || cov[w]) {
      w++;
      continue;
    }
    stretch s = {w, 0};
    while (w < sp->n && sp->on[w] && !cov[w])
      w++, s.len++;
    keep_stretch(top, &n, s);
  }
  for (size_t k = 0; k < n; k++) {
    char a[32], z[32];
    vc_chk_time(a, sizeof a, (int64_t)top[k].first * VC_CHK_WIN_MS);
    vc_chk_time(z, sizeof z, (int64_t)(top[k].first + top[k].len) * VC_CHK_WIN_MS);
    vc_crep_file(r, "speech outside every cue from %s to %s (%zu ms)", a, z,
                 top[k].len * VC_CHK_WIN_MS);
  }
}

vc_status vc_chk_audio(vc_crep *r, const vc_cdoc *d, const vc_speech *sp,
                       double max_uncovered, vc_cstats *st) {
  unsigned char *cov = calloc(sp->n ? sp->n : 1, 1);
  if (!cov)
    return VC_ERR_NOMEM;
  for (size_t k = 0; k < d->n; k++) {
    size_t a, z;
    /* ASS rounds out-times down to the centisecond: its slack counts as covered */
    window_range(sp, d->cues[k].start_ms, d->cues[k].end_ms + d->slack_ms, &a, &z);
    memset(cov + a, 1, z - a);
  }
  for (size_t k = 0; k < d->n; k++) {
    check_late(r, sp, cov, &d->cues[k]);
    check_cue(r, d, sp, &d->cues[k]);
  }
  size_t speech = 0, outside = 0;
  for (size_t w = 0; w < sp->n; w++) {
    speech += sp->on[w];
    outside += sp->on[w] && !cov[w];
  }
  st->has_audio = 1;
  st->speech_s = (double)speech * VC_CHK_WIN_MS / 1000.0;
  st->uncovered = speech ? (double)outside / (double)speech : 0;
  if (!speech)
    vc_crep_file(r, "no speech found in the audio (loudest 10 ms: %.1f dBFS)",
                 sp->peak_dbfs);
  if (st->uncovered > max_uncovered) {
    vc_crep_file(r,
                 "%.2f%% of the speech (%.2f s of %.2f s) is outside every cue (max "
                 "%.2f%%)",
                 st->uncovered * 100, (double)outside * VC_CHK_WIN_MS / 1000.0,
                 st->speech_s, max_uncovered * 100);
    report_stretches(r, sp, cov);
  }
  free(cov);
  return VC_OK;
}
