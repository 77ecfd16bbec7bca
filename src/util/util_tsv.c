/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a TSV field with its tabs, line ends and backslashes escaped. */
#include "util_tsv.h"

void vc_tsv_put_field(const char *s, size_t n, FILE *out) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '\t':
      fputs("\\t", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    default:
      fputc(s[i], out);
    }
  }
}
