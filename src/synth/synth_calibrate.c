/* Voice loudness calibration and its cache file: each voice speaks a fixed passage once
 * on the fresh engine; the gain that brings it to the target is kept. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio_loudness.h"
#include "synth_calibrate.h"

#define VC_CALIBRATIONS 32
#define VC_CACHE_LINE 512
#define VC_CACHE_MAX_LINES 10000

/* A general English passage, about 25 s of speech with statements, questions and
 * pauses, spoken by each voice once to measure its loudness. */
static const char vc_calibration_text[] =
    "The morning train was late again, so we walked along the river instead. It was cold, "
    "but the light on the water made up for it. Have you ever noticed how quiet a city "
    "becomes just before the shops open? A few cyclists passed, a dog barked twice, and "
    "somewhere a radio was playing an old song. We talked about work, about books we had "
    "meant to read, and about whether it is ever too late to learn an instrument. Nobody "
    "had an answer. By nine o'clock the streets were full, and the moment had gone.";

/* Everything the measured figures depend on: espeak-ng's version, the passage, the
 * limiter's ceiling and how the passage is spoken (VC_CALIBRATION_VERSION changes with
 * any of them), the voice settings and the target. Version 3: spoken on the fresh engine;
 * figures of version 2 could depend on what the process had said before. */
#define VC_CALIBRATION_VERSION 3

/* One voice's calibration: loudness as espeak-ng makes it, the gain found, and the
 * loudness it gives. */
typedef struct vc_calibration {
  char key[200];
  double raw_lufs, gain_db, lufs;
} vc_calibration;

struct vc_calibrator {
  char *cache_path; /* NULL: memory only */
  vc_calibration cal[VC_CALIBRATIONS];
  size_t n_cal;
};

vc_status vc_calibrator_new(const char *cache_path, vc_calibrator **out) {
  if (!out)
    return VC_ERR_ARG;
  *out = NULL;
  vc_calibrator *c = calloc(1, sizeof *c);
  if (!c)
    return VC_ERR_NOMEM;
  if (cache_path && !(c->cache_path = strdup(cache_path))) {
    free(c);
    return VC_ERR_NOMEM;
  }
  *out = c;
  return VC_OK;
}

void vc_calibrator_free(vc_calibrator *c) {
  if (!c)
    return;
  free(c->cache_path);
  free(c);
}

static void calibration_key(const vc_voice *v, double target, char *key, size_t size) {
  const char *version = espeak_Info(NULL);
  snprintf(key, size, "c%d/%s/%s+%s/%d/%d/%d/%.3f/%.2f", VC_CALIBRATION_VERSION,
           version ? version : "?", v->language, v->variant ? v->variant : "", v->rate,
           v->pitch, v->range, target, VC_CEILING_DB);
}

/* ---- the cache file -------------------------------------------------------------------
 * Measuring a voice costs ~0.7 s, so results are kept in a small text file, one line a
 * voice: key, then raw loudness, gain and resulting loudness as hexadecimal floats, which
 * read back bit for bit: a render with a cached figure is byte-identical to one that
 * measured it. Any failure to read or write it only means measuring again. */

/* The key of a cache line: its text up to the first tab (0 when it has none). */
static size_t line_key_len(const char *line) {
  const char *tab = strchr(line, '\t');
  return tab ? (size_t)(tab - line) : 0;
}

static int cache_lookup(const char *path, const char *key, vc_calibration *c) {
  char line[VC_CACHE_LINE];
  FILE *f = path ? fopen(path, "r") : NULL;
  int found = 0;
  size_t klen = strlen(key);
  while (f && !found && fgets(line, sizeof line, f)) {
    if (line_key_len(line) != klen || strncmp(line, key, klen) != 0)
      continue;
    found = sscanf(line + klen + 1, "%la\t%la\t%la", &c->raw_lufs, &c->gain_db, &c->lufs) ==
                3 &&
            isfinite(c->raw_lufs) && isfinite(c->gain_db) && isfinite(c->lufs);
  }
  if (f)
    fclose(f);
  return found;
}

