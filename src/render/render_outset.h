/* An output set: the files of one render, staged in a private folder, published together.
 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_RENDER_OUTSET_H
#define VC_RENDER_OUTSET_H

#include <stdio.h>

#include "voicecap/status.h"

/* The outputs of one render are written into a fresh private folder inside the output
 * folder, DIR/.STEM.vc-XXXXXX (mkdtemp, mode 0700, locked with flock while its render
 * lives), each file created there with O_EXCL|O_NOFOLLOW. Publishing, under an flock on
 * DIR: hard links of the old outputs go to the private folder's "old/", a manifest named
 * COMMIT lists the new outputs (written and synced), the files are renamed into DIR, and
 * the private folder is removed. A failed rename moves the old outputs back. A private
 * folder whose render died (its lock is free) is "stale": with COMMIT it is rolled forward
 * (its remaining files renamed into place), without it is deleted. Every render sweeps
 * the stale folders of its STEM when it starts and again just before it publishes. */
typedef struct vc_outset {
  char *dir;  /* the output folder */
  char *stem; /* outputs are STEM.ext */
  char *tmp;  /* DIR/.STEM.vc-XXXXXX, or NULL before vc_outset_open */
  int dirfd, tmpfd;
} vc_outset;

#define VC_OUTSET_INIT                                                                     \
  { NULL, NULL, NULL, -1, -1 }

/* Opens DIR (which must exist), sweeps STEM's stale private folders and makes a new one. */
vc_status vc_outset_open(vc_outset *s, const char *dir, const char *stem, vc_diag *diag);

/* Creates NAME in the private folder for writing (O_EXCL|O_NOFOLLOW): an fd, or -1. */
int vc_outset_create(vc_outset *s, const char *name);

/* The private folder's path to NAME, in a new string (for libraries that want a path). */
char *vc_outset_path(const vc_outset *s, const char *name);

/* Publishes the `n` files NAMES (base names, all in the private folder) as a set. On
 * failure nothing published changes and diag names the output and the cause. */
vc_status vc_outset_publish(vc_outset *s, const char *const *names, size_t n,
                            vc_diag *diag);

/* Removes the private folder and what it holds, closes everything. Safe to call twice. */
void vc_outset_close(vc_outset *s);

/* Sweeps STEM's stale private folders in DIR (see above). VC_OK when DIR is absent. */
vc_status vc_outset_sweep(const char *dir, const char *stem, vc_diag *diag);

struct vc_render_opts;

/* Removes (or, when their publication had begun, completes) the temporary folders that
 * dead renders of `path` left in the output folder; running renders are left alone.
 * (render.c; for the program, which sweeps after a worker it ran crashed.) */
vc_status vc_render_sweep(const char *path, const struct vc_render_opts *o, vc_diag *diag);

#endif
