/* The voicecap program's own pieces: the command line and the batch worker pool. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_PROGRAM_H
#define VC_PROGRAM_H

#include <stdio.h>

#include "cast.h"
#include "inputs.h"
#include "voicecap/render.h"

/* How a batch reports (--progress): one updating line on a terminal, plain lines, JSON
 * events, or nothing (--quiet). */
typedef enum vc_progress_mode {
  VC_PROGRESS_AUTO = 0, /* LINE when standard output is a terminal, else PLAIN */
  VC_PROGRESS_LINE,
  VC_PROGRESS_PLAIN,
  VC_PROGRESS_JSON,
  VC_PROGRESS_NONE
} vc_progress_mode;

typedef struct vc_batch_opts {
  int jobs;                   /* worker processes; <= 0: the number of cores */
  int force;                  /* render inputs whose outputs are up to date too */
  const char *cast_path;      /* --cast: the cast file; NULL: cast over `cast_over` */
  const vc_inputs *cast_over; /* the collection the cast is made over (a shard's whole
                               * list); NULL: the inputs rendered */
  vc_progress_mode progress;
  FILE *out, *err;
} vc_batch_opts;

/* Renders every input into OUT/dirname(rel)/ (the tree mirrored) with worker processes,
 * skipping (unless `force`) each whose outputs are complete and up to date: the record
 * published with them (src/render/render_record.h) holds the same key, a SHA-256 of the
 * input's bytes, the voices and data folders' files, the options that change outputs,
 * the cast of the input's speakers and the version. Before that, stale temporary folders
 * of each input are swept (a publication cut short is completed). Without a cast file
 * the cast made over the collection is kept in OUT/.voicecap-cast.tsv, keyed on every
 * input's rel and bytes, and read again while they are unchanged. Progress and a summary
 * go to b->out, errors to b->err. Returns 0 when all succeeded or were up to date, 1
 * otherwise. */
int vc_batch_run(const vc_inputs *in, const vc_render_opts *o, const vc_batch_opts *b);

/* Reads who speaks in every file, in order, and pins each named person to the voice of
 * the role they first appear in, as a batch casts them. A file that cannot be read or
 * segmented is skipped here (rendering it reports the problem). */
void vc_batch_plan_voices(char *const *paths, size_t n, vc_voice_pins *pins);

/* vc_batch_plan_voices over the paths of `in`, in its order. VC_ERR_NOMEM or VC_OK. */
vc_status vc_batch_cast(const vc_inputs *in, vc_voice_pins *pins);

/* The command-line program; main() only calls this. Returns the exit status. */
int vc_cli_run(int argc, char **argv, FILE *out, FILE *err);

#endif
