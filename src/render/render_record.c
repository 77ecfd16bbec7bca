/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record a batch keeps with each output set: what it was made from, for resuming. */
#include "render_record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VC_RECORD_MAGIC "voicecap-record 1"

char *vc_record_name(const char *stem) {
  size_t n = strlen(stem) + sizeof VC_RECORD_EXT + 1;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, ".%s" VC_RECORD_EXT, stem);
  return s;
}

vc_status vc_record_write(int fd, const char *key, uint64_t duration_ms,
                          const char *const *names, const uint64_t *sizes, size_t n) {
  int dup_fd = dup(fd);
  FILE *f = dup_fd >= 0 ? fdopen(dup_fd, "w") : NULL;
  if (!f) {
    if (dup_fd >= 0)
      close(dup_fd);
    return VC_ERR_IO;
  }
  fprintf(f, VC_RECORD_MAGIC "\nkey %s\nduration_ms %" PRIu64 "\n", key, duration_ms);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%" PRIu64 "\t%s\n", sizes[i], names[i]);
  int bad = ferror(f);
  bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  return bad ? VC_ERR_IO : VC_OK;
}

/* 1 when the output line "SIZE<TAB>NAME" names a file of DIR of that size. */
static int output_current(const char *dir, char *line) {
  char *tab = strchr(line, '\t'), *end = NULL;
  if (!tab || strchr(tab + 1, '/') || !tab[1])
    return 0;
  *tab = '\0';
  unsigned long long size = strtoull(line, &end, 10);
  if (*end || end == line)
    return 0;
  size_t n = strlen(dir) + strlen(tab + 1) + 2;
  char *path = malloc(n);
  struct stat st;
  int ok = path && snprintf(path, n, "%s/%s", dir, tab + 1) > 0 && lstat(path, &st) == 0 &&
           S_ISREG(st.st_mode) && (unsigned long long)st.st_size == size;
  free(path);
  return ok;
}

static int record_matches(FILE *f, const char *dir, const char *key,
                          uint64_t *duration_ms) {
  char *line = NULL;
  size_t cap = 0, no = 0, outputs = 0;
  ssize_t len;
  int ok = 1;
  while (ok && (len = getline(&line, &cap, f)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = '\0';
    no++;
    if (no == 1)
      ok = strcmp(line, VC_RECORD_MAGIC) == 0;
    else if (no == 2)
      ok = strncmp(line, "key ", 4) == 0 && strcmp(line + 4, key) == 0;
    else if (no == 3)
      ok = sscanf(line, "duration_ms %" SCNu64, duration_ms) == 1;
    else
      ok = output_current(dir, line), outputs++;
  }
  free(line);
  return ok && outputs > 0 && !ferror(f);
}

int vc_record_current(const char *dir, const char *stem, const char *key,
                      uint64_t *duration_ms) {
  char *name = vc_record_name(stem);
  size_t n = name ? strlen(dir) + strlen(name) + 2 : 0;
  char *path = name ? malloc(n) : NULL;
  FILE *f = NULL;
  if (path) {
    snprintf(path, n, "%s/%s", dir, name);
    f = fopen(path, "r");
  }
  uint64_t ms = 0;
  int ok = f && record_matches(f, dir, key, &ms);
  if (f)
    fclose(f);
  free(path);
  free(name);
  if (ok && duration_ms)
    *duration_ms = ms;
  return ok;
}
