/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private file helpers: path pieces, folder creation, durable close. */
#ifndef VC_FSUTIL_H
#define VC_FSUTIL_H

#include <stdio.h>

#include "voicecap/status.h"

/* "DIR/NAME" in a new string (caller frees), or NULL when out of memory. */
char *vc_path_join(const char *dir, const char *name);

/* The base name of `path` without a trailing ".txt", in a new string. */
char *vc_path_stem(const char *path);

/* Creates `dir` and its parents if missing. */
vc_status vc_mkdir_p(const char *dir, vc_diag *diag);

/* Flushes `f` to disk and closes it; VC_ERR_IO if any write failed, with its errno in
 * *err when `err` is not NULL (0 on success). */
vc_status vc_fclose_sync(FILE *f, int *err);

#endif
