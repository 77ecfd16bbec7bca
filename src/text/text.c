/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading interview text: reading, UTF-8 validation, and freeing the speakable form. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "text.h"

#define VC_TEXT_MAX_BYTES VC_MAX_INPUT_BYTES

static vc_status over_limit(vc_diag *diag, const char *what, size_t len) {
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "%s of %zu bytes is over the limit of %zu MiB",
             what, len, VC_TEXT_MAX_BYTES >> 20);
  return VC_ERR_LIMIT;
}

/* Old Mac line ends: a CR not followed by LF becomes LF, byte for byte. */
static void lone_cr_to_lf(char *buf, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n'))
      buf[i] = '\n';
  }
}

static void set_diag(vc_diag *diag, const char *what, size_t offset) {
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "%s at byte %zu", what, offset);
}

vc_status vc_utf8_check(const char *bytes, size_t len, size_t *bad_offset) {
  size_t i = 0;
  if (!bytes && len)
    return VC_ERR_ARG;
  while (i < len) {
    const unsigned char *p = (const unsigned char *)bytes + i;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;
    if (*p == 0) {
      if (bad_offset)
        *bad_offset = i;
      return VC_ERR_NUL;
    }
    if (*p < 0x80) {
      i++;
      continue;
    }
    n = utf8proc_iterate(p, (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
    if (n <= 0) {
      if (bad_offset)
        *bad_offset = i;
      return VC_ERR_UTF8;
    }
    i += (size_t)n;
  }
  return VC_OK;
}

/* Takes ownership of `buf` (len + 1 bytes allocated) whatever the outcome. */
static vc_status text_adopt(char *buf, size_t len, const char *name, vc_text **out,
                            vc_diag *diag) {
  size_t bad = 0;
  vc_text *t = NULL;
  vc_status st = vc_utf8_check(buf, len, &bad);
  if (st != VC_OK) {
    set_diag(diag, st == VC_ERR_NUL ? "NUL byte" : "invalid UTF-8", bad);
    goto fail;
  }
  lone_cr_to_lf(buf, len);
  st = VC_ERR_NOMEM;
  t = calloc(1, sizeof *t);
  if (!t)
    goto fail;
  t->name = strdup(name ? name : "");
  if (!t->name)
    goto fail;
  buf[len] = '\0';
  t->bytes = buf;
  t->len = len;
  *out = t;
  return VC_OK;
fail:
  free(buf);
  if (t)
    free(t->name);
  free(t);
  return st;
}

vc_status vc_text_from_memory(const char *bytes, size_t len, const char *name,
                              vc_text **out, vc_diag *diag) {
  char *buf;
  if (!out || (!bytes && len))
    return VC_ERR_ARG;
  *out = NULL;
  if (len > VC_TEXT_MAX_BYTES)
    return over_limit(diag, "text", len);
  buf = malloc(len + 1);
  if (!buf)
    return VC_ERR_NOMEM;
  if (len)
    memcpy(buf, bytes, len);
  return text_adopt(buf, len, name, out, diag);
}

/* Reads all of `f` into a new buffer (one spare byte for the terminator). */
static vc_status read_all(FILE *f, char **buf_out, size_t *len_out, vc_diag *diag) {
  size_t cap = 64 * 1024, len = 0;
  char *buf = malloc(cap + 1);
  if (!buf)
    return VC_ERR_NOMEM;
  for (;;) {
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0 || len < cap) {
      if (ferror(f))
        goto io_fail;
      if (feof(f))
        break;
      continue;
    }
    if (cap > VC_TEXT_MAX_BYTES) {
      free(buf);
      return over_limit(diag, "file", len);
    }
    char *nb = realloc(buf, cap * 2 + 1);
    if (!nb) {
      free(buf);
      return VC_ERR_NOMEM;
    }
    buf = nb;
    cap *= 2;
  }
  if (len > VC_TEXT_MAX_BYTES) {
    free(buf);
    return over_limit(diag, "file", len);
  }
  *buf_out = buf;
  *len_out = len;
  return VC_OK;
io_fail:
  if (diag)
    snprintf(diag->msg, sizeof diag->msg, "cannot read: %s", strerror(errno));
  free(buf);
  return VC_ERR_IO;
}

static const char *file_kind(mode_t m) {
  return S_ISDIR(m)    ? "a folder"
         : S_ISFIFO(m) ? "a FIFO"
         : S_ISCHR(m)  ? "a character device"
         : S_ISBLK(m)  ? "a block device"
         : S_ISSOCK(m) ? "a socket"
                       : "not a regular file";
}

/* Opens `path` without waiting on it (O_NONBLOCK: a FIFO with no writer would block) and
 * refuses anything but a regular file of at most VC_MAX_INPUT_BYTES, before reading. */
static vc_status open_regular(const char *path, FILE **out, vc_diag *diag) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  vc_status s = VC_OK;
  if (fd < 0 || fstat(fd, &st) != 0) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "cannot read: %s", strerror(errno));
    s = VC_ERR_IO;
  } else if (!S_ISREG(st.st_mode)) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "cannot read: %s, not a regular file",
               file_kind(st.st_mode));
    s = VC_ERR_IO;
  } else if ((uintmax_t)st.st_size > VC_TEXT_MAX_BYTES) {
    s = over_limit(diag, "file", (size_t)st.st_size);
  } else if (fcntl(fd, F_SETFL, 0) != 0 || !(*out = fdopen(fd, "rb"))) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "cannot read: %s", strerror(errno));
    s = VC_ERR_IO;
  }
  if (s != VC_OK && fd >= 0)
    close(fd);
  return s;
}

vc_status vc_text_load(const char *path, vc_text **out, vc_diag *diag) {
  char *buf = NULL;
  size_t len = 0;
  vc_status st;
  FILE *f;
  if (!path || !out)
    return VC_ERR_ARG;
  *out = NULL;
  st = open_regular(path, &f, diag);
  if (st != VC_OK)
    return st;
  st = read_all(f, &buf, &len, diag);
  fclose(f);
  if (st != VC_OK)
    return st;
  return text_adopt(buf, len, path, out, diag);
}

vc_status vc_text_read(FILE *f, const char *name, vc_text **out, vc_diag *diag) {
  char *buf = NULL;
  size_t len = 0;
  if (!f || !name || !out)
    return VC_ERR_ARG;
  *out = NULL;
  vc_status st = read_all(f, &buf, &len, diag);
  if (st != VC_OK)
    return st;
  return text_adopt(buf, len, name, out, diag);
}

void vc_text_free(vc_text *t) {
  if (!t)
    return;
  free(t->bytes);
  free(t->name);
  free(t);
}

void vc_speakable_free(vc_speakable *s) {
  if (!s)
    return;
  free(s->text);
  free(s->map);
  free(s->holds);
  free(s);
}
