/* Loading interview text: UTF-8 validation, and the speakable form with its offset map. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_buf.h"
#include "voicecap/text.h"

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

void vc_text_free(vc_text *t) {
  if (!t)
    return;
  free(t->bytes);
  free(t->name);
  free(t);
}

/* ---- speakable text ---------------------------------------------------------------- */

/* One code point replaced for speech. An empty replacement deletes the character. */
typedef struct vc_char_rule {
  utf8proc_int32_t cp;
  const char *say;
} vc_char_rule;

static const vc_char_rule vc_char_rules[] = {
    {0x2019, "'"},   /* right single quote: the apostrophe in "don’t" */
    {0x2018, "'"},   /* left single quote: "‘90s" (other uses dropped) */
    {0x02BC, "'"},   /* modifier apostrophe */
    {0x201C, ""},    /* curly double quotes are not spoken */
    {0x201D, ""},    /* */
    {0x201E, ""},    /* */
    {0x00AB, ""},    /* guillemets */
    {0x00BB, ""},    /* */
    {'"', ""},       /* */
    {0x2026, "..."}, /* ellipsis */
    {0x00A0, " "},   /* no-break space */
    {0x202F, " "},   /* narrow no-break space */
    {0x2007, " "},   /* figure space */
    {0x2009, " "},   /* thin space */
    {0x200A, " "},   /* hair space */
    {0x2002, " "},   /* en space */
    {0x2003, " "},   /* em space */
    {0x00AD, ""},    /* soft hyphen */
    {0x200B, ""},    /* zero-width space */
    {0x200C, ""},    /* zero-width non-joiner */
    {0x200D, ""},    /* zero-width joiner */
    {0x2060, ""},    /* word joiner */
    {0xFEFF, ""},    /* byte order mark */
    {0x2010, "-"},   /* hyphen */
    {0x2011, "-"},   /* non-breaking hyphen */
    {0x2032, "'"},   /* prime */
    {0x2212, "-"},   /* minus sign */
};

static const char *char_rule(utf8proc_int32_t cp) {
  for (size_t i = 0; i < sizeof vc_char_rules / sizeof vc_char_rules[0]; i++)
    if (vc_char_rules[i].cp == cp)
      return vc_char_rules[i].say;
  return NULL;
}

static int is_dash(utf8proc_int32_t cp) {
  return cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x2012;
}

/* A dash becomes a pause: a comma hugging the previous word, then one space. */
static vc_status emit_dash(vc_sbuf *b, size_t at, int next_is_space) {
  vc_status st;
  vc_sbuf_trim_spaces(b);
  if (b->len == 0 || b->text[b->len - 1] == ',' || b->text[b->len - 1] == '.')
    st = VC_OK;
  else
    st = vc_sbuf_put(b, ",", 1, at);
  if (st == VC_OK && !next_is_space)
    st = vc_sbuf_put(b, " ", 1, at);
  return st;
}

/* Appends the speech for the code point at display offset `at` (`n` bytes long). */
static vc_status speak_char(vc_sbuf *b, const char *display, size_t len, size_t at,
                            size_t n, utf8proc_int32_t cp) {
  const char *say;
  if (is_dash(cp)) {
    int next_space = at + n >= len || display[at + n] == ' ' || display[at + n] == '\n';
    return emit_dash(b, at, next_space);
  }
  if (cp == 0x2018 && !(at + n < len && display[at + n] >= '0' && display[at + n] <= '9'))
    return VC_OK; /* an opening quote, not the apostrophe of "‘90s" */
  say = char_rule(cp);
  if (!say)
    return vc_sbuf_put(b, display + at, n, at);
  return vc_sbuf_put(b, say, strlen(say), at);
}

vc_status vc_speakable_new(const char *display, size_t len, vc_speakable **out) {
  vc_sbuf b;
  vc_status st = VC_OK;
  size_t i = 0;
  if (!out || (!display && len))
    return VC_ERR_ARG;
  *out = NULL;
  vc_sbuf_init(&b);
  while (st == VC_OK && i < len) {
    utf8proc_int32_t cp;
    size_t rest = len - i < 4 ? len - i : 4;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)display + i,
                                          (utf8proc_ssize_t)rest, &cp);
    if (n <= 0) {
      st = VC_ERR_UTF8;
      break;
    }
    st = speak_char(&b, display, len, i, (size_t)n, cp);
    i += (size_t)n;
  }
  if (st == VC_OK)
    st = vc_sbuf_finish(&b, len, out);
  vc_sbuf_release(&b);
  return st;
}

void vc_speakable_free(vc_speakable *s) {
  if (!s)
    return;
  free(s->text);
  free(s->map);
  free(s);
}
