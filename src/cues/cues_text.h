/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private helpers shared by the cue builder and the caption writers. */
#ifndef VC_CAPTEXT_H
#define VC_CAPTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "voicecap/segment.h"
#include "voicecap/status.h"

/* A growable NUL-terminated string. The first failed append sets `err`; later appends
 * are ignored, so callers check once at the end. Owns `s`; free with vc_sbuf_free. */
typedef struct vc_sbuf {
  char *s;
  size_t len, cap;
  int err;
} vc_sbuf;

void vc_sbuf_add(vc_sbuf *b, const char *p, size_t n);
void vc_sbuf_adds(vc_sbuf *b, const char *s);
void vc_sbuf_addc(vc_sbuf *b, char c);
/* Appends code point `cp` encoded as UTF-8. */
void vc_sbuf_addcp(vc_sbuf *b, int32_t cp);
/* Hands the string over (caller frees); NULL after an error (the buffer is freed). */
char *vc_sbuf_take(vc_sbuf *b);
void vc_sbuf_free(vc_sbuf *b);

/* Decodes the code point at s[*i] (s valid UTF-8 of length n) and advances *i. Returns
 * -1 and advances one byte on a malformed sequence. */
int32_t vc_utf8_next(const char *s, size_t n, size_t *i);

/* Characters as shown in s[0..n): extended grapheme clusters, not counting clusters made
 * only of invisible format characters (U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and
 * the like). The cue planner and the checker count with this one function. */
size_t vc_cap_chars(const char *s, size_t n);

/* 1 for code points that must never reach a caption line (C0/C1 controls, DEL, line and
 * paragraph separators). */
int vc_cap_is_control(int32_t cp);

/* 1 for an opening quote or bracket. */
int vc_cap_is_opening(int32_t cp);

/* 1 when s[0..n) starts, after any opening quotes and brackets, with a capital letter. */
int vc_cap_starts_upper(const char *s, size_t n);

/* The visible speaker label: `name` in capitals with white space and controls collapsed
 * to single spaces, followed by ':' (no trailing space). Caller frees. NULL on ENOMEM. */
char *vc_cap_label(const char *name);

/* Milliseconds of a sample position, rounded down (round_up = 0) or up. */
int64_t vc_cap_ms(uint64_t samples, int rate, int round_up);

/* Formats `ms` (clamped to >= 0) as HH:MM:SS<sep>mmm into buf (at least 32 bytes). */
void vc_cap_time_ms(char *buf, size_t size, int64_t ms, char sep);

/* Formats `ms` as seconds with exactly three decimals ("12.345"), locale-independent. */
void vc_cap_seconds(char *buf, size_t size, int64_t ms);

/* The display name of speaker `i` of the script, or "" when it has none. Borrowed. */
const char *vc_cap_name(const vc_script *script, size_t i);

/* A name for a single-line field: controls and line breaks become spaces, runs of white
 * space collapse, ends are trimmed, and each character equal to pairs[2k] (one UTF-8
 * character) is replaced by pairs[2k + 1]; `pairs` ends with NULL. Empty results become
 * `fallback`. Caller frees; NULL on ENOMEM. */
char *vc_cap_field(const char *name, const char *const *pairs, const char *fallback);

/* Appends s[0..n) escaped for ASS dialogue text (ass.c; exposed for the libass tests). */
void vc_ass_put_escaped(vc_sbuf *b, const char *s, size_t n);

/* Returns VC_ERR_IO when the stream has an error, else VC_OK. */
vc_status vc_cap_stream_status(FILE *f);

#endif
