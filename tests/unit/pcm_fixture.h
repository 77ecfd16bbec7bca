/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test fixture for synthesis: a growing buffer of 16-bit samples and the sink callback that
 * keeps what the engine speaks into it. Included by test_limiter.c and test_speech_meter.c.
 */
#ifndef PCM_FIXTURE_H
#define PCM_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "voicecap/voicecap.h"

typedef struct pcm_buf {
  int16_t *x;
  size_t n, cap;
} pcm_buf;

/* A sink: appends `n` samples to the pcm_buf `user`. */
static vc_status keep(void *user, const int16_t *pcm, size_t n) {
  pcm_buf *b = user;
  if (b->n + n > b->cap) {
    size_t cap = (b->n + n) * 2;
    int16_t *grown = realloc(b->x, cap * sizeof *grown);
    if (!grown)
      return VC_ERR_NOMEM;
    b->x = grown;
    b->cap = cap;
  }
  memcpy(b->x + b->n, pcm, n * sizeof *pcm);
  b->n += n;
  return VC_OK;
}

/* `text` spoken by real espeak-ng (en-gb, variant m3, range 40) at `rate` and `pitch`:
 * the caller frees the samples (`.x`). */
static pcm_buf pcm_speak(int rate, int pitch, const char *text) {
  vc_synth *s = NULL;
  assert_int_equal(vc_synth_new(&s, NULL), VC_OK);
  vc_voice v = {.id = "t",
                .language = "en-gb",
                .variant = "m3",
                .rate = rate,
                .pitch = pitch,
                .range = 40};
  pcm_buf b = {0};
  vc_synth_word *w = NULL;
  size_t nw = 0;
  uint64_t ns = 0;
  assert_int_equal(vc_synth_speak(s, &v, text, keep, &b, &w, &nw, &ns, NULL), VC_OK);
  free(w);
  vc_synth_free(s);
  return b;
}

#endif
