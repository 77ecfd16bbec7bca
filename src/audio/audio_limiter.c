/* SPDX-License-Identifier: GPL-3.0-or-later */
/* True-peak look-ahead limiter: 4x interpolated peaks, a held minimum gain reached by a
 * linear ramp before each peak, and a smooth release. Constant memory. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio_limiter.h"

#define VC_TAPS 16            /* interpolation taps per phase */
#define VC_HALF (VC_TAPS / 2) /* samples of look-ahead the interpolator needs */
#define VC_PHASES 4           /* oversampling factor */
#define VC_RING 2048          /* ring size, a power of two above the latency */
#define VC_FIXED 1073741824.0 /* gains kept as integers of 2^-30 so sums are exact */
#define VC_ATTACK_S 0.003     /* ramp-down time before a peak */
#define VC_RELEASE_S 0.080    /* time constant of the return to unity */

/* Four lanes of single precision (and their comparisons). */
typedef float vc_v4 __attribute__((vector_size(16)));
typedef int32_t vc_i4 __attribute__((vector_size(16)));

struct vc_limiter {
  double ceiling;
  float coef[VC_PHASES][VC_TAPS];  /* phase p: value at n + p/4 from x[n-7..n+8] */
  vc_v4 coef4[VC_PHASES][VC_TAPS]; /* each coefficient in four lanes */
  size_t attack;                   /* A: even number of samples */
  size_t latency;                  /* input-to-output delay in samples */
  double release;                  /* one-pole coefficient per sample */
  double inv_window;               /* 1 / ((attack + 1) * VC_FIXED): a multiply, not a
                                      divide, per sample */
  uint64_t n_in, n_out;            /* samples taken and released */
  float x[2 * VC_RING];            /* input history, each sample stored twice (at i and
                                      i + VC_RING) so any 16 in a row are contiguous */
  float tp[VC_RING];               /* true-peak estimate over [k, k+1) */
  int64_t m[VC_RING];              /* held minimum gain for sample k, fixed point */
  uint64_t dq_idx[VC_RING];        /* sliding-minimum deque of (index, required gain) */
  int64_t dq_val[VC_RING];
  size_t dq_head, dq_len;
  uint64_t next_push, next_m; /* next index to push into the deque / to compute m for */
  int64_t sum;                /* sum of m over the averaging window */
  double quiet;               /* below this, no interpolated point can reach the ceiling */
  float quiet_f; /* the least float not below `quiet`: for a float x, x < quiet_f
                    exactly when x < quiet */
  uint64_t loud; /* 1 + index of the last sample at or above `quiet`, 0 if none */
  double gain;   /* released gain of the previous output sample */
  double min_gain;
  int full_only;    /* 1: never take the quiet path (tests compare the two) */
  uint64_t n_quiet; /* samples the quiet path took */
};

static double sinc(double u) {
  return u == 0.0 ? 1.0 : sin(M_PI * u) / (M_PI * u);
}

/* Hann-windowed sinc interpolators, each phase normalised to unity gain at DC. Returns
 * the largest sum of absolute coefficients: how far a point can exceed its samples. */
static double make_coefs(vc_limiter *l) {
  double worst = 1.0;
  for (int p = 0; p < VC_PHASES; p++) {
    double c[VC_TAPS], sum = 0.0;
    for (int k = 0; k < VC_TAPS; k++) {
      double u = (double)p / VC_PHASES - (double)(k - (VC_HALF - 1));
      double w = 0.5 * (1.0 + cos(M_PI * u / (VC_HALF + 1)));
      c[k] = sinc(u) * w;
      sum += c[k];
    }
    double abs_sum = 0.0;
    for (int k = 0; k < VC_TAPS; k++) {
      l->coef[p][k] = (float)(c[k] / sum);
      l->coef4[p][k] = (vc_v4){l->coef[p][k], l->coef[p][k], l->coef[p][k], l->coef[p][k]};
      abs_sum += fabs((double)l->coef[p][k]);
    }
    worst = abs_sum > worst ? abs_sum : worst;
  }
  return worst;
}

