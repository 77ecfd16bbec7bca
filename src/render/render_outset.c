/* An output set: the files of one render, staged in a private folder, published together.
 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "render_outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define VC_MANIFEST "COMMIT"
#define VC_OLD "old"
#define VC_MANIFEST_MAX (64 * 1024)
#define VC_STEM_IN_TEMP 200 /* bytes of STEM in the private folder's name (NAME_MAX) */
#define VC_TEMP_TAG ".vc-"
#define VC_TEMP_RANDOM 6 /* mkdtemp's XXXXXX */

static void set_diag(vc_diag *d, const char *dir, const char *name, const char *what,
                     int err) {
  if (d)
    snprintf(d->msg, sizeof d->msg, "%.200s/%.200s: %s: %s", dir, name, what,
             strerror(err));
}

/* ".STEM.vc-" as the private folders of STEM begin. */
static void temp_prefix(const char *stem, char *buf, size_t size) {
  snprintf(buf, size, ".%.*s" VC_TEMP_TAG, VC_STEM_IN_TEMP, stem);
}

/* A stream over the entries of the folder `fd`, on a copy of it (closedir leaves `fd`
 * open), or NULL. */
static DIR *open_dir_stream(int fd) {
  int copy = dup(fd);
  DIR *d = copy >= 0 ? fdopendir(copy) : NULL;
  if (!d && copy >= 0)
    close(copy);
  return d;
}

/* Removes every entry of the folder `fd` (and of its sub-folders, `depth` levels). */
static void clear_dir(int fd, int depth) {
  DIR *d = open_dir_stream(fd);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (unlinkat(fd, e->d_name, 0) == 0 || errno != EISDIR || depth <= 0)
      continue;
    int sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub >= 0) {
      clear_dir(sub, depth - 1);
      close(sub);
    }
    unlinkat(fd, e->d_name, AT_REMOVEDIR);
  }
  closedir(d);
}

/* Renames into the output folder every file the manifest of a stale private folder lists
 * and that is still there: completes a publication that a crash cut short. */
static void roll_forward(int dirfd, int fd) {
  int m = openat(fd, VC_MANIFEST, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (m < 0)
    return;
  char *buf = malloc(VC_MANIFEST_MAX + 1);
  ssize_t got = buf ? read(m, buf, VC_MANIFEST_MAX) : -1;
  close(m);
  for (ssize_t i = 0; got > 0 && i < got;) {
    buf[got] = '\0';
    const char *name = buf + i;
    size_t n = strlen(name);
    if (n > 0 && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
      renameat(fd, name, dirfd, name);
    i += (ssize_t)n + 1;
  }
  free(buf);
}

/* One private folder `name` of DIR: left alone while its render holds its lock. */
static void sweep_one(int dirfd, const char *name) {
  int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return;
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_uid != geteuid() || flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return;
  }
  if (faccessat(fd, VC_MANIFEST, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
    roll_forward(dirfd, fd);
  clear_dir(fd, 1);
  unlinkat(dirfd, name, AT_REMOVEDIR);
  close(fd);
}

/* Versions before the output sets wrote each output to ".STEM.EXT.tmp-PID" and left it
 * when killed (partial audio of up to 2 GB): removed once no process PID is alive. */
static void sweep_old_temp(int dirfd, const char *stem, const char *name) {
  size_t n = strlen(stem);
  const char *tag = strstr(name, ".tmp-");
  if (name[0] != '.' || strncmp(name + 1, stem, n) != 0 || name[n + 1] != '.' || !tag)
    return;
  char *end = NULL;
  long pid = strtol(tag + 5, &end, 10);
  if (pid <= 0 || *end || strchr(tag + 5, '.'))
    return;
  if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
    unlinkat(dirfd, name, 0); /* a link is removed, never followed */
}

/* Sweeps STEM's stale private folders in the folder `dirfd`, all but `self`, and the
 * stale temporaries of older versions. The caller holds the lock on the folder. */
static void sweep_locked(int dirfd, const char *stem, const char *self) {
  char prefix[VC_STEM_IN_TEMP + 16];
  temp_prefix(stem, prefix, sizeof prefix);
  size_t plen = strlen(prefix);
  DIR *d = open_dir_stream(dirfd);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, plen) == 0 &&
        strlen(e->d_name) == plen + VC_TEMP_RANDOM &&
        !(self && strcmp(self, e->d_name) == 0))
      sweep_one(dirfd, e->d_name);
    else
      sweep_old_temp(dirfd, stem, e->d_name);
  }
  closedir(d);
}

