/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Splitting a batch over machines: --shard K/N, --shard auto, --files-from LIST. */
#ifndef VC_SHARD_H
#define VC_SHARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "inputs.h"

/* One part of a split batch: the k-th (counted from 0, as Slurm's array tasks and
 * Kubernetes' completion indexes are) of n parts. n == 0: the whole batch. */
typedef struct vc_shard {
  long k, n;
} vc_shard;

enum { VC_SHARDS_MAX = 100000 };

/* Reads --shard's value: "K/N" (0 <= K < N <= VC_SHARDS_MAX) or "auto", which takes K and
 * N from a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, and
 * SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_STEP when set) or else from a Kubernetes
 * Indexed Job (JOB_COMPLETION_INDEX, with N from `shards`). `shards` is --shards N, 0 when
 * not given; when given it must agree with N. Returns 0, or -1 with a one-line reason
 * (naming the option or variable and the value) in `why`. */
int vc_shard_parse(const char *spec, long shards, vc_shard *s, char *why, size_t size);

/* Deals n inputs into `parts` parts balanced by size: largest first (equal sizes by
 * path), each onto the part holding the fewest bytes so far (equal loads: the lowest
 * part). part[i] receives input i's part. The result depends only on the (path, size)
 * pairs, not on their order, so every machine that lists the same inputs agrees.
 * Returns 0, or -1 when out of memory. */
int vc_shard_assign(const char *const *paths, const long long *sizes, size_t n, long parts,
                    long *part);

/* Called with each path read from a list; takes ownership of `path` (also on failure).
 * Returns 0 to go on, -1 to stop (out of memory). */
typedef int (*vc_shard_add_fn)(void *user, char *path);

/* Reads a list of paths, one a line, from `in` (the file named `list`, for messages):
 * blank lines are skipped and a line's ending (\n or \r\n) dropped; nothing else is
 * changed, so names may hold spaces. Returns 0, or -1 with a one-line reason in `why`. */
int vc_shard_read_list(const char *list, FILE *in, vc_shard_add_fn add, void *user,
                       char *why, size_t size);

/* The inputs of part s.k of s.n of `all` (vc_shard_assign over each input's size, equal
 * sizes ordered by `rel`, which is the same wherever the folders are mounted), in all's
 * order, into `mine`: its entries share all's strings, so free only mine->v. The bytes
 * of the part and of all go to *bytes_mine and *bytes_all. Returns 0, or -1 when out of
 * memory. */
int vc_shard_pick(const vc_inputs *all, vc_shard s, vc_inputs *mine, uint64_t *bytes_mine,
                  uint64_t *bytes_all);

#endif