/* 1 when `line`'s key is one of the first `n` lines' keys. */
static int key_seen(char (*lines)[VC_CACHE_LINE], size_t n, const char *line) {
  size_t k = line_key_len(line);
  for (size_t i = 0; i < n; i++) {
    if (line_key_len(lines[i]) == k && strncmp(lines[i], line, k) == 0)
      return 1;
  }
  return 0;
}

/* Writes the lines of the cache file (each key once, the first kept), `add` last, to a
 * temporary file beside it and renames it over the file: a reader sees the old file or
 * the new one, never a part. */
static void cache_rewrite(const char *path, const char *add) {
  char(*lines)[VC_CACHE_LINE] = malloc(VC_CACHE_MAX_LINES * sizeof *lines);
  size_t n = 0, plen = strlen(path);
  char *tmp = malloc(plen + sizeof ".XXXXXX");
  FILE *in = fopen(path, "r");
  while (lines && in && n < VC_CACHE_MAX_LINES - 1 && fgets(lines[n], VC_CACHE_LINE, in)) {
    size_t len = strlen(lines[n]);
    if (len > 0 && lines[n][len - 1] == '\n' && line_key_len(lines[n]) > 0 &&
        !key_seen(lines, n, lines[n]))
      n++;
  }
  if (in)
    fclose(in);
  if (lines && tmp && !key_seen(lines, n, add)) {
    snprintf(lines[n++], VC_CACHE_LINE, "%s", add);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".XXXXXX", sizeof ".XXXXXX");
    int fd = mkstemp(tmp);
    struct stat was;
    if (fd >= 0) /* the file keeps its mode (mkstemp makes 0600) */
      fchmod(fd, stat(path, &was) == 0 ? was.st_mode & 0777 : 0644);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = out != NULL;
    for (size_t i = 0; ok && i < n; i++)
      ok = fputs(lines[i], out) >= 0;
    if (out && fclose(out) != 0)
      ok = 0;
    if (fd >= 0 && !out)
      close(fd);
    if (fd >= 0 && (!ok || rename(tmp, path) != 0))
      unlink(tmp);
  }
  free(tmp);
  free(lines);
}

/* Adds one voice's line. A lock file beside the cache serialises workers that measured
 * at the same time, so each key is written once. */
static void cache_store(const char *path, const char *key, const vc_calibration *c) {
  char line[VC_CACHE_LINE], lock[1024];
  int n = snprintf(line, sizeof line, "%s\t%a\t%a\t%a\n", key, c->raw_lufs, c->gain_db,
                   c->lufs);
  if (!path || n <= 0 || (size_t)n >= sizeof line ||
      (size_t)snprintf(lock, sizeof lock, "%s.lock", path) >= sizeof lock)
    return;
  int fd = open(lock, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0)
    return;
  if (flock(fd, LOCK_EX) == 0) {
    cache_rewrite(path, line);
    flock(fd, LOCK_UN);
  }
  close(fd);
}

/* ---- measuring ------------------------------------------------------------------------
 */

/* The passage's PCM, kept whole (about 25 s: independent of the interview). */
typedef struct vc_pcm_buf {
  int16_t *x;
  size_t n;
} vc_pcm_buf;

static vc_status take_pcm(void *user, const int16_t *pcm, size_t n) {
  vc_pcm_buf *b = user;
  int16_t *x = realloc(b->x, (b->n + n) * sizeof *x + 1);
  if (!x)
    return VC_ERR_NOMEM;
  memcpy(x + b->n, pcm, n * sizeof *pcm);
  b->x = x;
  b->n += n;
  return VC_OK;
}

/* Finds the gain that puts the passage at `target` once limited as the sink limits it:
 * the raw measurement first, then a few corrections for what the limiter takes off. */
