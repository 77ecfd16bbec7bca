/* Loading interview text: reading, UTF-8 validation, and freeing the speakable form. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

#define VC_TEXT_MAX_BYTES ((size_t)64 * 1024 * 1024)

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
  if (len > VC_TEXT_MAX_BYTES) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "text larger than 64 MiB");
    return VC_ERR_LIMIT;
  }
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
      if (diag)
        snprintf(diag->msg, sizeof diag->msg, "file larger than 64 MiB");
      return VC_ERR_LIMIT;
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
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "file larger than 64 MiB");
    return VC_ERR_LIMIT;
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

vc_status vc_text_load(const char *path, vc_text **out, vc_diag *diag) {
  char *buf = NULL;
  size_t len = 0;
  vc_status st;
  FILE *f;
  if (!path || !out)
    return VC_ERR_ARG;
  *out = NULL;
  f = fopen(path, "rb");
  if (!f) {
    if (diag)
      snprintf(diag->msg, sizeof diag->msg, "cannot read: %s", strerror(errno));
    return VC_ERR_IO;
  }
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
