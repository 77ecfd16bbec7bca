/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SubRip (.srt) writer: numbered cues, HH:MM:SS,mmm times, neutralised markup. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cues_text.h"
#include "writers.h"

/* SRT has no escaping, and players read markup in it: <b>…</b>, <font>, and (players
 * built on FFmpeg and libass) {\an8}-style override blocks and \N, \n, \h. Untrusted
 * text is neutralised with characters that look the same in DejaVu Sans and common
 * subtitle fonts, so the reader still sees what the article printed:
 *   '<' -> U+02C2 MODIFIER LETTER LEFT ARROWHEAD, '>' -> U+02C3 (also turns a "-->"
 *          in the text into something no parser takes for a timing line),
 *   '{' -> U+2774 MEDIUM LEFT CURLY BRACKET ORNAMENT, '}' -> U+2775,
 *   '\' before N, n or h -> '\' + U+2060 WORD JOINER (invisible, not a break),
 *   '&' before a letter or '#' -> '&' + U+2060, so no player decodes "&amp;" as '&'.
 * Lines never contain line breaks or are empty (the cue builder sees to it). */
static void put_neutral(vc_sbuf *b, const char *s) {
  for (size_t i = 0; s[i]; i++) {
    char c = s[i];
    if (c == '<')
      vc_sbuf_adds(b, "\xCB\x82");
    else if (c == '>')
      vc_sbuf_adds(b, "\xCB\x83");
    else if (c == '{')
      vc_sbuf_adds(b, "\xE2\x9D\xB4");
    else if (c == '}')
      vc_sbuf_adds(b, "\xE2\x9D\xB5");
    else if (c == '\\' && (s[i + 1] == 'N' || s[i + 1] == 'n' || s[i + 1] == 'h'))
      vc_sbuf_adds(b, "\\\xE2\x81\xA0");
    else if (c == '&' && (s[i + 1] == '#' || isalpha((unsigned char)s[i + 1])))
      vc_sbuf_adds(b, "&\xE2\x81\xA0");
    else
      vc_sbuf_addc(b, c);
  }
}

static vc_status write_cue(FILE *f, size_t number, const vc_cue *q) {
  char a[32], z[32];
  vc_cap_time_ms(a, sizeof a, q->start_ms, ',');
  vc_cap_time_ms(z, sizeof z, q->end_ms, ',');
  vc_sbuf b = {0};
  for (size_t l = 0; l < q->n_lines; l++) {
    put_neutral(&b, q->lines[l]);
    vc_sbuf_addc(&b, '\n');
  }
  char *text = vc_sbuf_take(&b);
  if (!text)
    return VC_ERR_NOMEM;
  fprintf(f, "%zu\n%s --> %s\n%s\n", number, a, z, text);
  free(text);
  return VC_OK;
}

vc_status vc_write_srt(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->cues)
    return VC_ERR_ARG;
  for (size_t k = 0; k < d->cues->n; k++) {
    vc_status st = write_cue(f, k + 1, &d->cues->cues[k]);
    if (st != VC_OK)
      return st;
  }
  return vc_cap_stream_status(f);
}
