/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing output string with a byte map back to the text it was derived from. */
#ifndef VC_TEXT_BUF_H
#define VC_TEXT_BUF_H

#include <stddef.h>

#include "text.h"
#include "voicecap/status.h"

/* `map[i]` is the source offset of output byte `i`. Owned by the struct until finished. */
typedef struct vc_mbuf {
  char *text;
  size_t *map;
  size_t len;
  size_t cap;
} vc_mbuf;

void vc_mbuf_init(vc_mbuf *b);
/* Appends `n` bytes, all mapped to source offset `at`. */
vc_status vc_mbuf_put(vc_mbuf *b, const char *s, size_t n, size_t at);
/* Appends `n` bytes mapped one to one to source offsets `at`, `at + 1`, ... */
vc_status vc_mbuf_copy(vc_mbuf *b, const char *s, size_t n, size_t at);
/* Removes trailing spaces from the output. */
void vc_mbuf_trim_spaces(vc_mbuf *b);
/* Hands text and map to a new vc_speakable (map[len] = `src_len`); `b` is left empty. */
vc_status vc_mbuf_finish(vc_mbuf *b, size_t src_len, vc_speakable **out);
/* Hands text, length and map (map[len] = `src_len`) to the caller, who frees both with
 * free(); `b` is left empty. */
vc_status vc_mbuf_take(vc_mbuf *b, size_t src_len, char **text, size_t *len, size_t **map);
/* Frees whatever `b` still holds. */
void vc_mbuf_release(vc_mbuf *b);

/* Cuts every run of `b` without white space that is longer than VC_SPEAK_MAX_WORD_BYTES
 * into pieces no longer, at grapheme boundaries, by inserting spaces (mapped like the
 * byte after them); the holds' offsets into `b` move with the text; *n_split counts the
 * runs cut. */
vc_status vc_speak_split_long(vc_mbuf *b, vc_hold *holds, size_t n_holds, size_t *n_split);

#endif