vc_status vc_outset_sweep(const char *dir, const char *stem, vc_diag *diag) {
  int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    if (errno == ENOENT)
      return VC_OK;
    set_diag(diag, dir, ".", "cannot open folder", errno);
    return VC_ERR_IO;
  }
  flock(dirfd, LOCK_EX);
  sweep_locked(dirfd, stem, NULL);
  close(dirfd); /* releases the lock */
  return VC_OK;
}

static const char *base_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* Makes the private folder and takes its lock, under the folder lock (a sweep running
 * meanwhile must not find it unlocked). */
static vc_status make_private(vc_outset *s, vc_diag *diag) {
  size_t n = strlen(s->dir) + VC_STEM_IN_TEMP + 32;
  s->tmp = malloc(n);
  if (!s->tmp)
    return VC_ERR_NOMEM;
  char prefix[VC_STEM_IN_TEMP + 16];
  temp_prefix(s->stem, prefix, sizeof prefix);
  snprintf(s->tmp, n, "%s/%sXXXXXX", s->dir, prefix);
  if (!mkdtemp(s->tmp)) {
    set_diag(diag, s->dir, prefix, "cannot create a temporary folder", errno);
    free(s->tmp);
    s->tmp = NULL;
    return VC_ERR_IO;
  }
  s->tmpfd = open(s->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  /* a file system without flock (ENOLCK, EOPNOTSUPP) still renders, unguarded */
  if (s->tmpfd < 0 || (flock(s->tmpfd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)) {
    set_diag(diag, s->dir, base_of(s->tmp), "cannot lock the temporary folder", errno);
    return VC_ERR_IO;
  }
  return VC_OK;
}

vc_status vc_outset_open(vc_outset *s, const char *dir, const char *stem, vc_diag *diag) {
  memset(s, 0, sizeof *s);
  s->dirfd = s->tmpfd = -1;
  s->dir = strdup(dir);
  s->stem = strdup(stem);
  if (!s->dir || !s->stem)
    return VC_ERR_NOMEM;
  s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s->dirfd < 0) {
    set_diag(diag, dir, ".", "cannot open folder", errno);
    return VC_ERR_IO;
  }
  flock(s->dirfd, LOCK_EX);
  sweep_locked(s->dirfd, stem, NULL);
  vc_status st = make_private(s, diag);
  flock(s->dirfd, LOCK_UN);
  return st;
}

int vc_outset_create(vc_outset *s, const char *name) {
  return openat(s->tmpfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
}

char *vc_outset_path(const vc_outset *s, const char *name) {
  size_t n = strlen(s->tmp) + strlen(name) + 2;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s/%s", s->tmp, name);
  return p;
}

/* Refuses a set that could not be published whole: an output name taken by a folder. */
static vc_status preflight(vc_outset *s, const char *const *names, size_t n,
                           vc_diag *diag) {
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (fstatat(s->dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
      set_diag(diag, s->dir, names[i], "cannot publish", EISDIR);
      return VC_ERR_IO;
    }
  }
  return VC_OK;
}

/* Flushes every staged file and the private folder to disk. */
static vc_status sync_staged(vc_outset *s, const char *const *names, size_t n,
                             vc_diag *diag) {
  for (size_t i = 0; i < n; i++) {
    int fd = openat(s->tmpfd, names[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int bad = fd < 0 || fsync(fd) != 0;
    int err = errno;
    if (fd >= 0)
      close(fd);
    if (bad) {
      set_diag(diag, s->dir, names[i], "cannot write", err);
      return VC_ERR_IO;
    }
  }
  return fsync(s->tmpfd) == 0 ? VC_OK : VC_ERR_IO;
}

/* Hard links of the published files the set replaces go to old/, for a rollback. */
static vc_status keep_old(vc_outset *s, const char *const *names, size_t n, int *had,
                          int *oldfd, vc_diag *diag) {
  if (mkdirat(s->tmpfd, VC_OLD, 0700) != 0 ||
      (*oldfd = openat(s->tmpfd, VC_OLD, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) <
          0) {
    set_diag(diag, s->dir, base_of(s->tmp), "cannot write", errno);
    return VC_ERR_IO;
  }
  for (size_t i = 0; i < n; i++) {
    had[i] = linkat(s->dirfd, names[i], *oldfd, names[i], 0) == 0;
    if (!had[i] && errno != ENOENT) {
      set_diag(diag, s->dir, names[i], "cannot keep the earlier output", errno);
      return VC_ERR_IO;
    }
  }
  return VC_OK;
}

/* The manifest: the names of the set, each ending in NUL, synced before any rename. */
static vc_status write_manifest(vc_outset *s, const char *const *names, size_t n,
                                vc_diag *diag) {
  int fd = openat(s->tmpfd, VC_MANIFEST,
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  int bad = fd < 0;
  for (size_t i = 0; !bad && i < n; i++) {
    size_t len = strlen(names[i]) + 1;
    bad = write(fd, names[i], len) != (ssize_t)len;
  }
  bad = bad || fsync(fd) != 0;
  int err = errno;
  if (fd >= 0 && close(fd) != 0 && !bad)
    bad = 1, err = errno;
  if (!bad && fsync(s->tmpfd) != 0)
    bad = 1, err = errno;
  if (bad) {
    set_diag(diag, s->dir, base_of(s->tmp), "cannot write", err);
    return VC_ERR_IO;
  }
  return VC_OK;
}

/* Undoes the first `k` renames: the old files back, or the new ones gone. */
static void roll_back(vc_outset *s, const char *const *names, size_t k, const int *had,
                      int oldfd) {
  for (size_t i = 0; i < k; i++) {
    if (had[i])
      renameat(oldfd, names[i], s->dirfd, names[i]);
    else
      unlinkat(s->dirfd, names[i], 0);
  }
  unlinkat(s->tmpfd, VC_MANIFEST, 0);
}

static vc_status publish_locked(vc_outset *s, const char *const *names, size_t n, int *had,
                                vc_diag *diag) {
  int oldfd = -1;
  sweep_locked(s->dirfd, s->stem, base_of(s->tmp));
  vc_status st = preflight(s, names, n, diag);
  if (st == VC_OK)
    st = sync_staged(s, names, n, diag);
  if (st == VC_OK)
    st = keep_old(s, names, n, had, &oldfd, diag);
  if (st == VC_OK)
    st = write_manifest(s, names, n, diag);
  for (size_t i = 0; st == VC_OK && i < n; i++) {
    if (renameat(s->tmpfd, names[i], s->dirfd, names[i]) != 0) {
      set_diag(diag, s->dir, names[i], "cannot publish", errno);
      roll_back(s, names, i, had, oldfd);
      st = VC_ERR_IO;
    }
  }
  if (st == VC_OK)
    fsync(s->dirfd);
  if (oldfd >= 0)
    close(oldfd);
  return st;
}

vc_status vc_outset_publish(vc_outset *s, const char *const *names, size_t n,
                            vc_diag *diag) {
  int *had = calloc(n ? n : 1, sizeof *had);
  if (!had)
    return VC_ERR_NOMEM;
  flock(s->dirfd, LOCK_EX);
  vc_status st = publish_locked(s, names, n, had, diag);
  flock(s->dirfd, LOCK_UN);
  free(had);
  return st;
}

void vc_outset_close(vc_outset *s) {
  if (s->tmpfd >= 0) {
    clear_dir(s->tmpfd, 1);
    if (s->tmp)
      unlinkat(s->dirfd, base_of(s->tmp), AT_REMOVEDIR);
    close(s->tmpfd);
  } else if (s->tmp) {
    rmdir(s->tmp); /* made but never opened */
  }
  if (s->dirfd >= 0)
    close(s->dirfd);
  free(s->tmp);
  free(s->dir);
  free(s->stem);
  memset(s, 0, sizeof *s);
  s->dirfd = s->tmpfd = -1;
}
