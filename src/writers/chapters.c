/* The WebVTT chapters writer (NAME.chapters.vtt): one chapter per turn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "writers_internal.h"

static vc_status write_chapter(FILE *f, const vc_doc *d, size_t i) {
  char a[32], z[32];
  vc_cap_time_ms(a, sizeof a, vc_turn_start_ms(d, i), '.');
  vc_cap_time_ms(z, sizeof z, vc_chapter_end_ms(d, i), '.');
  char *title = vc_chapter_title(d, i);
  vc_sbuf b = {0};
  if (title)
    vc_vtt_put_escaped(&b, title, strlen(title));
  free(title);
  char *text = title ? vc_sbuf_take(&b) : NULL;
  if (!text) {
    vc_sbuf_free(&b);
    return VC_ERR_NOMEM;
  }
  fprintf(f, "turn-%zu\n%s --> %s\n%s\n\n", i + 1, a, z, text);
  free(text);
  return VC_OK;
}

vc_status vc_write_chapters(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->script || !d->timeline)
    return VC_ERR_ARG;
  fputs("WEBVTT\n\n", f);
  vc_status st = VC_OK;
  for (size_t i = 0; st == VC_OK && i < d->script->n_turns; i++)
    st = write_chapter(f, d, i);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
