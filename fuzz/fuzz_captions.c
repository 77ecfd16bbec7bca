/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: segmenter -> timeline -> cues -> every caption writer, with word times
 * made up from the text (no synthesis), so writers see arbitrary article text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "cues.h"
#include "synth.h"
#include "text.h"
#include "timeline.h"
#include "voicecap/voicecap.h"
#include "writers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loading hunspell costs ~40 ms, so one input in eight goes through the dictionary
 * paths and the rest are fuzzed at full speed without them. */
static const vc_segment_opts *fuzz_seg_opts(size_t size) {
  static const vc_segment_opts with = {.no_dictionary = 0}, without = {.no_dictionary = 1};
  return size % 8 == 0 ? &with : &without;
}

/* One made-up synth word per run of non-space bytes of the speakable text, 0.25 s each. */
static vc_synth_word *fake_words(const vc_speakable *sp, size_t *n, uint64_t *clock) {
  vc_synth_word *w = calloc(sp->len / 2 + 1, sizeof *w);
  *n = 0;
  for (size_t i = 0; w && i < sp->len;) {
    while (i < sp->len && sp->text[i] == ' ')
      i++;
    size_t j = i;
    while (j < sp->len && sp->text[j] != ' ')
      j++;
    if (j > i) {
      w[*n] =
          (vc_synth_word){.pos = i, .len = j - i, .start = *clock, .end = *clock + 5000};
      (*n)++;
      *clock += 5512;
    }
    i = j;
  }
  return w;
}

static vc_status add_turn(vc_timeline *tl, const vc_script *s, size_t ti, uint64_t *clock) {
  const vc_turn *t = &s->turns[ti];
  vc_speakable *sp = NULL;
  vc_status st = vc_speakable_new(t->text, t->text_len, &sp);
  if (st != VC_OK)
    return st;
  size_t n = 0;
  uint64_t local = 0;
  vc_synth_word *w = fake_words(sp, &n, &local);
  st =
      w ? vc_timeline_add(tl, ti, 0, t->text, t->text_len, sp, w, n, *clock) : VC_ERR_NOMEM;
  *clock += local + 15435;
  free(w);
  vc_speakable_free(sp);
  return st;
}

static void write_all(const vc_doc *doc) {
  vc_status (*const writers[])(FILE *, const vc_doc *) = {vc_write_srt, vc_write_vtt,
                                                          vc_write_ass, vc_write_syncmap};
  for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
      return;
    writers[i](f, doc);
    fclose(f);
    free(buf);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vc_text *t = NULL;
  vc_script *s = NULL;
  vc_timeline *tl = NULL;
  vc_cues *cues = NULL;
  if (size > 20000 ||
      vc_text_from_memory((const char *)data, size, "fuzz", &t, NULL) != VC_OK)
    return 0;
  if (vc_segment_with(t->bytes, t->len, fuzz_seg_opts(size), &s, NULL) != VC_OK ||
      vc_timeline_new(22050, s->n_turns, &tl) != VC_OK)
    goto done;
  uint64_t clock = 0;
  for (size_t i = 0; i < s->n_turns; i++)
    if (add_turn(tl, s, i, &clock) != VC_OK)
      goto done;
  tl->n_samples = clock;
  if (vc_cues_build(s, tl, &cues) != VC_OK)
    goto done;
  vc_voice voice = {.id = "fuzz", .language = "en", .variant = ""};
  const vc_voice **voices = calloc(s->n_speakers, sizeof *voices);
  unsigned *colours = calloc(s->n_speakers, sizeof *colours);
  for (size_t i = 0; voices && colours && i < s->n_speakers; i++)
    voices[i] = &voice, colours[i] = 0xFFFF00u;
  vc_cast cast = {.n_speakers = s->n_speakers, .voice = voices, .colour = colours};
  vc_doc doc = {.script = s,
                .timeline = tl,
                .cues = cues,
                .cast = &cast,
                .source_name = "fuzz.txt",
                .audio_name = "fuzz.wav",
                .flags = size & 1};
  if (voices && colours)
    write_all(&doc);
  free(voices);
  free(colours);
done:
  vc_cues_free(cues);
  vc_timeline_free(tl);
  vc_script_free(s);
  vc_text_free(t);
  return 0;
}
