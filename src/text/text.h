/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading interview text: UTF-8 validation, and speakable text with an offset map. */
#ifndef VOICECAP_TEXT_H
#define VOICECAP_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "voicecap/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits on one input, stated here once and checked before the work they guard; an
 * input over one fails with VC_ERR_LIMIT and a message that names the limit. The loader
 * refuses a larger file from its size, before reading it. */
#define VC_MAX_INPUT_BYTES ((size_t)16 << 20) /* 16 MiB */
#define VC_MAX_LINES ((size_t)1 << 20)        /* lines of one input */
#define VC_MAX_LINE_BYTES ((size_t)1 << 20)   /* bytes in one line */
#define VC_MAX_SPEAKERS 256                   /* speakers, the narrator included */
#define VC_MAX_LABELS 1024                    /* different speaker labels */

/* The bytes of one input file. `bytes` is NUL-terminated (the terminator is not part of
 * `len`); it is guaranteed valid UTF-8 without NUL bytes. */
typedef struct vc_text {
  char *bytes;
  size_t len;
  char *name; /* the path it was loaded from, or the name given */
} vc_text;

/* Reads `path` into a new vc_text. Fails with VC_ERR_IO (also for anything but a regular
 * file: a FIFO, a device or a folder is refused without waiting on it), VC_ERR_UTF8
 * (diag names the byte offset), VC_ERR_NUL (likewise) or VC_ERR_LIMIT (over
 * VC_MAX_INPUT_BYTES). A carriage return not followed by a line feed (old Mac line ends)
 * is read as a line feed; offsets do not change. The caller frees *out with
 * vc_text_free. */
vc_status vc_text_load(const char *path, vc_text **out, vc_diag *diag);

/* Same checks over all the bytes of an open stream (e.g. stdin), the text called `name`. */
vc_status vc_text_read(FILE *f, const char *name, vc_text **out, vc_diag *diag);

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
/* A pause in the speech for reading what the captions show but the voice leaves out (a
 * sound note, the rest of a link): `ms` of silence before speakable byte `at`; the
 * display word holding map[word] is shown during it. */
typedef struct vc_hold {
  size_t at, word;
  int ms;
} vc_hold;

typedef struct vc_speakable {
  char *text;
  size_t len;
  size_t *map;
  size_t n_split; /* words longer than VC_SPEAK_MAX_WORD_BYTES, read in pieces */
  vc_hold *holds; /* in order of `at`; NULL when there are none */
  size_t n_holds;
  const struct vc_speak_rules *rules; /* the tables it was made with (borrowed), or NULL */
} vc_speakable;

/* The longest word handed to espeak-ng, in bytes. espeak-ng 1.51 overflows a buffer (and
 * aborts) on some longer words: about 140 bytes of a stacked suffix such as "s's's'...",
 * or a soft-hyphen-joined compound. A longer run without a space is cut into pieces of
 * at most this size, at grapheme boundaries, and read piece by piece; the transcript
 * says how many words were. The longest English dictionary words have 45 letters. */
#define VC_SPEAK_MAX_WORD_BYTES 64

/* Builds the speakable form of `display` (typography, abbreviations, censored words,
 * pronunciations from the data tables, sound notes left out, links said by their site's
 * name). Caller frees with vc_speakable_free. */
vc_status vc_speakable_new(const char *display, size_t len, vc_speakable **out);
void vc_speakable_free(vc_speakable *s);

/* ---- speech conventions (data/pronunciations.tsv + hunspell) ------------------------- */

/* Pronunciation and abbreviation tables, and the system en_US hunspell dictionary (used
 * to tell ordinary words in capitals, "SIGN UP", from acronyms to spell, "NPR"). */
typedef struct vc_speak_rules vc_speak_rules;

/* Loads `data_dir`/pronunciations.tsv; `data_dir` NULL means the data folder
 * vc_folder_find finds (util_folders.h). Fails with VC_ERR_IO when the file is
 * missing, VC_ERR_CONFIG (diag: file and line) on a bad entry. A missing hunspell
 * dictionary is not an error (acronyms are then left to espeak-ng). Caller frees *out
 * with vc_speak_rules_free. */
vc_status vc_speak_rules_load(const char *data_dir, vc_speak_rules **out, vc_diag *diag);
/* The same with the hunspell dictionary `dict` already open (shared, not loaded again;
 * NULL: opened here). */
struct vc_dict;
vc_status vc_speak_rules_load_dict(const char *data_dir, struct vc_dict *dict,
                                   vc_speak_rules **out, vc_diag *diag);
