/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a TSV field so it stays on one line: tab, newline, carriage return and backslash
 * are written as \t, \n, \r and \\ (the turns TSV and the cast file). */
#ifndef VC_UTIL_TSV_H
#define VC_UTIL_TSV_H

#include <stddef.h>
#include <stdio.h>

void vc_tsv_put_field(const char *s, size_t n, FILE *out);

#endif
