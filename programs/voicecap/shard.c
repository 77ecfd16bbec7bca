/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Splitting a batch over machines: which part this one renders, and the balanced split. */
#include "shard.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A whole number of digits only (no sign, no space) in [0, max] into *x; -1 if not. */
static int parse_count(const char *v, size_t len, long max, long *x) {
  if (!v || len == 0 || len > 18 || strspn(v, "0123456789") < len)
    return -1;
  long n = 0;
  for (size_t i = 0; i < len; i++)
    n = n * 10 + (v[i] - '0');
  if (n > max)
    return -1;
  *x = n;
  return 0;
}

/* An environment variable's number; `dflt` when unset, -1 (with the reason) when bad. */
static int env_count(const char *name, long dflt, long *x, char *why, size_t size) {
  const char *v = getenv(name);
  if (!v) {
    *x = dflt;
    return dflt < 0 ? -1 : 0;
  }
  if (parse_count(v, strlen(v), 1000000000L, x) == 0)
    return 0;
  snprintf(why, size, "--shard auto: %s='%.40s' is not a whole number", name, v);
  return -1;
}

/* --shards, when given, must say the same as the scheduler. */
static int agree(long n, long shards, const char *source, char *why, size_t size) {
  if (shards == 0 || shards == n)
    return 0;
  snprintf(why, size, "--shards %ld does not match %s's %ld parts", shards, source, n);
  return -1;
}

/* A Slurm array task: K = (ID - MIN) / STEP of COUNT tasks (--array=MIN-MAX:STEP). */
static int from_slurm(long shards, vc_shard *s, char *why, size_t size) {
  long id = 0, count = 0, min = 0, step = 1;
  if (env_count("SLURM_ARRAY_TASK_ID", 0, &id, why, size) != 0 ||
      env_count("SLURM_ARRAY_TASK_MIN", 0, &min, why, size) != 0 ||
      env_count("SLURM_ARRAY_TASK_STEP", 1, &step, why, size) != 0)
    return -1;
  if (env_count("SLURM_ARRAY_TASK_COUNT", -1, &count, why, size) != 0) {
    if (getenv("SLURM_ARRAY_TASK_COUNT") == NULL)
      snprintf(why, size,
               "--shard auto: SLURM_ARRAY_TASK_ID is set but "
               "SLURM_ARRAY_TASK_COUNT is not");
    return -1;
  }
  if (count < 1 || count > VC_SHARDS_MAX) {
    snprintf(why, size, "--shard auto: SLURM_ARRAY_TASK_COUNT=%ld: want 1 to %d tasks",
             count, (int)VC_SHARDS_MAX);
    return -1;
  }
  long k = step > 0 && id >= min && (id - min) % step == 0 ? (id - min) / step : -1;
  if (k < 0 || k >= count) {
    snprintf(why, size,
             "--shard auto: SLURM_ARRAY_TASK_ID=%ld is not one of %ld tasks numbered from "
             "%ld by %ld (submit with --array=0-%ld)",
             id, count, min, step, count - 1);
    return -1;
  }
  *s = (vc_shard){k, count};
  return agree(count, shards, "SLURM_ARRAY_TASK_COUNT", why, size);
}

/* A Kubernetes Indexed Job: K = JOB_COMPLETION_INDEX, N = --shards (the completions). */
static int from_kubernetes(long shards, vc_shard *s, char *why, size_t size) {
  long k = 0;
  if (env_count("JOB_COMPLETION_INDEX", 0, &k, why, size) != 0)
    return -1;
  if (shards == 0) {
    snprintf(why, size,
             "--shard auto: JOB_COMPLETION_INDEX is set: give the Job's "
             "completions as --shards N");
    return -1;
  }
  if (k >= shards) {
    snprintf(why, size, "--shard auto: JOB_COMPLETION_INDEX=%ld is not below --shards %ld",
             k, shards);
    return -1;
  }
  *s = (vc_shard){k, shards};
  return 0;
}

int vc_shard_parse(const char *spec, long shards, vc_shard *s, char *why, size_t size) {
  if (shards < 0 || shards > VC_SHARDS_MAX) {
    snprintf(why, size, "--shards wants a number from 1 to %d, not %ld", (int)VC_SHARDS_MAX,
             shards);
    return -1;
  }
  if (strcmp(spec, "auto") == 0) {
    if (getenv("SLURM_ARRAY_TASK_ID"))
      return from_slurm(shards, s, why, size);
    if (getenv("JOB_COMPLETION_INDEX"))
      return from_kubernetes(shards, s, why, size);
    snprintf(why, size,
             "--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor "
             "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give "
             "--shard K/N");
    return -1;
  }
  const char *slash = strchr(spec, '/');
  long k = 0, n = 0;
  if (!slash || parse_count(spec, (size_t)(slash - spec), VC_SHARDS_MAX, &k) != 0 ||
      parse_count(slash + 1, strlen(slash + 1), VC_SHARDS_MAX, &n) != 0 || n < 1 ||
      k >= n) {
    snprintf(why, size,
             "--shard wants K/N, part K of N counted from 0 (0/3, 1/3, 2/3; N up to %d), "
             "or auto, not '%.40s'",
             (int)VC_SHARDS_MAX, spec);
    return -1;
  }
  *s = (vc_shard){k, n};
  return agree(n, shards, "--shard", why, size);
}

