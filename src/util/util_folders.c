/* Finding the voices and data folders: given, environment, beside the program, the
 * source tree of a build folder, the configured install datadir. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* dladdr */
#include "util_folders.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set by src/CMakeLists.txt from the install layout: the datadir, and the way from the
 * bindir and from the libdir to it. */
#ifndef VC_INSTALL_DATADIR
#define VC_INSTALL_DATADIR "/usr/local/share/voicecap"
#endif
#ifndef VC_BIN_TO_DATA
#define VC_BIN_TO_DATA "../share/voicecap"
#endif
#ifndef VC_LIB_TO_DATA
#define VC_LIB_TO_DATA "../share/voicecap"
#endif

enum { VC_BUILD_DEPTH = 3 }; /* EXE's folder and up to two above it */

static const struct {
  const char *name, *env, *marker;
} vc_kinds[] = {
    [VC_FOLDER_VOICES] = {"voices", "VOICECAP_VOICES", "narrator.ini"},
    [VC_FOLDER_DATA] = {"data", "VOICECAP_DATA", "pronunciations.tsv"},
};

/* Cuts the last component off `path` in place ("" when nothing is left). */
static void cut_last(char *path) {
  char *slash = strrchr(path, '/');
  *(slash ? slash : path) = '\0';
}

/* The running program's folder, or "" when /proc/self/exe cannot be read. */
static void exe_dir(char *dir, size_t size) {
  ssize_t n = readlink("/proc/self/exe", dir, size - 1);
  dir[n > 0 ? n : 0] = '\0';
  cut_last(dir);
}

/* The folder of the file libvoicecap was loaded from (the shared library, or the program
 * it is linked into), or "". */
static void lib_dir(char *dir, size_t size) {
  Dl_info info;
  dir[0] = '\0';
  char real[PATH_MAX];
  if (dladdr((void *)vc_folder_find, &info) && info.dli_fname &&
      realpath(info.dli_fname, real))
    snprintf(dir, size, "%s", real);
  cut_last(dir);
}

/* The source folder named by DIR/CMakeCache.txt when DIR is a voicecap build folder. */
static int build_source(const char *dir, char *src, size_t size) {
  static const char key[] = "voicecap_SOURCE_DIR:STATIC=";
  char path[PATH_MAX + 32], line[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/CMakeCache.txt", dir);
  FILE *f = fopen(path, "r");
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    if (strncmp(line, key, sizeof key - 1) != 0)
      continue;
    line[strcspn(line, "\r\n")] = '\0';
    found = snprintf(src, size, "%s", line + sizeof key - 1) < (int)size;
  }
  if (f)
    fclose(f);
  return found;
}

/* The source tree when the program runs from a voicecap build folder, else 0. */
static int source_tree(const char *exe, char *src, size_t size) {
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", exe);
  for (int i = 0; i < VC_BUILD_DEPTH && dir[0]; i++) {
    if (build_source(dir, src, size))
      return 1;
    cut_last(dir);
  }
  return 0;
}

static int has_marker(const char *dir, const char *marker) {
  char path[PATH_MAX + 64];
  if (snprintf(path, sizeof path, "%s/%s", dir, marker) >= (int)sizeof path)
    return 0;
  return access(path, R_OK) == 0;
}

/* A search for one kind of folder: the places looked in so far, for the error. */
typedef struct vc_search {
  const char *name, *marker;
  char looked[sizeof((vc_diag *)0)->msg];
  char dir[PATH_MAX + 64];
} vc_search;

/* Appends ", DIR" to the places looked in, when it fits. */
static void looked_in(vc_search *s) {
  size_t n = strlen(s->looked), k = strlen(s->dir);
  if (n + 2 + k < sizeof s->looked) {
    memcpy(s->looked + n, ", ", 2);
    memcpy(s->looked + n + 2, s->dir, k + 1);
  }
}

/* 1 when BASE/REL/NAME holds the marker (left in s->dir); REL's leading "../" are
 * resolved against BASE so that the places looked in read plainly. */
static int try_dir(vc_search *s, const char *base, const char *rel) {
  char b[PATH_MAX];
  snprintf(b, sizeof b, "%s", base);
  while (strncmp(rel, "../", 3) == 0 && b[0]) {
    cut_last(b);
    rel += 3;
  }
  snprintf(s->dir, sizeof s->dir, "%s%s%s/%s", b, *rel ? "/" : "", rel, s->name);
  if (has_marker(s->dir, s->marker))
    return 1;
  looked_in(s);
  return 0;
}

vc_status vc_folder_find(vc_folder_kind kind, const char *given, char **out,
                         vc_diag *diag) {
  *out = NULL;
  const char *env = getenv(vc_kinds[kind].env);
  if (!given && env && *env)
    given = env;
  if (given) {
    *out = strdup(given);
    return *out ? VC_OK : VC_ERR_NOMEM;
  }
  vc_search s = {.name = vc_kinds[kind].name, .marker = vc_kinds[kind].marker};
  char exe[PATH_MAX], lib[PATH_MAX], src[PATH_MAX];
  snprintf(s.looked, sizeof s.looked, "$%s (unset)", vc_kinds[kind].env);
  exe_dir(exe, sizeof exe);
  lib_dir(lib, sizeof lib);
  int found = (exe[0] && try_dir(&s, exe, VC_BIN_TO_DATA)) ||
              (lib[0] && strcmp(lib, exe) != 0 && try_dir(&s, lib, VC_LIB_TO_DATA)) ||
              (exe[0] && source_tree(exe, src, sizeof src) && try_dir(&s, src, "")) ||
              try_dir(&s, VC_INSTALL_DATADIR, "");
  if (found) {
    *out = strdup(s.dir);
    return *out ? VC_OK : VC_ERR_NOMEM;
  }
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "cannot find voicecap %s (%s): looked in %.400s",
             s.name, s.marker, s.looked);
  return VC_ERR_IO;
}

/* Whether DIR/REL passes access(mode); its path in `out` when it does. */
static int helper_at(const char *dir, const char *rel, int mode, char *out, size_t size) {
  if (!dir[0] || snprintf(out, size, "%s/%s", dir, rel) >= (int)size)
    return 0;
  return access(out, mode) == 0;
}

int vc_helper_find(const char *name, const char *bin_rel, const char *lib_rel,
                   const char *full, int mode, char *out, size_t size) {
  char exe[PATH_MAX], lib[PATH_MAX];
  exe_dir(exe, sizeof exe);
  lib_dir(lib, sizeof lib);
  return helper_at(exe, name, mode, out, size) ||
         helper_at(exe, bin_rel, mode, out, size) ||
         helper_at(lib, lib_rel, mode, out, size) || helper_at("/", full, mode, out, size);
}
