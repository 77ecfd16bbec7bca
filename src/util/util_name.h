/* File names shown to people: in outputs (base name, valid UTF-8) and in one-line messages.
 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef VC_UTIL_NAME_H
#define VC_UTIL_NAME_H

#include <stddef.h>

/* The base name of `path` as an output shows it: valid UTF-8, every byte that is not part
 * of a valid sequence and every control character replaced by U+FFFD. New string (caller
 * frees), or NULL when out of memory. */
char *vc_name_display(const char *path);

/* Copies `msg` into `out` (`size` bytes, always terminated) so that it stays one line of
 * valid UTF-8: a newline becomes "\n", a tab "\t", a carriage return "\r", any other
 * control character or a byte outside a valid UTF-8 sequence "\xHH", a backslash "\\". */
void vc_msg_escape(const char *msg, char *out, size_t size);

#endif