vc_status vc_limiter_new(int rate, double ceiling_db, vc_limiter **out) {
  *out = NULL;
  if (rate <= 0 || rate > 384000)
    return VC_ERR_ARG;
  vc_limiter *l = calloc(1, sizeof *l);
  if (!l)
    return VC_ERR_NOMEM;
  l->ceiling = pow(10.0, ceiling_db / 20.0);
  l->quiet = l->ceiling / make_coefs(l);
  l->quiet_f = (float)l->quiet;
  if ((double)l->quiet_f < l->quiet)
    l->quiet_f = nextafterf(l->quiet_f, INFINITY);
  l->attack = 2 * (size_t)ceil(VC_ATTACK_S * rate / 2.0);
  l->latency = VC_HALF + l->attack + l->attack / 2;
  if (l->latency + 4 * VC_HALF >= VC_RING) {
    free(l);
    return VC_ERR_ARG;
  }
  l->release = 1.0 - exp(-1.0 / (VC_RELEASE_S * rate));
  l->inv_window = 1.0 / ((double)(l->attack + 1) * VC_FIXED);
  l->gain = 1.0;
  l->min_gain = 1.0;
  l->sum = (int64_t)VC_FIXED * (int64_t)(l->attack + 1);
  *out = l;
  return VC_OK;
}

void vc_limiter_free(vc_limiter *l) {
  free(l);
}

size_t vc_limiter_latency(const vc_limiter *l) {
  return l->latency;
}

double vc_limiter_max_reduction_db(const vc_limiter *l) {
  return -20.0 * log10(l->min_gain);
}

static float x_at(const vc_limiter *l, uint64_t k) {
  return k < l->n_in ? l->x[k & (VC_RING - 1)] : 0.0f;
}

/* True-peak estimate over [k, k+1): the sample and three interpolated points. Where
 * every sample in reach is quiet the points cannot pass the ceiling, so the sample's
 * own level stands in (it only matters whether the ceiling is passed). */
static float peak_at(const vc_limiter *l, uint64_t k) {
  double peak = fabs(x_at(l, k));
  if (l->loud == 0 || l->loud + (VC_HALF - 1) <= k || k < VC_HALF)
    return (float)peak;
  const float *x = l->x + ((k - (VC_HALF - 1)) & (VC_RING - 1)); /* 16 in a row */
  for (int p = 1; p < VC_PHASES; p++) {
    float y = 0.0f; /* single precision, contiguous: the compiler vectorises this */
    for (int j = 0; j < VC_TAPS; j++)
      y += l->coef[p][j] * x[j];
    if (fabs(y) > peak)
      peak = fabs(y);
  }
  return (float)peak;
}

/* Gain sample k needs (fixed point): both intervals it borders stay under the ceiling. */
static int64_t required_gain(const vc_limiter *l, uint64_t k) {
  double peak = l->tp[k & (VC_RING - 1)];
  if (k > 0 && l->tp[(k - 1) & (VC_RING - 1)] > peak)
    peak = l->tp[(k - 1) & (VC_RING - 1)];
  if (peak <= l->ceiling)
    return (int64_t)VC_FIXED;
  return (int64_t)floor(l->ceiling / peak * VC_FIXED);
}

/* m(j): the least required gain over [j - A, j + A], by a sliding-minimum deque. */
static int64_t held_min(vc_limiter *l, uint64_t j) {
  for (; l->next_push <= j + l->attack; l->next_push++) {
    int64_t r = required_gain(l, l->next_push);
    while (l->dq_len && l->dq_val[(l->dq_head + l->dq_len - 1) & (VC_RING - 1)] >= r)
      l->dq_len--;
    size_t tail = (l->dq_head + l->dq_len) & (VC_RING - 1);
    l->dq_idx[tail] = l->next_push;
    l->dq_val[tail] = r;
    l->dq_len++;
  }
  while (l->dq_idx[l->dq_head] + l->attack < j) {
    l->dq_head = (l->dq_head + 1) & (VC_RING - 1);
    l->dq_len--;
  }
  return l->dq_val[l->dq_head];
}

/* Computes m up to index j, keeping `sum` = m[j - A] + ... + m[j] (m before 0 is 1).
 * Where the deque holds one unity entry and the one push m(i) needs is a unity gain, the
 * push replaces that entry and m(i) is unity: held_min's own result, without its loops
 * (not on the full path, which the tests compare with). */
