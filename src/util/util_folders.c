/* Finding the voices and data folders: given, environment, beside the program, the
 * source tree of a build folder, the configured install datadir. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "util_folders.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VC_INSTALL_DATADIR
#define VC_INSTALL_DATADIR "/usr/local/share/voicecap"
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

static vc_status copy_out(const char *dir, char **out) {
  *out = strdup(dir);
  return *out ? VC_OK : VC_ERR_NOMEM;
}

/* Appends ", DIR" to the list of places looked in, when it fits. */
static void looked_in(char *list, size_t size, const char *dir) {
  size_t n = strlen(list), k = strlen(dir);
  if (n + 2 + k < size) {
    memcpy(list + n, ", ", 2);
    memcpy(list + n + 2, dir, k + 1);
  }
}

vc_status vc_folder_find(vc_folder_kind kind, const char *given, char **out,
                         vc_diag *diag) {
  *out = NULL;
  if (given)
    return copy_out(given, out);
  const char *env = getenv(vc_kinds[kind].env);
  if (env && *env)
    return copy_out(env, out);
  char exe[PATH_MAX], prefix[PATH_MAX], src[PATH_MAX], dir[PATH_MAX + 64];
  char list[sizeof diag->msg];
  snprintf(list, sizeof list, "$%s (unset)", vc_kinds[kind].env);
  exe_dir(exe, sizeof exe);
  snprintf(prefix, sizeof prefix, "%s", exe);
  cut_last(prefix); /* PREFIX/bin/voicecap -> PREFIX */
  const char *name = vc_kinds[kind].name, *marker = vc_kinds[kind].marker;
  if (exe[0]) {
    snprintf(dir, sizeof dir, "%s/share/voicecap/%s", prefix, name);
    if (has_marker(dir, marker))
      return copy_out(dir, out);
    looked_in(list, sizeof list, dir);
  }
  if (exe[0] && source_tree(exe, src, sizeof src)) {
    snprintf(dir, sizeof dir, "%s/%s", src, name);
    if (has_marker(dir, marker))
      return copy_out(dir, out);
    looked_in(list, sizeof list, dir);
  }
  snprintf(dir, sizeof dir, "%s/%s", VC_INSTALL_DATADIR, name);
  if (has_marker(dir, marker))
    return copy_out(dir, out);
  looked_in(list, sizeof list, dir);
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "cannot find voicecap %s (%s): looked in %.400s",
             name, marker, list);
  return VC_ERR_IO;
}
