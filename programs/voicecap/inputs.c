/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A batch's inputs: folders walked for interviews, files taken as given, one sorted list.
 */
#include "inputs.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guard.h"
#include "util_fs.h"
#include "writers.h"

static int has_suffix(const char *name, const char *suffix) {
  size_t n = strlen(name), k = strlen(suffix);
  return n > k && strcmp(name + n - k, suffix) == 0;
}

/* An interview: NAME.txt, but not a transcript voicecap wrote (NAME.transcript.txt). */
static int is_interview_name(const char *name) {
  return has_suffix(name, ".txt") && !has_suffix(name, VC_TRANSCRIPT_EXT);
}

static void report(FILE *err, const char *fmt, const char *a, const char *b) {
  char msg[1024];
  snprintf(msg, sizeof msg, fmt, a, b);
  vc_guard_error(err, msg);
}

/* Takes ownership of `path`; `rel` is copied. -1 when out of memory. */
static int inputs_add(vc_inputs *in, char *path, const char *rel, uint64_t size) {
  char *r = strdup(rel);
  if (in->n == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 16;
    vc_input *v = r ? realloc(in->v, cap * sizeof *v) : NULL;
    if (!v) {
      free(path);
      free(r);
      return -1;
    }
    in->v = v, in->cap = cap;
  }
  if (!r) {
    free(path);
    return -1;
  }
  in->v[in->n++] = (vc_input){path, r, size};
  return 0;
}

void vc_inputs_free(vc_inputs *in) {
  for (size_t i = 0; in && i < in->n; i++)
    free(in->v[i].path), free(in->v[i].rel);
  if (in)
    free(in->v), memset(in, 0, sizeof *in);
}

/* A folder walk: every real folder and file once (device and inode), the output folder
 * never, links out of the folder given only with --follow-links. */
typedef struct vc_walk {
  vc_inputs *found;
  struct vc_walk_id {
    dev_t dev;
    ino_t ino;
  } * seen;
  size_t n_seen, cap_seen;
  struct stat out_dir; /* valid when has_out_dir */
  int has_out_dir, follow_links;
  const char *root;      /* the folder given: paths found begin with it and '/' */
  const char *root_real; /* the folder given, resolved */
  FILE *err;
} vc_walk;

/* 1 when (dev, ino) was seen before; else notes it and returns 0 (-1: out of memory). */
static int walk_seen(vc_walk *w, const struct stat *st) {
  for (size_t i = 0; i < w->n_seen; i++) {
    if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
      return 1;
  }
  if (w->n_seen == w->cap_seen) {
    size_t cap = w->cap_seen ? w->cap_seen * 2 : 64;
    struct vc_walk_id *v = realloc(w->seen, cap * sizeof *v);
    if (!v)
      return -1;
    w->seen = v, w->cap_seen = cap;
  }
  w->seen[w->n_seen++] = (struct vc_walk_id){st->st_dev, st->st_ino};
  return 0;
}

/* A link is followed when it stays inside the folder given, or when asked. */
static int walk_link_ok(vc_walk *w, const char *full) {
  if (w->follow_links)
    return 1;
  char *real = realpath(full, NULL);
  size_t n = strlen(w->root_real);
  int inside = real && strncmp(real, w->root_real, n) == 0 &&
               (real[n] == '/' || real[n] == '\0' || (n == 1 && w->root_real[0] == '/'));
  if (real && !inside)
    report(w->err,
           "%.300s: skipped: a link out of the folder (--follow-links follows it)%s", full,
           "");
  free(real);
  return inside;
}

static int walk_dir(vc_walk *w, const char *dir);

/* The path below the folder given: "a/x.txt" of "ROOT/a/x.txt". */
static const char *walk_rel(const vc_walk *w, const char *full) {
  size_t n = strlen(w->root);
  return full + n + (full[n] == '/');
}

/* One entry of a folder: a folder to walk, a *.txt to take, or something to pass over. */
static int walk_entry(vc_walk *w, const char *dir, const char *name) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *full = malloc(n);
  if (!full)
    return -1;
  snprintf(full, n, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", name);
  struct stat st;
  int rc = 0, usable = lstat(full, &st) == 0;
  if (usable && S_ISLNK(st.st_mode))
    usable = walk_link_ok(w, full) && stat(full, &st) == 0;
  int dir_ok =
      usable && S_ISDIR(st.st_mode) &&
      !(w->has_out_dir && st.st_dev == w->out_dir.st_dev && st.st_ino == w->out_dir.st_ino);
  int txt_ok = usable && S_ISREG(st.st_mode) && is_interview_name(name);
  int seen = dir_ok || txt_ok ? walk_seen(w, &st) : 1;
  if (seen < 0)
    rc = -1;
  else if (!seen && dir_ok)
    rc = walk_dir(w, full);
  else if (!seen && txt_ok)
    return inputs_add(w->found, full, walk_rel(w, full), (uint64_t)st.st_size);
  free(full);
  return rc;
}

/* Adds every interview below `dir`; hidden entries are skipped. 1: a folder could not
 * be read (reported). */
static int walk_dir(vc_walk *w, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    report(w->err, "%.300s: cannot open folder%s", dir, "");
    return 1;
  }
  int rc = 0, bad = 0;
  struct dirent *e;
  while (rc >= 0 && (e = readdir(d)) != NULL) {
    if (e->d_name[0] != '.') {
      rc = walk_entry(w, dir, e->d_name);
      bad |= rc > 0;
    }
  }
  closedir(d);
  return rc < 0 ? -1 : bad;
}