static vc_status fit_gain(const vc_pcm_buf *b, int rate, double target, vc_calibration *c) {
  vc_meter *m = NULL;
  vc_status st = vc_meter_new(rate, 0, &m);
  if (st == VC_OK)
    st = vc_meter_add_short(m, b->x, b->n);
  c->raw_lufs = st == VC_OK ? vc_meter_lufs(m) : -HUGE_VAL;
  vc_meter_free(m);
  if (st != VC_OK || !isfinite(c->raw_lufs))
    return st == VC_OK ? VC_ERR_SYNTH : st;
  c->gain_db = target - c->raw_lufs;
  for (int i = 0; i < 3 && st == VC_OK; i++) {
    st = vc_loudness_limited(b->x, b->n, rate, c->gain_db, VC_CEILING_DB, &c->lufs);
    if (st == VC_OK && isfinite(c->lufs))
      c->gain_db += target - c->lufs;
  }
  return st;
}

/* Speaks the passage on the fresh engine and fits the gain. */
static vc_status measure(vc_synth *s, const vc_voice *v, double target, vc_calibration *c,
                         vc_diag *diag) {
  vc_pcm_buf b = {0};
  uint64_t n_samples = 0;
  vc_status st =
      vc_synth_speak_fresh(s, v, vc_calibration_text, take_pcm, &b, &n_samples, diag);
  if (st == VC_OK)
    st = fit_gain(&b, vc_synth_sample_rate(s), target, c);
  else if (diag && st != VC_ERR_CONFIG) {
    char inner[sizeof diag->msg];
    snprintf(inner, sizeof inner, "%s", diag->msg[0] ? diag->msg : vc_strerror(st));
    snprintf(diag->msg, sizeof diag->msg, "voice %s: calibration failed: %.400s",
             v->id ? v->id : "?", inner);
  }
  free(b.x);
  return st;
}

static const vc_calibration *keep(vc_calibrator *k, const char *key,
                                  const vc_calibration *c) {
  vc_calibration *slot = &k->cal[k->n_cal++ % VC_CALIBRATIONS];
  *slot = *c;
  snprintf(slot->key, sizeof slot->key, "%s", key);
  return slot;
}

static vc_status calibrate(vc_calibrator *k, vc_synth *s, const vc_voice *v, double target,
                           const vc_calibration **out, vc_diag *diag) {
  char key[sizeof k->cal[0].key];
  calibration_key(v, target, key, sizeof key);
  size_t have = k->n_cal < VC_CALIBRATIONS ? k->n_cal : VC_CALIBRATIONS;
  for (size_t i = 0; i < have; i++) {
    if (strcmp(k->cal[i].key, key) == 0) {
      *out = &k->cal[i];
      return VC_OK;
    }
  }
  vc_calibration c = {.lufs = 0.0};
  if (!cache_lookup(k->cache_path, key, &c)) {
    vc_status st = measure(s, v, target, &c, diag);
    if (st != VC_OK)
      return st;
    cache_store(k->cache_path, key, &c);
  }
  *out = keep(k, key, &c);
  return VC_OK;
}

vc_status vc_calibrator_lufs(vc_calibrator *c, vc_synth *s, const vc_voice *v, double *lufs,
                             vc_diag *diag) {
  const vc_calibration *cal = NULL;
  if (!c || !s || !v || !lufs)
    return VC_ERR_ARG;
  vc_status st = calibrate(c, s, v, VC_LOUDNESS_TARGET_LUFS, &cal, diag);
  if (st == VC_OK)
    *lufs = cal->raw_lufs;
  return st;
}

vc_status vc_calibrator_gain(vc_calibrator *c, vc_synth *s, const vc_voice *v,
                             double target_lufs, double *gain, vc_diag *diag) {
  const vc_calibration *cal = NULL;
  if (!c || !s || !v || !gain || !isfinite(target_lufs))
    return VC_ERR_ARG;
  vc_status st = calibrate(c, s, v, target_lufs, &cal, diag);
  if (st == VC_OK)
    *gain = pow(10.0, (cal->gain_db + v->gain_db) / 20.0);
  return st;
}
