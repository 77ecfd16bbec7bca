/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test fixture for synthesis: a growing buffer of 16-bit samples and the sink callback that
 * keeps what the engine speaks into it. Included by test_limiter.c and test_speech_meter.c.
 */
#ifndef PCM_FIXTURE_H
#define PCM_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

#endif