void vc_speak_rules_free(vc_speak_rules *r);

/* vc_speakable_new with the tables of `r` (NULL: built-in rules only, which is what
 * vc_speakable_new does). Conventions: curly quotes and brackets are dropped, dashes
 * become a comma pause, "[04:00]" timestamps are dropped, censored words are said
 * "s-word" (bare) or "effing" (letter name + suffix), unknown all-capital words of up
 * to five letters are spelled ("A-S-L"), years and decades are said in words ("twenty
 * twenty", "nineteen nineties"), "$5 million" -> "5 million dollars", "10:00 AM" ->
 * "10 AM", "1-on-1" -> "1 on 1", "a/b" -> "a, b". Sound notes and stage directions
 * ("[laughs]", "(applause)", see data/sound-notes.tsv) are not spoken; a link is said as
 * its site's name ("https://www.example.org/a/b" -> "example dot org"), an e-mail address
 * as written with "dot" and "at". Where captions show more than is said (a note after
 * some speech, a link), a hold gives 50 ms of silence a character shown and not said, the
 * time to read it at 20 characters a second. Several speakable words may map to one
 * display word. */
vc_status vc_speakable_new_with(const vc_speak_rules *r, const char *display, size_t len,
                                vc_speakable **out);

/* 1 when the display word ending at byte `word_end` of `s[0..len)` (end exclusive,
 * trailing punctuation included) closes a sentence: it ends in ! or ? (before closing
 * quotes or brackets), or in . or an ellipsis where the text does not go on in lower
 * case or with a digit ("U.S. yet", "No. 5", "wait... what") and the word is not a
 * title of data/pronunciations.tsv or an initial ("Mr. Smith", "Jay L. Smith"). `r` may
 * be NULL (built-in judgement only: initials). */
int vc_sentence_end(const vc_speak_rules *r, const char *s, size_t len, size_t word_end);

/* ---- glued-word repair for display text ---------------------------------------------- */

/* What glue repair knows about one document: its own vocabulary (words and names used
 * elsewhere in it, title phrases), the hunspell dictionary and data/glue.tsv. */
typedef struct vc_glue_ctx vc_glue_ctx;

/* Builds the context from the whole document `doc[0..len)` (valid UTF-8; not kept).
 * `data_dir` as for vc_speak_rules_load. Fails with VC_ERR_IO when data/glue.tsv is
 * missing. Caller frees *out with vc_glue_ctx_free. */
vc_status vc_glue_ctx_new(const char *doc, size_t len, const char *data_dir,
                          vc_glue_ctx **out, vc_diag *diag);
/* The same with the hunspell dictionary `dict` already open (shared; NULL: opened here). */
vc_status vc_glue_ctx_new_dict(const char *doc, size_t len, const char *data_dir,
                               struct vc_dict *dict, vc_glue_ctx **out, vc_diag *diag);
void vc_glue_ctx_free(vc_glue_ctx *g);

/* Re-inserts the spaces lost when italics were stripped from `s[0..len)` (one turn's or
 * paragraph's display text): "directorJane" -> "director Jane", "(JaneDoe)" ->
 * "(Jane Doe)", "the Great Expectationsnovel" -> "the Great Expectations novel", "a
 * way,Great" -> "a way, Great", "ended.Jane" -> "ended. Jane". A split needs evidence:
 * hunspell words on both sides, names known to the dictionary or used elsewhere in the
 * document, and for a title's closing join ("Expectationsnovel") the title also ending
 * elsewhere in the document. Real compounds ("YouTube", "iPhone", "McDonald",
 * "PlayStation", "MacBook") are kept. On success *out (NUL-terminated, *out_len bytes) and
 * *map (*out_len + 1 entries:
 * (*map)[i] = offset in `s` of output byte i, an inserted space takes the offset of the
 * byte after it; (*map)[*out_len] = len) are new buffers the caller frees with free().
 * `ctx` NULL: punctuation joins only. */
vc_status vc_unglue(const char *s, size_t len, const vc_glue_ctx *ctx, char **out,
                    size_t *out_len, size_t **map);

/* 1 when `s[0..len)` may hold a join vc_unglue repairs, so that texts without one can be
 * left alone cheaply: a lower-case letter before a capital ("filmmakerJane"), before
 * punctuation and a letter ("way,Then"), or a capitalised word after a capitalised word
 * or a title's small word, where a title may end glued to the next word ("Sound of
 * Metalis"). */
int vc_glue_suspect(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
