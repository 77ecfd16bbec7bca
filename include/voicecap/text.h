/* Loading interview text: UTF-8 validation, and speakable text with an offset map. */
#ifndef VOICECAP_TEXT_H
#define VOICECAP_TEXT_H

#include <stddef.h>

#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The bytes of one input file. `bytes` is NUL-terminated (the terminator is not part of
 * `len`); it is guaranteed valid UTF-8 without NUL bytes. */
typedef struct vc_text {
  char *bytes;
  size_t len;
  char *name; /* the path it was loaded from, or the name given */
} vc_text;

/* Reads `path` into a new vc_text. Fails with VC_ERR_IO, VC_ERR_UTF8 (diag names the byte
 * offset), VC_ERR_NUL (likewise) or VC_ERR_LIMIT (over 64 MiB). The caller frees *out
 * with vc_text_free. */
vc_status vc_text_load(const char *path, vc_text **out, vc_diag *diag);

/* Same checks over bytes already in memory (copied). */
vc_status vc_text_from_memory(const char *bytes, size_t len, const char *name,
                              vc_text **out, vc_diag *diag);

void vc_text_free(vc_text *t);

/* Checks that `bytes[0..len)` is valid UTF-8 with no NUL; on failure sets *bad_offset
 * to the offset of the first bad byte. */
vc_status vc_utf8_check(const char *bytes, size_t len, size_t *bad_offset);

/* Speakable text derived from a display text, for espeak-ng. `map[i]` is the byte
 * offset in the display text that speakable byte `i` came from (map has len + 1
 * entries; map[len] is the display length). Both strings are owned by the struct. */
typedef struct vc_speakable {
  char *text;
  size_t len;
  size_t *map;
} vc_speakable;

/* Builds the speakable form of `display` (typography, abbreviations, censored words,
 * pronunciations from the data tables). Caller frees with vc_speakable_free. */
vc_status vc_speakable_new(const char *display, size_t len, vc_speakable **out);
void vc_speakable_free(vc_speakable *s);

#ifdef __cplusplus
}
#endif
#endif
