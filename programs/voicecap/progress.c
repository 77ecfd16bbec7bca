/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A batch's progress: an updating line, plain lines or JSON events, and the summary. */
#include "progress.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"

static double elapsed(const vc_progress *p) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - p->t0.tv_sec) + (double)(now.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* "1:02:03" */
static void clock_text(double s, char *buf, size_t size) {
  long t = s > 0 ? (long)(s + 0.5) : 0;
  snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

/* One JSON event, one line, flushed. Takes `ev`. */
static void emit(vc_progress *p, json_t *ev) {
  if (ev) {
    json_object_set_new(ev, "time", json_real(elapsed(p)));
    json_dumpf(ev, p->out, JSON_COMPACT | JSON_ENSURE_ASCII);
    fputc('\n', p->out);
    fflush(p->out);
  }
  json_decref(ev);
}

static void clear_line(vc_progress *p) {
  if (p->line_shown)
    fputs("\r\033[K", p->out);
  p->line_shown = 0;
}

/* LINE: "[12/30] 0.84 h of audio, 41.2x real time, ETA 0:01:05", redrawn in place. */
static void draw_line(vc_progress *p) {
  double t = elapsed(p), made = p->audio_made;
  char eta[32] = "?";
  if (p->bytes_done > 0 && p->bytes_todo >= p->bytes_done)
    clock_text(t * (double)(p->bytes_todo - p->bytes_done) / (double)p->bytes_done, eta,
               sizeof eta);
  clear_line(p);
  fprintf(p->out, "[%zu/%zu] %.2f h of audio made, %.1fx real time, ETA %s",
          p->rendered + p->skipped + p->failed, p->total, made / 3600.0,
          t > 0 ? made / t : 0.0, eta);
  fflush(p->out);
  p->line_shown = 1;
}

void vc_progress_start(vc_progress *p, vc_progress_mode mode, FILE *out, FILE *err,
                       size_t total, size_t skipped, uint64_t bytes_todo, int jobs) {
  memset(p, 0, sizeof *p);
  if (!out)
    mode = VC_PROGRESS_NONE;
  if (mode == VC_PROGRESS_AUTO)
    mode = isatty(fileno(out)) ? VC_PROGRESS_LINE : VC_PROGRESS_PLAIN;
  *p = (vc_progress){
      .mode = mode, .out = out, .err = err, .total = total, .bytes_todo = bytes_todo};
  p->why = calloc(total ? total : 1, sizeof *p->why);
  clock_gettime(CLOCK_MONOTONIC, &p->t0);
  if (mode == VC_PROGRESS_JSON)
    emit(p, json_pack("{s:s,s:I,s:I,s:I,s:i}", "event", "start", "files", (json_int_t)total,
                      "to_render", (json_int_t)(total - skipped), "skipped",
                      (json_int_t)skipped, "jobs", jobs));
  else if ((mode == VC_PROGRESS_PLAIN || mode == VC_PROGRESS_LINE) && skipped)
    fprintf(out, "%zu of %zu up to date, skipped (--force renders them again)\n", skipped,
            total);
}

void vc_progress_skipped(vc_progress *p, const char *path, const char *out_dir,
                         double seconds) {
  p->skipped++;
  p->audio_skipped += seconds;
  if (p->mode == VC_PROGRESS_JSON)
    emit(p, json_pack("{s:s,s:s,s:s,s:f}", "event", "skipped", "file", path, "out", out_dir,
                      "audio_seconds", seconds));
}

void vc_progress_done(vc_progress *p, const char *path, const char *out_dir, uint64_t bytes,
                      double seconds) {
  p->rendered++;
  p->bytes_done += bytes;
  p->audio_made += seconds;
  size_t n = p->rendered + p->skipped + p->failed;
  if (p->mode == VC_PROGRESS_JSON) {
    emit(p, json_pack("{s:s,s:s,s:s,s:f,s:I,s:I}", "event", "done", "file", path, "out",
                      out_dir, "audio_seconds", seconds, "done", (json_int_t)n, "total",
                      (json_int_t)p->total));
  } else if (p->mode == VC_PROGRESS_PLAIN) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "[%zu/%zu] ok     ", n, p->total);
    vc_guard_line(p->out, prefix, path);
    fflush(p->out);
  } else if (p->mode == VC_PROGRESS_LINE) {
    draw_line(p);
  }
}

void vc_progress_failed(vc_progress *p, const char *path, uint64_t bytes, const char *why) {
  p->bytes_done += bytes;
  if (p->why && p->failed < p->total)
    p->why[p->failed] = strdup(why);
  p->failed++;
  size_t n = p->rendered + p->skipped + p->failed;
  if (p->mode == VC_PROGRESS_LINE)
    clear_line(p);
  vc_guard_error(p->err, why);
  fflush(p->err);
  if (p->mode == VC_PROGRESS_JSON) {
    emit(p, json_pack("{s:s,s:s,s:s,s:I,s:I}", "event", "failed", "file", path, "error",
                      why, "done", (json_int_t)n, "total", (json_int_t)p->total));
  } else if (p->mode == VC_PROGRESS_PLAIN) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "[%zu/%zu] FAILED ", n, p->total);
    vc_guard_line(p->out, prefix, path);
    fflush(p->out);
  } else if (p->mode == VC_PROGRESS_LINE) {
    draw_line(p);
  }
}

static void summary(vc_progress *p, double wall) {
  char w[32], a[32], m[32];
  clock_text(wall, w, sizeof w);
  clock_text(p->audio_made + p->audio_skipped, a, sizeof a);
  clock_text(p->audio_made, m, sizeof m);
  clear_line(p);
  fprintf(p->out, "%zu rendered, %zu failed, %zu skipped (up to date)\n", p->rendered,
          p->failed, p->skipped);
  fprintf(p->out, "%zu files, %s of audio (%s made now), wall time %s\n", p->total, a, m,
          w);
  for (size_t i = 0; p->why && i < p->failed && i < p->total; i++)
    if (p->why[i])
      vc_guard_line(p->out, "failed: ", p->why[i]);
}

void vc_progress_end(vc_progress *p, int signal) {
  double wall = elapsed(p);
  if (p->mode == VC_PROGRESS_JSON) {
    json_t *ev = json_pack(
        "{s:s,s:I,s:I,s:I,s:I,s:f,s:f,s:f}", "event", "end", "files", (json_int_t)p->total,
        "rendered", (json_int_t)p->rendered, "skipped", (json_int_t)p->skipped, "failed",
        (json_int_t)p->failed, "audio_seconds", p->audio_made + p->audio_skipped,
        "audio_seconds_made", p->audio_made, "wall_seconds", wall);
    if (ev && signal)
      json_object_set_new(ev, "interrupted_by", json_integer(signal));
    emit(p, ev);
  } else if (p->mode != VC_PROGRESS_NONE && !signal) {
    summary(p, wall);
  } else if (p->mode == VC_PROGRESS_LINE) {
    clear_line(p);
  }
  if (p->out)
    fflush(p->out);
  for (size_t i = 0; p->why && i < p->total; i++)
    free(p->why[i]);
  free(p->why);
  p->why = NULL;
}
