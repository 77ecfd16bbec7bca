/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A batch's inputs: the files and folders given, as one sorted list with sizes. */
#ifndef VC_INPUTS_H
#define VC_INPUTS_H

#include <stdint.h>
#include <stdio.h>

/* One interview to render. Its outputs go to OUT/dirname(rel)/STEM.* (the output folder
 * mirrors the input tree), STEM being rel's base name without ".txt". */
typedef struct vc_input {
  char *path;    /* as found: ROOT/rel, or the FILE as given */
  char *rel;     /* relative to its input root ("a/x.txt"); a FILE given: its base name */
  uint64_t size; /* bytes, for balancing shards and for the ETA */
} vc_input;

typedef struct vc_inputs {
  vc_input *v;
  size_t n, cap;
} vc_inputs;

typedef struct vc_inputs_opts {
  const char *out_dir; /* never walked into (default "out") */
  int follow_links;    /* follow links that lead out of a folder given */
  FILE *err;           /* problems, one line each */
  /* Files listed (--files-from): each takes as `rel` its path below the longest folder
   * all listed paths share ("in/a/x.txt" and "in/b/y.txt": "a/x.txt", "b/y.txt"), so a
   * list made by `find in -name '*.txt'` lays out the outputs as a batch over `in` does;
   * a path that would climb out of OUT (".." or absolute) takes its base name. */
  char *const *listed;
  size_t n_listed;
} vc_inputs_opts;

/* Collects every interview below each folder of args[0..n) (recursively: *.txt, not a
 * transcript NAME.transcript.txt, nothing hidden, each real file and folder once, the
 * output folder never) and each file given, sorted by the outputs' names (`rel`
 * without ".txt", bytes; then `rel`, then `path`), which makes the list the same
 * wherever the folders are mounted. Of inputs whose outputs would be the same files the
 * first is kept; the others are named on `err` (a file given twice is taken once). Returns
 * 0, 1 when something given or found was skipped (reported), or -1 when out of memory. */
int vc_inputs_collect(char *const *args, size_t n, const vc_inputs_opts *o, vc_inputs *in);

void vc_inputs_free(vc_inputs *in);

/* The folder the outputs of `in` go to: OUT/dirname(rel), or OUT; a new string. */
char *vc_input_out_dir(const char *out_dir, const vc_input *in);

#endif