/* ---- the balanced split -------------------------------------------------------------- */

typedef struct vc_shard_item {
  const char *path;
  long long size;
  size_t index;
} vc_shard_item;

/* Largest first; equal sizes in path order (then input order, for equal paths). */
static int item_cmp(const void *pa, const void *pb) {
  const vc_shard_item *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  int c = strcmp(a->path, b->path);
  if (c)
    return c;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The parts as a min-heap of (load, part): the root is the lightest, lowest part. */
typedef struct vc_part_load {
  long long load;
  long part;
} vc_part_load;

static int lighter(const vc_part_load *a, const vc_part_load *b) {
  return a->load != b->load ? a->load < b->load : a->part < b->part;
}

/* Restores the heap after the root's load grew. */
static void sift_down(vc_part_load *h, size_t n) {
  size_t i = 0;
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && lighter(&h[l], &h[m]))
      m = l;
    if (r < n && lighter(&h[r], &h[m]))
      m = r;
    if (m == i)
      return;
    vc_part_load t = h[i];
    h[i] = h[m], h[m] = t;
    i = m;
  }
}

int vc_shard_assign(const char *const *paths, const long long *sizes, size_t n, long parts,
                    long *part) {
  if (parts < 1)
    return -1;
  vc_shard_item *items = malloc((n ? n : 1) * sizeof *items);
  vc_part_load *heap = malloc((size_t)parts * sizeof *heap);
  if (!items || !heap) {
    free(items);
    free(heap);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    items[i] = (vc_shard_item){paths[i], sizes[i] > 0 ? sizes[i] : 0, i};
  qsort(items, n, sizeof *items, item_cmp);
  for (long p = 0; p < parts; p++)
    heap[p] = (vc_part_load){0, p}; /* loads all 0, parts ascending: a valid heap */
  for (size_t i = 0; i < n; i++) {
    part[items[i].index] = heap[0].part;
    heap[0].load += items[i].size;
    sift_down(heap, (size_t)parts);
  }
  free(items);
  free(heap);
  return 0;
}

/* ---- --files-from ------------------------------------------------------------------ */

int vc_shard_read_list(const char *list, FILE *in, vc_shard_add_fn add, void *user,
                       char *why, size_t size) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int rc = 0;
  errno = 0;
  while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = '\0';
    if (len > 0 && line[len - 1] == '\r')
      line[--len] = '\0';
    if (len == 0)
      continue;
    if (memchr(line, '\0', (size_t)len)) {
      snprintf(why, size, "%.300s: a line holds a NUL byte (one path a line, please)",
               list);
      rc = -1;
      break;
    }
    char *copy = strdup(line);
    if (!copy || add(user, copy) != 0) {
      snprintf(why, size, "%.300s: out of memory", list);
      rc = -1;
    }
  }
  if (rc == 0 && ferror(in)) {
    snprintf(why, size, "%.300s: cannot read: %s", list, strerror(errno ? errno : EIO));
    rc = -1;
  }
  free(line);
  return rc;
}

/* ---- this machine's part ----------------------------------------------------------- */

int vc_shard_pick(const vc_inputs *all, vc_shard s, vc_inputs *mine, uint64_t *bytes_mine,
                  uint64_t *bytes_all) {
  size_t n = all->n;
  const char **keys = calloc(n ? n : 1, sizeof *keys);
  long long *sizes = calloc(n ? n : 1, sizeof *sizes);
  long *part = malloc((n ? n : 1) * sizeof *part);
  *mine = (vc_inputs){0};
  mine->v = malloc((n ? n : 1) * sizeof *mine->v);
  int rc = keys && sizes && part && mine->v ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    keys[i] = all->v[i].rel; /* the same wherever the folders are mounted */
    sizes[i] = all->v[i].size > (uint64_t)LLONG_MAX ? LLONG_MAX : (long long)all->v[i].size;
  }
  if (rc == 0)
    rc = vc_shard_assign(keys, sizes, n, s.n, part);
  *bytes_mine = *bytes_all = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    *bytes_all += all->v[i].size;
    if (part[i] == s.k) {
      mine->v[mine->n++] = all->v[i];
      *bytes_mine += all->v[i].size;
    }
  }
  mine->cap = mine->n;
  if (rc != 0) {
    free(mine->v);
    *mine = (vc_inputs){0};
  }
  free(keys);
  free(sizes);
  free(part);
  return rc;
}
