/* A growing output string with a byte map back to the text it was derived from. */
#ifndef VC_TEXT_BUF_H
#define VC_TEXT_BUF_H

#include <stddef.h>

#include "voicecap/status.h"
#include "voicecap/text.h"

/* `map[i]` is the source offset of output byte `i`. Owned by the struct until finished. */
typedef struct vc_sbuf {
  char *text;
  size_t *map;
  size_t len;
  size_t cap;
} vc_sbuf;

void vc_sbuf_init(vc_sbuf *b);
/* Appends `n` bytes, all mapped to source offset `at`. */
vc_status vc_sbuf_put(vc_sbuf *b, const char *s, size_t n, size_t at);
/* Appends `n` bytes mapped one to one to source offsets `at`, `at + 1`, ... */
vc_status vc_sbuf_copy(vc_sbuf *b, const char *s, size_t n, size_t at);
/* Removes trailing spaces from the output. */
void vc_sbuf_trim_spaces(vc_sbuf *b);
/* Hands text and map to a new vc_speakable (map[len] = `src_len`); `b` is left empty. */
vc_status vc_sbuf_finish(vc_sbuf *b, size_t src_len, vc_speakable **out);
/* Hands text, length and map (map[len] = `src_len`) to the caller, who frees both with
 * free(); `b` is left empty. */
vc_status vc_sbuf_take(vc_sbuf *b, size_t src_len, char **text, size_t *len, size_t **map);
/* Frees whatever `b` still holds. */
void vc_sbuf_release(vc_sbuf *b);

#endif
