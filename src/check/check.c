/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caption checker's entry point: each file through its format reader, the cue and
 * speaker rules and the audio checks, then a summary line. */
#include "voicecap/check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "cues_text.h"

static const struct {
  const char *ext;
  vc_cfmt fmt;
  vc_status (*read)(vc_crep *r, const char *buf, size_t n, vc_cdoc *d);
} vc_chk_formats[] = {
    {".srt", VC_CFMT_SRT, vc_chk_read_srt},
    {".vtt", VC_CFMT_VTT, vc_chk_read_vtt},
    {".ass", VC_CFMT_ASS, vc_chk_read_ass},
};

/* Index into vc_chk_formats for the path's extension, or -1. */
static int format_of(const char *path) {
  const char *dot = strrchr(path, '.');
  for (size_t k = 0; dot && k < sizeof vc_chk_formats / sizeof vc_chk_formats[0]; k++)
    if (strcasecmp(dot, vc_chk_formats[k].ext) == 0)
      return (int)k;
  return -1;
}

/* Reads the whole file (NUL-terminated copy, at most VC_CHK_MAX_FILE bytes). */
static vc_status read_file(const char *path, char **buf, size_t *n, const char **why) {
  FILE *f = fopen(path, "rb");
  vc_sbuf b = {0};
  char chunk[65536];
  size_t got;
  *why = NULL;
  if (!f) {
    *why = strerror(errno);
    return VC_ERR_IO;
  }
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= VC_CHK_MAX_FILE)
    vc_sbuf_add(&b, chunk, got);
  vc_status st = ferror(f) ? VC_ERR_IO : b.len > VC_CHK_MAX_FILE ? VC_ERR_LIMIT : VC_OK;
  fclose(f);
  *n = b.len;
  *buf = vc_sbuf_take(&b);
  if (st == VC_OK && !*buf)
    st = VC_ERR_NOMEM;
  if (st != VC_OK) {
    free(*buf);
    *buf = NULL;
  }
  return st;
}

/* Line number of byte `at` in buf. */
static size_t line_of(const char *buf, size_t at) {
  size_t line = 1;
  for (size_t i = 0; i < at; i++)
    line += buf[i] == '\n';
  return line;
}

static void summary(vc_crep *r, const vc_cdoc *d, const vc_cstats *st, double max_unc) {
  FILE *out = r->out;
  if (r->problems == 0)
    fprintf(out, "%s: ok: ", r->path);
  else if (r->problems > VC_CHK_MAX_PRINTED)
    fprintf(out, "%s: FAIL (%zu problems, %zu not shown): ", r->path, r->problems,
            r->problems - VC_CHK_MAX_PRINTED);
  else
    fprintf(out, "%s: FAIL (%zu problem%s): ", r->path, r->problems,
            r->problems > 1 ? "s" : "");
  fprintf(out, "%zu cue%s", d->n, d->n == 1 ? "" : "s");
  if (d->n && st->shortest_cue) {
    char a[32], z[32];
    vc_cap_seconds(a, sizeof a, st->shortest_ms);
    vc_cap_seconds(z, sizeof z, st->longest_ms);
    fprintf(out,
            "; longest line %zu characters (cue %zu); cues %s s (cue %zu) to %s s (cue %zu)"
            "; reading rate max %.1f characters/s (cue %zu), %.1f counting speaker labels "
            "(cue %zu)",
            st->longest_line, st->longest_line_cue, a, st->shortest_cue, z, st->longest_cue,
            st->max_cps, st->max_cps_cue, st->max_cps_label, st->max_cps_label_cue);
  }
  if (st->has_audio)
    fprintf(out, "; speech outside cues %.2f%% of %.2f s (max %.2f%%)", st->uncovered * 100,
            st->speech_s, max_unc * 100);
  fputc('\n', out);
}

/* Reader, rules and audio checks on a file in memory. */
static vc_status check_text(vc_crep *r, int k, const char *buf, size_t n,
                            const vc_speech *sp, double max_unc, vc_cdoc *d,
                            vc_cstats *st) {
  size_t bad = vc_chk_utf8_bad(buf, n);
  if (bad < n) {
    vc_crep_line(r, line_of(buf, bad), "%s at byte %zu (captions must be UTF-8)",
                 buf[bad] ? "invalid UTF-8" : "NUL byte", bad);
    return VC_OK;
  }
  vc_status s = vc_chk_formats[k].read(r, buf, n, d);
  if (s == VC_OK) {
    vc_chk_cue_rules(r, d, st);
    s = vc_chk_speakers(r, d);
  }
  if (s == VC_OK && sp)
    s = vc_chk_audio(r, d, sp, max_unc, st);
  return s;
}

/* Checks one file, named `shown` in messages; returns 1 when it fails. */
static int check_one(const char *path, const char *shown, int k, const vc_speech *sp,
                     double max_unc, int quiet, FILE *out) {
  vc_crep r = {.out = out, .path = shown};
  vc_cdoc d = {.fmt = vc_chk_formats[k].fmt};
  vc_cstats st = {0};
  char *buf = NULL;
  size_t n = 0;
  const char *why = NULL;
  vc_status s = read_file(path, &buf, &n, &why);
  if (s == VC_OK)
    s = check_text(&r, k, buf, n, sp, max_unc, &d, &st);
  if (s != VC_OK)
    vc_crep_file(&r, "cannot check: %s", why ? why : vc_strerror(s));
  if (!quiet || r.problems > 0)
    summary(&r, &d, &st, max_unc);
  vc_cdoc_free(&d);
  free(buf);
  return r.problems > 0;
}

int vc_check_files(char *const *paths, size_t n, const vc_check_opts *o, FILE *out,
                   FILE *err) {
  if (!paths || n == 0 || !out) {
    if (err)
      fprintf(err, "voicecap: check needs at least one caption FILE (.srt, .vtt, .ass)\n");
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    if (!paths[i] || format_of(paths[i]) < 0) {
      if (err)
        fprintf(err, "voicecap: %s: not a caption file (.srt, .vtt or .ass)\n",
                paths[i] ? paths[i] : "(null)");
      return -1;
    }
  }
  double max_unc = o && o->max_uncovered > 0 ? o->max_uncovered : VC_CHECK_MAX_UNCOVERED;
  vc_speech sp = {0};
  int has_audio = o && o->audio_path;
  char msg[256] = "";
  if (has_audio && vc_speech_load(o->audio_path, &sp, msg, sizeof msg) != VC_OK) {
    if (err)
      fprintf(err, "voicecap: %s: %s\n", o->audio_path, msg);
    return -1;
  }
  int failing = 0;
  for (size_t i = 0; i < n; i++)
    failing += check_one(paths[i], paths[i], format_of(paths[i]), has_audio ? &sp : NULL,
                         max_unc, o && o->quiet, out);
  vc_speech_free(&sp);
  return failing;
}

int vc_check_file_as(const char *path, const char *shown, const vc_speech *sp, FILE *out) {
  int k = shown ? format_of(shown) : -1;
  if (!path || !out || k < 0)
    return -1;
  return check_one(path, shown, k, sp, VC_CHECK_MAX_UNCOVERED, 0, out);
}
