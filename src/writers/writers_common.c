/* What several writers share: colour contrast, turn times, speaker names. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>

#include "writers_internal.h"

/* WCAG 2.2 relative luminance of an sRGB channel (0-255). */
static double channel_luminance(unsigned v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(unsigned c) {
  return 0.2126 * channel_luminance((c >> 16) & 0xFF) +
         0.7152 * channel_luminance((c >> 8) & 0xFF) + 0.0722 * channel_luminance(c & 0xFF);
}

double vc_contrast_ratio(unsigned a, unsigned b) {
  double la = luminance(a), lb = luminance(b);
  return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static unsigned mix_white(unsigned c, int step) {
  unsigned out = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    unsigned v = (c >> shift) & 0xFF;
    v += ((255u - v) * (unsigned)step + 16u) / 32u;
    out |= (v > 255u ? 255u : v) << shift;
  }
  return out;
}

static int contrasts_with_all(unsigned c, const unsigned *bg, size_t n, double ratio) {
  for (size_t i = 0; i < n; i++)
    if (vc_contrast_ratio(c, bg[i]) < ratio)
      return 0;
  return 1;
}

unsigned vc_colour_for_contrast(unsigned c, const unsigned *bg, size_t n, double ratio) {
  for (int step = 0; step <= 32; step++) {
    unsigned m = mix_white(c & 0xFFFFFFu, step);
    if (contrasts_with_all(m, bg, n, ratio))
      return m;
  }
  return 0xFFFFFF;
}

int64_t vc_turn_start_ms(const vc_doc *d, size_t i) {
  const vc_timeline *tl = d->timeline;
  return i < tl->n_turns ? vc_cap_ms(tl->turns[i].start, tl->sample_rate, 0) : 0;
}

int64_t vc_doc_duration_ms(const vc_doc *d) {
  return vc_cap_ms(d->timeline->n_samples, d->timeline->sample_rate, 1);
}

int64_t vc_turn_end_ms(const vc_doc *d, size_t i) {
  if (i + 1 < d->script->n_turns && i + 1 < d->timeline->n_turns)
    return vc_turn_start_ms(d, i + 1);
  return vc_doc_duration_ms(d);
}

char *vc_speaker_field(const vc_script *s, size_t sp, const char *const *pairs) {
  return vc_cap_field(vc_cap_name(s, sp), pairs, "Speaker");
}

char **vc_speaker_fields(const vc_script *s, const char *const *pairs) {
  size_t n = s->n_speakers;
  char **v = calloc(n ? n : 1, sizeof *v);
  for (size_t i = 0; v && i < n; i++)
    if (!(v[i] = vc_speaker_field(s, i, pairs))) {
      vc_speaker_fields_free(v, i);
      return NULL;
    }
  return v;
}

void vc_speaker_fields_free(char **v, size_t n) {
  for (size_t i = 0; v && i < n; i++)
    free(v[i]);
  free(v);
}