static void advance_m(vc_limiter *l, uint64_t j) {
  for (; l->next_m <= j; l->next_m++) {
    uint64_t i = l->next_m, p = l->next_push;
    int64_t m;
    if (!l->full_only && p == i + l->attack && p > 0 && l->dq_len == 1 &&
        l->dq_val[l->dq_head] == (int64_t)VC_FIXED &&
        l->tp[p & (VC_RING - 1)] <= l->ceiling &&
        l->tp[(p - 1) & (VC_RING - 1)] <= l->ceiling) {
      l->dq_idx[l->dq_head] = p;
      l->next_push++;
      m = (int64_t)VC_FIXED;
    } else {
      m = held_min(l, i);
    }
    int64_t leaving =
        i >= l->attack + 1 ? l->m[(i - l->attack - 1) & (VC_RING - 1)] : (int64_t)VC_FIXED;
    l->m[i & (VC_RING - 1)] = m;
    l->sum += m - leaving;
  }
}

/* Releases output sample k = n_out; needs input up to k + latency. The average of m over
 * [k - A/2, k + A/2] ramps down ahead of a peak and never exceeds what the peak needs. */
static float release_one(vc_limiter *l) {
  uint64_t k = l->n_out;
  advance_m(l, k + l->attack / 2);
  double avg = (double)l->sum * l->inv_window;
  double g = avg < l->gain ? avg : l->gain + (avg - l->gain) * l->release;
  if (g > avg)
    g = avg;
  l->gain = g;
  if (g < l->min_gain)
    l->min_gain = g;
  l->n_out++;
  return (float)(x_at(l, k) * g);
}

static void take(vc_limiter *l, float v) {
  l->x[l->n_in & (VC_RING - 1)] = v;
  l->x[(l->n_in & (VC_RING - 1)) + VC_RING] = v;
  l->n_in++;
  if (fabsf(v) >= l->quiet)
    l->loud = l->n_in;
  if (l->n_in > VC_HALF) {
    uint64_t k = l->n_in - 1 - VC_HALF;
    l->tp[k & (VC_RING - 1)] = peak_at(l, k);
  }
}

/* One step of the release: the gain after `g` when the window's average is `avg`. */
static double gain_step(const vc_limiter *l, double g, double avg) {
  double next = avg < g ? avg : g + (avg - g) * l->release;
  return next > avg ? avg : next;
}

/* The quiet path: while every gain in the averaging window is unity (sum full), every
 * pushed estimate is under the ceiling, and the new samples and their neighbours are quiet,
 * take() and release_one() come down to storing the samples and releasing each one times
 * the gain, whose recurrence soon stops changing it. Only what later steps read is kept:
 * the samples, the last estimate pushed, the last m values (unity), the deque's one entry.
 * The samples out and the state after are those of the full path. It stops before the
 * first sample it could not take that way (and after VC_QUIET_MAX, so that the samples
 * stored never overwrite one not yet released). Returns how many it took and released. */
#define VC_QUIET_MAX 1024

/* How many of in[0..n) in a row from the first are below `quiet` in magnitude: eight
 * at a time while all eight are, then one at a time. */
