/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record a batch keeps with each output set: what it was made from, for resuming. */
#include "render_record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VC_RECORD_MAGIC "voicecap-record 2"

char *vc_record_name(const char *stem) {
  size_t n = strlen(stem) + sizeof VC_RECORD_EXT + 1;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, ".%s" VC_RECORD_EXT, stem);
  return s;
}

void vc_record_key(const char *common, const char *input, const char *const *speakers,
                   size_t n_speakers, const vc_voice_pins *pins, char hex[VC_HASH_HEX]) {
  vc_hash *h = vc_hash_new();
  hex[0] = '\0';
  if (!h)
    return;
  vc_hash_str(h, common);
  int bad = vc_hash_file(h, input) != 0;
  for (size_t i = 0; i < n_speakers; i++) {
    const vc_voice_pin *p = vc_voice_pins_find(pins, speakers[i]);
    char slot[32];
    snprintf(slot, sizeof slot, "%zu", p ? p->slot : (size_t)0);
    vc_hash_str(h, speakers[i]);
    vc_hash_str(h, p ? p->voice_id : "");
    vc_hash_str(h, p ? slot : "");
  }
  vc_hash_end(h, hex);
  if (bad)
    hex[0] = '\0';
}

/* `s` with '\' and newline escaped, so that it stays on its line. */
static void put_escaped(FILE *f, const char *s) {
  for (; s && *s; s++)
    fputs(*s == '\\' ? "\\\\" : *s == '\n' ? "\\n" : (char[]){*s, '\0'}, f);
}

vc_status vc_record_write(int fd, const char *key, uint64_t duration_ms,
                          const char *const *speakers, size_t n_speakers,
                          const char *const *names, const uint64_t *sizes, size_t n) {
  int dup_fd = dup(fd);
  FILE *f = dup_fd >= 0 ? fdopen(dup_fd, "w") : NULL;
  if (!f) {
    if (dup_fd >= 0)
      close(dup_fd);
    return VC_ERR_IO;
  }
  fprintf(f, VC_RECORD_MAGIC "\nkey %s\nduration_ms %" PRIu64 "\n", key, duration_ms);
  for (size_t i = 0; i < n_speakers; i++) {
    fputs("speaker ", f);
    put_escaped(f, speakers[i]);
    fputc('\n', f);
  }
  for (size_t i = 0; i < n; i++)
    fprintf(f, "output %" PRIu64 " %s\n", sizes[i], names[i]);
  int bad = ferror(f);
  bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  return bad ? VC_ERR_IO : VC_OK;
}

/* 1 when "SIZE NAME" names a regular file of DIR of that size. */
static int output_current(const char *dir, const char *line) {
  char *end = NULL;
  unsigned long long size = strtoull(line, &end, 10);
  if (end == line || *end != ' ' || !end[1] || strchr(end + 1, '/'))
    return 0;
  size_t n = strlen(dir) + strlen(end + 1) + 2;
  char *path = malloc(n);
  struct stat st;
  int ok = path && snprintf(path, n, "%s/%s", dir, end + 1) > 0 && lstat(path, &st) == 0 &&
           S_ISREG(st.st_mode) && (unsigned long long)st.st_size == size;
  free(path);
  return ok;
}

/* Undoes put_escaped in place. */
static void unescape(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (*r == '\\' && (r[1] == '\\' || r[1] == 'n'))
      *w++ = *++r == 'n' ? '\n' : '\\';
    else
      *w++ = *r;
  }
  *w = '\0';
}

/* A record read: its key, audio length and speakers; its outputs checked on the way. */
typedef struct vc_record {
  char key[VC_HASH_HEX];
  uint64_t duration_ms;
  char **speakers;
  size_t n_speakers, n_outputs;
  int ok;
} vc_record;

static void record_line(vc_record *r, const char *dir, char *line, size_t no) {
  if (no == 1) {
    r->ok = strcmp(line, VC_RECORD_MAGIC) == 0;
  } else if (no == 2) {
    r->ok = strncmp(line, "key ", 4) == 0 && strlen(line + 4) == VC_HASH_HEX - 1;
    if (r->ok)
      memcpy(r->key, line + 4, VC_HASH_HEX);
  } else if (no == 3) {
    r->ok = sscanf(line, "duration_ms %" SCNu64, &r->duration_ms) == 1;
  } else if (strncmp(line, "speaker ", 8) == 0 && r->n_outputs == 0) {
    char **v = realloc(r->speakers, (r->n_speakers + 1) * sizeof *v);
    unescape(line + 8);
    r->ok = v && (v[r->n_speakers] = strdup(line + 8)) != NULL;
    if (v)
      r->speakers = v;
    r->n_speakers += r->ok;
  } else if (strncmp(line, "output ", 7) == 0) {
    r->ok = output_current(dir, line + 7);
    r->n_outputs++;
  } else {
    r->ok = 0;
  }
}

static void read_record(FILE *f, const char *dir, vc_record *r) {
  char *line = NULL;
  size_t cap = 0, no = 0;
  ssize_t len;
  r->ok = 1;
  while (r->ok && (len = getline(&line, &cap, f)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = '\0';
    record_line(r, dir, line, ++no);
  }
  free(line);
  r->ok = r->ok && no >= 3 && r->n_outputs > 0 && !ferror(f);
}

int vc_record_current(const char *dir, const char *stem, const char *common,
                      const char *input, const vc_voice_pins *pins, uint64_t *duration_ms) {
  char *name = vc_record_name(stem);
  char *path = name ? malloc(strlen(dir) + strlen(name) + 2) : NULL;
  FILE *f = NULL;
  if (path) {
    sprintf(path, "%s/%s", dir, name);
    f = fopen(path, "r");
  }
  vc_record r = {.ok = 0};
  if (f) {
    read_record(f, dir, &r);
    fclose(f);
  }
  char key[VC_HASH_HEX] = "";
  if (r.ok)
    vc_record_key(common, input, (const char *const *)r.speakers, r.n_speakers, pins, key);
  int ok = r.ok && key[0] && strcmp(key, r.key) == 0;
  for (size_t i = 0; i < r.n_speakers; i++)
    free(r.speakers[i]);
  free(r.speakers);
  free(path);
  free(name);
  if (ok && duration_ms)
    *duration_ms = r.duration_ms;
  return ok;
}
