/* libFuzzer target: text -> segmentation -> speakable text -> espeak-ng synthesis, in
 * process, over short inputs: proves the engine guard (no word espeak-ng cannot take). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "synth.h"
#include "text.h"
#include "voicecap/voicecap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { VC_FUZZ_ENGINE_MAX = 400 }; /* bytes of input: synthesis costs ~1 ms a byte */

static vc_status drop_pcm(void *user, const int16_t *pcm, size_t n) {
  (void)user, (void)pcm, (void)n;
  return VC_OK;
}

/* espeak-ng is set up once per process (it cannot be restarted); the rules likewise. */
static vc_synth *engine(vc_speak_rules **rules) {
  static vc_synth *synth;
  static vc_speak_rules *r;
  static int tried;
  if (!tried) {
    tried = 1;
    if (vc_synth_new(&synth, NULL) != VC_OK)
      abort();
    vc_speak_rules_load(NULL, &r, NULL); /* without them: built-in rules only */
  }
  *rules = r;
  return synth;
}

/* Speaks every paragraph of the turn, as the renderer does, one voice a speaker. */
static void speak(vc_synth *synth, const vc_speak_rules *rules, const vc_turn *t) {
  static const char *const variants[] = {"", "m3", "f2"};
  vc_voice v = {.id = "fuzz",
                .language = t->speaker % 2 ? "en-us" : "en-gb",
                .variant = (char *)variants[t->speaker % 3],
                .rate = 175,
                .pitch = 50,
                .range = 50};
  for (size_t start = 0; start < t->text_len;) {
    const char *nl = memchr(t->text + start, '\n', t->text_len - start);
    size_t end = nl ? (size_t)(nl - t->text) : t->text_len;
    vc_speakable *sp = NULL;
    if (end > start &&
        vc_speakable_new_with(rules, t->text + start, end - start, &sp) == VC_OK) {
      vc_synth_word *words = NULL;
      size_t n_words = 0;
      uint64_t n_samples = 0;
      vc_synth_speak(synth, &v, sp->text, drop_pcm, NULL, &words, &n_words, &n_samples,
                     NULL);
      free(words);
    }
    vc_speakable_free(sp);
    start = end + 1;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const vc_segment_opts opts = {.no_dictionary = 1};
  vc_text *t = NULL;
  vc_script *s = NULL;
  if (size > VC_FUZZ_ENGINE_MAX ||
      vc_text_from_memory((const char *)data, size, "fuzz", &t, NULL) != VC_OK)
    return 0;
  vc_speak_rules *rules = NULL;
  vc_synth *synth = engine(&rules);
  if (vc_segment_with(t->bytes, t->len, &opts, &s, NULL) == VC_OK) {
    for (size_t i = 0; i < s->n_turns; i++)
      speak(synth, rules, &s->turns[i]);
  }
  vc_script_free(s);
  vc_text_free(t);
  return 0;
}