static int walk(const char *dir, vc_inputs *in, const vc_inputs_opts *o) {
  vc_walk w = {.found = in, .follow_links = o->follow_links, .err = o->err, .root = dir};
  w.has_out_dir = stat(o->out_dir ? o->out_dir : "out", &w.out_dir) == 0;
  char *real = realpath(dir, NULL);
  struct stat st;
  w.root_real = real ? real : dir;
  int rc = stat(dir, &st) == 0 && walk_seen(&w, &st) < 0 ? -1 : walk_dir(&w, dir);
  free(real);
  free(w.seen);
  return rc;
}

/* A FILE given: taken as it is, whatever its name; its outputs go to OUT itself. */
static int take_file(const char *path, const struct stat *st, vc_inputs *in) {
  const char *slash = strrchr(path, '/');
  char *p = strdup(path);
  return p ? inputs_add(in, p, slash ? slash + 1 : path, (uint64_t)st->st_size) : -1;
}

/* The length of the longest folder ("in/", up to a '/') that every path begins with. */
static size_t common_folder(char *const *p, size_t n) {
  size_t len = 0;
  const char *slash = n ? strrchr(p[0], '/') : NULL;
  len = slash ? (size_t)(slash - p[0]) + 1 : 0;
  for (size_t i = 1; i < n && len > 0; i++) {
    size_t k = 0;
    while (k < len && p[i][k] == p[0][k])
      k++;
    while (k > 0 && p[0][k - 1] != '/')
      k--;
    len = k;
  }
  return len;
}

/* 1 when `rel` would lead out of the output folder: absolute, or a ".." component. */
static int climbs(const char *rel) {
  if (rel[0] == '/')
    return 1;
  for (const char *c = rel; c; c = strchr(c, '/'), c = c ? c + 1 : NULL)
    if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || c[2] == '\0'))
      return 1;
  return 0;
}

/* The files listed (--files-from): their paths below their common folder. */
static int take_listed(char *const *p, size_t n, vc_inputs *in) {
  size_t common = common_folder(p, n);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (stat(p[i], &st) != 0)
      continue; /* the program names missing files as it reads the list */
    const char *rel = p[i] + common, *slash = strrchr(p[i], '/');
    char *path = strdup(p[i]);
    if (!path || inputs_add(in, path, climbs(rel) ? (slash ? slash + 1 : p[i]) : rel,
                            (uint64_t)st.st_size) != 0)
      return -1;
  }
  return 0;
}

/* rel without a trailing ".txt": what names the outputs. */
static size_t out_key_len(const char *rel) {
  size_t n = strlen(rel);
  return has_suffix(rel, ".txt") ? n - 4 : n;
}

/* By the outputs' names (rel without ".txt"), then rel, then path. */
static int cmp_input(const void *a, const void *b) {
  const vc_input *x = a, *y = b;
  size_t nx = out_key_len(x->rel), ny = out_key_len(y->rel);
  int c = memcmp(x->rel, y->rel, nx < ny ? nx : ny);
  if (!c)
    c = (nx > ny) - (nx < ny);
  if (!c)
    c = strcmp(x->rel, y->rel);
  return c ? c : strcmp(x->path, y->path);
}

/* Inputs whose outputs would be the same files (next to each other once sorted): the
 * first is kept, the others named. */
static int drop_duplicates(vc_inputs *in, FILE *err) {
  int dropped = 0;
  size_t kept = 0;
  for (size_t i = 0; i < in->n; i++) {
    const vc_input *prev = kept ? &in->v[kept - 1] : NULL;
    size_t n = out_key_len(in->v[i].rel);
    if (prev && strcmp(prev->path, in->v[i].path) == 0 &&
        strcmp(prev->rel, in->v[i].rel) == 0) {
      free(in->v[i].path), free(in->v[i].rel); /* one file given twice: rendered once */
    } else if (prev && out_key_len(prev->rel) == n &&
               memcmp(prev->rel, in->v[i].rel, n) == 0) {
      report(err, "%.200s: skipped: its outputs would overwrite those of %.200s",
             in->v[i].path, prev->path);
      free(in->v[i].path), free(in->v[i].rel);
      dropped = 1;
    } else {
      in->v[kept++] = in->v[i];
    }
  }
  in->n = kept;
  return dropped;
}

int vc_inputs_collect(char *const *args, size_t n, const vc_inputs_opts *o, vc_inputs *in) {
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    int rc;
    if (stat(args[i], &st) != 0) {
      report(o->err, "%.300s: %s", args[i], "no such file or folder");
      rc = 1;
    } else {
      rc = S_ISDIR(st.st_mode) ? walk(args[i], in, o) : take_file(args[i], &st, in);
    }
    if (rc < 0)
      return -1;
    bad |= rc;
  }
  if (o->n_listed && take_listed(o->listed, o->n_listed, in) != 0)
    return -1;
  if (in->n > 1)
    qsort(in->v, in->n, sizeof *in->v, cmp_input);
  bad |= drop_duplicates(in, o->err);
  return bad;
}

char *vc_input_out_dir(const char *out_dir, const vc_input *in) {
  const char *slash = strrchr(in->rel, '/');
  if (!slash)
    return strdup(out_dir);
  size_t n = strlen(out_dir) + (size_t)(slash - in->rel) + 2;
  char *d = malloc(n);
  if (d)
    snprintf(d, n, "%s/%.*s", out_dir, (int)(slash - in->rel), in->rel);
  return d;
}
