/* libFuzzer target: the segmenter and the speakable-text builder over arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "voicecap/voicecap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vc_text *t = NULL;
  if (vc_text_from_memory((const char *)data, size, "fuzz", &t, NULL) != VC_OK)
    return 0;
  vc_script *s = NULL;
  if (vc_segment(t->bytes, t->len, &s, NULL) == VC_OK) {
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
