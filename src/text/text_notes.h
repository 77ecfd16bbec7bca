/* Sound notes and stage directions in display text ("[laughs]", "(APPLAUSE)"): found by
 * the speakable text (not spoken) and by the cue builder (shown as "[laughs]"). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_TEXT_NOTES_H
#define VC_TEXT_NOTES_H

#include <stddef.h>

/* When a sound note or stage direction starts at byte `i` of s[0..len), returns the
 * byte just past its closing bracket; else 0. A note is a group in square brackets or
 * parentheses that starts a word (nothing but white space or an opening quote before
 * it), closes within the line, ends a word (white space, punctuation or the end after
 * it), holds 1 to 8 words, at least one of them from data/sound-notes.tsv, and no first-
 * or second-person pronoun. Evidence only from the text itself, never an example. */
size_t vc_note_end(const char *s, size_t len, size_t i);

/* The caption form of a note's text s[0..n) (as vc_note_end found it, possibly with
 * punctuation after it): square brackets, lower case, no full stop before the closing
 * bracket ("[Witness conferring with counsel.]" -> "[witness conferring with counsel]").
 * Writes at most `size` - 1 bytes and a NUL to `out`; returns the bytes written. */
size_t vc_note_caption(const char *s, size_t n, char *out, size_t size);

#endif
