/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the segmenter and the speakable-text builder over arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "voicecap/voicecap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loading hunspell costs ~40 ms, so one input in eight goes through the dictionary
 * paths and the rest are fuzzed at full speed without them. */
static const vc_segment_opts *fuzz_seg_opts(size_t size) {
  static const vc_segment_opts with = {.no_dictionary = 0}, without = {.no_dictionary = 1};
  return size % 8 == 0 ? &with : &without;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vc_text *t = NULL;
  if (vc_text_from_memory((const char *)data, size, "fuzz", &t, NULL) != VC_OK)
    return 0;
  vc_script *s = NULL;
  if (vc_segment_with(t->bytes, t->len, fuzz_seg_opts(size), &s, NULL) == VC_OK) {
    for (size_t i = 0; i < s->n_turns; i++) {
      vc_speakable *sp = NULL;
      if (s->turns[i].speaker >= s->n_speakers || s->turns[i].src_end > t->len ||
          s->turns[i].src_start > s->turns[i].src_end)
        abort(); /* the contract in segment.h */
      if (vc_speakable_new(s->turns[i].text, s->turns[i].text_len, &sp) == VC_OK)
        vc_speakable_free(sp);
    }
  }
  vc_script_free(s);
  vc_text_free(t);
  return 0;
}
