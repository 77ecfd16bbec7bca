/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The transcript writer (NAME.transcript.txt): speakers, turn times and text, WCAG 1.2.1.
 */
#include <stdlib.h>
#include <string.h>

#include "writers_internal.h"

/* "HH:MM:SS", rounded down to the second. */
static void put_clock(FILE *f, int64_t ms) {
  char t[32];
  vc_cap_time_ms(t, sizeof t, ms, '.');
  t[8] = '\0';
  fputs(t, f);
}

/* The turn's text with its paragraph breaks kept and any other control character shown
 * as a space. */
static vc_status put_text(FILE *f, const vc_turn *t) {
  vc_sbuf b = {0};
  size_t i = 0;
  while (i < t->text_len) {
    size_t at = i;
    int32_t cp = vc_utf8_next(t->text, t->text_len, &i);
    if (cp == '\n')
      vc_sbuf_addc(&b, '\n');
    else if (cp < 0 || vc_cap_is_control(cp))
      vc_sbuf_addc(&b, ' ');
    else
      vc_sbuf_add(&b, t->text + at, i - at);
  }
  char *s = vc_sbuf_take(&b);
  if (!s)
    return VC_ERR_NOMEM;
  fputs(s, f);
  free(s);
  return VC_OK;
}

static vc_status put_turn(FILE *f, const vc_doc *d, size_t i) {
  const vc_turn *t = &d->script->turns[i];
  char *name = vc_speaker_field(d->script, t->speaker, NULL);
  if (!name)
    return VC_ERR_NOMEM;
  fputs("\n[", f);
  put_clock(f, vc_turn_start_ms(d, i));
  fprintf(f, "] %s: ", name);
  free(name);
  vc_status st = put_text(f, t);
  fputc('\n', f);
  return st;
}

vc_status vc_write_transcript(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->script || !d->timeline)
    return VC_ERR_ARG;
  char *src = vc_cap_field(d->source_name ? d->source_name : "", NULL, "(unnamed)");
  char *audio = vc_cap_field(d->audio_name ? d->audio_name : "", NULL, "(none)");
  vc_status st = src && audio ? VC_OK : VC_ERR_NOMEM;
  if (st == VC_OK) {
    fprintf(f, "Transcript of %s\nAudio: %s, ", src, audio);
    put_clock(f, vc_cap_ms(d->timeline->n_samples, d->timeline->sample_rate, 1));
    fputc('\n', f);
    if (d->n_split_words)
      fprintf(f, "Note: %zu word%s longer than %d bytes %s read in pieces.\n",
              d->n_split_words, d->n_split_words == 1 ? "" : "s", VC_SPEAK_MAX_WORD_BYTES,
              d->n_split_words == 1 ? "was" : "were");
  }
  for (size_t i = 0; st == VC_OK && i < d->script->n_turns; i++)
    st = put_turn(f, d, i);
  free(src);
  free(audio);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
