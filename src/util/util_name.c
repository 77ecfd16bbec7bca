/* File names shown to people: in outputs (base name, valid UTF-8) and in one-line messages.
 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "util_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Bytes of the valid UTF-8 sequence at `p` (`left` bytes remain), or 0. */
static size_t utf8_len(const char *p, size_t left) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p,
                                        (utf8proc_ssize_t)(left < 4 ? left : 4), &cp);
  return n > 0 ? (size_t)n : 0;
}

static int is_control(unsigned char c) {
  return c < 0x20 || c == 0x7F;
}

char *vc_name_display(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t len = strlen(base);
  char *out = malloc(len * 3 + 1); /* each byte at most U+FFFD's three */
  if (!out)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len;) {
    size_t n = is_control((unsigned char)base[i]) ? 0 : utf8_len(base + i, len - i);
    if (n == 0) {
      memcpy(out + k, "\xEF\xBF\xBD", 3);
      k += 3, i++;
    } else {
      memcpy(out + k, base + i, n);
      k += n, i += n;
    }
  }
  out[k] = '\0';
  return out;
}

/* The escape for the byte `c`, written into `esc` (at least 5 bytes). */
static void escape_byte(unsigned char c, char *esc) {
  const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
  if (named)
    snprintf(esc, 5, "%s", named);
  else
    snprintf(esc, 5, "\\x%02X", c);
}

void vc_msg_escape(const char *msg, char *out, size_t size) {
  size_t len = strlen(msg), k = 0;
  if (size == 0)
    return;
  for (size_t i = 0; i < len;) {
    char esc[5];
    const char *piece = esc;
    size_t n = 0;
    unsigned char c = (unsigned char)msg[i];
    if (c == '\\') {
      piece = "\\\\", n = 2, i++;
    } else if (!is_control(c) && (n = utf8_len(msg + i, len - i)) > 0) {
      piece = msg + i, i += n;
    } else {
      escape_byte(c, esc), n = strlen(esc), i++;
    }
    if (k + n >= size)
      break;
    memcpy(out + k, piece, n);
    k += n;
  }
  out[k] = '\0';
}