static size_t quiet_prefix(const float *in, size_t n, float quiet) {
  const vc_v4 lim = {quiet, quiet, quiet, quiet};
  const vc_i4 sign = {INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX};
  size_t q = 0;
  for (; q + 8 <= n; q += 8) {
    vc_v4 a, b;
    memcpy(&a, in + q, sizeof a);
    memcpy(&b, in + q + 4, sizeof b);
    vc_i4 below = ((vc_v4)((vc_i4)a & sign) < lim) & ((vc_v4)((vc_i4)b & sign) < lim);
    if (below[0] == 0 || below[1] == 0 || below[2] == 0 || below[3] == 0)
      break;
  }
  while (q < n && fabsf(in[q]) < quiet)
    q++;
  return q;
}
static size_t quiet_run(vc_limiter *l, const float *in, size_t n, float *out) {
  const int64_t full = (int64_t)VC_FIXED * (int64_t)(l->attack + 1);
  if (l->full_only || l->sum != full || l->dq_len != 1 ||
      l->dq_val[l->dq_head] != (int64_t)VC_FIXED || l->n_in <= l->latency ||
      l->n_in - l->n_out != l->latency || l->next_push != l->n_in - VC_HALF ||
      l->next_m != l->n_out + l->attack / 2 ||
      (l->loud != 0 && l->loud + 2 * VC_HALF - 1 > l->n_in))
    return 0;
  size_t q = quiet_prefix(in, n < VC_QUIET_MAX ? n : VC_QUIET_MAX, l->quiet_f);
  size_t at = (size_t)(l->n_in & (VC_RING - 1)), seg = q < VC_RING - at ? q : VC_RING - at;
  memcpy(l->x + at, in, seg * sizeof *in); /* both copies, up to the ring's end */
  memcpy(l->x + at + VC_RING, in, seg * sizeof *in);
  memcpy(l->x, in + seg, (q - seg) * sizeof *in);
  memcpy(l->x + VC_RING, in + seg, (q - seg) * sizeof *in);
  const float *x = l->x + (l->n_out & (VC_RING - 1)); /* q in a row, stored twice */
  const double avg = (double)l->sum * l->inv_window, rel = l->release;
  double g = l->gain, low = l->min_gain;
  size_t i = 0;
  /* the gain moves: step by step. While avg / 2 <= g <= avg, avg - g is exact (Sterbenz)
   * and the step cannot pass avg, so gain_step comes down to its one line; the loop runs
   * at the speed of that line's chain of three operations */
  for (; i < q && g <= avg && g >= 0.5 * avg; i++) {
    double next = g + (avg - g) * rel;
    if (next == g)
      break;
    g = next;
    low = g < low ? g : low;
    out[i] = (float)(x[i] * g);
  }
  for (; i < q; i++) {
    double next = gain_step(l, g, avg);
    if (next == g)
      break;
    g = next;
    low = g < low ? g : low;
    out[i] = (float)(x[i] * g);
  }
  if (i < q) /* from here on g is a fixed point of the step */
    low = g < low ? g : low;
  l->min_gain = low;
  if (g == 1.0) /* x * 1.0 is x, exactly */
    memcpy(out + i, x + i, (q - i) * sizeof *out);
  else
    for (; i < q; i++)
      out[i] = (float)(x[i] * g);
  l->gain = g;
  l->n_in += q;
  l->n_out += q;
  if (q > 0) {
    uint64_t k = l->n_in - 1 - VC_HALF; /* the last estimate made, and pushed */
    l->tp[k & (VC_RING - 1)] = fabsf(l->x[k & (VC_RING - 1)]);
    l->dq_idx[l->dq_head] = k;
    uint64_t from = l->next_m + q > l->attack + 1 ? l->next_m + q - l->attack - 1 : 0;
    from = from > l->next_m ? from : l->next_m;
    for (uint64_t m = from; m < l->next_m + q; m++)
      l->m[m & (VC_RING - 1)] = (int64_t)VC_FIXED;
  }
  l->next_push += q;
  l->next_m += q;
  l->n_quiet += q;
  return q;
}

/* Samples taken at a time outside the quiet path: all are stored and their estimates
 * made before any is released, which reads only what release_one would have read had
 * each been taken alone. The ring keeps room: latency + block < VC_RING. Short, so that
 * the quiet path takes over soon after a loud stretch. */
#define VC_BLOCK 32

/* In interpolate_block each of the four lanes computes what peak_at computes for its k,
 * the same operations in the same order, so the estimates are equal bit for bit. */

/* The interpolated peak (the largest |point| of phases 1 to 3, and |x[k]|) of k0 .. k0+n-1
 * into `peak`, four at a time; x0 is x[k0 - (VC_HALF - 1)], followed by n + 18 samples. */
static void interpolate_block(const vc_limiter *l, const float *x0, size_t n, float *peak) {
  const vc_v4(*c)[VC_TAPS] = l->coef4;
  for (size_t i = 0; i < n; i += 4) {
    float best[4];
    for (int k = 0; k < 4; k++)
      best[k] = fabsf(x0[i + (VC_HALF - 1) + (size_t)k]);
    for (int p = 1; p < VC_PHASES; p++) {
      vc_v4 y = {0.0f, 0.0f, 0.0f, 0.0f}, xv;
      for (int j = 0; j < VC_TAPS; j++) {
        memcpy(&xv, x0 + i + j, sizeof xv);
        y += c[p][j] * xv;
      }
      for (int k = 0; k < 4; k++)
        best[k] = fabsf(y[k]) > best[k] ? fabsf(y[k]) : best[k];
    }
    memcpy(peak + i, best, sizeof best);
  }
}

