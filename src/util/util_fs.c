/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private file helpers: path pieces, directory creation, durable close. */
#include "util_fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *vc_path_join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *p = malloc(a + b + 2);
  if (!p)
    return NULL;
  memcpy(p, dir, a);
  size_t k = a;
  if (a > 0 && dir[a - 1] != '/')
    p[k++] = '/';
  memcpy(p + k, name, b + 1);
  return p;
}

char *vc_path_stem(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
    n -= 4;
  char *s = malloc(n + 1);
  if (!s)
    return NULL;
  memcpy(s, base, n);
  s[n] = '\0';
  return s;
}

vc_status vc_mkdir_p(const char *dir, vc_diag *diag) {
  char *p = strdup(dir);
  if (!p)
    return VC_ERR_NOMEM;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/')
      continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
      goto fail;
    *s = '/';
  }
  if (mkdir(p, 0777) != 0 && errno != EEXIST)
    goto fail;
  free(p);
  return VC_OK;
fail:
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "%s: cannot create folder: %s", p,
             strerror(errno));
  free(p);
  return VC_ERR_IO;
}

vc_status vc_fclose_sync(FILE *f, int *err) {
  int e = ferror(f) ? (errno ? errno : EIO) : 0;
  if (!e && fflush(f) != 0)
    e = errno;
  if (!e && fsync(fileno(f)) != 0 && errno != EINVAL)
    e = errno;
  if (fclose(f) != 0 && !e)
    e = errno;
  if (err)
    *err = e;
  return e ? VC_ERR_IO : VC_OK;
}
