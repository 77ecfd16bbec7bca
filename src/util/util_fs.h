/* Private file helpers: temporary names, atomic publication, path pieces. */
#ifndef VC_FSUTIL_H
#define VC_FSUTIL_H

#include <stdio.h>

#include "voicecap/status.h"

/* "DIR/NAME" in a new string (caller frees), or NULL when out of memory. */
char *vc_path_join(const char *dir, const char *name);

/* The base name of `path` without a trailing ".txt", in a new string. */
char *vc_path_stem(const char *path);

/* A temporary name in the same folder as `final` ("DIR/.NAME.tmp-PID"), new string. */
char *vc_temp_path(const char *final);

/* Creates `dir` and its parents if missing. */
vc_status vc_mkdir_p(const char *dir, vc_diag *diag);

/* Flushes `f` to disk and closes it; VC_ERR_IO if any write failed. */
vc_status vc_fclose_sync(FILE *f);

#endif