/* take() of n samples: stores them, then makes the estimates take() would have made, the
 * interpolation four at a time (interpolate_block). */
static void take_block(vc_limiter *l, const float *in, size_t n) {
  float peak[VC_BLOCK + 4];
  uint64_t first = l->n_in; /* index of in[0] */
  for (size_t i = 0; i < n; i++) {
    size_t at = (first + i) & (VC_RING - 1);
    l->x[at] = l->x[at + VC_RING] = in[i];
  }
  /* estimates for k = first - HALF .. first + n - 1 - HALF (those >= 0) */
  uint64_t k0 = first >= VC_HALF ? first - VC_HALF : 0, k1 = first + n - VC_HALF;
  int interpolated = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t idx = first + i;
    l->n_in = idx + 1;
    if (fabsf(in[i]) >= l->quiet)
      l->loud = l->n_in;
    if (l->n_in <= VC_HALF)
      continue;
    uint64_t k = idx - VC_HALF;
    float *tp = &l->tp[k & (VC_RING - 1)];
    if (l->loud == 0 || l->loud + (VC_HALF - 1) <= k || k < VC_HALF) {
      *tp = fabsf(l->x[k & (VC_RING - 1)]); /* as peak_at: quiet all round */
      continue;
    }
    if (!interpolated) { /* once, over the whole block: most of it is loud */
      interpolate_block(l, l->x + ((k0 - (VC_HALF - 1)) & (VC_RING - 1)),
                        (size_t)(k1 - k0 + 3) & ~(size_t)3, peak);
      interpolated = 1;
    }
    *tp = peak[k - k0];
  }
}

/* Releases `cnt` samples (at most VC_BLOCK, each with its input `latency` ahead), as
 * release_one would one by one: first the averages of m over their windows, which do not
 * depend on the gain, then the gain's steps over them in a short loop that runs at the
 * speed of the step's own chain of operations. */
static void release_block(vc_limiter *l, size_t cnt, float *out) {
  double avg[VC_BLOCK];
  for (size_t c = 0; c < cnt; c++) {
    advance_m(l, l->n_out + c + l->attack / 2);
    avg[c] = (double)l->sum * l->inv_window;
  }
  const float *x = l->x + (l->n_out & (VC_RING - 1)); /* cnt in a row: stored twice */
  double g = l->gain, low = l->min_gain;
  for (size_t c = 0; c < cnt; c++) {
    g = gain_step(l, g, avg[c]);
    low = g < low ? g : low;
    out[c] = (float)(x[c] * g);
  }
  l->gain = g;
  l->min_gain = low;
  l->n_out += cnt;
}

size_t vc_limiter_process(vc_limiter *l, const float *in, size_t n, float *out) {
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    size_t q = quiet_run(l, in + i, n - i, out + w);
    i += q;
    w += q;
    if (i == n)
      break;
    if (l->full_only || l->n_in < VC_BLOCK) { /* one at a time, as the tests compare */
      take(l, in[i++]);
      if (l->n_in > l->latency)
        out[w++] = release_one(l);
      continue;
    }
    size_t b = VC_RING - 1 - l->latency; /* never overwrite a sample not yet released */
    b = b < VC_BLOCK ? b : VC_BLOCK;
    b = n - i < b ? n - i : b;
    take_block(l, in + i, b);
    i += b;
    uint64_t held = l->n_in - l->n_out; /* up to latency + VC_BLOCK */
    size_t cnt = held > l->latency ? (size_t)(held - l->latency) : 0;
    release_block(l, cnt, out + w);
    w += cnt;
  }
  return w;
}

void vc_limiter_full_path_only(vc_limiter *l, int on) {
  l->full_only = on != 0;
}

uint64_t vc_limiter_quiet_samples(const vc_limiter *l) {
  return l->n_quiet;
}

size_t vc_limiter_flush(vc_limiter *l, float *out) {
  uint64_t end = l->n_in;
  size_t w = 0;
  while (l->n_out < end) {
    take(l, 0.0f);
    out[w++] = release_one(l);
  }
  l->n_in = end; /* the zeros pushed in were padding */
  return w;
}
