/* The WebVTT chapters writer (NAME.chapters.vtt): the render's chapters, one per turn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "chapters_list.h"
#include "writers_internal.h"

static vc_status write_chapter(FILE *f, const vc_chapter *k) {
  char a[32], z[32];
  vc_cap_time_ms(a, sizeof a, k->start_ms, '.');
  vc_cap_time_ms(z, sizeof z, k->end_ms, '.');
  vc_sbuf b = {0};
  vc_vtt_put_escaped(&b, k->title, strlen(k->title));
  char *text = vc_sbuf_take(&b);
  if (!text)
    return VC_ERR_NOMEM;
  fprintf(f, "turn-%zu\n%s --> %s\n%s\n\n", k->turn + 1, a, z, text);
  free(text);
  return VC_OK;
}

vc_status vc_write_chapters(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->script || !d->timeline)
    return VC_ERR_ARG;
  vc_chapters *c = NULL;
  vc_status st = vc_chapters_build(d->script, d->timeline, &c);
  if (st != VC_OK)
    return st;
  fputs("WEBVTT\n\n", f);
  for (size_t i = 0; st == VC_OK && i < c->n; i++)
    st = write_chapter(f, &c->ch[i]);
  vc_chapters_free(c);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
