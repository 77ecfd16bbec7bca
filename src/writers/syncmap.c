/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync map (NAME.json): speakers, turns with word times, and cues, times in seconds. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cues_text.h"
#include "writers.h"

/* Writes s[0..n) as a JSON string (jansson does the escaping). Numbers are printed here
 * from integer milliseconds so that every time shows exactly three decimals. */
static vc_status put_str(FILE *f, const char *s, size_t n) {
  json_t *j = json_stringn(s ? s : "", s ? n : 0);
  char *out = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
  json_decref(j);
  if (!out)
    return j ? VC_ERR_NOMEM : VC_ERR_UTF8;
  fputs(out, f);
  free(out);
  return VC_OK;
}

static vc_status put_cstr(FILE *f, const char *s) {
  return put_str(f, s, s ? strlen(s) : 0);
}

static void put_secs(FILE *f, int64_t ms) {
  char b[40];
  vc_cap_seconds(b, sizeof b, ms);
  fputs(b, f);
}

static void put_span(FILE *f, const vc_timeline *tl, uint64_t start, uint64_t end) {
  fputs("\"start\": ", f);
  put_secs(f, vc_cap_ms(start, tl->sample_rate, 0));
  fputs(", \"end\": ", f);
  put_secs(f, vc_cap_ms(end, tl->sample_rate, 1));
}

static vc_status put_speakers(FILE *f, const vc_doc *d) {
  const vc_script *s = d->script;
  vc_status st = VC_OK;
  fputs("  \"speakers\": [", f);
  for (size_t i = 0; st == VC_OK && i < s->n_speakers; i++) {
    const vc_voice *v = d->cast && i < d->cast->n_speakers ? d->cast->voice[i] : NULL;
    fprintf(f, "%s\n    {\"id\": %zu, \"name\": ", i ? "," : "", i);
    st = put_cstr(f, vc_cap_name(s, i));
    fprintf(f, ", \"role\": \"%s\", \"voice\": ", vc_role_name(s->speakers[i].role));
    if (st == VC_OK)
      st = put_cstr(f, v && v->id ? v->id : "");
    fputc('}', f);
  }
  fputs("\n  ],\n", f);
  return st;
}

/* The words of turn `ti`, which start at timeline word *k (words come turn by turn). */
static vc_status put_words(FILE *f, const vc_doc *d, size_t ti, size_t *k) {
  const vc_timeline *tl = d->timeline;
  const vc_turn *t = &d->script->turns[ti];
  vc_status st = VC_OK;
  fputs("\"words\": [", f);
  for (size_t n = 0; st == VC_OK && *k < tl->n_words && tl->words[*k].turn == ti;
       (*k)++, n++) {
    const vc_word *w = &tl->words[*k];
    if (w->start_byte > w->end_byte || w->end_byte > t->text_len)
      return VC_ERR_ARG;
    fprintf(f, "%s\n        {\"text\": ", n ? "," : "");
    st = put_str(f, t->text + w->start_byte, w->end_byte - w->start_byte);
    fputs(", ", f);
    put_span(f, tl, w->start, w->end);
    fputc('}', f);
  }
  fputs("]", f);
  return st;
}

static vc_status put_turns(FILE *f, const vc_doc *d) {
  const vc_script *s = d->script;
  const vc_timeline *tl = d->timeline;
  vc_status st = VC_OK;
  size_t k = 0;
  fputs("  \"turns\": [", f);
  for (size_t i = 0; st == VC_OK && i < s->n_turns; i++) {
    const vc_turn *t = &s->turns[i];
    vc_span span = i < tl->n_turns ? tl->turns[i] : (vc_span){0, 0};
    while (k < tl->n_words && tl->words[k].turn < i)
      k++;
    fprintf(f, "%s\n    {\"speaker\": %zu, \"role\": \"%s\", ", i ? "," : "", t->speaker,
            vc_role_name(t->role));
    if (t->announcement) /* said by voicecap, not the article: no source span */
      fputs("\"announcement\": true, ", f);
    put_span(f, tl, span.start, span.end);
    if (!t->announcement)
      fprintf(f, ", \"source_start\": %zu, \"source_end\": %zu", t->src_start, t->src_end);
    fputs(",\n      \"text\": ", f);
    st = put_str(f, t->text, t->text_len);
    fputs(",\n      ", f);
    if (st == VC_OK)
      st = put_words(f, d, i, &k);
    fputc('}', f);
  }
  fputs("\n  ],\n", f);
  return st;
}

static vc_status put_cues(FILE *f, const vc_doc *d) {
  vc_status st = VC_OK;
  fputs("  \"cues\": [", f);
  for (size_t i = 0; st == VC_OK && i < d->cues->n; i++) {
    const vc_cue *q = &d->cues->cues[i];
    fprintf(f, "%s\n    {\"start\": ", i ? "," : "");
    put_secs(f, q->start_ms);
    fputs(", \"end\": ", f);
    put_secs(f, q->end_ms);
    fprintf(f, ", \"speaker\": %zu, \"lines\": [", q->speaker);
    for (size_t l = 0; st == VC_OK && l < q->n_lines; l++) {
      if (l)
        fputs(", ", f);
      st = put_cstr(f, q->lines[l]);
    }
    fputs("]}", f);
  }
  fputs("\n  ]\n", f);
  return st;
}

vc_status vc_write_syncmap(FILE *f, const vc_doc *d) {
  if (!f || !d || !d->script || !d->timeline || !d->cues)
    return VC_ERR_ARG;
  const vc_timeline *tl = d->timeline;
  fputs("{\n  \"source\": ", f);
  vc_status st = put_cstr(f, d->source_name);
  fputs(",\n  \"audio\": ", f);
  if (st == VC_OK)
    st = put_cstr(f, d->audio_name);
  fprintf(f, ",\n  \"sample_rate\": %d,\n  \"duration\": ", tl->sample_rate);
  put_secs(f, vc_cap_ms(tl->n_samples, tl->sample_rate, 1));
  fputs(",\n", f);
  if (st == VC_OK)
    st = put_speakers(f, d);
  if (st == VC_OK)
    st = put_turns(f, d);
  if (st == VC_OK)
    st = put_cues(f, d);
  fputs("}\n", f);
  return st == VC_OK ? vc_cap_stream_status(f) : st;
}
