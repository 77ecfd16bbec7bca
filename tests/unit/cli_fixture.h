/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test fixture for the program's command line: run vc_cli_run in-process with its output
 * and errors captured. Included by test_cli.c and test_shard.c. */
#ifndef CLI_FIXTURE_H
#define CLI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "program.h"

typedef struct run_result {
  int rc;
  char *out, *err;
  size_t out_len, err_len;
} run_result;

/* Runs the program with `argv`; standard output and error are kept in memory. */
static inline run_result run(int argc, const char **argv) {
  run_result r = {0};
  FILE *out = open_memstream(&r.out, &r.out_len);
  FILE *err = open_memstream(&r.err, &r.err_len);
  r.rc = vc_cli_run(argc, (char **)argv, out, err);
  fclose(out);
  fclose(err);
  return r;
}

static inline void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

#endif
