/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A batch's progress: an updating line, plain lines or JSON events, and the summary. */
#ifndef VC_PROGRESS_H
#define VC_PROGRESS_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "program.h"

typedef struct vc_progress {
  vc_progress_mode mode; /* resolved: LINE, PLAIN, JSON or NONE */
  FILE *out, *err;
  size_t total, rendered, skipped, failed;
  uint64_t bytes_todo, bytes_done;  /* of the inputs to render, for the ETA */
  double audio_made, audio_skipped; /* seconds of audio */
  struct timespec t0;
  int line_shown; /* LINE: the updating line is on the screen */
  char **why;     /* the failures, "PATH: reason", for the summary */
} vc_progress;

/* Starts the clock; `mode` AUTO becomes LINE or PLAIN by whether `out` is a terminal. */
void vc_progress_start(vc_progress *p, vc_progress_mode mode, FILE *out, FILE *err,
                       size_t total, size_t skipped, uint64_t bytes_todo, int jobs);

/* One input up to date and not rendered again (its audio: `seconds`). */
void vc_progress_skipped(vc_progress *p, const char *path, const char *out_dir,
                         double seconds);

/* One input rendered (`bytes` of text, `seconds` of audio), or failed with `why`. */
void vc_progress_done(vc_progress *p, const char *path, const char *out_dir, uint64_t bytes,
                      double seconds);
void vc_progress_failed(vc_progress *p, const char *path, uint64_t bytes, const char *why);

/* The summary (or, when `signal` is not 0, only JSON's end event), and frees. */
void vc_progress_end(vc_progress *p, int signal);

#endif
