/* The voicecap program's own pieces: the command line and the batch worker pool. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_PROGRAM_H
#define VC_PROGRAM_H

#include <stdio.h>

#include "cast.h"
#include "voicecap/render.h"

/* Renders every path with `jobs` worker processes (<= 0: the number of cores), printing
 * progress to `out` and errors to `err`. Returns 0 when all succeeded, 1 otherwise. */
int vc_batch_run(char *const *paths, size_t n, const vc_render_opts *o, int jobs, FILE *out,
                 FILE *err);

/* As vc_batch_run, rendering only the paths whose keep[i] is set (all when keep is NULL),
 * but casting over all n, so that a part of a split batch sounds as the whole would. */
int vc_batch_run_part(char *const *paths, size_t n, const unsigned char *keep,
                      const vc_render_opts *o, int jobs, FILE *out, FILE *err);

/* Reads who speaks in every file, in order, and pins each named person to the voice of
 * the role they first appear in, as a batch casts them. A file that cannot be read or
 * segmented is skipped here (rendering it reports the problem). */
void vc_batch_plan_voices(char *const *paths, size_t n, vc_voice_pins *pins);

/* The command-line program; main() only calls this. Returns the exit status. */
int vc_cli_run(int argc, char **argv, FILE *out, FILE *err);

#endif
